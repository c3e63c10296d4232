"""Stage 7 — security and compliance.

Every decision reads Stage 1 signals, the domain model (roles, owned entities, sensitive fields),
and — when they exist — the Stage 5 API contract (endpoint roles, rate-limit tiers) and the
Stage 6 schema (the real column names for field-level encryption). Provisions, controls and the
OWASP items are data (``knowledge/compliance.yaml``, ``owasp.yaml``); this module only decides
which apply and fills them with this product's names.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from archwright import catalog
from archwright.design import media
from archwright.design import traits as tr
from archwright.design.ingest_limit import ingest_limit, is_ingestion
from archwright.design.stack import Stack
from archwright.models.api import ApiContract
from archwright.models.domain import DomainEndpoint, DomainModel
from archwright.models.schema import SchemaDesign
from archwright.models.security import (
    AlternativeConsidered,
    Authorization,
    AuthStrategy,
    ComplianceKnowledge,
    ComplianceRow,
    Control,
    CorsPolicy,
    Encryption,
    EndpointAccess,
    FieldEncryption,
    JwtSpec,
    Mfa,
    OwaspItem,
    OwaspKnowledge,
    RateLimiting,
    RateLimitTier,
    RegulationSpec,
    Role,
    RowLevelRule,
    SecurityDesign,
    SecurityHeader,
    Sso,
    TokenStorage,
)
from archwright.models.signals import Signals

AUDIT_TABLE = "audit_log"
PRIVILEGE_AUDIT_FIELDS = ["actor_id", "action", "resource", "timestamp", "ip_address"]
COOKIE = "httpOnly; Secure; SameSite=Strict; Path=/"
SELECTED_STORAGE = "httpOnly Secure SameSite=Strict cookies"

#: Default thresholds per rate-limit tier when the API contract does not fix them. Auth is the
#: strictest (credential stuffing); writes are tighter than reads; admin is low-volume by nature.
_TIER_DEFAULTS: dict[str, tuple[int, str, str, str]] = {
    "public": (60, "minute", "ip", "unauthenticated reads"),
    "auth": (10, "minute", "ip", "login, registration, refresh and password reset"),
    "read": (120, "minute", "user", "authenticated reads"),
    "write": (30, "minute", "user", "authenticated writes"),
    "partner": (600, "minute", "api_key", "partner / machine clients with API keys"),
    # sized from Stage 1's stated write rate (design/ingest_limit.py); the number is the contract's
    "ingest": (600, "minute", "api_key", "device / machine ingestion with API keys"),
    "admin": (30, "minute", "user", "administrative operations"),
}
# tier names shared with the Stage 5 contract (RateLimit.tier in design/api_contract.py)
_TIER_ORDER = ["public", "auth", "read", "write", "admin", "partner", "ingest"]


@cache
def compliance_knowledge() -> ComplianceKnowledge:
    return catalog.load_model("compliance.yaml", ComplianceKnowledge)


@cache
def owasp_knowledge() -> OwaspKnowledge:
    return catalog.load_model("owasp.yaml", OwaspKnowledge)


class _Ctx(dict[str, str]):
    """Template context: a missing key is a bug in the knowledge file, reported by name."""

    def __missing__(self, key: str) -> str:
        raise KeyError(f"knowledge template placeholder {{{key}}} has no value")


def fill(template: str, ctx: dict[str, str]) -> str:
    return template.format_map(_Ctx(ctx))


# ------------------------------------------------------------------------------- traits


def product_traits(
    signals: Signals, domain: DomainModel, api: ApiContract | None, stack: Stack | None
) -> set[str]:
    t: set[str] = set()
    b = signals.behavior
    if (
        b.real_time_intensity.score >= 3
        or any(e.realtime for e in domain.endpoints)
        or (api is not None and api.websocket is not None)
    ):
        t.add("realtime")
    if tr.payment_provider(signals, domain):
        t.add("payments")
    if tr.has_uploads(domain, stack):
        t.add("uploads")
    if any(e.owner_field for e in domain.entities):
        t.add("owned")
    if tr.is_b2b(signals, domain) and tr.tenant_entity(domain) is not None:
        t.add("b2b")
    if tr.admin_roles(domain):
        t.add("admin")
    if tr.fields_where(domain, None, sensitive=True) or tr.sensitivity_at_least(
        signals, "financial"
    ):
        t.add("field_encryption")
    if tr.uses_passwords(domain) or not tr.social_login_providers(signals, domain):
        t.add("passwords")
    fam = "sql"
    if stack is not None and stack.primary_database.technology:
        low = stack.primary_database.technology.lower()
        fam = "nosql" if re.search(r"mongo|dynamo|firestore|cassandra|couch", low) else "sql"
    t.add(fam)
    if tr.money_endpoints(domain):
        t.add("money")
    if any(f.type == "text" for e in domain.entities for f in e.fields):
        t.add("user_text")
    if b.compute_intensity.score >= 4 or any(
        re.search(r"openai|anthropic|llm|gpt|claude|gemini|ai\b", n, re.I)
        for n in tr.third_parties(signals, domain)
    ):
        t.add("ai")
    if signals.integration.webhooks.value in ("inbound", "both") or "payments" in t:
        t.add("webhooks_in")
    if domain.jobs or b.compute_intensity.score >= 3 or b.write_intensity.score >= 4:
        t.add("jobs")
    if any(f.type == "url" for e in domain.entities for f in e.fields):
        t.add("url_fields")
    s = signals.data.sensitivity.value
    t.add(s)
    if s in ("health", "financial") or any(
        f.type == "geo_point" for e in domain.entities for f in e.fields
    ):
        t.add("sensitive")
    return t


# --------------------------------------------------------------------------------- auth


def _refresh_expiry(signals: Signals) -> str:
    s = signals.data.sensitivity.value
    if s in ("health", "financial"):
        return f"7 days (shortest of the 7-30 day range: {s} data)"
    if s in ("pii", "legal"):
        return f"14 days ({s} data: a middle ground between re-login friction and exposure)"
    return "30 days (no sensitive data: longest of the 7-30 day range)"


def _idle_timeout(signals: Signals) -> str:
    s = signals.data.sensitivity.value
    return {"health": "15 minutes", "financial": "15 minutes", "legal": "30 minutes"}.get(
        s, "60 minutes" if s == "pii" else "8 hours"
    )


def _storage_rationale(signals: Signals, domain: DomainModel) -> tuple[str, str]:
    """(what an XSS would expose, compliance sentence) for this product's data."""
    s = signals.data.sensitivity.value
    compliance = signals.constraints.compliance.value
    if s == "health" or "hipaa" in compliance:
        return (
            "all PHI tokens",
            "HIPAA §164.312(a)(2)(iv) requires automatic logoff and encryption mechanisms "
            "(encryption and decryption under (a)(2)(iv), automatic logoff under (a)(2)(iii)). "
            "httpOnly cookies are immune to JavaScript access and are the only compliant option "
            "for this use case.",
        )
    if s == "financial" or "pci" in compliance:
        return (
            "every session able to move money",
            "PCI DSS v4.0.1 Req 8 and 6.4.3 expect session credentials and payment-page scripts "
            "to be protected; httpOnly cookies are immune to JavaScript access.",
        )
    entities = ", ".join(e.plural for e in domain.entities if e.owner_field)[:120] or "accounts"
    return (
        f"every user's session and their {entities}",
        "httpOnly cookies are immune to JavaScript access, so an injected script cannot read "
        "or exfiltrate them.",
    )


