"""Stage 5 — API contract (SKELETON: the Stages 4-6 issue builds it)."""

from __future__ import annotations

from archwright.models.api import ApiContract
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.signals import Signals


def build_api(
    signals: Signals, domain: DomainModel, architecture: ArchitectureDecision, data: DataStrategy
) -> ApiContract | None:
    return None
