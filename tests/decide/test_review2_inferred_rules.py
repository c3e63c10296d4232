"""A decision rule fires on what the user stated, or says that it rests on an inference."""

from __future__ import annotations

import pytest
from tests.decide.conftest import make

from archwright.decide.architecture import select_architecture
from archwright.intake.extract import extract
from archwright.models.signals import Signals


def _inferred(s: Signals, group: str, name: str, why: str) -> Signals:
    section = getattr(s, group)
    leaf = getattr(section, name).model_copy(
        update={"inferred": True, "evidence": f"INFERRED: {why}"}
    )
    return s.model_copy(update={group: section.model_copy(update={name: leaf})})


def test_inferred_inbound_webhooks_alone_do_not_pick_serverless(domain):
    s = _inferred(
        make(integration__webhooks="inbound"),
        "integration",
        "webhooks",
        "payment providers confirm charges and refunds by webhook",
    )
    a = select_architecture(s, domain)
    assert a.architecture_pattern != "serverless"
    assert a.rule_fired.rule != "SERVERLESS.event_driven"
    reason = next(r for r in a.rejected_patterns if r.pattern == "Serverless").rejection_reason
    assert "integration.webhooks = inbound is inferred" in reason
    assert "payment providers confirm charges" in reason


def test_stated_inbound_webhooks_still_pick_serverless(domain):
    a = select_architecture(make(integration__webhooks="inbound"), domain)
    assert a.rule_fired.rule == "SERVERLESS.event_driven"


def test_a_rule_on_an_inferred_field_says_so(domain):
    s = _inferred(
        make(scale__traffic_pattern="spiky"),
        "scale",
        "traffic_pattern",
        "Ticketing archetype default — on-sales draw crowds",
    )
    a = select_architecture(s, domain)
    assert a.rule_fired.rule == "SERVERLESS.traffic_pattern"
    assert "rests on an inference" in a.rule_fired.text
    assert "on-sales draw crowds" in a.rule_fired.text
    stated = select_architecture(make(scale__traffic_pattern="spiky"), domain)
    assert "inference" not in stated.rule_fired.text


@pytest.mark.parametrize(
    "prompt",
    [
        "A 10 person team at a growth stage startup: a tutoring marketplace where parents pay "
        "tutors per lesson, about 80,000 families.",
        "Our 15 developers are building a B2B invoicing SaaS for 50,000 small businesses; growth "
        "stage, customers pay by card.",
    ],
)
def test_payments_alone_do_not_make_a_product_serverless(prompt, domain):
    s, d = extract(prompt)
    assert s.integration.webhooks.inferred
    a = select_architecture(s, d)
    assert a.rule_fired.rule != "SERVERLESS.event_driven"
