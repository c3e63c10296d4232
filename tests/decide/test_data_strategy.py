"""Stage 3: the scoring matrix line by line, the gate, secondaries, caching, ORM and backups."""

from __future__ import annotations

import inspect

import pytest
from tests.decide.conftest import make, prefer

from archwright.decide import data_strategy as ds
from archwright.decide.data_strategy import matrix, score_families, select_data_strategy

#: the spec's Stage 3 weights, transcribed independently of knowledge/scoring.yaml
SEED_WEIGHTS = {
    "sql.highly_relational": 2,
    "sql.sensitive_data": 2,
    "sql.strong_consistency": 2,
    "sql.fixed_schema": 1,
    "sql.team_experience": 1,
    "sql.volume_over_1tb": -1,
    "sql.rapidly_changing": -2,
    "document.document_style": 2,
    "document.flexible_schema": 2,
    "document.consumer_profiles": 1,
    "document.global": 1,
    "document.strong_consistency": -2,
    "document.financial": -2,
    "key_value.primary_function": 3,
    "key_value.read_heavy": 2,
    "key_value.real_time": 2,
    "time_series.domain": 3,
    "time_series.append_only_writes": 3,
    "time_series.window_aggregations": 2,
    "graph.graph_style": 3,
    "graph.traversal": 3,
    "graph.not_graph": -2,
}


def test_scoring_file_holds_exactly_the_seed_weights():
    seed = {r.id: r.points for r in matrix().rules if r.seed}
    assert seed == SEED_WEIGHTS
    extra = [r for r in matrix().rules if not r.seed]
    assert extra and all(r.family == "wide_column" for r in extra)
    assert all(len(r.rationale) > 20 for r in matrix().rules)


def test_every_rule_names_a_predicate_and_every_predicate_is_used():
    used = {r.when for r in matrix().rules}
    assert used <= set(ds.PREDICATES)
    assert set(ds.PREDICATES) <= used
    ids = [r.id for r in matrix().rules]
    assert len(ids) == len(set(ids))


# (fields that trigger the line, rule id) — each line checked against a neutral baseline
LINES = [
    ({"data__relationships": "highly_relational"}, "sql.highly_relational"),
    ({"data__sensitivity": "financial"}, "sql.sensitive_data"),
    ({"data__sensitivity": "health"}, "sql.sensitive_data"),
    ({"data__consistency": "strong"}, "sql.strong_consistency"),
    ({"data__schema_stability": "fixed"}, "sql.fixed_schema"),
    ({"data__volume": "gt_1tb"}, "sql.volume_over_1tb"),
    ({"data__schema_stability": "rapidly_changing"}, "sql.rapidly_changing"),
    ({"data__relationships": "document"}, "document.document_style"),
    ({"data__schema_stability": "varies_per_record"}, "document.flexible_schema"),
    ({"product__product_type": "consumer_app"}, "document.consumer_profiles"),
    ({"scale__geo_distribution": "global"}, "document.global"),
    ({"data__consistency": "strong"}, "document.strong_consistency"),
    ({"data__sensitivity": "financial"}, "document.financial"),
    ({"data__relationships": "key_value"}, "key_value.primary_function"),
    ({"behavior__read_intensity": 4}, "key_value.read_heavy"),
    ({"behavior__real_time_intensity": 4}, "key_value.real_time"),
    ({"product__product_type": "iot"}, "time_series.domain"),
    ({"product__archetype": "metrics_monitoring"}, "time_series.domain"),
    (
        {"behavior__write_intensity": 4, "data__relationships": "time_series"},
        "time_series.append_only_writes",
    ),
    (
        {"behavior__compute_intensity": 3, "data__relationships": "time_series"},
        "time_series.window_aggregations",
    ),
    ({"data__relationships": "graph"}, "graph.graph_style"),
    ({"product__archetype": "genealogy"}, "graph.traversal"),
    ({"data__volume": "gt_1tb"}, "wide_column.volume_over_1tb"),
    ({"behavior__write_intensity": 4}, "wide_column.write_heavy"),
    ({"scale__geo_distribution": "multi_region"}, "wide_column.multi_region"),
]


