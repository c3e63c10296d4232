"""Escaping of user text for the formats we emit (one place, so nothing is escaped twice)."""

from __future__ import annotations

import re
from functools import lru_cache

# HTML's specials as entities, Markdown's (code, emphasis, links, table pipes) backslashed. A
# chain of str.replace (backslash first, so no escape is escaped again) is ~5x faster than one
# str.translate with multi-character replacements, which maps character by character; a
# document escapes ~250 distinct strings.
_MD_ESCAPES = (
    ("\\", "\\\\"),
    ("&", "&amp;"),
    ("<", "&lt;"),
    *((c, "\\" + c) for c in "`*_[]|"),
)


@lru_cache(maxsize=4096)
def _md_text(text: str) -> str:
    # newlines, tabs, runs of spaces: one space each. Always split and join: a regular
    # expression looking for whitespace to collapse took twice as long as collapsing.
    text = " ".join(text.split())
    for char, escaped in _MD_ESCAPES:  # escapes neither add nor remove whitespace
        if char in text:
            text = text.replace(char, escaped)
    # ">" opens no HTML once "<" is escaped ("write >= 4" stays readable); only at the start
    # of a line would it open a blockquote
    return "\\" + text if text.startswith(">") else text


def md_inline(value: object) -> str:
    """Text safe inside a Markdown paragraph or table cell: one line, no raw HTML, no pipes."""
    return _md_text("" if value is None else str(value))


def md_code(value: object) -> str:
    """Inline code span that survives backticks in the value."""
    return _code_span("" if value is None else str(value))


@lru_cache(maxsize=4096)
def _code_span(text: str) -> str:
    text = " ".join(text.split())
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_PAREN = re.compile(r"\(.*?\)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, role: str = "", max_len: int = 40, default: str = "app") -> str:
    """A DNS/compose-safe label of whole words: ``"Core API service (modular monolith)"`` ->
    ``core-api-service``. Parenthesised asides are dropped and words are never cut in half, so
    hostnames, image tags and ``docker compose logs NAME`` stay readable. ``role`` is prefixed
    when the words do not already say it (``worker-email-sending``)."""
    words = [w for w in _NON_ALNUM.split(_PAREN.sub(" ", text.lower())) if w]
    if role and role not in words:
        words.insert(0, role)
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > max_len:
            break
        out = candidate
    return out or (words[0][:max_len] if words else "") or role or default
