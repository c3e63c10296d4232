"""Observability checks (seed Stage 10 "OBSERVABILITY CHECKS" and Stage 9A/B)."""

from __future__ import annotations

from archwright.models.document import ArchitectureDocument
from archwright.models.operations import MetricSpec, Runbook
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import blank, words

LOG_FIELDS = ("timestamp", "level", "service", "request_id", "user_id", "message", "context")


class StructuredLogging(Check):
    """Structured JSON logs are defined with every required field and PII scrubbing.

    Anti-pattern: `print("user logged in")` in plain text, emails in clear.

    Best practice: JSON with timestamp, level, service, request_id, hashed user_id, message and
    context; retention per environment; PII scrubbed before shipping.
    """

    code = "AW-OBS-001"
    name = "observability.structured_logging"
    area = "observability"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        log = doc.operations.observability.logging
        out = [
            self.finding(
                f"log field {f} missing", "operations.observability.logging.required_fields"
            )
            for f in LOG_FIELDS
            if f not in log.required_fields
        ]
        if "json" not in log.format.lower():
            out.append(
                self.finding(
                    f"log format {log.format!r} is not structured JSON",
                    "operations.observability.logging.format",
                )
            )
        for f in ("pii_scrubbing", "retention", "tooling"):
            if blank(getattr(log, f)):
                out.append(self.finding(f"{f} undefined", f"operations.observability.logging.{f}"))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is not None:
            log = doc.operations.observability.logging
            log.required_fields += [f for f in LOG_FIELDS if f not in log.required_fields]
        return doc


def request_services(doc) -> list[str]:
    topo = doc.architecture.service_topology
    out = list(topo.core_services)
    if topo.real_time_layer:
        out.append(topo.real_time_layer)
    return out


def _in(name: str, listed: list[str]) -> bool:
    low = name.lower()
    return any(low in x.lower() or x.lower() in low for x in listed)


class RedMetrics(Check):
    """RED metrics (rate, errors, duration) are defined for every request-handling service.

    Anti-pattern: CPU graphs only — nobody sees the 5% of checkouts that fail.

    Best practice: request rate, 4xx/5xx error rates and p50/p95/p99 latency per service.
    """

    code = "AW-OBS-002"
    name = "observability.red_metrics"
    area = "observability"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        red = doc.operations.observability.metrics.red_services
        return [
            self.finding(f"service {s} has no RED metrics", "operations.observability.metrics")
            for s in request_services(doc)
            if not _in(s, red)
        ] + (
            [self.finding("no RED metrics at all", "operations.observability.metrics")]
            if not red
            else []
        )

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is not None:
            m = doc.operations.observability.metrics
            m.red_services += [s for s in request_services(doc) if not _in(s, m.red_services)]
        return doc


def resource_components(doc) -> list[str]:
    out = [doc.data_strategy.primary_database]
    if doc.data_strategy.caching_strategy.tool:
        out.append(doc.data_strategy.caching_strategy.tool)
    if doc.scalability is not None and doc.scalability.queue is not None:
        out.append(doc.scalability.queue.technology)
    return out


class UseMetrics(Check):
    """USE metrics (utilization, saturation, errors) are defined for every resource (DB, cache, queue).

    Anti-pattern: the connection pool saturates and the first signal is user complaints.

    Best practice: CPU/memory/connections, queue depth/pool exhaustion and error counts for the
    database, the cache and the queue.
    """

    code = "AW-OBS-003"
    name = "observability.use_metrics"
    area = "observability"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        use = doc.operations.observability.metrics.use_resources
        return [
            self.finding(f"resource {r} has no USE metrics", "operations.observability.metrics")
            for r in resource_components(doc)
            if not _in(r, use) and not (words(r) & {w for u in use for w in words(u)})
        ]

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is not None:
            m = doc.operations.observability.metrics
            for r in resource_components(doc):
                if not _in(r, m.use_resources) and not (
                    words(r) & {w for u in m.use_resources for w in words(u)}
                ):
                    m.use_resources.append(r)
        return doc


