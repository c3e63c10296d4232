"""Lint of knowledge/technologies.yaml and the stack rules that read it."""

from __future__ import annotations

import pytest
from tests.factories import signals_with

from archwright import generate
from archwright.decide import select_architecture, select_data_strategy
from archwright.design.stack import select_stack, technologies
from archwright.intake.generic import generic_domain


def test_catalog_ids_unique_and_alternatives_resolve():
    cat = technologies()
    ids = [t.id for t in cat.technologies]
    assert len(ids) == len(set(ids))
    for t in cat.technologies:
        for alt in t.alternatives:
            assert alt in ids, f"{t.id}: alternative {alt!r} is not in the catalog"
            assert alt != t.id
        assert t.aliases == [a.lower() for a in t.aliases], t.id
        # every entry explains itself in Stage 1 terms
        assert all(len(x) > 8 for x in t.fits_when + t.not_when), t.id


def test_catalog_covers_every_layer_the_stack_names():
    layers = {t.layer for t in technologies().technologies}
    for needed in ("runtime", "framework", "queue", "realtime", "crdt", "cdn", "secrets", "uptime"):
        assert needed in layers
    names = {t.name for t in technologies().technologies}
    for product in ("BullMQ", "Amazon SQS", "RabbitMQ", "Apache Kafka", "NATS JetStream", "Yjs"):
        assert product in names


def _stack(**fields):
    s = signals_with(**fields)
    d = generic_domain("x")
    return select_stack(s, select_architecture(s, d), select_data_strategy(s, d))


def test_every_registry_row_filled():
    st = _stack()
    rows = st.rows()
    assert len(rows) >= 16
    for r in rows:
        assert r.layer and r.version_tier and r.justification and r.alternative_considered
        assert r.technology or r.justification.startswith("Not needed")


def _kafka_stack(**fields):
    # Kafka named only in stated_stack (no Stage 1 record): the queue row asks the same Stage 1
    # rule (conflicts.yaml kafka_not_justified) through preference_verdict
    s = signals_with(**fields).model_copy(update={"stated_stack": ["Kafka"]})
    d = generic_domain("x")
    return select_stack(s, select_architecture(s, d), select_data_strategy(s, d))


def test_kafka_stated_but_overridden_for_small_team_even_at_write_5():
    st = _kafka_stack(
        **{
            "product.team_size": "2-5",
            "scale.traffic_pattern": "steady",
            "behavior.write_intensity": 5,
        }
    )
    assert st.queue.technology != "Apache Kafka"
    assert st.queue.preference == "Apache Kafka (overridden)"
    # comply and flag: the user's choice stays as the named alternative
    assert st.queue.alternative_considered.startswith("Apache Kafka: target event backbone")


def test_kafka_stated_and_honored_for_large_team_with_high_spiky_volume():
    st = _kafka_stack(
        **{
            "product.team_size": "20+",
            "product.stage": "growth",
            "scale.traffic_pattern": "spiky",
            "scale.peak_concurrent_users": 2_500,
            "behavior.write_intensity": 5,
        }
    )
    assert st.queue.technology == "Apache Kafka"
    assert st.queue.preference == "Apache Kafka"


@pytest.mark.parametrize(
    "fields",
    [
        # steady and low scale (seed Stage 10), a large team notwithstanding
        {"scale.traffic_pattern": "steady", "scale.peak_concurrent_users": 9_999},
        # low event volume (write <= 3) at any team size, once a queue is needed at all
        {"behavior.write_intensity": 3, "behavior.compute_intensity": 4},
    ],
)
def test_kafka_stated_but_overridden_for_low_scale_large_team(fields):
    base = {
        "product.team_size": "20+",
        "product.stage": "growth",
        "scale.traffic_pattern": "spiky",
        "scale.peak_concurrent_users": 2_500,
        "behavior.write_intensity": 5,
    }
    st = _kafka_stack(**(base | fields))
    assert st.queue.technology not in (None, "Apache Kafka")
    assert st.queue.preference == "Apache Kafka (overridden)"


def test_kafka_steady_at_the_scale_threshold_is_honored():
    # 10,000 peak concurrent users is no longer "low scale" (the documented threshold)
    st = _kafka_stack(
        **{
            "product.team_size": "20+",
            "product.stage": "growth",
            "scale.traffic_pattern": "steady",
            "scale.peak_concurrent_users": 10_000,
            "behavior.write_intensity": 4,
        }
    )
    assert st.queue.technology == "Apache Kafka"


def test_solo_realtime_gets_bullmq_and_websocket():
    st = _stack(
        **{
            "product.team_size": "solo",
            "behavior.real_time_intensity": 5,
            "behavior.write_intensity": 4,
            "behavior.compute_intensity": 4,
        }
    )
    assert st.queue.technology == "BullMQ"
    assert "WebSocket" in (st.realtime.technology or "")
    assert "Kubernetes" not in (st.orchestration.technology or "")


@pytest.mark.parametrize("score", [1, 2])
def test_no_websocket_below_realtime_three(score):
    st = _stack(**{"behavior.real_time_intensity": score})
    assert st.realtime.technology is None
    assert st.crdt is None


def test_stated_language_is_honored():
    s = signals_with().model_copy(update={"stated_stack": ["Go"]})
    d = generic_domain("x")
    st = select_stack(s, select_architecture(s, d), select_data_strategy(s, d))
    assert st.runtime.technology == "Go"
    assert st.migration_tool == "goose"


@pytest.mark.parametrize(
    ("prompt", "family", "tool"),
    [
        ("A dating app for dog owners. We are 12 engineers and expect 500k users. We want to "
         "use MongoDB.", "document", "migrate-mongo"),
        ("Event-sourced order history on Cassandra for a retailer writing 5 million orders a "
         "day.", "wide_column", "cassandra-migrate"),
        ("Family tree website where users build trees and find relatives. Use Neo4j.", "graph",
         "neo4j-migrations"),
    ],
)  # fmt: skip
def test_schema_migrations_row_follows_the_primary_database(prompt, family, tool):
    # a runtime's SQL migration tool (Prisma Migrate, Flyway) cannot change a MongoDB,
    # Cassandra or Neo4j schema: the row names the tool Stage 3 chose for that store
    doc = generate(prompt)
    assert doc.data_strategy.primary_database_family == family
    row = next(r for r in doc.overview.tech_stack if r.layer == "Schema Migrations")
    assert tool in row.technology
    assert doc.data_strategy.migration_tool == row.technology
    assert doc.data_strategy.migration_strategy.startswith(row.technology + ":")
    assert "collection" not in doc.data_strategy.migration_strategy or family == "document"
    assert doc.verification.passed
