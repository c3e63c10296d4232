"""The seed's seven stress tests end to end through ``archwright.generate``: everything Stages
1-3 decide for them (issue 2's "Must be true" list)."""

from __future__ import annotations

from functools import cache

from archwright import generate
from archwright.models.document import ArchitectureDocument

STRESS = {
    1: "Build a real-time collaborative document editor with offline support, end-to-end "
    "encryption, AI writing assistance, and global multi-region sync. It's just me building it.",
    2: "It's a financial trading platform where users execute real-time stock trades. "
    "We want to use MongoDB.",
    3: "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed. "
    "Users are doctors accessing patient records.",
    4: "Build me a backend for a social app.",
    5: "It needs to handle 10 million concurrent users on day one, but we have a $500/month "
    "infrastructure budget.",
    6: "Skip the monitoring stuff, we'll add it later.",
    7: "We're using a serverless architecture on AWS Lambda with PostgreSQL and WebSockets for "
    "our real-time chat app.",
}


@cache
def doc(n: int) -> ArchitectureDocument:
    return generate(STRESS[n])


def codes(d: ArchitectureDocument) -> set[str]:
    return {c.code for c in d.signals.conflicts}


def test_1_mvp_that_wants_to_be_google() -> None:
    d = doc(1)
    s = d.signals
    assert s.product.team_size.value == "solo" and not s.product.team_size.inferred
    assert "just me" in s.product.team_size.evidence
    assert s.behavior.real_time_intensity.score == 5
    assert s.behavior.compute_intensity.score == 4
    assert s.behavior.write_intensity.score >= 4
    assert s.behavior.primary_behavior.value == "real_time"
    assert "solo_vs_scope" in codes(d)
    scope = next(c for c in s.conflicts if c.code == "solo_vs_scope")
    assert scope.impact == "high" and "multi-region sync is deferred post-MVP" in scope.resolution
    a = d.architecture
    assert a.architecture_pattern in ("monolith", "hybrid")
    assert a.rule_fired.rule.startswith("MONOLITH")
    assert "solo" in a.rule_fired.value
    micro = [r for r in a.rejected_patterns if r.pattern.lower().startswith("microservice")]
    assert micro and micro[0].rejection_reason
    assert not any("kafka" in w.lower() for w in a.service_topology.async_workers)


def test_2_wrong_database_choice() -> None:
    d = doc(2)
    s = d.signals
    assert s.data.sensitivity.value == "financial"
    assert s.data.consistency.value == "strong"
    assert "document_store_vs_strong_consistency" in codes(d)
    mongo = s.preference("primary_database")
    assert mongo is not None and mongo.requested == "MongoDB"
    assert mongo.decision == "rejected" and mongo.alternative_role
    assert "activity logs" in mongo.alternative_role
    ds = d.data_strategy
    assert ds.primary_database == "PostgreSQL"
    assert s.data.relationships.value == "highly_relational"
    assert ds.scores["sql"] == 6
    assert ds.scores["document"] == -4
    named = [x.technology for x in ds.secondary_databases]
    assert "MongoDB" in named or "MongoDB" in ds.primary_db_rationale


def test_3_security_disaster() -> None:
    d = doc(3)
    s = d.signals
    assert s.data.sensitivity.value == "health"
    assert s.constraints.compliance.value == ["hipaa"]
    assert not s.constraints.compliance.inferred
    pref = s.preference("token_storage")
    assert pref is not None and pref.requested == "localStorage"
    assert pref.decision == "rejected"
    assert "httpOnly" in pref.reason
    tok = next(c for c in s.conflicts if c.code == "token_storage_vs_sensitive_data")
    assert tok.impact == "high" and "SameSite=Strict" in tok.resolution


def test_4_vague_one_liner() -> None:
    d = doc(4)
    s = d.signals
    assert s.product.product_type.value == "consumer_app"
    assert s.behavior.primary_behavior.value == "read_heavy"
    assert s.data.sensitivity.value == "pii"
    assert d.architecture.architecture_pattern in ("monolith", "hybrid")
    assert d.data_strategy.primary_database == "PostgreSQL"
    assert d.data_strategy.caching_strategy.tool == "Redis"
    assert len(d.assumptions) >= 12
    assert all(a.confidence and a.risk_if_wrong for a in d.assumptions)


def test_5_contradictory_scale() -> None:
    d = doc(5)
    s = d.signals
    assert s.scale.peak_concurrent_users.value == 10_000_000
    assert s.constraints.budget_monthly_usd.value == 500
    c = next(c for c in s.conflicts if c.code == "scale_vs_budget")
    assert c.impact == "high"
    assert "1,000–5,000" in c.tension and "binding constraint" in c.resolution
    assert s.behavior.dominant_constraint.value == "cost"
    assert any(q.impact == "high" for q in d.open_questions)
    text = " ".join(q.question + " " + q.why_it_matters for q in d.open_questions)
    assert "500" in text


def test_6_skip_observability() -> None:
    d = doc(6)
    assert d.signals.has_directive("condense_observability")
    directive = next(x for x in d.signals.directives if x.kind == "condense_observability")
    assert "monitoring" in directive.text


def test_7_stack_mismatch() -> None:
    d = doc(7)
    s = d.signals
    assert {"serverless_vs_websockets", "serverless_vs_connection_storms"} <= codes(d)
    storms = next(c for c in s.conflicts if c.code == "serverless_vs_connection_storms")
    assert "RDS Proxy" in storms.resolution
    ws = next(c for c in s.conflicts if c.code == "serverless_vs_websockets")
    assert "Fargate" in ws.resolution or "App Runner" in ws.resolution
    assert s.constraints.cloud_provider.value == "aws"
    serverless = next(p for p in s.preferences if p.technology == "serverless")
    assert serverless.decision == "modified"
    assert d.architecture.architecture_pattern == "hybrid"
