"""Held-out prompts for products Stage 1 used to send to the generic fallback or to a clearly
wrong archetype: forms and surveys, auctions, parking, subscription boxes.

They were written before the archetypes existed, in the words of a founder who does not know
archwright's vocabulary (clones, a product named by what it does, casual phrasing), and none is
copied from the corpus or from the archetype files. The near misses share a word with a new
archetype ("survey", "bid", "parking", "subscription") but describe another product: they must
keep their own archetype, so the new triggers cannot win on an ordinary word.
"""

from __future__ import annotations

import pytest
from tests.intake.test_archetype_paraphrases import _archetype

PARAPHRASES: list[tuple[str, str]] = [
    # forms_surveys
    (
        "forms_surveys",
        "A Typeform alternative: people drag questions onto a page, share a link and watch the "
        "answers come in",
    ),
    (
        "forms_surveys",
        "we want to send a short questionnaire to our customers after each delivery and see the "
        "results in charts",
    ),
    ("forms_surveys", "tool for HR teams to run anonymous employee pulse polls every quarter"),
    (
        "forms_surveys",
        "Google Forms but nicer: conditional questions, file uploads and a spreadsheet of every "
        "submission",
    ),
    # auctions
    (
        "auctions",
        "A website where collectors place bids on rare sneakers and whoever offers the most when "
        "the timer runs out wins",
    ),
    (
        "auctions",
        "online art sales where the price goes up as people outbid each other, with extra time "
        "added when someone bids in the last minute",
    ),
    (
        "auctions",
        "our buyers post what they need and suppliers compete by lowering their price until the "
        "deadline (a reverse auction)",
    ),
    ("auctions", "silent auction app for our charity gala, guests bid from their phones"),
    # parking
    (
        "parking",
        "Drivers see free spaces in nearby car parks on a map, reserve one and pay by the hour "
        "from their phone",
    ),
    (
        "parking",
        "software for a garage operator: monthly passes, number plate cameras at the barrier and "
        "how full each level is",
    ),
    (
        "parking",
        "our town wants residents to apply online for on-street parking permits and wardens to "
        "check plates",
    ),
    ("parking", "SpotHero competitor for European cities"),
    # subscription_boxes
    (
        "subscription_boxes",
        "meal kits delivered every week; customers pick recipes, skip a week or pause whenever "
        "they like",
    ),
    (
        "subscription_boxes",
        "coffee beans shipped to subscribers every month, they can change the grind and how "
        "often it arrives",
    ),
    ("subscription_boxes", "a monthly surprise box of Japanese snacks, billed automatically"),
    ("subscription_boxes", "dog food auto-delivery every 4 weeks, cancel anytime"),
]

NEAR_MISSES: list[tuple[str, str]] = [
    # a satisfaction survey inside a support desk, a quiz inside a course: the host product wins
    (
        "helpdesk_support",
        "support desk where customers rate our answers in a satisfaction survey",
    ),
    ("education_lms", "online quiz platform where students take graded tests in their courses"),
    ("ecommerce", "online shop for candles with a contact form and a checkout"),
    # bids in ad tech are machine auctions for impressions, not a product people bid in
    ("adtech_clickstream", "real-time bidding ad exchange for mobile publishers"),
    ("marketplace", "eBay-like marketplace for vintage clothes with fixed prices"),
    # parking as a listing on a peer-to-peer rental marketplace stays a marketplace
    (
        "marketplace",
        "Airbnb-style marketplace where homeowners rent out their driveways to drivers",
    ),
    ("booking_reservations", "hotel reservation system for our rooms, with free parking"),
    ("ride_hailing_delivery", "ride-hailing app where drivers pick up passengers"),
    # a software subscription, a bill tracker and a one-off shop are not subscription boxes
    ("b2b_saas", "SaaS for agencies with monthly subscription plans and per-seat billing"),
    ("personal_finance", "subscription tracker that shows all my recurring bills"),
    ("ecommerce", "online store for coffee beans with a cart and checkout"),
]


@pytest.mark.parametrize(("expected", "prompt"), PARAPHRASES, ids=[p[:40] for _, p in PARAPHRASES])
def test_paraphrase_gets_its_archetype(expected: str, prompt: str) -> None:
    assert _archetype(prompt) == expected


@pytest.mark.parametrize(("expected", "prompt"), NEAR_MISSES, ids=[p[:40] for _, p in NEAR_MISSES])
def test_near_miss_keeps_its_own_archetype(expected: str, prompt: str) -> None:
    assert _archetype(prompt) == expected
