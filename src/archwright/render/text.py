"""Escaping of user text for the formats we emit (one place, so nothing is escaped twice)."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def md_inline(value: object) -> str:
    """Text safe inside a Markdown paragraph or table cell: one line, no raw HTML, no pipes."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def md_code(value: object) -> str:
    """Inline code span that survives backticks in the value."""
    text = " ".join(("" if value is None else str(value)).split())
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
