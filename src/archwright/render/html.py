"""HTML rendering of the document, from the typed model (never from the Markdown).

One view model serves two pages: the web app's result page (scripts and styles served by the
app under a strict CSP) and ``generate --html``'s self-contained ``architecture.html`` (styles and
mermaid.js inlined, allowed by a ``<meta>`` CSP that lists the sha256 of each inline script, so
it works offline from a ``file://`` URL).

Sections whose stages have a dedicated layout (intake, conflicts, verification, assumptions) are
laid out by hand; every other section is rendered by a generic walk over its pydantic model, so a
field a stage adds later shows up without touching this module. User text only ever reaches the
page through Jinja with autoescape on.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel

from archwright.render.template_cache import template_cache

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument

#: Where the build step (``scripts/vendor-mermaid.sh``) puts mermaid.js: package data of the web
#: app, served from there and inlined from there. It is never fetched from a CDN.
MERMAID_JS = Path(__file__).resolve().parent.parent / "web" / "static" / "vendor" / "mermaid.min.js"

MERMAID_MISSING = (
    "Diagrams are shown as Mermaid source: mermaid.js is not installed with this copy of "
    "archwright (run `make vendor-mermaid`, which copies it from the npm package)."
)

_MERMAID_HEADERS = (
    "graph",
    "flowchart",
    "erDiagram",
    "sequenceDiagram",
    "classDiagram",
    "stateDiagram",
    "C4",
    "gantt",
    "journey",
    "mindmap",
    "timeline",
    "block-beta",
    "architecture-beta",
)


# --------------------------------------------------------------------------- view model
@dataclass
class Node:
    """One piece of the page. ``kind`` picks the Jinja macro that draws it."""

    kind: str  # text | none | list | kv | table | items | leaf | intensity | mermaid | code
    value: Any = None
    rows: list[Any] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Section:
    anchor: str
    title: str
    body: list[Any]  # (heading | None, Node) pairs
    css: str = ""


@dataclass
class DocumentView:
    title: str
    passed: bool
    checks: int
    prompt: str
    version: str
    engine: str
    sections: list[Section]
    diagrams: int


def label(name: str) -> str:
    """A field name as a reader sees it: ``peak_concurrent_users`` -> ``Peak concurrent users``."""
    text = name.rstrip("_").replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else name


def _fields(model: BaseModel) -> list[tuple[str, Any]]:
    """(display name, value) for each field in declaration order; aliases win (``schema``)."""
    out = []
    for name, info in type(model).model_fields.items():
        out.append((info.alias or name, getattr(model, name)))
    return out


def _is_leaf(value: Any) -> bool:
    names = set(type(value).model_fields) if isinstance(value, BaseModel) else set()
    return {"value", "inferred", "evidence"} <= names


def _is_intensity(value: Any) -> bool:
    names = set(type(value).model_fields) if isinstance(value, BaseModel) else set()
    return {"score", "inferred", "evidence", "implication"} <= names


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _is_simple(value: Any) -> bool:
    """Fits in a table cell: a scalar, a list of scalars, or a small flat dict."""
    if _is_scalar(value):
        return True
    if isinstance(value, list):
        return all(_is_scalar(v) for v in value)
    return False


def _looks_like_mermaid(name: str, value: str) -> bool:
    lowered = name.lower()
    if "diagram" not in lowered and lowered not in {"erd", "mermaid"}:
        return False
    first = value.lstrip().split("\n", 1)[0].strip()
    return any(first.startswith(h) for h in _MERMAID_HEADERS)


_SUMMARY_KEYS = (
    "name",
    "title",
    "code",
    "layer",
    "subject",
    "question",
    "topic",
    "field",
    "pattern",
    "technology",
    "kind",
    "gap",
    "style",
    "stage",
    "area",
    "category",
)


def _summary(model: BaseModel, index: int) -> str:
    data = {name: getattr(model, name) for name in type(model).model_fields}
    if isinstance(data.get("method"), str) and isinstance(data.get("path"), str):
        return f"{data['method']} {data['path']}"
    for key in _SUMMARY_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value if len(value) <= 120 else value[:117] + "…"
    return f"Item {index}"


class _Builder:
    """Walks pydantic models into :class:`Node` trees; numbers diagrams in document order."""

    def __init__(self) -> None:
        self.diagrams = 0

    def mermaid(self, title: str, source: str) -> Node:
        self.diagrams += 1
        return Node("mermaid", source, extra={"title": title, "id": f"diagram-{self.diagrams}"})

    def value(self, value: Any, name: str = "") -> Node:
        if value is None:
            return Node("none")
        if isinstance(value, bool):
            return Node("text", "yes" if value else "no")
        if isinstance(value, str):
            if _looks_like_mermaid(name, value):
                return self.mermaid(label(name), value)
            return Node("text", value)
        if isinstance(value, int | float):
            return Node("text", str(value))
        if isinstance(value, BaseModel):
            return self.model(value)
        if isinstance(value, dict):
            if value and all(_is_scalar(v) for v in value.values()):
                return Node("kv", rows=[(str(k), self.value(v, str(k))) for k, v in value.items()])
            if not value:
                return Node("none")
            return Node("code", json.dumps(value, indent=2, ensure_ascii=False, default=str))
        if isinstance(value, list | tuple):
            return self.sequence(list(value), name)
        return Node("text", str(value))

    def sequence(self, items: list[Any], name: str = "") -> Node:
        if not items:
            return Node("none")
        if all(_is_scalar(v) for v in items):
            return Node("list", [self.value(v, name) for v in items])
        if all(isinstance(v, BaseModel) for v in items):
            models: list[BaseModel] = items
            first = type(models[0])
            same = all(type(m) is first for m in models)
            if same and all(_is_simple(v) for m in models for _, v in _fields(m)):
                columns = [n for n, _ in _fields(models[0])]
                rows = [[self.value(v, n) for n, v in _fields(m)] for m in models]
                return Node("table", rows=rows, columns=[label(c) for c in columns])
            rows = [(_summary(m, i), self.model(m)) for i, m in enumerate(models, 1)]
            return Node("items", rows=rows, extra={"overview": self.overview(models)})
        return Node("list", [self.value(v, name) for v in items])

    def overview(self, models: list[BaseModel]) -> Node | None:
        """A one-line-per-item table above the details, from each item's scalar fields (an API's
        endpoints: method, path, auth, role, description...)."""
        first = type(models[0])
        if not all(type(m) is first for m in models) or len(models) < 2:
            return None
        columns = [
            name
            for name, info in first.model_fields.items()
            if all(_is_scalar(getattr(m, name)) for m in models)
            and any(getattr(m, name) not in (None, "") for m in models)
            and not any(_looks_like_mermaid(name, str(getattr(m, name) or "")) for m in models)
        ]
        if len(columns) < 2:
            return None
        rows = [[self.value(getattr(m, c), c) for c in columns] for m in models]
        names = [first.model_fields[c].alias or c for c in columns]
        return Node("table", rows=rows, columns=[label(n) for n in names])

    def model(self, model: BaseModel, exclude: frozenset[str] = frozenset()) -> Node:
        if _is_intensity(model):
            return Node("intensity", extra=model.model_dump(mode="json"))
        if _is_leaf(model):
            data = model.model_dump(mode="json")
            return Node("leaf", self.value(getattr(model, "value"), ""), extra=data)  # noqa: B009
        rows = [(label(n), self.value(v, n)) for n, v in _fields(model) if n not in exclude]
        return Node("kv", rows=rows)


# --------------------------------------------------------------------------- sections
def _section_intake(b: _Builder, doc: ArchitectureDocument) -> Section:
    s = doc.signals
    body: list[Any] = []
    for name, group in _fields(s):
        if name in {"conflicts", "preferences", "directives"}:
            continue
        body.append((label(name), b.value(group, name)))
    if s.directives:
        body.append(("Directives", b.value(s.directives, "directives")))
    return Section("intake", "1. Intake & behavioral classification", body)


def _section_conflicts(b: _Builder, doc: ArchitectureDocument) -> Section:
    s = doc.signals
    body: list[Any] = []
    conflicts = [c.model_dump(mode="json") for c in s.conflicts]
    body.append(("Conflicts", Node("conflicts", conflicts)))
    if s.preferences:
        body.append(("Your stated preferences", b.value(s.preferences, "preferences")))
    return Section("conflicts", "Conflicts & stated preferences", body, css="highlight")


_BLOCK_KINDS = frozenset({"kv", "table", "items", "code", "mermaid", "subsections"})


def _open(node: Node) -> Node:
    """A model holding tables of its own reads better as sub-headed blocks than as tables nested
    in a table cell: open it one level (the deeper levels stay tables)."""
    if node.kind != "kv" or not any(child.kind in _BLOCK_KINDS for _, child in node.rows):
        return node
    rows: list[tuple[str | None, Node]] = []
    simple: list[tuple[str, Node]] = []
    for key, child in node.rows:
        if child.kind in _BLOCK_KINDS:
            if simple:  # consecutive one-line fields stay together in one table
                rows.append((None, Node("kv", rows=simple)))
                simple = []
            rows.append((key, child))
        else:
            simple.append((key, child))
    if simple:
        rows.append((None, Node("kv", rows=simple)))
    return Node("subsections", rows=rows)


def _generic(b: _Builder, anchor: str, title: str, model: BaseModel | None) -> Section:
    if model is None:
        return Section(anchor, title, [(None, Node("pending"))])
    node = b.model(model)
    # A model's top-level fields become sub-headed blocks, which reads better than one huge table.
    # (a diagram carries its own caption)
    body = [
        (None if child.kind == "mermaid" else heading, _open(child)) for heading, child in node.rows
    ]
    return Section(anchor, title, body)


def _section_verification(doc: ArchitectureDocument) -> Section:
    v = doc.verification
    checks = [c.model_dump(mode="json") for c in v.checks]
    order = {"fail": 0, "fixed": 1, "pass": 2}
    checks.sort(key=lambda c: (order.get(c["status"], 3), c["code"]))
    node = Node(
        "verification",
        checks,
        extra={
            "passed": v.passed,
            "iterations": v.iterations,
            "fixes": list(v.fixes_applied),
        },
    )
    return Section("verification", "10. Verification report", [(None, node)])


def _section_assumptions(doc: ArchitectureDocument) -> Section:
    rows = [a.model_dump(mode="json") for a in doc.assumptions]
    return Section(
        "assumptions", "Assumptions log", [(None, Node("assumptions", rows))], css="highlight"
    )


def _section_questions(doc: ArchitectureDocument) -> Section:
    rows = [q.model_dump(mode="json") for q in doc.open_questions]
    return Section("questions", "Open questions", [(None, Node("questions", rows))])


def build_view(doc: ArchitectureDocument) -> DocumentView:
    """The page's view model: every section in reading order, diagrams numbered."""
    b = _Builder()
    sections = [
        _section_intake(b, doc),
        _section_conflicts(b, doc),
        _generic(b, "architecture", "2. Architecture pattern", doc.architecture),
        _generic(b, "data", "3. Data strategy", doc.data_strategy),
        _generic(b, "domain", "Domain model", doc.domain),
        _generic(b, "overview", "4. System overview & tech stack", doc.overview),
        _generic(b, "api", "5. API contract", doc.api),
        _generic(b, "schema", "6. Data schema", doc.schema_),
        _generic(b, "security", "7. Security", doc.security),
        _generic(b, "scalability", "8. Scalability", doc.scalability),
        _generic(b, "operations", "9. Operations", doc.operations),
        _section_verification(doc),
        _section_assumptions(doc),
        _section_questions(doc),
    ]
    return DocumentView(
        title=str(doc.signals.product.name.value),
        passed=doc.verification.passed,
        checks=len(doc.verification.checks),
        prompt=doc.input.prompt,
        version=doc.archwright_version,
        engine=doc.generator.engine,
        sections=sections,
        diagrams=b.diagrams,
    )


