"""API contract checks (seed Stage 10 "API CONTRACT CHECKS" and Stage 5's governance rules)."""

from __future__ import annotations

import re

from archwright.models.api import ErrorResponse, Header, Param
from archwright.models.document import ArchitectureDocument
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import (
    PATH_PARAM,
    blank,
    ep_loc,
    is_list_endpoint,
    is_money_name,
    is_money_path,
    schema_property_names,
    version_prefix,
)

#: Standard error states (seed Stage 5) and the envelope code each uses.
STANDARD_ERRORS: dict[int, tuple[str, str]] = {
    400: ("BAD_REQUEST", "The request is malformed (unparseable JSON, wrong content type)."),
    401: ("UNAUTHENTICATED", "The session token is missing, expired or invalid."),
    403: ("FORBIDDEN", "The caller is authenticated but lacks the required role or ownership."),
    404: ("NOT_FOUND", "The addressed resource does not exist or is not visible to the caller."),
    409: ("CONFLICT", "The write conflicts with the current state (duplicate or stale)."),
    422: ("VALIDATION_FAILED", "A field fails validation; details lists each field."),
    429: ("RATE_LIMIT_EXCEEDED", "The caller exceeded the rate limit; retry after Retry-After."),
    500: ("INTERNAL_ERROR", "An unexpected server error; no internal details are exposed."),
}
MIN_ERRORS = 4


def _add_error(ep, status: int) -> None:
    if any(e.status == status for e in ep.responses.errors):
        return
    code, condition = STANDARD_ERRORS[status]
    ep.responses.errors.append(ErrorResponse(status=status, error=code, condition=condition))
    ep.responses.errors.sort(key=lambda e: e.status)


def _required_statuses(ep) -> list[int]:
    needed = [429, 500]
    if ep.auth != "public":
        needed.append(401)
    return needed


class RequestResponseSchemas(Check):
    """Every endpoint has a request schema and a success response schema.

    Anti-pattern: `POST /v1/posts` "accepts a post" with no body schema, or a `200` response
    without a body schema.

    Best practice: a JSON Schema for every write body and every success body (only `204 No
    Content` has no body), plus the reason for the success status.
    """

    code = "AW-API-001"
    name = "api.request_response_schemas"
    area = "api"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            ok = ep.responses.success
            if ep.method in ("POST", "PUT", "PATCH") and ep.request.body is None:
                out.append(self.finding(f"{ep.method} has no request body schema", ep_loc(ep)))
            if ok.status == 204 and ok.body is not None:
                out.append(self.finding("a 204 response must not have a body", ep_loc(ep)))
            if ok.status != 204 and not ok.body:
                out.append(
                    self.finding(f"success response {ok.status} has no body schema", ep_loc(ep))
                )
            if not 200 <= ok.status < 300:
                out.append(self.finding(f"success status {ok.status} is not 2xx", ep_loc(ep)))
            if blank(ep.description):
                out.append(self.finding("no description", ep_loc(ep)))
        return out


class PathParamsDeclared(Check):
    """Every `{param}` in a path is declared as a path parameter, and nothing else is.

    Anti-pattern: `GET /v1/posts/{post_id}` with no `post_id` parameter (the OpenAPI document
    is invalid and clients guess its type).

    Best practice: each template parameter has a typed, validated path parameter of the same name.
    """

    code = "AW-API-002"
    name = "api.path_params_declared"
    area = "api"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            in_path = PATH_PARAM.findall(ep.path)
            declared = [p.name for p in ep.request.path_params]
            for name in in_path:
                if name not in declared:
                    out.append(self.finding(f"path parameter {name} is not declared", ep_loc(ep)))
            for name in declared:
                if name not in in_path:
                    out.append(
                        self.finding(
                            f"declared path parameter {name} is not in the path", ep_loc(ep)
                        )
                    )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for ep in doc.api.endpoints if doc.api else []:
            in_path = PATH_PARAM.findall(ep.path)
            ep.request.path_params = [p for p in ep.request.path_params if p.name in in_path]
            for name in in_path:
                if all(p.name != name for p in ep.request.path_params):
                    ep.request.path_params.append(
                        Param(
                            name=name,
                            schema={"type": "string", "format": "uuid"},
                            required=True,
                            description=f"Identifier ({name}).",
                            validation="UUID v4",
                        )
                    )
        return doc


