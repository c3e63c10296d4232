"""Stage 7 — security and compliance (SKELETON: the Stages 7-9 issue builds it)."""

from __future__ import annotations

from archwright.models.api import ApiContract
from archwright.models.domain import DomainModel
from archwright.models.schema import SchemaDesign
from archwright.models.security import SecurityDesign
from archwright.models.signals import Signals


def build_security(
    signals: Signals,
    domain: DomainModel,
    api: ApiContract | None,
    schema: SchemaDesign | None,
) -> SecurityDesign | None:
    return None
