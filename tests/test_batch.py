"""`archwright batch`: parallel, resumable, and never leaves a half-written document."""

from __future__ import annotations

import gc
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import archwright.batch as batch_module
from archwright.batch import STAGING_PREFIX, Job, chunks, read_jobs, run_batch

PROMPTS = [
    "Build me a backend for a social app",
    "It's a financial trading platform where users execute real-time stock trades. We want MongoDB.",
    "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed.",
    "An internal tool for our 3-person ops team to track inventory",
    "A marketplace for renting telescopes to astronomy clubs",
    "IoT platform ingesting 50k sensor readings per second from factory machines",
]


def write_jsonl(path: Path, prompts: list[str]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": f"p{i:03d}", "prompt": p}) + "\n" for i, p in enumerate(prompts)),
        encoding="utf-8",
    )
    return path


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_parallel_equals_serial_and_rerun_skips(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", PROMPTS)
    serial = run_batch(src, tmp_path / "serial", jobs=1)
    parallel = run_batch(src, tmp_path / "parallel", jobs=2)
    assert serial.count("bad_input") == parallel.count("bad_input") == 0
    assert len(serial.outcomes) == len(PROMPTS)
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")
    for i in range(len(PROMPTS)):
        doc = json.loads((tmp_path / "serial" / f"p{i:03d}" / "architecture.json").read_text())
        assert doc["input"]["prompt"] == PROMPTS[i]
    again = run_batch(src, tmp_path / "parallel", jobs=2)
    assert again.count("skipped") == len(PROMPTS)


def test_chunks_keep_neighbours_together_and_cover_every_job():
    jobs = [Job(n, f"j{n}", "p") for n in range(1, 201)]
    runs = chunks(jobs, 2)
    assert [j for run in runs for j in run] == jobs  # each job once, in order
    sizes = [len(run) for run in runs]
    assert sizes[:4] == [16] * 4  # runs of neighbours while much is left
    assert sizes == sorted(sizes, reverse=True) and sizes[-3:] == [1, 1, 1]  # a balanced end
    # a short batch is spread over every worker
    assert [len(run) for run in chunks(jobs[:5], 2)] == [1, 1, 1, 1, 1]


def test_multi_document_runs_in_workers_equal_serial(tmp_path, monkeypatch):
    src = write_jsonl(tmp_path / "in.jsonl", PROMPTS)
    serial = run_batch(src, tmp_path / "serial", jobs=1)
    monkeypatch.setattr(batch_module, "chunks", lambda pending, jobs: [pending[:4], pending[4:]])
    parallel = run_batch(src, tmp_path / "parallel", jobs=2)
    assert [(o.id, o.status) for o in parallel.outcomes] == [
        (o.id, o.status) for o in serial.outcomes
    ]
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")


def test_batch_files_are_those_of_an_unscoped_generate(tmp_path):
    """Inside the batch's document scope the writer reuses the gate's contract and DDL: the
    bytes are still exactly what a plain generate() + render_files() gives."""
    from archwright import generate
    from archwright.render.files import render_files

    src = write_jsonl(tmp_path / "in.jsonl", PROMPTS[:2])
    run_batch(src, tmp_path / "out", jobs=2)
    for i, prompt in enumerate(PROMPTS[:2]):
        expected = {k: v.encode() for k, v in render_files(generate(prompt)).items()}
        assert tree(tmp_path / "out" / f"p{i:03d}") == expected


def test_in_process_batch_restores_the_collector_settings(tmp_path):
    before = gc.get_threshold()
    run_batch(write_jsonl(tmp_path / "in.jsonl", PROMPTS[:1]), tmp_path / "out", jobs=1)
    assert gc.get_threshold() == before


def test_bad_lines_are_reported_not_fatal(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok", "prompt": "A todo app"}),
                "{not json",
                json.dumps({"id": "../escape", "prompt": "x"}),
                json.dumps({"id": "ok", "prompt": "duplicate id"}),
                json.dumps({"id": "blank", "prompt": "   "}),
                json.dumps(["not", "an", "object"]),
            ]
        ),
        encoding="utf-8",
    )
    summary = run_batch(src, tmp_path / "out")
    assert summary.count("bad_input") == 5
    assert summary.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ok"]
    assert not (tmp_path / "escape").exists()


def test_unusable_file_is_input_error(tmp_path):
    import pytest

    from archwright.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        read_jobs(tmp_path / "missing.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with pytest.raises(InputError, match="no prompts"):
        read_jobs(tmp_path / "empty.jsonl")


def test_killed_run_leaves_only_whole_documents_and_resumes(tmp_path):
    prompts = [f"{PROMPTS[i % len(PROMPTS)]} (variant {i})" for i in range(400)]
    src = write_jsonl(tmp_path / "in.jsonl", prompts)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "archwright", "batch", str(src), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = [p for p in out.glob("p*") if p.is_dir()] if out.exists() else []
        if len(done) >= 5:
            break
        time.sleep(0.05)
    import os

    os.killpg(proc.pid, signal.SIGKILL)  # no chance to clean up: the worst case
    proc.wait(timeout=30)
    finished = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert 5 <= len(finished) < len(prompts), "the run should be interrupted midway"
    for folder in finished:
        json.loads((folder / "architecture.json").read_text())  # every landed doc is whole
        assert (folder / "architecture.md").read_text().endswith("\n")
    summary = run_batch(src, out, jobs=2)
    assert summary.count("skipped") == len(finished)
    assert summary.count("bad_input") == 0
    assert not list(out.glob(f"{STAGING_PREFIX}*"))
    assert len([p for p in out.iterdir()]) == len(prompts)
