"""Stage 4: where similarity search over embeddings runs (pgvector or a managed vector database).

Only a domain model with an embedding (a Stage 1 field of type ``vector``) gets the row; the
rules, thresholds and their rationale are data (``knowledge/vector_search.yaml``), and each rule
names a predicate defined here. The row cites the rule's code and the Stage 1 fields it read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pydantic import Field

from archwright.catalog import load_model
from archwright.decide.extensions import extension_runs_on
from archwright.models.base import Model
from archwright.models.domain import DomainModel


class VectorRule(Model):
    code: str = Field(pattern=r"^STACK-VEC-\d{2}$")
    name: str = Field(pattern=r"^vector_search\.[a-z_]+$")
    when: str = Field(pattern=r"^[a-z_]+$")  # predicate name in PREDICATES
    technology: str  # id in technologies.yaml
    rationale: str = Field(min_length=40)


class ManagedCost(Model):
    base_usd_month: int = Field(ge=0)
    per_million_vectors_usd_month: float = Field(ge=0)
    unit: str
    source: str = Field(min_length=10)
    rationale: str = Field(min_length=10)


class VectorSearchKnowledge(Model):
    dimensions: int = Field(gt=0)
    bytes_per_vector_row: int = Field(gt=0)
    managed_above_vectors: int = Field(gt=0)
    pgvector_hosts: list[str] = Field(min_length=1)
    extensions: list[str] = Field(min_length=1)  # choices that run inside the primary database
    volume_bytes: dict[str, tuple[int, int | None]]
    named: list[str] = Field(min_length=1)  # vector databases a user may name (catalog ids)
    managed_cost: ManagedCost
    rules: list[VectorRule] = Field(min_length=1)


@cache
def knowledge() -> VectorSearchKnowledge:
    return load_model("vector_search.yaml", VectorSearchKnowledge)


@dataclass(frozen=True)
class Facts:
    """What the rules read: Stage 1's embedding fields and data.volume, Stage 3's primary store."""

    vector_fields: tuple[str, ...]  # "entity.field" for every field of type vector
    primary_db_id: str | None  # technologies.yaml id of the primary database, if catalogued
    primary_db: str
    volume: str
    columns: tuple[tuple[str, str], ...] = ()  # (table, column) of each, for the migration

    def vectors(self) -> tuple[int, int | None]:
        """The range of embeddings data.volume allows, at bytes_per_vector_row each."""
        k = knowledge()
        low, high = k.volume_bytes.get(self.volume, (0, None))
        per = k.bytes_per_vector_row
        return low // per, None if high is None else high // per


def _not_postgres(f: Facts) -> bool:
    # the same test Stage 3 used to record a pgvector preference as rejected
    return not extension_runs_on(f.primary_db_id)


def _beyond_scale(f: Facts) -> bool:
    return f.vectors()[0] >= knowledge().managed_above_vectors


#: the predicates a rule's ``when`` may name
PREDICATES: dict[str, Callable[[Facts], bool]] = {
    "primary_not_postgres": _not_postgres,
    "beyond_pgvector_scale": _beyond_scale,
    "always": lambda f: True,
}


def technology_ids() -> frozenset[str]:
    """The catalog entries the rules choose between or a user may name (kept out of the
    full-text search row)."""
    k = knowledge()
    return frozenset(r.technology for r in k.rules) | frozenset(k.named)


def vector_fields(domain: DomainModel) -> tuple[str, ...]:
    return tuple(
        f"{e.name}.{fld.name}" for e in domain.entities for fld in e.fields if fld.type == "vector"
    )


def decide(facts: Facts) -> VectorRule | None:
    """The first rule whose condition holds; None when the domain holds no embedding."""
    if not facts.vector_fields:
        return None
    return next(r for r in knowledge().rules if PREDICATES[r.when](facts))


def vector_columns(domain: DomainModel) -> tuple[tuple[str, str], ...]:
    return tuple(
        (e.plural or e.name, fld.name)
        for e in domain.entities
        for fld in e.fields
        if fld.type == "vector"
    )


def stored_vectors(volume: str) -> int:
    """The embeddings a managed store is priced for: the upper end of data.volume's range, or
    its lower end when the range is open (``gt_1tb``, ``unknown``)."""
    k = knowledge()
    low, high = k.volume_bytes.get(volume, (0, None))
    return (high if high is not None else low) // k.bytes_per_vector_row


def managed_monthly_usd(volume: str) -> int:
    """Monthly list price of a managed vector database holding data.volume's embeddings."""
    c = knowledge().managed_cost
    return round(c.base_usd_month + c.per_million_vectors_usd_month * stored_vectors(volume) / 1e6)


def _n(x: int) -> str:
    return f"{x:,}"


def about(x: int) -> str:
    """A derived estimate to two significant figures: 122,070 -> ~120,000."""
    digits = len(str(x))
    return "~" + _n(round(x, 2 - digits)) if digits > 2 else _n(x)


def explain(facts: Facts, rule: VectorRule) -> str:
    """The row's justification: the Stage 1/3 facts read, the rule, and the way forward."""
    k = knowledge()
    low, high = facts.vectors()
    if high is None:
        size = f"at least {about(low)} embeddings" if low else "size not stated"
    elif low == 0:
        size = f"up to {about(high)} embeddings"
    else:
        size = f"{about(low)} to {about(high)} embeddings"
    fields = ", ".join(facts.vector_fields)
    verb = "is a vector field" if len(facts.vector_fields) == 1 else "are vector fields"
    said = (
        f"Stage 1 domain model: {fields} {verb} (embeddings for similarity search); "
        f"primary database = {facts.primary_db}; data.volume = {facts.volume} ({size} at "
        f"~{k.bytes_per_vector_row // 1024} KB per {_n(k.dimensions)}-dimension row; managed "
        f"vector store threshold {_n(k.managed_above_vectors)}). "
        f"Rule {rule.code} ({rule.name}): {rule.rationale}"
    )
    if rule.technology == "pgvector" and facts.columns:
        table, column = facts.columns[0]
        cast = f"vector({k.dimensions})"
        said += (
            " The generated DDL keeps the column as REAL[] so it applies on any PostgreSQL; "
            "where the server has pgvector, one migration switches it: CREATE EXTENSION IF NOT "
            f"EXISTS vector; ALTER TABLE {table} ALTER COLUMN {column} TYPE {cast} USING "
            f"{column}::{cast}; CREATE INDEX ON {table} USING hnsw ({column} "
            "vector_cosine_ops). Move to a managed vector database past "
            f"{_n(k.managed_above_vectors)} embeddings."
        )
    return said
