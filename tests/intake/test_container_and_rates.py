"""Container archetypes over a named domain, and data volume from stated telemetry rates.

1. An internal tool or a multi-tenant SaaS says who uses a product and how it is deployed or
   sold, not what it is about. "An internal tool for HR to run quarterly performance reviews"
   got the internal tool's stand-in records/requests; "a multi-tenant SaaS for gyms to manage
   members and class schedules" got a stand-in ``project``. The domain now comes from another
   archetype the prompt matches, else from the nouns the prompt acts on, and the container keeps
   its traits (staff-only SSO and an audit log; tenants, seats and plans).
2. "200 vans, each sends a GPS fix every 10 seconds" was not read as a rate (the comma broke
   the phrase), and a stated rate sized a year of data at 1 KB a row whatever the row was.

Written before the fix; the held-out prompts use other words and nouns than the failing
examples. Near misses name a container, or a count and an interval, and must not change.
"""

from __future__ import annotations

from functools import cache

import pytest

from archwright.intake import extract
from archwright.models.domain import DomainModel
from archwright.models.signals import Signals

_STAND_INS = {"record", "request", "comment_note", "data_import"}


@cache
def _run(prompt: str) -> tuple[Signals, DomainModel]:
    return extract(prompt)


def _names(prompt: str) -> list[str]:
    return [e.name for e in _run(prompt)[1].entities]


# ---------------------------------------------------------------- internal tools
# (prompt, an entity the domain must bring, where it comes from in the evidence)
INTERNAL_DOMAINS = [
    # the two failing examples
    ("An internal tool for HR to run quarterly performance reviews", "review", "own nouns"),
    (
        "internal dashboard for our warehouse team to track stock levels and shipments",
        "stock_level",
        "inventory_warehouse",
    ),
    # held-out
    (
        "an admin dashboard for our ops team to manage warehouse stock and incoming shipments",
        "stock_item",
        "inventory_warehouse",
    ),
    (
        "back-office app our finance staff use to log vendor invoices and track payments",
        "invoice",
        "own nouns",
    ),
    # maintenance work orders have a model of their own (an in-house CMMS): the container keeps
    # the staff-only traits and takes its work orders and equipment from field_service
    (
        "internal portal for the facilities team to track maintenance work orders across our "
        "buildings",
        "work_order",
        "field_service",
    ),
    (
        "a back-office console for our sales agents to manage quotes and discounts",
        "quote",
        "own nouns",
    ),
]


@pytest.mark.parametrize(("prompt", "entity", "source"), INTERNAL_DOMAINS)
def test_internal_tool_takes_the_named_domain(prompt: str, entity: str, source: str) -> None:
    signals, domain = _run(prompt)
    names = [e.name for e in domain.entities]
    assert signals.product.archetype.value == "internal_tool"
    assert entity in names
    assert not _STAND_INS & set(names), names
    # the container's traits: staff-only SSO, an audit log, no sign-up, no passwords
    assert "audit_entry" in names
    paths = {ep.path for ep in domain.endpoints}
    assert "/auth/sso/callback" in paths
    assert not {"/auth/register", "/auth/signup"} & paths
    assert not any(f.name == "password_hash" for e in domain.entities for f in e.fields)
    assert any("audit_log:read" in r.permissions for r in domain.roles)
    assert signals.product.product_type.value == "internal_tool"
    assert signals.scale.launch_users.value == 200
    ev = signals.product.archetype.evidence
    assert ev.startswith("INFERRED: an internal tool")
    assert source in ev and "staff-only SSO access and audit log from internal_tool" in ev


def test_composed_evidence_names_both_sources() -> None:
    ev = _run("internal dashboard for our warehouse team to track stock levels and shipments")[
        0
    ].product.archetype.evidence
    assert "an internal tool for an inventory and warehouse management domain" in ev
    assert "entities from inventory_warehouse" in ev
    assert "“internal dashboard”" in ev
    # "for our warehouse team" says who uses it; the domain is named by "stock"
    assert "“warehouse”" not in ev and "“stock”" in ev


def test_frequency_words_are_no_domain() -> None:
    assert "quarterly" not in _names("An internal tool for HR to run quarterly performance reviews")


# ---------------------------------------------------------------- multi-tenant SaaS
TENANT_DOMAINS = [
    # a gym names the gym_management domain (its timetable is class sessions)
    ("multi-tenant SaaS for gyms to manage members and class schedules", "class_session"),
    # held-out
    ("B2B software where marketing agencies schedule their clients' campaigns", "campaign"),
    (
        "SaaS for yoga studios to manage memberships, class bookings and instructors, multi-tenant",
        "class_booking",
    ),
    # law firms' billable hours now name the time_billing domain: see test_archetype_review6.py
]


