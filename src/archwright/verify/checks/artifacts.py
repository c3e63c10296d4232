"""Artifact checks: the rendered files parse with real validators (OpenAPI, DDL, Mermaid)."""

from __future__ import annotations

import importlib
import json
from functools import cache, lru_cache
from typing import Any

from archwright.models.document import ArchitectureDocument
from archwright.verify.base import Check, Finding


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


@cache
def _v31_validator_class() -> type:
    """openapi-spec-validator's 3.1 validator whose meta-schema registry is crawled once.

    Out of the box every ``$dynamicRef`` in the OAS 3.1 meta-schema re-crawls the registry
    (jsonschema/referencing keep no crawled state between lookups), which costs seconds on a
    100 KB contract; a pre-crawled registry gives the same verdicts ~4x faster.
    """
    from jsonschema.validators import validator_for
    from openapi_spec_validator.schemas import schema_v31
    from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    meta = dict(schema_v31)
    registry = Registry().with_resource(meta["$id"], DRAFT202012.create_resource(meta)).crawl()
    fast = validator_for(meta)(meta, registry=registry)
    return type(
        "CrawledOpenAPIV31SpecValidator", (OpenAPIV31SpecValidator,), {"schema_validator": fast}
    )


@lru_cache(maxsize=64)
def _openapi_errors_cached(text: str) -> tuple[str, ...]:
    return tuple(_openapi_errors(json.loads(text)))


def openapi_errors(spec: Any) -> list[str]:
    """Validation errors of an OpenAPI 3.x document (first error only: the validator stops).

    Results are memoised on the document's canonical JSON, so re-verifying an unchanged
    contract (idempotence re-runs, ``archwright verify``) costs a hash, not a validation."""
    if isinstance(spec, dict):
        try:
            text = json.dumps(spec, sort_keys=True, default=str)
        except (TypeError, ValueError):
            return _openapi_errors(spec)
        return list(_openapi_errors_cached(text))
    return _openapi_errors(spec)


def _openapi_errors(spec: Any) -> list[str]:
    if isinstance(spec, str):
        import yaml

        try:
            spec = yaml.safe_load(spec)
        except yaml.YAMLError as exc:
            return [f"not YAML: {str(exc).splitlines()[0]}"]
    if not isinstance(spec, dict):
        return ["not a mapping"]
    from archwright.verify.openapi_fast import fast_openapi_errors

    fast = fast_openapi_errors(spec)
    if fast == []:
        return []
    full = _full_openapi_errors(spec)
    # openapi-spec-validator words the error when both find one; a rule only the fast validator
    # applies (they agree on every document of the cross-check) still fails the document
    return full or (fast or [])


def _full_openapi_errors(spec: dict[str, Any]) -> list[str]:
    """openapi-spec-validator itself (slow: ~0.3 s on a 100 KB contract)."""
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
    from referencing.exceptions import PointerToNowhere, Unresolvable

    try:
        if str(spec.get("openapi", "")).startswith("3.1"):
            error = next(iter(_v31_validator_class()(spec).iter_errors()), None)
            if error is not None:
                raise error
        else:
            validate(spec)
    except OpenAPIValidationError as exc:
        where = "/".join(str(p) for p in getattr(exc, "path", []) or [])
        return [f"{exc.message}" + (f" (at /{where})" if where else "")]
    except (PointerToNowhere, Unresolvable) as exc:
        # str(exc) embeds the whole document; the ref alone says where to look
        return [f"unresolvable $ref {getattr(exc, 'ref', '?')!r}"]
    return []


def ddl_errors(sql: str) -> list[str]:
    import pglast

    try:
        pglast.parse_sql(sql)
    except pglast.parser.ParseError as exc:
        msg, offset = (*exc.args, None)[:2]
        if isinstance(offset, int):
            line = sql.count("\n", 0, offset) + 1
            return [f"{msg} (line {line}: {sql.splitlines()[line - 1].strip()[:80]!r})"]
        return [str(msg)]
    return []


class OpenApiValid(Check):
    """The generated OpenAPI document is valid OpenAPI 3.x.

    Anti-pattern: an `openapi.yaml` with a dangling `$ref` or an undeclared path parameter that
    codegen tools reject.

    Best practice: every contract change is rendered and validated by openapi-spec-validator.
    """

    code = "AW-ART-001"
    name = "artifacts.openapi_valid"
    area = "artifacts"
    reads = ("api", "security")
    expensive = True

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        render = _renderer("archwright.render.openapi", "openapi_document", "render_openapi")
        if render is None:
            return []  # the OpenAPI renderer has not landed yet
        spec = render(doc)
        return [self.finding(e, "openapi.yaml") for e in openapi_errors(spec)]


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
