"""Stage 9 — observability, incident management and CI/CD.

Sophistication follows Stage 1's team size, budget and stage: the seed's minimum-viable pipeline
for solo and 2-5 teams, the full one for 5-20+; rolling / blue-green / canary by stage. The
alert catalogue, runbooks, severities and tooling are data (``knowledge/observability.yaml``,
``knowledge/ci.yaml``). The directive ``condense_observability`` yields the condensed section
(stress test 6) — still with logging, uptime monitoring and error tracking.
"""

from __future__ import annotations

import re
from functools import cache

from archwright import catalog
from archwright.design import media
from archwright.design import traits as tr
from archwright.design.scalability import language, queue_choice
from archwright.design.stack import Stack
from archwright.models.decisions import ArchitectureDecision
from archwright.models.domain import DomainEndpoint, DomainModel
from archwright.models.operations import (
    Alert,
    AlertSpec,
    CiCd,
    CiKnowledge,
    CiLanguage,
    IncidentManagement,
    LoggingStandard,
    Metrics,
    MetricSpec,
    MonitoringTool,
    Observability,
    ObservabilityKnowledge,
    OperationsDesign,
    PipelineStep,
    Runbook,
    RuntimeFacts,
    ServiceMetrics,
    Severity,
    Tracing,
)
from archwright.models.signals import Signals

CONDENSED_CALLOUT = (
    "Observability condensed at user request. Minimum viable setup included. Expanding this "
    "before handling real users is strongly recommended — you cannot debug a system you cannot "
    "see."
)
LOG_FIELDS = ["timestamp", "level", "service", "request_id", "user_id", "message", "context"]


@cache
def observability_knowledge() -> ObservabilityKnowledge:
    return catalog.load_model("observability.yaml", ObservabilityKnowledge)


@cache
def ci_knowledge() -> CiKnowledge:
    return catalog.load_model("ci.yaml", CiKnowledge)


def ci_language(signals: Signals, stack: Stack) -> CiLanguage:
    lang = language(signals, stack)
    langs = {c.id: c for c in ci_knowledge().languages}
    return langs.get(lang, langs["typescript"])


def full_pipeline(signals: Signals) -> bool:
    return signals.product.team_size.value in ("5-20", "20+")


def coverage_gate(signals: Signals) -> int:
    strict = signals.data.sensitivity.value in ("health", "financial")
    return 80 if full_pipeline(signals) or strict else 70


def _tools(stack: Stack) -> MonitoringTool:
    name = stack.monitoring.technology or ""
    for t in observability_knowledge().monitoring_tools:
        if re.search(t.match, name, re.I):
            return t
    return observability_knowledge().monitoring_tools[-1]


def services(architecture: ArchitectureDecision) -> list[str]:
    topo = architecture.service_topology
    out = list(topo.core_services) or ["api"]
    if topo.real_time_layer:
        out.append(topo.real_time_layer)
    out += list(topo.edge_functions)
    return tr.dedupe(out)


def _resources(architecture: ArchitectureDecision, stack: Stack, q: str | None) -> list[str]:
    res = [stack.primary_database.technology or "primary database"]
    if stack.cache.technology:
        res.append(stack.cache.technology)
    if q:
        res.append(q)
    res += list(architecture.service_topology.async_workers) or (["worker"] if q else [])
    if stack.search.technology:
        res.append(stack.search.technology)
    if stack.vector_store is not None:  # a managed vector database is one more store to watch
        res.append(stack.vector_store)
    return tr.dedupe(res)


def _metric_name(service: str) -> str:
    """A metric prefix from the component's name (``modular_monolith_api``), never from the
    whole topology sentence with its module list."""
    name = tr.component_name(service, 40)
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "service"