@pytest.mark.parametrize(("prompt", "entity"), TENANT_DOMAINS)
def test_tenant_saas_takes_the_named_domain(prompt: str, entity: str) -> None:
    signals, domain = _run(prompt)
    names = [e.name for e in domain.entities]
    assert signals.product.archetype.value == "b2b_saas"
    assert entity in names and "project" not in names
    # the tenancy traits stay: tenants, seats, plans and the tenant's audit log
    assert {"organization", "membership", "subscription", "audit_event"} <= set(names)
    own = domain.entity(entity)
    assert own is not None
    assert any(r.target == "organization" for r in own.relations)
    member = next(r for r in domain.roles if r.name == domain.default_role)
    assert any(p.startswith(f"{entity}:") for p in member.permissions)
    ev = signals.product.archetype.evidence
    assert ev.startswith("INFERRED: a multi-tenant SaaS")
    assert "tenant isolation, roles and plans from b2b_saas" in ev


# ---------------------------------------------------------------- near misses: container model
CONTAINER_ONLY = [
    # who uses the tool is no domain ("support team" is no helpdesk)
    ("an admin dashboard for our support team", "record"),
    ("internal tool used by our customer support team", "record"),
    ("Internal dashboard, without payments, nothing sensitive, avoid Kafka", "record"),
    ("internal tool to handle leave requests and expense approvals", "request"),
    ("a B2B SaaS starter", "project"),
    (
        "Multi-tenant platform for architecture firms: each firm gets its own workspace, "
        "per-seat billing and SSO",
        "project",
    ),
]


@pytest.mark.parametrize(("prompt", "stand_in"), CONTAINER_ONLY)
def test_no_domain_keeps_the_container_model(prompt: str, stand_in: str) -> None:
    signals, domain = _run(prompt)
    assert stand_in in [e.name for e in domain.entities]
    assert not signals.product.archetype.inferred
    assert domain.archetype == signals.product.archetype.value


def test_internal_admin_tool_without_domain_is_unchanged() -> None:
    signals, domain = _run("build an internal admin tool")
    assert signals.product.product_type.value == "internal_tool"
    # "internal admin tool" is the internal tool's own wording ("internal" + a word + "tool"):
    # its own model, as for "an internal tool", not a composition (it used to miss the
    # archetype and read "admin" as a generic entity)
    assert signals.product.archetype.value == "internal_tool"
    assert not signals.product.archetype.inferred
    assert domain.archetype == "internal_tool"
    assert "admin" not in [e.name for e in domain.entities]


# ---------------------------------------------------------------- stated telemetry rates
# (prompt, writes/s shown in the evidence, rows a year, volume)
RATES = [
    (
        "Track 200 delivery vans, each sends a GPS fix every 10 seconds",
        "20 writes/s",
        "630 M",
        "1gb_1tb",
    ),
    # held-out
    ("5,000 sensors reporting every minute", "83 writes/s", "2.6 B", "1gb_1tb"),
    ("each of our 300 trucks pings its location every 30 s", "10 writes/s", "320 M", "1gb_1tb"),
    ("50k smart meters send a reading every 15 minutes", "56 writes/s", "1.8 B", "1gb_1tb"),
    (
        "Our 1,200 scooters each report their position every 5 seconds",
        "240 writes/s",
        "7.6 B",
        "gt_1tb",
    ),
]


@pytest.mark.parametrize(("prompt", "rate", "rows", "volume"), RATES)
def test_stated_rate_drives_volume(prompt: str, rate: str, rows: str, volume: str) -> None:
    s = _run(prompt)[0]
    leaf = s.data.volume
    assert leaf.value == volume
    assert leaf.evidence.startswith("INFERRED: stated")
    assert rate in leaf.evidence
    assert f"{rows} rows × ~300 bytes per row" in leaf.evidence
    assert "365 days" in leaf.evidence
    assert s.behavior.write_intensity.score >= 3
    assert not s.behavior.write_intensity.inferred


def test_business_records_keep_a_larger_row() -> None:
    leaf = _run("our shop takes about 300 orders an hour at peak")[0].data.volume
    assert "~1,000 bytes per row" in leaf.evidence


NOT_RATES = [
    "We have 300 trucks and each is serviced every 6 months",
    "50 employees, we back up the database every 6 hours",
    "The 300 drivers take a break every 2 hours",
    "we have 500 users and the dashboard refreshes every 30 seconds",
]


@pytest.mark.parametrize("prompt", NOT_RATES)
def test_a_count_and_an_interval_is_no_rate(prompt: str) -> None:
    leaf = _run(prompt)[0].data.volume
    assert "writes/s" not in leaf.evidence
    assert leaf.value == "lt_1gb"