def _auth(signals: Signals, domain: DomainModel, tra: set[str]) -> AuthStrategy:
    social = tr.social_login_providers(signals, domain)
    idps = tr.identity_providers(signals, domain)
    b2b = tr.is_b2b(signals, domain)
    platforms = signals.product.platform_targets.value
    mobile = any(p in ("ios", "android", "cross_platform") for p in platforms)
    parts: list[str] = []
    oauth_flow = None
    if social:
        oauth_flow = "OAuth 2.0 Authorization Code + PKCE (S256); implicit flow never used"
        parts.append(f"OAuth 2.0 + PKCE social login ({', '.join(social)})")
    sso = None
    if b2b:
        idp_list = idps or ["Okta", "Microsoft Entra ID", "Google Workspace"]
        tenant = tr.tenant_entity(domain)
        tname = tenant.name if tenant else "organization"
        sso = Sso(
            protocols=["OIDC", "SAML 2.0"],
            idp_support=idp_list,
            jit_provisioning=(
                f"Just-in-time provisioning: first SSO login creates the user inside the "
                f"{tname} whose verified domain matches, with role `{domain.default_role}`"
            ),
            scim=(
                f"SCIM 2.0 endpoint (/scim/v2/Users, /Groups) so the customer's IdP deprovisions "
                f"users and syncs group-to-role mappings for {', '.join(r.name for r in domain.roles)}"
            ),
        )
        parts.append("OIDC/SAML SSO for business customers")
    if "passwords" in tra:
        parts.append("email + password (Argon2id) for direct sign-up")
    parts.append("first-party JWT sessions (RS256)")
    summary = "; ".join(parts)
    if mobile:
        summary += (
            "; native apps keep the refresh token in the iOS Keychain / Android Keystore "
            "(no cookie jar) and use the same rotation rules"
        )
    exposed, compliance = _storage_rationale(signals, domain)
    pref = signals.preference("token_storage")
    requested = pref.requested if pref else ""
    alts: list[AlternativeConsidered] = []
    local_reason = (
        f"localStorage is accessible to any JavaScript running on the page. A single XSS "
        f"vulnerability would expose {exposed}. {compliance}"
    )
    user_wants_local = bool(re.search(r"local\s*storage", requested, re.I))
    user_wants_session = bool(re.search(r"session\s*storage", requested, re.I))
    alts.append(
        AlternativeConsidered(
            option="localStorage" + (f" (requested: {requested})" if user_wants_local else ""),
            requested_by_user=user_wants_local,
            reason_rejected=local_reason,
        )
    )
    alts.append(
        AlternativeConsidered(
            option="sessionStorage" + (f" (requested: {requested})" if user_wants_session else ""),
            requested_by_user=user_wants_session,
            reason_rejected=(
                "Same exposure as localStorage: readable by any script on the origin, so one XSS "
                f"exposes {exposed}."
            ),
        )
    )
    if pref and not (user_wants_local or user_wants_session):
        alts.append(
            AlternativeConsidered(
                option=f"{requested} (requested)",
                requested_by_user=True,
                reason_rejected=(
                    f"{pref.reason} The selected storage keeps tokens out of reach of "
                    "page JavaScript."
                ).strip(),
            )
        )
    alts.append(
        AlternativeConsidered(
            option="In-memory access token with refresh token in an httpOnly cookie",
            reason_rejected=(
                "Viable for SPAs, but the access token is still readable by injected scripts "
                "while the page is open; cookies for both keep the rule simple."
            ),
        )
    )
    storage = TokenStorage(
        selected=SELECTED_STORAGE,
        rationale=(
            f"Access and refresh tokens are set by the API as {COOKIE} cookies (refresh "
            f"cookie scoped to Path=/v1/auth/refresh); never localStorage. {compliance} "
            "State-changing requests also need the SameSite=Strict cookie plus an "
            "X-CSRF-Token header (double-submit) as defense in depth."
        ),
        alternatives_considered=alts,
    )
    sens = signals.data.sensitivity.value
    admins = tr.admin_roles(domain)
    if sens in ("financial", "health"):
        mfa = Mfa(
            requirement="required",
            methods=["WebAuthn / passkeys", "TOTP authenticator app"],
            rationale=(
                f"data_sensitivity = {sens}: MFA required for every account; SMS codes are not "
                "accepted (SIM-swap risk). Step-up MFA before exporting or bulk-reading records."
            ),
        )
    elif sens in ("pii", "legal"):
        mfa = Mfa(
            requirement="recommended",
            methods=["TOTP authenticator app", "WebAuthn / passkeys"],
            rationale=(
                f"data_sensitivity = {sens}: MFA recommended for every user (TOTP or WebAuthn)"
                + (f", required for {', '.join(admins)}" if admins else "")
                + "."
            ),
        )
    else:
        mfa = Mfa(
            requirement="optional",
            methods=["TOTP authenticator app", "WebAuthn / passkeys"],
            rationale=(
                "No sensitive data: MFA offered to users"
                + (f" and required for {', '.join(admins)}" if admins else "")
                + "."
            ),
        )
    return AuthStrategy(
        strategy="oauth2_pkce+jwt" if social else ("sso+jwt" if sso else "jwt"),
        summary=summary,
        oauth_providers=social,
        oauth_flow=oauth_flow,
        jwt=JwtSpec(
            algorithm="RS256 (asymmetric; HS256 never used — services verify with the public key only)",
            access_token_expiry="15 minutes",
            refresh_token_expiry=_refresh_expiry(signals),
            refresh_rotation=(
                "Required: each refresh token is single-use; using it issues a new pair and "
                "invalidates the old one; reuse of a rotated token revokes the whole family"
            ),
            storage=SELECTED_STORAGE + " set by the API (unreadable by page JavaScript)",
            claims=["sub", "role", "iat", "exp", "jti"],
            cookie_attributes=COOKIE,
        ),
        token_storage=storage,
        mfa=mfa,
        sso=sso,
        session_timeout=(
            f"Automatic logoff after {_idle_timeout(signals)} of inactivity; absolute session "
            f"lifetime = refresh token expiry ({_refresh_expiry(signals).split(' (')[0]})"
        ),
    )


