"""Held-out prompts for products Stage 1 used to put in the wrong archetype: live streaming by
many streamers (it was video on demand or chat), music streaming (it was video), elections,
polls and petitions (generic, education or B2B SaaS), a club's court booking (membership), a
food bank's stock (e-commerce), a hospital's beds and patient flow (clinic visits).

Written before the archetypes and triggers existed, in a founder's words, none copied from the
corpus or the archetype files. The near misses share a word with the new triggers ("stream",
"live", "Spotify", "vote", "signatures", "club", "donated") but describe another product and must
keep their own archetype.
"""

from __future__ import annotations

import pytest
from tests.intake.test_archetype_paraphrases import archetype_tests

from archwright.intake.extract import extract

PARAPHRASES: list[tuple[str, str]] = [
    # live_streaming
    (
        "live_streaming",
        "we want our own Twitch: gamers broadcast their matches and viewers hang out in chat",
    ),
    (
        "live_streaming",
        "platform where streamers go live from OBS, fans tip them and follow their channels",
    ),
    (
        "live_streaming",
        "livestreaming app for musicians to play gigs from their bedroom and get donations from "
        "the audience",
    ),
    ("live_streaming", "a site for esports streamers with low-latency video, subs and emotes"),
    ("live_streaming", "Kick.com competitor with better revenue share for creators"),
    ("live_streaming", "live streaming platform for gamers"),
    # music_streaming
    (
        "music_streaming",
        "an app like Spotify but only for jazz: albums, artists, playlists for every mood",
    ),
    (
        "music_streaming",
        "Independent musicians upload songs, fans stream them and artists get paid per play",
    ),
    (
        "music_streaming",
        "stream lo-fi beats to listeners and pay the producers royalties every month",
    ),
    ("music_streaming", "Bandcamp alternative where bands sell albums and fans listen online"),
    (
        "music_streaming",
        "catalogue of songs for a streaming radio app with personalised playlists",
    ),
    # voting_elections
    (
        "voting_elections",
        "let our students elect their class representatives online, each student votes once",
    ),
    (
        "voting_elections",
        "an app where residents sign petitions to the city council and see how many signatures "
        "each one has",
    ),
    ("voting_elections", "secure online ballots for our union's annual leadership vote"),
    (
        "voting_elections",
        "Shareholder voting for the AGM with proxy votes and a live turnout count",
    ),
    (
        "voting_elections",
        "tool for a sports club to hold its yearly board election with anonymous ballots",
    ),
    (
        "voting_elections",
        "change.org-like site: start a cause, gather signatures, deliver it to the decision maker",
    ),
    ("voting_elections", "polling app for teams to vote on ideas"),
    # booking_reservations: the club's courts are booked by slot; dues are a side feature
    ("booking_reservations", "tennis club court booking for members"),
    ("booking_reservations", "book tennis courts at our club, members get priority slots"),
    (
        "booking_reservations",
        "our squash club needs court reservations so members stop double-booking the two courts",
    ),
    # hospital_patient_flow: beds, wards, admissions and discharges, not appointments
    ("hospital_patient_flow", "hospital bed occupancy board for ward nurses"),
    (
        "hospital_patient_flow",
        "real-time dashboard of free beds across hospital wards, with admissions and discharges",
    ),
    (
        "hospital_patient_flow",
        "we keep losing track of which beds are empty in our ICU and A&E; nurses need a screen "
        "that updates itself",
    ),
    (
        "hospital_patient_flow",
        "patient flow tool for a regional hospital: admit, transfer between wards, discharge, and "
        "housekeeping marks beds clean",
    ),
    # inventory_warehouse: a food bank's goods in and out are stock
    ("inventory_warehouse", "food bank inventory and distribution to families"),
    (
        "inventory_warehouse",
        "Our food bank needs to log donated goods, track stock and hand out parcels to "
        "registered households",
    ),
    (
        "inventory_warehouse",
        "food pantry software: what came in from grocery stores, what is on the shelves, what we "
        "gave out this week",
    ),
]

NEAR_MISSES: list[tuple[str, str]] = [
    # one organisation streaming its own events, or a video library, stays video streaming
    ("video_streaming", "stream our Sunday services live"),
    ("video_streaming", "video hosting for online courses with adaptive bitrate playback"),
    ("video_streaming", "YouTube-like site where people upload videos and comment"),
    # Spotify and listening inside a podcast product, gaming chat and games stay themselves
    (
        "podcast_audio",
        "We want to publish our weekly audio show, get it into Apple and Spotify and see how "
        "many people listen",
    ),
    (
        "chat_messaging",
        "Discord alternative for gaming communities with voice channels and chat",
    ),
    ("multiplayer_game", "online multiplayer game with matchmaking and leaderboards for gamers"),
    ("event_ticketing", "sell tickets for our band's concerts and scan them at the door"),
    (
        "education_lms",
        "music lessons online: teachers upload exercises and students submit recordings",
    ),
    # votes and signatures inside another product keep it
    ("travel_planning", "trip planner where friends vote on things to do and split the costs"),
    ("contract_management", "DocuSign-like: send an agreement, both parties sign online"),
    ("social_network", "Reddit-style forum where users upvote posts and comment"),
    ("job_board", "job board where recruiters shortlist candidates for open roles"),
    ("forms_surveys", "survey builder where marketing teams create customer feedback forms"),
    # records, calls and rooms with beds keep their products
    ("healthcare", "EHR system for hospitals with patient charts and prescriptions"),
    ("healthcare", "telehealth app where nurses call patients after discharge"),
    ("booking_reservations", "bed and breakfast booking for our three rooms"),
    # a club that collects dues is still a membership body
    (
        "membership_organization",
        "our padel club wants members to reserve courts and pay annual dues",
    ),
]

test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


@pytest.mark.parametrize(
    ("prompt", "not_expected"),
    [
        # proof-of-delivery signatures are no petition; a thrift store's donated clothes are for
        # sale; a food bank's volunteer rota is not its stock
        ("delivery drivers collect customer signatures as proof of delivery", "voting_elections"),
        ("a thrift store that sells donated clothes online", "inventory_warehouse"),
        ("A volunteer scheduling app for a food bank", "inventory_warehouse"),
        # "go live" in a launch plan is no broadcast
        ("we want to go live with the new CRM by March", "live_streaming"),
    ],
)
def test_a_shared_word_does_not_pull_in_the_new_archetype(prompt: str, not_expected: str) -> None:
    signals, _ = extract(prompt)
    assert signals.product.archetype.value != not_expected


@pytest.mark.parametrize(
    "prompt",
    [
        "we want our own Twitch: gamers broadcast their matches and viewers chat",
        "a site for esports streamers with subs and emotes",
        "live streaming platform for gamers",
    ],
)
def test_a_live_streaming_product_needs_live_broadcast_media(prompt: str) -> None:
    signals, _ = extract(prompt)
    assert signals.media is not None and "live_broadcast" in signals.media.value
