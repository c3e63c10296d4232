"""Stage 2: the decision tree rule by rule, its order, ordered enums, and the stack rule."""

from __future__ import annotations

import pytest
from tests.decide.conftest import make, prefer

from archwright.decide.architecture import select_architecture

HIGH2 = {"behavior__read_intensity": 4, "behavior__write_intensity": 4}
MICRO = {
    "product__team_size": "20+",
    "product__stage": "scale",
    "constraints__budget_tier": "series_a_plus",
    **HIGH2,
}


def pick(domain, **fields):
    return select_architecture(make(**fields), domain)


def test_neutral_falls_through_to_hybrid(domain):
    a = pick(domain)
    assert a.architecture_pattern == "hybrid"
    assert a.rule_fired.rule == "HYBRID.default"


@pytest.mark.parametrize(
    ("fields", "rule", "field", "value"),
    [
        ({"product__team_size": "solo"}, "MONOLITH.team_size", "product.team_size", "solo"),
        ({"product__team_size": "2-5"}, "MONOLITH.team_size", "product.team_size", "2-5"),
        ({"product__stage": "mvp"}, "MONOLITH.stage", "product.stage", "mvp"),
        (
            {"product__product_type": "internal_tool"},
            "MONOLITH.product_type",
            "product.product_type",
            "internal_tool",
        ),
        (
            {"scale__peak_concurrent_users": 200, "scale__launch_users": 2000},
            "MONOLITH.low_steady_scale",
            "scale.peak_concurrent_users",
            "200",
        ),
    ],
)
def test_each_monolith_condition_fires_alone(domain, fields, rule, field, value):
    a = pick(domain, **fields)
    assert a.architecture_pattern == "monolith"
    assert a.rule_fired.rule == rule
    assert a.rule_fired.field == f"signals.{field}"
    assert a.rule_fired.value == value
    assert f"{field} = {value}" in a.pattern_rationale


def test_low_scale_needs_steady_traffic(domain):
    a = pick(
        domain,
        scale__peak_concurrent_users=200,
        scale__launch_users=2000,
        scale__traffic_pattern="spiky",
    )
    assert a.architecture_pattern == "serverless"


def test_microservices_when_all_four_hold(domain):
    a = pick(domain, **MICRO)
    assert a.architecture_pattern == "microservices"
    assert a.rule_fired.rule == "MICROSERVICES.all"
    names = [m.name for m in a.modules]
    assert names[0] == "core-service"
    assert {"read-service", "ingest-service"} <= set(names)
    assert all(m.justification for m in a.modules)
    assert any("network call" in n.topic for n in a.notes)


@pytest.mark.parametrize(
    "missing",
    [
        {"product__team_size": "5-20"},
        {"product__stage": "growth"},
        {"behavior__write_intensity": 3},
        {"constraints__budget_tier": "seed"},
        {"constraints__budget_tier": "unknown"},
    ],
)
def test_microservices_needs_every_condition(domain, missing):
    a = pick(domain, **{**MICRO, **missing})
    assert a.architecture_pattern != "microservices"
    reason = next(r for r in a.rejected_patterns if r.pattern == "Microservices").rejection_reason
    field = next(iter(missing)).split("__")[1]
    assert field in reason


def test_ordered_enums_enterprise_meets_series_a_and_legacy_is_established(domain):
    a = pick(domain, **{**MICRO, "constraints__budget_tier": "enterprise"})
    assert a.architecture_pattern == "microservices"
    b = pick(domain, **{**MICRO, "product__stage": "legacy_modernization"})
    assert b.architecture_pattern == "microservices"


def test_first_match_wins_monolith_beats_microservices(domain):
    # every microservice condition holds, but the MONOLITH rules come first
    a = pick(domain, **{**MICRO, "product__product_type": "internal_tool"})
    assert a.architecture_pattern == "monolith"
    assert "earlier rule" in a.rejected_patterns[0].rejection_reason


@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"scale__traffic_pattern": "spiky"}, "SERVERLESS.traffic_pattern"),
        ({"scale__traffic_pattern": "unpredictable"}, "SERVERLESS.traffic_pattern"),
        ({"integration__webhooks": "inbound"}, "SERVERLESS.event_driven"),
        ({"constraints__budget_tier": "bootstrapped"}, "SERVERLESS.budget_tier"),
    ],
)
def test_each_serverless_condition(domain, fields, rule):
    a = pick(domain, **fields)
    assert a.architecture_pattern == "serverless"
    assert a.rule_fired.rule == rule
    topics = [n.topic for n in a.notes]
    assert "Cold starts per function" in topics
    assert "Vendor lock-in and mitigation" in topics