def _per_component(red: list[str], use: list[str]) -> list[ServiceMetrics]:
    out: list[ServiceMetrics] = []
    for s in red:
        n = _metric_name(s)
        out.append(
            ServiceMetrics(
                component=s,
                method="RED",
                metrics=[
                    MetricSpec(
                        name=f"{n}_http_requests_total",
                        type="counter",
                        description="Rate: requests per second by route and method",
                    ),
                    MetricSpec(
                        name=f"{n}_http_errors_total",
                        type="counter",
                        description="Errors: 4XX and 5XX counted separately (label status_class)",
                    ),
                    MetricSpec(
                        name=f"{n}_http_request_duration_seconds",
                        type="histogram",
                        description="Duration: p50, p95, p99 by route",
                    ),
                ],
            )
        )
    for r in use:
        n = _metric_name(r)
        low = r.lower()
        if re.search(r"queue|mq|sqs|kafka|celery|pub/?sub|bus|rabbit|worker", low):
            sat = "queue depth and oldest-message age"
        elif re.search(r"redis|valkey|memcache|cache", low):
            sat = "evictions and memory fragmentation"
        else:
            sat = "connection-pool waiters and lock waits"
        out.append(
            ServiceMetrics(
                component=r,
                method="USE",
                metrics=[
                    MetricSpec(
                        name=f"{n}_utilization",
                        type="gauge",
                        description="Utilization: CPU, memory, disk, connections in use",
                    ),
                    MetricSpec(
                        name=f"{n}_saturation", type="gauge", description=f"Saturation: {sat}"
                    ),
                    MetricSpec(
                        name=f"{n}_errors_total",
                        type="counter",
                        description="Errors: failed connections, query or job errors",
                    ),
                ],
            )
        )
    return out


def _business(domain: DomainModel) -> list[MetricSpec]:
    out = [MetricSpec(name=m.name, type=m.type, description=m.description) for m in domain.metrics]
    seen = {m.name for m in out}
    for ep in domain.endpoints:
        for ev in ep.events:
            name = re.sub(r"[^a-z0-9]+", "_", ev.lower()).strip("_") + "_total"
            if len(out) >= 3:
                break
            if name not in seen and re.match(r"^[a-z]", name):
                seen.add(name)
                out.append(
                    MetricSpec(name=name, type="counter", description=f"Count of {ev} events")
                )
    # still fewer than three: per-entity activity, then engagement gauges every product has
    fallback = [
        (f"{e.plural}_created_total", "counter", f"{e.plural} created") for e in domain.entities
    ]
    fallback += [
        (f"{e.plural}_viewed_total", "counter", f"{e.plural} read by users")
        for e in domain.entities
    ]
    fallback += [
        ("daily_active_users", "gauge", "distinct users active in the last 24 hours"),
        ("sign_ins_total", "counter", "successful sign-ins"),
        ("signups_total", "counter", "new accounts created"),
    ]
    for name, kind, desc in fallback:
        if len(out) >= 3:
            break
        if name not in seen and re.match(r"^[a-z][a-z0-9_]*$", name):
            seen.add(name)
            out.append(MetricSpec(name=name, type=kind, description=desc))
    return out


def _traits(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    stack: Stack,
    q: str | None,
) -> set[str]:
    t: set[str] = set()
    if q:
        t.add("queue")
    if stack.cache.technology:
        t.add("cache")
    if (
        architecture.service_topology.real_time_layer
        or signals.behavior.real_time_intensity.score >= 4
    ):
        t.add("realtime")
    if tr.payment_provider(signals, domain):
        t.add("payments")
    if signals.behavior.read_intensity.score >= 4 or signals.product.stage.value in (
        "scale",
        "growth",
    ):
        t.add("replicas")
    if any(ep.action == "auth" for ep in domain.endpoints):
        t.add("auth")
    if signals.data.sensitivity.value in ("health", "legal", "financial"):
        t.add("sensitive_records")
    return t


def _thresholds(signals: Signals) -> dict[str, str]:
    """Error-rate and latency thresholds from the product's tolerance: money and health paths
    page earlier; latency-dominated and real-time products get tighter latency bounds."""
    strict = signals.data.sensitivity.value in ("health", "financial")
    rt = signals.behavior.real_time_intensity.score
    latency_first = signals.behavior.dominant_constraint.value == "latency" and rt >= 3
    if rt >= 4:
        lat = ("200 ms", "1 s")
    elif latency_first or signals.behavior.read_intensity.score >= 4:
        lat = ("300 ms", "1.5 s")
    else:
        lat = ("500 ms", "2 s")
    err = ("0.5%", "2%") if strict else ("1%", "5%")
    return {"err_warn": err[0], "err_crit": err[1], "lat_warn": lat[0], "lat_crit": lat[1]}


