"""Stages 7-9 decisions follow the signals (each test would fail if its rule broke)."""

from __future__ import annotations

import pytest
from tests.design79 import helpers as h
from tests.design79 import scenarios as sc
from tests.factories import signals_with

from archwright.design.costs import capacity, monthly_cost
from archwright.design.scalability import RETRY_POLICY


@pytest.fixture(scope="module")
def fintech():
    return sc.fintech_doc()


@pytest.fixture(scope="module")
def iot():
    return sc.iot_doc()


@pytest.fixture(scope="module")
def hipaa():
    return sc.hipaa_doc()


def _doc(domain=None, **fields):
    s = h.with_fields(signals_with(), **fields)
    return h.build_doc(s, domain or h.fintech_domain())


# ------------------------------------------------------------------------------- Stage 7


@pytest.mark.parametrize(
    ("sensitivity", "mfa"),
    [
        ("health", "required"),
        ("financial", "required"),
        ("pii", "recommended"),
        ("none", "optional"),
    ],
)
def test_mfa_by_sensitivity(sensitivity, mfa):
    doc = _doc(data__sensitivity=sensitivity)
    assert doc.security.auth.mfa.requirement == mfa


def test_refresh_expiry_shorter_for_sensitive_data():
    assert _doc(data__sensitivity="health").security.auth.jwt.refresh_token_expiry.startswith(
        "7 days"
    )
    assert _doc(data__sensitivity="none").security.auth.jwt.refresh_token_expiry.startswith(
        "30 days"
    )


def test_roles_and_row_level_rules_come_from_the_domain(fintech):
    authz = fintech.security.authorization
    assert [r.name for r in authz.roles] == ["trader", "compliance_officer"]
    assert all(r.permissions for r in authz.roles)
    entities = {r.entity for r in authz.row_level_rules}
    assert {"accounts", "orders"} <= entities
    assert all(
        f in fintech.security.privilege_audit_fields
        for f in ("actor_id", "action", "resource", "timestamp", "ip_address")
    )


def test_every_endpoint_has_a_role_and_tier(fintech):
    access = fintech.security.endpoint_access
    assert len(access) == len(fintech.api.endpoints if fintech.api else fintech.domain.endpoints)
    tiers = {a.rate_limit_tier for a in access}
    assert "auth" in tiers
    limit_tiers = {t.tier for t in fintech.security.rate_limiting.tiers}
    assert tiers <= limit_tiers
    assert {"public", "auth"} <= limit_tiers


def test_payments_bring_pci_tokenization_and_stripe_csp(fintech):
    pci = next(r for r in fintech.security.compliance if r.regulation.startswith("PCI"))
    assert pci.applicable
    assert any("tokenization" in c.control and "Stripe" in c.control for c in pci.controls)
    csp = next(x.value for x in fintech.security.headers if x.name == "Content-Security-Policy")
    assert "https://js.stripe.com" in csp and "frame-ancestors 'none'" in csp


def test_realtime_csp_allows_the_websocket_origin(fintech, iot):
    csp = next(x.value for x in fintech.security.headers if x.name == "Content-Security-Policy")
    assert "wss://api." in csp
    csp_iot = next(x.value for x in iot.security.headers if x.name == "Content-Security-Policy")
    assert "wss://" not in csp_iot


def test_hsts_and_tls(hipaa):
    enc = hipaa.security.encryption
    assert enc.hsts == "max-age=63072000; includeSubDomains; preload"
    assert enc.tls_minimum == "TLS 1.2" and enc.tls_preferred.startswith("TLS 1.3")
    assert "KMS" in enc.kms or "Vault" in enc.kms
    assert "No secrets in source code" in enc.secrets_policy


def test_owasp_mitigations_are_product_specific(fintech, hipaa):
    a01_f = " ".join(fintech.security.owasp[0].mitigations)
    a01_h = " ".join(hipaa.security.owasp[0].mitigations)
    assert "trader" in a01_f and "doctor" in a01_h
    a04_f = " ".join(fintech.security.owasp[3].mitigations)
    assert "POST /v1/orders" in a04_f  # money endpoint gets Idempotency-Key
    assert len(fintech.security.owasp) == 10


# ------------------------------------------------------------------------------- Stage 8


def test_financial_data_never_cached_in_shared_key(fintech):
    keys = [c.key_format for c in fintech.scalability.caching]
    assert not any(k.startswith("account:") for k in keys)
    assert any("accounts" in a for a in fintech.scalability.cache_anti_patterns)


def test_user_profile_key_format(fintech):
    keys = {c.key_format for c in fintech.scalability.caching}
    assert "user:{user_id}:profile" in keys
    for c in fintech.scalability.caching:
        assert c.ttl_seconds >= 1 and c.invalidation and c.stampede_protection


def test_health_records_cached_per_user_only(hipaa):
    patient = [c for c in hipaa.scalability.caching if c.resource.startswith("patient")]
    assert patient and all(c.key_format.startswith("user:{user_id}:") for c in patient)


def test_jobs_retry_dlq_and_idempotency(iot):
    q = iot.scalability.queue
    assert q is not None and q.jobs
    for j in q.jobs:
        assert j.retry_policy == RETRY_POLICY
        assert (
            "base 2 s" in j.retry_policy
            and "max 5 retries" in j.retry_policy
            and "jitter" in j.retry_policy
        )
        assert j.dead_letter and j.idempotency and j.timeout_seconds > 0
    rollup = next(j for j in q.jobs if j.name == "readings.rollup")
    assert rollup.timeout_seconds == 900  # compute-heavy


