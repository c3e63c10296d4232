"""A short run of the fuzz campaign inside the suite, so the opt-in `make fuzz` never rots and
adversarial prompts are exercised on every change (no time bound is asserted here)."""

from __future__ import annotations

import math

from fuzz.campaign import run
from fuzz.check import check_files


def test_short_fuzz_campaign_has_no_crash_and_no_invalid_artifact():
    stats = run(examples=150, bound_ms=math.inf, seed_value=1, report=None, full_every=10)
    assert stats["examples"] >= 100
    assert stats["full_openapi_checks"] >= 10
    assert stats["crashes"] == 0, stats["failures"][:3]
    assert stats["invalid"] == 0, stats["failures"][:3]


def test_checker_rejects_broken_artifacts():
    problems = check_files(
        {
            "architecture.json": "{not json",
            "schema.sql": "CREATE TABLE (;",
            "compose.yaml": "a: [unclosed",
            "architecture.md": "# title\n<script>alert(1)</script>\n",
        }
    )
    kinds = " ".join(problems)
    for name in ("architecture.json", "schema.sql", "compose.yaml", "architecture.md"):
        assert name in kinds


def test_checker_rejects_an_invalid_openapi_on_both_paths():
    spec = "openapi: 3.1.0\npaths:\n  /v1/a/{id}:\n    get:\n      responses: {}\n"
    for full in (False, True):
        problems = check_files({"openapi.yaml": spec}, full=full)
        assert problems and "openapi.yaml" in problems[0], (full, problems)


def test_the_bound_is_enforced_on_cpu_time():
    # a bound no prompt can meet: every prompt that is not an input error counts as slow
    stats = run(examples=6, bound_ms=-1e9, seed_value=2, report=None, full_every=100)
    generated = stats["examples"] - stats["input_errors"]
    assert generated > 0 and stats["slow"] == generated
    slow = [f for f in stats["failures"] if f["kind"] == "slow"]
    assert slow and all("ms CPU >" in f["detail"] and "wall" in f["detail"] for f in slow)
    assert stats["max_ms"] > 0 and stats["max_wall_ms"] > 0
