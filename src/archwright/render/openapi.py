"""OpenAPI 3.1 document (``openapi.yaml``) from the Stage 5 API contract.

Built as a plain dict from the typed model and serialized by ``render.yaml_text``, so user
text is always a YAML scalar that reads back as itself, never markup. Examples that do not validate against their
schema are dropped rather than published.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archwright.render.memo import DerivedCache, SharedCache, content_digest, scoped
from archwright.render.openapi_bounds import (
    Bounds,
    bound_schema,
    document_bounds,
    entity_columns,
    header_max_length,
)
from archwright.render.yaml_text import dump_yaml, dump_yaml_mapping, yaml_key

if TYPE_CHECKING:
    from archwright.models.api import ApiContract, Endpoint, RateLimit
    from archwright.models.document import ArchitectureDocument
    from archwright.models.schema import SchemaDesign
    from archwright.models.security import JwtSpec

_SECURITY = {
    "jwt": [{"cookieAuth": []}, {"bearerAuth": []}],
    "admin": [{"cookieAuth": []}, {"bearerAuth": []}],
    "api_key": [{"apiKeyAuth": []}],
    "public": [],
}


def _valid(instance: Any, schema: dict[str, Any]) -> bool:
    """Whether ``instance`` validates against ``schema`` (JSON Schema 2020-12, formats not
    asserted — the dialect's default). jsonschema-rs: ~4x faster than jsonschema here.

    A contract asks ~25 times and a batch's contracts ask the same few questions (a tenth of
    them are distinct), so verdicts are kept by content: compiling a validator costs ~50 us,
    the key ~3 us."""
    try:
        key = json.dumps([instance, schema], sort_keys=True)
    except (TypeError, ValueError):
        return _validate(instance, schema)
    verdict = _VERDICTS.get(key)
    if verdict is None:
        verdict = _validate(instance, schema)
        if len(_VERDICTS) >= 4096:
            _VERDICTS.clear()
        _VERDICTS[key] = verdict
    return verdict


_VERDICTS: dict[str, bool] = {}


def _validate(instance: Any, schema: dict[str, Any]) -> bool:
    import jsonschema_rs

    try:
        return jsonschema_rs.validator_for(schema).is_valid(instance)
    except Exception:  # an invalid schema or a dangling $ref: drop the example
        return False


# exact types _clean keeps as they are without a call (most values of a schema)
_SCALARS = frozenset((str, int, float, bool, type(None)))


def _clean(schema: Any) -> Any:
    """Copy of a JSON Schema with invalid ``example`` values removed (recursively)."""
    if isinstance(schema, dict):
        # scalars (most values) are kept as they are, without a call
        out = {
            k: v if type(v) in _SCALARS else _clean(v) for k, v in schema.items() if k != "example"
        }
        if "example" in schema:
            probe = {k: v for k, v in out.items()}
            if _valid(schema["example"], probe):
                out["example"] = schema["example"]
        return out
    if isinstance(schema, list):
        return [v if type(v) in _SCALARS else _clean(v) for v in schema]
    return schema


def _one_line(text: str, limit: int = 1000) -> str:
    return " ".join(str(text).split())[:limit]


_WINDOW_SECONDS = {"second": 1, "minute": 60, "hour": 3600}
CORS_HEADER = "Access-Control-Allow-Origin"


@dataclass
class _Ctx:
    """What every operation of one document shares: its bounds, the Stage 4 columns of each
    entity, the components being collected and the rate-limit policies in use."""

    bounds: Bounds
    columns: dict[str, dict[str, dict[str, Any]]]
    schemas: dict[str, Any]
    error_codes: dict[int, str] = field(default_factory=dict)
    # policy name -> the endpoint rate limit it stands for (stable, first-seen order)
    policies: dict[str, RateLimit] = field(default_factory=dict)
    # (status, policy or None) of every shared error response in use
    error_responses: set[tuple[int, str | None]] = field(default_factory=set)

    def bound(self, schema: Any, entity: str | None = None) -> Any:
        """Bounded copy without invalid examples; ``entity`` (the operation's tag) supplies the
        columns of untitled schemas, a schema titled with an entity uses its own."""
        cols = self.columns.get(entity) if entity else None
        # both steps copy what they change, so the model's schema is never mutated
        return _clean(bound_schema(schema, self.bounds, cols, entities=self.columns))

    def policy(self, rl: RateLimit) -> str:
        name = f"{rl.requests}-per-{rl.per}-per-{rl.scope.replace('_', '-')}"
        self.policies.setdefault(name, rl)
        return name


def _rate_limit_headers(policy: str) -> dict[str, Any]:
    """The IETF RateLimit header fields of one policy plus the CORS origin (shared components)."""
    return {
        "RateLimit-Limit": {"$ref": f"#/components/headers/RateLimit-Limit.{policy}"},
        "RateLimit-Remaining": {"$ref": f"#/components/headers/RateLimit-Remaining.{policy}"},
        "RateLimit-Reset": {"$ref": f"#/components/headers/RateLimit-Reset.{policy}"},
        CORS_HEADER: {"$ref": f"#/components/headers/{CORS_HEADER}"},
    }


def _policy_headers(name: str, rl: RateLimit) -> dict[str, Any]:
    window = _WINDOW_SECONDS[rl.per]
    scope = rl.scope.replace("_", " ")
    return {
        f"RateLimit-Limit.{name}": {
            "description": f"Requests allowed per window for this operation: {rl} "
            f"(tier {_one_line(rl.tier, 100)}).",
            "schema": {
                "type": "integer",
                "format": "int32",
                "minimum": rl.requests,
                "maximum": rl.requests,
            },
            "example": rl.requests,
        },
        f"RateLimit-Remaining.{name}": {
            "description": f"Requests left in the current {rl.per} window for this {scope}.",
            "schema": {"type": "integer", "format": "int32", "minimum": 0, "maximum": rl.requests},
            "example": max(rl.requests - 1, 0),
        },
        f"RateLimit-Reset.{name}": {
            "description": f"Seconds until the current {rl.per} window resets.",
            "schema": {"type": "integer", "format": "int32", "minimum": 0, "maximum": window},
            "example": window,
        },
    }


def _param(p: Any, where: str, ctx: _Ctx, entity: str | None) -> dict[str, Any]:
    schema = ctx.bound(p.schema_, entity)
    out: dict[str, Any] = {
        "name": p.name,
        "in": where,
        "required": True if where == "path" else bool(p.required),
        "description": _one_line(f"{p.description} Validation: {p.validation}."),
        "schema": schema,
    }
    if p.example is not None and _valid(p.example, schema):
        out["example"] = p.example
    return out


def _component(body: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    """Move titled resource schemas (and their list envelopes) into components: one copy each
    keeps the document small and fast to validate."""
    title = body.get("title")
    if isinstance(title, str) and re.fullmatch(r"[A-Za-z0-9_]+", title):
        schemas.setdefault(title, body)
        return {"$ref": f"#/components/schemas/{title}"}
    props = body.get("properties") or {}
    data = props.get("data") if isinstance(props, dict) else None
    if isinstance(data, dict) and isinstance(data.get("items"), dict):
        item = data["items"]
        t = item.get("title")
        if isinstance(t, str) and re.fullmatch(r"[A-Za-z0-9_]+", t):
            ref = _component(item, schemas)
            page_kind = "Cursor" if "next_cursor" in str(props.get("page")) else "Offset"
            name = f"{t}{page_kind}Page"
            # a new envelope around the same (never changed) page schema
            env = {**body, "properties": {**props, "data": {**data, "items": ref}}}
            schemas.setdefault(name, env)
            return {"$ref": f"#/components/schemas/{name}"}
    return body


def _operation(ep: Endpoint, ctx: _Ctx) -> dict[str, Any]:
    entity = ep.tag  # Stage 5 tags an operation with its entity (snake_case)
    params: list[dict[str, Any]] = [_param(p, "path", ctx, entity) for p in ep.request.path_params]
    params += [_param(p, "query", ctx, entity) for p in ep.request.query_params]
    for h in ep.request.headers:
        if h.name.lower() in ("authorization", "content-type", "accept", "x-api-key"):
            continue  # described by the security scheme / media type, not as parameters
        hp: dict[str, Any] = {
            "name": h.name,
            "in": "header",
            "required": h.required,
            "description": _one_line(h.description),
            "schema": {"type": "string", "maxLength": 255},
        }
        if h.example:
            hp["example"] = h.example
        params.append(hp)
    op: dict[str, Any] = {
        "operationId": ep.operation_id,
        "summary": _one_line(ep.description, 200),
        "description": _one_line(
            f"{ep.description} Auth: {ep.auth}; required role: {ep.required_role}; rate limit: "
            f"{ep.rate_limit}."
        ),
        "tags": [ep.tag],
        "security": _SECURITY.get(ep.auth, []),
        "x-priority": ep.priority,
        "x-required-role": ep.required_role,
        "x-rate-limit": {
            "requests": ep.rate_limit.requests,
            "per": ep.rate_limit.per,
            "scope": ep.rate_limit.scope,
            "tier": ep.rate_limit.tier,
        },
    }
    if ep.pagination:
        op["x-pagination"] = ep.pagination
    if params:
        op["parameters"] = params
    if ep.request.body is not None:
        body_schema = ctx.bound(ep.request.body, entity)
        media: dict[str, Any] = {"schema": body_schema}
        if ep.request.body_example is not None and _valid(ep.request.body_example, body_schema):
            media["example"] = ep.request.body_example
        op["requestBody"] = {"required": True, "content": {"application/json": media}}
    s = ep.responses.success
    policy = ctx.policy(ep.rate_limit)
    success: dict[str, Any] = {"description": _one_line(s.reason)}
    headers: dict[str, Any] = {
        h.name: {
            "description": _one_line(h.description),
            "schema": {"type": "string", "maxLength": header_max_length(h.name)},
            **({"example": h.example} if h.example else {}),
        }
        for h in s.headers
        if h.name.lower() != "content-type"
    }
    success["headers"] = {**headers, **_rate_limit_headers(policy)}
    if s.body is not None and s.status != 204:
        body = ctx.bound(s.body, entity)
        if "stream" in ep.operation_id.lower() or (
            ep.method == "GET" and ep.path.rstrip("/").endswith("/stream")
        ):
            # no `type: string`: a stream that stays open has no length to bound (a maxLength
            # would be false); each event is bounded by the x-event-schema it carries
            success["content"] = {
                "text/event-stream": {
                    "schema": {
                        "description": "Server-Sent Events; each data line is a JSON object "
                        "of the schema in x-event-schema.",
                    }
                }
            }
            success["x-event-schema"] = body
        else:
            success["content"] = {"application/json": {"schema": _component(body, ctx.schemas)}}
    responses: dict[str, Any] = {str(s.status): success}
    for e in sorted(ep.responses.errors, key=lambda e: e.status):
        ctx.error_codes.setdefault(e.status, e.error)
        # 4XX responses count against the caller's limit, so they carry its RateLimit headers
        key = (e.status, policy if 400 <= e.status < 500 else None)
        ctx.error_responses.add(key)
        # 3.1 Reference Objects may override the description: the shared response keeps the
        # document small (fast to validate) while each endpoint states its own condition
        responses[str(e.status)] = {
            "$ref": f"#/components/responses/{_error_name(*key)}",
            "description": _one_line(f"{e.error}: {e.condition}"),
        }
    op["responses"] = responses
    return op


_ERROR_TEXT = {
    400: "Malformed request.",
    401: "Missing, expired or invalid credentials.",
    403: "Authenticated but not allowed (role or ownership).",
    404: "Resource not found or not visible to the caller.",
    409: "Conflict with the current state (duplicate or stale version).",
    422: "Validation failed; details lists each field.",
    429: "Rate limit exceeded; retry after Retry-After seconds.",
    500: "Unexpected server error; no internal details are exposed.",
}


def _error_name(status: int, policy: str | None) -> str:
    return f"Error{status}.{policy}" if policy else f"Error{status}"


def _error_response(
    status: int, code: str, rl: RateLimit | None, policy: str | None
) -> dict[str, Any]:
    headers: dict[str, Any] = (
        _rate_limit_headers(policy)
        if policy
        else {CORS_HEADER: {"$ref": f"#/components/headers/{CORS_HEADER}"}}
    )
    r: dict[str, Any] = {
        "description": _ERROR_TEXT.get(status, "Error."),
        "headers": headers,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Error"},
                "example": {
                    "error": code,
                    "message": _ERROR_TEXT.get(status, "Error."),
                    "request_id": "0b6a6c5e-3f1d-4a57-9a42-6f3c2f1d9b10",
                    "timestamp": "2026-01-01T00:00:00Z",
                },
            }
        },
    }
    if status == 429:
        window = _WINDOW_SECONDS[rl.per] if rl else 3600
        headers["Retry-After"] = {
            "description": "Seconds until the caller may retry (at most one rate-limit window).",
            "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": window},
            "example": min(60, window),
        }
    return r


@dataclass(frozen=True)
class _Inputs:
    """Everything of the document the contract is built from, and nothing else: the builder
    reads only this, so its fingerprint decides when a built contract can be reused."""

    api: ApiContract | None
    schema: SchemaDesign | None
    jwt: JwtSpec | None
    product_name: str
    internal: bool
    version: str
    app_origin: str

    @classmethod
    def of(cls, doc: ArchitectureDocument) -> _Inputs:
        return cls(
            api=doc.api,
            schema=doc.schema_,
            jwt=doc.security.auth.jwt if doc.security is not None else None,
            product_name=doc.signals.product.name.value,
            internal=doc.signals.product.product_type.value == "internal_tool",
            version=doc.archwright_version,
            app_origin=_allowed_origin(doc),
        )

    def fingerprint(self) -> bytes:
        h = hashlib.sha256()
        for part in (self.api, self.schema, self.jwt):
            h.update(content_digest(part) if part is not None else b"null")
            h.update(b"\0")
        h.update(
            json.dumps([self.product_name, self.internal, self.version, self.app_origin]).encode()
        )
        return h.digest()


def _allowed_origin(doc: ArchitectureDocument) -> str:
    """The browser origin Stage 7's CORS policy allows (the web app's, for documents built
    before the policy existed)."""
    from archwright.design.traits import app_origin

    cors = doc.security.cors if doc.security is not None else None
    return cors.allowed_origins[0] if cors and cors.allowed_origins else app_origin(doc.signals)


def openapi_document(doc: ArchitectureDocument) -> dict[str, Any]:
    """The OpenAPI 3.1 document as a dict (the Stage 10 gate validates it); a new dict the
    caller may change."""
    return _build(_Inputs.of(doc), shared=False)


# fingerprint -> contract, for read-only callers: the gate builds and validates the contract,
# `generate --out` then writes the same one (~6 ms per document saved), and a batch worker's
# neighbouring documents often share one
_SHARED = SharedCache(16)
# contract -> its YAML text (~4 ms per contract)
_YAML = DerivedCache(16)


def shared_openapi_document(doc: ArchitectureDocument) -> dict[str, Any]:
    """:func:`openapi_document` built once per distinct content. Never change the result: it
    is shared with every later caller for a document with the same content."""
    inputs = _Inputs.of(doc)
    return scoped(
        "openapi",
        (inputs.api, inputs.schema, inputs.jwt),
        (inputs.product_name, inputs.internal, inputs.version, inputs.app_origin),
        lambda: _SHARED.get(inputs.fingerprint(), lambda: _build(inputs, shared=True)),
    )


# (endpoint content, document bounds, columns of the schema) -> (operation, what it adds to the
# document's context). A batch's contracts differ by a few endpoints: its 10,432 operations
# (524 benchmark documents) are 2,116 distinct ones, so a contract seen for the first time is
# mostly assembled from operations built before — and their YAML text (below) written before.
_OPERATIONS = SharedCache(4096)
# shared operation -> its YAML text under `paths: /x: get:`
_OPERATION_YAML = DerivedCache(4096)
_OPERATION_PAD = " " * 6
# component schema (the shared objects operations add) -> its YAML text under
# `components: schemas: Name:`
_SCHEMA_YAML = DerivedCache(4096)
_SCHEMA_PAD = " " * 6


@dataclass(frozen=True)
class _Effects:
    """What building one operation added to its document's :class:`_Ctx`, replayed in order
    (first one in wins, as when it is built in place)."""

    schemas: tuple[tuple[str, Any], ...]
    error_codes: tuple[tuple[int, str], ...]
    policies: tuple[tuple[str, RateLimit], ...]
    error_responses: frozenset[tuple[int, str | None]]

    def replay(self, ctx: _Ctx) -> None:
        for name, schema in self.schemas:
            ctx.schemas.setdefault(name, schema)
        for status, code in self.error_codes:
            ctx.error_codes.setdefault(status, code)
        for name, rl in self.policies:
            ctx.policies.setdefault(name, rl)
        ctx.error_responses |= self.error_responses


def _built_operation(ep: Endpoint, ctx: _Ctx) -> tuple[dict[str, Any], _Effects]:
    own = _Ctx(bounds=ctx.bounds, columns=ctx.columns, schemas={})
    op = _operation(ep, own)
    return op, _Effects(
        tuple(own.schemas.items()),
        tuple(own.error_codes.items()),
        tuple(own.policies.items()),
        frozenset(own.error_responses),
    )


def _shared_operation(ep: Endpoint, ctx: _Ctx, document_key: Hashable) -> dict[str, Any]:
    """:func:`_operation`, built once per distinct content; never change the result. An
    operation reads its endpoint, the document's bounds and the schema's columns: those are the
    key (``document_key`` stands for the bounds and the columns)."""
    op, effects = _OPERATIONS.get(
        (content_digest(ep), document_key), lambda: _built_operation(ep, ctx)
    )
    effects.replay(ctx)
    _share(op)
    for _, schema in effects.schemas:
        _share(schema)
    return op  # type: ignore[no-any-return]


# (kind, content) -> a component every contract with that content shares (error responses,
# headers, the Error schema): built once, not once per contract
_PARTS = SharedCache(1024)


def _shared_part(key: Hashable, build: Callable[[], Any]) -> Any:
    """``build()`` once per ``key``, shared by every contract (never change it)."""
    value = _PARTS.get(key, build)
    _share(value)
    return value


def _fresh_part(key: Hashable, build: Callable[[], Any]) -> Any:
    """``build()`` afresh: the contract is the caller's to change."""
    return build()


