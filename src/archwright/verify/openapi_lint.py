"""``archwright lint-openapi``: API governance checks on any OpenAPI 3.x document.

The same rules the gate applies to archwright's own contract, restated over a plain OpenAPI
document (a spec a team already has). Rules that mirror a gate check reuse its code
(``AW-API-003`` …); rules that only make sense on a spec are ``AW-OAS-*``. Each finding carries a
JSON pointer into the document and, when the file is YAML/JSON text, its line.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from archwright.errors import InputError
from archwright.verify.helpers import (
    is_money_name,
    is_money_path,
    returns_array,
    schema_property_names,
)

# libyaml's safe loader parses a 100 KB spec ~10x faster than the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

METHODS = ("get", "put", "post", "patch", "delete", "options", "head", "trace")


@dataclass(frozen=True)
class SpecRule:
    code: str
    name: str
    summary: str


RULES: tuple[SpecRule, ...] = (
    SpecRule("AW-ART-001", "artifacts.openapi_valid", "The document is valid OpenAPI 3.x."),
    SpecRule(
        "AW-API-002",
        "api.path_params_declared",
        "Every {param} in a path is declared as a path parameter.",
    ),
    SpecRule(
        "AW-API-003",
        "api.min_error_responses",
        "Every operation defines at least 4 error responses.",
    ),
    SpecRule(
        "AW-API-004",
        "api.standard_errors",
        "Every operation documents 429 and 500; secured operations document 401.",
    ),
    SpecRule(
        "AW-API-006",
        "api.error_envelope_consistent",
        "Every error response uses one envelope schema with error and message fields.",
    ),
    SpecRule(
        "AW-API-007",
        "api.versioned_paths",
        "Every path carries a version prefix (/v1/), here or in the server URL.",
    ),
    SpecRule(
        "AW-API-008",
        "api.pagination_on_lists",
        "Every list operation takes a page-size and a cursor/offset parameter.",
    ),
    SpecRule(
        "AW-API-009",
        "api.idempotency_on_money_writes",
        "Every POST/PUT/PATCH that writes money accepts an Idempotency-Key header.",
    ),
    SpecRule(
        "AW-API-010",
        "api.no_sensitive_query_params",
        "No secret or personal data in query parameters.",
    ),
    SpecRule(
        "AW-SEC-009",
        "security.no_secrets_in_responses",
        "No success response returns passwords, password hashes or secrets.",
    ),
    SpecRule(
        "AW-OAS-001",
        "openapi.security_defined",
        "Every operation declares its security (global or per operation; [] for public), "
        "and every scheme it names is defined.",
    ),
    SpecRule(
        "AW-OAS-002", "openapi.retry_after_on_429", "Every 429 response sets a Retry-After header."
    ),
)
RULE_BY_CODE = {r.code: r for r in RULES}


@dataclass(frozen=True)
class SpecFinding:
    code: str
    name: str
    message: str
    file: str
    pointer: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ptr(*parts: str) -> str:
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


class _Spec:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def deref(self, node: Any, depth: int = 0) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 20:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                return {}
            cur: Any = self.data
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(cur, dict) or part not in cur:
                    return {}
                cur = cur[part]
            node, depth = cur, depth + 1
        return node

    def deep(self, node: Any, depth: int = 0) -> Any:
        """A copy with local $refs inlined (bounded depth, for property-name scans)."""
        node = self.deref(node)
        if depth > 8:
            return {}
        if isinstance(node, dict):
            return {k: self.deep(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [self.deep(v, depth + 1) for v in node]
        return node


def _json_schema(spec: _Spec, content: Any) -> Any:
    content = spec.deref(content) or {}
    if not isinstance(content, dict):
        return None
    for mt, media in content.items():
        if "json" in mt:
            return (spec.deref(media) or {}).get("schema")
    return None


def _error_statuses(responses: dict[str, Any]) -> set[str]:
    return {str(k) for k in responses if re.fullmatch(r"[45](\d\d|XX)", str(k))}


_SENSITIVE = ("password", "token", "secret", "api_key", "apikey", "ssn", "card", "cvv", "email")

_PAGE_SIZE = {"limit", "page_size", "pagesize", "per_page", "perpage", "first", "size", "count"}
_PAGE_POS = {
    "cursor",
    "page",
    "offset",
    "after",
    "before",
    "starting_after",
    "page_token",
    "pagetoken",
    "next",
    "skip",
    "start",
}
_SECRETS = {
    "password",
    "password_hash",
    "passwordhash",
    "secret",
    "client_secret",
    "mfa_secret",
    "totp_secret",
}


def lint_spec(data: Any, file: str = "openapi.yaml") -> list[SpecFinding]:
    """Every governance finding for one parsed OpenAPI document."""
    from archwright.verify.openapi_validation import openapi_errors

    out: list[SpecFinding] = []

    def add(code: str, message: str, pointer: str) -> None:
        out.append(SpecFinding(code, RULE_BY_CODE[code].name, message, file, pointer))

    for err in openapi_errors(data):
        add("AW-ART-001", err, "")
    spec = _Spec(data)
    paths = data.get("paths") or {}
    servers = data.get("servers") or []
    server_versioned = any(
        isinstance(s, dict) and re.search(r"/v\d+/?$", str(s.get("url", ""))) for s in servers
    )
    schemes = set(((data.get("components") or {}).get("securitySchemes") or {}).keys())
    global_sec = data.get("security")
    envelopes: dict[str, list[str]] = {}
    if not isinstance(paths, dict):
        return out
    for path, item in paths.items():
        item = spec.deref(item)
        if not isinstance(item, dict):
            continue
        if not server_versioned and not re.match(r"^/v\d+(/|$)", str(path)):
            add("AW-API-007", f"path {path} has no /vN/ version prefix", _ptr("paths", path))
        shared_params = item.get("parameters") or []
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            where = _ptr("paths", path, method)
            label = f"{method.upper()} {path}"
            params = [spec.deref(p) for p in [*shared_params, *(op.get("parameters") or [])]]
            params = [p for p in params if isinstance(p, dict)]
            by_in: dict[str, set[str]] = {}
            for p in params:
                by_in.setdefault(str(p.get("in")), set()).add(str(p.get("name", "")))
            for name in re.findall(r"\{([^{}]+)\}", str(path)):
                if name not in by_in.get("path", set()):
                    add("AW-API-002", f"{label}: path parameter {name} is not declared", where)
            responses = op.get("responses") or {}
            responses = responses if isinstance(responses, dict) else {}
            errors = _error_statuses(responses)
            n_err = len(errors) + (1 if "default" in responses else 0)
            if n_err < 4:
                add(
                    "AW-API-003",
                    f"{label}: {n_err} error responses (minimum 4)",
                    _ptr("paths", path, method, "responses"),
                )
            sec = op.get("security", global_sec)
            secured = bool(sec)
            if sec is None:
                add(
                    "AW-OAS-001",
                    f"{label}: no security declared (add security, or [] for "
                    "a deliberately public operation)",
                    where,
                )
            else:
                for req in sec or []:
                    for scheme in req or {}:
                        if scheme not in schemes:
                            add(
                                "AW-OAS-001",
                                f"{label}: security scheme {scheme} is not "
                                "defined in components.securitySchemes",
                                where,
                            )
            need = ["429", "500"] + (["401"] if secured else [])
            for status in need:
                alt = status[0] + "XX"
                if (
                    status not in responses
                    and alt not in responses
                    and not (status == "500" and "default" in responses)
                ):
                    add(
                        "AW-API-004",
                        f"{label}: no {status} response",
                        _ptr("paths", path, method, "responses"),
                    )
            r429 = spec.deref(responses.get("429"))
            if isinstance(r429, dict):
                headers = {h.lower() for h in (r429.get("headers") or {})}
                if "retry-after" not in headers:
                    add(
                        "AW-OAS-002",
                        f"{label}: 429 without a Retry-After header",
                        _ptr("paths", path, method, "responses", "429"),
                    )
            for status in sorted(errors | ({"default"} & set(responses))):
                resp = spec.deref(responses[status])
                if not isinstance(resp, dict):
                    continue
                raw = spec.deref(resp.get("content")) or {}
                schema_node = _json_schema(spec, raw)
                if schema_node is None:
                    continue
                key = schema_node.get("$ref") if isinstance(schema_node, dict) else None
                if key is None:
                    props = sorted((spec.deref(schema_node) or {}).get("properties") or {})
                    key = "inline:" + ",".join(props)
                envelopes.setdefault(key, []).append(
                    _ptr("paths", path, method, "responses", status)
                )
            success = [s for s in responses if str(s).startswith("2")]
            body = None
            for s in success:
                resp = spec.deref(responses[s])
                if isinstance(resp, dict):
                    body = spec.deep(_json_schema(spec, resp.get("content")))
                    if body:
                        break
            segs = [s for s in str(path).split("/") if s]
            if (
                method == "get"
                and segs
                and not re.fullmatch(r"\{[^{}]+\}", segs[-1])
                and isinstance(body, dict)
                and returns_array(body)
            ):
                q = {n.lower() for n in by_in.get("query", set())}
                if not (q & _PAGE_SIZE and q & _PAGE_POS):
                    add(
                        "AW-API-008",
                        f"{label}: list operation without page-size and cursor/offset parameters",
                        where,
                    )
            if isinstance(body, dict):
                for n in sorted(set(schema_property_names(body))):
                    if n.lower() in _SECRETS:
                        add("AW-SEC-009", f"{label}: success response exposes {n}", where)
            for n in sorted(by_in.get("query", set())):
                if any(s in n.lower() for s in _SENSITIVE):
                    add("AW-API-010", f"{label}: query parameter {n} carries sensitive data", where)
            if method in ("post", "put", "patch"):
                rb = spec.deref(op.get("requestBody"))
                req_schema = (
                    spec.deep(_json_schema(spec, (rb or {}).get("content")))
                    if isinstance(rb, dict)
                    else None
                )
                money = is_money_path(str(path)) or any(
                    is_money_name(n) for n in schema_property_names(req_schema or {})
                )
                headers = {n.lower() for n in by_in.get("header", set())}
                if money and "idempotency-key" not in headers:
                    add(
                        "AW-API-009",
                        f"{label}: money write without an Idempotency-Key header",
                        where,
                    )
    if envelopes:
        # the most common envelope is the standard; every other shape is inconsistent
        standard = max(envelopes, key=lambda k: (len(envelopes[k]), k))
        std_schema = _envelope_props(spec, standard)
        if not {"error", "message"} <= std_schema:
            add(
                "AW-API-006",
                "the error envelope has no error/message fields",
                envelopes[standard][0],
            )
        for key, ptrs in sorted(envelopes.items()):
            if key != standard:
                for p in ptrs:
                    add("AW-API-006", "error response uses a different envelope than the rest", p)
    return out


def _envelope_props(spec: _Spec, key: str) -> set[str]:
    if key.startswith("inline:"):
        return set(filter(None, key[len("inline:") :].split(",")))
    node = spec.deref({"$ref": key})
    return set((node or {}).get("properties") or {}) if isinstance(node, dict) else set()


def _line_index(text: str) -> dict[str, int]:
    """JSON pointer → 1-based line, from the YAML node tree (JSON is YAML too)."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node, ptr: str, line: int | None = None) -> None:
        # a mapping entry points at its key's line, where an editor would show the problem
        lines[ptr] = line or node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = str(k.value).replace("~", "~0").replace("/", "~1")
                walk(v, f"{ptr}/{key}", k.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, f"{ptr}/{i}")

    if root is not None:
        walk(root, "")
    return lines


