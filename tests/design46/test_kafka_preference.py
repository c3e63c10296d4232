"""One rule decides a stated Kafka preference (knowledge/conflicts.yaml kafka_not_justified), and
the tech stack's Message Queue row follows the record Stage 1 writes.

Before, Stage 1 honored Kafka for any team that was not small (or not an MVP) while Stage 4
rejected it unless the team was 20+, traffic non-steady, write intensity 5 AND peak >= 100,000:
a 60-engineer CDC pipeline read "Kafka — honored" beside a "Kafka (rejected)" row (AW-CON-007).
Every prompt here asserts the record and the row together. The prompts are paraphrases the
rule was not written from: other products, other ways to state team, rate and traffic.
"""

from __future__ import annotations

import pytest

from archwright import generate


def _kafka(prompt: str):
    doc = generate(prompt)
    record = next(
        p for p in doc.signals.preferences if p.stance == "use" and p.technology == "kafka"
    )
    row = next(r for r in doc.overview.tech_stack if r.layer == "Message Queue")
    checks = {c.code: c for c in doc.verification.checks}
    return doc, record, row, checks


HONORED = [
    # the prompt that exposed the contradiction
    "event pipeline with Kafka that ingests CDC streams and loads them into our warehouse, "
    "60-engineer company",
    "Our analytics org (about 45 engineers) wants Apache Kafka to stream 30k order events per "
    "second from the storefront into fraud scoring and the warehouse.",
    "Platform team of 120 developers; the payments service emits bursts of 8,000 ledger events "
    "per second into Kafka for reconciliation, analytics and notifications",
    # steady, but not low scale: 20,000 concurrent users is above the 10,000 threshold
    "We have 40 engineers and a ticketing platform with 20,000 concurrent users all day long, "
    "steady load, about 3,000 writes per second; we'd like Kafka",
]


@pytest.mark.parametrize("prompt", HONORED)
def test_large_team_with_high_event_rate_keeps_kafka(prompt):
    doc, record, row, checks = _kafka(prompt)
    assert record.decision == "honored", record.reason
    assert row.technology == "Apache Kafka"
    assert "(" not in (row.preference or "")  # no "(overridden)" / "(rejected)" verdict
    assert not {c.code for c in doc.signals.conflicts} & {
        "kafka_vs_small_team",
        "kafka_vs_low_scale",
    }
    assert checks["AW-CON-007"].status == "pass"
    assert doc.verification.passed


OVERRIDDEN = [
    # a tiny team, whatever the rate (the seed's solo stress test: BullMQ even at write 5)
    ("My cofounder and I are building a simple CRUD tool for tracking gym memberships. Low "
     "traffic. Use Kafka.", "kafka_vs_small_team", True),
    ("Two of us are hacking on a recipe-sharing site with maybe a few hundred visitors a day; "
     "we'd like Kafka underneath.", "kafka_vs_small_team", False),
    ("Just me building a crypto price ticker that ingests 20,000 trades per second; I'd like "
     "Kafka", "kafka_vs_small_team", True),
    # steady, low-scale internal tools of large companies (seed Stage 10)
    ("Our 30-developer company needs an internal leave-request portal for HR; usage is steady "
     "through the work week. The platform has been in production for years. Please build it "
     "on Kafka.", "kafka_vs_low_scale", False),
    ("A 50-engineer company's internal invoice OCR service: scanned PDFs run through text "
     "extraction, load is steady through the day, a few hundred accountants use it; use Kafka "
     "to hand documents to the workers", "kafka_vs_low_scale", True),
]  # fmt: skip


@pytest.mark.parametrize(("prompt", "conflict", "queue_needed"), OVERRIDDEN)
def test_unjustified_kafka_is_overridden_in_record_and_row(prompt, conflict, queue_needed):
    doc, record, row, checks = _kafka(prompt)
    assert record.decision == "modified"
    assert record.alternative_role  # comply and flag: Kafka stays the named target
    assert conflict in {c.code for c in doc.signals.conflicts}
    assert "Kafka" not in row.technology
    if queue_needed:
        # the row shows the managed queue that replaced it, and keeps Kafka as the alternative
        assert row.needed
        assert row.preference == "Kafka (overridden)"
        assert row.alternative_considered.startswith("Apache Kafka: ")
        assert "Stage 1 preference record" in row.justification
    else:
        assert not row.needed
    assert checks["AW-CON-007"].status == "pass"
    assert checks["AW-ENG-002"].status == "pass"
    assert doc.verification.passed