# id -> object of the shared, never-changed parts of contracts (operations, component schemas):
# the gate's validator keeps what it learns about them (``is_shared_part``). Holding the object
# keeps its id from being reused; cleared when full (a part shared again is noted again).
_SHARED_PARTS: dict[int, object] = {}
_SHARED_PARTS_LIMIT = 8192


def _share(part: object) -> None:
    if len(_SHARED_PARTS) >= _SHARED_PARTS_LIMIT:
        _SHARED_PARTS.clear()
    _SHARED_PARTS[id(part)] = part


def is_shared_part(obj: object) -> bool:
    """Whether ``obj`` is a part the renderer shares between contracts and nobody changes."""
    return _SHARED_PARTS.get(id(obj)) is obj


def _renamed(op: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """``op`` with its path parameters renamed to ``names`` (a copy: ``op`` may be shared)."""
    params = list(op.get("parameters", []))
    slots = [i for i, p in enumerate(params) if p["in"] == "path"]
    for i, new in zip(slots, names, strict=False):
        params[i] = {**params[i], "name": new}
    return {**op, "parameters": params}


def _build(inputs: _Inputs, *, shared: bool) -> dict[str, Any]:
    """The contract; with ``shared`` its operations may be shared with other contracts (the
    result must then never be changed)."""
    api = inputs.api
    name = _one_line(inputs.product_name, 200) or "API"
    spec: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": f"{name} API",
            "version": "1.0.0",
            "description": _one_line(
                f"REST contract generated by archwright {inputs.version}. "
                + (api.style_rationale if api else "")
            ),
            "contact": {"name": "API owners", "email": "api-owners@example.org"},
        },
        "servers": [
            {
                "url": "https://{host}",
                "description": "Environment host (staging or production).",
                "variables": {"host": {"default": "api.yourcompany.dev"}},
                # the audience of the API: an internal tool's API is not published to outsiders
                "x-internal": inputs.internal,
            }
        ],
        "paths": {},
        "components": {},
    }
    if api is None:
        spec["paths"] = {}
        return spec
    tags: dict[str, str] = {}
    ctx = _Ctx(bounds=document_bounds(api), columns=entity_columns(inputs.schema), schemas={})
    if shared:
        document_key = (repr(ctx.bounds), json.dumps(ctx.columns, sort_keys=True))
        envelope = api.governance.error_envelope
        ctx.schemas["Error"] = _shared_part(
            ("Error", json.dumps(envelope, sort_keys=True), document_key),
            lambda: ctx.bound(envelope),
        )
    else:
        ctx.schemas["Error"] = ctx.bound(api.governance.error_envelope)
    paths: dict[str, dict[str, Any]] = {}
    canon: dict[str, str] = {}
    for ep in api.endpoints:
        # equivalent templates (/a/{x} vs /a/{y}) would be an invalid document: reuse the first
        key = re.sub(r"\{[^{}]+\}", "{}", ep.path)
        path = canon.setdefault(key, ep.path)
        op = _shared_operation(ep, ctx, document_key) if shared else _operation(ep, ctx)
        if path != ep.path:
            op = _renamed(op, re.findall(r"\{([^{}]+)\}", path))
        paths.setdefault(path, {})[ep.method.lower()] = op
        tags.setdefault(ep.tag, f"Operations on {ep.tag.replace('_', ' ')} resources.")
    spec["paths"] = paths
    spec["tags"] = [{"name": t, "description": d} for t, d in sorted(tags.items())]
    part = _shared_part if shared else _fresh_part
    origin = inputs.app_origin
    headers: dict[str, Any] = {CORS_HEADER: part(("cors", origin), lambda: _cors_header(origin))}
    for name, rl in ctx.policies.items():
        policy_headers = part(
            ("policy", name, repr(rl)), lambda n=name, r=rl: _policy_headers(n, r)
        )
        headers.update(policy_headers)
        if shared:
            for value in policy_headers.values():
                _share(value)  # the components are the shared parts, not their collection
    responses: dict[str, Any] = {}
    for status, policy in sorted(ctx.error_responses, key=lambda k: (k[0], k[1] or "")):
        code, rl = ctx.error_codes[status], ctx.policies.get(policy or "")
        responses[_error_name(status, policy)] = part(
            ("error", status, code, policy, rl.per if rl else None),
            lambda s=status, c=code, r=rl, p=policy: _error_response(s, c, r, p),
        )
    components: dict[str, Any] = {
        "schemas": ctx.schemas,
        "headers": headers,
        "responses": responses,
        "securitySchemes": {
            "cookieAuth": {
                "type": "apiKey",
                "in": "cookie",
                "name": "session",
                "description": "HttpOnly; Secure; SameSite=Strict session cookie holding the "
                "short-lived JWT access token.",
            },
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": _jwt_description(inputs.jwt),
            },
            "apiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        },
    }
    spec["components"] = components
    spec["x-governance"] = {
        "versioning": api.governance.versioning,
        "deprecation": api.governance.deprecation_policy,
        "idempotency": api.governance.idempotency.model_dump(mode="json"),
        "pagination": {
            "min": api.governance.pagination.page_size_min,
            "default": api.governance.pagination.page_size_default,
            "max": api.governance.pagination.page_size_max,
        },
    }
    return spec