def test_microservices_beat_serverless(domain):
    a = pick(domain, **{**MICRO, "scale__traffic_pattern": "spiky"})
    assert a.architecture_pattern == "microservices"


def test_serverless_never_holds_websockets_itself(domain):
    a = pick(domain, scale__traffic_pattern="spiky", behavior__real_time_intensity=5)
    assert "Managed real-time service" in a.service_topology.real_time_layer


def test_solo_overrides_everything_and_yields_hybrid_monolith(domain):
    """Stress test 1's profile: solo, real-time 5, compute 4, write 4, global."""
    a = pick(
        domain,
        **{**MICRO, "product__team_size": "solo"},
        behavior__real_time_intensity=5,
        behavior__compute_intensity=4,
        scale__geo_distribution="global",
        product__archetype="collaborative_editing",
    )
    assert a.architecture_pattern == "monolith"
    assert a.rule_fired.rule == "MONOLITH.team_size"
    assert a.pattern_label.startswith("Hybrid Monolith")
    assert "WebSocket" in a.service_topology.real_time_layer
    assert "Yjs" in a.service_topology.real_time_layer
    assert any(w.startswith("Compute worker") for w in a.service_topology.async_workers)
    assert any("Multi-region" in d for d in a.deferred)
    micro = next(r for r in a.rejected_patterns if r.pattern == "Microservices")
    assert "team_size = solo" in micro.rejection_reason
    assert any(n.topic == "Why microservices would be a trap here" for n in a.notes)
    assert any(n.topic == "Modulith boundaries" for n in a.notes)


def test_plain_monolith_label_without_split_processes(domain):
    a = pick(domain, product__stage="mvp")
    assert a.pattern_label == "Modular monolith"
    assert a.service_topology.async_workers == []
    assert a.service_topology.real_time_layer is None


def test_workers_from_compute_or_write_thresholds(domain):
    assert pick(domain, behavior__compute_intensity=3).service_topology.async_workers
    assert pick(domain, behavior__write_intensity=4).service_topology.async_workers
    assert not pick(domain, behavior__write_intensity=3).service_topology.async_workers


def test_real_time_layer_thresholds(domain):
    assert pick(domain, behavior__real_time_intensity=2).service_topology.real_time_layer is None
    assert (
        "Server-Sent Events"
        in pick(domain, behavior__real_time_intensity=3).service_topology.real_time_layer
    )
    assert (
        "WebSocket"
        in pick(domain, behavior__real_time_intensity=4).service_topology.real_time_layer
    )


def test_stack_mismatch_keeps_lambda_fixes_websockets_and_pooling(domain):
    """Stress test 7 as a general rule over preferences, not keyed on wording."""
    s = prefer(
        make(behavior__real_time_intensity=5, product__stage="mvp"), "AWS Lambda", "PostgreSQL"
    )
    a = select_architecture(s, domain)
    assert a.architecture_pattern == "hybrid"
    assert a.rule_fired.rule == "HYBRID.stack_mismatch"
    assert a.rule_fired.value == "AWS Lambda"
    assert a.service_topology.real_time_layer.startswith("Persistent WebSocket service")
    assert "Lambda" in a.service_topology.async_workers[0]
    text = " ".join(n.text for n in a.notes)
    assert "RDS Proxy" in text
    assert "ECS Fargate" in text and "sticky sessions" in text
    assert "Lambda" in a.deployment_target


def test_stack_mismatch_is_cloud_aware(domain):
    s = prefer(
        make(behavior__real_time_intensity=4, constraints__cloud_provider="gcp"), "Cloud Functions"
    )
    a = select_architecture(s, domain)
    assert a.architecture_pattern == "hybrid"
    assert "Cloud Run" in " ".join(n.text for n in a.notes)


def test_serverless_preference_without_conflict_is_not_a_mismatch(domain):
    s = prefer(make(data__relationships="document", product__stage="mvp"), "serverless")
    a = select_architecture(s, domain)
    assert a.rule_fired.rule == "MONOLITH.stage"


def test_every_rejection_cites_a_field(domain):
    for fields in ({}, MICRO, {"product__team_size": "solo"}, {"scale__traffic_pattern": "spiky"}):
        a = pick(domain, **fields)
        assert {r.pattern for r in a.rejected_patterns} | {a.architecture_pattern.title()} >= {
            "Monolith",
            "Microservices",
            "Serverless",
            "Hybrid",
        }
        for r in a.rejected_patterns:
            assert "=" in r.rejection_reason or "rule" in r.rejection_reason


