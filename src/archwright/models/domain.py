"""The product's domain model: entities, relationships, endpoints, roles, jobs and metrics.

Stage 1 produces it (from a knowledge archetype, the prompt's own nouns, or an optional LLM);
Stages 5-9 build the API, the schema, RBAC, the job table and the business metrics from it.
The same types describe archetypes in ``knowledge/archetypes/*.yaml``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from archwright.models.base import Model

FieldType = Literal[
    "uuid",
    "string",
    "text",
    "email",
    "url",
    "phone",
    "integer",
    "bigint",
    "money",
    "decimal",
    "boolean",
    "timestamp",
    "date",
    "json",
    "enum",
    "geo_point",
    "ip_address",
    # an embedding for similarity search (REAL[] in the DDL; pgvector's vector(n) where the
    # extension is available)
    "vector",
]
Action = Literal["create", "read", "list", "update", "delete", "action", "auth", "stream"]
AuthKind = Literal["public", "user", "admin", "api_key", "service"]


class DomainField(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: FieldType
    description: str
    required: bool = True
    unique: bool = False
    pii: bool = False
    # highest-sensitivity fields (SSN, card data, diagnoses): candidates for field-level encryption
    sensitive: bool = False
    enum_values: list[str] | None = None
    max_length: int | None = None
    default: str | None = None
    example: Any = None
    # used in a WHERE clause of a high-frequency query -> gets an index
    indexed: bool = False


class DomainRelation(Model):
    """``entity.field`` references ``target.id``."""

    target: str
    field: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str  # verb for the ERD, e.g. "writes"
    required: bool = True
    on_delete: Literal["cascade", "restrict", "set_null"] = "cascade"


class DomainEntity(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")  # singular snake_case
    plural: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    fields: list[DomainField] = Field(default_factory=list)
    relations: list[DomainRelation] = Field(default_factory=list)
    # field that names the owning user, for row-level security ("user can only see their own")
    owner_field: str | None = None
    soft_delete: bool = False
    append_only: bool = False  # events, ledger entries, audit rows: never updated
    hot: bool = False  # read on most requests -> cache candidate
    retention: str | None = None  # lifecycle default, e.g. "until account deletion + 30 days"
    unique_together: list[list[str]] = Field(default_factory=list)


class DomainEndpoint(Model):
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    path: str = Field(pattern=r"^/")  # without the version prefix, e.g. "/posts/{post_id}"
    summary: str
    entity: str | None = None
    action: Action
    priority: Literal["P0", "P1"] = "P0"
    auth: AuthKind = "user"
    role: str | None = None  # defaults to the archetype's default user role
    pagination: Literal["cursor", "offset"] | None = None
    body_fields: list[str] | None = None  # entity fields accepted in the body (None = derive)
    money: bool = False  # writes money -> Idempotency-Key
    critical: bool = False  # critical state change -> Idempotency-Key
    events: list[str] = Field(default_factory=list)
    notifications: list[str] = Field(default_factory=list)
    realtime: bool = False  # also pushed over the real-time channel


class DomainRole(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    permissions: list[str] = Field(min_length=1)  # "resource:action" or "resource:action:own"


class DomainJob(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    trigger: str
    description: str
    compute_heavy: bool = False
    external: str | None = None  # third party it calls, if any


class BusinessMetric(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["counter", "gauge", "histogram"]
    description: str


class DomainModel(Model):
    archetype: str
    source: Literal["archetype", "generic", "llm", "mixed"] = "archetype"
    entities: list[DomainEntity]
    endpoints: list[DomainEndpoint]
    roles: list[DomainRole]
    default_role: str
    jobs: list[DomainJob] = Field(default_factory=list)
    metrics: list[BusinessMetric] = Field(default_factory=list)
    third_parties: list[str] = Field(default_factory=list)

    def entity(self, name: str) -> DomainEntity | None:
        return next((e for e in self.entities if e.name == name), None)
