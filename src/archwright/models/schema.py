"""Stage 6 output: tables, ERD, migration strategy and data lifecycle."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from archwright.models.base import Model


class ForeignKey(Model):
    table: str
    column: str = "id"
    on_delete: Literal["cascade", "restrict", "set_null"] = "cascade"


class Column(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: str  # PostgreSQL type: UUID, TEXT, VARCHAR(254), INTEGER, BIGINT, BOOLEAN, TIMESTAMPTZ, JSONB, or an enum type name
    nullable: bool = False
    constraints: list[str] = Field(
        default_factory=list
    )  # human-readable: PK, UNIQUE, FK -> users.id, CHECK (...)
    default: str | None = None  # SQL expression
    purpose: str
    pii: bool = False
    sensitive: bool = False  # field-level encryption
    references: ForeignKey | None = None
    check: str | None = None  # SQL CHECK expression
    unique: bool = False
    primary_key: bool = False


class Index(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    fields: list[str] = Field(min_length=1)
    type: Literal["btree", "gin", "gist", "hash", "brin"] = "btree"
    unique: bool = False
    where: str | None = None  # partial index predicate (SQL)
    justification: str  # the query it supports


class Table(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    entity: str
    purpose: str
    database: str
    fields: list[Column]
    indexes: list[Index] = Field(default_factory=list)
    unique_together: list[list[str]] = Field(default_factory=list)
    soft_delete: bool = False
    contains_pii: bool = False


class EnumType(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    values: list[str] = Field(min_length=1)


class ErdRelationship(Model):
    parent: str
    child: str
    cardinality: str  # Mermaid crow's foot, e.g. "||--o{"
    label: str


class MigrationStrategy(Model):
    tool: str
    convention: str
    backward_compatibility: list[str]
    rollback: str


class LifecyclePolicy(Model):
    entity: str
    retention: str
    archival: str
    deletion: str
    gdpr_erasure: str


class SchemaDesign(Model):
    database: str
    family: str
    tables: list[Table]
    enums: list[EnumType] = Field(default_factory=list)
    relationships: list[ErdRelationship] = Field(default_factory=list)
    erd: str  # Mermaid erDiagram
    migration_strategy: MigrationStrategy
    lifecycle: list[LifecyclePolicy]
    # when the primary store is not SQL: the equivalent spec (validators, hypertables, keys...)
    store_specific: dict[str, Any] = Field(default_factory=dict)
