"""Assumptions Log and Open Questions (SKELETON: the core-engine issue fills them in)."""

from __future__ import annotations

from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.document import Assumption, OpenQuestion
from archwright.models.signals import Signals


def build_assumptions(
    signals: Signals, architecture: ArchitectureDecision, data: DataStrategy
) -> tuple[list[Assumption], list[OpenQuestion]]:
    return [], []
