"""Small English rules for generated sentences (shared by Stage 1's generic domain and the design
stages, so "an organization" reads the same in every section)."""

from __future__ import annotations

import re

__all__ = ["a_an"]

# vowel letters that sound like a consonant ("a user", "a one-time code", "a European")
_CONSONANT_SOUND = re.compile(r"^(?:u(?:[bcfhjkqrstn][aeiou]|s[aeiou]|til|ni)|eu|ewe|one\b|once\b)")
# a silent h ("an hour", "an honest")
_SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)")


def a_an(phrase: str) -> str:
    """The indefinite article for ``phrase`` (identifiers such as ``alert_rule`` included)."""
    word = phrase.strip().lower().lstrip("_")
    if not word:
        return "a"
    if _SILENT_H.match(word):
        return "an"
    if word[0] in "aeiou" and not _CONSONANT_SOUND.match(word):
        return "an"
    return "a"
