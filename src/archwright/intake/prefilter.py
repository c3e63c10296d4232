"""A literal prefilter for the lexicon's regular expressions.

Stage 1 runs ~480 case-insensitive patterns over the prompt; most of them cannot match most
prompts, and Python's regex engine still tries every position (a 32 KiB prompt took seconds).
For each pattern we derive, from its parse tree, a set of lower-case strings such that every
match contains at least one of them — ``\\bsolo\\b|\\bjust me\\b`` needs ``solo`` or ``just me``.
When none of them occurs in the prompt the pattern is skipped: a substring test is a memchr
scan, orders of magnitude cheaper than a regex search.

The filter is a necessary condition only, so skipping never loses a match. It is used for
ASCII prompts (lower-casing ASCII is exactly what ``re.IGNORECASE`` does to it); a prompt with
other characters runs every pattern, because Unicode case folding (the Kelvin sign matches
``k``) makes substring tests unsafe there.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from archwright.intake.patterns import Pattern

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
# id(pattern) -> (pattern, its requirement). Keyed by identity: hashing a compiled pattern
# hashes its whole compiled code on every lookup, and Stage 1 asks ~550 times a document. The
# entry holds the pattern, so its id cannot be reused by another one.
_cache: dict[int, tuple[Pattern, frozenset[str] | None, int]] = {}
#: every required string of the patterns seen so far, in the order first seen (append-only): a
#: prompt is searched for all of them in one pass, then each pattern costs a set operation
STRINGS: list[str] = []
_registered: dict[str, int] = {}  # string -> its index in STRINGS
#: the registered strings by their first three characters (shorter ones under their own text):
#: a prompt looks up only the strings that start at one of its own trigrams — ~4,000 strings
#: tested one by one cost ~100x more than the ~100 trigrams of a short prompt
_BY_TRIGRAM: dict[str, list[str]] = {}
_SHORT: list[str] = []
_LOCK = threading.Lock()


def requirement(pattern: Pattern) -> tuple[frozenset[str] | None, int]:
    """:func:`required_substrings` of ``pattern``, and how long :data:`STRINGS` was once they
    were registered (a prompt searched for that many strings knows about all of them)."""
    hit = _cache.get(id(pattern))
    if hit is None or hit[0] is not pattern:
        result = _derive(pattern)
        with _LOCK:  # the web app scans in threads: a mark must cover strings already listed
            for s in sorted(result or ()):
                if s not in _registered:
                    _registered[s] = len(STRINGS)
                    STRINGS.append(s)
                    if len(s) >= 3:
                        _BY_TRIGRAM.setdefault(s[:3], []).append(s)
                    else:
                        _SHORT.append(s)
            hit = _cache[id(pattern)] = (pattern, result, len(STRINGS))
    return hit[1], hit[2]


def present(lower: str) -> frozenset[str]:
    """Which registered strings occur in ``lower``: every one of the first ``len(STRINGS)`` when
    the search began, and perhaps some registered (by another thread) while it ran — a string
    reported is always in ``lower``, so an extra one never rules a pattern out."""
    found = [s for s in _SHORT if s in lower]
    by_trigram = _BY_TRIGRAM
    # look each of the prompt's trigrams up (``set.intersection(dict)`` would walk all the
    # thousands of indexed trigrams instead)
    for gram in {lower[i : i + 3] for i in range(len(lower) - 2)}:
        strings = by_trigram.get(gram)
        if strings is not None:
            found += [s for s in strings if s in lower]
    return frozenset(found)


class Index:
    """A fixed list of patterns inverted by their requirements: the ones a prompt can match are
    read off the few registered strings it contains (~25) rather than asked about one by one
    (Stage 1's lists of technologies, integrations and archetype triggers hold ~100-600
    patterns, nearly all of which any one prompt rules out)."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self.size = len(patterns)
        self.mark = 0  # how long STRINGS was once all their strings were registered
        always: list[int] = []
        self.by_string: dict[str, list[int]] = {}
        for i, pattern in enumerate(patterns):
            needed, mark = requirement(pattern)
            self.mark = max(self.mark, mark)
            if needed is None:
                always.append(i)
            else:
                for s in needed:
                    self.by_string.setdefault(s, []).append(i)
        self.always = tuple(always)  # positions with no requirement: always possible

    def possible(self, present: frozenset[str]) -> list[int]:
        """The positions, in order, of the patterns that may match a prompt containing exactly
        the registered strings ``present`` (searched for once :data:`STRINGS` was at least
        :attr:`mark` long); every other one cannot match."""
        found = set(self.always)
        get = self.by_string.get
        for s in present:
            found.update(get(s, ()))
        return sorted(found)


