"""Stage 5 output: the API contract (REST/GraphQL/gRPC, WebSocket protocol, governance)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from archwright.models.base import Model

JsonSchema = dict[str, Any]


class Header(Model):
    name: str
    required: bool = False
    description: str
    example: str | None = None


class Param(Model):
    name: str
    schema_: JsonSchema = Field(alias="schema")  # JSON Schema incl. type/format/min/max/enum
    required: bool = True
    description: str
    validation: str  # the rules in words, e.g. "UUID v4"
    default: Any = None
    example: Any = None


class RequestSpec(Model):
    headers: list[Header] = Field(default_factory=list)
    path_params: list[Param] = Field(default_factory=list)
    query_params: list[Param] = Field(default_factory=list)
    body: JsonSchema | None = None
    body_example: Any = None


class SuccessResponse(Model):
    status: int
    reason: str  # why this status code
    body: JsonSchema | None = None  # None only for 204
    headers: list[Header] = Field(default_factory=list)
    example: Any = None


class ErrorResponse(Model):
    status: int
    error: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")  # SCREAMING_SNAKE code in the envelope
    condition: str


class Responses(Model):
    success: SuccessResponse
    errors: list[ErrorResponse]


class RateLimit(Model):
    requests: int = Field(ge=1)
    per: Literal["second", "minute", "hour"] = "minute"
    scope: Literal["ip", "user", "api_key"]
    tier: str  # rate-limit tier name in the security section

    def __str__(self) -> str:
        return f"{self.requests} requests/{self.per} per {self.scope.replace('_', ' ')}"


class SideEffects(Model):
    db_writes: list[str] = Field(default_factory=list)
    db_reads: list[str] = Field(default_factory=list)
    cache: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    notifications: list[str] = Field(default_factory=list)


class Endpoint(Model):
    operation_id: str = Field(pattern=r"^[a-z][A-Za-z0-9]*$")
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    path: str = Field(pattern=r"^/v\d+/")
    tag: str
    priority: Literal["P0", "P1"]
    description: str
    auth: Literal["public", "jwt", "api_key", "admin"]
    required_role: str
    rate_limit: RateLimit
    request: RequestSpec
    responses: Responses
    side_effects: SideEffects
    pagination: Literal["cursor", "offset"] | None = None
    idempotency_key: bool = False


class WsMessage(Model):
    name: str
    direction: Literal["client_to_server", "server_to_client"]
    description: str
    payload: JsonSchema


class WebSocketProtocol(Model):
    url: str
    transport: str  # e.g. "WebSocket (RFC 6455) via Socket.IO-free ws"
    auth_handshake: str
    lifecycle: list[str]
    heartbeat: str
    reconnection: str
    messages: list[WsMessage]


class PaginationStandard(Model):
    cursor: str
    offset: str
    page_size_min: int
    page_size_default: int
    page_size_max: int
    envelope: JsonSchema


class Idempotency(Model):
    header: str
    applies_to: str
    storage: str
    expiry: str


class Governance(Model):
    versioning: str
    deprecation_policy: str
    pagination: PaginationStandard
    error_envelope: JsonSchema
    idempotency: Idempotency


class RejectedStyle(Model):
    style: str
    reason: str


class ApiContract(Model):
    # content digests are taken endpoint by endpoint (render.memo.content_digest)
    digest_items: ClassVar[str] = "endpoints"

    style: Literal["rest", "graphql", "grpc"]
    style_rationale: str
    rejected_styles: list[RejectedStyle] = Field(default_factory=list)
    base_path: str = "/v1"
    websocket: WebSocketProtocol | None = None
    endpoints: list[Endpoint]
    governance: Governance
