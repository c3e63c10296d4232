"""Held-out prompts for four gaps found by trying prompts archwright had never seen:

- renting out physical things: "car rental app where customers pay per day plus mileage" became
  a fitness tracker (mileage), "rent out camping gear and tools" and "equipment hire" were
  generic, "bike rental shop" a marketplace;
- "we go live in March" (a launch date) made a recipe app a video streaming service with a live
  broadcast layer;
- booking care is health data: "hospital appointment booking for outpatients" was a salon-style
  booking without PHI;
- a counted set of vehicles someone tracks ("Track 200 delivery vans") matched nothing.

The near misses share a word (rent, hire, mileage, go live, appointment, vans, track) and keep
their own archetype.
"""

from __future__ import annotations

from tests.intake.test_archetype_paraphrases import archetype_tests

from archwright.intake.extract import extract

PARAPHRASES: list[tuple[str, str]] = [
    ("rental", "car rental app where customers pay per day plus mileage"),
    ("rental", "bike rental shop wants online reservations"),
    ("rental", "rent out camping gear and tools to neighbours"),
    ("rental", "equipment hire company: excavators and scaffolding by the day"),
    ("rental", "hire a car for the weekend and return it to any branch"),
    ("rental", "we rent bikes to tourists by the hour"),
    ("healthcare", "hospital appointment booking for outpatients"),
    ("healthcare", "an app to book an appointment with a GP near you"),
    ("healthcare", "dentist appointment reminders and online booking for our 3 practices"),
    ("healthcare", "physiotherapy bookings for a chain of clinics"),
    ("fleet_management", "Track 200 delivery vans, each sends a GPS fix every 10 seconds"),
    ("fleet_management", "an app to track 50 school buses so parents see when the bus arrives"),
    (
        "fleet_management",
        "we need to locate all of our trucks on a map and know when each truck has its service due",
    ),
    ("live_streaming", "an app where creators go live and fans send tips"),
    ("live_streaming", "fitness coaches go live for their classes"),
]

NEAR_MISSES: list[tuple[str, str]] = [
    ("fitness_tracking", "running app that tracks weekly mileage and pace"),
    ("real_estate", "rent an apartment in Berlin"),
    ("booking_reservations", "book a haircut"),
    ("booking_reservations", "vet appointment booking for pet owners"),
    (
        "booking_reservations",
        "A booking system for hair salons: customers pick a stylist and time slot",
    ),
    ("iot_telemetry", "Build a fleet telemetry platform for 20,000 delivery trucks."),
    (
        "ride_hailing_delivery",
        "parcel delivery app where customers track their package and the courier",
    ),
]

test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


def test_a_launch_date_is_not_a_live_broadcast():
    for prompt in (
        "We go live in March with our recipe sharing app",
        "our bakery site goes live next week",
        "must be ready before we go live.",
        "we go live with the app on 1 June",
    ):
        signals, _ = extract(prompt)
        assert signals.media is None, prompt
        assert signals.product.archetype.value not in ("video_streaming", "live_streaming")


def test_going_live_to_an_audience_is_still_a_broadcast():
    signals, _ = extract("streamers go live to their followers from their phones")
    assert signals.media is not None
    assert signals.media.value == ["live_broadcast"]


def test_care_bookings_carry_phi_and_a_vet_visit_does_not():
    signals, _ = extract("hospital appointment booking for outpatients")
    assert signals.data.sensitivity.value == "health"
    assert "hipaa" in signals.constraints.compliance.value
    signals, _ = extract("vet appointment booking for pet owners")
    assert signals.data.sensitivity.value != "health"  # HIPAA protects people, not pets


def test_the_rental_document_checks_units_out_and_back_in():
    from archwright.api import generate

    doc = generate("car rental app where customers pay per day plus mileage")
    assert doc.verification.passed
    tables = {t.name for t in doc.schema_.tables}
    assert {"rental_units", "reservations", "inspections", "rental_charges"} <= tables
    paths = {(e.method, e.path) for e in doc.api.endpoints}
    assert ("POST", "/v1/reservations/{reservation_id}/check-in") in paths
    licence = next(
        f
        for t in doc.schema_.tables
        if t.name == "customer_profiles"
        for f in t.fields
        if f.name == "licence_number"
    )
    assert licence.pii
