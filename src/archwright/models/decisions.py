"""Stage 2 (architecture pattern) and Stage 3 (data strategy) outputs — the seed's keys."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archwright.models.base import Model

Pattern = Literal["monolith", "microservices", "serverless", "hybrid"]
DbFamily = Literal["sql", "document", "key_value", "wide_column", "time_series", "graph"]


class RejectedPattern(Model):
    pattern: str
    rejection_reason: str


class RuleFired(Model):
    rule: str  # e.g. "MONOLITH.team_size"
    field: str  # dotted Stage 1 path, e.g. "signals.product.team_size"
    value: str  # the value that fired it
    text: str  # human sentence


class ServiceTopology(Model):
    core_services: list[str] = Field(default_factory=list)
    async_workers: list[str] = Field(default_factory=list)
    real_time_layer: str | None = None
    cdn_layer: str | None = None
    edge_functions: list[str] = Field(default_factory=list)


class ModuleBoundary(Model):
    """A modulith module (or, for microservices, a service) and the behavior it owns."""

    name: str
    owns: list[str]  # entities / capabilities
    behavior: str  # behavioral class it serves, e.g. "read_heavy"
    justification: str


class PatternNote(Model):
    """What the seed asks each pattern to document (trap, cold start, lock-in, layer map...)."""

    topic: str
    text: str


class ArchitectureDecision(Model):
    architecture_pattern: Pattern
    pattern_label: str  # e.g. "Hybrid Monolith (modulith + WebSocket process + AI worker)"
    rule_fired: RuleFired
    pattern_rationale: str
    rejected_patterns: list[RejectedPattern]
    service_topology: ServiceTopology
    modules: list[ModuleBoundary] = Field(default_factory=list)
    notes: list[PatternNote] = Field(default_factory=list)
    deferred: list[str] = Field(default_factory=list)  # post-MVP flags, e.g. multi-region sync
    scaling_strategy: str
    deployment_target: str


class ScoreLine(Model):
    family: DbFamily
    points: int
    reason: str


class CachingStrategy(Model):
    tool: str | None
    pattern: str | None  # cache-aside / write-through / write-behind
    entities_cached: list[str] = Field(default_factory=list)
    ttl_policy: dict[str, str] = Field(default_factory=dict)
    invalidation_strategy: str | None = None
    pubsub: str | None = None  # Redis pub/sub for WebSocket routing when real-time >= 4
    cdn: str | None = None  # CDN / edge caching when traffic is spiky


class SecondaryDatabase(Model):
    technology: str
    family: DbFamily
    purpose: str
    from_preference: bool = False


class BackupStrategy(Model):
    frequency: str
    retention: str
    restore_test_schedule: str


class DataStrategy(Model):
    primary_database: str
    primary_database_family: DbFamily
    scores: dict[DbFamily, int]
    score_breakdown: list[ScoreLine]
    primary_db_rationale: str
    primary_db_wrong_if: str
    secondary_databases: list[SecondaryDatabase] = Field(default_factory=list)
    caching_strategy: CachingStrategy
    orm_or_query_builder: str
    migration_strategy: str
    backup_strategy: BackupStrategy
