"""Artifact checks: the rendered files parse with real validators (OpenAPI, DDL, Mermaid)."""

from __future__ import annotations

import importlib
from functools import cache

from archwright.models.document import ArchitectureDocument
from archwright.render.memo import DerivedCache, SharedCache
from archwright.verify.base import Check, Finding
from archwright.verify.openapi_validation import openapi_errors


@cache
def _renderer(module: str, *names: str):
    """The renderer function, or ``None`` while the module that provides it has not landed."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if fn is not None:
            return fn
    return None


def ddl_errors(sql: str) -> list[str]:
    """PostgreSQL's parse errors of ``sql`` (none when it parses); a batch's neighbouring
    documents often share their DDL, so a repeat costs a lookup."""
    return list(_DDL_VERDICTS.get(sql, lambda: tuple(_ddl_parse_errors(sql))))


def _ddl_parse_errors(sql: str) -> list[str]:
    from pglast import parser

    try:
        # PostgreSQL's own grammar (libpg_query): splitting with the parser runs the whole raw
        # parse and hands back statement offsets only, ~3x cheaper than the protobuf tree and
        # ~100x cheaper than pglast's Python AST
        parser.split(sql, with_parser=True)
    except parser.ParseError as exc:
        msg, offset = (*exc.args, None)[:2]
        if isinstance(offset, int):
            line = sql.count("\n", 0, offset) + 1
            return [f"{msg} (line {line}: {sql.splitlines()[line - 1].strip()[:80]!r})"]
        return [str(msg)]
    return []


# DDL text -> its parse errors
_DDL_VERDICTS = SharedCache(16)
# contract -> its validation errors, for the shared, never-changed contracts the renderer hands
# out: an unchanged document re-verified (idempotence re-runs, `archwright verify`) or a batch
# neighbour with the same contract costs a lookup
_SPEC_VERDICTS = DerivedCache(16)


def _shared_spec_errors(spec: dict) -> list[str]:
    # the renderer says which parts of its contracts are shared across contracts (and never
    # changed): the validator keeps what it learnt about them for the next contract
    frozen = _renderer("archwright.render.openapi", "is_shared_part")
    return list(
        _SPEC_VERDICTS.get(spec, lambda s: tuple(openapi_errors(s, memo=False, frozen=frozen)))
    )


class OpenApiValid(Check):
    """The generated OpenAPI document is valid OpenAPI 3.x.

    Anti-pattern: an `openapi.yaml` with a dangling `$ref` or an undeclared path parameter that
    codegen tools reject.

    Best practice: every contract change is rendered and validated by openapi-spec-validator.
    """

    code = "AW-ART-001"
    name = "artifacts.openapi_valid"
    area = "artifacts"
    reads = ("api", "schema", "security")
    expensive = True

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        render = _renderer("archwright.render.openapi", "shared_openapi_document")
        if render is None:
            return []  # the OpenAPI renderer has not landed yet
        spec = render(doc)  # shared with `generate --out`, which writes this same contract
        return [self.finding(e, "openapi.yaml") for e in _shared_spec_errors(spec)]


class DdlParses(Check):
    """The generated PostgreSQL DDL parses.

    Anti-pattern: a `schema.sql` that fails on the first `CREATE TABLE` because of a stray
    quote or an invalid default.

    Best practice: the DDL is parsed by the PostgreSQL grammar (pglast) before output.
    """

    code = "AW-ART-002"
    name = "artifacts.ddl_parses"
    area = "artifacts"
    reads = ("schema",)
    expensive = True

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None or doc.schema_.family != "sql":
            return []
        render = _renderer("archwright.render.ddl", "render_ddl")
        if render is None:
            return []  # the DDL renderer has not landed yet
        return [self.finding(e, "schema.sql") for e in ddl_errors(render(doc))]


class SystemDiagramValid(Check):
    """The Mermaid system diagram is syntactically valid and renderable.

    Anti-pattern: a label with an unescaped quote or `-->` that breaks the whole diagram.

    Best practice: diagrams built by one serializer that escapes labels, and linted before output.
    """

    code = "AW-ART-003"
    name = "artifacts.system_diagram_valid"
    area = "artifacts"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        from archwright.verify.mermaid_lint import lint

        return [
            self.finding(str(e), "overview.system_diagram")
            for e in lint(doc.overview.system_diagram)
        ]


class ErdValid(Check):
    """The Mermaid ERD is syntactically valid and renderable.

    Anti-pattern: an ERD attribute type `VARCHAR(254) NOT NULL` or an entity name with spaces.

    Best practice: one entity block per table, attribute lines `type name PK|FK|UK "comment"`.
    """

    code = "AW-ART-004"
    name = "artifacts.erd_valid"
    area = "artifacts"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        from archwright.verify.mermaid_lint import lint

        return [self.finding(str(e), "schema.erd") for e in lint(doc.schema_.erd)]
