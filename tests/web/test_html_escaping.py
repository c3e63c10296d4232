"""Property: whatever the prompt, the report's markup is ours — user text comes back as text."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archwright import generate
from archwright.api import normalize_prompt
from archwright.render.html import build_view, render_html

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"]-->',
        "%%{init}%%",
        "`",
        "</textarea>",
        "<img src=x onerror=1>",
        "&amp;",
        "<!--",
        "]]>",
        "{{ 7*7 }}",
        "{% raw %}",
        "\u202e",
        "🚀",
        "'; DROP TABLE t; --",
    ]
)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.prompt: list[str] = []
        self._in_prompt = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        if ("class", "prompt-text") in attrs:
            self._in_prompt = 1

    def handle_endtag(self, tag):
        if tag == "div" and self._in_prompt:
            self._in_prompt = 0

    def handle_data(self, data):
        if self._in_prompt:
            self.prompt.append(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(HOSTILE, st.text(min_size=1, max_size=30)), min_size=1, max_size=6))
def test_prompt_text_round_trips_and_adds_no_markup(parts):
    prompt = "A todo app " + " ".join(parts)
    doc = generate(prompt)
    html = render_html(doc)
    parsed = Collector()
    parsed.feed(html)
    assert "".join(parsed.prompt) == normalize_prompt(prompt)
    # mermaid.js and the renderer when there are diagrams, and nothing else
    assert parsed.tags.count("script") == (2 if build_view(doc).diagrams else 0)
    assert "img" not in parsed.tags and "textarea" not in parsed.tags
    assert not any(a.startswith("on") for a in parsed.attrs)
