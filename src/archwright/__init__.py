"""archwright: a product description in, a design-review-ready architecture document out.

Imports are lazy so ``archwright --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archwright._version import __version__

if TYPE_CHECKING:
    from archwright.api import generate, verify
    from archwright.models.document import ArchitectureDocument

__all__ = ["ArchitectureDocument", "__version__", "generate", "verify"]


def __getattr__(name: str) -> Any:
    if name in ("generate", "verify"):
        from archwright import api

        return getattr(api, name)
    if name == "ArchitectureDocument":
        from archwright.models.document import ArchitectureDocument

        return ArchitectureDocument
    raise AttributeError(f"module 'archwright' has no attribute {name!r}")
