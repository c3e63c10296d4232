"""Model.trusted: an instance without validation, equal in every way to a validated one."""

from __future__ import annotations

import pytest

from archwright.models.verification import CheckResult, Verification

VALUES = dict(
    code="AW-API-001",
    name="api.versioned_paths",
    category="api",
    title="Every path is versioned",
    status="pass",
    message="All 21 paths start with /v1/ — «ok»",
    locations=["api.endpoints[GET /v1/posts]"],
)


def test_trusted_equals_the_validated_instance():
    fast, checked = CheckResult.trusted(**VALUES), CheckResult(**VALUES)
    assert fast == checked
    assert repr(fast) == repr(checked)
    assert fast.model_fields_set == checked.model_fields_set
    assert fast.model_dump_json() == checked.model_dump_json()
    wrapped = Verification(passed=True, checks=[fast])  # a parent takes it like any instance
    assert wrapped.model_dump() == Verification(passed=True, checks=[checked]).model_dump()


@pytest.mark.parametrize(
    "values, words",
    [
        ({k: v for k, v in VALUES.items() if k != "locations"}, "missing ['locations']"),
        ({**VALUES, "severity": "error"}, "unknown ['severity']"),
    ],
)
def test_trusted_wants_every_field_and_no_other(values, words):
    with pytest.raises(TypeError, match=words.replace("[", r"\[").replace("]", r"\]")):
        CheckResult.trusted(**values)


def test_gate_results_are_trusted_instances_that_survive_validation(social_doc):
    # what the gate builds without validation validates as is
    data = social_doc.verification.model_dump(mode="json")
    assert Verification.model_validate(data) == social_doc.verification
