"""Security checks (seed Stage 10 "SECURITY CHECKS" and Stage 7's decisions)."""

from __future__ import annotations

import re

from archwright.models.document import ArchitectureDocument
from archwright.models.security import AlternativeConsidered, FieldEncryption
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import blank, ep_loc, mentions, schema_property_names


class AuthFullySpecified(Check):
    """The auth strategy is fully specified: algorithm, token expiries, rotation, storage, claims.

    Anti-pattern: "JWT auth" with HS256 shared secrets and no expiry.

    Best practice: RS256 (asymmetric), ~15-minute access tokens, rotated refresh tokens, an
    httpOnly cookie, and the exact claims (sub, role, iat, exp, jti).
    """

    code = "AW-SEC-001"
    name = "security.auth_specified"
    area = "security"
    touches = ("security",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        jwt = doc.security.auth.jwt
        out = [
            self.finding(f"JWT {f} undefined", f"security.auth.jwt.{f}")
            for f in (
                "algorithm",
                "access_token_expiry",
                "refresh_token_expiry",
                "refresh_rotation",
                "storage",
                "claims",
            )
            if blank(getattr(jwt, f))
        ]
        alg = jwt.algorithm.strip().upper()
        if alg.startswith("HS") or alg == "NONE":
            out.append(
                self.finding(
                    f"JWT algorithm {jwt.algorithm} is symmetric/unsigned",
                    "security.auth.jwt.algorithm",
                )
            )
        if blank(doc.security.auth.session_timeout):
            out.append(
                self.finding(
                    "no session timeout (automatic logoff)", "security.auth.session_timeout"
                )
            )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.security is not None:
            alg = doc.security.auth.jwt.algorithm.strip().upper()
            if alg.startswith("HS") or alg == "NONE":
                doc.security.auth.jwt.algorithm = "RS256"
        return doc


_BAD_STORAGE = ("localstorage", "local storage", "sessionstorage", "session storage")


_NEGATED = re.compile(
    r"\b(never|not|no|instead of|rather than)\s+(in\s+)?(local|session)\s*storage"
)


def _unsafe(text: str) -> bool:
    """Tokens outside an httpOnly cookie ("never localStorage" is a statement, not a choice)."""
    low = _NEGATED.sub("", text.lower())
    return any(b in low for b in _BAD_STORAGE) or "httponly" not in low.replace("-", "")


class TokenStorageHttpOnly(Check):
    """Tokens are stored in httpOnly, Secure, SameSite cookies — never in localStorage.

    Anti-pattern: "store the JWT in localStorage for simplicity" — any XSS reads every token.

    Best practice: `Set-Cookie: session=…; HttpOnly; Secure; SameSite=Strict`; a user's
    localStorage request is kept under alternatives considered, with the reason it was rejected.
    """

    code = "AW-SEC-002"
    name = "security.token_storage"
    area = "security"
    touches = ("security",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        auth = doc.security.auth
        out = []
        if _unsafe(auth.jwt.storage):
            out.append(
                self.finding(f"token storage is {auth.jwt.storage!r}", "security.auth.jwt.storage")
            )
        if _unsafe(auth.token_storage.selected):
            out.append(
                self.finding(
                    f"selected token storage is {auth.token_storage.selected!r}",
                    "security.auth.token_storage.selected",
                )
            )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.security is None:
            return doc
        auth = doc.security.auth
        old = auth.token_storage.selected
        cookie = "httpOnly, Secure, SameSite=Strict cookie"
        if _unsafe(old):
            if all(a.option != old for a in auth.token_storage.alternatives_considered):
                auth.token_storage.alternatives_considered.append(
                    AlternativeConsidered(
                        option=old,
                        requested_by_user=False,
                        reason_rejected="Readable by any JavaScript on the page: one XSS "
                        "exposes every token.",
                    )
                )
            auth.token_storage.selected = cookie
            auth.token_storage.rationale = (
                "httpOnly cookies are invisible to JavaScript, so an XSS bug cannot steal the "
                "session. " + auth.token_storage.rationale
            ).strip()
        if _unsafe(auth.jwt.storage):
            auth.jwt.storage = cookie
        return doc


_PERM = re.compile(r"^[a-z][a-z0-9_.\-*]*:[a-z*][a-z0-9_\-*]*(:own)?$")


class RolesHavePermissions(Check):
    """Every role has an explicit `resource:action` permission list.

    Anti-pattern: role "admin — can do everything", role "user — normal access".

    Best practice: `posts:create`, `posts:update:own`, `users:read` … per role.
    """

    code = "AW-SEC-003"
    name = "security.roles_permissions"
    area = "security"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        roles = doc.security.authorization.roles
        out = []
        if not roles:
            out.append(self.finding("no roles defined", "security.authorization.roles"))
        for r in roles:
            if not r.permissions:
                out.append(
                    self.finding(
                        "role has no permissions", f"security.authorization.roles[{r.name}]"
                    )
                )
            for p in r.permissions:
                if not _PERM.match(p):
                    out.append(
                        self.finding(
                            f"permission {p!r} is not resource:action",
                            f"security.authorization.roles[{r.name}]",
                        )
                    )
        return out


PUBLIC_ROLES = {"public", "anonymous", "anyone", "guest", "none", "unauthenticated"}


class EndpointRolesExist(Check):
    """Every endpoint's required role exists in the RBAC table.

    Anti-pattern: `DELETE /v1/posts/{id}` requires role "editor", which no role table defines.

    Best practice: each endpoint names a defined role (public endpoints say "public").
    """

    code = "AW-SEC-004"
    name = "security.endpoint_roles_exist"
    area = "security"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None or doc.api is None:
            return []
        roles = {r.name for r in doc.security.authorization.roles}
        out = []
        for ep in doc.api.endpoints:
            role = ep.required_role.strip()
            if ep.auth == "public" and role.lower() in PUBLIC_ROLES:
                continue
            if role not in roles:
                out.append(
                    self.finding(f"required role {role!r} is not in the RBAC table", ep_loc(ep))
                )
            if ep.auth == "admin" and role.lower() in PUBLIC_ROLES:
                out.append(self.finding("admin endpoint with a public role", ep_loc(ep)))
        return out


class TlsSpecified(Check):
    """TLS is specified: 1.2 minimum, 1.3 preferred, HSTS on.

    Anti-pattern: "HTTPS everywhere" with TLS 1.0/1.1 still enabled.

    Best practice: TLS 1.3 preferred, 1.2 minimum, HSTS `max-age=63072000; includeSubDomains`.
    """

    code = "AW-SEC-005"
    name = "security.tls"
    area = "security"
    touches = ("security",)

    @staticmethod
    def _version(text: str) -> float | None:
        m = re.search(r"1\.(\d)", text or "")
        return float("1." + m.group(1)) if m else None

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        enc = doc.security.encryption
        out = []
        v = self._version(enc.tls_minimum)
        if v is None or v < 1.2:
            out.append(
                self.finding(
                    f"TLS minimum {enc.tls_minimum!r} is below 1.2",
                    "security.encryption.tls_minimum",
                )
            )
        if blank(enc.hsts):
            out.append(self.finding("no HSTS policy", "security.encryption.hsts"))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.security is not None:
            enc = doc.security.encryption
            v = self._version(enc.tls_minimum)
            if v is None or v < 1.2:
                enc.tls_minimum = "TLS 1.2 (1.0/1.1 disabled)"
            if blank(enc.hsts):
                enc.hsts = "max-age=63072000; includeSubDomains; preload"
        return doc


class OwaspTop10(Check):
    """All OWASP Top 10 categories (A01–A10) have a mitigation.

    Anti-pattern: "we follow OWASP best practices" with no per-category implementation.

    Best practice: each of A01..A10 with the concrete mitigations this product applies.
    """

    code = "AW-SEC-006"
    name = "security.owasp_top10"
    area = "security"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        have = set()
        for item in doc.security.owasp:
            m = re.match(r"^A(\d{2})", item.id.strip().upper())
            if m and item.mitigations:
                have.add(int(m.group(1)))
        return [
            self.finding(f"OWASP A{n:02d} not addressed", "security.owasp")
            for n in range(1, 11)
            if n not in have
        ]


class SecretsManagement(Check):
    """A secrets manager and rotation policy are defined (no secrets in code or committed files).

    Anti-pattern: database passwords in `.env` files committed to git.

    Best practice: AWS Secrets Manager / Vault / GCP Secret Manager, automated rotation, and a
    stated "no secrets in source or committed env files" policy.
    """

    code = "AW-SEC-007"
    name = "security.secrets_management"
    area = "security"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        enc = doc.security.encryption
        return [
            self.finding(f"{f} undefined", f"security.encryption.{f}")
            for f in (
                "secrets_manager",
                "secrets_rotation",
                "secrets_policy",
                "kms",
                "key_rotation",
                "at_rest",
            )
            if blank(getattr(enc, f))
        ]


class RateLimitsDefined(Check):
    """Every endpoint's rate-limit tier is defined, and public endpoints are limited per IP.

    Anti-pattern: a public sign-up endpoint limited "per user" — there is no user yet.

    Best practice: named tiers (tool, algorithm, thresholds) in the security section; public
    endpoints per IP, authenticated ones per user.
    """

    code = "AW-SEC-008"
    name = "security.rate_limits"
    area = "security"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None or doc.api is None:
            return []
        tiers = {t.tier for t in doc.security.rate_limiting.tiers}
        out = []
        if blank(doc.security.rate_limiting.tool):
            out.append(self.finding("no rate-limiting tool", "security.rate_limiting.tool"))
        for ep in doc.api.endpoints:
            if ep.rate_limit.tier not in tiers:
                out.append(
                    self.finding(f"rate-limit tier {ep.rate_limit.tier!r} undefined", ep_loc(ep))
                )
            if ep.auth == "public" and ep.rate_limit.scope != "ip":
                out.append(self.finding("public endpoint not rate limited per IP", ep_loc(ep)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for ep in doc.api.endpoints if doc.api else []:
            if ep.auth == "public":
                ep.rate_limit.scope = "ip"
        return doc


_SECRET_PROPS = {
    "password",
    "password_hash",
    "passwordhash",
    "secret",
    "client_secret",
    "mfa_secret",
    "totp_secret",
    "refresh_token_hash",
    "api_key_hash",
}


class NoSecretsInResponses(Check):
    """No response returns password hashes or other secrets.

    Anti-pattern: `GET /v1/users/{id}` serialising the whole row, `password_hash` included.

    Best practice: response schemas list only public fields; secrets never leave the server.
    """

    code = "AW-SEC-009"
    name = "security.no_secrets_in_responses"
    area = "security"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            names = set(schema_property_names(ep.responses.success.body or {}))
            for n in sorted(names):
                if n.lower() in _SECRET_PROPS:
                    out.append(self.finding(f"response exposes {n}", ep_loc(ep)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        def strip(schema):
            if isinstance(schema, dict):
                props = schema.get("properties")
                if isinstance(props, dict):
                    for k in [k for k in props if k.lower() in _SECRET_PROPS]:
                        del props[k]
                    if isinstance(schema.get("required"), list):
                        schema["required"] = [r for r in schema["required"] if r in props]
                    for v in props.values():
                        strip(v)
                for key in ("items", "additionalProperties"):
                    strip(schema.get(key))
                for key in ("allOf", "anyOf", "oneOf"):
                    for sub in schema.get(key) or []:
                        strip(sub)

        for ep in doc.api.endpoints if doc.api else []:
            strip(ep.responses.success.body)
        return doc


class MfaForSensitiveData(Check):
    """MFA is required for financial or health data and at least recommended for PII.

    Anti-pattern: doctors reach patient records with a password alone.

    Best practice: MFA required (TOTP/WebAuthn) when data sensitivity is financial or health.
    """

    code = "AW-SEC-010"
    name = "security.mfa"
    area = "security"
    touches = ("security",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        sens = doc.signals.data.sensitivity.value
        mfa = doc.security.auth.mfa
        if sens in ("financial", "health") and mfa.requirement != "required":
            return [self.finding(f"{sens} data but MFA is {mfa.requirement}", "security.auth.mfa")]
        if sens == "pii" and mfa.requirement == "optional":
            return [self.finding("PII but MFA is only optional", "security.auth.mfa")]
        return []

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.security is not None:
            sens = doc.signals.data.sensitivity.value
            mfa = doc.security.auth.mfa
            if sens in ("financial", "health"):
                mfa.requirement = "required"
            elif sens == "pii" and mfa.requirement == "optional":
                mfa.requirement = "recommended"
            if not mfa.methods:
                mfa.methods = ["TOTP", "WebAuthn"]
        return doc


_HEADERS = (
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "strict-transport-security",
)


class SecurityHeaders(Check):
    """The security headers are defined with values (CSP, X-Frame-Options, nosniff, Referrer-Policy, HSTS).

    Anti-pattern: "set the usual security headers".

    Best practice: each header named with its exact value.
    """

    code = "AW-SEC-011"
    name = "security.headers"
    area = "security"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        have = {h.name.strip().lower() for h in doc.security.headers if not blank(h.value)}
        return [
            self.finding(f"header {h} undefined", "security.headers")
            for h in _HEADERS
            if h not in have
        ]


class SensitiveFieldsEncrypted(Check):
    """Every highest-sensitivity column (SSN, card data, diagnoses) has field-level encryption.

    Anti-pattern: `patients.diagnosis` protected only by disk encryption.

    Best practice: field-level encryption (envelope keys in a KMS) listed per sensitive column.
    """

    code = "AW-SEC-012"
    name = "security.sensitive_fields_encrypted"
    area = "security"
    touches = ("security",)

    def _missing(self, doc):
        enc = {(f.table, f.field) for f in doc.security.encryption.field_level}
        return [
            (t, c)
            for t in doc.schema_.tables
            for c in t.fields
            if c.sensitive and (t.name, c.name) not in enc
        ]

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None or doc.schema_ is None:
            return []
        return [
            self.finding(
                f"sensitive column {c.name} has no field-level encryption",
                f"schema.tables[{t.name}].fields[{c.name}]",
            )
            for t, c in self._missing(doc)
        ]

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.security is None or doc.schema_ is None:
            return doc
        for t, c in self._missing(doc):
            doc.security.encryption.field_level.append(
                FieldEncryption(
                    table=t.name,
                    field=c.name,
                    reason="Highest-sensitivity field: encrypted at the application "
                    "layer with a KMS-managed data key.",
                )
            )
        return doc


# scheme://host[:port] and nothing else: browsers compare the Origin header byte for byte, so
# a trailing slash or a path in the allow-list never matches
_ORIGIN = re.compile(r"^https://[a-z0-9.-]+(:[0-9]{1,5})?$")


class CorsAllowList(Check):
    """The CORS policy allows exact HTTPS origins (never `*` with credentials) and every method
    and request header the API uses.

    Anti-pattern: `Access-Control-Allow-Origin: *` with cookies, or a policy that forgets
    `PATCH` so every browser update fails its preflight.

    Best practice: an allow-list of the product's own origins, credentials only for those, the
    API's own methods and headers, a bounded preflight cache.
    """

    code = "AW-SEC-013"
    name = "security.cors_allow_list"
    area = "security"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        cors = doc.security.cors if doc.security is not None else None
        if cors is None:
            return []
        where = "security.cors"
        out = [
            self.finding(f"origin {o!r} is not an exact https origin", f"{where}.allowed_origins")
            for o in cors.allowed_origins
            if o != "*" and not _ORIGIN.match(o)
        ]
        if "*" in cors.allowed_origins and cors.allow_credentials:
            out.append(self.finding("wildcard origin with credentials", where))
        if doc.api is None:
            return out
        methods = {m.upper() for m in cors.allowed_methods}
        for m in sorted({ep.method for ep in doc.api.endpoints} - methods):
            out.append(self.finding(f"method {m} not allowed (its preflight fails)", where))
        headers = {h.lower() for h in cors.allowed_headers}
        idem = doc.api.governance.idempotency.header
        if any(ep.idempotency_key for ep in doc.api.endpoints) and idem.lower() not in headers:
            out.append(self.finding(f"request header {idem} not allowed", where))
        return out


class ComplianceAddressed(Check):
    """Every compliance regime named in Stage 1 is addressed by controls in Stage 7.

    Anti-pattern: HIPAA in the requirements, no HIPAA row (or "applicable: no") in the matrix.

    Best practice: one applicable compliance row per regime with its technical controls, audit
    logging, data residency and vendor assessment.
    """

    code = "AW-CON-005"
    name = "consistency.compliance_addressed"
    area = "consistency"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.security is None:
            return []
        out = []
        rows = doc.security.compliance
        for reg in doc.signals.constraints.compliance.value:
            row = next((r for r in rows if mentions(r.regulation, reg.replace("pci", "pci"))), None)
            if row is None or not row.applicable:
                out.append(
                    self.finding(
                        f"{reg.upper()} required but not applicable in the matrix",
                        "security.compliance",
                    )
                )
            elif not row.controls:
                out.append(
                    self.finding(
                        f"{reg.upper()} has no controls", f"security.compliance[{row.regulation}]"
                    )
                )
        return out
