"""Stage 5 — API contract: style, one full specification per domain endpoint, governance and
(when real-time >= 4) the WebSocket protocol.

Endpoints come from the domain model (archetype or generic), never from the prompt; every one
carries the seed's template: auth, role, rate limit, headers, typed parameters with validation
and examples, the success status with its reason, body schema and response headers, at least
four error states with their conditions, and side effects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

from archwright.design.api_style import select_api_style
from archwright.design.ingest_limit import ingest_rate_limit, is_machine_write
from archwright.design.schema import money_name
from archwright.models.api import (
    ApiContract,
    Endpoint,
    ErrorResponse,
    Governance,
    Header,
    Idempotency,
    PaginationStandard,
    Param,
    RateLimit,
    RejectedStyle,
    RequestSpec,
    Responses,
    SideEffects,
    SuccessResponse,
    WebSocketProtocol,
    WsMessage,
)
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainEndpoint, DomainEntity, DomainField, DomainModel
from archwright.models.signals import Signals
from archwright.verify.helpers import is_money_name, is_money_path, schema_property_names

BASE = "/v1"
PAGE_MIN, PAGE_DEFAULT, PAGE_MAX = 1, 20, 100

_SERVER_MANAGED = re.compile(r"(_count|_hash|^read_at$|^role$|^status$|_at$)")

ERROR_ENVELOPE: dict[str, Any] = {
    "type": "object",
    "required": ["error", "message", "request_id", "timestamp"],
    "properties": {
        "error": {
            "type": "string",
            "pattern": "^[A-Z][A-Z0-9_]*$",
            "description": "SCREAMING_SNAKE_CASE error code.",
            "example": "VALIDATION_FAILED",
        },
        "message": {
            "type": "string",
            "description": "Human-readable message. Never a stack trace or internal detail.",
        },
        "request_id": {"type": "string", "format": "uuid", "description": "Support tracing id."},
        "timestamp": {"type": "string", "format": "date-time"},
        "details": {
            "type": "object",
            "description": "Optional field-level validation errors: field name -> message.",
            "additionalProperties": {"type": "string"},
        },
    },
    "additionalProperties": False,
}


def _json_type(entity: DomainEntity, f: DomainField) -> dict[str, Any]:
    s: dict[str, Any]
    match f.type:
        case "uuid":
            s = {"type": "string", "format": "uuid"}
        case "string" | "text":
            s = {"type": "string"}
            if f.max_length:
                s["maxLength"] = f.max_length
        case "email":
            s = {"type": "string", "format": "email", "maxLength": 254}
        case "url":
            s = {"type": "string", "format": "uri", "maxLength": 2048}
        case "phone":
            s = {"type": "string", "pattern": r"^\+[1-9][0-9]{6,14}$", "description": "E.164"}
        case "integer":
            s = {"type": "integer", "format": "int32"}
        case "bigint":
            s = {"type": "integer", "format": "int64"}
        case "money":
            s = {
                "type": "integer",
                "format": "int64",
                "minimum": 0,
                "description": "Amount in minor currency units (cents).",
            }
        case "decimal":
            s = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$", "description": "Decimal"}
        case "boolean":
            s = {"type": "boolean"}
        case "timestamp":
            s = {"type": "string", "format": "date-time"}
        case "date":
            s = {"type": "string", "format": "date"}
        case "json":
            s = {"type": "object", "additionalProperties": True}
        case "enum":
            s = {"type": "string", "enum": list(dict.fromkeys(f.enum_values or ["unknown"]))}
        case "geo_point":
            s = {
                "type": "object",
                "required": ["lat", "lng"],
                "properties": {
                    "lat": {"type": "number", "minimum": -90, "maximum": 90},
                    "lng": {"type": "number", "minimum": -180, "maximum": 180},
                },
            }
        case "ip_address":
            s = {"type": "string", "format": "ipv4"}
        case "vector":
            s = {"type": "array", "items": {"type": "number"}, "maxItems": 4096}
        case _:  # pragma: no cover
            s = {"type": "string"}
    if f.description and "description" not in s:
        s["description"] = " ".join(f.description.split())[:300]
    if f.example is not None and isinstance(f.example, (str, int, float, bool)):
        s["example"] = f.example
    return s


def _field_name(f: DomainField) -> str:
    return money_name(f.name) if f.type == "money" else f.name


def resource_schema(entity: DomainEntity) -> dict[str, Any]:
    props: dict[str, Any] = {"id": {"type": "string", "format": "uuid"}}
    for r in entity.relations:
        props[r.field] = {"type": "string", "format": "uuid", "description": f"{r.target} id"}
    if entity.owner_field and entity.owner_field not in props:
        props[entity.owner_field] = {"type": "string", "format": "uuid"}
    for f in entity.fields:
        if f.name.endswith("_hash") or f.sensitive:
            continue  # secrets and the most sensitive fields never leave the server
        s = _json_type(entity, f)
        if not f.required:
            s = {**s, "type": [s["type"], "null"]} if "type" in s else s
        props[_field_name(f)] = s
    props["created_at"] = {"type": "string", "format": "date-time"}
    props["updated_at"] = {"type": "string", "format": "date-time"}
    required_fields = {_field_name(f) for f in entity.fields if f.required}
    required = [k for k in props if k in ("id", "created_at", "updated_at") or k in required_fields]
    return {
        "type": "object",
        "title": _pascal(entity.name),
        "required": required,
        "properties": props,
    }


def _pascal(name: str) -> str:
    return "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", name) if w) or "Resource"


def _body_fields(ep: DomainEndpoint, entity: DomainEntity | None) -> list[DomainField]:
    if entity is None:
        return []
    fields = {f.name: f for f in entity.fields}
    if ep.body_fields is not None:
        return [fields[n] for n in ep.body_fields if n in fields]
    return [
        f
        for f in entity.fields
        if not _SERVER_MANAGED.search(f.name) and not f.name.endswith("_hash")
    ]


def _body_schema(
    ep: DomainEndpoint, entity: DomainEntity | None, path_params: list[str]
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    fields = _body_fields(ep, entity)
    props: dict[str, Any] = {}
    required: list[str] = []
    example: dict[str, Any] = {}
    if entity is not None and ep.action == "create":
        for r in entity.relations:
            if r.field in path_params or r.field == entity.owner_field:
                continue
            props[r.field] = {"type": "string", "format": "uuid", "description": f"{r.target} id"}
            if r.required:
                required.append(r.field)
            example[r.field] = "3f0e9a4c-2b8d-4c1e-9f5a-7d6b8e2c1a90"
    for f in fields:
        name = _field_name(f)
        props[name] = _json_type(entity, f) if entity else {"type": "string"}
        if f.required and ep.action == "create" and f.default is None:
            required.append(name)
        if f.example is not None and isinstance(f.example, (str, int, float, bool)):
            example[name] = f.example
    if not props:
        return None, None
    schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        schema["required"] = required
    if ep.action == "update":
        schema["minProperties"] = 1
    return schema, example or None


_AUTH_BODIES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "login": (
        {
            "type": "object",
            "required": ["email", "password"],
            "properties": {
                "email": {"type": "string", "format": "email", "maxLength": 254},
                "password": {"type": "string", "minLength": 8, "maxLength": 128},
            },
            "additionalProperties": False,
        },
        {"email": "ada@example.com", "password": "correct horse battery"},
    ),
    "register": (
        {
            "type": "object",
            "required": ["email", "password"],
            "properties": {
                "email": {"type": "string", "format": "email", "maxLength": 254},
                "password": {
                    "type": "string",
                    "minLength": 12,
                    "maxLength": 128,
                    "description": "Checked against breached-password lists.",
                },
                "display_name": {"type": "string", "minLength": 1, "maxLength": 80},
            },
            "additionalProperties": False,
        },
        {"email": "ada@example.com", "password": "correct horse battery", "display_name": "Ada"},
    ),
}

SESSION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["token", "expires_at", "user"],
    "properties": {
        "token": {"type": "string", "description": "JWT access token (also set as a cookie)."},
        "expires_at": {"type": "string", "format": "date-time"},
        "user": {
            "type": "object",
            "required": ["id", "email", "role"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "email": {"type": "string", "format": "email"},
                "role": {"type": "string"},
            },
        },
    },
}


def _op_id(ep: DomainEndpoint, used: set[str]) -> str:
    segs = [s for s in ep.path.split("/") if s]
    words = [re.sub(r"[^A-Za-z0-9]", " ", s).title().replace(" ", "") for s in segs if "{" not in s]
    verb = {
        "GET": "list" if ep.action == "list" else "get",
        "POST": "create" if ep.action == "create" else "post",
        "PUT": "replace",
        "PATCH": "update",
        "DELETE": "delete",
    }[ep.method]
    if ep.action in ("auth", "action", "stream"):
        verb = {"GET": "get", "DELETE": "delete"}.get(ep.method, "do")
    name = verb + "".join(words)
    if segs and "{" in segs[-1]:
        name += "ById"
    name = re.sub(r"[^A-Za-z0-9]", "", name) or "operation"
    name = name[0].lower() + name[1:]
    base, n = name, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name


def _rate_limit(ep: DomainEndpoint, ingest: RateLimit | None) -> RateLimit:
    if ingest is not None and is_machine_write(ep):
        return ingest  # sized from Stage 1's stated write rate (design/ingest_limit.py)
    if ep.action == "auth":
        scope = "ip" if ep.auth == "public" else "user"
        return RateLimit(requests=10, per="minute", scope=scope, tier="auth")
    if ep.auth == "public":
        return RateLimit(requests=60, per="minute", scope="ip", tier="public")
    if ep.auth == "admin":
        return RateLimit(requests=60, per="minute", scope="user", tier="admin")
    if ep.auth in ("api_key", "service"):
        return RateLimit(requests=600, per="minute", scope="api_key", tier="partner")
    if ep.method == "GET":
        return RateLimit(requests=120, per="minute", scope="user", tier="read")
    return RateLimit(requests=30, per="minute", scope="user", tier="write")


_AUTH = {"public": "public", "user": "jwt", "admin": "admin", "api_key": "api_key"}


def _role(ep: DomainEndpoint, domain: DomainModel) -> str:
    if ep.role:
        return ep.role
    if ep.auth == "public":
        return "anonymous"
    if ep.auth == "admin":
        return "admin" if any(r.name == "admin" for r in domain.roles) else domain.default_role
    if ep.auth in ("api_key", "service"):
        return "service"
    return domain.default_role


def _path_names(path: str) -> list[str]:
    return re.findall(r"\{([^{}]+)\}", path)


def _path_param(name: str) -> Param:
    if name.endswith("id"):
        schema = {"type": "string", "format": "uuid"}
        validation = "UUID v4; 404 when no visible resource has it"
        example: Any = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    else:
        schema = {"type": "string", "minLength": 1, "maxLength": 200}
        validation = "1-200 characters"
        example = "example"
    return Param(
        name=name,
        schema=schema,
        required=True,
        description=f"Identifier ({name}) in the path.",
        validation=validation,
        example=example,
    )


_NEW_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
_PARENT_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def _created_url(path: str, table: str) -> str:
    """The Location of a resource created by POST ``path``: the collection it was posted to
    plus its id, parents' ids filled in, so the example names a URL of this contract rather than
    one built from the table name ("shift_assignments" where the route is "shift-assignments").
    A singular sub-resource ("POST /users/{user_id}/follow") is its own URL: no id appended."""
    filled = re.sub(
        r"\{([^{}]+)\}", lambda m: _PARENT_ID if m.group(1).endswith("id") else "example", path
    )
    url = f"{BASE}{filled.rstrip('/')}"
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if last == table.replace("_", "-") or last.endswith("s"):
        return f"{url}/{_NEW_ID}"
    return url


def _page_params(kind: str) -> list[Param]:
    limit = Param(
        name="limit",
        schema={
            "type": "integer",
            "minimum": PAGE_MIN,
            "maximum": PAGE_MAX,
            "default": PAGE_DEFAULT,
        },
        required=False,
        description="Page size.",
        validation=f"integer {PAGE_MIN}-{PAGE_MAX}",
        default=PAGE_DEFAULT,
        example=PAGE_DEFAULT,
    )
    if kind == "cursor":
        return [
            Param(
                name="cursor",
                schema={"type": "string", "maxLength": 512},
                required=False,
                description="Opaque cursor from the previous page's next_cursor; omit for the first page.",
                validation="opaque base64url string issued by the server",
            ),
            limit,
        ]
    return [
        Param(
            name="offset",
            schema={"type": "integer", "minimum": 0, "maximum": 10000, "default": 0},
            required=False,
            description="Rows to skip.",
            validation="integer 0-10000",
            default=0,
            example=0,
        ),
        limit,
    ]


def page_envelope(item: dict[str, Any], kind: str) -> dict[str, Any]:
    page: dict[str, Any] = (
        {
            "type": "object",
            "required": ["next_cursor", "has_more", "limit"],
            "properties": {
                "next_cursor": {"type": ["string", "null"]},
                "has_more": {"type": "boolean"},
                "limit": {"type": "integer"},
            },
        }
        if kind == "cursor"
        else {
            "type": "object",
            "required": ["offset", "limit", "total"],
            "properties": {
                "offset": {"type": "integer"},
                "limit": {"type": "integer"},
                "total": {"type": "integer"},
            },
        }
    )
    return {
        "type": "object",
        "required": ["data", "page"],
        "properties": {"data": {"type": "array", "items": item}, "page": page},
    }


#: Sub-models a document's endpoints have in common (the 400/429/500 errors, the
#: Content-Type header, path and page parameters, rate limits, an entity's resource schema),
#: built once per document: ~20 endpoints x ~15 of them were ~300 validated models, of which
#: ~30 differ. Shared read-only within one document (as
#: SESSION_SCHEMA is across documents): the gate's fixes work on a JSON-round-tripped clone,
#: and nothing else edits a generated document in place. Never shared across documents.
_Shared = dict[Hashable, Any]


def _err(shared: _Shared, status: int, code: str, condition: str) -> ErrorResponse:
    return _once(
        shared,
        ("error", status, code, condition),
        lambda: ErrorResponse(status=status, error=code, condition=condition),
    )


def _once(shared: _Shared, key: Hashable, build: Callable[[], Any]) -> Any:
    hit = shared.get(key)
    if hit is None:
        hit = shared[key] = build()
    return hit


def _header(shared: _Shared, **fields: Any) -> Header:
    return _once(shared, ("header", *fields.items()), lambda: Header(**fields))


def _errors(
    ep: DomainEndpoint,
    entity: DomainEntity | None,
    has_body: bool,
    has_path: bool,
    kind: str,
    shared: _Shared,
) -> list[ErrorResponse]:
    out = [
        _err(
            shared,
            400,
            "BAD_REQUEST",
            "Malformed request: unparseable JSON, wrong Content-Type, or an unknown query "
            "parameter.",
        )
    ]
    if kind == "login":
        out.append(
            _err(
                shared,
                401,
                "INVALID_CREDENTIALS",
                "Email or password is incorrect — the same message for a wrong email and a "
                "wrong password (no account enumeration).",
            )
        )
    elif ep.auth != "public" or kind in ("logout", "refresh"):
        out.append(
            _err(
                shared,
                401,
                "UNAUTHENTICATED",
                "No session cookie or Authorization header, or the token is expired or invalid.",
            )
        )
    if ep.auth != "public":
        owned = (
            entity is not None and entity.owner_field and ep.method in ("PATCH", "PUT", "DELETE")
        )
        out.append(
            _err(
                shared,
                403,
                "FORBIDDEN",
                "Authenticated, but the caller's role lacks this permission"
                + (" or the caller does not own the resource." if owned else "."),
            )
        )
    if has_path:
        out.append(
            _err(
                shared,
                404,
                "NOT_FOUND",
                "No resource with this id exists, it was deleted, or the caller may not see it "
                "(404 rather than 403 so ids cannot be probed).",
            )
        )
    uniques = entity is not None and (
        any(f.unique for f in entity.fields) or bool(entity.unique_together)
    )
    if ep.method == "POST" and (uniques or kind == "register"):
        out.append(
            _err(
                shared,
                409,
                "CONFLICT",
                "The resource already exists (unique "
                + (
                    "email"
                    if kind == "register"
                    else ", ".join(
                        [f.name for f in entity.fields if f.unique]
                        + ["(" + ", ".join(g) + ")" for g in entity.unique_together]
                    )
                    if entity
                    else "key"
                )
                + ") or an Idempotency-Key was reused with a different body.",
            )
        )
    elif ep.method in ("PATCH", "PUT"):
        out.append(
            _err(
                shared,
                409,
                "CONFLICT",
                "If-Match ETag does not match the current version (a concurrent update won).",
            )
        )
    out.append(
        _err(
            shared,
            422,
            "VALIDATION_FAILED",
            "Well-formed but invalid: a field or query parameter breaks its validation rule "
            "(type, length, format, enum, page size); details names each field."
            if has_body
            else "A path or query parameter breaks its validation rule (malformed UUID, limit "
            "out of range, expired cursor); details names each parameter.",
        )
    )
    out.append(
        _err(
            shared,
            429,
            "RATE_LIMIT_EXCEEDED",
            "The caller exceeded the rate limit for this tier; the response carries Retry-After.",
        )
    )
    out.append(
        _err(
            shared,
            500,
            "INTERNAL_ERROR",
            "Unexpected server failure; the body carries only the safe envelope and request_id, "
            "never stack traces or internal details.",
        )
    )
    return out


def _side_effects(
    ep: DomainEndpoint,
    entity: DomainEntity | None,
    table: str,
    cache: str | None,
    kind: str,
) -> SideEffects:
    name = entity.name if entity else "resource"
    events = list(ep.events)
    cache_notes: list[str] = []
    reads: list[str] = []
    writes: list[str] = []
    hot = bool(entity and entity.hot and cache)
    if kind == "login":
        reads = ["users (email index)"]
        writes = ["auth audit log (auth.login events)"]
        events = events or ["auth.login.success", "auth.login.failed"]
        cache_notes = [f"{cache}: failed-login counter per IP and per account"] if cache else []
    elif kind == "register":
        writes = ["users"]
    elif kind in ("logout", "refresh"):
        writes = ["refresh token store (revoke / rotate)"]
        reads = ["users"]
    elif ep.method == "GET":
        reads = [table]
        if hot:
            cache_notes = [f"{cache}: read-through {name}:{{id}} (cache-aside)"]
    elif ep.method == "DELETE":
        writes = [
            f"{table} ({'sets deleted_at' if entity and entity.soft_delete else 'row removed'})"
        ]
        if hot:
            cache_notes = [f"{cache}: invalidate {name}:{{id}} and dependent lists"]
    else:
        writes = [table]
        if hot:
            cache_notes = [f"{cache}: invalidate {name}:{{id}} and dependent lists"]
    if not events and ep.method != "GET":
        past = {"POST": "created", "PUT": "replaced", "PATCH": "updated", "DELETE": "deleted"}
        events = [f"{name}.{past[ep.method]}"]
    return SideEffects(
        db_writes=writes,
        db_reads=reads,
        cache=cache_notes,
        events=events,
        notifications=list(ep.notifications),
    )


def _auth_kind(ep: DomainEndpoint) -> str:
    if ep.action != "auth":
        return ""
    last = ep.path.rstrip("/").split("/")[-1].lower()
    for k in ("login", "register", "logout", "refresh"):
        if k in last or (k == "register" and last in ("signup", "sign-up")):
            return k
    return "auth_other"


def _endpoint(
    ep: DomainEndpoint,
    entity: DomainEntity | None,
    domain: DomainModel,
    used_ids: set[str],
    cache: str | None,
    cacheable: bool,
    shared: _Shared,
    ingest: RateLimit | None,
) -> Endpoint:
    kind = _auth_kind(ep)
    path = BASE + ep.path
    table = entity.plural if entity else "records"
    pparams = [_once(shared, ("path", n), lambda n=n: _path_param(n)) for n in _path_names(path)]
    pnames = [p.name for p in pparams]
    auth = _AUTH.get(ep.auth, "api_key")
    headers: list[Header] = []
    if auth == "jwt" or auth == "admin":
        headers.append(
            _header(
                shared,
                name="Authorization",
                required=False,
                description="Bearer access token for non-browser clients; browsers send the "
                "HttpOnly session cookie instead.",
                example="Bearer eyJhbGciOiJFUzI1NiJ9...",
            )
        )
    elif auth == "api_key":
        headers.append(
            _header(
                shared,
                name="X-API-Key",
                required=True,
                description="Partner API key.",
                example="pk_live_…",
            )
        )
    idem = ep.money or ep.critical
    body: dict[str, Any] | None = None
    body_example: Any = None
    if kind in ("login", "register"):
        body, body_example = _AUTH_BODIES[kind]
    elif ep.method in ("POST", "PUT", "PATCH") and ep.action in ("create", "update", "action"):
        body, body_example = _body_schema(ep, entity, pnames)
    if body is None and ep.method in ("POST", "PUT", "PATCH"):
        # nothing to send beyond the path and the session: an explicit empty object
        body = {
            "type": "object",
            "description": "No fields: the path and the session identify everything; send {}.",
            "properties": {},
            "additionalProperties": False,
        }
        body_example = {}
    if body is not None and ep.method in ("POST", "PUT", "PATCH"):
        # a body carrying an amount is a money write, whatever the archetype flagged: the same
        # rule as the gate's AW-API-009, so the gate has nothing to patch
        idem = (
            idem
            or is_money_path(ep.path)
            or any(is_money_name(n) for n in schema_property_names(body))
        )
    if body is not None:
        headers.append(
            _header(
                shared,
                name="Content-Type",
                required=True,
                description="JSON body.",
                example="application/json",
            )
        )
    if idem:
        headers.append(
            _header(
                shared,
                name="Idempotency-Key",
                required=True,
                description="Client-generated UUID; a retry with the same key returns the first "
                "response instead of repeating the write.",
                example="5f1b3c2e-8d4a-4e6f-9a7b-1c2d3e4f5a6b",
            )
        )
    if ep.method in ("PATCH", "PUT"):
        headers.append(
            _header(
                shared,
                name="If-Match",
                required=False,
                description="ETag from the last read; the update fails with 409 if it changed.",
                example='"v3"',
            )
        )
    query: list[Param] = []
    pagination = ep.pagination
    if ep.action == "list" and pagination is None:
        pagination = "cursor"
    if ep.action == "list":
        kind_ = pagination or "cursor"
        query = list(_once(shared, ("page", kind_), lambda: _page_params(kind_)))
    item: dict[str, Any]
    if entity is None:
        item = {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}
    else:
        # an entity's ~5 endpoints return the same schema: build it once per document (shared
        # read-only, like SESSION_SCHEMA; the gate's fixes work on a JSON-round-tripped clone)
        item = _once(shared, ("item", entity.name), lambda: resource_schema(entity))
    resp_headers: list[Header] = []
    example: Any = None
    # success response
    if kind in ("login", "register"):
        status = 200 if kind == "login" else 201
        reason = (
            "200 OK: credentials verified and a session issued; nothing new is addressable."
            if kind == "login"
            else "201 Created: a new account resource now exists."
        )
        sbody: dict[str, Any] | None = SESSION_SCHEMA
        resp_headers.append(
            _header(
                shared,
                name="Set-Cookie",
                required=True,
                description="Session cookie: HttpOnly; Secure; SameSite=Strict; Path=/; short "
                "Max-Age (access) plus a rotating refresh cookie scoped to /v1/auth.",
                example="session=<token>; HttpOnly; Secure; SameSite=Strict; Path=/",
            )
        )
        resp_headers.append(
            _header(
                shared,
                name="Cache-Control",
                description="Never cache credentials.",
                example="no-store",
            )
        )
    elif kind == "logout":
        status, reason, sbody = (
            204,
            "204 No Content: the session is revoked; nothing to return.",
            None,
        )
        resp_headers.append(
            _header(
                shared,
                name="Set-Cookie",
                required=True,
                description="Clears the session cookie (Max-Age=0; HttpOnly; Secure; SameSite=Strict).",
                example="session=; Max-Age=0; HttpOnly; Secure; SameSite=Strict; Path=/",
            )
        )
    elif kind in ("refresh", "auth_other"):
        status, reason, sbody = 200, "200 OK: a new access token was issued.", SESSION_SCHEMA
        resp_headers.append(
            _header(
                shared,
                name="Set-Cookie",
                required=True,
                description="Rotated session cookie: HttpOnly; Secure; SameSite=Strict.",
                example="session=<token>; HttpOnly; Secure; SameSite=Strict; Path=/",
            )
        )
    elif ep.action == "stream":
        status = 200
        reason = "200 OK: the connection stays open and events are pushed as they happen (text/event-stream)."
        sbody = item
        resp_headers.append(
            _header(
                shared,
                name="Cache-Control",
                description="Streams are never cached.",
                example="no-cache",
            )
        )
    elif ep.action == "list":
        status, reason = (
            200,
            "200 OK: a page of results (possibly empty — never 404 for an empty list).",
        )
        sbody = page_envelope(item, pagination or "cursor")
        resp_headers.append(
            _header(
                shared,
                name="Cache-Control",
                description="Per-user lists are private and revalidated.",
                example="private, max-age=0, must-revalidate",
            )
        )
    elif ep.method == "DELETE":
        status, reason, sbody = (
            204,
            "204 No Content: deleted (idempotent — repeating it is harmless).",
            None,
        )
    elif ep.method == "POST" and ep.action == "create":
        status, reason, sbody = 201, "201 Created: a new resource exists at the Location URL.", item
        resp_headers.append(
            _header(
                shared,
                name="Location",
                required=True,
                description="URL of the created resource.",
                example=_created_url(ep.path, table),
            )
        )
        resp_headers.append(
            _header(
                shared, name="ETag", description="Version of the created resource.", example='"v1"'
            )
        )
    elif ep.method == "GET":
        status, reason, sbody = 200, "200 OK: the resource is returned.", item
        resp_headers.append(
            _header(
                shared, name="ETag", description="Version for conditional requests.", example='"v3"'
            )
        )
        resp_headers.append(
            _header(
                shared,
                name="Cache-Control",
                description="Cacheable by the client; revalidate with If-None-Match."
                + (" Served from the cache on the server side." if cacheable else ""),
                example="private, max-age=60",
            )
        )
    else:
        status, reason, sbody = (
            200,
            "200 OK: the change is applied and the new state returned.",
            item,
        )
        resp_headers.append(
            _header(
                shared, name="ETag", description="New version after the update.", example='"v4"'
            )
        )
    if sbody is not None and entity is not None and ep.action not in ("list",) and not kind:
        example = {"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}
    errors = _errors(ep, entity, body is not None, bool(pparams), kind, shared)
    return Endpoint(
        operation_id=_op_id(ep, used_ids),
        method=ep.method,
        path=path,
        tag=(entity.name if entity else (ep.path.strip("/").split("/")[0] or "root")),
        priority=ep.priority,
        description=" ".join(ep.summary.split()).rstrip(".") + ".",
        auth=auth,  # type: ignore[arg-type]
        required_role=_role(ep, domain),
        # the key holds every field _rate_limit reads (``ingest`` is the same for the document)
        rate_limit=_once(
            shared,
            ("rate", ep.action == "auth", ep.auth, ep.method),
            lambda: _rate_limit(ep, ingest),
        ),
        request=RequestSpec(
            headers=headers,
            path_params=pparams,
            query_params=query,
            body=body,
            body_example=body_example,
        ),
        responses=Responses(
            success=SuccessResponse(
                status=status, reason=reason, body=sbody, headers=resp_headers, example=example
            ),
            errors=errors,
        ),
        side_effects=_side_effects(ep, entity, table, cache, kind),
        pagination=pagination if ep.action == "list" else None,
        idempotency_key=idem,
    )


def _websocket(
    signals: Signals, domain: DomainModel, architecture: ArchitectureDecision
) -> WebSocketProtocol:
    rt_entities = sorted({e.entity for e in domain.endpoints if e.realtime and e.entity})
    layer = architecture.service_topology.real_time_layer or "WebSocket service"
    collaborative = "crdt" in layer.lower()
    msgs = [
        WsMessage(
            name="auth",
            direction="client_to_server",
            description="First frame after connect if the cookie was not sent: a short-lived "
            "ticket from POST /v1/realtime/tickets.",
            payload={
                "type": "object",
                "required": ["type", "ticket"],
                "properties": {"type": {"const": "auth"}, "ticket": {"type": "string"}},
            },
        ),
        WsMessage(
            name="subscribe",
            direction="client_to_server",
            description="Subscribe to a channel the caller may read (authorized per channel).",
            payload={
                "type": "object",
                "required": ["type", "channel"],
                "properties": {
                    "type": {"const": "subscribe"},
                    "channel": {"type": "string", "maxLength": 200, "example": "user:me"},
                },
            },
        ),
        WsMessage(
            name="ping",
            direction="client_to_server",
            description="Application heartbeat every 25 s.",
            payload={
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"const": "ping"}},
            },
        ),
        WsMessage(
            name="pong",
            direction="server_to_client",
            description="Heartbeat reply.",
            payload={
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"const": "pong"}},
            },
        ),
        WsMessage(
            name="event",
            direction="server_to_client",
            description="A change the subscriber may see"
            + (f" ({', '.join(rt_entities)})" if rt_entities else "")
            + "; seq lets the client detect gaps and resync over REST.",
            payload={
                "type": "object",
                "required": ["type", "channel", "seq", "event", "data"],
                "properties": {
                    "type": {"const": "event"},
                    "channel": {"type": "string"},
                    "seq": {"type": "integer", "minimum": 0},
                    "event": {"type": "string", "example": "post.created"},
                    "data": {"type": "object"},
                },
            },
        ),
        WsMessage(
            name="error",
            direction="server_to_client",
            description="Protocol error in the standard envelope; the server may close after it.",
            payload={
                "type": "object",
                "required": ["type", "error", "message"],
                "properties": {
                    "type": {"const": "error"},
                    "error": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"},
                    "message": {"type": "string"},
                },
            },
        ),
    ]
    if collaborative:
        msgs.insert(
            3,
            WsMessage(
                name="sync_update",
                direction="client_to_server",
                description="A binary CRDT update (base64) for a document the caller can edit; "
                "the server persists and rebroadcasts it.",
                payload={
                    "type": "object",
                    "required": ["type", "doc_id", "update"],
                    "properties": {
                        "type": {"const": "sync_update"},
                        "doc_id": {"type": "string", "format": "uuid"},
                        "update": {"type": "string", "contentEncoding": "base64"},
                    },
                },
            ),
        )
    return WebSocketProtocol(
        url="wss://{host}/v1/realtime",
        transport="WebSocket (RFC 6455) over TLS 1.3, JSON text frames"
        + ("; CRDT updates as base64 payloads" if collaborative else ""),
        auth_handshake=(
            "The upgrade request carries the HttpOnly session cookie (same site) — validated "
            "before the 101 response; cross-origin clients first obtain a single-use ticket "
            "(30 s TTL) from POST /v1/realtime/tickets and send it as the first frame. Origin is "
            "checked against an allowlist; unauthenticated sockets are closed with 4401 after 5 s."
        ),
        lifecycle=[
            "connect: TLS + HTTP upgrade; Origin and session validated",
            "authenticate: cookie on upgrade or ticket frame within 5 s (else close 4401)",
            "subscribe: client subscribes to channels; each subscription is authorized",
            "message: server pushes events with a per-channel sequence number",
            "heartbeat: ping/pong every 25 s; 2 missed pongs close the socket",
            "close: client close 1000; server drains with 1012 on deploys (clients reconnect)",
        ],
        heartbeat="Client sends ping every 25 s, server replies pong; the server closes a socket "
        "after 60 s of silence. Protocol-level ping frames are also answered.",
        reconnection=(
            "Exponential backoff with full jitter: 1 s, 2 s, 4 s … capped at 30 s; on reconnect "
            "the client resubscribes with its last seq and the server replays from a 5-minute "
            "buffer, or tells the client to resync over REST."
        ),
        messages=msgs,
    )


def build_api(
    signals: Signals, domain: DomainModel, architecture: ArchitectureDecision, data: DataStrategy
) -> ApiContract | None:
    style, why = select_api_style(signals, architecture.architecture_pattern)
    rejected = [
        RejectedStyle(style=s, reason=r)
        for s, r in (
            ("rest", "A resource-per-URL API would force several round trips for nested reads."),
            (
                "graphql",
                "Resolver, caching and query-cost complexity are not justified: no highly "
                "variable nested reads across several client types (seed GraphQL rule).",
            ),
            (
                "grpc",
                "Browser and mobile clients would need grpc-web; there is no internal "
                "service-to-service hot path (seed gRPC rule).",
            ),
        )
        if s != style
    ]
    cache = data.caching_strategy.tool
    cached = set(data.caching_strategy.entities_cached)
    used: set[str] = set()
    shared: _Shared = {}
    endpoints: list[Endpoint] = []
    seen: set[tuple[str, str]] = set()
    # a stated device/event rate sizes the machine write endpoints' per-key limit
    ingest = ingest_rate_limit(signals)
    for ep in domain.endpoints:
        key = (ep.method, ep.path)
        if key in seen:
            continue
        seen.add(key)
        entity = domain.entity(ep.entity) if ep.entity else None
        endpoints.append(
            _endpoint(
                ep,
                entity,
                domain,
                used,
                cache,
                bool(entity and (entity.name in cached or entity.plural in cached)),
                shared,
                ingest,
            )
        )
    rt = signals.behavior.real_time_intensity.score
    ws = _websocket(signals, domain, architecture) if rt >= 4 else None
    governance = Governance(
        versioning=(
            "URL versioning: every public path starts with /v1/. Partner integrations may pin "
            "a version with Accept: application/vnd.api.v1+json. Additive changes (new optional "
            "fields, new endpoints) stay in v1; breaking changes ship as /v2/ alongside v1."
        ),
        deprecation_policy=(
            "A deprecated version or endpoint is announced at least 6 months before removal; "
            "responses carry Deprecation and Sunset (RFC 8594) headers plus a Link to the "
            "migration guide, and usage is tracked per client before the sunset date."
        ),
        pagination=PaginationStandard(
            cursor="Cursor-based for feeds, timelines and large or real-time collections: an "
            "opaque base64url cursor encoding (created_at, id) of the last row; stable under "
            "inserts.",
            offset="Offset-based only for admin tables and small stable datasets (offset <= "
            "10,000; total count returned).",
            page_size_min=PAGE_MIN,
            page_size_default=PAGE_DEFAULT,
            page_size_max=PAGE_MAX,
            envelope=page_envelope({"type": "object"}, "cursor"),
        ),
        error_envelope=ERROR_ENVELOPE,
        idempotency=Idempotency(
            header="Idempotency-Key",
            applies_to="Every POST/PUT/PATCH that moves money or changes critical state "
            "(flagged per endpoint); optional on other POSTs.",
            storage=(
                f"{cache or 'PostgreSQL table idempotency_keys'}: key scoped to the caller, with "
                "a hash of the request body, the response status and body; a reused key with a "
                "different body returns 409."
            ),
            expiry="24 hours after first use; in-flight duplicates wait on a lock (max 30 s).",
        ),
    )
    return ApiContract(
        style=style,  # type: ignore[arg-type]
        style_rationale=why
        + (
            f" behavior.real_time_intensity = {rt} (>= 4): a WebSocket protocol runs alongside."
            if ws
            else ""
        ),
        rejected_styles=rejected,
        base_path=BASE,
        websocket=ws,
        endpoints=endpoints,
        governance=governance,
    )
