"""``openapi_fast`` (the gate's validator) agrees with openapi-spec-validator.

On generated contracts, on hand-made breakages of each rule, and on seeded random mutations of a
generated contract, the fast validator says "invalid" exactly when openapi-spec-validator does —
except where openapi-spec-validator is known to be looser (``STRICTER``), which the fast validator
must reject.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from archwright import generate
from archwright.render.openapi import openapi_document
from archwright.verify.openapi_fast import fast_openapi_errors
from archwright.verify.openapi_validation import _full_openapi_errors, openapi_errors

PROMPTS = [
    "Build me a backend for a social app",
    "It's a financial trading platform where users execute real-time stock trades. We want to use MongoDB.",
    "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed. Users are doctors accessing patient records.",
    "An online marketplace for handmade furniture with Stripe payments and seller payouts",
    "A URL shortener with click analytics",
    "We're using a serverless architecture on AWS Lambda with PostgreSQL and WebSockets for our real-time chat app.",
    "Internal tool for our 12-person ops team to track warehouse inventory, Python/Django shop",
    "a marketplace for renting telescopes to astronomy clubs",
]


@pytest.fixture(scope="module")
def specs() -> list[dict[str, Any]]:
    return [openapi_document(generate(p)) for p in PROMPTS]


def _first_op(spec: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    for url, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "{" in url:
                return url, method, op
    raise AssertionError("no templated path")


def _break(spec: dict[str, Any], how: str) -> dict[str, Any]:
    s = copy.deepcopy(spec)
    url, method, op = _first_op(s)
    schemas = s["components"]["schemas"]
    name = next(n for n in schemas if n != "Error")
    if how == "no_info":
        del s["info"]
    elif how == "bad_version_type":
        s["info"]["version"] = 3
    elif how == "duplicate_operation_id":
        other = next(
            o
            for u, it in s["paths"].items()
            for m, o in it.items()
            if isinstance(o, dict) and (u, m) != (url, method)
        )
        other["operationId"] = op["operationId"]
    elif how == "undeclared_path_param":
        op["parameters"] = [p for p in op.get("parameters", []) if p["in"] != "path"]
    elif how == "extra_path_param":
        op.setdefault("parameters", []).append(
            {"name": "ghost", "in": "path", "required": True, "schema": {"type": "string"}}
        )
    elif how == "duplicate_parameter":
        op["parameters"].append(copy.deepcopy(op["parameters"][0]))
    elif how == "invalid_schema_type":
        schemas[name]["type"] = "strin"
    elif how == "default_violates_schema":
        schemas[name]["properties"]["zz"] = {"type": "integer", "default": "seven"}
    elif how == "allof_required_undefined":
        schemas["Combo"] = {
            "allOf": [{"$ref": f"#/components/schemas/{name}"}],
            "required": ["nope"],
        }
    elif how == "duplicate_tag":
        s["tags"].append(copy.deepcopy(s["tags"][0]))
    elif how == "response_without_description":
        first = next(iter(op["responses"].values()))
        first.pop("description", None)
        first.pop("$ref", None)
    elif how == "invalid_request_body_schema":
        body = next(
            o["requestBody"]
            for it in s["paths"].values()
            for o in it.values()
            if isinstance(o, dict) and "requestBody" in o
        )
        body["content"]["application/json"]["schema"] = {"type": "strin"}
    elif how == "invalid_response_header_schema":
        resp = next(
            r
            for it in s["paths"].values()
            for o in it.values()
            if isinstance(o, dict)
            for r in o["responses"].values()
            if "headers" in r
        )
        next(iter(resp["headers"].values()))["schema"] = {"type": 5}
    elif how == "dangling_ref":
        schemas[name]["properties"]["zz"] = {"$ref": "#/components/schemas/DoesNotExist"}
    else:
        raise AssertionError(how)
    return s


AGREED = [
    "no_info",
    "bad_version_type",
    "duplicate_operation_id",
    "undeclared_path_param",
    "extra_path_param",
    "duplicate_parameter",
    "invalid_schema_type",
    "default_violates_schema",
    "allof_required_undefined",
    "duplicate_tag",
    "response_without_description",
]
# openapi-spec-validator 0.9 accepts these (it never resolves every $ref, and never meta-checks
# request-body or response-header schemas); the gate must not
STRICTER = ["dangling_ref", "invalid_request_body_schema", "invalid_response_header_schema"]
_STRICTER_AREAS = ("unresolvable $ref", "/requestBody/", "/headers/")


def test_generated_contracts_valid_for_both(specs):
    for spec in specs:
        assert fast_openapi_errors(spec) == []
        assert _full_openapi_errors(spec) == []


@pytest.mark.parametrize("how", AGREED)
def test_each_breakage_is_caught_by_both(specs, how):
    broken = _break(specs[0], how)
    fast = fast_openapi_errors(broken)
    assert fast, f"fast validator accepts {how}"
    assert _full_openapi_errors(broken), f"openapi-spec-validator accepts {how}"
    assert openapi_errors(broken), how


@pytest.mark.parametrize("how", STRICTER)
def test_stricter_than_openapi_spec_validator(specs, how):
    broken = _break(specs[0], how)
    assert fast_openapi_errors(broken)
    assert openapi_errors(broken), "the gate must reject what only the fast validator sees"


_JUNK: list[Any] = [None, 0, -1, "x", "", [], {}, True, {"type": "nope"}, ["a"], 3.5]


def _mutate(spec: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    s = copy.deepcopy(spec)
    nodes: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                nodes.append((node, k))
                walk(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                nodes.append((node, i))
                walk(v)

    walk(s)
    for _ in range(rng.randint(1, 2)):
        parent, key = rng.choice(nodes)
        try:
            if isinstance(parent, dict) and rng.random() < 0.4:
                del parent[key]
            else:
                parent[key] = copy.deepcopy(rng.choice(_JUNK))
        except (KeyError, IndexError):
            pass
    return s


def test_random_mutations_agree(specs):
    rng = random.Random(20261126)
    looser, unexplained = [], []
    checked = 0
    for i in range(120):
        mutated = _mutate(specs[i % len(specs)], rng)
        fast = fast_openapi_errors(mutated)
        if fast is None:
            continue
        full = _full_openapi_errors(mutated)
        checked += 1
        if full and not fast:
            looser.append(full)
        elif fast and not full and not any(a in fast[0] for a in _STRICTER_AREAS):
            unexplained.append(fast)
    assert checked >= 100
    assert not looser, f"fast validator accepts what openapi-spec-validator rejects: {looser[:3]}"
    assert not unexplained, unexplained[:3]
