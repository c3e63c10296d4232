"""The seed's seven stress tests and the labelled corpus end in VERIFICATION PASSED."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archwright import generate

STRESS = {
    "1_mvp_wants_google": "Build a real-time collaborative document editor with offline support, "
    "end-to-end encryption, AI writing assistance, and global multi-region sync. It's just me "
    "building it.",
    "2_wrong_database": "It's a financial trading platform where users execute real-time stock "
    "trades. We want to use MongoDB.",
    "3_security_disaster": "Store JWT tokens in localStorage for simplicity. HIPAA compliance "
    "needed. Users are doctors accessing patient records.",
    "4_vague_one_liner": "Build me a backend for a social app.",
    "5_contradictory_scale": "It needs to handle 10 million concurrent users on day one, but we "
    "have a $500/month infrastructure budget.",
    "6_skip_observability": "Skip the monitoring stuff, we'll add it later.",
    "7_stack_mismatch": "We're using a serverless architecture on AWS Lambda with PostgreSQL and "
    "WebSockets for our real-time chat app.",
}
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus.yaml"
SECTIONS = ("overview", "api", "schema_", "security", "scalability", "operations")


def _corpus_prompts() -> list[str]:
    if not CORPUS.is_file():
        return []
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    items = data.get("prompts", data) if isinstance(data, dict) else data
    return [i["prompt"] if isinstance(i, dict) else str(i) for i in items]


def assert_passes(prompt: str) -> None:
    doc = generate(prompt)
    missing = [s for s in SECTIONS if getattr(doc, s) is None]
    assert not missing, f"sections missing: {missing}"
    failing = [f"{c.code}: {c.message}" for c in doc.verification.checks if c.status == "fail"]
    assert doc.verification.passed, failing
    section = doc.to_markdown().split("## Verification", 1)[1].split("\n## ", 1)[0]
    assert section.rstrip().endswith("**VERIFICATION PASSED**")


@pytest.mark.parametrize("name", sorted(STRESS))
def test_stress_prompt_passes_the_gate(name):
    assert_passes(STRESS[name])


@pytest.mark.parametrize("index", range(len(_corpus_prompts())))
def test_corpus_prompt_passes_the_gate(index):
    assert_passes(_corpus_prompts()[index])


def test_stress_1_shows_the_anti_over_engineering_checks():
    doc = generate(STRESS["1_mvp_wants_google"])
    checks = {c.code: c for c in doc.verification.checks}
    eng = [c for c in doc.verification.checks if c.category == "overengineering"]
    assert [c.code for c in eng] == [f"AW-ENG-00{i}" for i in range(1, 7)]
    assert checks["AW-ENG-001"].status == "pass"
    assert "team_size=" in checks["AW-ENG-001"].message
    assert "microservices not selected" in checks["AW-ENG-001"].message
    assert checks["AW-ENG-002"].status == "pass"
    assert "Kafka not selected" in checks["AW-ENG-002"].message
    md = doc.to_markdown()
    assert "Anti-over-engineering checks (applied last)" in md
    assert "Kafka not selected" in md and "microservices not selected" in md
    # the anti-over-engineering block comes after every other area in the check list
    order = [c.category for c in doc.verification.checks]
    assert order[-len(eng) :] == ["overengineering"] * len(eng)


def test_generators_leave_the_gate_nothing_to_fix():
    """The stages already satisfy every check: fixes are the gate's safety net for edited
    documents, not a step of generation (a fix here means a stage and a check disagree)."""
    from benchmarks.prompts import corpus

    from archwright.render.openapi import openapi_document
    from archwright.verify.openapi_lint import lint_spec

    prompts = [*STRESS.values(), *corpus()[::6]]
    fixed, linted = {}, {}
    for p in prompts:
        doc = generate(p)
        if doc.verification.fixes_applied:
            fixed[p[:50]] = doc.verification.fixes_applied
        # the governance linter and the gate apply one rule set: our own contract is clean
        if found := lint_spec(openapi_document(doc)):
            linted[p[:50]] = [f"{f.code} {f.pointer}" for f in found[:3]]
    assert len(prompts) > 40
    assert not fixed, fixed
    assert not linted, linted