def _cors_header(origin: str) -> dict[str, Any]:
    """The one browser origin allowed to read responses: the product's web app, the origin the
    Stage 7 CORS allow-list names (never a wildcard: requests carry credentials)."""
    return {
        "description": "CORS allow-list: only the product's web app origin; no wildcard "
        "(responses to credentialed requests).",
        "schema": {"type": "string", "const": origin},
        "example": origin,
    }


def _jwt_description(jwt: JwtSpec | None) -> str:
    text = "Same access token for non-browser clients. Issued and verified as RFC8725 (JWT BCP) requires"
    if jwt is not None:
        text += (
            f": algorithm pinned to {jwt.algorithm}, 'none' rejected; "
            f"access tokens expire after {jwt.access_token_expiry}"
        )
    return _one_line(text + ".", 600)


def render_openapi(doc: ArchitectureDocument) -> str:
    """``openapi.yaml`` text."""
    return _YAML.get(shared_openapi_document(doc), _contract_yaml)


def _contract_yaml(spec: dict[str, Any]) -> str:
    """:func:`dump_yaml` of a shared contract, each operation's text written once for every
    contract that shares it."""
    out: list[str] = []
    for key, value in spec.items():
        if key == "paths" and value:
            out.append(yaml_key(key, "") + "\n")
            for url, item in value.items():
                out.append(yaml_key(url, "  ") + "\n")
                for method, op in item.items():
                    out.append(yaml_key(method, "    ") + "\n")
                    out.append(_OPERATION_YAML.get(op, _operation_yaml))
        elif key == "components" and value:
            # the schemas come from shared operations: each one's text is written once
            out.append(yaml_key(key, "") + "\n")
            for part, members in value.items():
                if part != "schemas" or not members:
                    out.append(dump_yaml_mapping({part: members}, "  "))
                    continue
                out.append(yaml_key(part, "  ") + "\n")
                for name, schema in members.items():
                    if isinstance(schema, dict) and schema:
                        out.append(yaml_key(name, "    ") + "\n")
                        out.append(_SCHEMA_YAML.get(schema, _schema_yaml))
                    else:
                        out.append(dump_yaml_mapping({name: schema}, "    "))
        else:
            out.append(dump_yaml({key: value}))
    return "".join(out)


def _operation_yaml(op: dict[str, Any]) -> str:
    return dump_yaml_mapping(op, _OPERATION_PAD)


def _schema_yaml(schema: dict[str, Any]) -> str:
    return dump_yaml_mapping(schema, _SCHEMA_PAD)