class BusinessMetrics(Check):
    """At least 3 business metrics are emitted as custom metrics.

    Anti-pattern: knowing the p95 latency but not how many orders were placed today.

    Best practice: product metrics such as `posts_created`, `payments_processed`,
    `checkout_abandoned`, emitted as counters/gauges — derived from what the product's
    endpoints create.
    """

    code = "AW-OBS-004"
    name = "observability.business_metrics"
    area = "observability"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        n = len(doc.operations.observability.metrics.business)
        if n < 3:
            return [
                self.finding(
                    f"only {n} business metrics (minimum 3)",
                    "operations.observability.metrics.business",
                )
            ]
        return []

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is None:
            return doc
        business = doc.operations.observability.metrics.business
        have = {m.name for m in business}
        candidates: list[tuple[str, str, str]] = []
        for ep in doc.domain.endpoints:
            entity = doc.domain.entity(ep.entity) if ep.entity else None
            if entity is None:
                continue
            if ep.action == "create":
                candidates.append(
                    (f"{entity.plural}_created_total", "counter", f"{entity.plural} created")
                )
            elif ep.action == "delete":
                candidates.append(
                    (f"{entity.plural}_deleted_total", "counter", f"{entity.plural} deleted")
                )
        candidates += [
            ("signups_total", "counter", "Accounts created (acquisition)"),
            ("daily_active_users", "gauge", "Distinct users active in the last 24 h (engagement)"),
            (
                "weekly_active_users",
                "gauge",
                "Distinct users active in the last 7 days (retention)",
            ),
        ]
        for name, kind, desc in candidates:
            if len(business) >= 3:
                break
            if name not in have:
                business.append(MetricSpec(name=name, type=kind, description=desc))
                have.add(name)
        return doc


def _critical_pages(alert) -> bool:
    return not blank(alert.critical) and alert.critical.strip().lower() not in {"none", "n/a", "-"}


class CriticalAlertsHaveRunbooks(Check):
    """Every CRITICAL alert links to a runbook that exists.

    Anti-pattern: a 3 a.m. page "error rate > 5%" with no idea where to look first.

    Best practice: each critical alert names a runbook with triage steps, common causes,
    escalation and the post-incident link.
    """

    code = "AW-OBS-005"
    name = "observability.runbooks"
    area = "observability"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        books = {r.name for r in doc.operations.incident_management.runbooks}
        out = []
        for a in doc.operations.observability.metrics.alerts:
            if not _critical_pages(a):
                continue
            loc = f"operations.observability.metrics.alerts[{a.metric}]"
            if blank(a.runbook):
                out.append(self.finding("critical alert without a runbook", loc))
            elif a.runbook not in books:
                out.append(self.finding(f"runbook {a.runbook!r} is not defined", loc))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is None:
            return doc
        im = doc.operations.incident_management
        for a in doc.operations.observability.metrics.alerts:
            if not _critical_pages(a):
                continue
            if blank(a.runbook):
                a.runbook = "rb-" + "-".join(sorted(words(a.metric), key=a.metric.lower().find))
            if all(r.name != a.runbook for r in im.runbooks):
                im.runbooks.append(
                    Runbook(
                        name=a.runbook,
                        alert=f"{a.metric} critical: {a.critical}",
                        triage=[
                            "Check the dashboard for the affected service and time window",
                            "Check recent deploys and roll back if one correlates",
                            "Check dependencies (database, cache, queue, third parties)",
                        ],
                        common_causes=["Bad deploy", "Dependency outage", "Traffic spike"],
                        escalation="Escalate to the secondary on-call after 15 minutes "
                        "without mitigation.",
                        post_incident="Open an incident log from the template; P1 needs a "
                        "blameless post-mortem within 5 business days.",
                    )
                )
        return doc


class IncidentSeverities(Check):
    """Incident severity levels P1–P4 are defined with response times, plus on-call and post-mortems.

    Anti-pattern: every alert treated as an emergency — or none.

    Best practice: P1 < 15 min, P2 < 2 h, P3 < 24 h, P4 next sprint; an on-call rotation with
    escalation; blameless post-mortems for P1.
    """

    code = "AW-OBS-006"
    name = "observability.incident_severities"
    area = "observability"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        im = doc.operations.incident_management
        levels = {s.level.strip().upper()[:2] for s in im.severities if not blank(s.response_time)}
        out = [
            self.finding(f"severity {lv} undefined", "operations.incident_management.severities")
            for lv in ("P1", "P2", "P3", "P4")
            if lv not in levels
        ]
        for f in ("on_call", "alerting_tool", "postmortem_policy"):
            if blank(getattr(im, f)):
                out.append(self.finding(f"{f} undefined", f"operations.incident_management.{f}"))
        return out


class TracingWhenDistributed(Check):
    """Distributed tracing is required for microservices or more than 3 services.

    Anti-pattern: five services and no way to follow one request across them.

    Best practice: OpenTelemetry with trace context propagated through every call and job.
    """

    code = "AW-OBS-007"
    name = "observability.tracing"
    area = "observability"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        topo = doc.architecture.service_topology
        n = len(topo.core_services) + len(topo.async_workers) + (1 if topo.real_time_layer else 0)
        tr = doc.operations.observability.tracing
        out = []
        if (doc.architecture.architecture_pattern == "microservices" or n > 3) and not tr.required:
            out.append(
                self.finding(
                    f"{n} services but tracing is not required", "operations.observability.tracing"
                )
            )
        if blank(tr.propagation) or blank(tr.sampling):
            out.append(
                self.finding(
                    "trace propagation/sampling undefined", "operations.observability.tracing"
                )
            )
        return out
