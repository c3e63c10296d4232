"""A store the user names as the database that the design cannot deliver as the system of record
(InfluxDB: no SQL DDL, no foreign keys) is never recorded as honored under another engine's
identity. The records live in the engine schema.sql is written for (TimescaleDB for time-ordered
measurements, PostgreSQL otherwise); the user's store is kept beside it or as the named
alternative, and the Stage 1 record, the tech stack, the schema and the gate agree."""

from __future__ import annotations

import pytest

from archwright.api import generate
from archwright.intake import extract
from archwright.render.compose import render_compose
from archwright.render.ddl import render_ddl


def _pref(doc, tech_id: str):
    return next(p for p in doc.signals.preferences if p.technology == tech_id)


def _row(doc, layer: str):
    return next((r for r in doc.overview.tech_stack if r.layer == layer), None)


# held out: products and wording unlike the report that found it (greenhouse sensors, "InfluxDB")
MEASUREMENTS = [
    (
        "Fleet-telemetry platform: 3,000 delivery vans stream GPS and engine temperature every "
        "5 seconds. The team wants InfluxDB as the only database.",
        "influxdb",
        "InfluxDB",
    ),
    (
        "Energy-meter dashboard for a utility: 20,000 smart meters push readings every minute "
        "and analysts chart consumption by hour; store it all in Influx.",
        "influxdb",
        "InfluxDB",
    ),
    (
        "Air-quality monitoring network: 2,000 classroom sensors send CO2 readings every "
        "30 seconds; we'd like QuestDB for storage.",
        "questdb",
        "QuestDB",
    ),
]


@pytest.mark.parametrize(("prompt", "tech_id", "name"), MEASUREMENTS)
def test_a_metrics_store_named_for_measurements_is_kept_beside_the_system_of_record(
    prompt: str, tech_id: str, name: str
):
    signals, _ = extract(prompt)
    assert _pref_from(signals, tech_id).decision == "modified"  # Stage 1 itself says so
    doc = generate(prompt)
    pref = _pref(doc, tech_id)
    assert pref.decision == "modified"
    assert "data.relationships = time_series" in pref.reason
    assert doc.data_strategy.primary_database == "TimescaleDB"
    assert doc.schema_.database == "TimescaleDB"
    row = _row(doc, "Primary Database")
    assert row.technology == "TimescaleDB" and row.version_tier.startswith("2.x")
    beside = _row(doc, "Secondary Store (time series)")
    assert beside is not None and beside.technology == name and beside.preference == name
    assert (
        pref.alternative_role is not None and "never the system of record" in pref.alternative_role
    )
    assert "timescale/timescaledb" in render_compose(doc)["compose.yaml"]
    assert "CREATE TABLE" in render_ddl(doc)
    gate = {c.code: c.status for c in doc.verification.checks}
    assert gate["AW-CON-007"] == "pass"
    md = doc.to_markdown()
    assert f"| primary database | {name} | **modified** |" in md
    assert f"| {name} | **honored**" not in md
    assert f"Secondary store: {name}" in doc.overview.system_diagram  # the diagram agrees


def _pref_from(signals, tech_id: str):
    return next(p for p in signals.preferences if p.technology == tech_id)


@pytest.mark.parametrize(
    "prompt",
    [
        "A small bakery ordering app for our shop, use influx for the database.",
        "Volunteer shift sign-up site for a food bank; please put everything in InfluxDB.",
    ],
)
def test_a_metrics_store_named_for_a_records_product_is_modified_with_postgresql(prompt: str):
    doc = generate(prompt)
    pref = _pref(doc, "influxdb")
    assert pref.decision == "modified"
    assert doc.data_strategy.primary_database == "PostgreSQL"
    assert _row(doc, "Primary Database").technology == "PostgreSQL"
    gate = {c.code: c.status for c in doc.verification.checks}
    assert gate["AW-CON-007"] == "pass"


def test_a_graph_engine_without_our_artifacts_is_the_named_alternative():
    doc = generate(
        "A genealogy app where families build trees going back generations; we'd like ArangoDB."
    )
    pref = _pref(doc, "arangodb")
    assert pref.requested == "ArangoDB"  # not folded into Neo4j's name
    assert pref.decision == "modified"
    assert "ArangoDB" not in doc.data_strategy.primary_database
    row = _row(doc, "Primary Database")
    assert row.alternative_considered.startswith("ArangoDB (your choice")
    assert pref.alternative_role is not None and "named alternative" in pref.alternative_role


