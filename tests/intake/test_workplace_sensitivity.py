"""Sensitivity comes from the data a product holds, not from words that name its workplace or
share a spelling: a nurse roster holds working time (PII), not patient data; a squash court is
not a court of law; stock levels are not stock trades. Each case failed before its fix."""

from __future__ import annotations

import pytest

from archwright.intake.extract import extract


def _sensitivity(prompt: str) -> tuple[str, list[str]]:
    signals, _ = extract(prompt)
    return signals.data.sensitivity.value, signals.constraints.compliance.value


@pytest.mark.parametrize(
    "prompt",
    [
        "we need a tool to schedule shifts for nurses across three hospitals",
        "a roster app for the nurses of a children's hospital so they can see and trade shifts",
        "staff rota for a law firm",
        "fleet of 30 ambulances: maintenance schedule and who drives which one",
    ],
)
def test_a_health_or_legal_workplace_is_not_health_or_legal_data(prompt):
    sensitivity, compliance = _sensitivity(prompt)
    assert sensitivity == "pii"
    assert "hipaa" not in compliance


def test_patients_named_in_the_same_product_still_make_it_phi():
    sensitivity, compliance = _sensitivity(
        "a rota for nurses that also shows which patients each nurse looks after"
    )
    assert sensitivity == "health"
    assert "hipaa" in compliance


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("reserve a squash court online", "pii"),
        ("the court hearings calendar for our litigation team", "legal"),
        ("Track stock levels of medical supplies in our clinics warehouse", "pii"),
        ("we sell stock photos", "pii"),
        ("stock trading app for beginners", "financial"),
        ("app to buy stock with no fees", "financial"),
        ("investing app for stocks and ETFs", "financial"),
    ],
)
def test_words_with_two_meanings_take_the_one_the_prompt_uses(prompt, expected):
    assert _sensitivity(prompt)[0] == expected
