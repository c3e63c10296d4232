"""Stage 8 output: caching, queues, error handling, scaling path and the cost model."""

from __future__ import annotations

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


class CostTier(Model):
    concurrent_users: int
    monthly_usd: int
    components: str


class ScalabilityDesign(Model):
    caching: list[CachedResource]
    cache_anti_patterns: list[str]
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
