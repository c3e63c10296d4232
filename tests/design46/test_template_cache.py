"""Compiled templates are kept between processes, never served stale, and a missing, damaged
or unwritable cache only means compiling again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jinja2 import DictLoader, Environment

from archwright.render import template_cache as tc

RENDER = (
    "import sys\n"
    "from archwright import generate\n"
    "sys.stdout.write(generate('A booking system for dog groomers with card payments.')"
    ".to_markdown())\n"
)


def _render(cache: str) -> str:
    env = {**os.environ, "ARCHWRIGHT_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", RENDER], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout


def test_a_second_process_uses_the_compiled_templates(tmp_path):
    first = _render(str(tmp_path))
    files = sorted(tmp_path.rglob("*.cache"))
    # the API and schema section templates (the other sections are written in Python)
    templates = list((Path(tc.__file__).parent / "templates" / "markdown").rglob("*.md.j2"))
    assert len(templates) >= 2
    assert len(files) >= len(templates)
    stamps = {f: f.stat().st_mtime_ns for f in files}
    assert _render(str(tmp_path)) == first
    assert {f: f.stat().st_mtime_ns for f in files} == stamps  # read, not rewritten


def test_damaged_cache_files_are_compiled_again(tmp_path):
    expected = _render(str(tmp_path))
    for f in tmp_path.rglob("*.cache"):
        f.write_bytes(f.read_bytes()[:40])  # truncated mid-file
    assert _render(str(tmp_path)) == expected
    assert _render("off") == expected


def test_an_unusable_directory_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("ARCHWRIGHT_CACHE_DIR", str(blocker / "sub"))
    assert tc.template_cache() is None
    monkeypatch.setenv("ARCHWRIGHT_CACHE_DIR", "off")
    assert tc.template_cache() is None
    assert _render(str(blocker / "sub"))  # renders all the same


def test_a_changed_template_is_never_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHWRIGHT_CACHE_DIR", str(tmp_path))

    def render(source: str) -> str:
        cache = tc.template_cache()
        assert cache is not None
        env = Environment(loader=DictLoader({"t.j2": source}), bytecode_cache=cache)
        return env.get_template("t.j2").render(x=1)

    assert render("one {{ x }}") == "one 1"
    assert render("two {{ x }}") == "two 1"
    assert render("one {{ x }}") == "one 1"
