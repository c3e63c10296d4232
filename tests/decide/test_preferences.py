"""A preference's recorded decision is the outcome Stages 2-3 reached, never Stage 1's guess:
a document must not say "honored" next to a primary database or pattern it did not pick."""

from __future__ import annotations

from tests.decide.conftest import make

from archwright.decide import select_architecture, select_data_strategy
from archwright.decide.preferences import reconcile_preferences
from archwright.models.signals import Preference, Signals

MONEY = {
    "data__sensitivity": "financial",
    "data__consistency": "strong",
    "data__relationships": "highly_relational",
}


def wants(s: Signals, name: str, subject: str, tech: str, family: str | None = None) -> Signals:
    p = Preference(
        subject=subject,
        requested=name,
        evidence=f"we want to use {name}",
        decision="honored",
        reason=f"{name} fits the product's signals; no rule conflicts with it.",
        stance="use",
        technology=tech,
        family=family,
    )
    return s.model_copy(
        update={"preferences": [*s.preferences, p], "stated_stack": [*s.stated_stack, name]}
    )


def decide(s: Signals, domain) -> tuple[Signals, object, object]:
    a = select_architecture(s, domain)
    d = select_data_strategy(s, domain)
    return reconcile_preferences(s, a, d), a, d


def test_key_value_store_requested_as_primary_is_flagged_not_dropped(domain):
    s = wants(make(**MONEY), "DynamoDB", "primary_database", "dynamodb", "key_value")
    out, _, d = decide(s, domain)
    assert d.primary_database_family == "sql"
    assert d.preference_conflict is not None
    assert "DynamoDB was requested" in d.preference_conflict
    pref = out.preference("primary_database")
    assert pref.decision == "rejected"
    assert d.primary_database in pref.reason


def _heavy_iot_wanting_cassandra():
    """A time-series firehose whose user asks for Cassandra, which the matrix out-scores."""
    return wants(
        make(
            product__product_type="iot",
            behavior__write_intensity=5,
            data__relationships="time_series",
            data__volume="gt_1tb",
        ),
        "Cassandra",
        "primary_database",
        "cassandra",
        "wide_column",
    )


def test_losing_requested_store_is_rejected_and_listed_once(domain):
    s = _heavy_iot_wanting_cassandra()
    out, _, d = decide(s, domain)
    assert d.primary_database_family != "wide_column"
    assert out.preference("primary_database").decision == "rejected"
    techs = [x.technology for x in d.secondary_databases]
    assert len(techs) == len(set(techs)), techs


def test_requested_pattern_not_selected_is_not_honored(domain):
    s = wants(make(**MONEY), "serverless", "architecture_pattern", "serverless")
    s = wants(s, "DynamoDB", "primary_database", "dynamodb", "key_value")
    out, a, _ = decide(s, domain)
    assert a.architecture_pattern == "hybrid"
    pref = out.preference("architecture_pattern")
    assert pref.decision == "modified"
    assert "hybrid" in pref.reason.lower()


def test_honored_when_the_outcome_matches(domain):
    s = wants(make(**MONEY), "PostgreSQL", "primary_database", "postgresql", "sql")
    s = wants(s, "a monolith", "architecture_pattern", "monolith")
    out, a, d = decide(s.model_copy(), domain)
    assert d.primary_database == "PostgreSQL"
    assert out.preference("primary_database").decision == "honored"
    assert out.preference("primary_database").reason == s.preference("primary_database").reason
    assert a.architecture_pattern == "hybrid"  # NEUTRAL growth team: the tree picks hybrid
    assert out.preference("architecture_pattern").decision == "modified"


def test_conflict_text_never_says_no_rule(domain):
    s = _heavy_iot_wanting_cassandra()
    d = select_data_strategy(s, domain)
    assert d.preference_conflict and "(no rule)" not in d.preference_conflict
