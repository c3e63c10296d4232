"""A fast, dependency-free validator of the Mermaid subset archwright emits.

There is no Python Mermaid parser, so the gate checks the exact grammar our serializers produce:

* flowcharts — ``graph TD`` / ``flowchart LR`` headers; nodes ``id["label"]``, ``id[("label")]``,
  ``id(["label"])``, ``id(("label"))``, ``id{{"label"}}``, ``id[/"label"/]``, ``id("label")``;
  edges ``a --> b``, ``a -->|label| b``, ``a -.->|"label"| b``, ``a ==> b``; ``subgraph id["t"]`` …
  ``end``; ``classDef``/``class``/``style``/``linkStyle`` lines; ``%%`` comments.
* ER diagrams — ``erDiagram``; ``NAME {`` attribute lines ``type name [PK|FK|UK, …] ["comment"]``
  ``}``; relationships ``A ||--o{ B : label``.

Anything outside the subset is reported, so the validator can be stricter than Mermaid but never
looser; ``tests/verify/test_mermaid_crosscheck.py`` runs it against the real parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ID = r"[A-Za-z_][A-Za-z0-9_]*"
# ids Mermaid's flowchart lexer treats as keywords
_RESERVED = {
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "classdef",
    "class",
    "click",
    "linkstyle",
    "direction",
    "default",
    "call",
    "href",
    "interpolate",
}
_QUOTED = r'"[^"\n]*"'
_SHAPES = [
    (r"\[\(", r"\)\]"),  # cylinder
    (r"\(\[", r"\]\)"),  # stadium
    (r"\(\(", r"\)\)"),  # circle
    (r"\{\{", r"\}\}"),  # hexagon
    (r"\[/", r"/\]"),  # parallelogram
    (r"\[\\", r"\\\]"),
    (r"\[\[", r"\]\]"),  # subroutine
    (r"\[", r"\]"),
    (r"\(", r"\)"),
    (r"\{", r"\}"),  # rhombus
    (r">", r"\]"),  # asymmetric
]
_PLAIN = r"[A-Za-z0-9 _.,:;/+&'!?#=-]+"
_SHAPE_RE = "|".join(f"{o}(?:{_QUOTED}|{_PLAIN}){c}" for o, c in _SHAPES)
_NODE = rf"(?P<idN>{_ID})(?P<shapeN>{_SHAPE_RE})?"


def _node(n: int) -> str:
    return _NODE.replace("idN", f"id{n}").replace("shapeN", f"shape{n}")


_ARROW = r"(?:-->|---|-\.->|-\.-|==>|===|--o|--x|<-->)"
_EDGE_LABEL = rf"(?:\|(?:{_QUOTED}|[^|\"\n]+)\|)"
_NODE_RE = re.compile(rf"^{_node(1)}$")
_EDGE_RE = re.compile(
    rf"^{_node(1)}\s*(?P<arrow>{_ARROW})\s*(?P<label>{_EDGE_LABEL})?\s*{_node(2)}$"
)
_HEADER_RE = re.compile(r"^(graph|flowchart)\s+(TD|TB|BT|LR|RL)$")
_SUBGRAPH_RE = re.compile(rf"^subgraph\s+{_ID}(\s*\[{_QUOTED}\])?$")
_STYLE = r"[A-Za-z0-9_#:;,.%() -]+"
_DIRECTIVE_RE = re.compile(
    rf"^(classDef[ \t][A-Za-z0-9_,]+\s+{_STYLE}"
    rf"|style[ \t]{_ID}\s+{_STYLE}"
    rf"|class[ \t][A-Za-z0-9_,]+[ \t]{_ID}"
    rf"|linkStyle[ \t](default|\d+(,\d+)*)\s+{_STYLE}"
    r"|direction\s+(TB|TD|BT|LR|RL))$"
)


def _class_trailing_ws(raw: str) -> bool:
    stripped = raw.rstrip()
    if stripped.endswith(";"):
        return stripped[:-1] != stripped[:-1].rstrip()
    return raw != stripped


_ER_ENTITY = r"[A-Za-z_][A-Za-z0-9_-]*"
# entity names Mermaid's erDiagram lexer reads as keywords (found against mermaid 11)
_ER_RESERVED = {"u", "one", "many", "to", "style", "class", "classdef", "erdiagram"}
_ER_BLOCK_RE = re.compile(rf"^(?P<name>{_ER_ENTITY})\s*\{{$")
_ER_ATTR_RE = re.compile(
    r"^[A-Za-z_][A-Za-z0-9_()\[\],-]*\s+[A-Za-z_*][A-Za-z0-9_-]*"
    r"(\s+(PK|FK|UK)(\s*,\s*(PK|FK|UK))*)?(\s+\"[^\"\n]*\")?$"
)
_ER_REL_RE = re.compile(
    rf"^(?P<a>{_ER_ENTITY})\s+(\|o|\|\||\}}o|\}}\|)(--|\.\.)(o\||\|\||o\{{|\|\{{)\s+"
    rf"(?P<b>{_ER_ENTITY})\s*:\s*(\"[^\"\n]*\"|[A-Za-z0-9_-]+)$"
)
_ER_EMPTY_RE = re.compile(rf"^{_ER_ENTITY}$")


@dataclass(frozen=True)
class MermaidError:
    line: int  # 1-based line in the diagram
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    for i, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if line and not line.startswith("%%"):
            out.append((i, line))
    return out


def _label_of(shape: str | None) -> str:
    if not shape:
        return ""
    m = re.search(r'"([^"]*)"', shape)
    return m.group(1) if m else re.sub(r"^[\[\](){}/\\>]+|[\[\](){}/\\]+$", "", shape)


def _check_id(ident: str, n: int, errors: list[MermaidError]) -> None:
    if ident.lower() in _RESERVED:
        errors.append(MermaidError(n, f"node id {ident!r} is a Mermaid keyword"))


def lint_flowchart(text: str) -> list[MermaidError]:
    lines = _lines(text)
    if not lines:
        return [MermaidError(1, "empty diagram")]
    errors: list[MermaidError] = []
    n0, head = lines[0]
    if not _HEADER_RE.match(head):
        return [MermaidError(n0, f"expected 'graph TD' header, got {head[:40]!r}")]
    depth = 0
    raw_lines = text.split("\n")
    for n, line in lines[1:]:
        line = line.rstrip(";").strip()
        if line == "end":
            depth -= 1
            if depth < 0:
                errors.append(MermaidError(n, "'end' without 'subgraph'"))
                depth = 0
            continue
        if line.startswith("subgraph"):
            if not _SUBGRAPH_RE.match(line):
                errors.append(MermaidError(n, "malformed subgraph line"))
            depth += 1
            continue
        if _DIRECTIVE_RE.match(line):
            # Mermaid's lexer reads whitespace after a `class` statement as an empty class name
            if re.match(r"class\s", line) and _class_trailing_ws(raw_lines[n - 1]):
                errors.append(MermaidError(n, "whitespace after a class statement"))
            continue
        m = _EDGE_RE.match(line)
        if m:
            _check_id(m.group("id1"), n, errors)
            _check_id(m.group("id2"), n, errors)
            continue
        m = _NODE_RE.match(line)
        if m:
            _check_id(m.group("id1"), n, errors)
            continue
        errors.append(MermaidError(n, f"not a node, edge or directive: {line[:60]!r}"))
    if depth:
        errors.append(MermaidError(lines[-1][0], f"{depth} subgraph(s) not closed with 'end'"))
    return errors


def _check_er_name(name: str, n: int, errors: list[MermaidError]) -> None:
    if name.lower() in _ER_RESERVED:
        errors.append(MermaidError(n, f"entity name {name!r} is a Mermaid keyword"))


def lint_erdiagram(text: str) -> list[MermaidError]:
    lines = _lines(text)
    if not lines:
        return [MermaidError(1, "empty diagram")]
    n0, head = lines[0]
    if head != "erDiagram":
        return [MermaidError(n0, f"expected 'erDiagram' header, got {head[:40]!r}")]
    errors: list[MermaidError] = []
    in_block: str | None = None
    for n, line in lines[1:]:
        if in_block is not None:
            if line == "}":
                in_block = None
            elif not _ER_ATTR_RE.match(line):
                errors.append(MermaidError(n, f"bad attribute in {in_block}: {line[:60]!r}"))
            continue
        m = _ER_BLOCK_RE.match(line)
        if m:
            in_block = m.group("name")
            _check_er_name(in_block, n, errors)
            continue
        m = _ER_REL_RE.match(line)
        if m:
            _check_er_name(m.group("a"), n, errors)
            _check_er_name(m.group("b"), n, errors)
            continue
        if _ER_EMPTY_RE.match(line):
            _check_er_name(line, n, errors)
            continue
        errors.append(MermaidError(n, f"not an entity or relationship: {line[:60]!r}"))
    if in_block is not None:
        errors.append(MermaidError(lines[-1][0], f"entity block {in_block} not closed"))
    return errors


def lint(text: str) -> list[MermaidError]:
    """Errors of one diagram (no fence), or ``[]`` when it is in the supported subset."""
    if not isinstance(text, str):
        return [MermaidError(1, "diagram is not text")]
    return list(_lint(text))


# The gate lints a document's two diagrams and reads their entities and edges; a batch's
# neighbours often share their diagrams, and a fix pass re-runs the checks on unchanged ones:
# each diagram text is parsed once while it is among the last few seen. The cached results
# are immutable; callers get copies.
_DIAGRAMS = 32


@lru_cache(maxsize=_DIAGRAMS)
def _lint(text: str) -> tuple[MermaidError, ...]:
    first = next((line for _, line in _lines(text)), "")
    if first == "erDiagram":
        return tuple(lint_erdiagram(text))
    if first.startswith(("graph", "flowchart")):
        return tuple(lint_flowchart(text))
    return (MermaidError(1, f"unsupported diagram type {first[:40]!r}"),)


def is_valid(text: str) -> bool:
    return not lint(text)


def er_entities(text: str) -> list[str]:
    """Entity names declared (block or relationship) in an ER diagram."""
    return list(_er_entities(text or ""))


@lru_cache(maxsize=_DIAGRAMS)
def _er_entities(text: str) -> tuple[str, ...]:
    names: list[str] = []
    for _, line in _lines(text):
        m = _ER_BLOCK_RE.match(line)
        if m:
            names.append(m.group("name"))
            continue
        m = _ER_REL_RE.match(line)
        if m:
            names += [m.group("a"), m.group("b")]
    return tuple(dict.fromkeys(names))


def flowchart_graph(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Node ids → labels and (source, target, label) edges of a flowchart in the subset."""
    nodes, edges = _flowchart_graph(text or "")
    return dict(nodes), list(edges)


@lru_cache(maxsize=_DIAGRAMS)
def _flowchart_graph(text: str) -> tuple[dict[str, str], tuple[tuple[str, str, str], ...]]:
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for _, line in _lines(text)[1:]:
        line = line.rstrip(";").strip()
        m = _EDGE_RE.match(line)
        if m:
            for k in ("1", "2"):
                label = _label_of(m.group("shape" + k))
                if label or m.group("id" + k) not in nodes:
                    nodes[m.group("id" + k)] = label or nodes.get(m.group("id" + k), "")
            raw = m.group("label") or ""
            edges.append((m.group("id1"), m.group("id2"), raw.strip("|").strip('"')))
            continue
        m = _NODE_RE.match(line)
        if m:
            nodes[m.group("id1")] = _label_of(m.group("shape1")) or nodes.get(m.group("id1"), "")
    return nodes, tuple(edges)