# ------------------------------------------------------------------------ authorization


def _owner_rules(domain: DomainModel) -> list[RowLevelRule]:
    rules: list[RowLevelRule] = []
    for e in domain.entities:
        if e.owner_field:
            bypass = [
                r.name
                for r in domain.roles
                if any(p in (f"{e.name}:delete", f"{e.name}:update") for p in r.permissions)
            ]
            extra = f"; {', '.join(bypass)} may act on any row (logged)" if bypass else ""
            rules.append(
                RowLevelRule(
                    entity=e.plural,
                    rule=(
                        f"{e.plural}.{e.owner_field} = jwt.sub for update/delete"
                        f"{'' if e.append_only else ' and private reads'}; enforced in the "
                        f"repository query and by a PostgreSQL RLS policy USING "
                        f"({e.owner_field} = current_setting('app.user_id')::uuid){extra}"
                    ),
                )
            )
    tenant = tr.tenant_entity(domain)
    if tenant is not None:
        rules.append(
            RowLevelRule(
                entity="all tenant-scoped tables",
                rule=(
                    f"every row carries {tenant.name}_id; queries filter on it from the session's "
                    f"{tenant.name}, so no {tenant.name} can read another's data"
                ),
            )
        )
    return rules


def _endpoint_tier(ep: DomainEndpoint, domain: DomainModel) -> str:
    if ep.action == "auth":
        return "auth"
    if ep.auth == "admin" or (ep.role and ep.role in tr.admin_roles(domain)):
        return "admin"
    if ep.auth == "public":
        return "public"
    if ep.auth in ("api_key", "service"):
        return "partner"
    if ep.method != "GET":
        return "write"
    return "read"


