"""A named in-database extension (pgvector) is honored only where Stage 3's primary database can
host it. When it cannot, the preference record says so (rejected, with the reason and the user's
choice kept as the named alternative), in agreement with Stage 4's Vector Search row, which
overrides it: the document must never say "honored" beside a row that says "overridden"."""

from __future__ import annotations

import pytest
from tests.decide.conftest import make
from tests.decide.test_preferences import decide, wants

from archwright.api import generate
from archwright.models.document import ArchitectureDocument


def _vector_pref(doc: ArchitectureDocument):
    return next(p for p in doc.signals.preferences if p.subject == "vector_search")


def _vector_row(doc: ArchitectureDocument):
    return next((r for r in doc.overview.tech_stack if r.layer == "Vector Search"), None)


# held out: none of these is the wording of the report that found the bug; the primary database
# is a graph, wide-column, time-series or relational store other than PostgreSQL, named by the
# user or chosen by the scoring matrix
NOT_HOSTED = [
    (
        "Mind-mapping tool for PhD students: notes link to each other in Neo4j, and a similarity "
        "panel finds related notes via pgvector embeddings",
        "Neo4j",
    ),
    (
        "A genealogy app where families trace ancestors across many generations and find cousins "
        "by walking the tree, with pgvector to match similar life stories",
        None,  # no database named: the matrix picks a graph store
    ),
    (
        "Ad-click event store with over 5 TB of clickstream per month on Cassandra, and semantic "
        "search over campaigns with pgvector",
        "Cassandra",
    ),
    ("A RAG assistant over internal wikis on MySQL, with pgvector", "MySQL"),
]


@pytest.mark.parametrize(("prompt", "named_db"), NOT_HOSTED)
def test_pgvector_beside_a_primary_that_cannot_host_it_is_recorded_as_overridden(
    prompt: str, named_db: str | None
):
    doc = generate(prompt)
    primary = doc.data_strategy.primary_database
    assert "PostgreSQL" not in primary and "Timescale" not in primary
    pref = _vector_pref(doc)
    assert pref.requested == "pgvector"
    assert pref.decision == "rejected"
    assert "overridden" in pref.reason and primary in pref.reason
    if named_db is not None:
        # the user's own database choice is named as the cause
        assert "which you also asked for" in pref.reason
    # comply and flag: the user's choice stays as the named alternative
    assert pref.alternative_role is not None
    assert "PostgreSQL + pgvector as the primary database" in pref.alternative_role
    row = _vector_row(doc)
    assert row is not None and not row.technology.startswith("pgvector")
    assert row.preference is not None and row.preference.endswith("(overridden)")
    assert row.alternative_considered.startswith("pgvector")
    assert "Vector Search row" in pref.reason
    md = doc.to_markdown()
    assert "| vector search | pgvector | **rejected** |" in md
    assert "| vector search | pgvector | **honored** |" not in md


# near misses: the primary database hosts the extension, or the named store is not an extension
HOSTED = [
    "A RAG assistant over company handbooks, embeddings stored with pgvector",
    "A TimescaleDB-based monitoring platform for factory sensors that also uses pgvector to find "
    "similar anomaly signatures",
    # MongoDB is requested but the matrix selects PostgreSQL: pgvector runs after all
    "Recipe sharing site built on MongoDB; we'd like pgvector to power similar-recipe "
    "recommendations",
    "A semantic search app for legal memos on Supabase with pgvector",
    # InfluxDB cannot hold the system of record: TimescaleDB does, and it hosts the extension
    # (InfluxDB is kept beside it, decide/data_strategy.py)
    "Sensor telemetry dashboard storing readings in InfluxDB, with pgvector to find similar "
    "anomaly patterns",
]


@pytest.mark.parametrize("prompt", HOSTED)
def test_pgvector_on_a_postgres_primary_stays_honored(prompt: str):
    doc = generate(prompt)
    pref = _vector_pref(doc)
    assert pref.decision == "honored", pref.reason
    row = _vector_row(doc)
    assert row is not None and row.technology.startswith("pgvector")
    assert row.preference is not None and "overridden" not in row.preference


@pytest.mark.parametrize(
    "prompt",
    [
        "Mind-mapping tool for PhD students: notes link to each other in Neo4j, and a similarity "
        "panel finds related notes via Pinecone embeddings",
        "Ad-click event store with over 5 TB of clickstream per month on Cassandra, and semantic "
        "search over campaigns in Weaviate",
    ],
)
def test_a_standalone_vector_database_beside_a_non_postgres_primary_stays_honored(prompt: str):
    # a vector database runs beside any primary: the row complies with it, so does the record
    doc = generate(prompt)
    pref = _vector_pref(doc)
    assert pref.decision == "honored"
    row = _vector_row(doc)
    assert row is not None and row.preference is not None and "overridden" not in row.preference


@pytest.mark.parametrize("prompt", [p for p, _ in NOT_HOSTED] + HOSTED)
def test_the_preference_record_and_the_vector_search_row_agree(prompt: str):
    doc = generate(prompt)
    pref, row = _vector_pref(doc), _vector_row(doc)
    assert row is not None and row.preference is not None
    assert (pref.decision == "rejected") == row.preference.endswith("(overridden)")


def test_reconcile_without_a_domain_embedding_rejects_but_names_no_replacement_row(domain):
    # Stage 3 alone: Neo4j stated and chosen, pgvector stated; the test domain has no vector
    # field, so there is no Vector Search row to point at
    s = wants(make(data__relationships="graph"), "Neo4j", "primary_database", "neo4j", "graph")
    s = wants(s, "pgvector", "vector_search", "pgvector")
    out, _, d = decide(s, domain)
    assert d.primary_database == "Neo4j"
    pref = next(p for p in out.preferences if p.subject == "vector_search")
    assert pref.decision == "rejected"
    assert "Vector Search row" not in pref.reason
    assert out.preference("primary_database").decision == "honored"


def test_reconcile_keeps_pgvector_when_stage_3_selects_postgres(domain):
    s = wants(make(), "pgvector", "vector_search", "pgvector")
    out, _, d = decide(s, domain)
    assert d.primary_database == "PostgreSQL"
    assert next(p for p in out.preferences if p.subject == "vector_search").decision == "honored"
