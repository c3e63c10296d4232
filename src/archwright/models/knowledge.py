"""Types of the knowledge files (``knowledge/*.yaml``). Data only; validated on load."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import Field

from archwright.models.base import Model
from archwright.models.domain import (
    BusinessMetric,
    DomainEndpoint,
    DomainEntity,
    DomainJob,
    DomainRole,
)
from archwright.models.signals import (
    Consistency,
    ProductType,
    Relationships,
    SchemaStability,
    Sensitivity,
    TrafficPattern,
)

T = TypeVar("T")


class Trigger(Model):
    phrase: str  # a regular expression, matched case-insensitively on word boundaries
    weight: int = Field(ge=1, le=10)


class ScoreDefault(Model):
    score: int = Field(ge=1, le=5)
    reason: str = Field(min_length=10)


class ValueDefault(Model, Generic[T]):
    value: T
    reason: str = Field(min_length=10)


class ArchetypeDefaults(Model):
    read_intensity: ScoreDefault
    write_intensity: ScoreDefault
    real_time_intensity: ScoreDefault
    compute_intensity: ScoreDefault
    relationships: ValueDefault[Relationships]
    schema_stability: ValueDefault[SchemaStability]
    sensitivity: ValueDefault[Sensitivity]
    consistency: ValueDefault[Consistency]
    traffic_pattern: ValueDefault[TrafficPattern]


class Archetype(Model):
    """A kind of product: how to recognise it and what it usually needs."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    description: str
    product_type: ValueDefault[ProductType]
    triggers: list[Trigger] = Field(min_length=1)
    defaults: ArchetypeDefaults
    entities: list[DomainEntity] = Field(min_length=1)
    endpoints: list[DomainEndpoint] = Field(min_length=1)
    roles: list[DomainRole] = Field(min_length=1)
    default_role: str
    jobs: list[DomainJob] = Field(default_factory=list)
    metrics: list[BusinessMetric] = Field(min_length=3)
    third_parties: list[str] = Field(default_factory=list)
