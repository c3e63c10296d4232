"""Property tests: the gate always terminates, never crashes, and is idempotent.

Two sources of documents: whole pipelines over generated prompts, and the base document broken
by random combinations of the YAML cases' violations.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.verify.harness import all_cases, apply_patch, base_dict

from archwright.models.document import ArchitectureDocument
from archwright.verify import run_gate
from archwright.verify.gate import MAX_ITERATIONS

PRODUCTS = [
    "a social app", "a marketplace for handmade goods", "a telehealth platform for clinics",
    "an internal tool for HR", "a real-time multiplayer game backend", "an IoT sensor dashboard",
    "a B2B invoicing SaaS", "a video transcoding service", "a crypto trading desk",
    "a recipe sharing site", "une application de covoiturage", "a chat app for gamers",
]  # fmt: skip
CLAUSES = [
    "It's just me building it.", "We are a team of 40 engineers.", "HIPAA compliance needed.",
    "We want to use MongoDB.", "Store JWT tokens in localStorage.", "Budget is $500/month.",
    "10 million concurrent users on day one.", "Skip the monitoring stuff.",
    "Use Kafka for everything.", "We're on AWS Lambda with WebSockets.", "Payments via Stripe.",
    "GDPR applies; users are in the EU.", "Traffic is spiky around sports events.",
    'Name: "Quote --> %% `x`"', "<script>alert(1)</script>", "DROP TABLE users; --", "🚀🔥",
]  # fmt: skip

prompts = st.builds(
    lambda product, clauses: " ".join([f"Build {product}.", *clauses]),
    st.sampled_from(PRODUCTS),
    st.lists(st.sampled_from(CLAUSES), max_size=4, unique=True),
)


def assert_stable(doc: ArchitectureDocument) -> None:
    v = doc.verification
    assert 1 <= v.iterations <= MAX_ITERATIONS
    assert {c.status for c in v.checks} <= {"pass", "fail", "fixed"}
    assert v.passed == all(c.status != "fail" for c in v.checks)
    again = run_gate(doc)
    assert again.model_dump(exclude={"verification"}) == doc.model_dump(exclude={"verification"})
    assert again.verification.fixes_applied == []
    assert again.verification.passed == v.passed
    assert [c.status == "fail" for c in again.verification.checks] == [
        c.status == "fail" for c in v.checks
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prompts)
def test_gate_on_generated_prompts(prompt):
    from archwright import generate

    assert_stable(generate(prompt))


VIOLATIONS = [
    case["patch"]
    for _, name, case in all_cases()
    if not name.startswith("pass") and case.get("patch") and not case.get("requires")
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(range(len(VIOLATIONS))), min_size=1, max_size=6))
def test_gate_on_combined_violations(picks):
    data = base_dict()
    for i in picks:
        try:
            apply_patch(data, VIOLATIONS[i])
        except (KeyError, IndexError, TypeError):
            continue  # an earlier patch removed what this one edits
    try:
        doc = ArchitectureDocument.model_validate(data)
    except ValidationError:
        return
    out = run_gate(doc)
    assert_stable(out)
    assert not (
        out.verification.passed and any(c.status == "fail" for c in out.verification.checks)
    )
