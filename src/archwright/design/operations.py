"""Stage 9 — observability and CI/CD (SKELETON: the Stages 7-9 issue builds it)."""

from __future__ import annotations

from archwright.design.stack import Stack
from archwright.models.decisions import ArchitectureDecision
from archwright.models.domain import DomainModel
from archwright.models.operations import OperationsDesign
from archwright.models.signals import Signals


def build_operations(
    signals: Signals, domain: DomainModel, architecture: ArchitectureDecision, stack: Stack
) -> OperationsDesign | None:
    return None