def _endpoint_access(
    domain: DomainModel, api: ApiContract | None, rules: dict[str, str]
) -> list[EndpointAccess]:
    entity_of = {e.plural: e.name for e in domain.entities}
    out: list[EndpointAccess] = []
    if api is not None and api.endpoints:
        for ep in api.endpoints:
            # a path segment equal to the plural (`/orders` or `/orders/...`)
            segmented = ep.path + "/"
            plural = next((p for p in entity_of if f"/{p}/" in segmented), None)
            own = rules.get(entity_of[plural]) if plural and ep.method != "GET" else None
            out.append(
                EndpointAccess(
                    method=ep.method,
                    path=ep.path,
                    required_role=ep.required_role,
                    rate_limit_tier=ep.rate_limit.tier,
                    ownership=own,
                )
            )
        return out
    for ep in domain.endpoints:
        role = "anonymous" if ep.auth == "public" else (ep.role or domain.default_role)
        own = None
        if ep.entity and ep.method in ("PATCH", "PUT", "DELETE") and ep.entity in rules:
            own = rules[ep.entity]
        out.append(
            EndpointAccess(
                method=ep.method,
                path=f"/v1{ep.path}",
                required_role=role,
                rate_limit_tier=_endpoint_tier(ep, domain),
                ownership=own,
            )
        )
    return out


_VERB = {"GET": "read", "POST": "create", "PUT": "update", "PATCH": "update", "DELETE": "delete"}


def _machine_roles(domain: DomainModel, api: ApiContract | None) -> list[Role]:
    """Roles the API requires that no archetype stakeholder provides: server-to-server callers
    (``service``) authenticated by an API key. Their permissions are exactly the endpoints that
    require them, so the RBAC table covers every endpoint."""
    known = {r.name for r in domain.roles} | {"anonymous", "public"}
    needed: dict[str, list[str]] = {}
    for ep in api.endpoints if api else []:
        if ep.required_role in known:
            continue
        perm = f"{ep.tag}:{_VERB.get(ep.method, 'call')}"
        perms = needed.setdefault(ep.required_role, [])
        if perm not in perms:
            perms.append(perm)
    return [
        Role(
            name=name,
            description="Machine client (server-to-server) authenticated by an API key; holds "
            "only the permissions of the endpoints that require it.",
            permissions=perms,
        )
        for name, perms in sorted(needed.items())
    ]


def _authorization(domain: DomainModel, api: ApiContract | None = None) -> Authorization:
    roles = [
        Role(name=r.name, description=r.description, permissions=r.permissions)
        for r in domain.roles
    ] + _machine_roles(domain, api)
    abac = tr.tenant_entity(domain) is not None and len(domain.roles) > 3
    return Authorization(
        model="abac" if abac else "rbac",
        roles=roles,
        enforcement=(
            "Enforced at the API layer by a route guard that reads `role` from the verified JWT "
            "and the route's required role; the UI only hides controls. Permissions are "
            "resource:action strings; a `:own` suffix adds the row-ownership check below."
        ),
        row_level_rules=_owner_rules(domain),
        audit_log=(
            f"Every privilege change (role assignment, suspension, permission grant, SSO group "
            f"mapping) writes a row to `{AUDIT_TABLE}` with actor_id, action, resource, "
            "timestamp and ip_address; the table is append-only (INSERT-only grant) and alerts "
            "fire on any change to an admin role."
        ),
    )


# --------------------------------------------------------------------------- encryption


def _encryption(
    signals: Signals, domain: DomainModel, schema: SchemaDesign | None, stack: Stack | None
) -> Encryption:
    c = tr.cloud(signals, stack)
    sens = signals.data.sensitivity.value
    pairs = tr.fields_where(domain, schema, sensitive=True)
    reason = "highest-sensitivity field (flagged sensitive in the schema)"
    if not pairs and sens in ("health", "financial", "legal"):
        pairs = [
            (t, col)
            for t, col in tr.fields_where(domain, schema, sensitive=False)
            if col not in ("email", "username")
        ]
        reason = f"{sens} data: PII column encrypted at field level"
    fields = [FieldEncryption(table=t, field=col, reason=reason) for t, col in pairs]
    db = (
        stack.primary_database.technology
        if stack and stack.primary_database.technology
        else "the primary database"
    )
    if sens == "none":
        at_rest = f"AES-256 storage encryption of {db} volumes, backups and object storage (provider-managed keys)"
    else:
        at_rest = (
            f"AES-256 storage encryption of {db}, replicas, backups, cache snapshots and object "
            f"storage with customer-managed keys in {c.kms}"
        )
        if fields:
            at_rest += (
                "; field-level AES-256-GCM envelope encryption for "
                + tr.fmt_fields(pairs)
                + " (blind index HMAC for equality lookups)"
            )
    return Encryption(
        tls_minimum="TLS 1.2",
        tls_preferred="TLS 1.3 (TLS 1.0/1.1 disabled; 1.2 only with AEAD cipher suites)",
        hsts="max-age=63072000; includeSubDomains; preload",
        certificates=c.certificates,
        at_rest=at_rest,
        field_level=fields,
        kms=c.kms,
        key_rotation=c.kms_rotation + ("; data keys re-wrapped on rotation" if fields else ""),
        secrets_manager=c.secrets_manager,
        secrets_rotation=(
            "Automated rotation every 30 days for database credentials and every 90 days for "
            "third-party API keys"
            + (
                f" ({', '.join(tr.third_parties(signals, domain)[:5])})"
                if tr.third_parties(signals, domain)
                else ""
            )
            + "; manual rotations recorded with an audit trail"
        ),
        secrets_policy=(
            f"No secrets in source code, images or committed .env files; services read them at "
            f"start from {c.secrets_manager} via their workload identity; CI uses OIDC, not "
            "long-lived keys; secret scanning (gitleaks) runs on every push."
        ),
    )