def _domain_ctx(domain: DomainModel) -> dict[str, str]:
    """Product words for alert and runbook templates, so runbooks name this product's routes."""
    p0 = [e for e in domain.endpoints if e.priority == "P0" and e.action not in ("auth", "stream")]
    reads = [e for e in p0 if e.method == "GET"][:2]
    writes = [e for e in p0 if e.method == "POST"][:2]
    routes = [f"`{e.method} /v1{e.path}`" for e in [*reads, *writes]]
    login = next((e for e in domain.endpoints if e.action == "auth" and "login" in e.path), None)
    core = next(
        (e for e in domain.endpoints if e.money or e.critical),
        next((e for e in domain.endpoints if e.action == "create"), None),
    )
    read = next((e for e in domain.endpoints if e.action in ("list", "read")), None)

    # the example names who is blocked: the endpoint's own role when it has one (organizers
    # create campaigns, not donors), else the product's default user role
    def who(ep: DomainEndpoint) -> str:
        return (ep.role or domain.default_role).replace("_", " ")

    return {
        "key_routes": ", ".join(routes) or "the busiest routes",
        "business_metric": domain.metrics[0].name if domain.metrics else "requests_total",
        "write_entities": ", ".join(tr.dedupe([e.entity for e in writes if e.entity])) or "write",
        "job_names": ", ".join(j.name for j in domain.jobs[:4]) or "all job types",
        "key_entities": ", ".join(e.name for e in domain.entities if e.owner_field)[:80] or "user",
        "login_route": f"/v1{login.path}" if login else "the login route",
        "p1_example": (
            f"no {who(core)} can {core.summary[0].lower() + core.summary[1:]}"
            if core
            else "the API is down"
        ),
        "p2_example": (
            f"{read.summary[0].lower() + read.summary[1:]} fails for every {who(read)}"
            if read
            else "a core page fails"
        ),
    }


def _escalation(signals: Signals) -> str:
    team = signals.product.team_size.value
    if team in ("solo", "unknown"):
        return "the named secondary contact (co-founder or contract engineer)"
    if team == "2-5":
        return "the secondary on-call engineer, then the tech lead"
    return "the secondary on-call, then the engineering manager and incident commander"


def _alerts(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    stack: Stack,
    condensed: bool,
    q: str | None,
) -> tuple[list[Alert], list[Runbook]]:
    t = _traits(signals, domain, architecture, stack, q)
    svc = services(architecture)
    ctx = {
        "service": ", ".join(tr.dedupe([tr.component_name(x) for x in svc[:3]])),
        "db": stack.primary_database.technology or "primary database",
        "cache": stack.cache.technology or "cache",
        "queue": q or "queue",
        "realtime": tr.component_name(
            architecture.service_topology.real_time_layer or "WebSocket service"
        ),
        "payment": tr.payment_provider(signals, domain) or "payment provider",
        # the media layer first: a call or stream outage is the one users notice at once
        "dependencies": ", ".join(
            tr.dedupe([*media.technologies(stack), *tr.third_parties(signals, domain)])[:4]
        )
        or "any added third party",
        **_thresholds(signals),
        **_domain_ctx(domain),
    }
    lat = tr.api_latency(signals)
    specs: list[AlertSpec] = [
        a for a in observability_knowledge().alerts if a.when is None or a.when in t
    ]
    if condensed:
        specs = [a for a in specs if a.id in ("error_rate", "certificate_expiry")]
    esc = _escalation(signals)
    alerts: list[Alert] = []
    runbooks: list[Runbook] = []
    for a in specs:
        name = f"RB-{a.id.replace('_', '-')}"
        critical = a.critical.format(**ctx)
        if a.id == "latency_p95" and lat:
            critical = f"above the stated requirement ({lat}) for 5 min"
        alerts.append(
            Alert(
                metric=a.metric.format(**ctx),
                warning=a.warning.format(**ctx),
                critical=critical,
                response=a.response,
                runbook=name,
            )
        )
        runbooks.append(
            Runbook(
                name=name,
                alert=f"{a.metric.format(**ctx)} — critical when {critical}",
                triage=[s.format(**ctx) for s in a.runbook.triage],
                common_causes=[s.format(**ctx) for s in a.runbook.common_causes],
                escalation=f"escalate to {esc} if unresolved after {a.runbook.escalate_after_minutes} min",
                post_incident="open an incident record from the incident-log template; P1 requires a blameless post-mortem within 5 business days",
            )
        )
    return alerts, runbooks


def _retention(signals: Signals) -> dict[str, str]:
    comp = set(signals.constraints.compliance.value)
    sens = signals.data.sensitivity.value
    ret = {
        "local": "not shipped",
        "development": "7 days",
        "staging": "30 days",
        "production": "90 days",
    }
    extra = []
    if "hipaa" in comp or sens == "health":
        extra.append("6 years for audit logs of ePHI access (HIPAA §164.316(b)(2)(i))")
    if "pci" in comp or signals.integration.payments_needed.value:
        extra.append(
            "12 months for payment and admin audit logs, 3 months online (PCI DSS Req 10.5.1)"
        )
    if "soc2" in comp:
        extra.append("12 months for access and change evidence (SOC 2 audit window)")
    if "gdpr" in comp or sens != "none":
        extra.append(
            "application logs capped at 90 days and pseudonymised (GDPR Art. 5(1)(e) storage limitation)"
        )
    if extra:
        ret["compliance"] = "; ".join(extra)
    return ret


