"""Held-out prompts for a gap found by trying prompts archwright had never seen: planning who
works which shift. It became an internal tool with generic record/request tables ("employee
scheduling app for retail stores with shift swaps"), project management ("clock in and clock out
app ... with timesheets"), or healthcare with HIPAA ("schedule shifts for nurses across three
hospitals" - a nurse's roster holds no patient data).

The paraphrases were written before the trigger phrases were finalised, in an employer's words;
the near misses share a word (shift, roster, schedule, team, nurses) but describe another product
and keep their own archetype.
"""

from __future__ import annotations

from tests.intake.test_archetype_paraphrases import archetype_tests

from archwright.api import generate

PARAPHRASES: list[tuple[str, str]] = [
    ("workforce_scheduling", "we need a tool to schedule shifts for nurses across three hospitals"),
    (
        "workforce_scheduling",
        "employee scheduling app for retail stores with shift swaps and time off requests",
    ),
    ("workforce_scheduling", "clock in and clock out app for construction workers with timesheets"),
    (
        "workforce_scheduling",
        "managers publish next week's shifts for our 8 pharmacies and staff get a push "
        "notification when it is out",
    ),
    (
        "workforce_scheduling",
        "a rostering system for airline cabin crew that respects rest rules between flights",
    ),
    (
        "workforce_scheduling",
        "we're a security guard company; guards need to know their posts and hours, and we need "
        "to track when they start and finish",
    ),
    (
        "workforce_scheduling",
        "hotel housekeeping team planning: who works which floor on which day, with holiday "
        "requests",
    ),
    ("workforce_scheduling", "app for hospital doctors to trade on-call shifts"),
    ("workforce_scheduling", "summer camp counselor schedules and timesheets for payroll"),
    (
        "workforce_scheduling",
        "We run 12 cafes and managers waste hours on schedules in Excel; staff should see when "
        "they work and pick up extra hours",
    ),
]

NEAR_MISSES: list[tuple[str, str]] = [
    # nurses recording patients' vitals is patient data, whatever shift they are on
    ("healthcare", "Nurses on the night shift record vitals for each patient"),
    ("booking_reservations", "book a meeting room for my team"),
    # a team's booking links are customers booking time with staff, not staff rotas
    (
        "booking_reservations",
        "team scheduling links like Calendly so clients can book calls with our sales reps",
    ),
    ("booking_reservations", "restaurant table reservations with waitlist"),
    ("social_network", "the app should let users schedule posts to Instagram"),
]

test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


def test_a_shift_key_or_a_sports_roster_is_not_a_rota():
    for prompt in (
        "a keyboard shortcut app where Shift+Enter sends a message",
        "fantasy football app where users manage their team roster",
    ):
        signals = generate(prompt).signals
        assert signals.product.archetype.value != "workforce_scheduling", prompt


def test_the_scheduling_document_models_shifts_assignments_and_hours():
    doc = generate("employee scheduling app for 40 retail stores with shift swaps and clock-in")
    assert doc.verification.passed
    tables = {t.name for t in doc.schema_.tables}
    assert {"shifts", "shift_assignments", "time_off_requests", "clock_events", "timesheets"} <= (
        tables
    )
    # one person per shift once: the pair is unique in the DDL the gate parsed
    assignments = next(t for t in doc.schema_.tables if t.name == "shift_assignments")
    assert any(set(c) == {"shift_id", "user_id"} for c in assignments.unique_together), (
        assignments.unique_together
    )
    paths = {(e.method, e.path) for e in doc.api.endpoints}
    assert ("POST", "/v1/shifts/{shift_id}/claim") in paths
    assert ("POST", "/v1/clock-events") in paths
    # staff rotas hold personal data, not health data
    assert doc.signals.data.sensitivity.value == "pii"