# near misses: the named store is the engine the artifacts are written for, or nothing is named
@pytest.mark.parametrize(
    "prompt",
    [
        "Fleet telemetry platform for 800 trucks sending GPS and engine readings every 5 seconds; "
        "we plan on TimescaleDB.",
        "Smart-thermostat backend, 10,000 homes sending temperature every 30 seconds, built on "
        "Timescale.",
    ],
)
def test_timescaledb_named_stays_honored(prompt: str):
    doc = generate(prompt)
    pref = _pref(doc, "timescaledb")
    assert pref.decision == "honored"
    assert doc.data_strategy.primary_database == "TimescaleDB"
    assert not any(s.from_preference for s in doc.data_strategy.secondary_databases)


def test_time_series_without_a_named_database_is_unchanged():
    doc = generate(
        "Build an IoT sensor platform for 5,000 greenhouse sensors reporting every 10 seconds."
    )
    assert doc.data_strategy.primary_database == "TimescaleDB"
    assert not [p for p in doc.signals.preferences if p.subject == "primary_database"]
    assert _row(doc, "Secondary Store (time series)") is None


def test_influxdb_is_its_own_catalog_entry():
    from archwright.decide.extensions import technologies

    cat = technologies()
    influx = cat.get("influxdb")
    assert influx.family == "time_series" and "PostgreSQL" not in influx.version_tier
    assert "influxdb" not in cat.get("timescaledb").aliases


@pytest.mark.parametrize(
    ("prompt", "tech_id", "name"),
    [
        (
            "A CRM for a small sales team; database must be CockroachDB.",
            "cockroachdb",
            "CockroachDB",
        ),
        (
            "Ad-impression log with 8 TB per month written at 50,000 events per second, stored "
            "in HBase.",
            "hbase",
            "Apache HBase",
        ),
    ],
)
def test_a_different_engine_of_the_winning_family_is_the_named_alternative(
    prompt: str, tech_id: str, name: str
):
    doc = generate(prompt)
    pref = _pref(doc, tech_id)
    assert pref.requested == name and pref.decision == "modified"
    assert name not in doc.data_strategy.primary_database
    assert _row(doc, "Primary Database").alternative_considered.startswith(f"{name} (your choice")
    gate = {c.code: c.status for c in doc.verification.checks}
    assert gate["AW-CON-007"] == "pass"


def test_a_named_graph_product_is_recorded_under_its_own_name():
    # Neptune was folded into Neo4j's lexicon entry: the record said "Neo4j — honored"
    signals, _ = extract(
        "Fraud-ring detection service for a payments team, graph stored in Amazon Neptune."
    )
    assert signals.stated_stack == ["Amazon Neptune"]
    assert [p.requested for p in signals.preferences if p.subject == "primary_database"] == [
        "Amazon Neptune"
    ]


def test_a_named_analytics_store_is_in_the_design_beside_the_primary():
    # recorded as honored, so the design must hold it: a store of its own, not the primary
    doc = generate(
        "Product analytics dashboard for a SaaS company, clickstream events stored in ClickHouse."
    )
    pref = _pref(doc, "clickhouse")
    assert pref.decision == "honored"
    assert doc.data_strategy.primary_database != "ClickHouse"
    row = next(r for r in doc.overview.tech_stack if r.technology == "ClickHouse")
    assert row.layer.startswith("Secondary Store") and row.preference == "ClickHouse"
    assert "ClickHouse Cloud" in row.version_tier


def test_each_named_store_cites_its_own_reason():
    # two stores named: the record of each must explain that store, not the other one
    doc = generate(
        "Greenhouse monitoring: 5,000 sensors report every 10 seconds. Keep devices and users in "
        "PostgreSQL and the readings in InfluxDB."
    )
    influx = _pref(doc, "influxdb")
    assert influx.decision == "modified" and influx.reason.startswith("InfluxDB")
    assert _pref(doc, "postgresql").reason.startswith("PostgreSQL")
    assert _row(doc, "Secondary Store (time series)").technology == "InfluxDB"
    gate = {c.code: c.status for c in doc.verification.checks}
    assert gate["AW-CON-007"] == "pass"
