"""Stage 4 — system overview (SKELETON: the Stages 4-6 issue builds it)."""

from __future__ import annotations

from archwright.design.stack import Stack
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.overview import Overview
from archwright.models.signals import Signals


def build_overview(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    stack: Stack,
) -> Overview | None:
    return None
