"""Generated docs stay in step with the registry; the verify/checks/explain commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.verify.harness import BASE, apply_patch, base_dict

from archwright.verify.docs import render_checks_md
from archwright.verify.registry import default_registry

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "archwright"]


def run(*args):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, check=False)


def test_checks_md_is_generated_from_the_registry():
    committed = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert committed == render_checks_md(), "run: python -m archwright.verify.docs"
    for c in default_registry():
        assert f"`{c.code}`" in committed and c.name in committed


def test_checks_and_explain_commands():
    r = run("checks", "--format", "json")
    assert r.returncode == 0
    rows = json.loads(r.stdout)
    assert [x["code"] for x in rows] == [c.code for c in default_registry()]
    r = run("explain", "AW-API-003")
    assert r.returncode == 0
    assert "at least 4 error responses" in r.stdout and "Anti-pattern" in r.stdout
    r = run("explain", "api.min_error_responses")
    assert r.returncode == 0 and r.stdout.startswith("AW-API-003")
    r = run("explain", "AW-NOPE-999")
    assert r.returncode == 2 and "unknown check" in r.stderr


def test_verify_command_exit_codes_and_formats(tmp_path):
    r = run("verify", str(BASE))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip().endswith("1 pass") and "VERIFICATION PASSED" in r.stdout

    broken = apply_patch(base_dict(), [{"set": "/operations/ci_cd/rollback", "value": ""},
                                       {"set": "/schema/tables/1/indexes", "value": []}])  # fmt: skip
    f = tmp_path / "architecture.json"
    f.write_text(json.dumps(broken), encoding="utf-8")
    out = tmp_path / "fixed.json"
    r = run("verify", str(f), "--out", str(out))
    assert r.returncode == 1
    assert "FAIL  AW-CI-005" in r.stdout and "FIXED AW-SCH-004" in r.stdout
    assert "VERIFICATION FAILED" in r.stdout
    fixed = json.loads(out.read_text())
    assert fixed["schema"]["tables"][1]["indexes"][0]["fields"] == ["user_id"]
    r = run("verify", str(f), "--format", "json")
    data = json.loads(r.stdout)
    assert data["passed"] is False and data["fixes_applied"]

    bad = tmp_path / "bad.json"
    for content, fragment in (("{", "not JSON"), ('{"a": 1}', "not an archwright document")):
        bad.write_text(content, encoding="utf-8")
        r = run("verify", str(bad))
        assert r.returncode == 2 and fragment in r.stderr, r.stderr
    r = run("verify", str(tmp_path / "missing.json"))
    assert r.returncode == 2 and "no such file" in r.stderr