# --------------------------------------------------------------------------- rendering
@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("archwright", "render/templates"),
        autoescape=True,  # every value is user text until proven otherwise
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(),  # compiled once per machine, not per process
    )
    env.globals["label"] = label
    return env


def asset(name: str) -> str:
    """A shared asset of the report (``report.css``, ``diagrams.js``) as text."""
    return (
        resources.files("archwright")
        .joinpath("render/templates/html/assets", name)
        .read_text(encoding="utf-8")
    )


def mermaid_js(path: Path | None = None) -> str | None:
    """The vendored mermaid.js, or None when the build step has not put it in place."""
    path = path or MERMAID_JS
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _inline_script(code: str) -> str:
    # "</script" or "<!--" inside an inline script would end it early / change the parser state;
    # both only occur inside JS string or regex literals, where "<\/" and "\x3C!--" mean the same.
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "\\x3C!--")


def _sha256(code: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"
    )


def render_html(doc: ArchitectureDocument, *, mermaid_path: Path | None = None) -> str:
    """The self-contained ``architecture.html``: deterministic for a given document."""
    view = build_view(doc)
    mermaid = mermaid_js(mermaid_path) if view.diagrams else None
    scripts: list[str] = []
    if mermaid is not None:
        scripts = [_inline_script(mermaid), _inline_script(asset("diagrams.js"))]
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + (" ".join(_sha256(s) for s in scripts) if scripts else "'none'"),
            # mermaid writes a <style> into each SVG; there is no script in a style sheet
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return (
        environment()
        .get_template("html/standalone.html.j2")
        .render(
            view=view,
            csp=csp,
            css=asset("report.css"),
            scripts=scripts,
            mermaid_missing=bool(view.diagrams) and mermaid is None,
            missing_message=MERMAID_MISSING,
        )
    )


__all__ = [
    "MERMAID_JS",
    "MERMAID_MISSING",
    "DocumentView",
    "asset",
    "build_view",
    "environment",
    "label",
    "mermaid_js",
    "render_html",
]
