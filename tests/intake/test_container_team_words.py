"""Product-type wording beside strong domain words.

"An internal tool for our warehouse staff to track inventory" is an internal tool (product
type ``internal_tool``, staff-only SSO and an audit log) over an inventory domain. The team's
name ("warehouse staff") sits inside the internal tool's own wording, which alone says only who
uses the tool ("for our support team" is no helpdesk), so the domain's weight was counted
without it: "inventory" alone (3) missed the threshold and the tool got the stand-in records or
a bare ``inventory`` entity. Now the team's name counts once the rest of the prompt names the
domain too.

Stated product type wins over the domain archetype's default whether the container or the
domain archetype wins (locked in below), but only wording the lexicon knew counted: "an internal
console", "an internal web app", "for the field crew" took the domain's ``saas``. The product
type's internal wording now matches the internal_tool container's ("internal" + one optional
word + a product noun, staff named by their trade).
"""

from __future__ import annotations

from functools import cache

import pytest

from archwright.intake import extract
from archwright.models.domain import DomainModel
from archwright.models.signals import Signals


@cache
def _run(prompt: str) -> tuple[Signals, DomainModel]:
    return extract(prompt)


# (prompt, the domain archetype whose entities the internal tool takes, an entity it brings)
TEAM_NAMES_THE_DOMAIN = [
    (
        "an internal app for our stockroom team to count inventory",
        "inventory_warehouse",
        "stock_item",
    ),
    (
        "a back-office dashboard for the warehouse team to reconcile inventory",
        "inventory_warehouse",
        "stock_level",
    ),
    (
        "an internal app for the customer service team to answer tickets",
        "helpdesk_support",
        "ticket",
    ),
]


@pytest.mark.parametrize(("prompt", "domain", "entity"), TEAM_NAMES_THE_DOMAIN)
def test_a_team_name_corroborates_the_domain(prompt: str, domain: str, entity: str) -> None:
    signals, model = _run(prompt)
    assert signals.product.archetype.value == "internal_tool"
    assert signals.product.product_type.value == "internal_tool"
    assert model.archetype == domain
    names = {e.name for e in model.entities}
    assert entity in names and "audit_entry" in names, names
    ev = signals.product.archetype.evidence
    assert f"entities from {domain}" in ev and "from internal_tool" in ev


# near misses: the team's name alone, or with a domain it does not name, names no domain
TEAM_ONLY = [
    ("an admin dashboard for our support team", "internal_tool"),
    ("an internal tool for our warehouse team to plan the summer party", "generic"),
    ("an internal tool for our support team to track laptop loans", "generic"),
]


@pytest.mark.parametrize(("prompt", "domain"), TEAM_ONLY)
def test_a_team_name_alone_names_no_domain(prompt: str, domain: str) -> None:
    signals, model = _run(prompt)
    assert signals.product.archetype.value == "internal_tool"
    assert signals.product.product_type.value == "internal_tool"
    assert model.archetype == domain


# lock-ins: (prompt, archetype, product type, domain model)
PRODUCT_TYPES = [
    # the container wins and composes the domain
    ("a multi-tenant SaaS for scheduling field crews", "b2b_saas", "saas", "field_service"),
    (
        "multi-tenant software that lets cleaning companies schedule their crews and jobs",
        "b2b_saas",
        "saas",
        "field_service",
    ),
    # the domain outweighs the container: the stated product type still holds
    (
        "an internal app where our nurses log patient handovers",
        "healthcare",
        "internal_tool",
        "healthcare",
    ),
    (
        "a B2B platform where HVAC companies dispatch technicians to service calls",
        "field_service",
        "saas",
        "field_service",
    ),
    (
        "an internal tool for our support team to book meeting rooms",
        "booking_reservations",
        "internal_tool",
        "booking_reservations",
    ),
]


@pytest.mark.parametrize(("prompt", "archetype", "ptype", "domain"), PRODUCT_TYPES)
def test_stated_product_type_holds_beside_domain_words(
    prompt: str, archetype: str, ptype: str, domain: str
) -> None:
    signals, model = _run(prompt)
    assert signals.product.archetype.value == archetype
    assert signals.product.product_type.value == ptype
    assert not signals.product.product_type.inferred  # stated, so quoted, not inferred
    assert model.archetype == domain


# "internal" before another product noun or with a word between ("internal console", "internal
# web app"), and staff named by their trade ("for the field crew", "for our support agents"),
# state an internal tool as surely as "internal tool" does: the product type was inferred from
# the domain archetype instead (helpdesk, field service: saas)
# (prompt, archetype, domain model)
STATED_INTERNAL = [
    (
        "an internal console for our support agents to work through open tickets",
        "internal_tool",
        "helpdesk_support",
    ),
    ("an internal web app for HR to run onboarding checklists", "internal_tool", "generic"),
    (
        "a dispatch board for the field crew to pick up repair jobs",
        "field_service",
        "field_service",
    ),
    ("an app for the whole team to share files", "file_storage", "file_storage"),
    # a shared fleet for one organisation's own people, not the public
    (
        "an e-bike sharing scheme for our hospital staff",
        "micromobility_sharing",
        "micromobility_sharing",
    ),
    (
        "bike share for the employees of our factory site",
        "micromobility_sharing",
        "micromobility_sharing",
    ),
]


@pytest.mark.parametrize(("prompt", "archetype", "domain"), STATED_INTERNAL)
def test_internal_wording_sets_the_product_type(prompt: str, archetype: str, domain: str) -> None:
    signals, model = _run(prompt)
    assert signals.product.product_type.value == "internal_tool"
    assert not signals.product.product_type.inferred
    assert signals.product.archetype.value == archetype
    assert model.archetype == domain


# near misses: other people's staff, teams as customers, "internal" before no product noun
NOT_INTERNAL = [
    ("a booking site for travel agents", "saas"),
    ("a platform for teams to plan sprints", "saas"),
    ("a helpdesk SaaS for small businesses", "saas"),
    ("improve internal customer service response times with a helpdesk", "saas"),
    ("a scooter sharing app for students in our city", "consumer_app"),
    ("A platform for the agents of independent travel agencies", "other"),
]


@pytest.mark.parametrize(("prompt", "ptype"), NOT_INTERNAL)
def test_no_internal_wording_keeps_the_product_type(prompt: str, ptype: str) -> None:
    assert _run(prompt)[0].product.product_type.value == ptype