def _logging(
    signals: Signals, domain: DomainModel, tools: MonitoringTool, condensed: bool
) -> LoggingStandard:
    pii = sorted({f.name for e in domain.entities for f in e.fields if f.pii or f.sensitive})
    tool = tools.logs + (
        f" — {tools.free_tier}"
        if condensed or signals.constraints.budget_tier.value == "bootstrapped"
        else ""
    )
    return LoggingStandard(
        format="Structured JSON, one object per line (never plain text in production)",
        required_fields=list(LOG_FIELDS),
        levels={
            "DEBUG": "development only, never in production",
            "INFO": "normal operations ("
            + ", ".join(
                sorted({ev for ep in domain.endpoints for ev in ep.events})[:3]
                or ["request served"]
            )
            + ")",
            "WARN": "unexpected but handled (rate limit hit, cache miss cascade, retry scheduled)",
            "ERROR": "system error requiring attention (DB timeout, job failed, dependency 5XX)",
            "FATAL": "service cannot continue (start-up failure, critical dependency missing)",
        },
        retention=_retention(signals),
        tooling=tool,
        pii_scrubbing=(
            "A log processor drops or masks "
            + (", ".join(f"`{n}`" for n in pii[:10]) if pii else "fields tagged PII")
            + ", Authorization/Cookie headers and token-like strings before shipping; user_id is an HMAC-SHA256 hash"
        ),
    )


def _tracing(
    job_names: str,
    signals: Signals,
    architecture: ArchitectureDecision,
    tools: MonitoringTool,
    n_components: int,
) -> Tracing:
    micro = architecture.architecture_pattern == "microservices"
    required = micro or n_components > 3
    peak = signals.scale.peak_concurrent_users.value
    prod = "10%" if peak < 10_000 else ("5%" if peak < 100_000 else "1%")
    return Tracing(
        required=required,
        standard="OpenTelemetry SDK + Collector (vendor-neutral OTLP export)",
        propagation=(
            "W3C traceparent on every HTTP call; trace id copied into queue message metadata"
            + (f" ({job_names})" if job_names else "")
            + " and every log line (request_id)"
        ),
        sampling=f"100% in staging; {prod} head sampling in production; 100% of errors and slow traces (tail sampling in the Collector)",
        tooling=tools.tracing
        + (
            " — required: "
            + ("microservices topology" if micro else f"{n_components} components in the topology")
            if required
            else " — recommended (fewer than 4 components)"
        ),
    )


def _incident(signals: Signals, domain: DomainModel, runbooks: list[Runbook]) -> IncidentManagement:
    team = signals.product.team_size.value
    sens = signals.data.sensitivity.value
    if team in ("solo", "unknown"):
        on_call = (
            "The solo engineer is primary on-call for P1/P2 (phone push); a named secondary "
            "contact (co-founder or contract engineer) is paged when a P1 is unacknowledged "
            "for 15 minutes"
        )
        tool = "Better Stack on-call (free tier) with phone/SMS push, plus a Slack channel"
    elif team == "2-5":
        on_call = "Weekly rotation across the team, primary + secondary; handover note every Monday"
        tool = "Better Stack on-call or PagerDuty (Free/Professional) + Slack"
    else:
        on_call = "Primary and secondary rotations per service team; incident commander role for P1; follow-the-sun when teams span time zones"
        tool = "PagerDuty with escalation policies per service + Slack incident channels"
    ctx = _domain_ctx(domain)
    sev = [
        Severity(
            level=s.level, definition=s.definition.format(**ctx), response_time=s.response_time
        )
        for s in observability_knowledge().severities
    ]
    if sens in ("health", "financial", "pii", "legal"):
        clock = {
            "health": "HIPAA breach notification (§164.404, within 60 days) and GDPR 72 h if applicable",
            "financial": "PCI DSS incident response (Req 12.10) and card-brand notification",
            "pii": "GDPR Art. 33 72-hour supervisory-authority notification",
            "legal": "client-notification duties under engagement terms",
        }[sens]
        sev[0] = sev[0].model_copy(
            update={
                "definition": sev[0].definition
                + f"; a suspected data breach starts the {clock} clock"
            }
        )
    return IncidentManagement(
        on_call=on_call,
        alerting_tool=tool,
        severities=sev,
        runbooks=runbooks,
        postmortem_policy=(
            "Required for every P1"
            + (" and P2" if sens in ("health", "financial") else "")
            + ": blameless, 5 Whys, action items with owners and due dates, published within 5 business days of resolution"
        ),
    )