def load_spec(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a spec file or raise InputError (unreadable, not YAML/JSON, not OpenAPI 3.x)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected an OpenAPI file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = yaml.load(text, Loader=_LOADER)  # _LOADER is a safe loader
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "parse error"
        raise InputError(f"{path}: not YAML or JSON ({first})") from None
    if not isinstance(data, dict) or not str(data.get("openapi", "")).startswith("3."):
        raise InputError(f"{path}: not an OpenAPI 3.x document (no 'openapi: 3.x' key)")
    return data, text


def lint_file(path: Path) -> list[SpecFinding]:
    data, text = load_spec(path)
    found = lint_spec(data, str(path))
    lines = _line_index(text) if found else {}  # the node tree costs more than the lint
    return [
        SpecFinding(f.code, f.name, f.message, f.file, f.pointer, lines.get(f.pointer))
        for f in found
    ]


def to_sarif(findings: list[SpecFinding]) -> dict[str, Any]:
    """SARIF 2.1.0, for CI code-scanning annotations."""
    from archwright._version import __version__

    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "archwright lint-openapi",
                        "version": __version__,
                        "rules": [
                            {"id": r.code, "name": r.name, "shortDescription": {"text": r.summary}}
                            for r in RULES
                        ],
                    }
                },
                "results": [
                    {
                        "ruleId": f.code,
                        "level": "error",
                        "message": {"text": f.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": f.file},
                                    **({"region": {"startLine": f.line}} if f.line else {}),
                                },
                                "logicalLocations": [{"fullyQualifiedName": f.pointer or "/"}],
                            }
                        ],
                    }
                    for f in findings
                ],
            }
        ],
    }


def format_text(findings: list[SpecFinding], files: int) -> str:
    lines = [
        f"{f.file}{':' + str(f.line) if f.line else ''}: {f.code} {f.name}: {f.message}"
        f" [{f.pointer or '/'}]"
        for f in findings
    ]
    lines.append(
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}"
        if findings
        else f"OK: {files} file{'s' if files != 1 else ''}, no findings"
    )
    return "\n".join(lines) + "\n"


def format_json(findings: list[SpecFinding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"