def required_substrings(pattern: Pattern) -> frozenset[str] | None:
    """Lower-case strings at least one of which every match of ``pattern`` contains, or None
    when the pattern gives no such set (a match could be made of classes or optional parts)."""
    return requirement(pattern)[0]


#: the requirements of every knowledge pattern, derived when the package is installed (see
#: :mod:`archwright.intake.prefilter_table`): parsing ~1,000 patterns again in each process
#: cost ~0.3 s of its first document
TABLE = "prefilter.bundle.json"


def table_stamp() -> str:
    """What a table must have been built with to be used: this Python's regex parser and this
    file's derivation (a table from other code is ignored, never trusted)."""
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"python {sys.version_info[0]}.{sys.version_info[1]}, prefilter {digest}"


@cache
def _precomputed() -> dict[tuple[str, int], frozenset[str] | None]:
    """(pattern, flags) -> requirement, from the installed table; empty when it is missing,
    unreadable or stale. Keyed by the pattern's own text, so an entry can only be the
    requirement this code would derive for it: a stale table costs time, never a match."""
    try:
        raw = json.loads((resources.files("archwright") / "knowledge" / TABLE).read_bytes())
        if raw["stamp"] != table_stamp():
            return {}
        return {
            (text, flags): None if strings is None else frozenset(strings)
            for text, flags, strings in raw["patterns"]
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _derive(pattern: Pattern) -> frozenset[str] | None:
    table = _precomputed()
    key = (pattern.pattern, pattern.flags)
    if key in table:
        return table[key]
    return derive(pattern)


def derive(pattern: Pattern) -> frozenset[str] | None:
    """The requirement of ``pattern`` from its parse tree (what the table holds)."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        found = _sequence(list(tree))
    except Exception:  # an unfamiliar parse tree: no prefilter, never a wrong one
        found = None
    return (
        frozenset(s.lower() for s in found)
        if found and all(s and s.isascii() for s in found)
        else None
    )


def _score(strings: set[str]) -> tuple[int, int]:
    """Prefer the most selective requirement: longest shortest string, then fewest strings."""
    return min(len(s) for s in strings), -len(strings)


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best requirement of a sequence: any mandatory literal run or mandatory part."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _score(candidate) > _score(best)):
            best = candidate

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op is C.AT:
            continue  # \b, ^, $ are zero-width: the literals around them are adjacent
        if run:
            consider({"".join(run)})
            run = []
        if op is C.BRANCH:
            consider(_branch(av[1]))
        elif op is C.SUBPATTERN:
            consider(_sequence(list(av[-1])))
        elif op in _REPEATS and av[0] >= 1:
            consider(_sequence(list(av[2])))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            consider(_sequence(list(av)))
        # classes, ANY, lookarounds, optional repeats, back-references: nothing required
    if run:
        consider({"".join(run)})
    return best


def _branch(alternatives: list[Any]) -> set[str] | None:
    out: set[str] = set()
    for alternative in alternatives:
        required = _sequence(list(alternative))
        if required is None:
            return None  # this alternative can match without any literal
        out |= required
    return out
