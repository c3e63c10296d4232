"""``archwright mcp``: archwright as an MCP server (stdio) for coding agents.

Tools are thin wrappers over :mod:`archwright.api`; every failure — bad input, a broken
document, a crash in archwright itself — comes back as a tool error (``is_error``), never as a
dead server. Named ``mcp_server`` so it cannot shadow the ``mcp`` SDK package.
"""

from __future__ import annotations

import functools
import json as _json
from collections.abc import Callable
from typing import Any, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from archwright._version import __version__
from archwright.errors import ArchwrightError
from archwright.models.base import Model

SCHEMA_URI = "archwright://schema/architecture.json"
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024  # an architecture.json is ~100-300 KiB
MAX_OPENAPI_BYTES = 4 * 1024 * 1024

F = TypeVar("F", bound=Callable[..., Any])


class GenerateOptions(Model):
    """Options of ``generate_architecture`` (all optional)."""

    set: dict[str, str] = Field(
        default_factory=dict,
        description="Stage 1 overrides, FIELD -> VALUE, e.g. {'product.team_size': '5-20'}",
    )
    llm: str | None = Field(
        default=None, description="PROVIDER:MODEL to propose signals (default: offline rules)"
    )
    base_url: str | None = Field(default=None, description="endpoint for the llm provider")
    markdown: bool = Field(default=False, description="also return the Markdown document")


def _tool_errors(fn: F) -> F:
    """Turn every exception into a ToolError with a one-line message."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ToolError:
            raise
        except ArchwrightError as exc:
            raise ToolError(str(exc)) from None
        except Exception as exc:  # a bug in archwright: report it, keep serving
            raise ToolError(f"internal error: {type(exc).__name__}: {exc}") from None

    return wrapper  # type: ignore[return-value]


def _check_size(text: str, limit: int, what: str) -> None:
    size = len(text.encode("utf-8", errors="replace"))
    if size > limit:
        raise ToolError(f"{what} is {size} bytes; the limit is {limit} bytes")


def _summary(doc: Any) -> dict[str, Any]:
    failures = [
        {"code": c.code, "title": c.title, "message": c.message}
        for c in doc.verification.checks
        if c.status == "fail"
    ]
    return {
        "passed": doc.verification.passed,
        "checks": len(doc.verification.checks),
        "failures": failures,
    }


@_tool_errors
def generate_architecture(prompt: str, options: GenerateOptions | None = None) -> dict[str, Any]:
    """Generate a verified architecture document from a product description.

    Returns the verification summary and the whole architecture.json (`document`); with
    `options.markdown` also the Markdown document.
    """
    from archwright.api import generate

    opts = options or GenerateOptions()
    doc = generate(
        prompt,
        overrides=dict(opts.set) or None,
        llm=opts.llm,
        options={"llm_base_url": opts.base_url} if opts.base_url else None,
    )
    out: dict[str, Any] = {**_summary(doc), "document": doc.model_dump(mode="json")}
    if opts.markdown:
        out["markdown"] = doc.to_markdown()
    return out


@_tool_errors
def verify_document(json: str) -> dict[str, Any]:
    """Re-run the verification gate on an architecture.json (as text).

    Returns whether it passes, the number of checks and every failing check.
    """
    from archwright.api import verify

    _check_size(json, MAX_DOCUMENT_BYTES, "the document")
    try:
        _json.loads(json)
    except ValueError as exc:
        raise ToolError(f"not JSON: {exc}") from None
    return _summary(verify(json))


def _lint_with_validator(spec: dict[str, Any]) -> list[dict[str, str]]:
    """Structural validation with openapi-spec-validator (used until `lint-openapi` lands)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
    from referencing.exceptions import Unresolvable

    version = str(spec.get("openapi", ""))
    if version.startswith("3.0"):
        validator: Any = OpenAPIV30SpecValidator(spec)
    elif version.startswith("3.1"):
        validator = OpenAPIV31SpecValidator(spec)
    else:
        raise ToolError(f"unsupported OpenAPI version {version!r}: expected 3.0.x or 3.1.x")
    problems: list[dict[str, str]] = []
    try:
        for err in validator.iter_errors():
            pointer = "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in err.path)
            problems.append({"code": "OAS-STRUCTURE", "pointer": pointer, "message": err.message})
            if len(problems) >= 200:
                break
    except Unresolvable as exc:
        problems.append({"code": "OAS-REF", "pointer": "", "message": f"unresolvable $ref: {exc}"})
    return problems


@_tool_errors
def lint_openapi(yaml: str) -> dict[str, Any]:
    """Lint an OpenAPI 3.x document (YAML or JSON text).

    Returns `valid` and the list of findings (code, JSON pointer, message).
    """
    import yaml as _yaml

    _check_size(yaml, MAX_OPENAPI_BYTES, "the OpenAPI document")
    try:
        spec = _yaml.safe_load(yaml)
    except _yaml.YAMLError as exc:
        raise ToolError(f"not YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(spec, dict):
        raise ToolError("an OpenAPI document must be a mapping with an 'openapi' key")
    findings = _lint_with_validator(spec)
    return {"valid": not findings, "engine": "openapi-spec-validator", "findings": findings}


def architecture_schema() -> str:
    """The JSON Schema of architecture.json."""
    from archwright.models.document import ArchitectureDocument

    return _json.dumps(ArchitectureDocument.model_json_schema(mode="serialization"), indent=2)


def build_server() -> MCPServer:
    server: MCPServer = MCPServer(
        name="archwright",
        version=__version__,
        log_level="WARNING",  # stderr stays quiet; tool errors reach the client as is_error
        instructions=(
            "archwright turns a product description into a verified technical architecture "
            "document (architecture.json). Call generate_architecture with the description; "
            "verify_document re-checks an edited document; lint_openapi checks an OpenAPI file."
        ),
    )
    server.add_tool(generate_architecture)
    server.add_tool(verify_document)
    server.add_tool(lint_openapi)
    server.resource(
        SCHEMA_URI,
        name="architecture-schema",
        description="JSON Schema of architecture.json",
        mime_type="application/schema+json",
    )(architecture_schema)
    return server


def serve() -> None:
    build_server().run("stdio")
