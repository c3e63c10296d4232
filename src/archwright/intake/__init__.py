"""Stage 1 — intake and behavioral classification.

``extract(prompt, overrides)`` is the only public entry: it reads the prompt (and nothing
else) and returns the :class:`Signals` plus the product's :class:`DomainModel`.
"""

from archwright.intake.extract import extract

__all__ = ["extract"]
