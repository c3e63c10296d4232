"""Stage 6 — data schema: one table per domain entity, the ERD, migrations and data lifecycle.

Reads Stage 1 signals (sensitivity, compliance), the domain model and the Stage 3 data strategy;
never the prompt. Conventions are the seed's: UUID v4 keys from ``gen_random_uuid()``,
TIMESTAMPTZ ``created_at``/``updated_at``, ``deleted_at`` soft delete on auditable entities,
money in integer minor units named ``*_cents``, PostgreSQL enum types, an index on every
foreign key and indexes justified by the query they serve.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from archwright.decide.runtime import primary_language
from archwright.models.decisions import DataStrategy
from archwright.models.domain import DomainEntity, DomainField, DomainModel
from archwright.models.schema import (
    Column,
    EnumType,
    ErdRelationship,
    ForeignKey,
    Index,
    LifecyclePolicy,
    MigrationStrategy,
    SchemaDesign,
    Table,
)
from archwright.models.signals import Signals
from archwright.render.mermaid import er_diagram
from archwright.wording import a_an

_MAX_IDENT = 63  # PostgreSQL NAMEDATALEN - 1


def ident(name: str) -> str:
    """A PostgreSQL identifier of at most 63 bytes; long names keep a stable hash suffix."""
    if len(name) <= _MAX_IDENT:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{name[: _MAX_IDENT - 9]}_{digest}"


def money_name(name: str) -> str:
    return name if re.search(r"_(cents|minor)$", name) else f"{name}_cents"


def _sql_type(entity: DomainEntity, f: DomainField) -> tuple[str, str | None]:
    """(PostgreSQL type, CHECK expression or None) of a domain field."""
    n = f.max_length
    match f.type:
        case "uuid":
            return "UUID", None
        case "string":
            return (f"VARCHAR({n})" if n else "TEXT"), None
        case "text":
            return "TEXT", (f"char_length({_q(f.name)}) <= {n}" if n else None)
        case "email":
            return "VARCHAR(254)", f"position('@' in {_q(f.name)}) > 1"
        case "url":
            return "VARCHAR(2048)", None
        case "phone":
            return "VARCHAR(32)", None
        case "integer":
            return "INTEGER", None
        case "bigint":
            return "BIGINT", None
        case "money":
            return "BIGINT", f"{_q(money_name(f.name))} >= 0"
        case "decimal":
            return "NUMERIC(18, 6)", None
        case "boolean":
            return "BOOLEAN", None
        case "timestamp":
            return "TIMESTAMPTZ", None
        case "date":
            return "DATE", None
        case "json":
            return "JSONB", None
        case "enum":
            return enum_name(entity, f), None
        case "geo_point":
            return "POINT", None
        case "ip_address":
            return "INET", None
        case "vector":
            # applies on any PostgreSQL; the document names pgvector's vector(n) + HNSW index
            return "REAL[]", None
    return "TEXT", None  # pragma: no cover - FieldType is a closed Literal


def enum_name(entity: DomainEntity, f: DomainField) -> str:
    return ident(f"{entity.name}_{f.name}")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _default(f: DomainField, sql_type: str) -> str | None:
    if f.default is None:
        return None
    v = str(f.default).strip()
    if f.type in ("integer", "bigint", "money"):
        return v if re.fullmatch(r"-?\d{1,18}", v) else None
    if f.type == "decimal":
        return v if re.fullmatch(r"-?\d{1,12}(\.\d{1,6})?", v) else None
    if f.type == "boolean":
        return {"true": "TRUE", "false": "FALSE"}.get(v.lower())
    if f.type == "timestamp":
        return "now()" if v.lower() in ("now", "now()") else None
    if f.type == "enum":
        if f.enum_values and v in f.enum_values:
            return f"{sql_literal(v)}::{_q(sql_type)}"
        return None
    if f.type == "json":
        return "'{}'::jsonb" if v in ("{}", "") else ("'[]'::jsonb" if v == "[]" else None)
    if f.type in ("string", "text", "email", "url", "phone"):
        return sql_literal(v)
    return None


def _index(table: str, cols: list[str], why: str, **kw: Any) -> Index:
    return Index(name=ident(f"idx_{table}_{'_'.join(cols)}"), fields=cols, justification=why, **kw)


def _build_table(
    entity: DomainEntity, domain: DomainModel, database: str
) -> tuple[Table, list[EnumType], list[ErdRelationship]]:
    tname = ident(entity.plural)
    names = {e.name: e for e in domain.entities}
    cols: list[Column] = [
        Column(
            name="id",
            type="UUID",
            default="gen_random_uuid()",
            constraints=["PK"],
            purpose=f"Primary key of the {entity.name} (UUID v4: no enumeration of ids).",
            primary_key=True,
        )
    ]
    indexes: list[Index] = []
    enums: list[EnumType] = []
    rels: list[ErdRelationship] = []
    seen = {"id", "created_at", "updated_at", "deleted_at"}

    fk_fields = [(r.field, r.target, r.required, r.on_delete, r.label) for r in entity.relations]
    if (
        entity.owner_field
        and entity.owner_field not in {r[0] for r in fk_fields}
        and entity.owner_field not in {f.name for f in entity.fields}
    ):
        owner_target = "user" if "user" in names else ""
        fk_fields.append((entity.owner_field, owner_target, True, "cascade", "owns"))
    for field, target, required, on_delete, verb in fk_fields:
        if field in seen:
            continue
        seen.add(field)
        target_entity = names.get(target)
        ref = None
        cons = []
        if target_entity is not None:
            on_del = on_delete if (required or on_delete != "set_null") else "set_null"
            if on_del == "set_null" and required:
                on_del = "cascade"
            ref = ForeignKey(table=ident(target_entity.plural), on_delete=on_del)
            cons.append(f"FK -> {ident(target_entity.plural)}.id")
            rels.append(
                ErdRelationship(
                    parent=ident(target_entity.plural),
                    child=tname,
                    cardinality="||--o{" if required else "|o--o{",
                    label=verb,
                )
            )
        cols.append(
            Column(
                name=field,
                type="UUID",
                nullable=not required,
                constraints=cons or ["owner reference"],
                purpose=f"{'References' if ref else 'Identifies'} the "
                f"{target or 'owning account'} ({verb}).",
                references=ref,
            )
        )
        indexes.append(
            _index(
                tname,
                [field],
                f"Foreign key: joins and ON DELETE checks on {field}; lists "
                f"{a_an(target or 'owner')} {target or 'owner'}'s {entity.plural}.",
            )
        )
    for f in entity.fields:
        name = money_name(f.name) if f.type == "money" else f.name
        if name in seen:
            continue
        seen.add(name)
        sql_type, check = _sql_type(entity, f)
        if f.type == "enum":
            values = list(dict.fromkeys(v for v in (f.enum_values or []) if v)) or ["unknown"]
            enums.append(EnumType(name=sql_type, values=values))
        if f.type in ("integer", "bigint") and re.search(r"(count|quantity|total)", name):
            check = f"{_q(name)} >= 0"
        cons = []
        if f.unique:
            cons.append("UNIQUE")
        if check:
            cons.append(f"CHECK ({check})")
        if not f.required:
            cons.append("NULL")
        else:
            cons.append("NOT NULL")
        purpose = f.description
        if f.type == "money":
            purpose += " (integer minor units, e.g. cents — never floating point)"
        cols.append(
            Column(
                name=name,
                type=sql_type,
                nullable=not f.required,
                constraints=cons,
                default=_default(f, sql_type),
                purpose=purpose,
                pii=f.pii,
                sensitive=f.sensitive,
                check=check,
                unique=f.unique,
            )
        )
        if f.indexed and not f.unique and sql_type == "POINT":
            # geometric types have no btree operator class: proximity search needs GiST
            indexes.append(
                _index(
                    tname,
                    [name],
                    f"Proximity search of {entity.plural} by {name} (nearest-neighbour and "
                    "within-radius queries).",
                    type="gist",
                )
            )
        elif f.indexed and not f.unique:
            indexes.append(
                _index(tname, [name], f"High-frequency lookup of {entity.plural} by {name}.")
            )
    cols.append(
        Column(
            name="created_at",
            type="TIMESTAMPTZ",
            default="now()",
            constraints=["NOT NULL"],
            purpose="When the row was created (UTC).",
        )
    )
    cols.append(
        Column(
            name="updated_at",
            type="TIMESTAMPTZ",
            default="now()",
            constraints=["NOT NULL"],
            purpose="When the row last changed (UTC); set by the application on every update.",
        )
    )
    soft = entity.soft_delete
    if soft:
        cols.append(
            Column(
                name="deleted_at",
                type="TIMESTAMPTZ",
                nullable=True,
                constraints=["NULL"],
                purpose="Soft delete marker: the row is hidden but kept for audit until purged.",
            )
        )
    col_names = {c.name for c in cols}
    unique_together = [
        [c for c in group if c in col_names] for group in entity.unique_together if group
    ]
    unique_together = [g for g in unique_together if len(g) >= 2]
    for group in unique_together:
        indexes.append(
            _index(
                tname,
                group,
                f"Uniqueness of ({', '.join(group)}) and the lookup 'does this "
                f"{entity.name} already exist'; leading column is the most selective.",
                unique=True,
            )
        )
    owner = entity.owner_field if entity.owner_field in col_names else None
    if owner is not None:
        indexes.append(
            _index(
                tname,
                [owner, "created_at"],
                f"Lists an owner's {entity.plural} newest first (WHERE {owner} = $1 ORDER BY "
                "created_at DESC); equality column first, then the sort key.",
                where="deleted_at IS NULL" if soft else None,
            )
        )
    elif not entity.append_only:
        indexes.append(
            _index(
                tname,
                ["created_at"],
                f"Cursor pagination of {entity.plural} by creation time.",
                type="brin" if entity.append_only else "btree",
            )
        )
    # dedupe by name (a relation may also be the owner)
    uniq: dict[str, Index] = {}
    for ix in indexes:
        uniq.setdefault(ix.name, ix)
    pii = any(c.pii for c in cols)
    table = Table(
        name=tname,
        entity=entity.name,
        purpose=entity.description,
        database=database,
        fields=cols,
        indexes=list(uniq.values()),
        unique_together=unique_together,
        soft_delete=soft,
        contains_pii=pii,
    )
    return table, enums, rels


_MIGRATION_TOOL = {
    "typescript": (
        "Prisma Migrate",
        "prisma/migrations/{YYYYMMDDHHMMSS}_{snake_description}/migration.sql",
    ),
    "python": ("Alembic", "alembic/versions/{YYYYMMDDHHMM}_{rev}_{snake_description}.py"),
    "go": ("goose", "migrations/{YYYYMMDDHHMMSS}_{snake_description}.sql (-- +goose Up / Down)"),
    "rust": ("sqlx migrate", "migrations/{YYYYMMDDHHMMSS}_{snake_description}.up.sql / .down.sql"),
    "ruby": ("Active Record Migrations", "db/migrate/{YYYYMMDDHHMMSS}_{snake_description}.rb"),
    "elixir": ("Ecto migrations", "priv/repo/migrations/{YYYYMMDDHHMMSS}_{snake_description}.exs"),
}


def migration_strategy(signals: Signals, data: DataStrategy) -> MigrationStrategy:
    lang, _ = primary_language(signals)
    tool, conv = _MIGRATION_TOOL.get(lang, ("Flyway", "V{version}__{snake_description}.sql"))
    if data.primary_database_family in ("document",):
        tool, conv = (
            "migrate-mongo",
            "migrations/{YYYYMMDDHHMMSS}-{kebab-description}.js (up/down)",
        )
    return MigrationStrategy(
        tool=tool,
        convention=f"{conv}; one concern per migration, reviewed in the pull request, "
        "applied by CI before the new code deploys; never edit an applied migration.",
        backward_compatibility=[
            "Never drop or rename a column in the same release that stops using it.",
            "(1) Add the new column as NULLable (or with a default) — expand.",
            "(2) Deploy code that writes both old and new columns.",
            "(3) Backfill existing rows in batches (idempotent job, resumable).",
            "(4) Add the NOT NULL / CHECK constraint (NOT VALID, then VALIDATE CONSTRAINT).",
            "(5) Deploy code that reads only the new column; remove the old code path.",
            "(6) Drop the old column in a later migration — contract.",
            "Indexes on large tables are created CONCURRENTLY outside a transaction.",
        ],
        rollback=(
            "Every migration ships a tested down step; expand steps are rolled back by "
            "redeploying the previous release (old code ignores the new column); data-changing "
            "steps take a snapshot first and are rolled forward with a fix rather than reversed "
            "once the contract step has run. Staging applies every migration against anonymized "
            "production-shaped data before production."
        ),
    )


def _lifecycle(signals: Signals, table: Table, entity: DomainEntity) -> LifecyclePolicy:
    comp = set(signals.constraints.compliance.value)
    sens = signals.data.sensitivity.value
    retention = entity.retention or (
        "Kept while the owning account is active; removed 30 days after account deletion."
    )
    if "hipaa" in comp or sens == "health":
        retention += " Audit records of access are kept 6 years (HIPAA §164.316(b)(2))."
    if sens == "financial" or "pci" in comp:
        retention += " Financial records are retained 7 years for audit and tax obligations."
    pii_cols = [c.name for c in table.fields if c.pii]
    erase = (
        f"Erasure request: within 30 days, {', '.join(pii_cols) or 'personal fields'} are "
        "overwritten with irreversible placeholders (anonymization) and backups age out within "
        "the backup retention window; the erasure is recorded in an audit log without the data."
    )
    if "gdpr" not in comp:
        erase = "GDPR not stated, applied anyway as the default privacy posture. " + erase
    return LifecyclePolicy(
        entity=entity.name,
        retention=retention,
        archival=(
            "Hot: primary database while active; warm: rows older than 12 months move to "
            "partitioned archive tables; cold: yearly exports to object storage (encrypted, "
            "lifecycle to archive tier)."
        ),
        deletion=(
            "Soft delete (deleted_at) first, hard delete by a nightly purge job after 30 days."
            if table.soft_delete
            else "Hard delete by the owning user's action or the retention purge job; "
            "dependent rows cascade."
        ),
        gdpr_erasure=erase,
    )


def _store_specific(family: str, tables: list[Table], database: str) -> dict[str, Any]:
    if family == "sql":
        return {}
    if family == "document":
        validators = {}
        for t in tables:
            props = {c.name: {"bsonType": _bson(c.type)} for c in t.fields if c.name != "id"}
            req = [c.name for c in t.fields if not c.nullable and c.name != "id"]
            validators[t.name] = {
                "$jsonSchema": {"bsonType": "object", "required": req, "properties": props}
            }
        return {
            "kind": "collection_validators",
            "database": database,
            "collections": validators,
            "note": "Each collection is created with validationLevel strict; references are "
            "stored as UUID strings and joined in the application.",
        }
    if family == "time_series":
        return {
            "kind": "hypertables",
            "database": database,
            "hypertables": [
                {
                    "table": t.name,
                    "time_column": "created_at",
                    "chunk_interval": "7 days",
                    "compression_after": "30 days",
                }
                for t in tables
            ],
        }
    if family in ("key_value", "wide_column"):
        keys = []
        for t in tables:
            owner = next((c.name for c in t.fields if c.references), None)
            keys.append(
                {
                    "table": t.name,
                    "partition_key": owner or "id",
                    "clustering_key": ["created_at", "id"] if owner else [],
                    "access_pattern": f"{t.name} by {owner or 'id'}, newest first",
                }
            )
        return {"kind": "partition_keys", "database": database, "tables": keys}
    if family == "graph":
        return {
            "kind": "graph_constraints",
            "database": database,
            "constraints": [
                f"CREATE CONSTRAINT {t.name}_id IF NOT EXISTS FOR (n:{t.entity.title().replace('_', '')}) "
                "REQUIRE n.id IS UNIQUE"
                for t in tables
            ],
        }
    return {}


def _bson(sql_type: str) -> str:
    t = sql_type.upper()
    if t.startswith(("INT", "BIGINT")):
        return "long"
    if t == "BOOLEAN":
        return "bool"
    if t.startswith("TIMESTAMP") or t == "DATE":
        return "date"
    if t == "JSONB":
        return "object"
    if t.startswith("NUMERIC"):
        return "decimal"
    return "string"


def build_schema(signals: Signals, domain: DomainModel, data: DataStrategy) -> SchemaDesign | None:
    database = data.primary_database
    family = data.primary_database_family
    tables: list[Table] = []
    enums: list[EnumType] = []
    rels: list[ErdRelationship] = []
    lifecycle: list[LifecyclePolicy] = []
    used: set[str] = set()
    for entity in domain.entities:
        if ident(entity.plural) in used:
            continue
        used.add(ident(entity.plural))
        table, e, r = _build_table(entity, domain, database)
        tables.append(table)
        for en in e:
            if en.name not in {x.name for x in enums}:
                enums.append(en)
        rels.extend(r)
        if table.contains_pii or signals.data.sensitivity.value in ("health", "financial"):
            lifecycle.append(_lifecycle(signals, table, entity))
    erd = er_diagram(
        [
            (
                t.name,
                [
                    (
                        c.type,
                        c.name,
                        (["PK"] if c.primary_key else [])
                        + (["FK"] if c.references else [])
                        + (["UK"] if c.unique else []),
                        "PII" if c.pii else "",
                    )
                    for c in t.fields
                ],
            )
            for t in tables
        ],
        [(r.parent, r.cardinality, r.child, r.label) for r in rels],
    )
    return SchemaDesign(
        database=database,
        family=family,
        tables=tables,
        enums=enums,
        relationships=rels,
        erd=erd,
        migration_strategy=migration_strategy(signals, data),
        lifecycle=lifecycle,
        store_specific=_store_specific(family, tables, database),
    )
