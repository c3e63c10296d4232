"""GraphQL SDL (``schema.graphql``) when Stage 5 selects GraphQL: one type per table, queries
for reads and lists (cursor connections), mutations for writes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument

_SCALAR = {
    "UUID": "ID",
    "INTEGER": "Int",
    "BIGINT": "Float",
    "BOOLEAN": "Boolean",
    "JSONB": "JSON",
    "TIMESTAMPTZ": "DateTime",
}


def _name(text: str) -> str:
    out = "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", text) if w)
    return out if out and out[0].isalpha() else f"T{out}"


def _desc(text: str) -> str:
    clean = " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{clean[:300]}"'


def render_graphql(doc: ArchitectureDocument) -> str:
    """``schema.graphql`` text, or "" unless the API style is GraphQL."""
    if doc.api is None or doc.api.style != "graphql" or doc.schema_ is None:
        return ""
    enums = {e.name: e for e in doc.schema_.enums}
    lines = ["scalar DateTime", "scalar JSON", ""]
    for e in doc.schema_.enums:
        lines.append(f"enum {_name(e.name)} {{")
        for v in e.values:
            ident = re.sub(r"[^A-Za-z0-9_]", "_", v).upper() or "UNKNOWN"
            if not ident[0].isalpha():
                ident = f"V_{ident}"
            lines.append(f"  {ident}")
        lines += ["}", ""]
    lines.append("type PageInfo {\n  endCursor: String\n  hasNextPage: Boolean!\n}\n")
    query, mutation = [], []
    for t in doc.schema_.tables:
        tn = _name(t.entity)
        lines.append(_desc(t.purpose))
        lines.append(f"type {tn} {{")
        for c in t.fields:
            if c.name.endswith("_hash") or c.sensitive:
                continue
            gql = _name(c.type) if c.type in enums else _SCALAR.get(c.type.split("(")[0], "String")
            bang = "" if c.nullable else "!"
            field = re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), c.name)
            lines.append(f"  {field}: {gql}{bang}")
        lines += ["}", ""]
        lines.append(f"type {tn}Connection {{\n  nodes: [{tn}!]!\n  pageInfo: PageInfo!\n}}\n")
        lower = tn[0].lower() + tn[1:]
        query.append(f"  {lower}(id: ID!): {tn}")
        query.append(f"  {lower}List(first: Int = 20, after: String): {tn}Connection!")
        mutation.append(f"  delete{tn}(id: ID!): Boolean!")
    lines += ["type Query {", *query, "}", "", "type Mutation {", *mutation, "}", ""]
    return "\n".join(lines)
