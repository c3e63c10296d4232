"""Whole Markdown sections written in Python, not Jinja.

These sections are long runs of table rows, each cell a filtered attribute: through Jinja (an
attribute lookup, a filter call and a ``str()`` per cell) they were the slowest part of a
document's Markdown. The output is line for line what their templates made.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from archwright.render.markdown_blocks import label
from archwright.render.text import md_code, md_inline

if TYPE_CHECKING:
    from archwright.models.decisions import ArchitectureDecision, DataStrategy, ScoreLine
    from archwright.models.document import ArchitectureDocument, Assumption, OpenQuestion
    from archwright.models.operations import Alert, OperationsDesign
    from archwright.models.overview import Overview
    from archwright.models.scalability import ScalabilityDesign
    from archwright.models.security import SecurityDesign
    from archwright.models.signals import Leaf, Signals
    from archwright.models.verification import Verification


def reason(value: object) -> str:
    """Evidence without its ``INFERRED:`` prefix (the table marks inference in bold already)."""
    text = str(value)
    return text[len("INFERRED:") :].strip() if text.startswith("INFERRED:") else text


def _codes(values: list[str]) -> str:
    return ", ".join(map(md_code, values))


def _joined(values: list[str], sep: str) -> str:
    return md_inline(sep.join(map(str, values)))


def security_section(sec: SecurityDesign | None) -> str:
    """Section 7: authentication, authorization, encryption, compliance, OWASP, headers, CORS
    and rate limiting."""
    if sec is None:
        return ""
    auth, authz, enc = sec.auth, sec.authorization, sec.encryption
    out = ["## 7. Security & Compliance", "", "### A. Authentication", ""]
    out.append(f"**Strategy:** {md_inline(auth.summary)}")
    if auth.oauth_flow:
        out += [
            "",
            f"**OAuth:** {md_inline(auth.oauth_flow)} — providers: "
            f"{_joined(auth.oauth_providers, ', ')}.",
        ]
    if auth.sso:
        sso = auth.sso
        out += [
            "",
            f"**Enterprise SSO:** {_joined(sso.protocols, ' / ')} with "
            f"{_joined(sso.idp_support, ', ')}. {md_inline(sso.jit_provisioning)}. "
            f"{md_inline(sso.scim)}.",
        ]
    jwt, storage, mfa = auth.jwt, auth.token_storage, auth.mfa
    out += [
        "",
        "| JWT setting | Value |",
        "|---|---|",
        f"| Algorithm | {md_inline(jwt.algorithm)} |",
        f"| Access token expiry | {md_inline(jwt.access_token_expiry)} |",
        f"| Refresh token expiry | {md_inline(jwt.refresh_token_expiry)} |",
        f"| Refresh rotation | {md_inline(jwt.refresh_rotation)} |",
        f"| Token storage | {md_inline(jwt.storage)} |",
        f"| Cookie attributes | {md_code(jwt.cookie_attributes)} |",
        f"| Claims | {_codes(jwt.claims)} |",
        f"| Session timeout | {md_inline(auth.session_timeout)} |",
        "",
        f"**Token storage decision: {md_inline(storage.selected)}.** "
        f"{md_inline(storage.rationale)}",
        "",
        "| Alternative considered | Requested by user | Why rejected |",
        "|---|---|---|",
    ]
    alternatives = storage.alternatives_considered
    out += [
        f"| {md_inline(a.option)} | {'yes' if a.requested_by_user else 'no'} | "
        f"{md_inline(a.reason_rejected)} |"
        for a in alternatives
    ]
    for a in alternatives:
        if a.requested_by_user:
            out += [
                "",
                f"> **Requested by the user, not adopted:** {md_inline(a.option)}. "
                f"{md_inline(a.reason_rejected)}",
            ]
    out += [
        "",
        f"**MFA: {mfa.requirement}** ({_joined(mfa.methods, ', ')}). {md_inline(mfa.rationale)}",
        "",
        "### B. Authorization",
        "",
        f"Model: **{str(authz.model).upper()}**. {md_inline(authz.enforcement)}",
        "",
        "| Role | Description | Permissions (resource:action) |",
        "|---|---|---|",
    ]
    out += [
        f"| {md_code(r.name)} | {md_inline(r.description)} | {_codes(r.permissions)} |"
        for r in authz.roles
    ]
    out += ["", "**Row-level security**", ""]
    out += [f"- **{md_inline(r.entity)}** — {md_inline(r.rule)}" for r in authz.row_level_rules]
    if not authz.row_level_rules:
        out.append("- No per-user ownership in this domain; access is by role only.")
    out += ["", f"**Audit log of privilege changes:** {md_inline(authz.audit_log)}"]
    if sec.endpoint_access:
        out += [
            "",
            "**Required role per endpoint**",
            "",
            "| Endpoint | Required role | Rate-limit tier | Ownership check |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {md_code(f'{e.method} {e.path}')} | {md_inline(e.required_role)} | "
            f"{md_inline(e.rate_limit_tier)} | {md_inline(e.ownership or '—')} |"
            for e in sec.endpoint_access
        ]
    out += [
        "",
        "### C. Encryption",
        "",
        "| Concern | Decision |",
        "|---|---|",
        f"| TLS | {md_inline(enc.tls_preferred)}; minimum {md_inline(enc.tls_minimum)} |",
        f"| HSTS | {md_code(enc.hsts)} |",
        f"| Certificates | {md_inline(enc.certificates)} |",
        f"| At rest | {md_inline(enc.at_rest)} |",
        f"| Key management | {md_inline(enc.kms)} |",
        f"| Key rotation | {md_inline(enc.key_rotation)} |",
        f"| Secrets manager | {md_inline(enc.secrets_manager)} |",
        f"| Secrets rotation | {md_inline(enc.secrets_rotation)} |",
        f"| Secrets policy | {md_inline(enc.secrets_policy)} |",
    ]
    if enc.field_level:
        out += ["", "**Field-level encryption**", "", "| Table | Field | Why |", "|---|---|---|"]
        out += [
            f"| {md_code(f.table)} | {md_code(f.field)} | {md_inline(f.reason)} |"
            for f in enc.field_level
        ]
    out += [
        "",
        "### D. Compliance matrix",
        "",
        "| Regulation | Applicable? | Why | Key requirements |",
        "|---|---|---|---|",
    ]
    out += [
        f"| {md_inline(c.regulation)} | {'**Yes**' if c.applicable else 'No'} | "
        f"{md_inline(reason(c.reason))} | {md_inline('; '.join(c.key_requirements) or '—')} |"
        for c in sec.compliance
    ]
    for c in sec.compliance:
        if not c.applicable:
            continue
        out += [
            "",
            f"#### {md_inline(c.regulation)} — controls",
            "",
            "| Control | Provision |",
            "|---|---|",
        ]
        out += [f"| {md_inline(k.control)} | {md_inline(k.provision or '—')} |" for k in c.controls]
        out += [
            "",
            f"- **Audit logging:** {md_inline(c.audit_logging)}",
            f"- **Data residency:** {md_inline(c.data_residency)}",
            f"- **Vendor assessment:** {md_inline(c.vendor_assessment)}",
        ]
    out += [
        "",
        "### E. Application security — OWASP Top 10 (2021)",
        "",
        "| ID | Risk | Mitigations for this product |",
        "|---|---|---|",
    ]
    out += [
        f"| {o.id} | {md_inline(o.name)} | {'<br>'.join(map(md_inline, o.mitigations))} |"
        for o in sec.owasp
    ]
    out += ["", "**Security headers**", "", "| Header | Value |", "|---|---|"]
    out += [f"| {md_code(h.name)} | {md_code(h.value)} |" for h in sec.headers]
    if sec.cors:
        c = sec.cors
        credentials = "allowed" if c.allow_credentials else "not allowed"
        out += [
            "",
            f"**CORS** — allowed origins: {_codes(c.allowed_origins)} (credentials "
            f"{credentials}); methods {_codes(c.allowed_methods)}; request headers "
            f"{_codes(c.allowed_headers)}; exposed {_codes(c.exposed_headers)}; preflight "
            f"cached {c.max_age_seconds} s. Why: {md_inline(c.rationale)}",
        ]
    rl = sec.rate_limiting
    out += [
        "",
        f"**Logs:** {md_inline(sec.pii_log_masking)}",
        "",
        f"**Rate limiting** — {md_inline(rl.tool)}; {md_inline(rl.algorithm)}.",
        "",
        "| Tier | Applies to | Limit | Scope |",
        "|---|---|---|---|",
    ]
    out += [
        f"| {md_code(t.tier)} | {md_inline(t.applies_to)} | {md_inline(t.limit)} | "
        f"{md_inline(t.scope)} |"
        for t in rl.tiers
    ]
    return "\n".join(out)


def verification_section(v: Verification) -> str:
    """The Verification section: its per-area counts group ~80 checks, which Jinja's
    ``groupby`` and a filter call per count made the slowest section to render."""
    checks = v.checks
    failed = [c for c in checks if c.status == "fail"]
    fixed = [c for c in checks if c.status == "fixed"]
    n = len(checks)
    out = [
        "## Verification",
        "",
        f"{n} checks run in {v.iterations} pass{'es' if v.iterations != 1 else ''}: "
        f"{n - len(failed) - len(fixed)} passed, {len(fixed)} fixed inline, "
        f"{len(failed)} failed.",
        "",
    ]
    if checks:
        out += ["| Area | Checks | Passed | Fixed | Failed |", "|---|---|---|---|---|"]
        areas: dict[str, Counter[str]] = {}
        for c in checks:
            areas.setdefault(c.category, Counter())[c.status] += 1
        for area in sorted(areas, key=str.lower):
            k = areas[area]
            out.append(
                f"| {label(area)} | {k.total()} | {k['pass']} | {k['fixed']} | {k['fail']} |"
            )
        out.append("")
    eng = [c for c in checks if c.category == "overengineering"]
    if eng:
        out += ["### Anti-over-engineering checks (applied last)", ""]
        out += [
            f"- `{c.code}` {md_inline(c.title)} — **{c.status}**: {md_inline(c.message)}"
            for c in eng
        ]
        out.append("")
    if v.fixes_applied:
        out += ["### Fixes applied inline", ""]
        out += [f"{i}. {md_inline(f)}" for i, f in enumerate(v.fixes_applied, 1)]
        out.append("")
    if failed:
        out += ["### Failures", ""]
        out += [
            f"{i}. `{c.code}` {md_inline(c.title)} — {md_inline(c.message)}"
            for i, c in enumerate(failed, 1)
        ]
        s = "s" if len(failed) != 1 else ""
        out += [
            "",
            f"**VERIFICATION FAILED** — {len(failed)} check{s} still failing after the fix pass.",
        ]
    else:
        out.append("**VERIFICATION PASSED**")
    return "\n".join(out)


def _dict_rows(values: dict[str, str]) -> list[str]:
    """``| Key label | value |`` rows of a concern -> decision map."""
    return [f"| {md_inline(label(k))} | {md_inline(v)} |" for k, v in values.items()]


def _usd(value: int) -> str:
    return f"${value:,}"


def scalability_section(sc: ScalabilityDesign | None) -> str:
    """Section 8: caching, queues, error handling, scaling path and the cost model."""
    if sc is None:
        return ""
    out = [
        "## 8. Scalability & Reliability",
        "",
        "### A. Caching strategy",
        "",
        "| Resource | Location | Key | TTL | Invalidation | Pattern | Miss behavior "
        "| Stampede protection |",
        "|---|---|---|---|---|---|---|---|",
    ]
    out += [
        f"| {md_inline(c.resource)} | {md_inline(c.location)} | {md_code(c.key_format)} | "
        f"{c.ttl_seconds} s — {md_inline(c.ttl_rationale)} | {md_inline(c.invalidation)} | "
        f"{md_inline(c.pattern)} | {md_inline(c.miss_behavior)} | "
        f"{md_inline(c.stampede_protection)} |"
        for c in sc.caching
    ]
    out.append("")
    if sc.never_cached:
        out += ["**Never cached** (Stage 3 proposed them; Stage 8 overrides)", ""]
        out += [f"- `{name}` — {md_inline(why)}" for name, why in sc.never_cached.items()]
        out.append("")
    out += ["**Caching anti-patterns avoided**", ""]
    out += [f"- {md_inline(a)}" for a in sc.cache_anti_patterns]
    out += ["", "### B. Async & queue architecture", ""]
    if sc.queue:
        q = sc.queue
        out += [
            f"**Queue technology: {md_inline(q.technology)}** — {md_inline(q.rationale)}.",
            "",
            "| Job | Trigger | Worker | Timeout | Retry policy | Dead letter | Idempotency |",
            "|---|---|---|---|---|---|---|",
        ]
        out += [
            f"| {md_code(j.name)} | {md_inline(j.trigger)} | {md_inline(j.worker)} | "
            f"{j.timeout_seconds} s | {md_inline(j.retry_policy)} | {md_inline(j.dead_letter)} | "
            f"{md_inline(j.idempotency)} |"
            for j in q.jobs
        ]
        out += [
            "",
            "Every job has a timeout, retries with exponential backoff and jitter, a dead-letter "
            "queue (nothing is discarded silently) and an idempotent handler.",
        ]
    else:
        out.append(
            "No queue: write intensity is below 4, compute intensity below 3 and the domain "
            "implies no background job. Add one (with the same retry and dead-letter rules) "
            "before introducing any async work."
        )
    out += ["", "### C. Error handling", "", "| Class | Handling |", "|---|---|"]
    out += _dict_rows(sc.error_handling)
    out += [
        "",
        "**Circuit breakers** (Closed → Open → Half-Open) for every external dependency:",
        "",
    ]
    if sc.circuit_breakers:
        out += [
            "| Service | Opens after | Open for | Connect timeout | Read timeout "
            "| Fallback when open |",
            "|---|---|---|---|---|---|",
        ]
        out += [
            f"| {md_inline(b.service)} | {md_inline(b.failure_threshold)} | "
            f"{md_inline(b.open_duration)} | {b.connect_timeout_ms} ms | {b.read_timeout_ms} ms "
            f"| {md_inline(b.fallback)} |"
            for b in sc.circuit_breakers
        ]
    else:
        out.append(
            "No third-party service is named or implied; any added integration gets a breaker "
            "(5 failures in 30 s, 30 s open) and 2 s connect / 5 s read timeouts."
        )
    out += [
        "",
        f"**Database timeouts:** {md_inline(sc.database_timeouts)}",
        "",
        "### D. Scalability architecture",
        "",
        "| Concern | Decision |",
        "|---|---|",
        *_dict_rows(sc.horizontal_scaling),
        "",
        "**Database scaling path**",
        "",
        "| Phase | Load | Actions |",
        "|---|---|---|",
    ]
    out += [
        f"| {md_inline(p.phase)} | {md_inline(p.load)} | {md_inline(p.actions)} |"
        for p in sc.database_scaling_path
    ]
    out += ["", f"**Shard key (defined now):** {md_inline(sc.sharding_key)}"]
    if sc.cdn:
        out += ["", "**CDN architecture**", "", "| Concern | Decision |", "|---|---|"]
        out += _dict_rows(sc.cdn)
    out += ["", "### E. Cost model (monthly, USD)", ""]
    media_alt = sc.cost_model[0].media_alternative if sc.cost_model else None
    if media_alt:
        out += [
            "| Concurrent users | Phase | Typical usage | Heavy usage | "
            f"With {md_inline(media_alt)} | Main components |",
            "|---|---|---|---|---|---|",
        ]
    else:
        out += [
            "| Concurrent users | Phase | Typical usage | Heavy usage | Main components |",
            "|---|---|---|---|---|",
        ]
    for t in sc.cost_model:
        heavy = "—" if t.monthly_usd_heavy is None else _usd(t.monthly_usd_heavy)
        row = f"| {t.concurrent_users:,} | {md_inline(t.phase or '')} | {_usd(t.monthly_usd)} | {heavy} |"
        if media_alt:
            alt = t.monthly_usd_media_alternative
            row += f" {'—' if alt is None else _usd(alt)} |"
        out.append(f"{row} {md_inline(t.components)} |")
    out.append("")
    out += [f"- {md_inline(a)}" for a in sc.cost_assumptions]
    if sc.binding_constraint:
        out += ["", f"> **{md_inline(sc.binding_constraint)}**"]
    return "\n".join(out)


def _alert_rows(alerts: list[Alert]) -> list[str]:
    return [
        f"| {md_inline(a.metric)} | {md_inline(a.warning)} | {md_inline(a.critical)} | "
        f"{md_inline(a.response)} | {md_inline(a.runbook or '—')} |"
        for a in alerts
    ]


_ALERT_HEAD = ["| Metric | Warning | Critical | Response | Runbook |", "|---|---|---|---|---|"]


def operations_section(op: OperationsDesign | None) -> str:
    """Section 9: observability (condensed for the smallest teams), incidents and CI/CD."""
    if op is None:
        return ""
    ob = op.observability
    log, metrics, tracing = ob.logging, ob.metrics, ob.tracing
    out = ["## 9. Observability & CI/CD"]
    if ob.condensed:
        retention = "; ".join(f"{k} {md_inline(v)}" for k, v in log.retention.items())
        out += ["", f"> **{md_inline(ob.callout)}**", "", "### Minimum viable observability", ""]
        out += [f"- {md_inline(item)}" for item in ob.minimum_viable_stack]
        out += [
            "",
            f"**Log format:** {md_inline(log.format)}; fields {_codes(log.required_fields)}. "
            f"Retention: {retention}. {md_inline(log.pii_scrubbing)}.",
            "",
            "**Alerts kept:**",
            "",
            *_ALERT_HEAD,
            *_alert_rows(metrics.alerts),
            "",
            "**Deferred until before real users:** RED/USE dashboards "
            f"({_joined(metrics.red_services, ', ')}; {_joined(metrics.use_resources, ', ')}), "
            f"business metrics ({_codes([m.name for m in metrics.business])}), distributed "
            f"tracing ({md_inline(tracing.standard)}).",
        ]
    else:
        out += [
            "",
            "### A. Logging",
            "",
            f"{md_inline(log.format)}. Required fields in every entry:",
            "",
            "```json",
            '{"timestamp": "ISO 8601", "level": "DEBUG | INFO | WARN | ERROR | FATAL", '
            '"service": "service-name", "request_id": "UUID", "user_id": "hashed", '
            '"message": "string", "context": {}}',
            "```",
            "",
            "| Level | Use |",
            "|---|---|",
            *(f"| {k} | {md_inline(v)} |" for k, v in log.levels.items()),
            "",
            "| Environment | Retention |",
            "|---|---|",
            *(f"| {md_inline(k)} | {md_inline(v)} |" for k, v in log.retention.items()),
            "",
            f"- **Tooling:** {md_inline(log.tooling)}",
            f"- **PII scrubbing:** {md_inline(log.pii_scrubbing)}",
            "",
            "### B. Metrics",
            "",
            f"Tooling: {md_inline(metrics.tooling)}.",
            "",
            "| Component | Method | Metrics |",
            "|---|---|---|",
        ]
        for c in metrics.per_component:
            shown = "<br>".join(
                f"{md_code(m.name)} ({md_inline(m.description)})" for m in c.metrics
            )
            out.append(f"| {md_inline(c.component)} | {c.method} | {shown} |")
        out += [
            "",
            "**Business metrics** (emitted as custom metrics):",
            "",
            "| Metric | Type | Meaning |",
            "|---|---|---|",
            *(
                f"| {md_code(m.name)} | {m.type} | {md_inline(m.description)} |"
                for m in metrics.business
            ),
            "",
            "**Alerting thresholds**",
            "",
            *_ALERT_HEAD,
            *_alert_rows(metrics.alerts),
            "",
            "### C. Distributed tracing",
            "",
            f"- **Required:** {'yes' if tracing.required else 'no'}",
            f"- **Standard:** {md_inline(tracing.standard)}",
            f"- **Propagation:** {md_inline(tracing.propagation)}",
            f"- **Sampling:** {md_inline(tracing.sampling)}",
            f"- **Tooling:** {md_inline(tracing.tooling)}",
        ]
    im, ci = op.incident_management, op.ci_cd
    out += [
        "",
        "### Uptime and error tracking",
        "",
        f"- **Uptime monitoring:** {md_inline(ob.uptime_monitoring)}",
        f"- **Error tracking:** {md_inline(ob.error_tracking)}",
        "",
        "### D. Incident management",
        "",
        f"- **On-call:** {md_inline(im.on_call)}",
        f"- **Alerting tool:** {md_inline(im.alerting_tool)}",
        f"- **Post-mortems:** {md_inline(im.postmortem_policy)}",
        "",
        "| Severity | Definition | Response time |",
        "|---|---|---|",
        *(
            f"| {s.level} | {md_inline(s.definition)} | {md_inline(s.response_time)} |"
            for s in im.severities
        ),
        "",
        "**Runbooks** (one per CRITICAL alert)",
        "",
    ]
    for r in im.runbooks:  # no blank line between one runbook and the next heading
        triage = " ".join(f"({i}) {md_inline(t)}" for i, t in enumerate(r.triage, 1))
        out += [
            f"#### {md_inline(r.name)}",
            "",
            f"- **Alert:** {md_inline(r.alert)}",
            f"- **Triage:** {triage}",
            f"- **Common causes:** {'; '.join(map(md_inline, r.common_causes))}",
            f"- **Escalation:** {md_inline(r.escalation)}",
            f"- **Post-incident:** {md_inline(r.post_incident)}",
        ]
    out += [
        "",
        f"### E. CI/CD pipeline ({'full' if ci.tier == 'full' else 'minimum viable'})",
        "",
        f"Platform: {md_inline(ci.platform)}; generated workflow: `.github/workflows/ci.yml`; "
        "local environment: `compose.yaml`.",
        "",
        "| # | Phase | Step | Detail |",
        "|---|---|---|---|",
        *(
            f"| {i} | {str(s.phase).upper()} | {md_inline(s.name)} | {md_inline(s.description)} |"
            for i, s in enumerate(ci.pipeline, 1)
        ),
        "",
        "| Concern | Decision |",
        "|---|---|",
        f"| Coverage gate | {ci.coverage_gate_percent}% |",
        f"| Security scanning | {md_inline(ci.security_scanning)} |",
        f"| Staging | {'automatic on merge to main' if ci.staging_automatic else 'manual'} |",
        f"| Production | {'manual approval required' if ci.production_approval else 'automatic'} |",
        f"| Deployment strategy | {md_inline(ci.deployment_strategy)} |",
        f"| Rollback | {md_inline(ci.rollback)} |",
        f"| Branch strategy | {md_inline(ci.branch_strategy)} |",
        f"| Infrastructure as code | {md_inline(ci.iac)} |",
        f"| IaC state | {md_inline(ci.iac_state)} |",
        f"| Drift detection | {md_inline(ci.drift_detection)} |",
    ]
    return "\n".join(out)


def assumptions_section(assumptions: list[Assumption], questions: list[OpenQuestion]) -> str:
    """The Assumptions Log and the Open Questions."""
    out = ["## Assumptions Log", ""]
    if assumptions:
        out += [
            'Every value below was inferred, not stated. "Risk if wrong" names the decisions '
            "that change when the decision tree and scoring matrix are re-run with the "
            "alternative values.",
            "",
            "| # | Field | Assumption | Confidence | Risk if wrong | Correct with |",
            "|---|---|---|---|---|---|",
        ]
        out += [
            f"| {i} | {md_code(a.field)} | {md_inline(a.assumption)} | {a.confidence} | "
            f"{md_inline(a.risk_if_wrong)} | {md_code(a.set_hint) if a.set_hint else '-'} |"
            for i, a in enumerate(assumptions, 1)
        ]
    else:
        out.append("No assumptions were needed: every field was stated in the request.")
    out += ["", "## Open Questions", ""]
    if questions:
        out += [
            "Ranked by impact: conflicts first, then the assumptions most decisions hinge on.",
            "",
        ]
        for i, q in enumerate(questions, 1):
            hint = f" Answer with {md_code(q.set_hint)}." if q.set_hint else ""
            out.append(
                f"{i}. **[{str(q.impact).upper()} IMPACT]** {md_inline(q.question)} — "
                f"{md_inline(q.why_it_matters)}{hint}"
            )
    else:
        out.append("None.")
    return "\n".join(out)


def _leaf_row(name: str, leaf: Leaf[Any]) -> str:
    inferred = "**INFERRED** — " if leaf.inferred else ""
    return (
        f"| {name} | {md_inline(label(leaf.value))} | "
        f"{inferred}{md_inline(reason(leaf.evidence))} |"
    )


def intake_section(s: Signals) -> str:
    """Section 1: every Stage 1 signal with its evidence, then conflicts, preferences and
    directives."""
    p, b, d, sc, i, c = s.product, s.behavior, s.data, s.scale, s.integration, s.constraints
    out = [
        "## 1. Intake & Behavioral Classification",
        "",
        "Every field is either quoted from the prompt or marked **INFERRED** with its "
        "reasoning; correct any",
        "of them with `--set FIELD=VALUE` (e.g. `--set product.team_size=5-20`).",
        "",
        "### Product context",
        "",
        "| Field | Value | Evidence |",
        "|---|---|---|",
        _leaf_row("Product name", p.name),
        _leaf_row("Product type", p.product_type),
        _leaf_row("Stage", p.stage),
        _leaf_row("Platform targets", p.platform_targets),
        _leaf_row("Team size", p.team_size),
        _leaf_row("Archetype", p.archetype),
        "",
        "### Behavioral classification",
        "",
        "| Dimension | Score | Evidence | Implication |",
        "|---|---|---|---|",
    ]
    for name, x in (
        ("Read intensity", b.read_intensity),
        ("Write intensity", b.write_intensity),
        ("Real-time intensity", b.real_time_intensity),
        ("Compute intensity", b.compute_intensity),
    ):
        inferred = "**INFERRED** — " if x.inferred else ""
        out.append(
            f"| {name} | {x.score}/5 | {inferred}{md_inline(reason(x.evidence))} | "
            f"{md_inline(x.implication)} |"
        )
    out += [
        "",
        "| Classification | Value | Evidence |",
        "|---|---|---|",
        _leaf_row("Primary behavior", b.primary_behavior),
        _leaf_row("Secondary behavior", b.secondary_behavior),
        _leaf_row("Dominant constraint", b.dominant_constraint),
        "",
        "### Data, scale, integration and constraint signals",
        "",
        "| Field | Value | Evidence |",
        "|---|---|---|",
        _leaf_row("Data relationships", d.relationships),
        _leaf_row("Schema stability", d.schema_stability),
        _leaf_row("Data volume", d.volume),
        _leaf_row("Data sensitivity", d.sensitivity),
        _leaf_row("Consistency", d.consistency),
        _leaf_row("Users at launch", sc.launch_users),
        _leaf_row("Peak concurrent users", sc.peak_concurrent_users),
        _leaf_row("Traffic pattern", sc.traffic_pattern),
        _leaf_row("Geographic distribution", sc.geo_distribution),
        _leaf_row("Growth trajectory", sc.growth),
        _leaf_row("Third-party services", i.third_party_services),
        _leaf_row("External APIs", i.external_apis),
        _leaf_row("Auth provider needed", i.auth_provider_needed),
        _leaf_row("Payments needed", i.payments_needed),
        _leaf_row("Webhooks", i.webhooks),
        _leaf_row("Budget tier", c.budget_tier),
        _leaf_row("Monthly budget (USD)", c.budget_monthly_usd),
        _leaf_row("Compliance", c.compliance),
        _leaf_row("Cloud provider", c.cloud_provider),
        _leaf_row("Existing infrastructure", c.existing_infrastructure),
        _leaf_row("Latency requirement", c.latency_requirement),
        _leaf_row("Live media", s.media)
        if s.media
        else "| Live media | none | No live video or voice (calls or live broadcast) in the "
        "prompt: no media layer is added; on-demand video, if any, is served from the CDN |",
    ]
    if s.stated_stack:
        out += ["", f"**Stated stack:** {_joined(s.stated_stack, ', ')}"]
    # the optional parts follow one another without a blank line (as the template had them)
    optional: list[str] = []
    if s.conflicts:
        optional += ["### Conflicts", ""]
        for k in s.conflicts:
            optional += [
                f"- **CONFLICT ({str(k.impact).upper()} impact)** `{k.code}`: "
                f"{_joined(k.fields, ' vs ')} — {md_inline(k.tension)}",
                f"  **Resolution:** {md_inline(k.resolution)}",
            ]
    if s.preferences:
        optional += [
            "### Your stated preferences",
            "",
            "| Subject | You asked for | Decision | Reason | Where you said it |",
            "|---|---|---|---|---|",
        ]
        for pref in s.preferences:
            kept = f" Kept as: {md_inline(pref.alternative_role)}." if pref.alternative_role else ""
            optional.append(
                f"| {md_inline(label(pref.subject))} | {md_inline(pref.requested)} | "
                f"**{pref.decision}** | {md_inline(pref.reason)}{kept} | "
                f"{md_inline(pref.evidence)} |"
            )
    if s.directives:
        optional += ["### Directives", ""]
        optional += [f"- **{label(x.kind)}** — {md_inline(x.text)}" for x in s.directives]
    if optional:
        out += ["", *optional]
    return "\n".join(out)


def overview_section(o: Overview | None) -> str:
    """Section 4: the system diagram, the tech stack registry and the environments."""
    if o is None:
        return ""
    out = [
        "## 4. System Overview",
        "",
        "### 4A. High-level architecture",
        "",
        "```mermaid",
        o.system_diagram.rstrip(),
        "```",
        "",
        "| Component | Technology | Kind |",
        "|---|---|---|",
        *(
            f"| {md_inline(n.label)} | {md_inline(n.technology)} | {label(n.kind)} |"
            for n in o.topology.nodes
        ),
        "",
        "### 4B. Tech stack registry",
        "",
        "| Layer | Technology | Version/Tier | Justification | Alternative Considered |",
        "|---|---|---|---|---|",
    ]
    for r in o.tech_stack:
        pref = f" (preference: {md_inline(r.preference)})" if r.preference else ""
        out.append(
            f"| {md_inline(r.layer)} | {md_inline(r.technology)}{pref} | "
            f"{md_inline(r.version_tier)} | {md_inline(r.justification)} | "
            f"{md_inline(r.alternative_considered)} |"
        )
    out += [
        "",
        "### 4C. Environments",
        "",
        "| Environment | Purpose | Data Policy | Access Control | Parity to Prod |",
        "|---|---|---|---|---|",
        *(
            f"| {md_inline(e.name)} | {md_inline(e.purpose)} | {md_inline(e.data_policy)} | "
            f"{md_inline(e.access_control)} | {md_inline(e.parity_to_prod)} |"
            for e in o.environments
        ),
        "",
        "**Staging parity rule.** Staging must match production in:",
        "",
        *(f"- {md_inline(r)}" for r in o.staging_parity_rules),
        "",
    ]
    if o.parity_gaps:
        out += [
            "**Known staging/production parity gaps**",
            "",
            "| Gap | Risk | Mitigation |",
            "|---|---|---|",
            *(
                f"| {md_inline(g.gap)} | {md_inline(g.risk)} | {md_inline(g.mitigation)} |"
                for g in o.parity_gaps
            ),
        ]
    return "\n".join(out)


def header_section(doc: ArchitectureDocument) -> str:
    """Title, verification verdict, generator and the request as given."""
    gen, checks = doc.generator, doc.verification.checks
    out = [f"# {md_inline(doc.signals.product.name.value)} — Technical Architecture", ""]
    if doc.verification.passed:
        out.append(f"> **VERIFICATION PASSED** — {len(checks)} checks.")
    else:
        out.append("> **VERIFICATION FAILED** — see [Verification](#verification).")
    out += [
        "",
        f"Generated by archwright {doc.archwright_version} ({gen.engine}). Every decision below "
        "cites the Stage 1 field it follows from; fields marked **INFERRED** were not stated "
        "in the request.",
    ]
    if gen.llm:
        used = "used" if gen.engine == "rules+llm" else "not used: offline result"
        usage = ""
        if gen.usage:
            u = gen.usage
            usage = f"; {u.input_tokens} input + {u.output_tokens} output tokens"
            if u.cost_usd is not None:
                usage += f", ${u.cost_usd:.4f}"
        out += [
            "",
            f"**Model proposals** ({md_inline(gen.llm)}, {used}{usage}). The model only "
            "proposes; explicit findings of the rules win.",
            "",
            *(f"- {md_inline(note)}" for note in gen.notes),
        ]
    out += ["", "**Request:**", "", f"> {md_inline(doc.input.prompt)}"]
    return "\n".join(out)


def _listed(values: list[str], sep: str, empty: str) -> str:
    return _joined(values, sep) if values else empty


def architecture_section(a: ArchitectureDecision) -> str:
    """Section 2: the pattern, the rule that chose it, rejected patterns, topology, modules."""
    rule, topo = a.rule_fired, a.service_topology
    out = [
        "## 2. Architecture Pattern",
        "",
        f"**Pattern: {md_inline(a.pattern_label)}** (`{a.architecture_pattern}`)",
        "",
        f"**Rule fired:** {md_code(rule.rule)} — {md_code(rule.field)} = {md_code(rule.value)}. "
        f"{md_inline(rule.text)}",
        "",
        md_inline(a.pattern_rationale),
        "",
    ]
    if a.rejected_patterns:
        out += ["### Rejected alternatives", "", "| Rejected pattern | Why |", "|---|---|"]
        out += [
            f"| {md_inline(r.pattern)} | {md_inline(r.rejection_reason)} |"
            for r in a.rejected_patterns
        ]
        out.append("")
    out += [
        "### Service topology",
        "",
        "| Layer | Design |",
        "|---|---|",
        f"| Core services | {_listed(topo.core_services, '; ', 'none')} |",
        "| Async workers | "
        + _listed(
            topo.async_workers,
            "; ",
            "none — compute and write intensity stay below the worker threshold",
        )
        + " |",
        "| Real-time layer | "
        + (
            md_inline(topo.real_time_layer)
            if topo.real_time_layer
            else "none — real-time intensity below 3, polling is fine"
        )
        + " |",
        f"| CDN layer | {md_inline(topo.cdn_layer) if topo.cdn_layer else 'none'} |",
        f"| Edge functions | {_listed(topo.edge_functions, '; ', 'none')} |",
    ]
    if a.modules:
        services = a.architecture_pattern == "microservices"
        out += [
            "",
            "### Service boundaries (by behavior)" if services else "### Module boundaries",
            "",
            f"| {'Service' if services else 'Module'} | Owns | Behavior | Why this boundary |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {md_inline(m.name)} | {_joined(m.owns, ', ')} | {md_inline(label(m.behavior))} | "
            f"{md_inline(m.justification)} |"
            for m in a.modules
        ]
    for n in a.notes:
        out += ["", f"**{md_inline(n.topic)}.** {md_inline(n.text)}"]
    if a.deferred:
        out += ["", "**Deferred (post-MVP flags):**", ""]
        out += [f"- {md_inline(x)}" for x in a.deferred]
    out += [
        "",
        f"- **Scaling strategy:** {md_inline(a.scaling_strategy)}",
        f"- **Deployment target:** {md_inline(a.deployment_target)}",
    ]
    return "\n".join(out)


def data_section(d: DataStrategy) -> str:
    """Section 3: the scoring matrix that chose the primary store, secondary stores, caching."""
    out = [
        "## 3. Data Strategy",
        "",
        f"**Primary database: {md_inline(d.primary_database)}** "
        f"({label(d.primary_database_family)})",
        "",
        "### Scoring matrix",
        "",
        "| Family | Score | Lines that scored |",
        "|---|---|---|",
    ]
    by_family: dict[str, list[ScoreLine]] = {}
    for line in d.score_breakdown:
        by_family.setdefault(line.family, []).append(line)
    # highest score first; a stable sort keeps equal scores in their order in the dict
    for fam, pts in sorted(d.scores.items(), key=lambda item: item[1], reverse=True):
        selected = " **(selected)**" if fam == d.primary_database_family else ""
        excluded = " (not eligible as primary)" if fam in d.excluded_families else ""
        lines = "; ".join(
            f"{line.points:+d} {md_inline(line.reason)}" for line in by_family.get(fam, [])
        )
        out.append(
            f"| {label(fam)}{selected}{excluded} | {pts:+d} | {lines or 'no rule applies'} |"
        )
    out += ["", md_inline(d.primary_db_rationale), ""]
    if d.excluded_families:
        # by family name, ignoring case (Jinja's dictsort)
        for fam, why in sorted(d.excluded_families.items(), key=lambda item: item[0].lower()):
            out.append(f"- {label(fam)} cannot be primary: {md_inline(why)}")
        out.append("")
    if d.preference_conflict:
        out += [f"> **Requested database not selected.** {md_inline(d.preference_conflict)}", ""]
    out += [f"**Falsifiable:** {md_inline(d.primary_db_wrong_if)}", ""]
    if d.secondary_databases:
        out += ["### Secondary stores", "", "| Store | Family | Purpose |", "|---|---|---|"]
        out += [
            f"| {md_inline(s.technology)}{' (your request)' if s.from_preference else ''} | "
            f"{label(s.family)} | {md_inline(s.purpose)} |"
            for s in d.secondary_databases
        ]
        out.append("")
    out += ["### Caching", ""]
    c = d.caching_strategy
    if c.tool and c.pattern:
        out += [
            f"- **Tool:** {md_inline(c.tool)} — **pattern:** {md_inline(c.pattern)}",
            f"- **Entities cached:** {_listed(c.entities_cached, ', ', 'none')}",
            f"- **Invalidation:** {md_inline(c.invalidation_strategy)}",
            "",
            "| Data type | TTL |",
            "|---|---|",
            *(f"| {md_inline(k)} | {md_inline(v)} |" for k, v in c.ttl_policy.items()),
        ]
    else:
        out.append(
            "- No cache layer: read intensity is below 3, so every read goes to the primary "
            "(add Redis cache-aside when p95 read latency exceeds its target)."
        )
    if c.pubsub:
        out.append(f"- **Pub/sub:** {md_inline(c.pubsub)}")
    if c.cdn:
        out.append(f"- **CDN / edge:** {md_inline(c.cdn)}")
    b = d.backup_strategy
    out += [
        "",
        f"- **ORM / query builder:** {md_inline(d.orm_or_query_builder)}",
        f"- **Migrations:** {md_inline(d.migration_strategy)}",
        f"- **Backups:** {md_inline(b.frequency)}; retention {md_inline(b.retention)}; "
        f"restore test {md_inline(b.restore_test_schedule)}",
    ]
    return "\n".join(out)
