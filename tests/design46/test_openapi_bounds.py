"""Size bounds, rate-limit and CORS headers of the OpenAPI contract (OWASP API4/API8/API9):
derived from what each value is, never overriding Stage 5, never dropping an example."""

from __future__ import annotations

import copy
import re
import uuid
from typing import Any

import jsonschema

from archwright.render.openapi import _clean, openapi_document
from archwright.render.openapi_bounds import (
    FORMAT_MAX_LENGTH,
    FREE_TEXT_MAX_LENGTH,
    INT32,
    INT64,
    Bounds,
    bound_schema,
    column_bounds,
    document_bounds,
    entity_columns,
)


def test_format_lengths_fit_the_longest_valid_value():
    assert FORMAT_MAX_LENGTH["uuid"] == 36 == len(str(uuid.uuid4()))
    assert FORMAT_MAX_LENGTH["email"] == 254
    assert FORMAT_MAX_LENGTH["date-time"] == len("2026-01-01T00:00:00.123456789+14:00")
    assert FORMAT_MAX_LENGTH["date"] == len("2026-01-01")
    assert FORMAT_MAX_LENGTH["ipv4"] == len("255.255.255.255")
    assert FORMAT_MAX_LENGTH["uri"] == 2048


def test_string_bound_from_format_else_free_text_default():
    b = Bounds()
    assert bound_schema({"type": "string", "format": "uuid"}, b)["maxLength"] == 36
    assert bound_schema({"type": ["string", "null"], "format": "date-time"}, b)["maxLength"] == 35
    assert bound_schema({"type": "string"}, b)["maxLength"] == FREE_TEXT_MAX_LENGTH
    # enum / const strings are already bounded
    assert "maxLength" not in bound_schema({"type": "string", "enum": ["a"]}, b)
    assert "maxLength" not in bound_schema({"type": "string", "const": "a"}, b)


def test_a_bound_never_overrides_an_explicit_one():
    b = Bounds()
    assert bound_schema({"type": "string", "format": "uuid", "maxLength": 10}, b)["maxLength"] == 10
    money = bound_schema({"type": "integer", "format": "int64", "minimum": 0}, b)
    assert (money["format"], money["minimum"], money["maximum"]) == ("int64", 0, INT64[1])
    small = bound_schema({"type": "integer", "format": "int32", "maximum": 5}, b)
    assert (small["minimum"], small["maximum"]) == (INT32[0], 5)
    excl = bound_schema({"type": "integer", "exclusiveMinimum": 0, "maximum": 9}, b)
    assert "minimum" not in excl and excl["format"] == "int32"  # xor: not both kinds of bound
    arr = bound_schema({"type": "array", "items": {"type": "string"}, "maxItems": 3}, b)
    assert arr["maxItems"] == 3 and arr["items"]["maxLength"] == FREE_TEXT_MAX_LENGTH
    # the column does not override Stage 5 either
    cols = {"name": {"maxLength": 80}}
    named = {"type": "object", "properties": {"name": {"type": "string", "maxLength": 40}}}
    assert bound_schema(named, b, cols)["properties"]["name"]["maxLength"] == 40


def test_integer_format_from_existing_bounds():
    b = Bounds()
    assert bound_schema({"type": "integer", "minimum": 1, "maximum": 100}, b)["format"] == "int32"
    unbounded = bound_schema({"type": "integer"}, b)
    assert (unbounded["format"], unbounded["minimum"], unbounded["maximum"]) == ("int64", *INT64)


def test_column_types_give_the_bound():
    assert column_bounds("VARCHAR(80)") == {"maxLength": 80}
    assert column_bounds("NUMERIC(18, 6)") == {"maxLength": 20}  # sign, 18 digits, point
    assert column_bounds("INTEGER")["format"] == "int32"
    assert column_bounds("BIGINT") == {"format": "int64", "minimum": INT64[0], "maximum": INT64[1]}
    assert column_bounds("TEXT", 'char_length("body") <= 5000') == {"maxLength": 5000}
    assert column_bounds("TEXT") == {}
    assert column_bounds("user_role", None, {"user_role": ["member", "admin"]}) == {
        "enum": ["member", "admin"]
    }
    cols = {"body": {"maxLength": 5000}, "qty": {"maxLength": 20}, "n": column_bounds("INTEGER")}
    s = {
        "type": "object",
        "properties": {
            "body": {"type": "string"},
            "qty": {"type": "string", "pattern": "^[0-9]+$"},
            "n": {"type": "integer"},
        },
    }
    out = bound_schema(s, Bounds(), cols)["properties"]
    assert out["body"]["maxLength"] == 5000 and out["qty"]["maxLength"] == 20
    assert (out["n"]["format"], out["n"]["maximum"]) == ("int32", INT32[1])


