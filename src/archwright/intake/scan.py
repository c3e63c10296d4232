"""Finding lexicon phrases in a prompt: matches, negation scope, quotes and numbers."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from archwright.intake import prefilter
from archwright.intake.lexicon import compiled, lexicon
from archwright.intake.patterns import Pattern

_MAX_QUOTE = 140
#: a clause boundary a shortened quote prefers to start after or end before
_CLAUSE = re.compile(r"[,;:\u2013\u2014]\s|\s[-\u2013\u2014]\s")
#: how much context a quote gives up to start or end at a clause instead of mid-clause
_CLAUSE_SLACK = 40
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "that",
        "which",
        "who",
        "their",
        "our",
        "your",
        "its",
        "his",
        "her",
        "my",
        "is",
        "are",
        "was",
        "were",
        "be",
    ]
)


#: what ends a sentence: a newline, or . ! ? followed by white space or the end ("Next.js",
#: "1.5M" and "e-mail.com" keep their sentence together; ``\s`` is ``str.isspace``)
_SENTENCE_END = re.compile(r"[.!?](?!\S)|\n")


def _window(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """At most ``_MAX_QUOTE`` characters of the sentence ``text[lo:hi]`` around the match
    ``text[start:end]``: the match is kept whole, each cut falls between words (after or before
    a clause when one is near) and is marked with an ellipsis."""
    room = max(0, _MAX_QUOTE - (end - start))
    a = max(lo, start - room // 2)
    b = min(hi, end + room - (start - a))
    a = max(lo, start - (room - (b - end)))  # what one side cannot use goes to the other
    # never mid-word: move each cut inwards to a word boundary (never into the match)
    while lo < a < start and not text[a - 1].isspace():
        a += 1
    while end < b < hi and not text[b].isspace():
        b -= 1
    if a > lo:
        clause = _CLAUSE.search(text, a, min(start, a + _CLAUSE_SLACK))
        if clause is not None:
            a = clause.end()
    if b < hi:
        clauses = [m.start() for m in _CLAUSE.finditer(text, max(end, b - _CLAUSE_SLACK), b)]
        if clauses:
            b = clauses[-1]
    if b < hi:  # "... accountants in a…" reads cut off; end on the last content word
        words = text[end:b].split(" ")
        while len(words) > 1 and words[-1].lower() in _DANGLING:
            words.pop()
        b = end + len(" ".join(words))
    core = text[a:b].strip().rstrip(",;:-\u2013\u2014 ")
    if not core:
        return text[start:end]
    return ("…" if a > lo else "") + core + ("…" if b < hi else "")


@dataclass(frozen=True)
class Hit:
    """One phrase found in the prompt."""

    start: int
    end: int
    text: str  # the matched text, exactly as written
    negated: bool
    match: re.Match[str]


class Scanner:
    """The prompt plus helpers that answer "where does it say so, and is it negated?"."""

    def __init__(self, prompt: str) -> None:
        self.text = prompt
        self._c = compiled()
        self._window = lexicon().negation.window
        # the same phrase list is consulted by several fields: scan each regex once (keyed by
        # identity, which the lexicon's compiled patterns keep for the process: hashing a
        # pattern hashes its compiled code)
        self._found: dict[tuple[int, bool], tuple[Pattern, list[Hit]]] = {}
        # what the literal prefilter searches (None: not ASCII, every pattern runs)
        self._lower = prompt.lower() if prompt.isascii() else None
        self._sentence_ends: list[int] | None = None  # where sentences end, for quotes
        # the required strings of the patterns registered so far, searched for at once
        self._known = len(prefilter.STRINGS)
        self._present = prefilter.present(self._lower) if self._lower is not None else frozenset()

    def negated(self, start: int) -> bool:
        """True when a negation cue precedes ``start`` inside the same clause."""
        lo = max(0, start - self._window)
        before = self.text[lo:start]
        breaks = list(self._c.clause_break.finditer(before))
        if breaks:
            before = before[breaks[-1].end() :]
        return bool(self._c.negation.search(before))

    def find(self, regex: Pattern, *, negatable: bool = True) -> list[Hit]:
        """Every non-empty match of ``regex``, in prompt order (the caller must not change the
        list: it is the one the next call returns)."""
        if self._lower is not None:
            # a match contains one of ``needed`` (registered once prefilter.STRINGS was ``mark``
            # long; one registered after this scan began is looked for here): most patterns
            # asked about (~400 of ~450 a document) need a literal the prompt lacks, and are
            # answered first, with nothing allocated
            needed, mark = prefilter.requirement(regex)
            if needed is not None and (
                needed.isdisjoint(self._present)
                if mark <= self._known
                else not any(s in self._lower for s in needed)
            ):
                return []
        key = (id(regex), negatable)
        cached = self._found.get(key)
        if cached is not None and cached[0] is regex:
            return cached[1]
        hits: list[Hit] = []
        self._found[key] = (regex, hits)  # holding the pattern keeps its id unique
        for m in regex.finditer(self.text):
            if m.end() == m.start():
                continue
            neg = negatable and self.negated(m.start())
            hits.append(Hit(m.start(), m.end(), m.group(0), neg, m))
        return hits

    def possible(self, index: prefilter.Index) -> Sequence[int]:
        """The positions, in order, of the patterns of ``index`` that can match the prompt (each
        one left out cannot; the ones kept are still filtered by :meth:`find`)."""
        if self._lower is None or index.mark > self._known:
            return range(index.size)  # a non-ASCII prompt, or strings this scan never searched
        return index.possible(self._present)

    def first(self, regex: Pattern, *, negatable: bool = True) -> Hit | None:
        """The first non-negated match."""
        for h in self.find(regex, negatable=negatable):
            if not h.negated:
                return h
        return None

    def quote(self, hit: Hit | tuple[int, int]) -> str:
        """An exact substring of the prompt around a hit: its sentence, or a window of it."""
        start, end = (hit.start, hit.end) if isinstance(hit, Hit) else hit
        text = self.text
        ends = self._sentence_ends
        if ends is None:  # found once: a document quotes ~5 times
            ends = self._sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        # the sentence runs from after the last end before ``start`` to the first end from ``end``
        i = bisect_left(ends, start)
        lo = ends[i - 1] + 1 if i else 0
        j = bisect_left(ends, end)
        hi = ends[j] if j < len(ends) else len(text)
        if hi < len(text) and text[hi] in ".!?":
            hi += 1
        if hi - lo > _MAX_QUOTE:
            return _window(text, lo, hi, start, end)
        quote = text[lo:hi].strip()
        return quote or text[start:end]


_UNITS = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "mn": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "dozens": 36,
    "a couple": 2,
    "a couple of": 2,
    "a few": 3,
    "few": 3,
    "hundreds": 300,
    "thousands": 3_000,
    "tens of thousands": 30_000,
    "hundreds of thousands": 300_000,
    "half a million": 500_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
    "a hundred": 100,
    "one hundred": 100,
    "a thousand": 1_000,
    "one thousand": 1_000,
    "a million": 1_000_000,
    "one million": 1_000_000,
    "a billion": 1_000_000_000,
}
_NUM_SPLIT = re.compile(r"^([\d.,\u202f ]+?)\s*([a-z]*)$")


def parse_number(text: str) -> float | None:
    """``"10 million"`` -> 1e7, ``"100k"`` -> 1e5, ``"2,000"`` -> 2000, ``"two"`` -> 2."""
    t = " ".join(text.lower().split())
    mult = 1
    for unit in ("thousand", "million", "billion"):
        if t.endswith(" " + unit) and t[: -len(unit) - 1] in _WORDS:
            return _WORDS[t[: -len(unit) - 1]] * _UNITS[unit]
    if t in _WORDS:
        return float(_WORDS[t])
    m = _NUM_SPLIT.match(t)
    if not m:
        return None
    digits, unit = m.group(1).strip(), m.group(2)
    if unit:
        if unit not in _UNITS:
            return None
        mult = _UNITS[unit]
    digits = digits.replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        digits = digits.replace(",", "")
    digits = digits.replace(",", ".")
    try:
        return float(digits) * mult
    except ValueError:
        return None
