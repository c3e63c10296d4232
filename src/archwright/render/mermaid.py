"""Mermaid serializer: flowcharts and ER diagrams built from typed models, user text escaped.

Node ids are generated identifiers (never user text). Labels go inside ``["..."]`` and every
character outside a small safe set is written as a Mermaid entity code (``#35;``, ``#quot;``),
so quotes, brackets, ``-->``, ``%%``, backticks, HTML and emoji in a product name cannot end a
label, open a comment or inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^A-Za-z0-9 .,:/()+_'\-]")
_ID = re.compile(r"[^A-Za-z0-9_]")


def _entity(m: re.Match[str]) -> str:
    ch = m.group()
    return "#quot;" if ch == '"' else f"#{ord(ch)};"


def label(text: object, limit: int = 120) -> str:
    """Text safe inside a double-quoted Mermaid label (entity-encoded, one line, bounded)."""
    raw = " ".join(str(text).split())
    if len(raw) > limit:
        raw = raw[: limit - 1].rstrip() + "…"
    # one scan for the characters outside the safe set (a regex match per character was ~30
    # calls a label, ~100 labels a document)
    text_out = _UNSAFE.sub(_entity, raw)
    # "--" could still read as an edge inside some parsers' lookahead; break it up
    return text_out.replace("--", "-#45;")


def ident(text: str, prefix: str = "n") -> str:
    """A Mermaid-safe identifier derived from generated names (letters, digits, underscore)."""
    clean = _ID.sub("_", text).strip("_") or prefix
    if not clean[0].isalpha():
        clean = f"{prefix}_{clean}"
    return clean


def plain(text: object, limit: int = 60) -> str:
    """Text with only letters, digits and spaces (ER relationship labels, attribute comments)."""
    words = re.sub(r"[^A-Za-z0-9 ]+", " ", str(text)).split()
    out = " ".join(words)[:limit].strip()
    return out or "relates to"


Shape = str  # "rect", "db", "queue", "round", "stadium", "hex"

_SHAPES: dict[str, tuple[str, str]] = {
    "rect": ("[", "]"),
    "db": ("[(", ")]"),
    "queue": ("[/", "/]"),
    "round": ("(", ")"),
    "stadium": ("([", "])"),
    "hex": ("{{", "}}"),
    "subroutine": ("[[", "]]"),
}


def flowchart(
    nodes: Iterable[tuple[str, str, Shape]],
    edges: Iterable[tuple[str, str, str]],
    direction: str = "TD",
) -> str:
    """``graph TD`` text from (id, label, shape) nodes and (source, target, label) edges."""
    lines = [f"graph {direction}"]
    for node_id, text, shape in nodes:
        left, right = _SHAPES.get(shape, _SHAPES["rect"])
        lines.append(f'    {ident(node_id)}{left}"{label(text)}"{right}')
    for src, dst, text in edges:
        lines.append(f'    {ident(src)} -->|"{label(text, 40)}"| {ident(dst)}')
    return "\n".join(lines) + "\n"


_ER_TYPE = re.compile(r"[^a-z0-9_]")


def er_type(sql_type: str) -> str:
    """An ER attribute type token: ``VARCHAR(254)`` -> ``varchar``."""
    base = sql_type.split("(")[0].strip().lower().replace(" ", "_")
    base = _ER_TYPE.sub("_", base) or "text"
    return base if base[0].isalpha() else f"t_{base}"


def er_diagram(
    entities: Iterable[tuple[str, list[tuple[str, str, list[str], str]]]],
    relationships: Iterable[tuple[str, str, str, str]],
) -> str:
    """``erDiagram`` from (name, [(type, attribute, keys, comment)]) and
    (parent, cardinality, child, label)."""
    lines = ["erDiagram"]
    for name, attrs in entities:
        lines.append(f"    {ident(name).upper()} {{")
        for typ, attr, keys, comment in attrs:
            key = f" {','.join(keys)}" if keys else ""
            note = f' "{plain(comment)}"' if comment else ""
            lines.append(f"        {er_type(typ)} {ident(attr)}{key}{note}")
        lines.append("    }")
    for parent, card, child, text in relationships:
        lines.append(f'    {ident(parent).upper()} {card} {ident(child).upper()} : "{plain(text)}"')
    return "\n".join(lines) + "\n"