# --------------------------------------------------------------------------- compliance


def _applies(reg: RegulationSpec, signals: Signals) -> tuple[bool, str]:
    if reg.id in signals.constraints.compliance.value:
        ev = signals.constraints.compliance.evidence
        return True, f"Requested: {ev}" if not signals.constraints.compliance.inferred else ev
    for rule in reg.applies_if:
        if (
            rule.sensitivity_in is not None
            and signals.data.sensitivity.value not in rule.sensitivity_in
        ):
            continue
        if rule.geo_in is not None and signals.scale.geo_distribution.value not in rule.geo_in:
            continue
        if (
            rule.product_type_in is not None
            and signals.product.product_type.value not in rule.product_type_in
        ):
            continue
        if (
            rule.budget_tier_in is not None
            and signals.constraints.budget_tier.value not in rule.budget_tier_in
        ):
            continue
        if rule.payments is not None and signals.integration.payments_needed.value != rule.payments:
            continue
        return True, "INFERRED: " + rule.because
    return False, reg.not_applicable_reason


def _compliance(
    signals: Signals, domain: DomainModel, ctx: dict[str, str], tra: set[str]
) -> list[ComplianceRow]:
    rows: list[ComplianceRow] = []
    order = {"gdpr": 0, "ccpa": 1, "hipaa": 2, "pci": 3, "soc2": 4}
    for reg in sorted(compliance_knowledge().regulations, key=lambda r: order[r.id]):
        ok, why = _applies(reg, signals)
        controls = (
            [
                Control(control=fill(c.control, ctx), provision=c.provision)
                for c in reg.controls
                if c.when is None or c.when in tra
            ]
            if ok
            else []
        )
        rows.append(
            ComplianceRow(
                regulation=reg.name,
                applicable=ok,
                reason=why,
                key_requirements=list(reg.key_requirements) if ok else [],
                controls=controls,
                audit_logging=reg.audit_logging if ok else "n/a",
                data_residency=reg.data_residency if ok else "n/a",
                vendor_assessment=reg.vendor_assessment if ok else "n/a",
            )
        )
    return rows


# ----------------------------------------------------------------------- headers / CSP


def _csp(signals: Signals, domain: DomainModel, tra: set[str], stack: Stack | None) -> str:
    c = tr.cloud(signals, stack)
    connect = ["'self'", tr.api_origin(signals)]
    if "realtime" in tra:
        connect.append(tr.api_origin(signals).replace("https://", "wss://"))
    script = ["'self'"]
    frame = ["'none'"]
    img = ["'self'", "data:"]
    if "uploads" in tra:
        img.append(c.object_storage_origin)
    pay = tr.payment_provider(signals, domain)
    if pay and "stripe" in pay.lower():
        script.append("https://js.stripe.com")
        frame = ["https://js.stripe.com", "https://hooks.stripe.com"]
        connect.append("https://api.stripe.com")
    elif pay:
        frame = ["'self'"]
    if (
        stack is not None
        and stack.error_tracking.technology
        and "sentry" in stack.error_tracking.technology.lower()
    ):
        connect.append("https://*.ingest.sentry.io")
    # the media layer's signalling/ingest and playback origins, only when there is one
    media_connect, media_src = (
        media.csp_sources(stack, tr.api_origin(signals)) if stack is not None else ([], [])
    )
    connect += media_connect
    directives = [
        "default-src 'self'",
        f"script-src {' '.join(script)}",
        "style-src 'self'",
        f"img-src {' '.join(img)}",
        "font-src 'self'",
        f"connect-src {' '.join(connect)}",
        *([f"media-src {' '.join(media_src)}"] if media_src else []),
        f"frame-src {' '.join(frame)}",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "upgrade-insecure-requests",
    ]
    return "; ".join(directives)


