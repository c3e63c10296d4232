"""Equal archetype scores are broken by where the product is named, not by the alphabet.

"X for Y" / "X with Y" / "X that does Y": English product descriptions name the product first
and its audience, content or features after it, so among tied archetypes the one whose strongest
trigger appears earliest is the product; the rest describe what it is for.
"""

from __future__ import annotations

import re

import pytest

from archwright import catalog
from archwright.intake import match
from archwright.intake.extract import extract
from archwright.intake.match import match_archetype
from archwright.intake.scan import Scanner
from archwright.models.knowledge import Trigger


def _archetype(prompt: str) -> str:
    signals, _ = extract(prompt)
    return str(signals.product.archetype.value)


@pytest.mark.parametrize(
    ("prompt", "expected", "rival"),
    [
        # both score 9 ("search engine" vs "blogs"): the product is the search engine
        ("search engine for recipes across cooking blogs", "search_crawler", "cms_publishing"),
        # the same two phrases the other way round: the product is the blog
        ("a blog platform with a search engine for old posts", "cms_publishing", "search_crawler"),
    ],
)
def test_real_tie_goes_to_the_product_named_first(prompt: str, expected: str, rival: str) -> None:
    m = match_archetype(Scanner(prompt))
    assert m.runner_up is not None and m.runner_up == (rival, m.score)  # a genuine tie
    assert m.archetype is not None and m.archetype.id == expected
    assert _archetype(prompt) == expected


def _fake(aid: str, triggers: list[tuple[str, int]]):
    base = catalog.archetype("url_shortener")
    a = base.model_copy(
        update={"id": aid, "triggers": [Trigger(phrase=p, weight=w) for p, w in triggers]}
    )
    regexes = tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), w) for p, w in triggers)
    return a, regexes


@pytest.fixture
def two_fakes(monkeypatch):
    def install(a: list[tuple[str, int]], z: list[tuple[str, int]], reverse: bool = False):
        pair = [_fake("aaa", a), _fake("zzz", z)]
        if reverse:
            pair.reverse()
        table = match._trigger_table(tuple(pair))
        monkeypatch.setattr(match, "_compiled", lambda: table)

    return install


@pytest.mark.parametrize("reverse", [False, True])
def test_earliest_strongest_phrase_wins_whatever_the_ids_and_file_order(two_fakes, reverse):
    two_fakes([("alpha", 8)], [("omega", 8)], reverse)
    assert match_archetype(Scanner("an omega tool for alpha teams")).archetype.id == "zzz"
    assert match_archetype(Scanner("an alpha tool for omega teams")).archetype.id == "aaa"


def test_a_weak_early_word_does_not_outrank_a_strong_phrase(two_fakes):
    # aaa: weak "orders" early + strong "alpha" late = 10; zzz: strong "omega" in the middle = 10.
    # The product noun is the strongest trigger, so its position decides, not the weak word's.
    two_fakes([("orders", 2), ("alpha", 8)], [("omega", 10)])
    m = match_archetype(Scanner("orders come into an omega hub built for alpha crews"))
    assert (m.archetype.id, m.score, m.runner_up) == ("zzz", 10, ("aaa", 10))


def test_same_position_falls_back_to_more_phrases_then_id(two_fakes):
    # both strongest phrases start at the same word: the archetype with more evidence wins
    two_fakes([("beta", 6), ("gamma", 2)], [("beta tool", 8)])
    assert match_archetype(Scanner("a beta tool with gamma")).archetype.id == "aaa"
    # nothing distinguishes them at all: the lower id, so the result never depends on file order
    two_fakes([("beta", 8)], [("beta", 8)], reverse=True)
    assert match_archetype(Scanner("a beta tool")).archetype.id == "aaa"
