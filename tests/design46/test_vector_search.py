"""Stage 4's Vector Search row (design/vector_search.py, knowledge/vector_search.yaml): pgvector
while PostgreSQL is the primary store and the embeddings stay below tens of millions, a managed
vector database past that or beside another primary store; no row without embeddings."""

from __future__ import annotations

import json

import pytest

from archwright.api import generate
from archwright.design import vector_search as vs
from archwright.design.stack import technologies
from archwright.render.files import render_files


def _facts(**kw) -> vs.Facts:
    base = {
        "vector_fields": ("document_chunk.embedding",),
        "primary_db_id": "postgresql",
        "primary_db": "PostgreSQL",
        "volume": "lt_1gb",
        "columns": (("document_chunks", "embedding"),),
    }
    return vs.Facts(**(base | kw))


def test_every_rule_resolves_and_codes_are_unique():
    k = vs.knowledge()
    codes = [r.code for r in k.rules]
    assert len(codes) == len(set(codes))
    ids = {t.id for t in technologies().technologies}
    for r in k.rules:
        assert r.when in vs.PREDICATES, r.code
        assert r.technology in ids, r.code
    assert k.rules[-1].when == "always"  # some rule always decides
    assert set(k.volume_bytes) == {"lt_1gb", "1gb_1tb", "gt_1tb", "unknown"}


def test_rule_01_primary_not_postgres_picks_managed_store():
    for db in ("mongodb", "dynamodb", "mysql", None):
        rule = vs.decide(_facts(primary_db_id=db, primary_db=str(db)))
        assert rule is not None and (rule.code, rule.technology) == ("STACK-VEC-01", "qdrant")


def test_rule_02_managed_store_only_past_tens_of_millions():
    rule = vs.decide(_facts(volume="gt_1tb"))
    assert rule is not None and (rule.code, rule.technology) == ("STACK-VEC-02", "qdrant")
    low, _ = _facts(volume="gt_1tb").vectors()
    assert low >= vs.knowledge().managed_above_vectors
    # a bucket that may or may not be past the threshold starts on pgvector
    for volume in ("lt_1gb", "1gb_1tb", "unknown"):
        assert vs.decide(_facts(volume=volume)).code == "STACK-VEC-03"  # type: ignore[union-attr]


def test_rule_03_pgvector_default_on_postgresql_and_timescale():
    for db in ("postgresql", "timescaledb"):
        rule = vs.decide(_facts(primary_db_id=db))
        assert rule is not None and (rule.code, rule.technology) == ("STACK-VEC-03", "pgvector")
    text = vs.explain(_facts(), vs.decide(_facts()))  # type: ignore[arg-type]
    assert "document_chunk.embedding" in text and "data.volume = lt_1gb" in text
    assert "STACK-VEC-03" in text
    assert "ALTER TABLE document_chunks ALTER COLUMN embedding TYPE vector(1536)" in text


def test_no_vector_field_no_rule():
    assert vs.decide(_facts(vector_fields=(), columns=())) is None


def _row(doc):
    return [r for r in doc.overview.tech_stack if r.layer == "Vector Search"]


@pytest.mark.parametrize(
    "prompt",
    [
        # held out: none of these is the wording the feature was built from
        "Chat with your PDFs: upload contracts and ask questions, answers quote the page they came from",
        "An internal Q&A bot that answers HR policy questions from our handbook using retrieval-augmented generation",
        "A bot that answers customer questions using our product manuals as its knowledge base",
    ],
)
def test_rag_products_get_pgvector_in_markdown_and_json(prompt):
    doc = generate(prompt)
    rows = _row(doc)
    assert [r.technology for r in rows] == ["pgvector (PostgreSQL extension)"], prompt
    assert "vector field" in rows[0].justification and "STACK-VEC-03" in rows[0].justification
    files = render_files(doc)
    assert "pgvector (PostgreSQL extension)" in files["architecture.md"]
    data = json.loads(files["architecture.json"])
    layers = {r["layer"]: r for r in data["overview"]["tech_stack"]}
    assert layers["Vector Search"]["technology"] == "pgvector (PostgreSQL extension)"
    # the full-text search row is untouched: keyword search still runs in PostgreSQL
    assert layers["Search Engine"]["technology"] == "PostgreSQL full-text search"
    # the DDL stays applicable on any PostgreSQL (the test server has no pgvector)
    assert (
        "REAL[]" in files["schema.sql"]
        and "EXTENSION IF NOT EXISTS vector" not in files["schema.sql"]
    )


def test_rag_over_terabytes_gets_a_managed_vector_database():
    doc = generate("A RAG assistant over 3 TB of engineering documents for our 400 engineers")
    rows = _row(doc)
    assert rows and rows[0].technology == "Qdrant Cloud (managed vector database)"
    assert "STACK-VEC-02" in rows[0].justification and "gt_1tb" in rows[0].justification
    # a store of its own: drawn in the system diagram and watched like the other stores
    assert "Vector database: Qdrant Cloud" in render_files(doc)["diagrams/system.mmd"]
    assert any(n.id == "vector_db" for n in doc.overview.topology.nodes)


@pytest.mark.parametrize(
    "prompt",
    [
        # near misses: search and chat without embeddings keep their stack unchanged
        "Keyword search over our help center articles with filters by product",
        "A chat messaging app for teams with channels and direct messages",
        "A recipe sharing site where cooks search recipes by ingredient",
    ],
)
def test_products_without_embeddings_get_no_vector_row(prompt):
    doc = generate(prompt)
    assert not _row(doc), prompt
    assert "pgvector (PostgreSQL" not in render_files(doc)["architecture.md"]
