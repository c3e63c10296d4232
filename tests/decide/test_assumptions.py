"""Assumptions Log, decision sensitivity and Open Questions."""

from __future__ import annotations

from tests.decide.conftest import make

from archwright.decide.architecture import select_architecture
from archwright.decide.assumptions import build_assumptions, confidence, knowledge
from archwright.decide.data_strategy import select_data_strategy
from archwright.decide.sensitivity import (
    alternatives,
    analyse,
    inferred_fields,
    parse_value,
    with_value,
)
from archwright.models.signals import Conflict, Intensity, Leaf, Signals


def _infer(s: Signals, *paths: str) -> Signals:
    """Mark fields as inferred (make() sets them explicit)."""
    for path in paths:
        group, _, name = path.partition(".")
        section = getattr(s, group)
        leaf = getattr(section, name)
        leaf = leaf.model_copy(update={"inferred": True, "evidence": "INFERRED: test default"})
        s = s.model_copy(update={group: section.model_copy(update={name: leaf})})
    return s


def _build(s, domain, extra=None):
    a = select_architecture(s, domain)
    d = select_data_strategy(s, domain)
    return build_assumptions(s, domain, a, d, extra)


def test_every_signal_leaf_has_risk_knowledge():
    from tests.factories import signals_with

    s = signals_with()
    paths = []
    for group in ("product", "behavior", "data", "scale", "integration", "constraints"):
        section = getattr(s, group)
        for name in type(section).model_fields:
            if isinstance(getattr(section, name), Leaf | Intensity):
                paths.append(f"{group}.{name}")
    assert sorted(knowledge().fields) == sorted(paths)


def test_one_assumption_per_inferred_field(domain):
    s = _infer(make(), "product.team_size", "data.relationships", "scale.traffic_pattern")
    assumptions, _ = _build(s, domain)
    assert [a.field for a in assumptions] == [
        "signals.product.team_size",
        "signals.data.relationships",
        "signals.scale.traffic_pattern",
    ]
    assert all(a.set_hint and a.set_hint.startswith("--set ") for a in assumptions)
    assert all("|" not in a.set_hint for a in assumptions)  # hints sit in Markdown tables


def test_risk_names_the_decision_that_changes(domain):
    # neutral product falls to HYBRID.default; a team of 2-5 would make it a monolith
    s = _infer(make(), "product.team_size")
    assumptions, questions = _build(s, domain)
    team = assumptions[0]
    assert "if it is 2-5 instead of 5-20, the architecture pattern becomes monolith" in (
        team.risk_if_wrong.lower()
    )
    assert "architecture pattern" in team.decisions_affected
    q = next(q for q in questions if q.field == "signals.product.team_size")
    assert q.impact == "high"
    assert q.set_hint == "--set product.team_size=<solo/2-5/5-20/20+>"


def test_twenty_plus_team_turns_monolith_into_something_else(domain):
    s = _infer(
        make(
            product__team_size="2-5",
            product__stage="scale",
            constraints__budget_tier="series_a_plus",
            behavior__read_intensity=4,
            behavior__write_intensity=4,
        ),
        "product.team_size",
    )
    sens = analyse(s, domain)
    changes = [c for c in sens.changes["product.team_size"] if c.decision == "pattern"]
    assert ("20+", "microservices") in {(c.value, c.after) for c in changes}


def test_fields_that_change_nothing_get_no_question(domain):
    s = _infer(make(), "product.name", "integration.webhooks")
    sens = analyse(s, domain)
    assert "product.name" not in sens.changes
    _, questions = _build(s, domain)
    assert all(q.field != "signals.product.name" for q in questions)


def test_questions_rank_conflicts_first_then_by_impact(domain):
    s = _infer(make(), "product.team_size", "behavior.compute_intensity", "data.relationships")
    conflict = Conflict(
        code="scale_vs_budget",
        fields=["scale.peak_concurrent_users", "constraints.budget_monthly_usd"],
        tension="10M concurrent users vs a $500/month budget.",
        impact="high",
        resolution="Budget is binding.",
    )
    s = set_budget(s.model_copy(update={"conflicts": [conflict]}), 500)
    _, questions = _build(s, domain)
    first = questions[0]
    assert first.impact == "high"
    assert "Scale vs budget" in first.question
    assert "1,000–5,000 concurrent users" in first.why_it_matters
    assert "10K" in first.why_it_matters and "1M" in first.why_it_matters
    assert first.set_hint == "--set constraints.budget_monthly_usd=<number>"
    ranks = [{"high": 0, "medium": 1, "low": 2}[q.impact] for q in questions[1:]]
    assert ranks == sorted(ranks)


def set_budget(s: Signals, usd: int) -> Signals:
    from tests.factories import set_field

    return set_field(s, "constraints.budget_monthly_usd", usd)