@pytest.mark.parametrize(
    ("cloud", "fragment"),
    [
        ("aws", "ECS Fargate"),
        ("gcp", "Cloud Run"),
        ("azure", "Container Apps"),
        ("self_hosted", "own hosts"),
    ],
)
def test_deployment_target_is_cloud_aware(domain, cloud, fragment):
    assert fragment in pick(domain, constraints__cloud_provider=cloud).deployment_target


def test_budget_ceiling_shows_in_scaling(domain):
    a = pick(
        domain,
        constraints__budget_monthly_usd=500,
        scale__peak_concurrent_users=10_000_000,
        product__stage="mvp",
    )
    assert "1,000–5,000 concurrent users" in a.scaling_strategy
    assert "binding constraint" in a.scaling_strategy


def test_domain_is_optional_for_signal_only_callers():
    from archwright.decide.data_strategy import select_data_strategy

    s = make(behavior__read_intensity=4, behavior__real_time_intensity=4)
    a = select_architecture(s)
    assert a.architecture_pattern == "hybrid" and a.modules == []
    d = select_data_strategy(s)
    assert d.caching_strategy.tool == "Redis" and d.caching_strategy.ttl_policy


@pytest.mark.parametrize(
    "fields",
    [
        {"scale__traffic_pattern": "spiky"},
        {"integration__webhooks": "inbound"},
        {"constraints__budget_tier": "bootstrapped"},
    ],
)
def test_serverless_is_never_chosen_for_own_hardware(domain, fields):
    """Pay-per-execution is the whole case for functions; on servers the company already owns
    (an on-prem data center) there is no managed function platform to pay per call."""
    a = pick(domain, constraints__cloud_provider="self_hosted", **fields)
    assert a.architecture_pattern == "hybrid"
    assert a.rule_fired.rule == "HYBRID.default"
    reason = next(r for r in a.rejected_patterns if r.pattern == "Serverless").rejection_reason
    assert "cloud_provider = self_hosted" in reason


@pytest.mark.parametrize(
    "fields",
    [
        {"product__team_size": "20+"},
        {"product__team_size": "2-5"},
        {**MICRO},
    ],
)
def test_legacy_modernization_gets_an_incremental_migration_plan(domain, fields):
    """A modernization document chose a target pattern but never said how to get there from the
    running system (strangler fig, data sync, cutover)."""
    a = pick(domain, **{**fields, "product__stage": "legacy_modernization"})
    note = next((n for n in a.notes if n.topic.startswith("Incremental migration")), None)
    assert note is not None, [n.topic for n in a.notes]
    for word in ("strangler", "change data capture", "rollback", "decommission"):
        assert word in note.text.lower()


def test_greenfield_has_no_migration_plan(domain):
    a = pick(domain, product__stage="growth")
    assert not any(n.topic.startswith("Incremental migration") for n in a.notes)


def _with_stock(domain):
    from archwright.models.domain import DomainEntity, DomainField

    stock = DomainEntity(
        name="ticket_type",
        plural="ticket_types",
        description="A priced allocation of tickets",
        fields=[
            DomainField(name="quota", type="integer", description="tickets on sale"),
            DomainField(name="sold_count", type="integer", description="tickets sold"),
        ],
    )
    return domain.model_copy(update={"entities": [*domain.entities, stock]})


def test_spiky_sale_of_limited_stock_gets_admission_and_oversell_control(domain):
    """'100k people trying to buy in the first minute. No overselling allowed.' got no word on
    admitting the burst or on decrementing the stock atomically."""
    s = make(scale__traffic_pattern="spiky", data__consistency="strong", product__stage="mvp")
    a = select_architecture(s, _with_stock(domain))
    note = next((n for n in a.notes if n.topic.startswith("Burst admission")), None)
    assert note is not None, [n.topic for n in a.notes]
    assert "waiting room" in note.text
    assert "sold_count" in note.text and "quota" in note.text
    assert "ticket_types" in note.text


@pytest.mark.parametrize(
    "fields",
    [
        {"scale__traffic_pattern": "steady", "data__consistency": "strong"},
        {"scale__traffic_pattern": "spiky", "data__consistency": "eventual"},
    ],
)
def test_no_admission_note_without_both_burst_and_scarce_stock(domain, fields):
    a = select_architecture(make(product__stage="mvp", **fields), _with_stock(domain))
    assert not any(n.topic.startswith("Burst admission") for n in a.notes)
    b = select_architecture(
        make(product__stage="mvp", scale__traffic_pattern="spiky", data__consistency="strong"),
        domain,
    )
    assert not any(n.topic.startswith("Burst admission") for n in b.notes)
