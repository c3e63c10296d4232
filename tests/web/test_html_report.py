"""generate --html: one self-contained, deterministic file; scripts allowed only by hash."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

from tests.web.docs import XSS_PROMPT, with_diagrams
from typer.testing import CliRunner

from archwright import generate
from archwright.cli import app
from archwright.render.html import MERMAID_MISSING, render_html


def _inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)


def test_report_is_self_contained_and_scripts_are_hashed_in_the_csp():
    html = render_html(with_diagrams(generate(XSS_PROMPT)))
    markup = re.sub(r"<script>.*?</script>", "<script></script>", html, flags=re.DOTALL)
    assert not re.search(r"<(script|img|link|iframe|object|embed)\b[^>]*\b(src|href)=", markup)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    policy = unescape(csp.group(1))
    scripts = _inline_scripts(html)
    assert len(scripts) == 2  # mermaid.js and the renderer
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "default-src 'none'" in policy


def test_report_escapes_user_text():
    html = render_html(with_diagrams(generate(XSS_PROMPT)))
    body = html.split("<body>", 1)[1]
    for script in _inline_scripts(body):
        body = body.replace(script, "")
    assert "<script>window.__xss" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in body


def test_report_is_deterministic():
    doc = with_diagrams(generate("Build me a backend for a social app"))
    assert render_html(doc) == render_html(doc)
    assert render_html(doc) == render_html(
        with_diagrams(generate("Build me a backend for a social app"))
    )


def test_report_without_mermaid_shows_sources_and_says_why(tmp_path: Path):
    html = render_html(
        with_diagrams(generate("Build me a backend for a social app")),
        mermaid_path=tmp_path / "missing.js",
    )
    assert MERMAID_MISSING in html
    assert _inline_scripts(html) == []
    assert "script-src &#39;none&#39;" in html
    assert '<pre class="mermaid">graph TD' in html


def test_cli_generate_html_writes_the_report(tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["generate", "Build me a backend for a social app", "--out", str(out), "--html"]
    )
    assert result.exit_code in (0, 1), result.output
    html = (out / "architecture.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert 'id="verification"' in html
    again = tmp_path / "again"
    CliRunner().invoke(
        app, ["generate", "Build me a backend for a social app", "--out", str(again), "--html"]
    )
    assert (again / "architecture.html").read_bytes() == (out / "architecture.html").read_bytes()
    # without --html, no report
    plain = tmp_path / "plain"
    CliRunner().invoke(
        app, ["generate", "Build me a backend for a social app", "--out", str(plain)]
    )
    assert not (plain / "architecture.html").exists()
