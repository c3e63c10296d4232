"""Markdown rendering of the document: one Jinja template per section."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel

from archwright.render.markdown_blocks import (
    column_rows,
    endpoint_details,
    endpoint_index,
    index_rows,
    label,
)
from archwright.render.markdown_sections import (
    assumptions_section,
    intake_section,
    operations_section,
    overview_section,
    reason,
    scalability_section,
    security_section,
    verification_section,
)
from archwright.render.memo import SharedCache, content_digest, in_scope
from archwright.render.template_cache import template_cache
from archwright.render.text import md_code, md_inline

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument


def _yesno(value: object) -> str:
    return "yes" if value else "no"


def _group_by(items: Iterable[object], attribute: str) -> dict[object, list[object]]:
    """{value of ``attribute``: the items with it}, in first-seen order: one pass where a
    ``selectattr`` per group would scan the list once per group."""
    out: dict[object, list[object]] = {}
    for item in items:
        out.setdefault(getattr(item, attribute), []).append(item)
    return out


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("archwright", "render/templates"),
        autoescape=False,  # Markdown, not HTML: user text goes through the md filter
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship in the package: no stat() per include per render
        bytecode_cache=template_cache(),  # compiled once per machine, not per process
    )
    env.filters["md"] = md_inline
    env.filters["code"] = md_code
    env.filters["yesno"] = _yesno
    env.filters["label"] = label
    env.filters["reason"] = reason
    env.filters["group_by"] = _group_by
    env.globals["endpoint_index"] = endpoint_index
    env.globals["endpoint_details"] = endpoint_details
    env.globals["column_rows"] = column_rows
    env.globals["index_rows"] = index_rows
    env.globals["part_section"] = _part_section
    env.globals["verification_section"] = verification_section
    env.globals["security_section"] = security_section
    env.globals["scalability_section"] = scalability_section
    env.globals["operations_section"] = operations_section
    env.globals["assumptions_section"] = assumptions_section
    env.globals["intake_section"] = intake_section
    env.globals["overview_section"] = overview_section
    return env


# (section, digest of the one document part it reads) -> its Markdown
_SECTIONS = SharedCache(32)


def _part_section(name: str, attr: str, part: BaseModel | None) -> str:
    """Section ``name``, which reads ``doc.<attr>`` and nothing else (it sees only that part, so
    reading more fails loudly). Inside a document scope it is rendered once per distinct
    content of the part: a batch's neighbouring documents often share their API or schema."""
    template = environment().get_template(f"markdown/sections/{name}.md.j2")

    def render() -> str:
        return template.render(doc=SimpleNamespace(**{attr: part}))

    if part is None or not in_scope():
        return render()
    return _SECTIONS.get((name, content_digest(part)), render)


def render_markdown(doc: ArchitectureDocument) -> str:
    text = environment().get_template("markdown/document.md.j2").render(doc=doc)
    # trailing blanks off every line, then each run of blank lines (optional sections leave
    # them) cut to one blank line; one str.replace pass shortens a run of n newlines to
    # n - n // 3, never below two. Cheaper than a comprehension over the ~1700 lines
    text = "\n".join(map(str.rstrip, text.splitlines()))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
