"""Stage 1 output: the behavioral classification and every signal the later stages read.

Every leaf is a :class:`Leaf` (value + inferred flag + evidence). An explicit leaf quotes the
prompt; an inferred one explains the inference. No leaf is ever empty.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import Field, field_validator

from archwright.models.base import Model

T = TypeVar("T")

ProductType = Literal[
    "saas",
    "mobile_app",
    "internal_tool",
    "api",
    "marketplace",
    "consumer_app",
    "iot",
    "developer_tool",
    "other",
]
Stage = Literal["mvp", "growth", "scale", "legacy_modernization"]
Platform = Literal["web", "ios", "android", "desktop", "api_only", "embedded", "cross_platform"]
TeamSize = Literal["solo", "2-5", "5-20", "20+", "unknown"]
Behavior = Literal["read_heavy", "write_heavy", "real_time", "compute_heavy", "balanced_crud"]
Constraint = Literal["latency", "throughput", "consistency", "availability", "cost"]
Relationships = Literal[
    "highly_relational", "loosely_relational", "document", "graph", "time_series", "key_value"
]
SchemaStability = Literal["fixed", "evolving_slowly", "rapidly_changing", "varies_per_record"]
Volume = Literal["lt_1gb", "1gb_1tb", "gt_1tb", "unknown"]
Sensitivity = Literal["none", "pii", "financial", "health", "legal"]
Consistency = Literal["strong", "eventual", "flexible"]
TrafficPattern = Literal["steady", "spiky", "seasonal", "unpredictable"]
Geo = Literal["single_region", "multi_region", "global"]
Growth = Literal["flat", "linear", "exponential", "unknown"]
Webhooks = Literal["inbound", "outbound", "both", "none"]
BudgetTier = Literal["bootstrapped", "seed", "series_a_plus", "enterprise", "unknown"]
Compliance = Literal["gdpr", "ccpa", "hipaa", "pci", "soc2"]
Cloud = Literal["aws", "gcp", "azure", "agnostic", "self_hosted", "unknown"]
Infra = Literal["greenfield", "existing"]
# live media the product carries: two-way calls (WebRTC) or one-to-many live broadcast
Media = Literal["live_calls", "live_broadcast"]
Impact = Literal["high", "medium", "low"]

# Ordered enumerations: the decision tree compares these as ordered ("20+" meets "20+",
# "enterprise" meets "Series A+"). "unknown" ranks lowest so it never satisfies a threshold.
TEAM_ORDER: dict[str, int] = {"unknown": -1, "solo": 0, "2-5": 1, "5-20": 2, "20+": 3}
BUDGET_ORDER: dict[str, int] = {
    "unknown": -1,
    "bootstrapped": 0,
    "seed": 1,
    "series_a_plus": 2,
    "enterprise": 3,
}
STAGE_ORDER: dict[str, int] = {"mvp": 0, "growth": 1, "scale": 2, "legacy_modernization": 2}
SENSITIVITY_ORDER: dict[str, int] = {"none": 0, "pii": 1, "legal": 2, "financial": 3, "health": 4}


class Leaf(Model, Generic[T]):
    """One Stage 1 field: its value, whether it was inferred, and why."""

    value: T
    inferred: bool
    evidence: str = Field(min_length=1)

    @field_validator("evidence")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("evidence must not be blank")
        return v


class Intensity(Model):
    """A behavioral score (1 = barely, 5 = dominant) with its evidence and what it implies."""

    score: int = Field(ge=1, le=5)
    inferred: bool
    evidence: str = Field(min_length=1)
    implication: str = Field(min_length=1)


class ProductSignals(Model):
    name: Leaf[str]
    product_type: Leaf[ProductType]
    stage: Leaf[Stage]
    platform_targets: Leaf[list[Platform]]
    team_size: Leaf[TeamSize]
    archetype: Leaf[str]  # extension: id of the knowledge archetype the product matched


class BehaviorSignals(Model):
    read_intensity: Intensity
    write_intensity: Intensity
    real_time_intensity: Intensity
    compute_intensity: Intensity
    primary_behavior: Leaf[Behavior]
    secondary_behavior: Leaf[Behavior | None]
    dominant_constraint: Leaf[Constraint]


class DataSignals(Model):
    relationships: Leaf[Relationships]
    schema_stability: Leaf[SchemaStability]
    volume: Leaf[Volume]
    sensitivity: Leaf[Sensitivity]
    consistency: Leaf[Consistency]


class ScaleSignals(Model):
    launch_users: Leaf[int]
    peak_concurrent_users: Leaf[int]
    traffic_pattern: Leaf[TrafficPattern]
    geo_distribution: Leaf[Geo]
    growth: Leaf[Growth]


class IntegrationSignals(Model):
    third_party_services: Leaf[list[str]]
    external_apis: Leaf[list[str]]
    auth_provider_needed: Leaf[bool]
    payments_needed: Leaf[bool]
    webhooks: Leaf[Webhooks]


class ConstraintSignals(Model):
    budget_tier: Leaf[BudgetTier]
    budget_monthly_usd: Leaf[int | None]
    compliance: Leaf[list[Compliance]]
    cloud_provider: Leaf[Cloud]
    existing_infrastructure: Leaf[Infra]
    latency_requirement: Leaf[str | None]


class Conflict(Model):
    """CONFLICT: [field A] vs [field B] — [tension], with how the document resolves it."""

    code: str  # stable rule id, e.g. "scale_vs_budget"
    fields: list[str] = Field(min_length=1)  # dotted paths into signals/preferences
    tension: str
    impact: Impact
    resolution: str


class Preference(Model):
    """Something the user asked for by name; later stages honor, reject or modify it."""

    subject: (
        str  # what it is about: "primary_database", "token_storage", "architecture_pattern", ...
    )
    requested: str  # the user's choice as named, e.g. "MongoDB"
    evidence: str  # the quote it came from
    decision: Literal["honored", "rejected", "modified"]
    reason: str
    alternative_role: str | None = (
        None  # where a rejected choice is kept, e.g. "secondary store for activity logs"
    )
    # extension: "use" (asked for) or "avoid" ("no Kafka", "avoid graph databases")
    stance: Literal["use", "avoid"] = "use"
    technology: str | None = None  # lexicon id, e.g. "mongodb", "serverless", "local_storage"
    family: str | None = None  # store family for databases: sql, document, key_value, graph, ...


class Directive(Model):
    """An instruction about the document itself, e.g. condense observability."""

    kind: str
    text: str


class EntityRef(Model):
    """Name of a domain entity Stage 1 found; the full model lives in :mod:`models.domain`."""

    name: str


class Signals(Model):
    product: ProductSignals
    behavior: BehaviorSignals
    data: DataSignals
    scale: ScaleSignals
    integration: IntegrationSignals
    constraints: ConstraintSignals
    conflicts: list[Conflict] = Field(default_factory=list)
    preferences: list[Preference] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    # extension: languages / frameworks / tools the user said they use ("we're a Go shop")
    stated_stack: list[str] = Field(default_factory=list)
    # extension: live video/voice the product carries (None: no live media stated); Stage 4
    # adds a media layer for it, on-demand video alone never gets one
    media: Leaf[list[Media]] | None = None

    def has_directive(self, kind: str) -> bool:
        return any(d.kind == kind for d in self.directives)

    def preference(self, subject: str) -> Preference | None:
        return next((p for p in self.preferences if p.subject == subject), None)
