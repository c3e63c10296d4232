"""Small shared helpers for checks: locations, look-ups and word matching."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archwright.models.api import Endpoint
    from archwright.models.schema import Column, Index, Table

_WORD = re.compile(r"[a-z0-9]+")
PATH_PARAM = re.compile(r"\{([^{}]+)\}")


def ep_loc(ep: Endpoint) -> str:
    return f"api.endpoints[{ep.method} {ep.path}]"


def col_loc(table: Table, col: Column | str) -> str:
    name = col if isinstance(col, str) else col.name
    return f"schema.tables[{table.name}].fields[{name}]"


def table_loc(table: Table) -> str:
    return f"schema.tables[{table.name}]"


def index_loc(table: Table, index: Index) -> str:
    return f"schema.tables[{table.name}].indexes[{index.name}]"


def words(text: str | None) -> set[str]:
    return set(_WORD.findall((text or "").lower()))


def blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict, set)):
        return len(value) == 0
    return False


def mentions(text: str | None, *needles: str) -> bool:
    """Case-insensitive substring match of any needle."""
    low = (text or "").lower()
    return any(n.lower() in low for n in needles)


def is_list_endpoint(method: str, path: str, body: dict | None) -> bool:
    """A GET on a collection: last path segment is not a parameter and the success body is (or
    wraps) an array."""
    if method.upper() != "GET":
        return False
    segments = [s for s in path.split("/") if s]
    if not segments or PATH_PARAM.fullmatch(segments[-1]):
        return False
    return body is not None and returns_array(body)


def returns_array(schema: dict | None) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "array":
        return True
    props = schema.get("properties")
    if isinstance(props, dict):
        for key in ("data", "items", "results"):
            sub = props.get(key)
            if isinstance(sub, dict) and sub.get("type") == "array":
                return True
    return False


_MONEY_NAMES = re.compile(
    r"(^|_)(amount|price|total|balance|cost|fee|fees|subtotal|payout|refund|charge|salary|tax)(_|$)|_cents$|^cents$"
)


# a path segment that moves money or commits an order (a retried POST here double-charges or
# double-ships): one rule for the generator, the gate and lint-openapi
_MONEY_PATH = re.compile(
    r"(?:^|[/_-])(?:payment|charge|transfer|refund|payout|checkout|invoice|order|deposit|"
    r"withdraw)",
    re.I,
)


def is_money_path(path: str) -> bool:
    return bool(_MONEY_PATH.search(path))


def is_money_name(name: str) -> bool:
    return bool(_MONEY_NAMES.search(name.lower()))


def schema_property_names(schema: object) -> list[str]:
    """Every property name in a JSON Schema, recursively (objects, arrays, compositions), in
    depth-first order."""
    out: list[str] = []
    _property_names(schema, out)
    return out


def _property_names(schema: object, out: list[str]) -> None:
    # appends to one list: a chain of nested generators re-yields every name once per level
    if not isinstance(schema, dict):
        return
    props = schema.get("properties")
    if isinstance(props, dict):
        for key, sub in props.items():
            out.append(str(key))
            _property_names(sub, out)
    for key in ("items", "additionalProperties"):
        sub = schema.get(key)
        if isinstance(sub, dict):
            _property_names(sub, out)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key) or []:
            _property_names(sub, out)


def version_prefix(path: str) -> str | None:
    m = re.match(r"^/(v\d+)(/|$)", path)
    return m.group(1) if m else None
