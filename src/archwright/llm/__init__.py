"""Optional model backends: the model proposes Stage 1 signals and domain models, the rules
dispose. Imported only when ``--llm`` is used; nothing here runs on the offline path.

Public entry: :func:`refine`.
"""

from archwright.llm.session import CALL_BUDGET, Refined, refine

__all__ = ["CALL_BUDGET", "Refined", "refine"]