def _headers(
    signals: Signals, domain: DomainModel, tra: set[str], stack: Stack | None
) -> list[SecurityHeader]:
    text = " ".join(tr.third_parties(signals, domain)).lower()
    # live calls and browser broadcasting capture the camera and microphone
    video = signals.media is not None or bool(
        re.search(r"twilio|video|zoom|webrtc|agora|daily", text)
    )
    geo = any(f.type == "geo_point" for e in domain.entities for f in e.fields)
    perms = [
        f"camera={'(self)' if video else '()'}",
        f"microphone={'(self)' if video else '()'}",
        f"geolocation={'(self)' if geo else '()'}",
        f"payment={'(self)' if 'payments' in tra else '()'}",
        "usb=()",
        "interest-cohort=()",
    ]
    sensitive = signals.data.sensitivity.value in ("health", "financial", "legal")
    return [
        SecurityHeader(name="Content-Security-Policy", value=_csp(signals, domain, tra, stack)),
        SecurityHeader(
            name="Strict-Transport-Security", value="max-age=63072000; includeSubDomains; preload"
        ),
        SecurityHeader(name="X-Frame-Options", value="DENY"),
        SecurityHeader(name="X-Content-Type-Options", value="nosniff"),
        SecurityHeader(
            name="Referrer-Policy",
            value="no-referrer" if sensitive else "strict-origin-when-cross-origin",
        ),
        SecurityHeader(name="Permissions-Policy", value=", ".join(perms)),
        SecurityHeader(name="Cross-Origin-Opener-Policy", value="same-origin"),
        SecurityHeader(
            name="Cache-Control",
            value="no-store (authenticated API responses)"
            if sensitive
            else "private, no-cache (authenticated API responses)",
        ),
    ]


# ------------------------------------------------------------------------ rate limiting


def _rate_limiting(
    access: list[EndpointAccess], api: ApiContract | None, signals: Signals
) -> RateLimiting:
    by_tier: dict[str, list[str]] = {}
    for a in access:
        by_tier.setdefault(a.rate_limit_tier, []).append(f"{a.method} {a.path}")
    from_api: dict[str, str] = {}
    if api is not None:
        counts: dict[str, Counter[str]] = {}
        for ep in api.endpoints:
            counts.setdefault(ep.rate_limit.tier, Counter())[str(ep.rate_limit)] += 1
        for tier, counter in counts.items():
            from_api[tier] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    strict = signals.data.sensitivity.value in ("health", "financial")
    ingestion = ingest_limit(signals)
    ingesting = api is not None and any(is_ingestion(ep) for ep in api.endpoints)
    tiers: list[RateLimitTier] = []
    names = [t for t in _TIER_ORDER if t in by_tier or t in ("public", "auth")]
    names += sorted(t for t in by_tier if t not in _TIER_ORDER)
    for tier in names:
        n, per, scope, what = _TIER_DEFAULTS.get(tier, (120, "minute", "user", tier))
        if tier == "auth" and strict:
            n = 5
        limit = from_api.get(tier) or f"{n} requests/{per} per {scope}"
        if tier == "auth":
            limit += "; plus 5 failed logins per account per 15 minutes, then a 15-minute lockout"
        if tier == ingestion.tier and ingesting:
            # the machine write endpoints: say how the number follows from the stated rate, or
            # that it is assumed when no rate is stated
            limit += f" ({ingestion.rationale})"
        eps = by_tier.get(tier, [])
        shown = ", ".join(eps[:6]) + (f" (+{len(eps) - 6} more)" if len(eps) > 6 else "")
        tiers.append(
            RateLimitTier(
                tier=tier,
                applies_to=f"{what}: {shown}" if eps else what,
                limit=limit,
                scope="per IP"
                if scope == "ip"
                else ("per API key" if scope == "api_key" else "per user (jwt.sub)"),
            )
        )
    return RateLimiting(
        tool="Redis sliding-window counters (sorted set per key, ZREMRANGEBYSCORE + ZCARD in one Lua script)",
        algorithm="sliding window log; 429 with Retry-After; RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset on every response (IETF RateLimit header fields, as the OpenAPI contract declares them)",
        tiers=tiers,
    )


# ---------------------------------------------------------------------------- context


