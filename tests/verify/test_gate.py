"""The gate loop: fixed point, runaway limit, statuses, idempotence, never pre-passing."""

from __future__ import annotations

import pytest
from tests.verify.harness import base_document, patched

from archwright.models.document import ArchitectureDocument
from archwright.verify import run_gate
from archwright.verify.base import Check, Finding
from archwright.verify.gate import MAX_ITERATIONS
from archwright.verify.registry import Registry, RegistryError, default_registry


def test_base_document_passes_every_check():
    doc = run_gate(base_document())
    v = doc.verification
    assert v.passed, [c for c in v.checks if c.status != "pass"]
    assert v.iterations == 1
    assert v.fixes_applied == []
    assert len(v.checks) == len(default_registry()) >= 45
    assert doc.to_markdown().split("## Assumptions")[0].rstrip().endswith("**VERIFICATION PASSED**")


def test_skeleton_sections_missing_fail_the_gate():
    doc = patched({"patch": [{"set": f"/{s}", "value": None} for s in ("api", "operations")]})
    v = run_gate(doc).verification
    assert not v.passed
    cmp = next(c for c in v.checks if c.code == "AW-CMP-001")
    assert cmp.status == "fail" and set(cmp.locations) == {"api", "operations"}


def test_fixes_reach_a_fixed_point_and_are_listed():
    doc = patched(
        {
            "patch": [
                {"set": "/schema/tables/1/indexes", "value": []},
                {"set": "/api/endpoints/1/responses/errors", "value": []},
                {"set": "/security/auth/jwt/algorithm", "value": "HS256"},
            ]
        }
    )
    out = run_gate(doc)
    v = out.verification
    assert v.passed
    status = {c.code: c.status for c in v.checks}
    assert status["AW-SCH-004"] == status["AW-API-003"] == status["AW-SEC-001"] == "fixed"
    assert any(f.startswith("AW-SCH-004") for f in v.fixes_applied)
    assert 2 <= v.iterations < MAX_ITERATIONS
    md = out.to_markdown()
    assert "Fixes applied inline" in md and "VERIFICATION PASSED" in md
    # the input document is never mutated
    assert doc.schema_.tables[1].indexes == []


def test_rerunning_the_gate_changes_nothing():
    doc = patched({"patch": [{"set": "/schema/tables/1/indexes", "value": []}]})
    once = run_gate(doc)
    twice = run_gate(once)
    assert twice.model_dump(exclude={"verification"}) == once.model_dump(exclude={"verification"})
    assert twice.verification.fixes_applied == []
    assert twice.verification.passed == once.verification.passed
    assert run_gate(twice) == twice


def test_unfixable_failure_is_numbered_in_markdown():
    doc = run_gate(patched({"patch": [{"set": "/operations/ci_cd/rollback", "value": ""}]}))
    assert not doc.verification.passed
    md = doc.to_markdown()
    assert "VERIFICATION FAILED" in md
    assert "1. `AW-CI-005`" in md


class _Flapping(Check):
    """A broken check whose fix never converges."""

    code = "AW-TST-001"
    name = "test.flapping"
    area = "completeness"

    def evaluate(self, doc):
        return [Finding(self.code, f"still failing after {len(doc.generator.notes)}", "x")]

    def fix(self, doc):
        doc.generator.notes.append("again")
        return doc


def test_runaway_fix_stops_at_the_limit():
    reg = Registry().extend([_Flapping])
    v = run_gate(base_document(), registry=reg).verification
    assert v.iterations == MAX_ITERATIONS
    assert not v.passed
    assert v.checks[0].status == "fail"
    assert len(v.fixes_applied) == MAX_ITERATIONS - 1


class _NoOp(Check):
    """A fix that changes nothing is not progress."""

    code = "AW-TST-004"
    name = "test.noop"
    area = "completeness"

    def evaluate(self, doc):
        return [Finding(self.code, "unfixable", "x")]

    def fix(self, doc):
        return doc


def test_a_fix_that_changes_nothing_ends_the_loop():
    v = run_gate(base_document(), registry=Registry().extend([_NoOp])).verification
    assert v.iterations == 1 and v.fixes_applied == [] and not v.passed


class _Crashing(Check):
    """A check that raises."""

    code = "AW-TST-002"
    name = "test.crashing"
    area = "completeness"

    def evaluate(self, doc):
        raise RuntimeError("boom")


def test_a_crashing_check_fails_instead_of_crashing_the_gate():
    v = run_gate(base_document(), registry=Registry().extend([_Crashing])).verification
    assert not v.passed and "boom" in v.checks[0].message


