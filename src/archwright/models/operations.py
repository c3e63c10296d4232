"""Stage 9 output: observability (logs, metrics, traces), incident management, CI/CD."""

from __future__ import annotations

from pydantic import Field

from archwright.models.base import Model


class LoggingStandard(Model):
    format: str
    required_fields: list[str]
    levels: dict[str, str]
    retention: dict[str, str]
    tooling: str
    pii_scrubbing: str


class MetricSpec(Model):
    name: str
    type: str
    description: str


class Alert(Model):
    metric: str
    warning: str
    critical: str
    response: str
    runbook: str | None = None  # runbook name; required for CRITICAL alerts that page


class ServiceMetrics(Model):
    """The concrete RED (request-handling) or USE (resource) metrics of one component."""

    component: str
    method: str  # "RED" or "USE"
    metrics: list[MetricSpec]


class Metrics(Model):
    red_services: list[str]
    use_resources: list[str]
    business: list[MetricSpec]
    alerts: list[Alert]
    tooling: str
    per_component: list[ServiceMetrics] = Field(default_factory=list)


class Tracing(Model):
    required: bool
    standard: str
    propagation: str
    sampling: str
    tooling: str


class Observability(Model):
    condensed: bool = False
    callout: str | None = None
    logging: LoggingStandard
    metrics: Metrics
    tracing: Tracing
    uptime_monitoring: str
    error_tracking: str
    minimum_viable_stack: list[str] = Field(default_factory=list)  # the condensed set


class Runbook(Model):
    name: str
    alert: str
    triage: list[str]
    common_causes: list[str]
    escalation: str
    post_incident: str


class Severity(Model):
    level: str
    definition: str
    response_time: str


class IncidentManagement(Model):
    on_call: str
    alerting_tool: str
    severities: list[Severity]
    runbooks: list[Runbook]
    postmortem_policy: str


class PipelineStep(Model):
    name: str
    phase: str  # "ci" or "cd"
    description: str


class CiCd(Model):
    platform: str
    tier: str = "minimum_viable"  # "minimum_viable" (solo / 2-5) or "full" (5-20+)
    pipeline: list[PipelineStep]
    coverage_gate_percent: int = Field(ge=0, le=100)
    security_scanning: str
    deployment_strategy: str
    staging_automatic: bool
    production_approval: bool
    rollback: str
    branch_strategy: str
    iac: str
    iac_state: str
    drift_detection: str
    sast: str | None = None
    dependency_scanning: str | None = None
    image_scanning: str | None = None
    iac_tool: str | None = None


class RuntimeFacts(Model):
    """The chosen technologies the CI workflow and the local compose file are built from."""

    language: str  # knowledge/ci.yaml id: typescript, python, go, ...
    cloud: str  # aws | gcp | azure | self_hosted
    orchestration: str | None = None
    serverless: bool = False
    database: str
    database_family: str
    cache: str | None = None
    queue: str | None = None
    search: str | None = None
    object_storage: bool = False
    services: list[str] = Field(default_factory=list)  # request-handling processes
    workers: list[str] = Field(default_factory=list)
    realtime_service: str | None = None
    app_slug: str = "app"


class OperationsDesign(Model):
    observability: Observability
    incident_management: IncidentManagement
    ci_cd: CiCd
    runtime: RuntimeFacts | None = None


# ---------------------------------------------------------------- knowledge file types


class RunbookSpec(Model):
    triage: list[str] = Field(min_length=1)
    common_causes: list[str] = Field(min_length=1)
    escalate_after_minutes: int = Field(ge=5)


class AlertSpec(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    metric: str
    warning: str
    critical: str
    response: str
    when: str | None = None
    runbook: RunbookSpec


class SeveritySpec(Model):
    level: str = Field(pattern=r"^P[1-4]$")
    definition: str
    response_time: str


class MonitoringTool(Model):
    match: str
    logs: str
    metrics: str
    tracing: str
    free_tier: str


class ObservabilityKnowledge(Model):
    alerts: list[AlertSpec] = Field(min_length=4)
    severities: list[SeveritySpec] = Field(min_length=4, max_length=4)
    monitoring_tools: list[MonitoringTool] = Field(min_length=2)


class SetupAction(Model):
    uses: str = Field(pattern=r"^[\w.-]+/[\w.-]+@[\w.-]+$")
    with_: dict[str, str | bool] = Field(default_factory=dict, alias="with")


class CiLanguage(Model):
    id: str
    name: str
    setup: SetupAction
    install: str
    lint: str
    test: str  # contains {coverage}
    integration: str
    dependency_audit: str
    rationale: str = Field(min_length=10)


class CiKnowledge(Model):
    languages: list[CiLanguage] = Field(min_length=3)
