"""Stage 1's knowledge patterns are compiled on first use, from code stored at install time, and
their prefilter requirements come from a table built then too: all only save start-up time, never
change a match."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from archwright.errors import KnowledgeError
from archwright.intake import patterns, prefilter, prefilter_table
from archwright.intake.patterns import LazyPattern

SRC = str(Path(prefilter.__file__).parents[2])


def test_every_knowledge_pattern_compiles():
    # the lexicon no longer compiles its patterns when it loads: this is the check that did
    patterns = prefilter_table.knowledge_patterns()
    assert len(patterns) > 800
    for p in patterns:
        assert isinstance(p.compiled(), re.Pattern), p.pattern


def test_a_lazy_pattern_searches_like_the_compiled_one():
    text = "Two of us, maybe 3 of us later; TWO OF US."
    source = r"\b(?:two|\d) of us\b"
    lazy, eager = LazyPattern(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert lazy.flags == eager.flags  # the prefilter table is keyed by (pattern, flags)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.search(text, 5).span() == eager.search(text, 5).span()
    assert lazy.match(text) is not None and lazy.fullmatch(text) is None
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.sub("x", text) == eager.sub("x", text)
    assert lazy.compiled() is lazy.compiled()  # compiled once


def test_an_invalid_knowledge_pattern_names_itself():
    with pytest.raises(KnowledgeError, match=r"invalid regular expression '\(oops'"):
        LazyPattern("(oops").search("text")


def test_the_installed_table_is_current_and_right():
    on_disk = prefilter_table.table_path()
    assert on_disk.read_text(encoding="utf-8") == prefilter_table.build_table(), (
        "knowledge/prefilter.bundle.json is stale: run `python -m archwright.catalog`"
    )
    rows = json.loads(on_disk.read_text(encoding="utf-8"))["patterns"]
    for text, flags, strings in rows:
        fresh = prefilter.derive(LazyPattern(text, flags))
        assert (None if fresh is None else sorted(fresh)) == strings, text


def test_a_table_from_other_code_is_ignored(monkeypatch):
    prefilter._precomputed.cache_clear()
    try:
        with monkeypatch.context() as m:
            m.setattr(prefilter, "table_stamp", lambda: "python 0.0, prefilter other")
            assert prefilter._precomputed() == {}
    finally:
        prefilter._precomputed.cache_clear()
    assert len(prefilter._precomputed()) > 800  # the real one loads again


def test_the_installed_code_table_is_current():
    on_disk = prefilter_table.code_table_path()
    assert on_disk.read_text(encoding="utf-8") == prefilter_table.build_code_table(), (
        "knowledge/patterns.bundle.json is stale: run `python -m archwright.catalog`"
    )


def test_a_pattern_from_the_code_table_is_the_compiled_one():
    table = patterns._code_table()
    assert len(table) > 800
    for text, flags in table:
        built = patterns._compile(text, flags)
        assert built is not re.compile(text, flags)  # really from the table
        # equality compares the pattern, its flags and its compiled code
        assert built == re.compile(text, flags), text
        eager = re.compile(text, flags)
        assert (built.groups, built.groupindex) == (eager.groups, eager.groupindex), text
    named = LazyPattern(r"(?P<n>\d+) (?:of )?(?P<what>users?)", re.IGNORECASE)
    assert (named.pattern, named.flags) not in table  # not knowledge: compiled as usual
    assert named.search("about 300 USERS").groupdict() == {"n": "300", "what": "USERS"}


def test_a_code_table_from_another_python_is_ignored(monkeypatch):
    patterns._code_table.cache_clear()
    try:
        with monkeypatch.context() as m:
            m.setattr(patterns, "code_stamp", lambda: "python 0.0; sre 0, code size 4/4")
            assert patterns._code_table() == {}
            source = prefilter_table.knowledge_patterns()[0]
            assert patterns._compile(source.pattern, source.flags) == source.compiled()
    finally:
        patterns._code_table.cache_clear()
    assert len(patterns._code_table()) > 800  # the real one loads again


def test_an_engine_that_takes_the_code_otherwise_still_compiles(monkeypatch):
    class OtherEngine:
        @staticmethod
        def compile(*args):
            raise TypeError("compile() takes exactly 7 arguments")

    text, flags = next(iter(patterns._code_table()))
    monkeypatch.setattr(patterns, "_sre", OtherEngine)
    assert patterns._compile(text, flags) == re.compile(text, flags)


_FRESH_PROCESS = """
import json, sys
from archwright.intake import patterns, prefilter
compiles, derives = [0], [0]
real_compile, real_derive = patterns.LazyPattern.compiled, prefilter.derive
def compiled(self):
    compiles[0] += self._rx is None
    return real_compile(self)
def derive(p):
    derives[0] += 1
    return real_derive(p)
patterns.LazyPattern.compiled = compiled
prefilter.derive = derive
from archwright.api import generate
from archwright.intake import prefilter_table
doc = generate("Build me a backend for a social app")
print(json.dumps([compiles[0], derives[0], len(prefilter_table.knowledge_patterns())]))
"""


def test_one_document_compiles_and_parses_few_patterns():
    """The point of both: a process writing one document compiles the patterns its prompt can
    match (not all ~1,000) and parses none of the knowledge patterns again."""
    out = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": SRC, "PATH": ""},
    )
    compiles, derives, total = json.loads(out.stdout.strip().splitlines()[-1])
    assert total > 800
    assert 0 < compiles < total // 3, (compiles, total)
    # the generic domain builds a few patterns from the prompt's own words: those are derived
    assert derives < 20, derives