def test_registry_refuses_duplicates_and_malformed_checks():
    class Dup(_Crashing):
        """Same code."""

        name = "test.other"

    with pytest.raises(RegistryError, match="duplicate check code"):
        Registry().extend([_Crashing, Dup])

    class SameName(_Crashing):
        """Same name."""

        code = "AW-TST-009"

    with pytest.raises(RegistryError, match="duplicate check name"):
        Registry().extend([_Crashing, SameName])

    class BadCode(_Crashing):
        """Bad code."""

        code = "API-3"

    with pytest.raises(RegistryError, match="not like"):
        Registry().register(BadCode)

    class NoDoc(Check):
        code = "AW-TST-003"
        name = "test.nodoc"
        area = "completeness"

    with pytest.raises(RegistryError, match="docstring"):
        Registry().register(NoDoc)


def test_every_registered_check_is_documented_and_unique():
    reg = default_registry()
    codes = [c.code for c in reg]
    assert len(codes) == len(set(codes)) >= 45
    for c in reg:
        doc = c.description()
        assert c.title(), c.code
        assert "Anti-pattern" in doc and "Best practice" in doc, c.code
    areas = {c.area for c in reg}
    assert areas == {
        "completeness", "api", "schema", "security", "scalability", "observability",
        "cicd", "consistency", "overengineering", "artifacts",
    }  # fmt: skip
    # anti-over-engineering is applied last
    assert [c.area for c in reg][-6:] == ["overengineering"] * 6


def test_artifact_checks_fail_on_broken_renderer_output(monkeypatch):
    from archwright.verify.checks import artifacts

    def fake(module, *names):
        if module.endswith("openapi"):
            return lambda doc: {
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {"/v1/x": {"get": {"responses": {"200": {"$ref": "#/nowhere"}}}}},
            }
        return lambda doc: "CREATE TABLE posts (id UUID PRIMARY KEY DEFAULT 'oops);"

    monkeypatch.setattr(artifacts, "_renderer", fake)
    doc = base_document()
    assert artifacts.OpenApiValid().evaluate(doc)
    assert artifacts.DdlParses().evaluate(doc)
    ok = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    monkeypatch.setattr(artifacts, "_renderer", lambda m, *n: lambda d: ok)
    assert artifacts.OpenApiValid().evaluate(doc) == []


def test_openapi_and_ddl_validators():
    from archwright.verify.checks.artifacts import ddl_errors, openapi_errors

    assert (
        openapi_errors({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}})
        == []
    )
    assert openapi_errors({"openapi": "3.1.0", "paths": {}})  # no info
    assert openapi_errors("openapi: [unclosed")
    assert ddl_errors("CREATE TABLE t (id UUID PRIMARY KEY);") == []
    err = ddl_errors("CREATE TABLE t (\n  id UUID PRIMARY KEY,\n  x TEXT DEFAULT 'a\n);")
    assert err and "line" in err[0]


def test_ddl_verdicts_are_those_of_the_full_parse():
    """The gate parses DDL by splitting it with PostgreSQL's parser: each broken variant of a
    generated schema fails there exactly as the full parse (the protobuf tree) fails it."""
    from pglast import parser

    from archwright import generate
    from archwright.render.ddl import render_ddl
    from archwright.verify.checks.artifacts import _ddl_parse_errors

    sql = render_ddl(generate("A marketplace where artisans sell ceramics, with payments"))
    variants = [
        sql,
        sql.replace("CREATE TABLE", "CREATE TABEL", 1),
        sql.replace(");", ",);", 1),
        sql.replace("DEFAULT", "DEFAULT '", 1),
        sql.replace("REFERENCES", "REFERENCES (", 1),
        sql.replace("CHECK (", "CHECK ((", 1),
        sql.replace("UUID", "UUID UUID", 1),
        sql + "\nCREATE INDEX ON;",
        sql.replace(";", "", 1),
    ]
    assert len(set(variants)) == len(variants)
    for text in variants:
        try:
            parser.parse_sql_protobuf(text)
            full: list[str] = []
        except parser.ParseError as exc:
            full = [str(exc.args[0])]
        errors = _ddl_parse_errors(text)
        assert bool(errors) == bool(full), text[:200]
        assert [e.split(" (line ")[0] for e in errors] == full


def test_gate_result_is_a_valid_document():
    out = run_gate(patched({"patch": [{"set": "/schema/tables/0/fields/1/pii", "value": False}]}))
    ArchitectureDocument.model_validate(out.model_dump(by_alias=True))
