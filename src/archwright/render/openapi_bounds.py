"""Size bounds of the OpenAPI contract (OWASP API4:2023, unrestricted resource consumption).

Every string gets a ``maxLength``, every integer a ``format`` and ``minimum``/``maximum``, every
array a ``maxItems`` — derived from what the value is, never invented per field, and never
overriding a bound or format Stage 5 already set. All the decisions live here:

* the PostgreSQL column the property is stored in (Stage 4), when the schema belongs to an entity:
  ``VARCHAR(n)`` -> n characters, ``NUMERIC(p, s)`` -> p digits plus sign and decimal point,
  ``INTEGER`` -> int32, ``BIGINT`` -> int64 (the API cannot accept what the column cannot store);
* else the string ``format`` (its grammar has a maximum length, table below);
* else ``FREE_TEXT_MAX_LENGTH`` (a ``TEXT`` column with no declared length);
* integers without a column: int32 when the existing bounds fit it, else int64, and the missing
  bound is the end of that range (a known ``minimum: 0`` is kept);
* arrays: at most one page (``api.governance.pagination.page_size_max``) — list pages by
  definition, and request arrays so that no write carries more items than a read may return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archwright.models.api import ApiContract
    from archwright.models.schema import SchemaDesign

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)

# format -> longest valid value, so a bound can never reject a well-formed value
FORMAT_MAX_LENGTH: dict[str, int] = {
    "uuid": 36,  # RFC 9562 textual form: 32 hex digits in 8-4-4-4-12 groups
    "email": 254,  # RFC 5321 forward-path limit (256) minus the angle brackets; = VARCHAR(254)
    "date-time": 35,  # RFC 3339 with nanoseconds and a numeric offset: 2026-01-01T00:00:00.123456789+14:00
    "date": 10,  # RFC 3339 full-date YYYY-MM-DD
    "time": 24,  # RFC 3339 full-time with nanoseconds and offset: 00:00:00.123456789+14:00
    "uri": 2048,  # practical URL limit of browsers and CDNs; = VARCHAR(2048) of url columns
    "ipv4": 15,  # dotted quad 255.255.255.255
    "ipv6": 45,  # RFC 4291 text form with an embedded IPv4 suffix
    "hostname": 253,  # RFC 1035 name length in text form
}

# a TEXT column with no declared length: ~1,500 words, larger than any message or comment body a
# product description implies; Stage 4 sets a real length (VARCHAR / CHECK char_length) when known
FREE_TEXT_MAX_LENGTH = 10_000

# response header values: the header-specific limit when there is one, else the 8 KiB header
# line common proxies accept (nginx large_client_header_buffers, Apache LimitRequestFieldSize)
HEADER_MAX_LENGTH: dict[str, int] = {
    "location": FORMAT_MAX_LENGTH["uri"],  # a URL
    "set-cookie": 4096,  # RFC 6265 §6.1: the per-cookie size every browser must support
}
HEADER_VALUE_MAX_LENGTH = 8190

_VARCHAR = re.compile(r"^(?:VARCHAR|CHARACTER VARYING|CHAR|CHARACTER)\s*\(\s*(\d+)\s*\)$", re.I)
_NUMERIC = re.compile(r"^(?:NUMERIC|DECIMAL)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$", re.I)
_CHAR_LENGTH = re.compile(r"char_length\([^)]*\)\s*<=\s*(\d+)", re.I)
_INT32_TYPES = {"INTEGER", "INT", "INT4", "SERIAL", "SMALLINT", "INT2"}
_INT64_TYPES = {"BIGINT", "INT8", "BIGSERIAL"}


@dataclass(frozen=True)
class Bounds:
    """The document-wide inputs of the bound decisions."""

    page_size_min: int = 1
    page_size_max: int = 100
    # bounds of the page envelope's integers (``page.limit`` etc.), from the paging parameters
    page_fields: dict[str, dict[str, int]] = field(default_factory=dict)
    # the opaque cursor a page returns must fit the cursor query parameter it is sent back in
    cursor_max_length: int = 512


def column_bounds(
    sql_type: str, check: str | None = None, enums: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """JSON Schema bounds implied by a PostgreSQL column type (and its CHECK), or {}."""
    if enums and sql_type in enums:  # a CREATE TYPE ... AS ENUM column takes only its values
        return {"enum": list(enums[sql_type])}
    t = " ".join(sql_type.split()).upper()
    if m := _VARCHAR.match(t):
        return {"maxLength": int(m.group(1))}
    if m := _NUMERIC.match(t):
        # a decimal travels as a string: sign, p digits and the decimal point
        return {"maxLength": int(m.group(1)) + (2 if m.group(2) and m.group(2) != "0" else 1)}
    if t in _INT32_TYPES:
        return {"format": "int32", "minimum": INT32[0], "maximum": INT32[1]}
    if t in _INT64_TYPES:
        return {"format": "int64", "minimum": INT64[0], "maximum": INT64[1]}
    if check and (m := _CHAR_LENGTH.search(check)):
        return {"maxLength": int(m.group(1))}
    return {}


def _types(schema: dict[str, Any]) -> list[str]:
    t = schema.get("type")
    return [t] if isinstance(t, str) else [x for x in t if isinstance(x, str)] if t else []


def string_max_length(schema: dict[str, Any], column: dict[str, Any] | None = None) -> int:
    """The ``maxLength`` for a string schema that has none."""
    if column and "maxLength" in column:
        return int(column["maxLength"])
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt in FORMAT_MAX_LENGTH:
        return FORMAT_MAX_LENGTH[fmt]
    return FREE_TEXT_MAX_LENGTH


def integer_bounds(schema: dict[str, Any], column: dict[str, Any] | None = None) -> dict[str, Any]:
    """The missing ``format``/``minimum``/``maximum`` of an integer schema (never the present ones)."""
    lo_key = "minimum" if "exclusiveMinimum" not in schema else "exclusiveMinimum"
    hi_key = "maximum" if "exclusiveMaximum" not in schema else "exclusiveMaximum"
    fmt = schema.get("format")
    if fmt not in ("int32", "int64"):
        if column and column.get("format") in ("int32", "int64"):
            fmt = column["format"]
        else:
            lo, hi = schema.get(lo_key), schema.get(hi_key)
            fits = lo is not None and hi is not None and INT32[0] <= lo and hi <= INT32[1]
            fmt = "int32" if fits else "int64"
    lo_default, hi_default = INT32 if fmt == "int32" else INT64
    out: dict[str, Any] = {}
    if "format" not in schema:
        out["format"] = fmt
    if lo_key not in schema:
        out["minimum"] = lo_default
    if hi_key not in schema:
        out["maximum"] = hi_default
    return out


def bound_schema(
    schema: Any,
    bounds: Bounds,
    columns: dict[str, dict[str, Any]] | None = None,
    name: str | None = None,
    known: dict[str, Any] | None = None,
    entities: dict[str, dict[str, dict[str, Any]]] | None = None,
) -> Any:
    """A copy of ``schema`` with every missing size bound added (see the module docstring).

    ``columns`` maps property names of the schema's entity to :func:`column_bounds`; ``name`` is
    the property this schema describes; ``known`` are bounds that hold for it in its context (the
    page envelope's integers), used before any default; ``entities`` maps entity names to their
    columns, so a nested schema titled with an entity uses that entity's columns."""
    if isinstance(schema, list):
        return [bound_schema(s, bounds, columns, None, None, entities) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = dict(schema)
    title = schema.get("title")
    if entities and isinstance(title, str) and title in entities:
        columns = entities[title]
    types = _types(schema)
    column = (columns or {}).get(name) if name else None
    for k, v in (known or {}).items():
        out.setdefault(k, v)
    if "string" in types and "maxLength" not in out and "enum" not in out and "const" not in out:
        if column and "enum" in column:
            out["enum"] = list(column["enum"])
        elif name == "next_cursor":
            out["maxLength"] = bounds.cursor_max_length
        else:
            out["maxLength"] = string_max_length(out, column)
    if "integer" in types:
        out.update(integer_bounds(out, column))
    if "array" in types and "maxItems" not in out:
        out["maxItems"] = bounds.page_size_max
    props = out.get("properties")
    if isinstance(props, dict):
        envelope = "data" in props and isinstance(props.get("page"), dict)
        out["properties"] = {
            k: _bound_page(v, bounds)
            if envelope and k == "page"
            else bound_schema(v, bounds, columns, k, None, entities)
            for k, v in props.items()
        }
    for key in ("items", "additionalProperties", "not", "contains"):
        if isinstance(out.get(key), dict):
            # array items are the same column/field as their array; map values are not
            item_name = name if key == "items" else None
            out[key] = bound_schema(out[key], bounds, columns, item_name, None, entities)
    for key in ("oneOf", "anyOf", "allOf", "prefixItems"):
        if isinstance(out.get(key), list):
            out[key] = [bound_schema(s, bounds, columns, name, None, entities) for s in out[key]]
    return out


def _bound_page(page: dict[str, Any], bounds: Bounds) -> dict[str, Any]:
    """The page metadata of a list envelope: its integers echo the paging parameters."""
    out = dict(page)
    props = out.get("properties")
    if isinstance(props, dict):
        out["properties"] = {
            k: bound_schema(v, bounds, None, k, bounds.page_fields.get(k)) for k, v in props.items()
        }
    return bound_schema(out, bounds, None, "page")


def header_max_length(header: str) -> int:
    return HEADER_MAX_LENGTH.get(header.lower(), HEADER_VALUE_MAX_LENGTH)


def document_bounds(api: ApiContract) -> Bounds:
    """The bounds one contract implies: its page sizes and the ranges of its paging parameters."""
    pg = api.governance.pagination
    fields: dict[str, dict[str, Any]] = {
        "limit": {"minimum": pg.page_size_min, "maximum": pg.page_size_max},
        "total": {"minimum": 0},  # a row count
    }
    cursor = 0
    for ep in api.endpoints:
        for p in ep.request.query_params:
            s = p.schema_
            if p.name == "cursor" and isinstance(s.get("maxLength"), int):
                cursor = max(cursor, s["maxLength"])
            if p.name == "offset" and "minimum" in s and "maximum" in s:
                fields.setdefault("offset", {"minimum": s["minimum"], "maximum": s["maximum"]})
    return Bounds(
        page_size_min=pg.page_size_min,
        page_size_max=pg.page_size_max,
        page_fields=fields,
        cursor_max_length=cursor or Bounds.cursor_max_length,
    )


def entity_columns(schema: SchemaDesign | None) -> dict[str, dict[str, dict[str, Any]]]:
    """{entity name: {column: its bounds}} from the Stage 4 tables (snake_case keys too)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    enums = {e.name: e.values for e in schema.enums} if schema else {}
    for t in schema.tables if schema else []:
        cols = {c.name: column_bounds(c.type, c.check, enums) for c in t.fields}
        cols = {k: v for k, v in cols.items() if v}
        out.setdefault(t.entity, cols)
        out.setdefault(re.sub(r"(?<!^)(?=[A-Z])", "_", t.entity).lower(), cols)
    return out
