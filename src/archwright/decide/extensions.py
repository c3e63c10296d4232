"""Whether a requested in-database extension (pgvector) can run where Stage 3 put the data.

An extension installs into its host database, so naming one is only half a choice: the other
half is the primary database, which Stage 3 decides. Stage 3 (reconciling the preference) and
Stage 4 (the Vector Search row) both ask this module, so the preference record and the tech
stack row can never disagree about it. The extensions and their hosts are data
(``knowledge/vector_search.yaml``: ``extensions`` and ``pgvector_hosts``).
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from archwright.catalog import load_model
from archwright.models.decisions import DataStrategy
from archwright.models.signals import Signals
from archwright.models.technology import Technology, TechnologyCatalog

__all__ = [
    "extension_runs_on",
    "host_names",
    "in_layer",
    "is_extension",
    "primary_database_id",
    "technologies",
    "technology",
]


@cache
def technologies() -> TechnologyCatalog:
    """``knowledge/technologies.yaml``, parsed once per process (Stage 4 shares this cache)."""
    return load_model("technologies.yaml", TechnologyCatalog)


# The catalog's own indexes are pydantic private attributes, and reading one goes through
# BaseModel.__getattr__ (~3.5 us a call); Stage 4 asks ~100 times a document, so the entries are
# looked up once per process here.
@cache
def technology(tech_id: str) -> Technology:
    """The catalog entry ``tech_id`` (KeyError naming the catalog if there is none)."""
    return technologies().get(tech_id)


@cache
def in_layer(layer: str) -> tuple[Technology, ...]:
    """The catalog entries of ``layer``, in catalog order."""
    return tuple(technologies().layer(layer))


class _Hosts(BaseModel):
    # the rest of vector_search.yaml is Stage 4's (design/vector_search.py validates all of it)
    model_config = ConfigDict(extra="ignore", frozen=True)
    extensions: frozenset[str]
    pgvector_hosts: tuple[str, ...]


@cache
def _hosts() -> _Hosts:
    return load_model("vector_search.yaml", _Hosts)


def is_extension(tech_id: str | None) -> bool:
    """True for a choice that runs inside the primary database rather than beside it."""
    return tech_id is not None and tech_id in _hosts().extensions


def extension_runs_on(primary_db_id: str | None) -> bool:
    """True when the primary database (a technologies.yaml or lexicon id) can host the
    extensions; an uncatalogued primary cannot be assumed to."""
    return primary_db_id in _hosts().pgvector_hosts


def host_names() -> list[str]:
    """The databases an extension installs into, by name (for the reason a reader sees)."""
    return [technology(h).name for h in _hosts().pgvector_hosts]


def primary_database_id(signals: Signals, data: DataStrategy) -> str | None:
    """The id of Stage 3's primary database.

    The user's own preference names it exactly (its lexicon id), so it comes first: the
    catalog folds some products into a neighbour's row (InfluxDB is listed under TimescaleDB's
    aliases for sizing), which must not make InfluxDB count as a PostgreSQL host. Otherwise the
    catalog entry whose name, then alias, is the product Stage 3 chose."""
    name = data.primary_database.lower().strip()
    for p in signals.preferences:
        if (
            p.stance == "use"
            and p.subject == "primary_database"
            and p.technology
            and p.requested.lower().strip() == name
        ):
            return p.technology
    entries = in_layer("database")
    by_name = next((t for t in entries if t.name.lower() == name), None)
    if by_name is not None:
        return by_name.id
    by_alias = next((t for t in entries if name in t.aliases), None)
    return by_alias.id if by_alias is not None else None
