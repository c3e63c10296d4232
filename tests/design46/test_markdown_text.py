"""User and rule text inside Markdown: no raw HTML, no table breakage, no blockquote, and
comparisons stay readable (the review found 'write_intensity &gt;= 4' in raw tables)."""

from __future__ import annotations

import markdown_it
import pytest
from hypothesis import given
from hypothesis import strategies as st

from archwright.render.text import md_inline


def test_comparison_signs_stay_readable():
    assert md_inline("write_intensity >= 4 and p95 <= 200 ms") == (
        "write\\_intensity >= 4 and p95 &lt;= 200 ms"
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<b>bold</b> | pipe",
        "> quoted at the start",
        "a\n> quoted after a newline",
        "x <img src=x onerror=alert(1)> y",
        "&lt;script&gt; already an entity",
    ],
)
def test_hostile_text_renders_as_its_own_characters(text):
    html = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .render(f"| a |\n|---|\n| {md_inline(text)} |\n\n{md_inline(text)}\n")
    )
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<blockquote>" not in html
    assert html.count("<td>") == 1  # the pipe stayed inside its cell


# the escaping as one simultaneous mapping (each character of the input replaced once): the
# faster replace chain must never escape an escape it has just written
_ONE_PASS = str.maketrans({"&": "&amp;", "<": "&lt;"} | {c: "\\" + c for c in "\\`*_[]|"})


@given(st.text(alphabet=st.sampled_from(list("\\`*_[]|&<>;amplt x\n")), max_size=40) | st.text())
def test_escaping_maps_each_character_once(text):
    expected = text.translate(_ONE_PASS)
    if expected != " ".join(expected.split()):
        expected = " ".join(expected.split())
    expected = "\\" + expected if expected.startswith(">") else expected
    assert md_inline(text) == expected


def test_backslash_before_a_special_is_escaped_on_its_own():
    assert md_inline("\\_ and \\& and \\|") == "\\\\\\_ and \\\\&amp; and \\\\\\|"