def _context(
    signals: Signals,
    domain: DomainModel,
    api: ApiContract | None,
    schema: SchemaDesign | None,
    stack: Stack | None,
    auth: AuthStrategy,
    enc: Encryption,
    rules: list[RowLevelRule],
    access: list[EndpointAccess],
    headers: list[SecurityHeader],
    rate: RateLimiting,
    tra: set[str],
    orm: str | None,
) -> dict[str, str]:
    c = tr.cloud(signals, stack)
    pii = tr.fields_where(domain, schema, sensitive=False)
    sens_pairs = [(f.table, f.field) for f in enc.field_level]
    admins = tr.admin_roles(domain)
    owned = [e for e in domain.entities if e.owner_field]
    owned_paths = [a for a in access if a.ownership and "{" in a.path]
    tenant = tr.tenant_entity(domain)
    vendors = tr.third_parties(signals, domain)
    pii_entities = [
        e.plural for e in domain.entities if e.owner_field or any(f.pii for f in e.fields)
    ]
    login = next(
        (a.path for a in access if a.rate_limit_tier == "auth" and "login" in a.path), None
    )
    lang_scan = "Dependency audit (npm audit / pip-audit / govulncheck by runtime)"
    if stack is not None and stack.runtime.technology:
        low = stack.runtime.technology.lower()
        if "python" in low:
            lang_scan = "pip-audit"
        elif "node" in low or "typescript" in low or "javascript" in low or "bun" in low:
            lang_scan = "npm audit --audit-level=high"
        elif low.startswith("go"):
            lang_scan = "govulncheck"
        elif "java" in low or "kotlin" in low:
            lang_scan = "OWASP Dependency-Check"
        else:
            lang_scan = f"{stack.runtime.technology} dependency audit"
    writes = dedupe_names([e.entity for e in domain.endpoints if e.entity and e.method != "GET"])
    abuse = []
    if "payments" in tra:
        abuse.append("card testing on checkout")
    if any(e.action == "auth" for e in domain.endpoints):
        abuse.append("credential stuffing on login")
    if owned:
        abuse.append(f"enumerating other users' {owned[0].plural} by id")
    if any(f.type == "text" for e in domain.entities for f in e.fields):
        abuse.append("spam and abusive content")
    if signals.data.sensitivity.value in ("health", "legal"):
        abuse.append("insider browsing of records they have no relationship to")
    csp_val = headers[0].value
    csp_sources = sorted(
        {tok for tok in csp_val.replace(";", " ").split() if tok.startswith(("https://", "wss://"))}
    )
    auth_tier = next((t for t in rate.tiers if t.tier == "auth"), None)
    return {
        "user_roles": tr.join([r.name for r in domain.roles]),
        "role_names": tr.join([r.name for r in domain.roles]),
        "default_role": domain.default_role,
        "idle_timeout": _idle_timeout(signals),
        "sensitive_fields": tr.fmt_fields(sens_pairs) if sens_pairs else tr.fmt_fields(pii),
        "pii_fields": tr.fmt_fields(pii),
        "pii_entities": tr.join(pii_entities),
        "erasure_entities": tr.join(
            [e.plural for e in domain.entities if e.owner_field or any(f.pii for f in e.fields)]
        ),
        "phi_entities": tr.join(pii_entities),
        "kms": enc.kms,
        "cloud": c.name,
        "audit_table": AUDIT_TABLE,
        "phi_vendors": tr.join(vendors, "no other processors yet"),
        "vendors": tr.join(vendors, "all processors"),
        "payment_provider": tr.payment_provider(signals, domain) or "the payment provider",
        "admin_roles": tr.join(admins, "administrators"),
        "admin_role": admins[0] if admins else "administrator",
        "owned_rules": "; ".join(f"{r.entity}: {r.rule.split(';')[0]}" for r in rules[:4]) or "n/a",
        "example_owned_path": f"{owned_paths[0].method} {owned_paths[0].path}"
        if owned_paths
        else (f"/v1/{owned[0].plural}/{{id}}" if owned else "n/a"),
        "tenant_field": f"{tenant.name}_id" if tenant else "tenant_id",
        "admin_endpoints": tr.join(
            [f"{a.method} {a.path}" for a in access if a.rate_limit_tier == "admin"][:4],
            "user-management routes",
        ),
        "app_origin": tr.app_origin(signals),
        "orm": orm or "the ORM / query builder",
        "db": stack.primary_database.technology
        if stack and stack.primary_database.technology
        else "the database",
        "write_entities": tr.join(writes),
        "text_fields": tr.join(
            [f"{e.plural}.{f.name}" for e in domain.entities for f in e.fields if f.type == "text"][
                :5
            ]
        ),
        "abuse_cases": tr.join(abuse, "automated sign-ups and scraping"),
        "money_endpoints": tr.join(tr.money_endpoints(domain)),
        "auth_limit": auth_tier.limit.split(";")[0] if auth_tier else "10 requests/minute per IP",
        "csp_sources": "'self' and " + tr.join(csp_sources, "nothing else"),
        "dependency_scan": lang_scan,
        "auth_summary": auth.summary,
        "mfa_requirement": auth.mfa.requirement,
        "mfa_methods": ", ".join(auth.mfa.methods),
        "login_path": login or "the login endpoint",
        "webhook_sources": tr.join(
            [tr.payment_provider(signals, domain) or ""]
            + [v for v in vendors if "webhook" in v.lower()],
            "inbound webhook senders",
        ).strip(", "),
        "security_events": "login success/failure, MFA challenge, token refresh reuse, role change, permission denied"
        + (
            ", record export"
            if signals.data.sensitivity.value in ("health", "legal", "financial")
            else ""
        ),
        "log_tool": c.log_tooling,
        "audit_retention": "6 years (HIPAA)"
        if signals.data.sensitivity.value == "health"
        or "hipaa" in signals.constraints.compliance.value
        else ("12 months (PCI DSS)" if tr.payment_provider(signals, domain) else "12 months"),
        "external_hosts": tr.join(vendors, "no third parties yet — the allow-list starts empty"),
        "url_fields": tr.join(
            [f"{e.plural}.{f.name}" for e in domain.entities for f in e.fields if f.type == "url"][
                :5
            ]
        ),
    }


