"""The benchmark script must keep working as the pipeline changes (figures are not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_quick_mode_reports_every_measure():
    r = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for measure in (
        "Machine:",
        "| Stages 1-3 |",
        "| Full pipeline (generate) |",
        "| Full pipeline + Stage 4-6 artifacts |",
        "| Full document (generate + all files) |",
        "| Stage 1 intake |",
        "| Stage 10 gate |",
        "| Artifact rendering (all files) |",
        "| CLI cold start: --version |",
        "Batch throughput, --jobs 2:",
        "Peak memory",
        "Model code loaded by generate() without --llm: none",
    ):
        assert measure in out, f"{measure!r} missing from benchmark output:\n{out}"
    assert "n/a" not in out.split("| Stage 10 gate |")[1].splitlines()[0]


def test_benchmark_corpus_has_at_least_200_prompts():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from prompts import corpus
    finally:
        sys.path.pop(0)
    prompts = corpus()
    assert len(prompts) >= 200
    assert len(set(prompts)) == len(prompts)