def test_confidence_by_how_the_inference_was_made():
    assert confidence("INFERRED: no team size stated", "unknown") == "low"
    assert confidence("INFERRED: no stage stated; defaulting to MVP", "mvp") == "low"
    assert (
        confidence("INFERRED: feeds are read far more than written (industry ratio)", 4) == "medium"
    )
    assert confidence("INFERRED: derived from 'patients' in the prompt", "health") == "high"


def test_alternatives_are_plausible():
    s = make(behavior__read_intensity=1)
    assert alternatives(s, "behavior.read_intensity") == [2]
    assert "unknown" not in alternatives(s, "product.team_size")
    assert "5-20" not in alternatives(s, "product.team_size")


def test_parse_value_types_and_errors():
    import pytest

    from archwright.errors import InputError

    s = make()
    assert parse_value(s, "behavior.read_intensity", "5") == 5
    assert parse_value(s, "constraints.compliance", "HIPAA, gdpr") == ["gdpr", "hipaa"]
    assert parse_value(s, "signals.product.stage", "Scale") == "scale"
    for path, raw in (
        ("product.team_size", "lots"),
        ("behavior.read_intensity", "9"),
        ("nope.x", "1"),
    ):
        with pytest.raises(InputError):
            parse_value(s, path, raw)
    assert with_value(s, "product.stage", "scale").product.stage.value == "scale"


def test_sensitivity_includes_injected_later_decisions(domain):
    calls = []

    def extra(signals, arch, data):
        calls.append(1)
        return {"queue": "Kafka" if signals.behavior.write_intensity.score >= 3 else "BullMQ"}

    s = _infer(make(), "behavior.write_intensity", "product.name")
    sens = analyse(s, domain, extra)
    assert calls
    assert any(
        c.decision == "queue" and c.after == "Kafka"
        for c in sens.changes["behavior.write_intensity"]
    )


def test_social_app_logs_at_least_twelve_assumptions(social_doc):
    assert len(social_doc.assumptions) >= 12
    assert {a.confidence for a in social_doc.assumptions} <= {"high", "medium", "low"}
    assert all(a.risk_if_wrong for a in social_doc.assumptions)
    assert len(inferred_fields(social_doc.signals)) == len(social_doc.assumptions)
    md = social_doc.to_markdown()
    assert "## Assumptions Log" in md and "## Open Questions" in md
    assert "--set " in md


def test_fields_outside_decision_inputs_never_change_a_decision(domain):
    """Justifies skipping them in the sensitivity analysis."""
    from archwright.decide.sensitivity import DECISION_INPUTS, ENUMS, decisions_of

    bases = [make(), make(product__team_size="solo"), make(scale__traffic_pattern="spiky")]
    candidates = [
        p
        for p in (
            *ENUMS,
            "integration.payments_needed",
            "integration.auth_provider_needed",
            "constraints.compliance",
        )
        if p not in DECISION_INPUTS
    ]
    assert "behavior.dominant_constraint" in candidates
    for base in bases:
        before = decisions_of(base, domain)
        for path in candidates:
            for value in alternatives(base, path):
                assert decisions_of(with_value(base, path, value), domain) == before, (path, value)


def test_skipping_decisions_that_did_not_read_a_field_changes_nothing():
    """The analysis re-runs a decision only for alternatives of fields it read on the baseline;
    re-running every decision for every alternative must find exactly the same changes."""
    from tests.design46.prompts import corpus_prompts

    from archwright.api import normalize_prompt, stack_decisions
    from archwright.decide.sensitivity import (
        DECISION_INPUTS,
        STACK_FIELDS,
        Change,
        _crosses,
        _fmt,
        decisions_of,
        value_of,
    )
    from archwright.intake import extract

    checked = 0
    for prompt in list(corpus_prompts().values())[::4]:
        signals, dom = extract(normalize_prompt(prompt))
        baseline = decisions_of(signals, dom, stack_decisions)
        expected: dict[str, list[Change]] = {}
        for path in inferred_fields(signals):
            if path not in DECISION_INPUTS:
                continue
            for value in alternatives(signals, path):
                stack = path in STACK_FIELDS and _crosses(path, value_of(signals, path), value)
                after = decisions_of(
                    with_value(signals, path, value), dom, stack_decisions if stack else None
                )
                checked += 1
                expected.setdefault(path, []).extend(
                    Change(path, _fmt(value), name, before, after[name])
                    for name, before in baseline.items()
                    if name != "pattern_label" and after.get(name, before) != before
                )
        sens = analyse(signals, dom, stack_decisions)
        assert sens.changes == {k: v for k, v in expected.items() if v}, prompt
    assert checked > 500
