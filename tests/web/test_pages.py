"""The HTML pages without a browser: the form works as a plain post, user text is escaped,
diagrams fall back to source when mermaid.js is missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.web.docs import XSS_PROMPT
from tests.web.support import make_client

from archwright.render.html import MERMAID_MISSING
from archwright.web.app import STATIC_DIR


def test_form_page_has_form_examples_and_llm_off(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert '<form method="post" action="/documents"' in html
    assert '<textarea id="prompt" name="prompt"' in html
    assert re.search(r'<input id="llm" name="llm" type="text" value="" disabled', html)
    assert html.count('class="example"') >= 3
    # example links prefill the textarea without JavaScript
    prefilled = client.get("/?example=1").text
    assert "Build me a backend for a social app</textarea>" in prefilled
    assert "<script>" not in html.replace('<script src="/static/app.js"></script>', "")


def test_plain_form_post_redirects_to_the_document(client):
    r = client.post(
        "/documents", data={"prompt": "A booking app for yoga studios"}, follow_redirects=False
    )
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    html = page.text
    for anchor in [
        "intake",
        "conflicts",
        "architecture",
        "data",
        "verification",
        "assumptions",
        "downloads",
    ]:
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert "architecture.zip" in html
    doc_id = r.headers["location"].rsplit("/", 1)[-1]
    for name in ["architecture.md", "architecture.json", "architecture.html"]:
        assert f'href="/v1/documents/{doc_id}/files/{name}"' in html


def test_form_errors_rerender_the_form_with_the_message(client):
    r = client.post("/documents", data={"prompt": "   "})
    assert r.status_code == 422
    assert 'role="alert"' in r.text and "prompt is empty" in r.text
    bad = client.post("/documents", data={"prompt": "A shop", "sets": "no equals sign"})
    assert bad.status_code == 422
    assert "expected FIELD=VALUE" in bad.text
    assert "A shop</textarea>" in bad.text  # the user's text survives the round trip


def test_user_text_is_escaped_on_the_result_page(client):
    r = client.post("/documents", data={"prompt": XSS_PROMPT})
    assert r.status_code == 200  # followed the redirect
    html = r.text
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    # the only scripts are the app's own files
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/vendor/mermaid.min.js">',
        '<script src="/static/diagrams.js">',
    ]


def test_missing_mermaid_falls_back_to_source_with_a_message(tmp_path: Path):
    from archwright import generate
    from archwright.render.html import build_view

    static = tmp_path / "static"
    shutil.copytree(STATIC_DIR, static, ignore=shutil.ignore_patterns("vendor"))
    with make_client(tmp_path, static_dir=static) as c:
        assert c.get("/static/vendor/mermaid.min.js").status_code == 404
        r = c.post("/documents", data={"prompt": "Build me a backend for a social app"})
        html = r.text
        assert "/static/vendor/mermaid.min.js" not in html
        if build_view(generate("Build me a backend for a social app")).diagrams:
            assert MERMAID_MISSING.split(":")[0] in html
            assert '<pre class="mermaid">' in html


def test_vendored_mermaid_is_served_from_the_app(client):
    r = client.get("/static/vendor/mermaid.min.js")
    assert r.status_code == 200, "run `make vendor-mermaid` (scripts/vendor-mermaid.sh)"
    assert len(r.content) > 1_000_000
    assert b"mermaid" in r.content[:5000]


def test_recent_documents_page_lists_escaped_names(client):
    client.post("/v1/documents", json={"prompt": XSS_PROMPT})
    html = client.get("/documents").text
    assert "<script>window" not in html
    assert client.get("/documents", params={"cursor": "bad"}).status_code == 400


def test_unknown_document_page_is_an_html_404(client):
    r = client.get("/documents/nope")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")


def test_form_rerender_escapes_a_textarea_breakout(client):
    hostile = '</textarea><script>window.__xss=1</script><textarea>"'
    r = client.post("/documents", data={"prompt": hostile, "sets": "broken"})
    assert r.status_code == 422
    assert "</textarea><script>" not in r.text
    assert "&lt;/textarea&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;" in r.text
