"""Real Chromium (Debian's, driven by Playwright) against a real `archwright serve`."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from tests.web.docs import XSS_PROMPT, with_diagrams
from tests.web.support import ARTIFACTS, launch_chromium, running_server

from archwright import generate
from archwright.render.html import render_html
from archwright.web.service import render_stored
from archwright.web.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server():
    # generous limits: the tests share one client address
    with running_server({"ARCHWRIGHT_RATE_LIMIT": "600", "ARCHWRIGHT_RATE_BURST": "100"}) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


class Watch:
    """Everything a page says that a test should notice: dialogs, CSP violations, errors."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def csp_violations(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


def store_with_diagrams(data_dir: Path, prompt: str) -> str:
    """Store a document that has diagrams straight into the running server's SQLite file."""
    doc = with_diagrams(generate(prompt))
    files = render_stored(doc)
    store = Store.from_settings(None, data_dir)
    try:
        saved = store.save(
            document_json=doc.to_json(),
            files=files,
            product_name=str(doc.signals.product.name.value),
            verification_passed=doc.verification.passed,
            archwright_version=doc.archwright_version,
        )
    finally:
        store.close()
    return saved.id


def assert_diagrams_rendered(page: Page) -> int:
    page.wait_for_selector("body[data-diagrams]", state="attached", timeout=30_000)
    figures = page.locator("figure.diagram").count()
    roles = page.eval_on_selector_all(
        "figure.diagram .diagram-svg > svg",
        "els => els.map(e => e.getAttribute('aria-roledescription'))",
    )
    assert page.evaluate("document.body.dataset.diagrams") == ("rendered" if figures else "none")
    assert len(roles) == figures
    assert "error" not in roles, roles
    texts = page.eval_on_selector_all("figure.diagram svg", "els => els.map(e => e.textContent)")
    assert not any("Syntax error" in t for t in texts)
    return figures


def test_form_submit_renders_document_and_zip(server, browser, tmp_path: Path):
    base, _ = server
    page = browser.new_page()
    watch = Watch(page)
    page.goto(base + "/")
    page.fill("#prompt", "Build me a backend for a social app")
    page.click("#submit")
    page.wait_for_url("**/documents/*", timeout=30_000)
    assert page.locator("nav.toc a").count() >= 10
    assert page.locator("#verification").is_visible()
    assert_diagrams_rendered(page)
    with page.expect_download() as info:
        page.click("a[href$='architecture.zip']")
    path = info.value.path()
    members = zipfile.ZipFile(io.BytesIO(Path(path).read_bytes())).namelist()
    assert {"architecture/architecture.md", "architecture/architecture.json"} <= set(members)
    assert "architecture/architecture.html" in members
    links = page.eval_on_selector_all("#downloads a", "els => els.map(e => e.textContent)")
    assert len(links) == len(members) + 1  # every file, plus the zip
    assert watch.csp_violations() == [] and watch.errors == []
    page.close()


def test_diagrams_render_as_svg_on_the_result_page(server, browser):
    base, data = server
    doc_id = store_with_diagrams(data, "Build me a backend for a social app")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base}/documents/{doc_id}")
    assert assert_diagrams_rendered(page) >= 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-result-page.png"), full_page=False)
    page.locator("#overview").screenshot(path=str(ARTIFACTS / "web-result-diagram.png"))
    assert watch.csp_violations() == [] and watch.errors == []
    page.close()


def test_xss_prompt_does_not_run_script(server, browser):
    base, data = server
    page = browser.new_page()
    watch = Watch(page)
    # through the form, with the API and page as users reach them
    page.goto(base + "/")
    page.fill("#prompt", XSS_PROMPT)
    page.click("#submit")
    page.wait_for_url("**/documents/*", timeout=30_000)
    assert_diagrams_rendered(page)  # whatever diagrams the stages drew from this prompt
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert "<script>window.__xss = 1</script>" in page.locator(".prompt-text").inner_text()
    # and with the hostile text inside diagram labels
    doc_id = store_with_diagrams(data, XSS_PROMPT)
    page.goto(f"{base}/documents/{doc_id}")
    assert_diagrams_rendered(page)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watch.dialogs == []
    page.close()


def test_without_javascript_the_form_works_and_diagrams_show_as_source(server, browser):
    base, data = server
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/")
    page.fill("#prompt", "An internal tool for tracking office equipment loans")
    page.click("#submit")
    page.wait_for_url("**/documents/*")
    assert page.locator("#intake").is_visible()
    doc_id = store_with_diagrams(data, "A shop")
    page.goto(f"{base}/documents/{doc_id}")
    assert page.locator("pre.mermaid").first.inner_text().startswith("graph TD")
    assert page.locator("figure.diagram svg").count() == 0
    context.close()


def test_standalone_report_renders_offline_from_file(browser, tmp_path: Path):
    report = tmp_path / "architecture.html"
    report.write_text(render_html(with_diagrams(generate(XSS_PROMPT))), encoding="utf-8")
    context = browser.new_context()
    requested: list[str] = []

    def block(route):  # offline: nothing but the file itself may load
        requested.append(route.request.url)
        route.abort()

    context.route("http://*/**", block)
    context.route("https://*/**", block)
    page = context.new_page()
    watch = Watch(page)
    page.goto(report.as_uri())
    assert assert_diagrams_rendered(page) >= 2
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert requested == []
    assert watch.dialogs == [] and watch.csp_violations() == [] and watch.errors == []
    context.close()
