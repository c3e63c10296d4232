"""Markdown rendering of the document, one section at a time.

Most sections are written in Python (:mod:`markdown_sections`): long runs of table rows whose
every cell, through Jinja, cost an attribute lookup, a filter call and a ``str()``. The API and
schema sections keep their Jinja templates: a batch's neighbouring documents often share their
API or schema, so those two are rendered once per distinct content (``_part_section``).
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel

from archwright.render.markdown_blocks import (
    endpoint_details,
    endpoint_index,
    label,
    table_blocks,
)
from archwright.render.markdown_sections import (
    architecture_section,
    assumptions_section,
    data_section,
    header_section,
    intake_section,
    operations_section,
    overview_section,
    scalability_section,
    security_section,
    verification_section,
)
from archwright.render.memo import SharedCache, content_digest, in_scope
from archwright.render.template_cache import template_cache
from archwright.render.text import md_code, md_inline

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument


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
    env.filters["label"] = label
    env.globals["endpoint_index"] = endpoint_index
    env.globals["endpoint_details"] = endpoint_details
    env.globals["table_blocks"] = table_blocks
    return env


# (section, digest of the one document part it reads) -> its Markdown
_SECTIONS = SharedCache(32)


def _part_section(name: str, attr: str, part: BaseModel | None) -> str:
    """Section ``name`` (:func:`_clean`), which reads ``doc.<attr>`` and nothing else (it sees
    only that part, so reading more fails loudly). Inside a document scope it is rendered once
    per distinct content of the part: a batch's neighbouring documents often share their API or
    schema."""
    template = environment().get_template(f"markdown/sections/{name}.md.j2")

    def render() -> str:
        return _clean(template.render(doc=SimpleNamespace(**{attr: part})))

    if part is None or not in_scope():
        return render()
    return _SECTIONS.get((name, content_digest(part)), render)


def _clean(section: str) -> str:
    """``section`` with no blank at the end of a line, no blank line at its start or end and
    no run of blank lines (cut to one: a str.replace pass shortens a run of n newlines to
    n - n // 3, never below two)."""
    text = "\n".join(map(str.rstrip, section.splitlines()))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n")


def render_markdown(doc: ArchitectureDocument) -> str:
    # Cleaned section by section, not as one document: a section ends at the end of a line,
    # so the lines are the same, and the API and schema sections come cleaned from their
    # cache. One blank line between sections keeps every run of blank lines at one.
    sections = (
        _clean(header_section(doc)),
        _clean(intake_section(doc.signals)),
        _clean(architecture_section(doc.architecture)),
        _clean(data_section(doc.data_strategy)),
        _clean(overview_section(doc.overview)),
        _part_section("05_api", "api", doc.api),
        _part_section("06_schema", "schema_", doc.schema_),
        _clean(security_section(doc.security)),
        _clean(scalability_section(doc.scalability)),
        _clean(operations_section(doc.operations)),
        _clean(verification_section(doc.verification)),
        _clean(assumptions_section(doc.assumptions, doc.open_questions)),
    )
    text = "\n\n".join(filter(None, sections))  # an absent section renders as nothing
    return text.strip() + "\n"
