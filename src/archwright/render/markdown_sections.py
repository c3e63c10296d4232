"""Whole Markdown sections written in Python, not Jinja.

These sections are long runs of table rows, each cell a filtered attribute: through Jinja (an
attribute lookup, a filter call and a ``str()`` per cell) they were the slowest part of a
document's Markdown. The output is line for line what their templates made.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from archwright.render.markdown_blocks import label
from archwright.render.text import md_code, md_inline

if TYPE_CHECKING:
    from archwright.models.security import SecurityDesign
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
    return "\n".join(out) + "\n"


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
    return "\n".join(out) + "\n"
