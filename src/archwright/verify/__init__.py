"""Stage 10 — the verification gate."""

from __future__ import annotations

from typing import Any

__all__ = ["run_gate"]


def __getattr__(name: str) -> Any:
    # lazy: `lint-openapi` imports verify.* submodules and must not pay for the document models
    if name == "run_gate":
        from archwright.verify.gate import run_gate

        return run_gate
    raise AttributeError(name)
