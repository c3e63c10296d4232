"""A lone ambiguous trigger word decides no archetype (``knowledge/not_when.yaml`` ``alone``).

Trigger weights only add up, and several single words clear the match threshold on their own
while meaning something else in most prompts that use them: "clinics" (bike repair, legal
advice, sewing clinics), "showing" (a verb), "mileage" (an expense claim), "each week" (any
schedule), "diagnoses" (any troubleshooting tool). Such a word now needs corroboration -- a
second trigger of the archetype, its `unless` wording, or the word opening the noun phrase of
what is built ("Build a clinic app", "software for clinics") -- and otherwise a rival with real
evidence or the generic archetype takes the prompt. Bots and alerts that run inside a chat
platform are no chat product; a personal study planner is no LMS; a gym's day passes are no
event tickets. Number words never become entities (``knowledge/generic_domain.yaml``).

Every prompt here is worded differently from the reports that showed the problem.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from archwright.api import generate
from archwright.intake.generic import generic_domain
from archwright.intake.match import NotWhen


def _arch(prompt: str) -> str:
    return str(generate(prompt).signals.product.archetype.value)


# ---------------------------------------------------------------- lone words: set aside
SET_ASIDE = [
    # (archetype the lone word used to pick, prompt)
    (
        "healthcare",
        "A tool for a community sewing clinic where neighbours sign up to get clothes mended",
    ),
    ("healthcare", "The legal advice clinic wants volunteers to take calls and log outcomes"),
    ("healthcare", "A tool that diagnoses why our CI builds are flaky"),
    ("healthcare", "Our computer fix-it clinics need a sign-up sheet for volunteers"),
    ("real_estate", "A website displaying tide times and showing which beaches are safe"),
    ("real_estate", "Kiosk software showing today's lunch menu in the staff canteen"),
    ("fleet_management", "A workshop app logging servicing and oil changes for customers' cars"),
    ("fleet_management", "Employees record business mileage so finance can reimburse them"),
    ("subscription_boxes", "Parents sign up to bring snacks to football training each week"),
    ("chat_messaging", "A Discord bot that posts the weekly raid schedule for our guild"),
    ("chat_messaging", "Send parents WhatsApp reminders when the school trip payment is due"),
    (
        "education_lms",
        "A revision timetable app that helps a teenager plan study blocks before exams",
    ),
    ("education_lms", "A homework tracker for my kids"),
    ("education_lms", "A food-sharing app where students give away leftovers in their halls"),
    ("music_streaming", "A karaoke night app where guests queue up songs"),
    ("metrics_analytics", "Our print shop needs a list of where people drop off posters"),
]


@pytest.mark.parametrize(("wrong", "prompt"), SET_ASIDE)
def test_a_lone_ambiguous_word_no_longer_picks_the_archetype(wrong: str, prompt: str) -> None:
    assert _arch(prompt) != wrong


# where the word was all the evidence, the generic archetype (the prompt's own nouns) takes it
GENERIC = [
    "A sign-up sheet for the bike repair clinic held each Saturday",
    "Parents sign up to bring snacks to football training each week",
    "A website displaying tide times and showing which beaches are safe",
    "A Discord bot that posts the weekly raid schedule for our guild",
    "A revision timetable app that helps a teenager plan study blocks before exams",
]


@pytest.mark.parametrize("prompt", GENERIC)
def test_nothing_else_fits_so_the_archetype_is_generic(prompt: str) -> None:
    d = generate(prompt)
    leaf = d.signals.product.archetype
    assert leaf.value == "generic"
    assert leaf.inferred and "set aside" in leaf.evidence


def test_a_rival_with_real_evidence_takes_the_prompt() -> None:
    # the booking words were always the stronger evidence; "clinics" here are no medical ones
    assert _arch(
        "Riders reserve a slot on our booking system for the bike maintenance clinics"
    ) == ("booking_reservations")


# gym day passes: admission to the gym's floor, not a dated event
GYM_PASSES = [
    "A climbing wall wants to sell day passes online",
    "Our bouldering gym sells day passes and ten-visit punch cards from its website",
    "The leisure centre pool sells drop-in passes and swimming lessons",
]


@pytest.mark.parametrize("prompt", GYM_PASSES)
def test_a_gyms_day_passes_are_gym_management(prompt: str) -> None:
    assert _arch(prompt) == "gym_management"


# ---------------------------------------------------------------- near misses: unchanged
NEAR_MISSES = [
    ("healthcare", "Build a clinic booking app where patients pick a time"),
    ("healthcare", "Software for clinics to manage patient records"),
    ("healthcare", "An app for dental clinics to remind people of their checkups"),
    ("healthcare", "Clinics in our region need a waiting list app"),
    ("healthcare", "Add an appointment module for our 9 clinics to the existing Rails app"),
    ("healthcare", "reserve a time slot with a dermatologist at one of our three clinics"),
    ("healthcare", "Our volunteers claim mileage for driving patients to hospital"),
    ("real_estate", "An estate agency app where buyers book viewings of houses for sale"),
    ("fleet_management", "Track mileage, fuel and servicing for our 40 delivery vans"),
    (
        "fleet_management",
        "GPS tracking for our fleet of 60 trucks with geofences and idling alerts",
    ),
    ("event_ticketing", "Sell festival day passes and weekend passes with a QR code at the gate"),
    (
        "event_ticketing",
        "A ticketing platform for concerts with seat selection and box office sales",
    ),
    (
        "education_lms",
        "An online learning platform where teachers set homework and students take quizzes",
    ),
    ("education_lms", "Students enrol in courses and watch lessons"),
    ("chat_messaging", "A Signal clone with end-to-end encrypted group chats"),
    ("chat_messaging", "A team chat app with channels, direct messages and read receipts"),
    ("subscription_boxes", "A monthly coffee subscription box where customers can skip a month"),
    ("education_lms", "Pupils enrol in courses, watch lessons and hand in assignments"),
    ("music_streaming", "A Spotify clone where users stream songs and build playlists"),
    ("metrics_analytics", "A dashboard of where users drop off in our signup funnel"),
]


@pytest.mark.parametrize(("expected", "prompt"), NEAR_MISSES)
def test_corroborated_or_head_position_words_keep_their_archetype(
    expected: str, prompt: str
) -> None:
    assert _arch(prompt) == expected


# ---------------------------------------------------------------- number words
NUMBERS = [
    (
        "A tool where ten volunteers share a dozen chores among hundreds of households",
        {"ten", "dozen"},
    ),
    (
        "Track which of the twenty allotment plots each of our fifty gardeners waters, and send "
        "a reminder to the three on duty",
        {"twenty", "fifty", "three"},
    ),
    (
        "An app where a hundred neighbours lend each other a couple of ladders",
        {"hundred", "couple"},
    ),
    (
        "Forty singers vote for one of twelve anthems and the first five get rehearsed",
        {"forty", "twelve", "five", "first"},
    ),
]


@pytest.mark.parametrize(("prompt", "numbers"), NUMBERS)
def test_number_words_are_never_entities(prompt: str, numbers: set[str]) -> None:
    names = {e.name for e in generic_domain(prompt).entities}
    assert not names & numbers
    assert not any(part in numbers for n in names for part in n.split("_"))


def test_counted_nouns_still_become_entities() -> None:
    names = {e.name for e in generic_domain(NUMBERS[1][0]).entities}
    assert {"plot", "reminder"} <= names


# ---------------------------------------------------------------- the table's shape
def test_a_not_when_entry_states_exactly_one_kind() -> None:
    with pytest.raises(ValidationError):
        NotWhen(when="x", alone="y", reason="twenty characters or more of reason")
    with pytest.raises(ValidationError):
        NotWhen(reason="twenty characters or more of reason")
    assert NotWhen(alone="clinics?", reason="twenty characters or more of reason").alone
