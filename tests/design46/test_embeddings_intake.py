"""Stage 1 gives the entity a similarity search reads an embedding (intake/embeddings.py,
knowledge/embeddings.yaml); a named vector database is a stated preference the Vector Search row
honors or complies with and flags (design/stack.py); compose runs pgvector's PostgreSQL image."""

from __future__ import annotations

import pytest
import yaml

from archwright.api import generate
from archwright.design import stack as stack_mod
from archwright.render.compose import PGVECTOR_IMAGE
from archwright.render.files import render_files


def _vectors(doc) -> list[str]:
    return [
        f"{e.name}.{f.name}" for e in doc.domain.entities for f in e.fields if f.type == "vector"
    ]


def _row(doc):
    rows = [r for r in doc.overview.tech_stack if r.layer == "Vector Search"]
    return rows[0] if rows else None


@pytest.mark.parametrize(
    ("prompt", "archetype", "field"),
    [
        # held out: none of these is the wording of the rules' comments or the brief
        (
            "Our online shop needs natural-language search so customers can describe the product they want",
            "ecommerce",
            "product.embedding",
        ),
        (
            "Shoppers see similar products on each product page, computed with embeddings",
            "ecommerce",
            "product.embedding",
        ),
        (
            "A helpdesk where agents find similar support tickets to reuse earlier answers",
            "helpdesk_support",
            "ticket.embedding",
        ),
        (
            "A real-estate listings site that suggests similar homes",
            "real_estate",
            "property_listing.embedding",
        ),
        (
            "A job board where candidates get job postings matched to their CV using embeddings",
            "job_board",
            "job_posting.embedding",
        ),
        (
            "A marketplace for vintage furniture where buyers can find visually similar pieces",
            "goods_marketplace",
            "product.embedding",
        ),
    ],
)
def test_similarity_asks_put_an_embedding_on_the_searched_entity(prompt, archetype, field):
    doc = generate(prompt)
    assert doc.signals.product.archetype.value == archetype, prompt
    assert _vectors(doc) == [field], prompt
    entity, name = field.split(".")
    f = next(f for e in doc.domain.entities if e.name == entity for f in e.fields if f.name == name)
    assert "1,536" in f.description and "INFERRED" in f.description
    row = _row(doc)
    assert row is not None and field in row.justification


def test_semantic_catalog_search_is_the_store_not_a_web_crawler():
    doc = generate("Semantic search over our product catalog using embeddings.")
    assert doc.signals.product.archetype.value == "ecommerce"
    names = [e.name for e in doc.domain.entities]
    assert "crawl_job" not in names and "frontier_url" not in names
    assert _vectors(doc) == ["product.embedding"]


def test_similar_items_without_a_catalog_entity_get_a_table_of_their_own():
    doc = generate("A service that can recommend similar items using embeddings")
    assert _vectors(doc) == ["item_embedding.embedding"]
    item = next(e for e in doc.domain.entities if e.name == "item_embedding")
    assert [f.name for f in item.fields] == ["item_ref", "embedding", "embedding_model"]
    row = _row(doc)  # the model-serving archetype's primary store is not PostgreSQL
    assert row is not None and "STACK-VEC-01" in row.justification


@pytest.mark.parametrize(
    "prompt",
    [
        # near misses: keyword search, a crawler, recommendations without similarity wording
        "Keyword search over our help center articles with filters by product",
        "A search bar for our blog",
        "An online store for handmade jewelry with product search",
        "A web crawler that indexes news sites into a search engine",
        "Build a recommendation API for an e-commerce catalog.",
        "Recommend products to shoppers based on what they bought before",
        "A ride-hailing app similar to Uber for our city",
        "We do not need semantic search; a keyword search bar over our blog posts is enough",
        # serving embedding models is model serving, not a similarity search over records
        "A model-serving platform that hosts our classification and embedding models behind an API",
        "An API that generates text embeddings for our other services",
    ],
)
def test_no_similarity_ask_no_embedding(prompt):
    doc = generate(prompt)
    assert _vectors(doc) == [], prompt
    assert _row(doc) is None