class MinErrorResponses(Check):
    """Every endpoint defines at least 4 error responses.

    Anti-pattern: an endpoint documenting only `500`, leaving clients to discover 401, 404 and
    429 in production.

    Best practice: each possible error state with its trigger condition — typically 400/422
    validation, 401/403 auth, 404, 409 conflicts, 429 and 500.
    """

    code = "AW-API-003"
    name = "api.min_error_responses"
    area = "api"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        return [
            self.finding(
                f"only {len(ep.responses.errors)} error responses (minimum {MIN_ERRORS})",
                ep_loc(ep),
            )
            for ep in doc.api.endpoints
            if len({e.status for e in ep.responses.errors}) < MIN_ERRORS
        ]

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for ep in doc.api.endpoints if doc.api else []:
            candidates = [*_required_statuses(ep), 400, 422, 404, 403, 409]
            if ep.method == "GET":
                candidates = [*_required_statuses(ep), 400, 404, 403, 422, 409]
            for status in candidates:
                if len({e.status for e in ep.responses.errors}) >= MIN_ERRORS:
                    break
                _add_error(ep, status)
        return doc


class StandardErrors(Check):
    """Every endpoint documents 429 and 500, and every authenticated endpoint documents 401.

    Anti-pattern: a rate-limited endpoint without a `429` response, so clients never learn to
    honour `Retry-After`.

    Best practice: `429 RATE_LIMIT_EXCEEDED` and a safe `500` on every endpoint; `401` wherever
    a token is required.
    """

    code = "AW-API-004"
    name = "api.standard_errors"
    area = "api"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            have = {e.status for e in ep.responses.errors}
            for status in _required_statuses(ep):
                if status not in have:
                    out.append(self.finding(f"no {status} error response", ep_loc(ep)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for ep in doc.api.endpoints if doc.api else []:
            for status in _required_statuses(ep):
                _add_error(ep, status)
        return doc


class SideEffectsDocumented(Check):
    """Every endpoint documents its side effects (DB writes, cache, events, notifications).

    Anti-pattern: `DELETE /v1/posts/{id}` with no word on which tables change or which caches
    are invalidated.

    Best practice: writes list the tables they modify; reads list the tables or caches they use.
    """

    code = "AW-API-005"
    name = "api.side_effects_documented"
    area = "api"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            se = ep.side_effects
            if ep.method == "GET":
                if not (se.db_reads or se.cache or se.db_writes):
                    out.append(self.finding("a read documents no tables or caches", ep_loc(ep)))
            elif not (se.db_writes or se.events or se.cache):
                out.append(self.finding(f"{ep.method} documents no side effects", ep_loc(ep)))
        return out


ENVELOPE_FIELDS = ("error", "message", "request_id", "timestamp")


class ErrorEnvelopeConsistent(Check):
    """The error envelope is one standard shape and each error code means one status.

    Anti-pattern: `{"err": …}` on one endpoint, `{"error": …, "msg": …}` on another, and
    `NOT_FOUND` returned as 404 here and 400 there.

    Best practice: `{error, message, request_id, timestamp, details?}` on every error of every
    endpoint, with each SCREAMING_SNAKE code bound to one HTTP status.
    """

    code = "AW-API-006"
    name = "api.error_envelope_consistent"
    area = "api"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        env = doc.api.governance.error_envelope
        props = env.get("properties") if isinstance(env, dict) else None
        props = props if isinstance(props, dict) else {}
        for field in ENVELOPE_FIELDS:
            if field not in props:
                out.append(
                    self.finding(
                        f"error envelope has no {field} field", "api.governance.error_envelope"
                    )
                )
        seen: dict[str, int] = {}
        for ep in doc.api.endpoints:
            for err in ep.responses.errors:
                if err.error in seen and seen[err.error] != err.status:
                    out.append(
                        self.finding(
                            f"error code {err.error} is {err.status} here but "
                            f"{seen[err.error]} elsewhere",
                            ep_loc(ep),
                        )
                    )
                seen.setdefault(err.error, err.status)
                if not 400 <= err.status < 600:
                    out.append(
                        self.finding(f"error status {err.status} is not 4xx/5xx", ep_loc(ep))
                    )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.api is None:
            return doc
        env = dict(doc.api.governance.error_envelope or {})
        props = dict(env.get("properties") or {})
        defaults = {
            "error": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"},
            "message": {"type": "string"},
            "request_id": {"type": "string", "format": "uuid"},
            "timestamp": {"type": "string", "format": "date-time"},
        }
        for field in ENVELOPE_FIELDS:
            props.setdefault(field, defaults[field])
        env["type"] = "object"
        env["properties"] = props
        env["required"] = sorted(set(env.get("required") or []) | set(ENVELOPE_FIELDS))
        doc.api.governance.error_envelope = env
        return doc


class VersionedPaths(Check):
    """Every path carries the API's version prefix (`/v1/`) and a versioning strategy is defined.

    Anti-pattern: `/v1/posts` next to `/v2/users` and `/comments`, with no deprecation policy.

    Best practice: one URL version prefix shared by every path, plus a written versioning and
    deprecation policy (notice period, Sunset header).
    """

    code = "AW-API-007"
    name = "api.versioned_paths"
    area = "api"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        base = doc.api.base_path.strip("/")
        out = [
            self.finding(f"path is not under /{base}/", ep_loc(ep))
            for ep in doc.api.endpoints
            if version_prefix(ep.path) != base
        ]
        gov = doc.api.governance
        if blank(gov.versioning):
            out.append(self.finding("no versioning strategy", "api.governance.versioning"))
        if blank(gov.deprecation_policy):
            out.append(self.finding("no deprecation policy", "api.governance.deprecation_policy"))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        import re

        if doc.api is None:
            return doc
        base = "/" + doc.api.base_path.strip("/")
        if version_prefix(base + "/") is None:
            base = "/v1"
            doc.api.base_path = base
        for ep in doc.api.endpoints:
            if version_prefix(ep.path) != base.strip("/"):
                rest = re.sub(r"^/v\d+(?=/|$)", "", ep.path)
                ep.path = base + (rest if rest.startswith("/") else "/" + rest)
        return doc


class PaginationOnLists(Check):
    """Every list endpoint is paginated, with its page parameters declared.

    Anti-pattern: `GET /v1/posts` returning every post ever written in one array.

    Best practice: cursor pagination for feeds and large sets (offset for small admin tables),
    with `limit` (bounded by the governance page-size max) and `cursor`/`offset` parameters.
    """

    code = "AW-API-008"
    name = "api.pagination_on_lists"
    area = "api"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            if not is_list_endpoint(ep.method, ep.path, ep.responses.success.body):
                continue
            if ep.pagination is None:
                out.append(self.finding("list endpoint has no pagination", ep_loc(ep)))
                continue
            names = {p.name for p in ep.request.query_params}
            need = {"limit", "cursor"} if ep.pagination == "cursor" else {"limit", "offset"}
            for name in sorted(need - names):
                out.append(self.finding(f"pagination parameter {name} missing", ep_loc(ep)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.api is None:
            return doc
        page = doc.api.governance.pagination
        for ep in doc.api.endpoints:
            if not is_list_endpoint(ep.method, ep.path, ep.responses.success.body):
                continue
            if ep.pagination is None:
                ep.pagination = "cursor"
            names = {p.name for p in ep.request.query_params}
            if "limit" not in names:
                ep.request.query_params.append(
                    Param(
                        name="limit",
                        schema={
                            "type": "integer",
                            "minimum": page.page_size_min,
                            "maximum": page.page_size_max,
                            "default": page.page_size_default,
                        },
                        required=False,
                        description="Page size.",
                        validation=f"{page.page_size_min}-{page.page_size_max}",
                        default=page.page_size_default,
                    )
                )
            key = "cursor" if ep.pagination == "cursor" else "offset"
            if key not in names:
                schema = (
                    {"type": "string"} if key == "cursor" else {"type": "integer", "minimum": 0}
                )
                ep.request.query_params.append(
                    Param(
                        name=key,
                        schema=schema,
                        required=False,
                        description="Opaque cursor from the previous page."
                        if key == "cursor"
                        else "Rows to skip.",
                        validation="opaque string" if key == "cursor" else ">= 0",
                    )
                )
        return doc


def money_write(doc: ArchitectureDocument, ep) -> bool:
    """A POST/PUT/PATCH that moves money or critical state: flagged by the domain model, or a
    body carrying an amount."""
    if ep.method not in ("POST", "PUT", "PATCH"):
        return False
    rest = re.sub(r"^/v\d+(?=/)", "", ep.path)
    for d in doc.domain.endpoints:
        if d.method == ep.method and rest == d.path and (d.money or d.critical):
            return True
    return is_money_path(ep.path) or any(
        is_money_name(n) for n in schema_property_names(ep.request.body or {})
    )


class IdempotencyOnMoneyWrites(Check):
    """Every POST/PUT/PATCH that writes money or critical state accepts an Idempotency-Key.

    Anti-pattern: a client retries `POST /v1/payments` after a timeout and the card is charged
    twice.

    Best practice: an `Idempotency-Key` request header on each such endpoint, with key storage
    and expiry defined in the governance rules.
    """

    code = "AW-API-009"
    name = "api.idempotency_on_money_writes"
    area = "api"
    touches = ("api",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            if not money_write(doc, ep):
                continue
            has_header = any(h.name.lower() == "idempotency-key" for h in ep.request.headers)
            if not (ep.idempotency_key and has_header):
                out.append(
                    self.finding("money/critical write without an Idempotency-Key", ep_loc(ep))
                )
        idem = doc.api.governance.idempotency
        if blank(idem.storage) or blank(idem.expiry):
            out.append(
                self.finding(
                    "idempotency key storage/expiry undefined", "api.governance.idempotency"
                )
            )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for ep in doc.api.endpoints if doc.api else []:
            if not money_write(doc, ep):
                continue
            ep.idempotency_key = True
            if not any(h.name.lower() == "idempotency-key" for h in ep.request.headers):
                ep.request.headers.append(
                    Header(
                        name="Idempotency-Key",
                        required=True,
                        description="Client-generated UUID; a retry with the same key returns "
                        "the first result instead of repeating the write.",
                        example="5f0c8a3e-8d1b-4c55-9a57-0b8f6f1f2a10",
                    )
                )
        return doc


SENSITIVE_QUERY = (
    "password",
    "token",
    "secret",
    "api_key",
    "apikey",
    "ssn",
    "card",
    "cvv",
    "email",
)


class NoSensitiveQueryParams(Check):
    """No secret or personal data travels in URL query parameters.

    Anti-pattern: `GET /v1/users?email=ada@example.com&token=…` — URLs land in server, proxy and
    browser logs.

    Best practice: credentials in the Authorization header or an httpOnly cookie; personal
    lookups in a POST body or by opaque id.
    """

    code = "AW-API-010"
    name = "api.no_sensitive_query_params"
    area = "api"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        return [
            self.finding(f"query parameter {p.name} carries sensitive data", ep_loc(ep))
            for ep in doc.api.endpoints
            for p in ep.request.query_params
            if any(s in p.name.lower() for s in SENSITIVE_QUERY)
        ]


class AuthEndpointsStrictRateLimit(Check):
    """Authentication endpoints have a strict per-IP rate limit (brute-force protection).

    Anti-pattern: `POST /v1/auth/login` sharing the 600/minute per-user limit of the API.

    Best practice: auth endpoints limited per IP, at most 20 requests a minute (10 is typical).
    """

    code = "AW-API-011"
    name = "api.auth_rate_limit"
    area = "api"
    touches = ("api",)

    @staticmethod
    def _is_auth(ep) -> bool:
        segs = [s for s in ep.path.lower().split("/") if s]
        return ep.tag.lower() == "auth" or "auth" in segs or "login" in segs

    @staticmethod
    def _per_minute(ep) -> float:
        rl = ep.rate_limit
        return rl.requests * {"second": 60, "minute": 1, "hour": 1 / 60}[rl.per]

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        out = []
        for ep in doc.api.endpoints:
            if not (self._is_auth(ep) and ep.method != "GET"):
                continue
            if ep.rate_limit.scope != "ip" and ep.auth == "public":
                out.append(self.finding("public auth endpoint not limited per IP", ep_loc(ep)))
            if self._per_minute(ep) > 20:
                out.append(self.finding(f"auth rate limit too loose ({ep.rate_limit})", ep_loc(ep)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for ep in doc.api.endpoints if doc.api else []:
            if self._is_auth(ep) and ep.method != "GET":
                if ep.auth == "public":
                    ep.rate_limit.scope = "ip"
                if self._per_minute(ep) > 20:
                    ep.rate_limit.requests = 10
                    ep.rate_limit.per = "minute"
        return doc


class WebSocketProtocolComplete(Check):
    """A real-time product (real-time intensity ≥ 4) documents its WebSocket protocol in full.

    Anti-pattern: "we'll use WebSockets" with no handshake, heartbeat or reconnection rules.

    Best practice: URL, auth handshake, connection lifecycle, heartbeat, reconnection strategy
    and every message schema in both directions.
    """

    code = "AW-API-012"
    name = "api.websocket_protocol"
    area = "api"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None or doc.signals.behavior.real_time_intensity.score < 4:
            return []
        ws = doc.api.websocket
        if ws is None:
            return [
                self.finding("real-time intensity ≥ 4 but no WebSocket protocol", "api.websocket")
            ]
        out = []
        for field in (
            "url",
            "auth_handshake",
            "lifecycle",
            "heartbeat",
            "reconnection",
            "messages",
        ):
            if blank(getattr(ws, field)):
                out.append(self.finding(f"WebSocket {field} undefined", f"api.websocket.{field}"))
        directions = {m.direction for m in ws.messages}
        if ws.messages and len(directions) < 2:
            out.append(
                self.finding("messages defined in one direction only", "api.websocket.messages")
            )
        return out


class GovernanceComplete(Check):
    """The API governance rules define page sizes, an envelope and idempotency key handling.

    Anti-pattern: "paginate where needed" with no page-size bounds or envelope.

    Best practice: min ≤ default ≤ max page size, cursor and offset standards, a response
    envelope, and the Idempotency-Key storage and expiry.
    """

    code = "AW-API-013"
    name = "api.governance_complete"
    area = "api"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        p = doc.api.governance.pagination
        out = []
        if not (1 <= p.page_size_min <= p.page_size_default <= p.page_size_max):
            out.append(
                self.finding(
                    f"page sizes out of order: min {p.page_size_min}, default "
                    f"{p.page_size_default}, max {p.page_size_max}",
                    "api.governance.pagination",
                )
            )
        if blank(p.cursor) or blank(p.offset) or blank(p.envelope):
            out.append(self.finding("pagination standard incomplete", "api.governance.pagination"))
        return out
