"""The generic domain (no archetype fits) keeps nouns only: adjectives by their ending
("billable"), verbs after a frequency adverb ("never miss") or in an infinitive of purpose ("an
app to calculate the ..."), a plural subject's verb ("households log their ..."), and a noun
that only modifies the head of its phrase ("their carbon footprint") are no entities."""

from __future__ import annotations

import pytest

from archwright.intake import extract


def _generic(prompt: str) -> list[str]:
    signals, domain = extract(prompt, None)
    assert signals.product.archetype.value == "generic", prompt
    return [e.name for e in domain.entities]


@pytest.mark.parametrize(
    ("prompt", "absent", "present"),
    [
        # held out: other adjectives, other verbs, other compounds than those first seen
        (
            "Freelance photographers track billable shoots and unpaid invoices",
            {"billable", "freelance"},
            {"shoot", "invoice"},
        ),
        (
            "A reusable checklist app for pilots doing preflight inspections",
            {"reusable"},
            {"checklist", "inspection"},
        ),
        (
            "A tracker so I never miss a dose of my medication",
            {"miss", "tracker"},
            {"dose", "medication"},
        ),
        (
            "An app to calculate the carbon footprint of our office commutes",
            {"calculate", "carbon"},
            {"footprint", "commute"},
        ),
        (
            "An app where households log their energy use and see their carbon footprint",
            {"carbon", "household_log"},
            {"footprint", "energy"},
        ),
        (
            "A journal where anxious hikers quickly record trails and summit photos",
            {"anxious", "quickly", "record"},
            {"trail"},
        ),
    ],
)
def test_non_nouns_are_no_entities(prompt, absent, present):
    names = set(_generic(prompt))
    assert not names & absent, (prompt, names)
    assert present <= names, (prompt, names)


@pytest.mark.parametrize(
    ("prompt", "present"),
    [
        # near misses: real nouns with the same endings or in the same positions survive
        (
            "A stats tracker for our darts league: log hits and misses for each thrower",
            {"miss", "hit"},
        ),
        (
            "A registry where farms list the carbon credits they earn from planting hedgerows "
            "and sell them to local firms",
            {"credit", "hedgerow"},
        ),
        ("An app to catalogue collectible coins and their grading", {"coin"}),
        (
            "A club for vinyl collectors to log every turntable and cable they own",
            {"turntable", "cable"},
        ),
        ("Track the deliverables of each freelance contract", {"deliverable", "contract"}),
    ],
)
def test_real_nouns_survive(prompt, present):
    names = set(_generic(prompt))
    assert present <= names, (prompt, names)


@pytest.mark.parametrize(
    ("prompt", "absent", "present"),
    [
        # a word whose object is a pronoun is a verb: the transaction it names, or nothing
        (
            "Build a recipe sharing site where people upload recipes and rate them.",
            {"rate"},
            {"recipe", "rating"},
        ),
        ("Volunteers photograph litter on beaches and map it", {"map", "photograph"}, {"litter"}),
        (
            "Birdwatchers log sightings and rate them by rarity",
            {"rate"},
            {"sighting", "rating"},
        ),
        ("Fans upload concert photos and tag them", {"tag"}, {"concert"}),
    ],
)
def test_a_word_acting_on_a_pronoun_is_a_verb(prompt, absent, present):
    names = set(_generic(prompt))
    assert not names & absent, (prompt, names)
    assert present <= names, (prompt, names)


def test_a_noun_before_a_pronoun_is_still_a_noun():
    # "them" here does not make "sightings" or "trails" a verb: only the word just before it
    names = set(_generic("Hikers share trails and sightings; others rate them"))
    assert {"trail", "sighting", "rating"} <= names, names


def test_a_long_run_of_nouns_is_read_in_one_pass(monkeypatch):
    """Each noun looks back for the word opening its phrase; over an unbroken run of nouns that
    look-back was repeated from every token (quadratic: a 13 KB "pre-seed pre-seed ..." prompt
    took 4.5 s). Counted, not timed: the candidate test runs a bounded number of times per word."""
    from archwright.intake import generic

    calls = 0
    real = generic._is_candidate

    def counted(word: str) -> bool:
        nonlocal calls
        calls += 1
        return real(word)

    monkeypatch.setattr(generic, "_is_candidate", counted)
    words = 800
    generic._read("pre-seed " * (words // 2))
    assert calls < 10 * words


@pytest.mark.parametrize(
    ("prompt", "absent", "present"),
    [
        # a screen to look at, a load level, a distance and one deployable are no records
        (
            "An app that lets parents see where the school bus is on a map and get notified "
            "when it's close.",
            {"map", "close"},
            {"bus"},
        ),
        (
            "A Go microservice that shortens links, must handle 50k requests per second at peak.",
            {"microservice", "peak"},
            {"link"},
        ),
        (
            "Allotment holders see plots on a map, mark the ones close to taps and log "
            "harvests; visits peak on Sundays.",
            {"map", "close", "peak"},
            {"plot", "harvest"},
        ),
    ],
)
def test_screens_load_levels_and_distances_are_no_entities(prompt, absent, present):
    names = set(_generic(prompt))
    assert not names & absent, names
    assert present <= names, names
