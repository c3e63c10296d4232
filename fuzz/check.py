"""Independent checks of one generated document and its files, for the fuzz campaigns.

Every artifact goes through a real parser: JSON, YAML (libyaml), OpenAPI (the OAS meta-schema
compiled by jsonschema-rs plus openapi-spec-validator's rules — ``openapi_fast``, which the suite
cross-checks against openapi-spec-validator — and openapi-spec-validator itself when
``full=True``), SQL (PostgreSQL's grammar through pglast), Markdown (markdown-it), Mermaid
(archwright's in-process validator, itself cross-checked against mermaid.js).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

_SCRIPT = re.compile(r"<\s*script", re.IGNORECASE)


def _leaves(node: Any, path: str = "") -> list[str]:
    """Paths of empty Stage 1 leaves (a leaf is a dict with value/inferred/evidence)."""
    bad: list[str] = []
    if isinstance(node, dict):
        if {"inferred", "evidence"} <= node.keys():
            if not str(node.get("evidence", "")).strip():
                bad.append(path)
            if node.get("value", 0) == "":
                bad.append(path)
        for k, v in node.items():
            bad += _leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            bad += _leaves(v, f"{path}[{i}]")
    return bad


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _openapi_problems(data: Any, full: bool) -> list[str]:
    from archwright.verify.openapi_fast import fast_openapi_errors

    fast = fast_openapi_errors(data) if isinstance(data, dict) else ["not a mapping"]
    if full or fast is None:
        from openapi_spec_validator import validate

        validate(data)  # raises on an invalid document
    return [f"openapi.yaml: {e}" for e in fast or []]


def check_files(files: dict[str, str], *, full: bool = True) -> list[str]:
    """Problems found in the rendered files (empty list = all valid). ``full=False`` skips the
    slow stock openapi-spec-validator pass (~0.3 s) and keeps every other parser."""
    problems: list[str] = []
    mermaid = _mermaid_linter()
    for name, text in files.items():
        try:
            if name.endswith(".json"):
                data = json.loads(text)
                if name == "architecture.json":
                    problems += [f"empty leaf {p}" for p in _leaves(data.get("signals", {}))]
            elif name.endswith((".yaml", ".yml")):
                data = yaml.load(text, Loader=_LOADER)  # _LOADER is a safe loader
                if name == "openapi.yaml":
                    problems += _openapi_problems(data, full)
            elif name.endswith(".sql"):
                from pglast import parser

                parser.parse_sql_protobuf(text)  # the full grammar, without a Python AST
            elif name.endswith(".mmd"):
                if _SCRIPT.search(text):
                    problems.append(f"{name}: raw <script in a diagram")
                if mermaid is not None:
                    problems += [f"{name}: {e}" for e in mermaid(text)]
            elif name.endswith(".md"):
                from markdown_it import MarkdownIt

                tokens = MarkdownIt("commonmark").enable("table").parse(text)
                if _SCRIPT.search(text):
                    problems.append(f"{name}: raw <script in Markdown")
                if mermaid is not None:
                    for tok in tokens:
                        if tok.type == "fence" and tok.info.strip() == "mermaid":
                            problems += [
                                f"{name} (mermaid fence): {e}" for e in mermaid(tok.content)
                            ]
        except Exception as exc:  # any parser error is an invalid artifact
            problems.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
    return problems


def round_trip_problems(doc: Any, files: dict[str, str]) -> list[str]:
    """Each YAML artifact reads back (libyaml) as exactly the data its builder produced: the
    YAML writer never changes a value, whatever the user wrote."""
    from archwright.render.asyncapi import asyncapi_document
    from archwright.render.ci import build_workflow
    from archwright.render.compose import build_compose
    from archwright.render.openapi import openapi_document

    builders = {
        "openapi.yaml": openapi_document,
        "asyncapi.yaml": asyncapi_document,
        ".github/workflows/ci.yml": build_workflow,
        "compose.yaml": build_compose,
    }
    problems: list[str] = []
    for name, build in builders.items():
        if name not in files:
            continue
        try:
            if yaml.load(files[name], Loader=_LOADER) != build(doc):  # a safe loader
                problems.append(f"{name}: does not read back as the data it was built from")
        except Exception as exc:
            problems.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
    return problems


def _mermaid_linter():
    try:
        from archwright.verify.mermaid_lint import validate_mermaid
    except ImportError:
        return None
    return validate_mermaid
