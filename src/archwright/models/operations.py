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


class Metrics(Model):
    red_services: list[str]
    use_resources: list[str]
    business: list[MetricSpec]
    alerts: list[Alert]
    tooling: str


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


class OperationsDesign(Model):
    observability: Observability
    incident_management: IncidentManagement
    ci_cd: CiCd
