"""Stage 10 — the verification gate."""

from archwright.verify.gate import run_gate

__all__ = ["run_gate"]