def dedupe_names(items: list[str]) -> list[str]:
    return tr.dedupe(items)


def _owasp(ctx: dict[str, str], tra: set[str]) -> list[OwaspItem]:
    return [
        OwaspItem(
            id=item.id,
            name=item.name,
            mitigations=[
                fill(m.text, ctx) for m in item.mitigations if m.when is None or m.when in tra
            ],
        )
        for item in owasp_knowledge().items
    ]


def _pii_masking(signals: Signals, domain: DomainModel, schema: SchemaDesign | None) -> str:
    pii = tr.fields_where(domain, schema, sensitive=False)
    names = sorted({c for _, c in pii})
    return (
        "PII masked before logs leave the process: "
        + (", ".join(f"`{n}`" for n in names[:10]) if names else "any field tagged PII")
        + " replaced (email → e***@***.com, others → [REDACTED]); user ids hashed (HMAC-SHA256); "
        "Authorization and Cookie headers dropped; no PII in URL query parameters."
    )


def build_security(
    signals: Signals,
    domain: DomainModel,
    api: ApiContract | None,
    schema: SchemaDesign | None,
    stack: Stack | None = None,
    orm: str | None = None,
) -> SecurityDesign:
    tra = product_traits(signals, domain, api, stack)
    auth = _auth(signals, domain, tra)
    authz = _authorization(domain, api)
    owner_rule = {
        e.name: f"{e.plural}.{e.owner_field} = jwt.sub" for e in domain.entities if e.owner_field
    }
    access = _endpoint_access(domain, api, owner_rule)
    enc = _encryption(signals, domain, schema, stack)
    headers = _headers(signals, domain, tra, stack)
    rate = _rate_limiting(access, api, signals)
    ctx = _context(
        signals,
        domain,
        api,
        schema,
        stack,
        auth,
        enc,
        authz.row_level_rules,
        access,
        headers,
        rate,
        tra,
        orm,
    )
    return SecurityDesign(
        auth=auth,
        authorization=authz,
        encryption=enc,
        compliance=_compliance(signals, domain, ctx, tra),
        owasp=_owasp(ctx, tra),
        headers=headers,
        rate_limiting=rate,
        pii_log_masking=_pii_masking(signals, domain, schema),
        endpoint_access=access,
        privilege_audit_fields=list(PRIVILEGE_AUDIT_FIELDS),
        cors=_cors(signals, api, auth),
    )


# browsers cache a preflight for at most 2 h (Chromium) — 10 min keeps a tightened policy
# effective soon while sparing most preflights
_PREFLIGHT_MAX_AGE = 600
_METHOD_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def _cors(signals: Signals, api: ApiContract | None, auth: AuthStrategy) -> CorsPolicy | None:
    """The CORS allow-list: the product's own web app only (never ``*``: the session travels
    in a cookie), the methods and request headers the API uses, the response headers a web
    client must read."""
    if api is None:
        return None
    platforms = signals.product.platform_targets
    methods = sorted({ep.method for ep in api.endpoints}, key=_METHOD_ORDER.index)
    headers = ["Authorization", "Content-Type"]
    if any(ep.idempotency_key for ep in api.endpoints):
        headers.append(api.governance.idempotency.header)
    exposed = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"]
    web = "web" in platforms.value
    why = (
        f"product.platform_targets = {', '.join(platforms.value)}"
        + (" (inferred)" if platforms.inferred else "")
        + (
            ": the web app is the one browser origin that calls the API"
            if web
            else ": no web client, so only the operator console's origin is allowed; native "
            "apps and servers send no Origin header and are unaffected by CORS"
        )
        + f"; credentials allowed for the session ({auth.token_storage.selected}), which is also "
        "why the origin is never a wildcard. Preflight cached 10 minutes."
    )
    return CorsPolicy(
        allowed_origins=[tr.app_origin(signals)],
        allow_credentials=True,
        allowed_methods=[*methods, "OPTIONS"],
        allowed_headers=headers,
        exposed_headers=exposed,
        max_age_seconds=_PREFLIGHT_MAX_AGE,
        rationale=why,
    )


def template_context(
    signals: Signals,
    domain: DomainModel,
    api: ApiContract | None = None,
    schema: SchemaDesign | None = None,
    stack: Stack | None = None,
    orm: str | None = None,
) -> dict[str, str]:
    """The values the compliance / OWASP templates are filled with (the knowledge lint uses it)."""
    tra = product_traits(signals, domain, api, stack)
    auth = _auth(signals, domain, tra)
    authz = _authorization(domain, api)
    owner_rule = {
        e.name: f"{e.plural}.{e.owner_field} = jwt.sub" for e in domain.entities if e.owner_field
    }
    access = _endpoint_access(domain, api, owner_rule)
    enc = _encryption(signals, domain, schema, stack)
    headers = _headers(signals, domain, tra, stack)
    rate = _rate_limiting(access, api, signals)
    return _context(
        signals, domain, api, schema, stack, auth, enc, authz.row_level_rules, access, headers,
        rate, tra, orm,
    )  # fmt: skip