def _ci_cd(signals: Signals, stack: Stack, condensed: bool) -> CiCd:
    full = full_pipeline(signals)
    cov = coverage_gate(signals)
    lang = ci_language(signals, stack)
    stage = signals.product.stage.value
    strategy = {
        "mvp": "rolling",
        "growth": "blue/green",
        "scale": "canary",
        "legacy_modernization": "canary",
    }[stage]
    cloud = tr.cloud(signals, stack)
    steps: list[PipelineStep] = [
        PipelineStep(name="Lint + format check", phase="ci", description=lang.lint),
        PipelineStep(
            name=f"Unit tests + coverage gate ({cov}%)",
            phase="ci",
            description=lang.test.replace("{coverage}", str(cov)),
        ),
        PipelineStep(
            name="SAST + dependency + secret scan",
            phase="ci",
            description=f"Semgrep (semgrep scan --config p/default --error), {lang.dependency_audit}, gitleaks",
        ),
        PipelineStep(
            name="Build image + vulnerability scan",
            phase="ci",
            description="docker build, Trivy image scan failing on HIGH/CRITICAL",
        ),
    ]
    if full:
        steps.append(
            PipelineStep(
                name="Integration tests",
                phase="ci",
                description=f"against a disposable {stack.primary_database.technology or 'database'} service container; external services mocked",
            )
        )
    steps.append(
        PipelineStep(
            name="Deploy to staging (automatic)", phase="cd", description="on merge to main"
        )
    )
    if full:
        steps.append(
            PipelineStep(
                name="E2E tests on staging",
                phase="cd",
                description="critical user journeys against staging",
            )
        )
        steps.append(
            PipelineStep(
                name="Performance regression test",
                phase="cd",
                description="k6 smoke load; fail if p95 regresses > 20%",
            )
        )
    else:
        steps.append(
            PipelineStep(
                name="Smoke test staging",
                phase="cd",
                description="health check + one read and one write journey",
            )
        )
    steps.append(
        PipelineStep(
            name="Manual approval gate",
            phase="cd",
            description="GitHub environment `production` with required reviewers",
        )
    )
    steps.append(
        PipelineStep(
            name=f"Deploy to production ({strategy})",
            phase="cd",
            description="canary 5% → 25% → 100% over 30 min"
            if strategy == "canary"
            else (
                "switch traffic from blue to green after health checks"
                if strategy == "blue/green"
                else "rolling replacement, one instance at a time"
            ),
        )
    )
    steps.append(
        PipelineStep(
            name="Health check + automatic rollback",
            phase="cd",
            description="roll back when the health check or error-rate guard fails",
        )
    )
    rollback = {
        "rolling": "redeploy the previous image tag (last 10 kept) — automatic when the post-deploy health check fails; one command manually",
        "blue/green": "switch traffic back to the previous (blue) environment within a minute; keep it warm for 1 h after each release",
        "canary": "automated: abort and roll back the canary when its error rate exceeds baseline +1 pt or p95 +20%",
    }[strategy]
    rollback += "; database migrations are expand/contract so an application rollback never needs a down-migration"
    gitflow = (
        signals.constraints.budget_tier.value == "enterprise" or stage == "legacy_modernization"
    )
    return CiCd(
        platform=stack.cicd.technology or "GitHub Actions",
        tier="full" if full else "minimum_viable",
        pipeline=steps,
        coverage_gate_percent=cov,
        security_scanning=f"SAST: Semgrep; dependencies: {lang.dependency_audit} + Dependabot; container: Trivy; secrets: gitleaks — all blocking on HIGH/CRITICAL",
        deployment_strategy=f"{strategy} (stage = {stage}); MVP → rolling, Growth → blue/green, Scale → canary",
        staging_automatic=True,
        production_approval=True,
        rollback=rollback,
        branch_strategy=(
            "GitFlow: feature/*, release/*, hotfix/* branches; release branches cut per scheduled release; hotfixes merged to main and develop"
            if gitflow
            else "Trunk-based: short-lived feature branches (< 2 days) merged to main via PR with required CI, feature flags for incomplete work"
        ),
        iac="Terraform (or OpenTofu) for all infrastructure — nothing created by console clicks",
        iac_state=cloud.iac_state,
        drift_detection="nightly scheduled terraform plan -detailed-exitcode in CI; exit code 2 (drift) opens an issue and alerts",
        sast="Semgrep (p/default ruleset)",
        dependency_scanning=lang.dependency_audit,
        image_scanning="Trivy (HIGH/CRITICAL fail the build)",
        iac_tool="Terraform",
    )