def test_page_envelope_bounded_by_pagination():
    b = Bounds(page_size_max=50, page_fields={"limit": {"minimum": 1, "maximum": 50}})
    env = {
        "type": "object",
        "properties": {
            "data": {"type": "array", "items": {"type": "object"}},
            "page": {
                "type": "object",
                "properties": {
                    "next_cursor": {"type": ["string", "null"]},
                    "limit": {"type": "integer"},
                },
            },
        },
    }
    out = bound_schema(env, b)
    assert out["properties"]["data"]["maxItems"] == 50
    page = out["properties"]["page"]["properties"]
    assert (page["limit"]["minimum"], page["limit"]["maximum"]) == (1, 50)
    assert page["limit"]["format"] == "int32"
    assert page["next_cursor"]["maxLength"] == b.cursor_max_length


def _examples(node: Any) -> int:
    if isinstance(node, dict):
        return ("example" in node) + sum(_examples(v) for v in node.values())
    if isinstance(node, list):
        return sum(_examples(v) for v in node)
    return 0


def test_bounds_keep_every_valid_example(corpus_docs):
    """A bound that rejects a Stage 5 example is a wrong bound: none may be dropped."""
    for name, doc in corpus_docs.items():
        api = doc.api
        assert api is not None
        b, cols = document_bounds(api), entity_columns(doc.schema_)
        for ep in api.endpoints:
            schemas = [p.schema_ for p in ep.request.path_params + ep.request.query_params]
            schemas += [s for s in (ep.request.body, ep.responses.success.body) if s]
            for s in schemas:
                bounded = bound_schema(copy.deepcopy(s), b, cols.get(ep.tag), entities=cols)
                assert _examples(_clean(bounded)) == _examples(_clean(copy.deepcopy(s))), (
                    name,
                    ep.operation_id,
                )
            for p in ep.request.path_params + ep.request.query_params:
                if p.example is not None:
                    ok = jsonschema.Draft202012Validator(p.schema_).is_valid(p.example)
                    bounded = bound_schema(
                        copy.deepcopy(p.schema_), b, cols.get(ep.tag), entities=cols
                    )
                    assert jsonschema.Draft202012Validator(bounded).is_valid(p.example) == ok


def _deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        parts = node["$ref"].removeprefix("#/").split("/")
        node = spec
        for part in parts:
            node = node[part]
    return node


def test_rate_limit_headers_state_each_endpoints_limit(corpus_docs):
    for name, doc in corpus_docs.items():
        spec = openapi_document(doc)
        assert doc.api is not None
        for ep in doc.api.endpoints:
            op = next(
                (
                    ops[ep.method.lower()]
                    for ops in spec["paths"].values()
                    if ops.get(ep.method.lower(), {}).get("operationId") == ep.operation_id
                ),
                None,
            )
            assert op is not None, (name, ep.operation_id)
            for status, response in op["responses"].items():
                headers = _deref(spec, response)["headers"]
                if status.startswith(("2", "4")):
                    limit = _deref(spec, headers["RateLimit-Limit"])["schema"]
                    assert limit["minimum"] == limit["maximum"] == ep.rate_limit.requests
                    reset = _deref(spec, headers["RateLimit-Reset"])["schema"]
                    assert (
                        reset["maximum"]
                        == {"second": 1, "minute": 60, "hour": 3600}[ep.rate_limit.per]
                    )
                assert "Access-Control-Allow-Origin" in headers, (name, status)


def test_cors_origin_is_the_stage7_allow_list_origin(corpus_docs):
    for name, doc in corpus_docs.items():
        spec = openapi_document(doc)
        origin = spec["components"]["headers"]["Access-Control-Allow-Origin"]["schema"]["const"]
        assert origin.startswith("https://") and "*" not in origin
        assert doc.security is not None
        text = " ".join(m for item in doc.security.owasp for m in item.mitigations)
        stage7 = re.findall(r"CORS allow-list limited to (\S+?);", text)
        assert stage7 == [origin], name


def test_server_audience_and_jwt_profile(corpus_docs):
    for doc in corpus_docs.values():
        spec = openapi_document(doc)
        internal = doc.signals.product.product_type.value == "internal_tool"
        assert [s["x-internal"] for s in spec["servers"]] == [internal]
        assert "RFC8725" in spec["components"]["securitySchemes"]["bearerAuth"]["description"]


def test_invalid_examples_are_dropped_and_each_verdict_is_its_own():
    """Verdicts are remembered by content: a cached "valid" must never leak to a schema or an
    example that differs (a bound, a type, 1 vs True)."""
    tight = {"type": "integer", "maximum": 5, "example": 7}
    loose = {"type": "integer", "maximum": 10, "example": 7}
    boolean = {"type": "boolean", "example": 1}
    for _ in range(2):  # the second round answers from the remembered verdicts
        assert "example" not in _clean(tight)
        assert _clean(loose)["example"] == 7
        assert "example" not in _clean(boolean)
        assert _clean({"type": "boolean", "example": True})["example"] is True
        nested = _clean({"type": "object", "properties": {"n": tight, "m": loose}})
        assert "example" not in nested["properties"]["n"]
        assert nested["properties"]["m"]["example"] == 7
