"""The indefinite article follows the sound of the next word ("an organization", "a user")."""

from __future__ import annotations

import pytest

from archwright import generate
from archwright.wording import a_an


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("organization", "an"),
        ("alert_rule", "an"),
        ("event", "an"),
        ("encounter", "an"),
        ("insurance product", "an"),
        ("item", "an"),
        ("hour", "an"),
        ("user", "a"),
        ("usage record", "a"),
        ("unit", "a"),
        ("one-time code", "a"),
        ("European customer", "a"),
        ("order", "an"),
        ("post", "a"),
        ("", "a"),
    ],
)
def test_article_follows_the_sound(word, article):
    assert a_an(word) == article


def test_generated_text_has_no_a_before_a_vowel_sound():
    """Index justifications read 'lists a organization's invoices', endpoint summaries
    'Create a event', cache invalidation 'changes a alert_rule'."""
    import re

    d = generate(
        "An events platform: organizers create events, attendees buy tickets, "
        "organizations manage invoices and alert rules",
        overrides={"behavior.read_intensity": "4"},
    )
    text = d.to_markdown()
    bad = re.findall(r"\b[Aa] (?:organization|event|alert|invoice|attendee|organizer)\w*", text)
    assert not bad, bad[:5]
