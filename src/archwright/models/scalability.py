"""Stage 8 output: caching, queues, error handling, scaling path and the cost model."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archwright.models.base import Model


class CachedResource(Model):
    resource: str
    location: str
    key_format: str
    ttl_seconds: int = Field(ge=1)
    ttl_rationale: str
    invalidation: str
    pattern: str
    miss_behavior: str
    stampede_protection: str


class Job(Model):
    name: str
    trigger: str
    worker: str
    timeout_seconds: int = Field(ge=1)
    retry_policy: str
    dead_letter: str
    idempotency: str


class QueueDesign(Model):
    technology: str
    rationale: str
    jobs: list[Job]


class CircuitBreaker(Model):
    service: str
    failure_threshold: str
    open_duration: str
    fallback: str
    connect_timeout_ms: int
    read_timeout_ms: int


class ScalingPhase(Model):
    phase: str
    load: str
    actions: str


class CostLine(Model):
    component: str
    monthly_usd: int


class CostTier(Model):
    concurrent_users: int
    monthly_usd: int
    components: str
    phase: str | None = None  # e.g. "launch", "10x", "stated peak", "budget ceiling"
    line_items: list[CostLine] = Field(default_factory=list)
    monthly_usd_heavy: int | None = None  # same tier under the heavy-usage request rate
    # same tier with the live-media option the stack did not choose (managed vs self-hosted)
    monthly_usd_media_alternative: int | None = None
    media_alternative: str | None = None  # which option that column prices


class BudgetCapacity(Model):
    """What a stated monthly budget realistically carries under the cost model."""

    budget_monthly_usd: int
    supported_concurrent_low: int  # heavy usage per user
    supported_concurrent_high: int  # typical usage per user
    stated_peak_concurrent: int
    stated_peak_monthly_usd: int
    binding: Literal["budget", "scale", "none"]
    statement: str


class ScalabilityDesign(Model):
    caching: list[CachedResource]
    cache_anti_patterns: list[str]
    # entity -> why it is never cached although Stage 3 proposed caching it
    never_cached: dict[str, str] = Field(default_factory=dict)
    queue: QueueDesign | None
    error_handling: dict[str, str]
    circuit_breakers: list[CircuitBreaker]
    database_timeouts: str
    horizontal_scaling: dict[str, str]
    database_scaling_path: list[ScalingPhase]
    sharding_key: str
    cdn: dict[str, str] | None = None
    cost_model: list[CostTier] = Field(default_factory=list)
    binding_constraint: str | None = None
    cost_assumptions: list[str] = Field(default_factory=list)
    budget: BudgetCapacity | None = None
    queue_required: bool = False
    queue_required_reason: str | None = None
    scaling_trigger: str | None = None


# ---------------------------------------------------------------- knowledge file types


class RequestRates(Model):
    light: float = Field(gt=0)
    typical: float = Field(gt=0)
    heavy: float = Field(gt=0)


class CostAssumptions(Model):
    requests_per_user_per_second: RequestRates
    rps_per_app_instance: int = Field(ge=1)
    min_app_instances: int = Field(ge=1)
    db_share_of_requests: float = Field(gt=0, le=1)
    db_share_without_cache: float = Field(gt=0, le=1)
    websocket_connections_per_instance: int = Field(ge=1)
    egress_gb_per_concurrent_user_month: float = Field(ge=0)
    observability_free_below_usd: int = Field(ge=0)
    observability_share: float = Field(ge=0, le=1)
    multi_region_from_users: int = Field(ge=1)
    multi_region_multiplier: float = Field(ge=1)
    media_participants_per_node: int = Field(default=400, ge=1)
    media_egress_gb_per_concurrent_user_month: float = Field(default=160, ge=0)
    # minutes a concurrent media seat is connected in a month (the managed providers' unit)
    media_minutes_per_concurrent_seat_month: int = Field(default=14_400, ge=1)
    rationale: str = Field(min_length=10)


class UnitCost(Model):
    usd_month: float | None = None
    usd: float | None = None
    per_1000_rps_usd: float | None = None
    unit: str
    source: str = Field(min_length=10)
    rationale: str | None = None  # why this price stands for its kind of service


class CostComponents(Model):
    app_instance: UnitCost
    load_balancer: UnitCost
    egress_per_gb: UnitCost
    object_storage_base: UnitCost
    queue_base: UnitCost
    media_node: UnitCost | None = None  # live media server (WebRTC SFU / live ingest)
    # managed live media: billed per connected participant (calls) or viewer (broadcast) minute
    media_managed_participant_minute: UnitCost | None = None
    media_managed_viewer_minute: UnitCost | None = None


class CapacityTier(Model):
    max_rps: int = Field(ge=1)
    name: str
    usd_month: int = Field(ge=0)
    source: str = Field(min_length=10)


class CostKnowledge(Model):
    as_of: str = Field(pattern=r"^\d{4}-\d{2}$")
    currency: Literal["USD"]
    assumptions: CostAssumptions
    components: CostComponents
    database_tiers: list[CapacityTier] = Field(min_length=3)
    database_per_extra_shard_usd: int
    database_rps_per_extra_shard: int
    cache_tiers: list[CapacityTier] = Field(min_length=3)
    cache_per_extra_1m_rps_usd: int


class DependencyCategory(Model):
    """How to guard calls to one kind of external service (reliability.yaml)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    match: str  # regular expression over the service name
    failure_threshold: str
    open_duration: str
    connect_timeout_ms: int = Field(ge=100)
    read_timeout_ms: int = Field(ge=100)
    fallback: str = Field(min_length=10)
    rationale: str = Field(min_length=10)


class ReliabilityKnowledge(Model):
    dependencies: list[DependencyCategory] = Field(min_length=3)
