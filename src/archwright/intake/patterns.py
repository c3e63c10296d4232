"""Stage 1's knowledge patterns, compiled the first time one is used.

The lexicon and the archetype triggers hold ~1,000 regular expressions. Compiling them all
took about half a second of every process's first document (Python's regex parser is pure
Python), while the literal prefilter (:mod:`archwright.intake.prefilter`) rules most of them out
for any one prompt without running them. A :class:`LazyPattern` carries its source and flags,
which is all the prefilter reads, and compiles on the first search: a one-off ``archwright
generate`` compiles the few dozen its prompt can match, a long batch eventually the rest.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from archwright.errors import KnowledgeError


class LazyPattern:
    """A :class:`re.Pattern` (``str`` patterns) compiled on first use.

    Equality and hashing are by identity, as the scanner's and prefilter's caches expect (a
    compiled pattern hashes its whole code). Only the searching methods Stage 1 uses are offered;
    :meth:`compiled` gives the pattern itself for anything else.
    """

    __slots__ = ("_rx", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        # what ``re.compile(pattern, flags).flags`` reports, so that both key the same entry
        # of the prefilter's table
        self.flags = flags if flags & (re.ASCII | re.UNICODE) else flags | re.UNICODE
        self._rx: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            try:
                rx = self._rx = re.compile(self.pattern, self.flags)
            except re.error as exc:  # knowledge files are package data: a test compiles them all
                raise KnowledgeError(
                    f"knowledge: invalid regular expression {self.pattern!r}: {exc}"
                ) from exc
        return rx

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


#: what Stage 1's scanner accepts: a compiled pattern or one compiled on first use
Pattern = re.Pattern[str] | LazyPattern
