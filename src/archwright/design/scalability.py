"""Stage 8 — scalability and reliability (SKELETON: the Stages 7-9 issue builds it)."""

from __future__ import annotations

from archwright.design.stack import Stack
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.scalability import ScalabilityDesign
from archwright.models.signals import Signals


def build_scalability(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    stack: Stack,
) -> ScalabilityDesign | None:
    return None