@pytest.mark.parametrize(
    ("fields", "rule_id"), LINES, ids=[f"{r}-{i}" for i, (_, r) in enumerate(LINES)]
)
def test_each_line_moves_its_family_by_its_weight(fields, rule_id):
    rule = next(r for r in matrix().rules if r.id == rule_id)
    base, _ = score_families(make())
    after, lines = score_families(make(**fields))
    assert any(ln.reason == rule.text and ln.points == rule.points for ln in lines)
    others = [
        r
        for r in matrix().rules
        if r.family == rule.family and r.id != rule_id and r.when != "not_graph"
    ]
    if not any(
        ds.PREDICATES[r.when](make(**fields)) != ds.PREDICATES[r.when](make()) for r in others
    ):
        assert after[rule.family] - base[rule.family] == rule.points


def test_sql_experience_comes_from_the_stated_stack():
    s = prefer(make(), "Django")
    _, lines = score_families(s)
    assert any(ln.family == "sql" and ln.points == 1 for ln in lines)
    assert not any(ln.family == "sql" and ln.points == 1 for ln in score_families(make())[1])


def test_stress_test_2_postgres_plus_6_mongodb_minus_4(domain):
    s = prefer(
        make(
            data__relationships="highly_relational",
            data__sensitivity="financial",
            data__consistency="strong",
            behavior__real_time_intensity=5,
        ),
        "MongoDB",
        subject="primary_database",
    )
    d = select_data_strategy(s, domain)
    assert d.primary_database == "PostgreSQL"
    assert d.scores["sql"] == 6
    assert d.scores["document"] == -4
    assert "MongoDB was requested but scores -4" in d.primary_db_rationale
    assert "non-atomic" in d.preference_conflict
    mongo = next(x for x in d.secondary_databases if x.technology == "MongoDB")
    assert mongo.from_preference
    assert "activity logs" in mongo.purpose and "notification history" in mongo.purpose
    assert "row-level locking" in d.primary_db_rationale.lower()


def test_gate_financial_or_health_never_gets_eventually_consistent_primary(domain):
    for sens in ("financial", "health"):
        s = make(
            data__relationships="document",
            data__schema_stability="varies_per_record",
            scale__geo_distribution="global",
            product__product_type="consumer_app",
            data__sensitivity=sens,
            data__consistency="eventual",
        )
        d = select_data_strategy(s, domain)
        assert d.scores["document"] > d.scores["sql"] or sens == "financial"
        assert d.primary_database_family not in ("document", "key_value", "wide_column")
        assert "gate" in d.excluded_families["document"]


def test_strong_consistency_never_gets_eventually_consistent_primary(domain):
    # document-shaped, flexible consumer data where the user needs strong consistency (players
    # trading items): document outscores SQL, but Stage 10 (AW-ENG-006) fails a NoSQL primary
    # for strongly consistent data, so Stage 3 may not pick one
    s = make(
        data__relationships="document",
        data__schema_stability="rapidly_changing",
        product__product_type="consumer_app",
        data__sensitivity="pii",
        data__consistency="strong",
    )
    d = select_data_strategy(s, domain)
    assert d.scores["document"] > d.scores["sql"]
    assert d.primary_database_family == "sql"
    for fam in ("document", "key_value", "wide_column"):
        assert "consistency_requirement = strong" in d.excluded_families[fam]
    # near miss: the same data needing only eventual consistency keeps its document store
    loose = make(
        data__relationships="document",
        data__schema_stability="rapidly_changing",
        product__product_type="consumer_app",
        data__sensitivity="pii",
        data__consistency="eventual",
    )
    assert select_data_strategy(loose, domain).primary_database_family == "document"


def test_key_value_is_secondary_unless_its_primary_function(domain):
    s = make(behavior__read_intensity=5, behavior__real_time_intensity=5)
    d = select_data_strategy(s, domain)
    assert d.scores["key_value"] >= 4
    assert d.primary_database_family != "key_value"
    kv = make(data__relationships="key_value", behavior__read_intensity=5)
    assert select_data_strategy(kv, domain).primary_database_family == "key_value"


def test_wide_column_wins_for_write_heavy_partitioned_data_beyond_a_terabyte(domain):
    s = make(
        data__relationships="time_series",
        data__volume="gt_1tb",
        behavior__write_intensity=5,
        scale__geo_distribution="multi_region",
        data__consistency="eventual",
        constraints__cloud_provider="self_hosted",
    )
    d = select_data_strategy(s, domain)
    # time-series: +3 append-only writes; wide-column: +3 +2 +1 +1 = 7
    assert d.scores["wide_column"] == 7
    assert d.primary_database == "ScyllaDB"


def test_chat_history_beyond_a_terabyte_keeps_postgres_with_wide_column_secondary(domain):
    s = make(
        data__relationships="highly_relational",
        data__volume="gt_1tb",
        behavior__write_intensity=4,
        data__consistency="strong",
    )
    d = select_data_strategy(s, domain)
    assert d.primary_database == "PostgreSQL"
    assert any(x.family == "wide_column" for x in d.secondary_databases)