def test_no_kafka_is_chosen_unprompted_and_an_avoided_kafka_stays_out():
    base = (
        "Our 60-engineer company runs a ride-hailing platform with huge rush-hour spikes, "
        "5,000 location updates per second"
    )
    plain = generate(base)
    assert not plain.signals.preferences
    avoided = generate(base + ". No Kafka please.")
    assert [(p.stance, p.decision) for p in avoided.signals.preferences] == [("avoid", "honored")]
    for doc in (plain, avoided):
        row = next(r for r in doc.overview.tech_stack if r.layer == "Message Queue")
        assert row.needed and "Kafka" not in row.technology and row.preference is None
        assert doc.verification.passed


@pytest.mark.parametrize(
    "prompt",
    [
        # asked for and ruled out: the exclusion wins (requested_and_avoided), in the row too
        "A Node.js image processing service, use BullMQ for the jobs, but avoid BullMQ. "
        "Thousands of uploads per second.",
        # ruled out only: the language's default queue is not used
        "TypeScript backend for a parcel tracking service that records 2,000 scan events per "
        "second, please no BullMQ",
    ],
)
def test_a_turned_down_queue_is_not_the_default_either(prompt):
    doc = generate(prompt)
    row = next(r for r in doc.overview.tech_stack if r.layer == "Message Queue")
    assert row.needed and row.technology != "BullMQ"
    rejected = [
        p for p in doc.signals.preferences if p.stance == "use" and p.technology == "bullmq"
    ]
    assert row.preference == ("BullMQ (rejected)" if rejected else None)
    assert all(p.decision == "rejected" for p in rejected)
    assert doc.verification.passed


@pytest.mark.parametrize("prompt", [*HONORED, *(p for p, _, _ in OVERRIDDEN)])
def test_signals_without_a_record_get_the_same_verdict(prompt):
    # hand-built signals carry no record; the fallback asks the same rule and must agree
    from archwright.intake.rules import preference_verdict

    signals = generate(prompt).signals
    record = next(p for p in signals.preferences if p.technology == "kafka")
    bare = signals.model_copy(
        update={"preferences": [p for p in signals.preferences if p is not record]}
    )
    again = preference_verdict(bare, "kafka", "Kafka", "queue")
    assert (again.decision, again.reason) == (record.decision, record.reason)


# Nothing stated about team, stage or user count: Stage 1 only assumes an MVP and ~1,000 users,
# and an assumption does not overrule a stated choice (the event volume is not low either).
ASSUMED_ONLY = [
    "An event-sourced order management system using Kafka and Cassandra for a retailer "
    "processing 5 million orders per day.",
    "Settlement engine for a card network: every authorisation and capture lands on Kafka, "
    "about 400 events a second at peak.",
    "We want to use Kafka for the telemetry of our 20,000 delivery trucks.",
]


@pytest.mark.parametrize("prompt", ASSUMED_ONLY)
def test_assumed_stage_and_users_do_not_overrule_a_stated_kafka(prompt):
    doc, record, row, checks = _kafka(prompt)
    assert doc.signals.product.stage.inferred and doc.signals.scale.launch_users.inferred
    assert doc.signals.behavior.write_intensity.score >= 4
    assert record.decision == "honored", record.reason
    assert row.technology == "Apache Kafka"
    assert checks["AW-ENG-002"].status == "pass"
    assert doc.verification.passed


@pytest.mark.parametrize(
    ("prompt", "conflict"),
    [
        # the same workloads once the user states the facts that make Kafka too much
        ("An MVP to validate demand: event-sourced order management on Kafka for a retailer, "
         "about 5 million orders per day.", "kafka_vs_small_team"),
        ("Settlement engine for a card network with steady load and about 800 concurrent users; "
         "every authorisation and capture lands on Kafka, 400 events a second.",
         "kafka_vs_low_scale"),
    ],
)  # fmt: skip
def test_stated_mvp_or_stated_low_scale_still_overrule_kafka(prompt, conflict):
    doc, record, row, checks = _kafka(prompt)
    assert record.decision == "modified", record.reason
    assert conflict in {c.code for c in doc.signals.conflicts}
    assert "Kafka" not in row.technology
    assert checks["AW-ENG-002"].status == "pass"
    assert doc.verification.passed
