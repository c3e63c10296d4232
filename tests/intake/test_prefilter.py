"""The literal prefilter of Stage 1's regexes never hides a match.

Three angles: every lexicon pattern gets a filter and every string hypothesis generates to match
it contains one of the filter's substrings; the whole labelled corpus extracts exactly the same
signals with the filter switched off; and the derivation is right on hand-made shapes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import archwright.intake.scan as scan
from archwright.intake import extract
from archwright.intake.evaluate import load_corpus
from archwright.intake.patterns import LazyPattern, Pattern
from archwright.intake.prefilter import required_substrings

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus.yaml"


@pytest.fixture(scope="module")
def corpus_prompts() -> list[str]:
    return [e["prompt"] for e in load_corpus(CORPUS)]


@pytest.fixture(scope="module")
def lexicon_patterns(corpus_prompts) -> list[Pattern]:
    """Every regex Stage 1 asks the scanner about, gathered by running the corpus."""
    seen: set[Pattern] = set()
    original = scan.Scanner.find

    def recording(self, regex, *, negatable=True):
        seen.add(regex)
        return original(self, regex, negatable=negatable)

    scan.Scanner.find = recording
    try:
        for prompt in corpus_prompts[:40]:
            extract(prompt)
    finally:
        scan.Scanner.find = original
    return sorted(seen, key=lambda r: r.pattern)


def test_every_lexicon_pattern_has_a_prefilter(lexicon_patterns):
    assert len(lexicon_patterns) > 300
    assert [r.pattern for r in lexicon_patterns if required_substrings(r) is None] == []


def _holds_for_generated_matches(pattern: Pattern, needed: frozenset[str]) -> None:
    regex = pattern.compiled() if isinstance(pattern, LazyPattern) else pattern

    @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(regex, alphabet=st.characters(codec="ascii")))
    def check(text: str) -> None:
        assert regex.search(text)
        assert any(s in text.lower() for s in needed), (regex.pattern, text, needed)

    check()


# hypothesis draws from every lexicon pattern's regex: 164 s alone at load 8, and it hit the
# 600 s default inside a full run on a loaded machine
@pytest.mark.timeout(1800)
def test_strings_matching_a_pattern_contain_a_required_substring(lexicon_patterns):
    for regex in lexicon_patterns:
        needed = required_substrings(regex)
        assert needed is not None
        _holds_for_generated_matches(regex, needed)


def test_corpus_extracts_the_same_without_the_prefilter(corpus_prompts, monkeypatch):
    with_filter = [extract(p) for p in corpus_prompts]
    # every skip (a single pattern's in find(), a list's in possible()) needs the lower-cased
    # prompt: without it, as for a non-ASCII prompt, every pattern runs
    real_init = scan.Scanner.__init__

    def unfiltered(self, prompt):
        real_init(self, prompt)
        self._lower = None

    monkeypatch.setattr(scan.Scanner, "__init__", unfiltered)
    without = [extract(p) for p in corpus_prompts]
    for prompt, a, b in zip(corpus_prompts, with_filter, without, strict=True):
        assert a[0] == b[0] and a[1] == b[1], prompt


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bsolo\b|\bjust me\b(?! and)", {"solo", "just me"}),
        (r"\bi(?:'m| am) the only (?:dev|engineer)\b", {" the only "}),
        (r"\b(?:two|2) of us\b", {" of us"}),
        (r"\bWeb ?App\b", {"web"}),
        (r"x{2,3}y+", {"x"}),
        (r"(?:abc)?d", {"d"}),
        (r"(?<!for )\d+ engineers", {" engineers"}),
    ],
)
def test_derived_substrings(pattern: str, expected: set[str]):
    assert required_substrings(re.compile(pattern, re.IGNORECASE)) == frozenset(expected)


@pytest.mark.parametrize(
    "pattern",
    [r"\d+", r"[a-z]+", r"(?:foo)?", r"\w+|bar", "caf\u00e9"],
)
def test_no_filter_where_a_match_needs_no_ascii_literal(pattern: str):
    assert required_substrings(re.compile(pattern, re.IGNORECASE)) is None


def test_non_ascii_prompts_run_every_pattern():
    # the Kelvin sign folds to "k" under re.IGNORECASE: a substring test would miss it
    assert scan.Scanner("\u212aafka with 3 engineers")._lower is None
    assert scan.Scanner("Kafka")._lower == "kafka"


def test_a_pattern_registered_after_the_scan_began_is_still_tested():
    # the scan's one-pass search knows only the strings registered before it started
    scanner = scan.Scanner("we need a zyxwvut exporter")
    late = re.compile(r"\bzyxwvut\b", re.IGNORECASE)
    assert [h.text for h in scanner.find(late)] == ["zyxwvut"]
    assert scanner.find(re.compile(r"\bqqqzzz\b", re.IGNORECASE)) == []


def test_an_archetype_none_of_whose_trigger_literals_occur_is_skipped(monkeypatch):
    from archwright.intake import match

    scanner = scan.Scanner("A marketplace where people rent out their spare rooms")
    asked: list[str] = []
    real = scan.Scanner.find

    def spy(self, regex, *, negatable=True):
        asked.append(regex.pattern)
        return real(self, regex, negatable=negatable)

    monkeypatch.setattr(scan.Scanner, "find", spy)
    result = match.match_archetype(scanner)
    assert result.archetype is not None
    triggers = {r.pattern for _, ts in match._compiled().archetypes for r, _ in ts}
    # the triggers of only a few archetypes get a look, not all of them
    assert 0 < len(asked) < len(triggers) / 3


def _present_by_scan(lower: str) -> frozenset[str]:
    from archwright.intake.prefilter import STRINGS

    return frozenset(s for s in STRINGS if s in lower)


def test_present_equals_testing_every_string(corpus_prompts):
    """The trigram index finds exactly the registered strings a scan of all of them finds."""
    from archwright.intake.prefilter import STRINGS, present

    for prompt in corpus_prompts[:60]:
        extract(prompt)  # registers the strings of every pattern these prompts reach
    assert len(STRINGS) > 1000
    for prompt in corpus_prompts:
        lower = prompt.lower()
        assert present(lower) == _present_by_scan(lower)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12), st.text())
def test_present_on_text_built_from_registered_strings(picks, noise):
    """Strings at the very start or end, overlapping, short (under three characters) or run
    together with noise are all found."""
    from archwright.intake.prefilter import STRINGS, present

    if not STRINGS:
        extract("A marketplace for handmade goods with payments and search")
    parts = [STRINGS[i % len(STRINGS)] for i in picks]
    lower = (noise.join(parts)).lower()
    assert present(lower) == _present_by_scan(lower)


def test_an_index_leaves_out_only_patterns_that_cannot_match(corpus_prompts):
    """A list's positions the index leaves out find nothing; the kept ones stay in order; a
    non-ASCII prompt keeps them all."""
    from archwright.intake.lexicon import lexicon
    from archwright.intake.prefilter import Index

    cues = [t.regex for t in lexicon().technologies] + [i.regex for i in lexicon().integrations]
    index = Index(cues)
    for prompt in corpus_prompts[:80]:
        scanner = scan.Scanner(prompt)
        kept = list(scanner.possible(index))
        assert kept == sorted(set(kept))
        for i in set(range(len(cues))) - set(kept):
            assert list(cues[i].finditer(prompt)) == [], (prompt, cues[i].pattern)
    assert scan.Scanner("\u212aafka and Stripe").possible(index) == range(len(cues))