def test_graph_and_time_series_win_on_their_shapes(domain):
    assert (
        select_data_strategy(make(data__relationships="graph"), domain).primary_database_family
        == "graph"
    )
    iot = make(
        product__product_type="iot", data__relationships="time_series", behavior__write_intensity=5
    )
    assert select_data_strategy(iot, domain).primary_database == "TimescaleDB"


def test_ties_go_to_sql():
    fam, totals = ds.choose_family(make())
    assert totals["sql"] == totals["document"] == 0
    assert fam == "sql"


def test_preferred_product_of_winning_family_is_kept(domain):
    d = select_data_strategy(prefer(make(data__relationships="highly_relational"), "MySQL"), domain)
    assert d.primary_database == "MySQL"
    assert d.preference_conflict is None


def test_wrong_if_is_falsifiable_and_names_the_flip(domain):
    d = select_data_strategy(make(data__relationships="highly_relational"), domain)
    assert "rows/s" in d.primary_db_wrong_if
    assert "data.relationships" in d.primary_db_wrong_if


def test_caching_step_2(domain):
    none = select_data_strategy(make(behavior__read_intensity=2), domain).caching_strategy
    assert none.tool is None and none.pattern is None
    c = select_data_strategy(make(behavior__read_intensity=3), domain).caching_strategy
    assert c.tool == "Redis" and c.pattern == "cache-aside"
    hot = [e.name for e in domain.entities if e.hot]
    assert c.entities_cached == hot
    for e in hot:
        assert e in c.ttl_policy
    assert "after the transaction commits" in c.invalidation_strategy
    rt = select_data_strategy(make(behavior__real_time_intensity=4), domain).caching_strategy
    assert rt.pubsub and "retention" not in (rt.pattern or "")
    assert "persisted" in rt.pubsub
    spiky = select_data_strategy(make(scale__traffic_pattern="spiky"), domain).caching_strategy
    assert spiky.cdn and "CloudFront" in spiky.cdn


@pytest.mark.parametrize(
    ("stack", "orm", "tool"),
    [
        ([], "Prisma", "Prisma Migrate"),
        (["Python"], "SQLAlchemy", "Alembic"),
        (["Go"], "sqlc", "golang-migrate"),
        (["Spring Boot"], "JPA", "Flyway"),
        (["Rails"], "Active Record", "Rails migrations"),
    ],
)
def test_orm_follows_primary_language(domain, stack, orm, tool):
    s = make().model_copy(update={"stated_stack": stack})
    d = select_data_strategy(s, domain)
    assert orm in d.orm_or_query_builder
    assert tool in d.migration_strategy


def test_backup_strategy_by_sensitivity(domain):
    fin = select_data_strategy(make(data__sensitivity="financial"), domain).backup_strategy
    assert "7 years" in fin.retention and "monthly" in fin.restore_test_schedule
    health = select_data_strategy(make(data__sensitivity="health"), domain).backup_strategy
    assert "HIPAA" in health.retention
    plain = select_data_strategy(make(product__stage="mvp"), domain).backup_strategy
    assert plain.retention == "7 days"


def test_stage_3_signature_reads_stage_1_only():
    params = list(inspect.signature(select_data_strategy).parameters)
    assert params[:2] == ["signals", "domain"]


def test_avoided_family_is_never_primary_nor_experience(domain):
    from archwright.models.signals import Preference

    s = make(data__relationships="graph")
    avoid = Preference(
        subject="primary_database",
        requested="graph databases",
        evidence="avoid graph databases",
        decision="honored",
        reason="test",
    ).model_copy(
        update={"stance": "avoid", "family": "graph"} if "stance" in Preference.model_fields else {}
    )
    s = s.model_copy(update={"preferences": [avoid]})
    if "stance" not in Preference.model_fields:  # Stage 1 without stances: nothing to avoid
        return
    d = select_data_strategy(s, domain)
    assert d.primary_database_family != "graph"
    assert "avoid" in d.excluded_families["graph"]
    mongo_avoided = Preference(
        subject="primary_database",
        requested="MongoDB",
        evidence="no MongoDB",
        decision="honored",
        reason="t",
    ).model_copy(update={"stance": "avoid"})
    s2 = make().model_copy(update={"preferences": [mongo_avoided]})
    d2 = select_data_strategy(s2, domain)
    assert not any(x.from_preference for x in d2.secondary_databases)
