"""Technology selection shared by Stages 4, 8 and 9.

A pure function of Stage 1-3 outputs, so the tech stack registry (Stage 4), the queue and cache
design (Stage 8) and the observability tooling (Stage 9) name the same products.
(SKELETON: the Stages 4-6 issue drives it from ``knowledge/technologies.yaml``.)
"""

from __future__ import annotations

from pydantic import Field

from archwright.models.base import Model
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.signals import Signals


class Pick(Model):
    """One chosen technology for a layer, with why, and what else was considered."""

    layer: str
    technology: str | None  # None: the layer is not needed (justification says why)
    version_tier: str
    justification: str
    alternative_considered: str
    preference: str | None = None


class Stack(Model):
    runtime: Pick
    framework: Pick
    api_style: Pick
    primary_database: Pick
    cache: Pick
    queue: Pick
    realtime: Pick
    object_storage: Pick
    search: Pick
    auth_provider: Pick
    email: Pick
    cloud: Pick
    orchestration: Pick
    cicd: Pick
    monitoring: Pick
    error_tracking: Pick
    extra: list[Pick] = Field(default_factory=list)  # product-specific rows (CRDT, CDN, KMS...)


def _p(layer: str, tech: str | None) -> Pick:
    return Pick(
        layer=layer,
        technology=tech,
        version_tier="-",
        justification="(skeleton)",
        alternative_considered="-",
    )


def select_stack(signals: Signals, architecture: ArchitectureDecision, data: DataStrategy) -> Stack:
    return Stack(
        runtime=_p("Runtime / Language", "Python 3.12"),
        framework=_p("Web Framework", "FastAPI"),
        api_style=_p("API Style", "REST"),
        primary_database=_p("Primary Database", data.primary_database),
        cache=_p("Cache Layer", data.caching_strategy.tool),
        queue=_p("Message Queue", None),
        realtime=_p("Real-time Transport", None),
        object_storage=_p("File/Object Storage", "Amazon S3"),
        search=_p("Search Engine", None),
        auth_provider=_p("Auth Provider", "Self-hosted JWT"),
        email=_p("Email/Notification Service", "Amazon SES"),
        cloud=_p("Cloud Provider", "AWS"),
        orchestration=_p("Container Orchestration", "ECS Fargate"),
        cicd=_p("CI/CD Platform", "GitHub Actions"),
        monitoring=_p("Monitoring / Observability", "Grafana Cloud"),
        error_tracking=_p("Error Tracking", "Sentry"),
    )
