"""Review defects in Stage 1: long-sentence quotes, existing infrastructure, stated rates."""

from __future__ import annotations

import re

import pytest

from archwright.intake.extract import extract
from archwright.intake.scan import Scanner

LONG = [
    (
        "Our regional network of physiotherapy practices wants a patient portal where people can "
        "book sessions, fill in intake forms, pay deposits, message their therapist, and join "
        "secure video visits from their phone or laptop without installing anything at all.",
        "video visits",
    ),
    (
        "The warehouse team needs one screen that shows every pallet that arrived this morning "
        "together with the supplier, the purchase order, the dock door and the name of whoever "
        "signed for it, refreshed whenever a scanner beeps.",
        "purchase order",
    ),
    (
        "Parents should be able to see their kid's lunch balance, top it up with a card, and "
        "get a nudge when it drops under five dollars; the cafeteria manager, meanwhile, wants "
        "a weekly export of every transaction for the district accountants in a spreadsheet.",
        "weekly export",
    ),
]


@pytest.mark.parametrize(("prompt", "needle"), LONG)
def test_long_sentence_quote_cuts_at_word_boundaries_with_an_ellipsis(
    prompt: str, needle: str
) -> None:
    scan = Scanner(prompt)
    i = prompt.index(needle)
    quote = scan.quote((i, i + len(needle)))
    assert needle in quote
    assert len(quote) <= 142
    assert quote.startswith("…") or quote.endswith("…"), quote  # the sentence was shortened
    inner = quote.strip("…")
    at = prompt.index(inner)  # the rest is an exact substring of the prompt
    if quote.startswith("…"):
        assert prompt[at - 1].isspace(), quote  # starts at a word
    if quote.endswith("…"):
        end = at + len(inner)
        assert not prompt[end].isalnum(), quote  # ends at a word
        assert inner[-1] not in ",;:", quote  # no dangling clause punctuation before the …
    assert scan.quote((i, i + len(needle))) == quote  # deterministic


def test_short_sentence_quote_is_the_whole_sentence_without_ellipsis() -> None:
    prompt = "A bakery app. Customers order cakes online. We are on AWS."
    scan = Scanner(prompt)
    i = prompt.index("cakes")
    assert scan.quote((i, i + 5)) == "Customers order cakes online."


@pytest.mark.parametrize(
    "prompt",
    [
        "We run a chain of 14 clinics and want patients to book appointments online.",
        "We run three bakeries downtown; customers should pre-order cakes for pickup.",
        "We currently have 2,000 loyal members and want an app for class bookings at our gyms.",
        "We already have 500 paying customers on a waitlist for our dog-walking service app.",
        "We operate a family-run hotel and need a booking site for our 30 rooms.",
    ],
)
def test_an_existing_business_is_not_existing_infrastructure(prompt: str) -> None:
    s, _ = extract(prompt)
    leaf = s.constraints.existing_infrastructure
    assert leaf.value == "greenfield", leaf.evidence


@pytest.mark.parametrize(
    "prompt",
    [
        "We run a Django app on Heroku and want to add a booking module for our 14 clinics.",
        "We currently run everything on two VMs in our office; add online ordering for the bakery.",
        "We already use Shopify for the storefront and need a loyalty program on top.",
        "Our current database is a MySQL server that the front desk app talks to.",
        "We already have a PHP website for the gym and want members to book classes in it.",
    ],
)
def test_existing_systems_are_existing_infrastructure(prompt: str) -> None:
    s, _ = extract(prompt)
    leaf = s.constraints.existing_infrastructure
    assert leaf.value == "existing", leaf.evidence
    assert not leaf.inferred


def _rates(prompt: str):
    from archwright.intake.extract import _Extraction

    e = _Extraction(prompt, None)
    e.run()
    return e


@pytest.mark.parametrize(
    ("prompt", "rate", "how"),
    [
        (
            "Fleet tracking: 40,000 vans each send a location every 5 seconds to our dashboard.",
            8_000,
            "40,000 / 5 s = 8,000 writes/s",
        ),
        (
            "Each of our 2,500 kiosks reports its status every 30 seconds.",
            2_500 / 30,
            "2,500 / 30 s = 83 writes/s",
        ),
        (
            "12,000 smart meters upload a reading every 15 minutes.",
            12_000 / 900,
            "12,000 / 900 s = 13 writes/s",
        ),
        (
            "A document pipeline: we process 2 million documents per month with OCR.",
            2_000_000 / 2_592_000,
            "2,000,000 / 2,592,000 s (a month) = 0.77 writes/s",
        ),
        (
            "A bakery ordering app; about 300 orders an hour at peak.",
            300 / 3600,
            "300 / 3,600 s (an hour) = 0.083 writes/s",
        ),
        (
            "Factory monitoring platform ingesting 10k sensor readings per second.",
            10_000,
            "10,000 writes/s",
        ),
    ],
)
def test_stated_rates_become_the_write_rate(prompt: str, rate: float, how: str) -> None:
    e = _rates(prompt)
    assert e.write_rate is not None
    assert e.write_rate[0] == pytest.approx(rate, rel=1e-6)
    assert e.write_rate[2] == how
    s, _ = extract(prompt)
    vol = s.data.volume
    assert vol.inferred and how in vol.evidence  # the rationale shows the arithmetic
    assert re.search(r"“[^”]+”", vol.evidence)  # ... and quotes what the user said


def test_a_high_stated_rate_sets_write_intensity_and_throughput() -> None:
    prompt = "Our 40,000 delivery vans each report a position every 5 seconds."
    s, _ = extract(prompt)
    w = s.behavior.write_intensity
    assert w.score == 5 and not w.inferred
    assert "every 5 seconds" in w.evidence
    dom = s.behavior.dominant_constraint
    if dom.value == "throughput":
        assert "8,000 writes/s" in dom.evidence


@pytest.mark.parametrize(
    "prompt",
    [
        "A meal-kit subscription at $49 per month for 3,000 households.",
        "Support is 24/7 and the app has 5 stars on the store.",
        "We were founded in 2019 and open 7 days a week; staff work 8 hours a day.",
        "Call us on 555 0100 each morning; we have 5 stores as well.",
        "Plans cost 20 USD a month and users log in 3 times a day.",
        "We have 50 employees and back up the database every 6 hours.",
    ],
)
def test_numbers_that_are_not_rates_are_not_read_as_rates(prompt: str) -> None:
    e = _rates(prompt)
    assert e.write_rate is None and e.read_rate is None, (e.write_rate, e.read_rate)