def test_circuit_breaker_for_every_third_party(fintech, hipaa):
    for doc in (fintech, hipaa):
        services = {b.service for b in doc.scalability.circuit_breakers}
        for t in doc.domain.third_parties:
            assert t in services
    stripe = next(b for b in fintech.scalability.circuit_breakers if b.service == "Stripe")
    assert "Idempotency-Key" in stripe.fallback
    market = next(b for b in fintech.scalability.circuit_breakers if "Polygon" in b.service)
    assert "stale price" in market.fallback


def test_queue_agrees_with_the_stack(iot, fintech):
    from archwright.decide import select_architecture, select_data_strategy
    from archwright.design.stack import select_stack

    for doc in (iot, fintech):
        arch = select_architecture(doc.signals, doc.domain)
        stack = select_stack(doc.signals, arch, select_data_strategy(doc.signals, doc.domain))
        if stack.queue.technology:
            assert doc.scalability.queue.technology == stack.queue.technology
            assert doc.operations.runtime.queue == stack.queue.technology
            assert any(
                stack.queue.technology in r
                for r in doc.operations.observability.metrics.use_resources
            )


def test_queue_rules_kafka_only_with_ordering_and_many_consumers():
    from archwright.design.scalability import queue_by_rules
    from archwright.design.stack import select_stack

    base = h.with_fields(
        signals_with(), data__relationships="time_series", behavior__write_intensity=5
    )
    big = h.with_fields(base, product__team_size="20+")
    small = h.with_fields(base, product__team_size="solo")
    from archwright.decide import select_architecture, select_data_strategy

    st = select_stack(
        big, select_architecture(big, h.iot_domain()), select_data_strategy(big, h.iot_domain())
    )
    assert "Kafka" in queue_by_rules(big, st, "go")[0]
    assert "Kafka" not in queue_by_rules(small, st, "go")[0]
    assert queue_by_rules(small, st, "typescript")[0].startswith("BullMQ")
    assert queue_by_rules(small, st, "python")[0].startswith("Celery")


def test_database_scaling_path_and_shard_key(iot, hipaa):
    assert len(iot.scalability.database_scaling_path) >= 4
    assert "device_id" in iot.scalability.sharding_key
    assert hipaa.scalability.sharding_key


def test_cost_model_is_monotonic_and_budget_capacity_fits():
    prev = 0
    for n in (100, 1_000, 5_000, 20_000, 300_000, 3_000_000):
        total, lines, _ = monthly_cost(n, 0.1, cache_layer=True, queue=True, realtime=False)
        assert total >= prev and total == sum(li.monthly_usd for li in lines)
        prev = total
    cap = capacity(2_000, 0.1, cache_layer=True, queue=True, realtime=False)
    assert monthly_cost(cap, 0.1, cache_layer=True, queue=True, realtime=False)[0] <= 2_000
    assert monthly_cost(cap + 1_000, 0.1, cache_layer=True, queue=True, realtime=False)[0] > 2_000


def test_generous_budget_is_not_binding():
    doc = _doc(scale__peak_concurrent_users=2_000, constraints__budget_monthly_usd=50_000)
    assert doc.scalability.budget.binding == "scale"
    assert "not binding" in doc.scalability.binding_constraint


# ------------------------------------------------------------------------------- Stage 9


def test_pipeline_scales_with_team():
    solo = _doc(product__team_size="solo")
    big = _doc(product__team_size="20+")
    assert solo.operations.ci_cd.tier == "minimum_viable"
    assert big.operations.ci_cd.tier == "full"
    assert len(big.operations.ci_cd.pipeline) > len(solo.operations.ci_cd.pipeline)
    assert big.operations.ci_cd.coverage_gate_percent == 80
    names = [s.name for s in big.operations.ci_cd.pipeline]
    order = [
        next(i for i, n in enumerate(names) if key in n)
        for key in ("Lint", "Unit tests", "Build image", "staging", "approval", "production")
    ]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("stage", "strategy"), [("mvp", "rolling"), ("growth", "blue/green"), ("scale", "canary")]
)
def test_deployment_strategy_by_stage(stage, strategy):
    assert _doc(product__stage=stage).operations.ci_cd.deployment_strategy.startswith(strategy)


def test_every_critical_alert_has_a_runbook(fintech, iot, hipaa):
    for doc in (fintech, iot, hipaa):
        runbooks = {r.name: r for r in doc.operations.incident_management.runbooks}
        for a in doc.operations.observability.metrics.alerts:
            assert a.critical and a.runbook in runbooks
            rb = runbooks[a.runbook]
            assert rb.triage and rb.common_causes and "escalate" in rb.escalation
        levels = [s.level for s in doc.operations.incident_management.severities]
        assert levels == ["P1", "P2", "P3", "P4"]


def test_business_metrics_from_domain(fintech):
    names = [m.name for m in fintech.operations.observability.metrics.business]
    assert names[:3] == ["orders_placed_total", "order_fill_seconds", "deposits_cents_total"]


def test_red_and_use_cover_components(iot):
    m = iot.operations.observability.metrics
    comps = {(c.component, c.method) for c in m.per_component}
    assert all((s, "RED") in comps for s in m.red_services)
    assert all((r, "USE") in comps for r in m.use_resources)
    assert any(iot.scalability.queue.technology in r for r in m.use_resources)


def test_solo_on_call_has_escalation_contact():
    doc = _doc(product__team_size="solo")
    assert "secondary contact" in doc.operations.incident_management.on_call


def test_payment_alert_only_with_payments(fintech, iot):
    assert any(
        "payment failure" in a.metric for a in fintech.operations.observability.metrics.alerts
    )
    assert not any("payment" in a.metric for a in iot.operations.observability.metrics.alerts)


def test_deterministic():
    a = sc.fintech_doc().model_dump_json()
    b = sc.fintech_doc().model_dump_json()
    assert a == b
