"""Generic domain: verbs of relative clauses and infinitives, and compound person nouns.

1. The word right after "that", "which" or "who" is the clause's verb far more often than a
   noun: "a service that matches volunteers to shifts" made a ``match`` entity, "a tool that
   flags late payments" a ``flag``. A clause with its own subject ("the orders that customers
   place") keeps its nouns and its verb after that subject is no entity either; a plural noun
   after a plural antecedent is such a subject (its verb would have no -s). After "for PEOPLE
   to" / "PEOPLE to" the base form is an infinitive ("for nurses to flag cases").
2. A person noun keeps the noun (or the field adjective) that says which people they are:
   "case workers", "delivery drivers", "social workers" were bare ``worker``/``driver``. Not
   where the word before is a verb ("teachers message parents", "match mentors to mentees") or
   an adjective that only describes ("local drivers").

Written before the fix; the prompts use other words and nouns than the failing examples.
Near misses must not change.
"""

from __future__ import annotations

import pytest

from archwright.intake.generic import generic_domain


def _entities(prompt: str) -> set[str]:
    return {e.name for e in generic_domain(prompt).entities}


def _roles(prompt: str) -> set[str]:
    return {r.name for r in generic_domain(prompt).roles}


# (prompt, names that must not be entities, entities that must stay)
CLAUSE_VERBS = [
    # subject relatives: the word after the pronoun is the verb
    ("a widget that ranks local bakeries by freshness", {"rank"}, {"bakery"}),
    ("a bot that tags incoming invoices", {"tag"}, {"invoice"}),
    ("a dashboard which charts monthly sales per branch", {"chart"}, {"branch"}),
    ("a bot that also drafts quick replies to reviews", {"draft"}, {"reply"}),
    # a transaction verb there is a transaction, not a thing
    ("a kiosk which books squash courts", {"book"}, {"court", "booking"}),
    # object relatives: the clause has its own subject; its verb is no entity
    ("a catalogue of the quilts that members stitch", {"stitch"}, {"quilt"}),
    ("track the cakes which our bakers decorate", {"decorate"}, {"cake"}),
    ("a list of the songs that the choir rehearses", {"rehearse", "rehears"}, {"song"}),
    ("keep the pastries we bake each morning", {"bake"}, {"pastry"}),
    # plural antecedent, plural word: a subject, since its verb would have no -s
    ("track the trophies that clubs award yearly", {"award"}, {"trophy"}),
    ("the mugs that potters glaze", {"glaze"}, {"mug"}),
    # infinitives after "for PEOPLE to" and "PEOPLE to"
    ("a way for volunteers to claim shifts", {"claim", "claim_shift"}, {"shift"}),
    ("a portal for tenants to log repair requests", {"log"}, {"repair"}),
    ("a list for hikers to plan weekly routes", {"plan"}, {"route"}),
    ("a hub for makers to chart knitting patterns", {"chart"}, {"pattern"}),
]


@pytest.mark.parametrize(("prompt", "absent", "present"), CLAUSE_VERBS)
def test_clause_verbs_are_no_entities(prompt: str, absent: set[str], present: set[str]) -> None:
    names = _entities(prompt)
    assert not names & absent, (prompt, names)
    assert present <= names, (prompt, names)


def test_a_clause_verb_becomes_an_action_on_its_object() -> None:
    d = generic_domain("a bot that tags incoming invoices")
    assert "/invoices/{invoice_id}/tag" in {ep.path for ep in d.endpoints}


# near misses: nouns after a pronoun that is no relative, "to" as a preposition
KEPT = [
    ("make sure that invoices are paid on time", {"invoice"}),
    ("users pick a slot and that slot is held for an hour", {"slot"}),
    ("decide which volunteers get which shifts", {"shift"}),
    ("send reminders to patients before visits", {"reminder", "visit"}),
    ("move boxes to storage units", {"box"}),
    ("Accountants review the reports it generates for each client.", {"report"}),
    ("a registry of plants that gardeners swap", {"plant"}),
]


@pytest.mark.parametrize(("prompt", "present"), KEPT)
def test_nouns_near_pronouns_and_to_stay(prompt: str, present: set[str]) -> None:
    names = _entities(prompt)
    assert present <= names, (prompt, names)


def test_sure_is_no_entity() -> None:
    assert "sure" not in _entities("make sure that invoices are paid on time")


# (prompt, role or entity the compound names, the bare head that must not appear)
COMPOUNDS = [
    ("an app for lab technicians to log sample results", "lab_technician", "technician"),
    ("a rota where care workers pick up home visits", "care_worker", "worker"),
    ("a portal for school counsellors to book parent meetings", "school_counsellor", "counsellor"),
    # a field adjective names the trade too
    (
        "a tool for clinical pharmacists to review prescriptions",
        "clinical_pharmacist",
        "pharmacist",
    ),
    ("a caseload app where social workers can record home visits", "social_worker", "worker"),
    # at a clause's start, and as a label before a colon
    ("Delivery drivers log fuel stops and tolls", "delivery_driver", "driver"),
    ("Field technicians: log every repair", "field_technician", "technician"),
]


@pytest.mark.parametrize(("prompt", "compound", "bare"), COMPOUNDS)
def test_compound_person_nouns_keep_their_modifier(prompt: str, compound: str, bare: str) -> None:
    names = _entities(prompt) | _roles(prompt)
    assert compound in names, (prompt, names)
    assert bare not in names, (prompt, names)


def test_people_acted_on_keep_the_compound_as_an_entity() -> None:
    d = generic_domain("families rate the dog walkers they hire")
    names = {e.name for e in d.entities}
    assert "dog_walker" in names and "walker" not in names and "dog" not in names, names


def test_a_later_bare_mention_is_the_same_people() -> None:
    roles = _roles("an app for delivery drivers; drivers log fuel stops")
    assert "delivery_driver" in roles and "driver" not in roles, roles


# near misses: single nouns unchanged; a verb or a describing adjective before people
NOT_COMPOUNDS = [
    ("an app where local drivers can offer lifts to the stadium", "driver", "local_driver"),
    ("teachers message parents about homework", "parent", "message_parent"),
    ("we coach volunteers every weekend", "volunteer", "coach_volunteer"),
    ("match mentors to mentees", "mentor", "match_mentor"),
    ("Schedule nurses across wards", "nurse", "schedule_nurse"),
    ("a booking site for tutors", "tutor", "booking_tutor"),
    ("volunteer drivers deliver meals to seniors", "driver", "volunteer_driver"),
    # after "and" with no people before it, the word is a second verb
    ("cameras read plates and bill drivers", "driver", "bill_driver"),
    # a number counts the people, it does not say which they are
    ("We're two founders building an MVP with a microservices backend", "founder", "two_founder"),
    ("a rota for our three nurses on the night ward", "nurse", "three_nurse"),
    ("a dozen volunteers sort donated clothes", "volunteer", "dozen_volunteer"),
]


@pytest.mark.parametrize(("prompt", "kept", "compound"), NOT_COMPOUNDS)
def test_no_compound_where_the_word_before_is_no_kind(
    prompt: str, kept: str, compound: str
) -> None:
    names = _entities(prompt) | _roles(prompt)
    assert kept in names and compound not in names, (prompt, names)
