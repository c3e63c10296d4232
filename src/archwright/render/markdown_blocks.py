"""Markdown blocks repeated once per endpoint, column or index, written in Python, not Jinja.

A document holds 10-60 endpoints and each block makes ~40 substitutions; through Jinja (an
attribute lookup, a filter call and a ``str()`` per substitution) the endpoint block alone was
a third of the Markdown renderer's time. The section templates still lay out the document and call
these for the repeated part; the output is byte for byte what the template made.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from archwright.render.memo import SharedCache, content_digest, in_scope
from archwright.render.text import md_code, md_inline

if TYPE_CHECKING:
    from archwright.models.api import Endpoint, Param
    from archwright.models.schema import Column, Index, Table


def label(value: object) -> str:
    """Enumeration value as a reader sees it: ``series_a_plus`` -> ``series a plus``."""
    if value is None:
        return "none"
    if isinstance(value, list):
        return ", ".join(label(v) for v in value) if value else "none"
    return str(value).replace("_", " ")


def _joined(values: list[Any], empty: str) -> str:
    return ", ".join(map(str, values)) or empty


def endpoint_index(endpoints: list[Endpoint]) -> str:
    """The rows of the endpoint index table (one call per document: a Jinja call costs more
    than the row)."""
    return "\n".join(map(_endpoint_row, endpoints))


# endpoint content -> its detail block. A batch's contracts differ by a few endpoints (see
# render.openapi._OPERATIONS): inside a document scope, where the API's digest holds the digest
# of each endpoint, a block is written once per distinct endpoint.
_BLOCKS = SharedCache(4096)


def endpoint_details(endpoints: list[Endpoint]) -> str:
    """The detail blocks of every endpoint, a blank line apart."""
    if not in_scope():
        return "\n\n".join(map(_endpoint_block, endpoints))
    return "\n\n".join(
        _BLOCKS.get(content_digest(e), partial(_endpoint_block, e)) for e in endpoints
    )


def _endpoint_row(e: Endpoint) -> str:
    return (
        f"| {e.priority} | {e.method} | {md_code(e.path)} | {label(e.auth)} | "
        f"{md_inline(e.required_role)} | {md_inline(str(e.rate_limit))} |"
    )


def _param(kind: str, p: Param) -> str:
    schema = p.schema_
    line = f"- **{kind}** {md_code(p.name)}: {md_inline(schema.get('type', 'string'))}"
    if kind == "Path param":
        if schema.get("format"):
            line += f" ({md_inline(schema['format'])})"
    else:
        line += ", required" if p.required else ", optional"
        if p.default is not None:
            line += f", default {md_inline(p.default)}"
    return f"{line} — {md_inline(p.description)} Validation: {md_inline(p.validation)}"


def _body_field(name: str, s: dict[str, Any], required: list[str]) -> str:
    line = f"  - {md_code(name)}: {md_inline(s.get('type', 'object'))}"
    line += ", required" if name in required else ", optional"
    if s.get("format"):
        line += f", format {md_inline(s['format'])}"
    if s.get("maxLength"):
        line += f", max {s['maxLength']} chars"
    if s.get("minLength"):
        line += f", min {s['minLength']} chars"
    if s.get("enum"):
        line += f", one of {md_inline(' / '.join(map(str, s['enum'])))}"
    if s.get("example") is not None:
        line += f", e.g. {md_code(s['example'])}"
    return line


def _endpoint_block(e: Endpoint) -> str:
    """The detail block of one endpoint (heading, request, responses, side effects)."""
    rl, req, ok, fx = e.rate_limit, e.request, e.responses.success, e.side_effects
    out = [
        f"#### {e.method} {md_inline(e.path)}",
        "",
        f"- **Description:** {md_inline(e.description)}",
        f"- **Auth:** {label(e.auth)} — required role {md_code(e.required_role)}",
        f"- **Rate limit:** {md_inline(str(rl))} (tier {md_inline(rl.tier)})",
    ]
    if req.headers:
        heads = (
            f"{md_code(h.name)}{' (required)' if h.required else ''} — {md_inline(h.description)}"
            for h in req.headers
        )
        out.append(f"- **Request headers:** {'; '.join(heads)}")
    out += [_param("Path param", p) for p in req.path_params]
    out += [_param("Query param", p) for p in req.query_params]
    if req.body:
        out += ["- **Body:**", ""]
        required = req.body.get("required") or []
        fields = [
            _body_field(name, s, required) for name, s in (req.body.get("properties") or {}).items()
        ]
        out += fields or ["  - (empty object — no fields)"]
    out.append(f"- **Success:** {ok.status} — {md_inline(ok.reason)}")
    if ok.body:
        line = f"  Body schema: {md_inline(ok.body.get('title') or 'see openapi.yaml')}"
        if ok.body.get("properties"):
            line += " with fields " + ", ".join(md_code(k) for k in ok.body["properties"])
        out.append(line)
    if ok.headers:
        heads = (
            md_code(h.name) + (f" = {md_code(h.example)}" if h.example else "") for h in ok.headers
        )
        out.append(f"  Response headers: {'; '.join(heads)}")
    out.append("- **Errors:**")
    out += [
        f"  - {r.status} {md_code(r.error)} — {md_inline(r.condition)}" for r in e.responses.errors
    ]
    out.append(
        f"- **Side effects:** DB writes: {_joined(fx.db_writes, 'none (read only)')}; "
        f"DB reads: {_joined(fx.db_reads, 'none')}; cache: {_joined(fx.cache, 'none')}; "
        f"events: {_joined(fx.events, 'none')}; "
        f"notifications: {_joined(fx.notifications, 'none')}"
    )
    if e.pagination:
        out.append(f"- **Pagination:** {e.pagination}-based")
    if e.idempotency_key:
        out.append("- **Idempotency:** `Idempotency-Key` header required")
    return "\n".join(out)


def table_blocks(tables: list[Table]) -> str:
    """The block of every table in the Data Schema section (heading, fields, indexes), a
    blank line apart."""
    return "\n\n".join(map(_table_block, tables))


def _table_block(t: Table) -> str:
    soft_delete = "; soft delete via `deleted_at`" if t.soft_delete else ""
    pii = "; **contains PII**" if t.contains_pii else ""
    out = [
        f"### {md_inline(t.name)}",
        "",
        f"Entity: {md_inline(t.entity)}. Purpose: {md_inline(t.purpose)} Database: "
        f"{md_inline(t.database)}{soft_delete}{pii}.",
        "",
        "| Field | Type | Constraints | Default | Purpose | PII? |",
        "|---|---|---|---|---|---|",
        *map(_column_row, t.fields),
    ]
    if t.indexes:
        out += [
            "",
            "| Index Name | Fields | Type | Justification (query this supports) |",
            "|---|---|---|---|",
            *map(_index_row, t.indexes),
        ]
    return "\n".join(out)


def _column_row(c: Column) -> str:
    pii = "yes" if c.pii else "no"
    return (
        f"| {md_code(c.name)} | {md_inline(c.type)} | {md_inline(', '.join(map(str, c.constraints)))}"
        f" | {md_inline(c.default or '—')} | {md_inline(c.purpose)} | {pii}"
        f"{' (encrypted)' if c.sensitive else ''} |"
    )


def _index_row(i: Index) -> str:
    kind = f"{i.type}{' unique' if i.unique else ''}{' partial' if i.where else ''}"
    return (
        f"| {md_code(i.name)} | {md_inline(', '.join(map(str, i.fields)))} | {kind}"
        f" | {md_inline(i.justification)} |"
    )
