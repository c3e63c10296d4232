"""One parametrized harness over every YAML case file (sqlfluff's std_rule_cases, as data)."""

from __future__ import annotations

import importlib.util

import pytest
from tests.verify.harness import KINDS, all_cases, case_files, load_cases, patched

from archwright.verify import run_gate
from archwright.verify.registry import default_registry

REGISTRY = default_registry()
CASES = all_cases()


@pytest.mark.parametrize(("code", "name", "case"), CASES, ids=[f"{c}:{n}" for c, n, _ in CASES])
def test_case(code, name, case):
    check = REGISTRY.get(code)
    assert check is not None, f"case file for unknown check {code}"
    kind = name.split("_", 1)[0]
    assert kind in KINDS, f"case {name} must start with pass/fail/fix"
    needs = case.get("requires")
    if needs and importlib.util.find_spec(needs) is None:
        pytest.skip(f"{needs} has not landed yet (covered by a stubbed-renderer test)")
    doc = patched(case)
    findings = check.evaluate(doc)
    if kind == "pass":
        assert findings == [], findings
        return
    assert findings, f"{code} did not fail on a document built to violate it"
    assert all(f.code == code for f in findings)
    for loc in case.get("locations") or []:
        assert loc in {f.location for f in findings}, (loc, findings)
    for text in case.get("messages") or []:
        assert any(text in f.message for f in findings), (text, findings)
    if kind == "fix":
        assert check.fixable(), f"{code} has a fix case but no fix"
        fixed = check.fix(doc.model_copy(deep=True))
        assert check.evaluate(fixed) == []
        # the gate applies the same fix and reports the check as fixed
        gated = run_gate(doc)
        result = next(r for r in gated.verification.checks if r.code == code)
        assert result.status == "fixed", result


def test_every_check_has_a_case_file_with_a_failing_case():
    files = case_files()
    for check in REGISTRY:
        assert check.code in files, f"{check.code} has no tests/verify/cases/{check.code}.yaml"
        data = load_cases(files[check.code])
        assert data.get("name") == check.name, f"{check.code}: case file names {data.get('name')}"
        kinds = {n.split("_", 1)[0] for n in data.get("cases") or {}}
        assert "pass" in kinds, f"{check.code} has no pass case"
        assert kinds & {"fail", "fix"}, f"{check.code} has no fail case"
        if check.fixable():
            assert "fix" in kinds, f"{check.code} can fix but has no fix case"
    assert set(files) <= {c.code for c in REGISTRY}, "case file for an unregistered check"
