"""Schema checks (seed Stage 10 "SCHEMA CHECKS" and Stage 6's conventions)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from archwright.models.document import ArchitectureDocument
from archwright.models.schema import Column, Index, LifecyclePolicy
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import blank, col_loc, index_loc, is_money_name, table_loc

_INT_TYPES = {"integer", "int", "int4", "bigint", "int8", "smallint", "int2"}
_BAD_PK = {"serial", "bigserial", "smallserial", "integer", "int", "bigint", "int4", "int8"}


@lru_cache(maxsize=1024)  # a few dozen column types, asked ~160 times a document
def _base_type(t: str) -> str:
    return re.sub(r"\(.*\)|\[\]", "", t).strip().lower()


def _pk(table) -> list[Column]:
    return [c for c in table.fields if c.primary_key or "PK" in c.constraints]


class UuidPrimaryKey(Check):
    """Every table has a UUID primary key.

    Anti-pattern: `id SERIAL PRIMARY KEY` — sequential ids let anyone enumerate `/users/1..N`.

    Best practice: `id UUID PRIMARY KEY DEFAULT gen_random_uuid()` (UUID v4).
    """

    code = "AW-SCH-001"
    name = "schema.uuid_primary_key"
    area = "schema"
    touches = ("schema",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        out = []
        for t in doc.schema_.tables:
            pks = _pk(t)
            if not pks:
                out.append(self.finding("no primary key", table_loc(t)))
            elif len(pks) == 1 and _base_type(pks[0].type) != "uuid":
                out.append(
                    self.finding(
                        f"primary key {pks[0].name} is {pks[0].type}, not UUID", col_loc(t, pks[0])
                    )
                )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for t in doc.schema_.tables if doc.schema_ else []:
            pks = _pk(t)
            if not pks:
                t.fields.insert(
                    0,
                    Column(
                        name="id" if all(c.name != "id" for c in t.fields) else f"{t.name}_id",
                        type="UUID",
                        constraints=["PK"],
                        default="gen_random_uuid()",
                        purpose="Primary key (UUID v4: not enumerable).",
                        primary_key=True,
                    ),
                )
            elif len(pks) == 1 and _base_type(pks[0].type) in _BAD_PK:
                pks[0].type = "UUID"
                pks[0].default = "gen_random_uuid()"
        return doc


class Timestamps(Check):
    """Every table has `created_at` and `updated_at` TIMESTAMPTZ columns.

    Anti-pattern: no way to tell when a row was written or last changed during an incident.

    Best practice: `created_at TIMESTAMPTZ NOT NULL DEFAULT now()` and `updated_at` likewise.
    """

    code = "AW-SCH-002"
    name = "schema.timestamps"
    area = "schema"
    touches = ("schema",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        return [
            self.finding(f"no {col} column", table_loc(t))
            for t in doc.schema_.tables
            for col in ("created_at", "updated_at")
            if all(c.name != col for c in t.fields)
        ]

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for t in doc.schema_.tables if doc.schema_ else []:
            for col, purpose in (
                ("created_at", "When the row was written (UTC)."),
                ("updated_at", "When the row last changed (UTC)."),
            ):
                if all(c.name != col for c in t.fields):
                    t.fields.append(
                        Column(name=col, type="TIMESTAMPTZ", default="now()", purpose=purpose)
                    )
        return doc


class Timestamptz(Check):
    """Every timestamp column is TIMESTAMPTZ, never TIMESTAMP without time zone.

    Anti-pattern: `created_at TIMESTAMP` — the same instant reads differently per server zone.

    Best practice: `TIMESTAMPTZ`, stored in UTC.
    """

    code = "AW-SCH-003"
    name = "schema.timestamptz"
    area = "schema"
    touches = ("schema",)

    _BAD: ClassVar[frozenset[str]] = frozenset(
        {"timestamp", "timestamp without time zone", "datetime"}
    )

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        return [
            self.finding(f"{c.name} is {c.type}, not TIMESTAMPTZ", col_loc(t, c))
            for t in doc.schema_.tables
            for c in t.fields
            if _base_type(c.type) in self._BAD
        ]

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for t in doc.schema_.tables if doc.schema_ else []:
            for c in t.fields:
                if _base_type(c.type) in self._BAD:
                    c.type = "TIMESTAMPTZ"
        return doc


def _indexed_leading(table) -> set[str]:
    lead = {i.fields[0] for i in table.indexes if i.fields}
    lead |= {c.name for c in table.fields if c.unique or c.primary_key}
    lead |= {u[0] for u in table.unique_together if u}
    return lead


class ForeignKeysIndexed(Check):
    """Every foreign key has an index that starts with it.

    Anti-pattern: `posts.user_id REFERENCES users(id)` with no index — every "posts of user X"
    query and every cascading delete scans the table.

    Best practice: a B-tree index whose leading column is the foreign key.
    """

    code = "AW-SCH-004"
    name = "schema.fk_indexed"
    area = "schema"
    touches = ("schema",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        out = []
        for t in doc.schema_.tables:
            lead = _indexed_leading(t)
            for c in t.fields:
                if c.references is not None and c.name not in lead:
                    out.append(self.finding(f"foreign key {c.name} has no index", col_loc(t, c)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for t in doc.schema_.tables if doc.schema_ else []:
            lead = _indexed_leading(t)
            for c in t.fields:
                if c.references is not None and c.name not in lead:
                    name = f"idx_{t.name}_{c.name}"[:63]
                    t.indexes.append(
                        Index(
                            name=name,
                            fields=[c.name],
                            justification=f"Foreign key to {c.references.table}: joins, "
                            f"per-parent listings and cascading deletes.",
                        )
                    )
        return doc


class MoneyAsInteger(Check):
    """Money columns are integers in the smallest currency unit (cents), never floats.

    Anti-pattern: `price REAL` — 0.1 + 0.2 ≠ 0.3 and balances drift by fractions of a cent.

    Best practice: `price_cents BIGINT` (or INTEGER) with the currency in its own column.
    """

    code = "AW-SCH-005"
    name = "schema.money_integer"
    area = "schema"
    touches = ("schema",)

    _BAD: ClassVar[frozenset[str]] = frozenset(
        {
            "real",
            "float",
            "float4",
            "float8",
            "double precision",
            "double",
            "numeric",
            "decimal",
            "money",
        }
    )

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        return [
            self.finding(
                f"money column {c.name} is {c.type}, not an integer of cents", col_loc(t, c)
            )
            for t in doc.schema_.tables
            for c in t.fields
            if is_money_name(c.name) and _base_type(c.type) in self._BAD
        ]

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for t in doc.schema_.tables if doc.schema_ else []:
            for c in t.fields:
                if is_money_name(c.name) and _base_type(c.type) in self._BAD:
                    c.type = "BIGINT"
                    c.default = None if c.default and "." in c.default else c.default
                    if "smallest currency unit" not in c.purpose:
                        c.purpose = f"{c.purpose} Stored in the smallest currency unit (cents)."
        return doc


_PII_NAMES = re.compile(
    r"(^|_)(email|phone|mobile|first_name|last_name|full_name|display_name|legal_name|address|"
    r"street|postcode|postal_code|zip|zip_code|dob|date_of_birth|birth_date|birthdate|ssn|"
    r"national_id|passport|ip_address|latitude|longitude|location|geo)(_|$)"
)


# a personal-data word qualified into something that is not about a person: a warehouse
# `location_code`, a game `server_address`, an SSO connection's `email_domains`
_NOT_PERSONAL = re.compile(
    r"(^(server|host|node|warehouse|store|office|venue|business|company|organization)_)"
    r"|(_(code|codes|domain|domains|type|types|format|template|templates|provider|count))$"
)
_ORG_TABLES = re.compile(
    r"^(businesses|companies|organizations|organisations|stores|shops|warehouses|venues|"
    r"restaurants|offices|branches|merchants|tenants|workspaces|"
    # places an operator runs for the public: a car park's entrance is on every map
    r"car_parks|parking_lots|garages|"
    # what an employer publishes: a job's city is not anyone's personal data
    r"job_postings|jobs|openings|vacancies)$"
)


def looks_personal(table: str, column: str) -> bool:
    """A column name that suggests personal data, outside tables describing organizations
    (a company's address is not personal data under GDPR Art. 4(1))."""
    if not _PII_NAMES.search(column) or _NOT_PERSONAL.search(column):
        return False
    return not _ORG_TABLES.match(table)


class PiiMarked(Check):
    """Every column holding personal data is marked PII, and its table says it contains PII.

    Anti-pattern: `users.email` untagged, so it is logged in clear and skipped by erasure jobs.

    Best practice: `pii: true` on each personal field (email, phone, name, address, birth date,
    IP, location…) and `contains_pii: true` on the table.
    """

    code = "AW-SCH-006"
    name = "schema.pii_marked"
    area = "schema"
    touches = ("schema",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        out = []
        for t in doc.schema_.tables:
            for c in t.fields:
                if looks_personal(t.name, c.name) and not c.pii and c.references is None:
                    out.append(
                        self.finding(f"{c.name} looks personal but is not PII", col_loc(t, c))
                    )
            if any(c.pii for c in t.fields) and not t.contains_pii:
                out.append(self.finding("has PII columns but contains_pii is false", table_loc(t)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for t in doc.schema_.tables if doc.schema_ else []:
            for c in t.fields:
                if looks_personal(t.name, c.name) and c.references is None:
                    c.pii = True
            if any(c.pii for c in t.fields):
                t.contains_pii = True
        return doc


class MigrationStrategyDefined(Check):
    """The migration strategy names a tool, a naming convention, compatibility rules and rollback.

    Anti-pattern: "we'll run ALTER TABLE by hand on deploy".

    Best practice: e.g. Alembic, `V{version}__{description}`, expand→migrate→contract, and a
    rollback per production migration.
    """

    code = "AW-SCH-007"
    name = "schema.migration_strategy"
    area = "schema"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        m = doc.schema_.migration_strategy
        return [
            self.finding(f"migration {f} undefined", f"schema.migration_strategy.{f}")
            for f in ("tool", "convention", "backward_compatibility", "rollback")
            if blank(getattr(m, f))
        ]


def _lifecycle_entities(doc) -> set[str]:
    return {p.entity for p in doc.schema_.lifecycle}


def _pii_tables(doc):
    return [t for t in doc.schema_.tables if t.contains_pii or any(c.pii for c in t.fields)]


class PiiLifecycle(Check):
    """Every table containing PII has a retention and erasure (lifecycle) policy.

    Anti-pattern: personal data kept forever, with no answer to a GDPR erasure request.

    Best practice: per entity — retention period, archival, deletion mechanism and how the right
    to erasure is implemented.
    """

    code = "AW-SCH-008"
    name = "schema.pii_lifecycle"
    area = "schema"
    touches = ("schema",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        covered = _lifecycle_entities(doc)
        out = [
            self.finding("PII table has no lifecycle policy", table_loc(t))
            for t in _pii_tables(doc)
            if t.name not in covered and t.entity not in covered
        ]
        for p in doc.schema_.lifecycle:
            for f in ("retention", "deletion", "gdpr_erasure"):
                if blank(getattr(p, f)):
                    out.append(self.finding(f"{f} undefined", f"schema.lifecycle[{p.entity}]"))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.schema_ is None:
            return doc
        covered = _lifecycle_entities(doc)
        for t in _pii_tables(doc):
            if t.name in covered or t.entity in covered:
                continue
            entity = doc.domain.entity(t.entity)
            retention = (
                entity.retention
                if entity and entity.retention
                else "Kept while the owning account is active; erased 30 days after "
                "account deletion."
            )
            doc.schema_.lifecycle.append(
                LifecyclePolicy(
                    entity=t.entity,
                    retention=retention,
                    archival="Hot in the primary database; no archive copy of personal fields.",
                    deletion="Anonymization of the personal columns (soft delete first)",
                    gdpr_erasure=f"Erasure request → personal columns of {t.name} nulled or "
                    "replaced by irreversible tokens within 30 days; backups age out.",
                )
            )
        return doc


class IndexesValid(Check):
    """Every index and foreign key refers to columns and tables that exist.

    Anti-pattern: an index on `posts(author_id)` after the column was renamed to `user_id`.

    Best practice: indexes name existing columns and carry the query they support; foreign keys
    point at existing tables.
    """

    code = "AW-SCH-009"
    name = "schema.references_valid"
    area = "schema"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        tables = {t.name: t for t in doc.schema_.tables}
        out = []
        for t in doc.schema_.tables:
            cols = {c.name for c in t.fields}
            names = [c.name for c in t.fields]
            for dup in sorted({n for n in names if names.count(n) > 1}):
                out.append(self.finding(f"column {dup} defined twice", col_loc(t, dup)))
            for i in t.indexes:
                for f in i.fields:
                    if f not in cols:
                        out.append(
                            self.finding(
                                f"index {i.name} names unknown column {f}",
                                index_loc(t, i),
                            )
                        )
                if blank(i.justification):
                    out.append(
                        self.finding(
                            f"index {i.name} has no justification",
                            index_loc(t, i),
                        )
                    )
            for c in t.fields:
                ref = c.references
                if ref is None:
                    continue
                target = tables.get(ref.table)
                if target is None:
                    out.append(
                        self.finding(
                            f"{c.name} references unknown table {ref.table}", col_loc(t, c)
                        )
                    )
                elif all(x.name != ref.column for x in target.fields):
                    out.append(
                        self.finding(
                            f"{c.name} references unknown column {ref.table}.{ref.column}",
                            col_loc(t, c),
                        )
                    )
        return out


_PG_TYPES = {
    "uuid",
    "text",
    "varchar",
    "character varying",
    "char",
    "character",
    "integer",
    "int",
    "int2",
    "int4",
    "int8",
    "bigint",
    "smallint",
    "boolean",
    "bool",
    "timestamptz",
    "timestamp",
    "timestamp with time zone",
    "date",
    "time",
    "timetz",
    "interval",
    "jsonb",
    "json",
    "bytea",
    "numeric",
    "decimal",
    "real",
    "double precision",
    "float4",
    "float8",
    "inet",
    "cidr",
    "citext",
    "tsvector",
    "point",
    "money",
    "serial",
    "bigserial",
    "geography",
    "geometry",
}


class EnumTypesDefined(Check):
    """Every column type is a PostgreSQL type or an enum type defined in the schema.

    Anti-pattern: `status order_status` with no `CREATE TYPE order_status AS ENUM (…)`.

    Best practice: enumerations defined explicitly with their allowed values.
    """

    code = "AW-SCH-010"
    name = "schema.types_defined"
    area = "schema"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None or doc.schema_.family != "sql":
            return []
        enums = {e.name for e in doc.schema_.enums}
        return [
            self.finding(
                f"type {c.type} is neither a PostgreSQL type nor a defined enum", col_loc(t, c)
            )
            for t in doc.schema_.tables
            for c in t.fields
            if _base_type(c.type) not in _PG_TYPES and _base_type(c.type) not in enums
        ]


class SoftDeleteColumn(Check):
    """Soft-deleted tables have a nullable `deleted_at TIMESTAMPTZ` column.

    Anti-pattern: a table marked soft-delete with no column to record the deletion.

    Best practice: `deleted_at TIMESTAMPTZ NULL`, filtered out by a partial index.
    """

    code = "AW-SCH-011"
    name = "schema.soft_delete_column"
    area = "schema"
    touches = ("schema",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        out = []
        for t in doc.schema_.tables:
            if not t.soft_delete:
                continue
            col = next((c for c in t.fields if c.name == "deleted_at"), None)
            if col is None or not col.nullable:
                out.append(self.finding("soft delete without a nullable deleted_at", table_loc(t)))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for t in doc.schema_.tables if doc.schema_ else []:
            if not t.soft_delete:
                continue
            col = next((c for c in t.fields if c.name == "deleted_at"), None)
            if col is None:
                t.fields.append(
                    Column(
                        name="deleted_at",
                        type="TIMESTAMPTZ",
                        nullable=True,
                        purpose="Soft-delete marker; NULL while the row is live.",
                    )
                )
            else:
                col.nullable = True
        return doc


# PostgreSQL index methods and the column types their *default* operator classes cover (an
# index the DDL declares with no operator class): CREATE INDEX fails on anything else with
# "data type X has no default operator class for access method Y" — an error a syntax parse of
# the DDL cannot see. Types are lower-case base names; arrays are "[]".
_GEOMETRIC = {"point", "box", "circle", "polygon", "line", "lseg", "path"}
_RANGES = {
    "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange",
    "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange",
    "datemultirange",
}  # fmt: skip
_INDEXABLE: dict[str, set[str]] = {
    "gin": {"jsonb", "tsvector", "hstore", "[]"},
    "gist": _GEOMETRIC - {"line", "lseg", "path"}
    | _RANGES
    | {"tsvector", "tsquery", "geometry", "geography", "ltree"},
}
# methods that cover every type but these (no equality/ordering operator class)
_NOT_INDEXABLE: dict[str, set[str]] = {
    "btree": {"json", "xml"} | _GEOMETRIC,
    "hash": {"json", "xml", "tsvector"} | _GEOMETRIC,
    "brin": {"json", "jsonb", "xml", "tsvector", "hstore", "boolean", "bool", "[]"}
    | _GEOMETRIC - {"box"},
}


def index_method_fits(method: str, sql_type: str, enums: set[str]) -> bool:
    """Whether PostgreSQL's default operator classes let ``method`` index ``sql_type``
    (``enums``: the lower-case names of the schema's enum types)."""
    t = sql_type.strip().lower()
    kind = "[]" if t.endswith("[]") or t.startswith("array") else _base_type(t)
    allowed = _INDEXABLE.get(method)
    if allowed is not None:
        return kind in allowed
    if method == "brin" and kind in enums:
        return False  # enums have B-tree and hash operator classes only
    return kind not in _NOT_INDEXABLE.get(method, set())


class IndexMethodFitsType(Check):
    """Every index method suits the types of its columns.

    Anti-pattern: `CREATE INDEX … USING gin (title)` on a TEXT column, or a B-tree on a JSON or
    POINT column — PostgreSQL refuses it ("no default operator class"), so the migration fails
    although the DDL parses.

    Best practice: GIN for JSONB, arrays and full-text vectors; GiST for geometry and ranges;
    B-tree (the default) for scalars; BRIN for naturally ordered append-only columns.
    """

    code = "AW-SCH-012"
    name = "schema.index_method_fits_type"
    area = "schema"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None or doc.schema_.family != "sql":
            return []
        enums = {e.name.lower() for e in doc.schema_.enums}
        out = []
        for t in doc.schema_.tables:
            types = {c.name: c.type for c in t.fields}
            for ix in t.indexes:
                for name in ix.fields:
                    sql_type = types.get(name)
                    # an unknown column is AW-SCH-009's finding
                    if sql_type is None or index_method_fits(ix.type, sql_type, enums):
                        continue
                    out.append(
                        self.finding(
                            f"{ix.type.upper()} index {ix.name} on {sql_type} column {name}: "
                            f"PostgreSQL has no default {ix.type} operator class for it",
                            index_loc(t, ix),
                        )
                    )
        return out
