"""Stage 1's knowledge patterns, compiled the first time one is used.

The lexicon and the archetype triggers hold ~1,000 regular expressions. Compiling them all
took about half a second of every process's first document (Python's regex parser is pure
Python), while the literal prefilter (:mod:`archwright.intake.prefilter`) rules most of them out
for any one prompt without running them. A :class:`LazyPattern` carries its source and flags,
which is all the prefilter reads, and compiles on the first search: a one-off ``archwright
generate`` compiles the few dozen its prompt can match, a long batch eventually the rest.

Compiling all of them still costs ~0.4 s, nearly all of it parsing and code generation (pure
Python); a batch worker paid it over its first few hundred documents (~10 M instructions a
document over the first hundred). ``python -m archwright.catalog`` therefore stores each
knowledge pattern's compiled code (:data:`CODE_TABLE`), and a pattern found there is built from
it by the regex engine's own constructor, ~20x faster. The table is only used by the Python build that wrote it (see
:func:`code_stamp`); any other pattern, or a missing or stale table, compiles as usual.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import array
import base64
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from archwright.errors import KnowledgeError

#: the compiled code of every knowledge pattern, written by ``python -m archwright.catalog``
#: (see :mod:`archwright.intake.prefilter_table`); generated, not tracked
CODE_TABLE = "patterns.bundle.json"


def code_stamp() -> str:
    """What a code table must have been built with to be used: this exact Python build (code
    generation changes between releases) and its regex engine's code format."""
    word = array.array("I").itemsize
    return f"python {sys.version}; sre {_sre.MAGIC}, code size {_sre.CODESIZE}/{word}"


def compiled_code(pattern: str, flags: int) -> list[Any]:
    """One row of the code table: what ``re.compile(pattern, flags)`` hands the engine's
    constructor besides the pattern (all flags, group count, group names, zlib-packed code)."""
    tree = _parser.parse(pattern, flags)
    code = array.array("I", _compiler._code(tree, flags)).tobytes()
    return [
        flags | tree.state.flags,
        tree.state.groups,
        tree.state.groupdict,
        base64.b64encode(zlib.compress(code, 9)).decode("ascii"),
    ]


@cache
def _code_table() -> dict[tuple[str, int], list[Any]]:
    """(pattern, flags) -> :func:`compiled_code`, from the installed table; empty when it is
    missing, unreadable or from another Python build."""
    try:
        raw = json.loads((resources.files("archwright") / "knowledge" / CODE_TABLE).read_bytes())
        if raw["stamp"] != code_stamp():
            return {}
        return {(text, flags): row for text, flags, *row in raw["patterns"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the code table when the pattern is in it (the same
    object: compiled patterns compare equal by pattern, flags and code)."""
    row = _code_table().get((pattern, flags))
    if row is None:
        return re.compile(pattern, flags)
    all_flags, groups, groupindex, packed = row
    code = array.array("I", zlib.decompress(base64.b64decode(packed))).tolist()
    indexgroup: list[str | None] = [None] * groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    try:
        return _sre.compile(  # type: ignore[no-any-return]
            pattern, all_flags, code, groups - 1, groupindex, tuple(indexgroup)
        )
    except (TypeError, ValueError, RuntimeError):
        # the engine's private constructor is no public API: should a build the stamp cannot
        # tell apart call it differently, the pattern still compiles, only slower
        return re.compile(pattern, flags)


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
                rx = self._rx = _compile(self.pattern, self.flags)
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
