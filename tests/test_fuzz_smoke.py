"""A short run of the fuzz campaign inside the suite, so the opt-in `make fuzz` never rots and
adversarial prompts are exercised on every change (no time bound is asserted here)."""

from __future__ import annotations

import math

from fuzz.campaign import run
from fuzz.check import check_files


def test_short_fuzz_campaign_has_no_crash_and_no_invalid_artifact():
    stats = run(examples=150, bound_ms=math.inf, seed_value=1, report=None)
    assert stats["examples"] >= 100
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
