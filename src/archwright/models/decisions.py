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
    # the tool that applies migration_strategy (Stage 4's Schema Migrations row); empty in
    # documents written before it was recorded
    migration_tool: str = ""
    backup_strategy: BackupStrategy
    # families the Stage 3 gate excluded from the primary role, with why
    excluded_families: dict[DbFamily, str] = Field(default_factory=dict)
    # a requested database that lost the scoring: the conflict stated in words
    preference_conflict: str | None = None


# ---- knowledge/scoring.yaml -----------------------------------------------------------------


class ScoringRule(Model):
    """One line of the Stage 3 matrix: when ``when`` holds, ``family`` gets ``points``."""

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    family: DbFamily
    points: int = Field(ge=-5, le=5)
    seed: bool  # True: the spec's own weight; False: archwright's documented addition
    when: str = Field(pattern=r"^[a-z0-9_]+$")  # predicate name in decide/data_strategy.py
    text: str = Field(min_length=5)
    rationale: str = Field(min_length=20)


class ProductWord(Model):
    family: DbFamily
    product: str | None  # canonical name; None for ORMs/frameworks (experience, not a database)


class ScoringMatrix(Model):
    tie_break: list[DbFamily] = Field(min_length=6, max_length=6)
    eventually_consistent: list[DbFamily]
    rules: list[ScoringRule] = Field(min_length=1)
    products: dict[DbFamily, dict[str, str]]
    time_series_archetype_words: list[str]
    traversal_archetype_words: list[str]
    search_archetype_words: list[str]
    product_words: dict[str, ProductWord]


# ---- knowledge/assumptions.yaml -------------------------------------------------------------


class FieldRisk(Model):
    label: str
    question: str = Field(min_length=10)
    risk: str = Field(min_length=10)


class AssumptionKnowledge(Model):
    fields: dict[str, FieldRisk]
