"""Stage 6 — data schema (SKELETON: the Stages 4-6 issue builds it)."""

from __future__ import annotations

from archwright.models.decisions import DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.schema import SchemaDesign
from archwright.models.signals import Signals


def build_schema(signals: Signals, domain: DomainModel, data: DataStrategy) -> SchemaDesign | None:
    return None
