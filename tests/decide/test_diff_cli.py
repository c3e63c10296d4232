"""`archwright diff` and `generate --what-if` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from archwright.decide.diff import decisions_from_json, diff_decisions, format_diff

CLI = [sys.executable, "-m", "archwright"]


def run(*args: str):
    return subprocess.run([*CLI, *args], capture_output=True, timeout=120, check=False)


def test_diff_functions_report_changed_decisions(social_doc):
    a = json.loads(social_doc.to_json())
    b = json.loads(social_doc.to_json())
    b["architecture"]["architecture_pattern"] = "microservices"
    b["data_strategy"]["primary_database"] = "MongoDB"
    rows = diff_decisions(decisions_from_json(a), decisions_from_json(b))
    assert (
        "architecture pattern",
        a["architecture"]["architecture_pattern"],
        "microservices",
    ) in rows
    assert ("primary database", "PostgreSQL", "MongoDB") in rows
    assert "no decision differs" in format_diff([])


def test_diff_command_exit_codes(tmp_path, social_doc):
    a = tmp_path / "a.json"
    a.write_text(social_doc.to_json(), encoding="utf-8")
    same = run("diff", str(a), str(a))
    assert same.returncode == 0, same.stderr.decode()
    assert b"no decision differs" in same.stdout
    data = json.loads(social_doc.to_json())
    data["data_strategy"]["caching_strategy"]["tool"] = None
    b = tmp_path / "b.json"
    b.write_text(json.dumps(data), encoding="utf-8")
    r = run("diff", str(a), str(b))
    assert r.returncode == 1
    assert "cache" in r.stdout.decode() and "Redis → none" in r.stdout.decode()


def test_diff_bad_input_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"x": 1}', encoding="utf-8")
    for args in (
        ("diff", str(bad), str(bad)),
        ("diff", str(other), str(other)),
        ("diff", str(tmp_path / "missing.json"), str(bad)),
    ):
        r = run(*args)
        err = r.stderr.decode()
        assert r.returncode == 2, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_what_if_prints_changed_decisions_and_writes_nothing(tmp_path):
    r = subprocess.run(
        [
            *CLI,
            "generate",
            "Build me a backend for a social app",
            "--set",
            "product.stage=mvp",
            "--what-if",
            "product.stage=scale",
        ],
        capture_output=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    assert out.startswith("what if product.stage = scale")
    assert "architecture pattern" in out and "monolith →" in out
    assert list(tmp_path.iterdir()) == []


def test_what_if_bad_value_exits_2(tmp_path):
    r = run(
        "generate",
        "A todo app",
        "--what-if",
        "product.team_size=lots",
        "--out",
        str(tmp_path / "o"),
    )
    assert r.returncode == 2
    assert "expected one of" in r.stderr.decode()
    assert not (tmp_path / "o").exists()
    r = run("generate", "A todo app", "--what-if", "nonsense")
    assert r.returncode == 2 and "--what-if" in r.stderr.decode()