def build_operations(
    signals: Signals, domain: DomainModel, architecture: ArchitectureDecision, stack: Stack
) -> OperationsDesign:
    condensed = signals.has_directive("condense_observability")
    tools = _tools(stack)
    red = services(architecture)
    # the queue (or job table) Stage 8 names: asked once, it may build the domain's job list
    q, _ = queue_choice(signals, domain, architecture, stack)
    use = _resources(architecture, stack, q)
    alerts, runbooks = _alerts(signals, domain, architecture, stack, condensed, q)
    api = tr.api_origin(signals)
    small = condensed or signals.product.team_size.value in ("solo", "2-5", "unknown")
    health_path = "/v1/healthz"
    read_ep = next(
        (f"/v1{e.path}" for e in domain.endpoints if e.method == "GET" and "{" not in e.path), None
    )
    uptime = (
        f"Better Stack Uptime (free tier: 10 monitors, 3-minute checks) on {api}{health_path}"
        + (f" and {api}{read_ep}" if read_ep else "")
        + ", alerting by phone push"
        if small
        else f"Better Stack / Checkly synthetic checks every 30 s from 3 regions on {api}{health_path} and the sign-in journey; status page for customers"
    )
    err_tool = stack.error_tracking.technology or "Sentry"
    error_tracking = (
        f"{err_tool}"
        + (" free tier (5k errors/month)" if small and "sentry" in err_tool.lower() else "")
        + f" in {', '.join(red)} and the client; releases tagged with the git SHA; PII scrubbing enabled (sendDefaultPii off)"
    )
    logging = _logging(signals, domain, tools, condensed)
    metrics = Metrics(
        red_services=red,
        use_resources=use,
        business=_business(domain),
        alerts=alerts,
        tooling=tools.metrics,
        per_component=_per_component(red, use),
    )
    tracing = _tracing(
        ", ".join(j.name for j in domain.jobs[:3]),
        signals,
        architecture,
        tools,
        len(red) + len(use),
    )
    mvs: list[str] = []
    if condensed:
        mvs = [
            f"Structured JSON logging to {tools.logs} ({tools.free_tier})",
            f"Uptime monitoring: {uptime}",
            f"Error tracking: {error_tracking}",
        ]
    return OperationsDesign(
        observability=Observability(
            condensed=condensed,
            callout=CONDENSED_CALLOUT if condensed else None,
            logging=logging,
            metrics=metrics,
            tracing=tracing,
            uptime_monitoring=uptime,
            error_tracking=error_tracking,
            minimum_viable_stack=mvs,
        ),
        incident_management=_incident(signals, domain, runbooks),
        ci_cd=_ci_cd(signals, stack, condensed),
        runtime=_runtime(signals, domain, architecture, stack, q),
    )


def _runtime(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    stack: Stack,
    q: str | None,
) -> RuntimeFacts:
    topo = architecture.service_topology
    db = stack.primary_database.technology or "PostgreSQL"
    low = db.lower()
    fam = (
        "document" if re.search(r"mongo|firestore|couch", low)
        else "key_value" if re.search(r"dynamo|redis", low)
        else "wide_column" if re.search(r"cassandra|scylla", low)
        else "graph" if re.search(r"neo4j|neptune", low)
        else "time_series" if re.search(r"timescale|influx", low)
        else "sql"
    )  # fmt: skip
    return RuntimeFacts(
        language=ci_language(signals, stack).id,
        cloud=tr.cloud_id(signals, stack),
        orchestration=stack.orchestration.technology,
        serverless=architecture.architecture_pattern == "serverless",
        database=db,
        database_family=fam,
        cache=stack.cache.technology,
        queue=q,
        search=stack.search.technology,
        object_storage=bool(stack.object_storage.technology) and tr.has_uploads(domain, stack),
        services=list(topo.core_services) or ["api"],
        workers=list(topo.async_workers) or (["worker"] if q else []),
        realtime_service=topo.real_time_layer,
        app_slug=tr.slug(signals),
    )
