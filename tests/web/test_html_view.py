"""The view model behind both HTML renderings: every field shown, diagrams found, order kept."""

from __future__ import annotations

from tests.web.docs import with_diagrams

from archwright import generate
from archwright.render.html import build_view, label


def _headings(view, anchor):
    section = next(s for s in view.sections if s.anchor == anchor)
    return [h for h, _ in section.body], [n for _, n in section.body]


def test_every_field_of_a_generic_section_is_shown():
    doc = with_diagrams(generate("Build me a backend for a social app"))
    view = build_view(doc)
    for anchor, model in [
        ("architecture", doc.architecture),
        ("data", doc.data_strategy),
        ("overview", doc.overview),
    ]:
        headings, nodes = _headings(view, anchor)
        names = [info.alias or name for name, info in type(model).model_fields.items()]
        shown = [h for h in headings if h]
        diagrams = [n for n in nodes if n.kind == "mermaid"]
        assert len(shown) + len(diagrams) == len(names), anchor
        assert shown == [label(n) for n in names if label(n) in shown]


def test_diagrams_are_found_by_field_and_numbered_in_order():
    doc = with_diagrams(generate("Build me a backend for a social app"))
    view = build_view(doc)
    found = []
    for section in view.sections:
        stack = [n for _, n in section.body]
        while stack:
            node = stack.pop(0)
            if node.kind == "mermaid":
                found.append((section.anchor, node.extra["id"], node.value.split()[0]))
            if node.kind in ("kv", "subsections"):
                stack += [c for _, c in node.rows]
    assert [f[1] for f in found] == [f"diagram-{i}" for i in range(1, len(found) + 1)]
    assert ("overview", "graph") in [(a, k) for a, _, k in found]
    assert ("schema", "erDiagram") in [(a, k) for a, _, k in found]
    assert view.diagrams == len(found)


def test_user_text_that_looks_like_mermaid_is_not_a_diagram():
    doc = generate("graph TD\n A-->B is how I think about my todo app")
    view = build_view(doc)
    intake = next(s for s in view.sections if s.anchor == "intake")
    kinds = set()
    stack = [n for _, n in intake.body]
    while stack:
        node = stack.pop()
        kinds.add(node.kind)
        if node.kind in ("kv", "subsections"):
            stack += [c for _, c in node.rows]
    assert "mermaid" not in kinds


def test_missing_sections_say_so_instead_of_disappearing():
    doc = generate("Build me a backend for a social app")
    view = build_view(doc)
    anchors = [s.anchor for s in view.sections]
    assert anchors[:2] == ["intake", "conflicts"]
    assert anchors[-3:] == ["verification", "assumptions", "questions"]
    for section in view.sections:
        model = getattr(doc, {"schema": "schema_"}.get(section.anchor, section.anchor), "x")
        if model is None:
            assert [n.kind for _, n in section.body] == ["pending"]