def test_named_managed_vector_database_is_complied_with_and_flagged():
    doc = generate("Find similar support tickets for our helpdesk; we want to use Weaviate")
    assert "Weaviate" in doc.signals.stated_stack
    row = _row(doc)
    assert row is not None and row.technology == "Weaviate Cloud (managed vector database)"
    assert row.preference == row.technology
    # the rules' own pick is flagged and kept as the alternative
    assert "Flag" in row.justification and "STACK-VEC-03" in row.justification
    assert row.alternative_considered == "pgvector (PostgreSQL extension)"
    # a managed store is not PostgreSQL: compose keeps the plain image
    assert PGVECTOR_IMAGE not in render_files(doc)["compose.yaml"]


def test_named_pgvector_is_honored_and_compose_runs_its_image():
    doc = generate("A knowledge base assistant built on Postgres with pgvector")
    assert "pgvector" in doc.signals.stated_stack
    row = _row(doc)
    assert (
        row is not None and row.technology == "pgvector (PostgreSQL extension)" and row.preference
    )
    files = render_files(doc)
    compose = yaml.safe_load(files["compose.yaml"])
    assert compose["services"]["db"]["image"] == PGVECTOR_IMAGE
    # the DDL stays REAL[] (applies on PostgreSQL without the extension)
    assert (
        "REAL[]" in files["schema.sql"]
        and "EXTENSION IF NOT EXISTS vector" not in files["schema.sql"]
    )


def test_pgvector_named_beside_a_non_postgres_primary_is_overridden_and_kept_as_alternative():
    doc = generate("A service that can recommend similar items using embeddings")
    assert doc.data_strategy.primary_database != "PostgreSQL"
    signals = doc.signals.model_copy(
        update={"stated_stack": [*doc.signals.stated_stack, "pgvector"]}
    )
    pick = stack_mod._vector_search(doc.data_strategy, signals, doc.domain)
    assert pick is not None and pick.tech_id == "qdrant"
    # the user's choice stays as the named alternative: PostgreSQL + pgvector as the primary
    assert pick.alternative_considered == (
        "pgvector (PostgreSQL extension), with PostgreSQL as the primary database instead of "
        f"{doc.data_strategy.primary_database}"
    )
    assert pick.preference == "pgvector (PostgreSQL extension) (overridden)"
    assert "overridden" in pick.justification and "STACK-VEC-01" in pick.justification


def test_compose_without_vectors_keeps_the_plain_postgres_image():
    doc = generate("An online store for handmade jewelry with product search")
    compose = yaml.safe_load(render_files(doc)["compose.yaml"])
    assert compose["services"]["db"]["image"] != PGVECTOR_IMAGE


def test_managed_vector_database_is_priced_from_data_and_pgvector_is_not():
    from archwright.design import vector_search as vs

    doc = generate("A RAG assistant over 3 TB of engineering documents for our 400 engineers")
    usd = vs.managed_monthly_usd("gt_1tb")
    c = vs.knowledge().managed_cost
    assert usd == round(
        c.base_usd_month + c.per_million_vectors_usd_month * vs.stored_vectors("gt_1tb") / 1e6
    )
    for tier in doc.scalability.cost_model:
        lines = [li for li in tier.line_items if li.component.startswith("vector database:")]
        assert [li.monthly_usd for li in lines] == [usd]
        assert "vector DB" in tier.components
    assert any("knowledge/vector_search.yaml" in a for a in doc.scalability.cost_assumptions)
    # pgvector runs inside the primary database: no line of its own
    small = generate("A knowledge base assistant built on Postgres with pgvector")
    assert not any(
        li.component.startswith("vector database:")
        for t in small.scalability.cost_model
        for li in t.line_items
    )


@pytest.mark.parametrize(
    "prompt",
    [
        "Shoppers see similar products on each product page, computed with embeddings",
        "A helpdesk where agents find similar support tickets to reuse earlier answers",
    ],
)
def test_ddl_with_a_new_embedding_applies_to_real_postgresql(prompt, pg_server):
    # the test server has no pgvector: the column stays REAL[] and the row carries the migration
    files = render_files(generate(prompt))
    assert '"embedding" REAL[]' in files["schema.sql"]
    assert pg_server.apply(files["schema.sql"]) is None
    compose = yaml.safe_load(files["compose.yaml"])
    assert compose["services"]["db"]["image"] == PGVECTOR_IMAGE
