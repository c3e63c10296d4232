"""The merge rules on crafted proposals: the model proposes, the rules dispose."""

from __future__ import annotations

import pytest

from archwright.intake.generic import generic_domain
from archwright.llm.merge import (
    ProposalError,
    check_domain,
    check_signals,
    merge_domain,
    merge_signals,
    parse_json_object,
    quote_in_prompt,
    slugify,
)
from factories import set_field, signals_with

PROMPT = "A marketplace for renting telescopes to astronomy clubs. We are 3 founders; card payments via Stripe."


def leaf(value, explicit=False, evidence="industry convention"):
    return {"value": value, "explicit": explicit, "evidence": evidence}


def test_parse_json_object_accepts_fenced_json_and_rejects_the_rest():
    assert parse_json_object('```json\n{"a": 1}\n```') == {"a": 1}
    with pytest.raises(ProposalError, match="not valid JSON"):
        parse_json_object("Sure! Here is the JSON: {")
    with pytest.raises(ProposalError, match="JSON object"):
        parse_json_object("[1, 2]")


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("renting telescopes", True),
        ("RENTING   Telescopes", True),  # case and spacing do not matter
        ("\u201cWe are 3 founders\u201d", True),  # typographic quotes around a real quote
        ("...card payments via Stripe.", True),
        ("renting microscopes", False),
        ("a", False),  # too short to mean anything
    ],
)
def test_quote_in_prompt(quote, found):
    assert quote_in_prompt(quote, PROMPT) is found


def test_enum_near_misses_are_normalised_and_wrong_enums_rejected():
    raw = {
        "data": {
            "relationships": leaf("Highly Relational"),
            "sensitivity": leaf("top_secret"),
        },
        "product": {"team_size": leaf("2\u20135", True, "We are 3 founders")},
    }
    check = check_signals(raw, PROMPT)
    values = {f.path: f.value for f in check.fields}
    assert values["data.relationships"] == "highly_relational"
    assert values["product.team_size"] == "2-5"
    assert "data.sensitivity" not in values
    assert any(e.startswith("data.sensitivity:") for e in check.errors)


def test_explicit_quote_not_in_prompt_is_downgraded_with_a_note():
    raw = {"scale": {"geo_distribution": leaf("global", True, "users on every continent")}}
    check = check_signals(raw, PROMPT)
    (f,) = check.fields
    assert f.explicit is False and f.value == "global"
    assert check.notes and "not in the prompt" in check.notes[0]
    assert check.errors == []


def test_unknown_fields_and_the_archetype_are_not_proposable():
    raw = {"product": {"archetype": leaf("telescopes")}, "vibes": {}, "data": {"mood": leaf("x")}}
    check = check_signals(raw, PROMPT)
    assert check.fields == []
    assert len(check.errors) == 3


def test_explicit_rule_findings_win_and_inferred_ones_are_filled():
    rules = signals_with(PROMPT)
    rules = set_field(rules, "data.sensitivity", "financial")  # explicit, as a rule finding
    assert rules.scale.geo_distribution.inferred
    other_geo = "global" if rules.scale.geo_distribution.value != "global" else "multi_region"
    raw = {
        "data": {"sensitivity": leaf("none", True, "renting telescopes")},
        "scale": {"geo_distribution": leaf(other_geo, False, "clubs exist in many countries")},
    }
    merged, notes, accepted = merge_signals(rules, check_signals(raw, PROMPT), source="test:model")
    assert merged.data.sensitivity.value == "financial"
    assert not merged.data.sensitivity.inferred
    assert any("data.sensitivity" in n and "stands" in n for n in notes)
    assert merged.scale.geo_distribution.value == other_geo
    assert merged.scale.geo_distribution.inferred
    assert "proposed by test:model" in merged.scale.geo_distribution.evidence
    assert accepted == ["scale.geo_distribution"]


def test_protected_fields_are_never_touched():
    rules = signals_with(PROMPT)
    raw = {"scale": {"growth": leaf("exponential")}}
    protected = frozenset({"scale.growth"})
    merged, _, accepted = merge_signals(
        rules, check_signals(raw, PROMPT), source="m", protected=protected
    )
    assert merged.scale.growth == rules.scale.growth and accepted == []


def as_inferred(signals, path, value):
    """``signals`` with ``path`` set to an inferred ``value`` (whatever the rules found)."""
    section, name = path.split(".")
    group = getattr(signals, section)
    leaf = type(getattr(group, name))(value=value, inferred=True, evidence="INFERRED: test")
    return signals.model_copy(update={section: group.model_copy(update={name: leaf})})


def test_a_verified_quote_makes_the_field_explicit_and_scores_carry_implications():
    rules = as_inferred(signals_with(PROMPT), "integration.third_party_services", [])
    assert rules.behavior.write_intensity.inferred
    new_score = 5 if rules.behavior.write_intensity.score != 5 else 4
    raw = {
        "behavior": {
            "write_intensity": {
                "score": new_score,
                "explicit": True,
                "evidence": "renting telescopes",
                "implication": "bookings are frequent writes",
            }
        },
        "integration": {
            "third_party_services": leaf(["Stripe", "stripe", " "], True, "via Stripe")
        },
    }
    merged, _, accepted = merge_signals(rules, check_signals(raw, PROMPT), source="m")
    w = merged.behavior.write_intensity
    assert (w.score, w.inferred, w.evidence, w.implication) == (
        new_score,
        False,
        "renting telescopes",
        "bookings are frequent writes",
    )
    assert merged.integration.third_party_services.value == ["Stripe"]
    # Stage 1 already quotes "Stripe" from the prompt, so the model only confirms that field
    expected = {"behavior.write_intensity"}
    if rules.integration.third_party_services.value != ["Stripe"]:
        expected.add("integration.third_party_services")
    assert set(accepted) == expected


def test_out_of_range_scores_are_errors():
    raw = {"behavior": {"read_intensity": {"score": 9, "explicit": False, "evidence": "x"}}}
    check = check_signals(raw, PROMPT)
    assert check.fields == [] and "behavior.read_intensity" in check.errors[0]


@pytest.mark.parametrize(
    ("raw", "slug"),
    [
        ("Telescope Rental!", "telescope_rental"),
        ("telescopeRental", "telescope_rental"),
        ("3d-print", "item_3d_print"),
        ("Télescope", "telescope"),
        ('"; DROP TABLE users; --', "drop_table_users"),
        ("", "item"),
        ("x" * 200, "x" * 63),
    ],
)
def test_slugify(raw, slug):
    assert slugify(raw) == slug


TELESCOPE_DOMAIN = {
    "entities": [
        {
            "name": "User",
            "plural": "users",
            "description": "A club member",
            "fields": [
                {"name": "id", "type": "uuid", "description": "pk"},
                {
                    "name": "Email",
                    "type": "email",
                    "description": "login",
                    "pii": True,
                    "unique": True,
                },
            ],
        },
        {
            "name": "Astronomy Club",
            "description": "A club",
            "fields": [
                {"name": "name", "type": "varchar", "description": "Club name"},
            ],
            "relations": [{"target": "user", "field": "owner_id", "label": "owns"}],
            "owner_field": "owner_id",
        },
        {
            "name": "telescope",
            "plural": "telescopes",
            "description": "A rentable telescope",
            "fields": [
                {"name": "aperture_mm", "type": "int", "description": "Aperture"},
                {"name": "daily_price", "type": "money", "description": "Price per day"},
                {
                    "name": "kind",
                    "type": "enum",
                    "description": "Optics",
                    "enum_values": ["Refractor", "reflector"],
                },
                {"name": "weird", "type": "hologram", "description": "?"},
            ],
            "relations": [{"target": "user", "field": "owner_id", "label": "lists"}],
            "owner_field": "owner_id",
        },
        {
            "name": "rental",
            "plural": "rentals",
            "description": "A booking",
            "fields": [
                {"name": "starts_on", "type": "date", "description": "Start"},
                {"name": "club_id", "type": "uuid", "description": "dup of the relation"},
            ],
            "relations": [
                {"target": "astronomy_club", "field": "club_id", "label": "books"},
                {"target": "telescope", "field": "telescope_id", "label": "reserves"},
                {"target": "spaceship", "field": "ship_id", "label": "?"},
            ],
            "unique_together": [["telescope_id", "starts_on"], ["nope"]],
        },
        {"name": "telescope", "description": "duplicate"},
    ],
    "endpoints": [
        {
            "method": "post",
            "path": "/v1/auth/register",
            "summary": "Sign up",
            "entity": "user",
            "action": "auth",
            "auth": "public",
        },
        {
            "method": "GET",
            "path": "/telescopes",
            "summary": "Browse",
            "entity": "telescope",
            "action": "list",
        },
        {
            "method": "POST",
            "path": "/telescopes/:telescopeId/rentals",
            "summary": "Rent",
            "entity": "rental",
            "action": "create",
            "money": True,
            "role": "member",
        },
        {
            "method": "GET",
            "path": "/telescopes",
            "summary": "dup",
            "entity": "telescope",
            "action": "list",
        },
        {"method": "FETCH", "path": "/x", "summary": "bad", "action": "read"},
        {
            "method": "GET",
            "path": "/planets",
            "summary": "unknown entity",
            "entity": "planet",
            "action": "list",
        },
    ],
    "roles": [
        {
            "name": "Member",
            "description": "Club member",
            "permissions": ["telescope:read", "rental:create:own", "bad perm with spaces:x:y:z"],
        },
        {"name": "admin", "description": "Ops", "permissions": []},
    ],
    "default_role": "member",
    "metrics": [{"name": "Rentals Created Total", "type": "counter", "description": "Rentals"}],
}


def test_check_domain_sanitizes_into_a_consistent_model():
    check = check_domain(TELESCOPE_DOMAIN)
    assert check.errors == []
    d = check.domain
    assert d is not None and d.source == "llm"
    assert [e.name for e in d.entities] == ["user", "astronomy_club", "telescope", "rental"]
    user = d.entity("user")
    assert [f.name for f in user.fields] == ["email"]  # id is the schema stage's
    club = d.entity("astronomy_club")
    assert club.plural == "astronomy_clubs" and club.fields[0].type == "string"
    tel = d.entity("telescope")
    assert {f.name: f.type for f in tel.fields} == {
        "aperture_mm": "integer",
        "daily_price": "money",
        "kind": "enum",
    }
    assert tel.fields[2].enum_values == ["refractor", "reflector"]
    rental = d.entity("rental")
    assert [r.target for r in rental.relations] == ["astronomy_club", "telescope"]
    assert [f.name for f in rental.fields] == ["starts_on"]  # club_id comes from the relation
    assert rental.unique_together == [["telescope_id", "starts_on"]]
    routes = [(e.method, e.path) for e in d.endpoints]
    assert routes == [
        ("POST", "/auth/register"),
        ("GET", "/telescopes"),
        ("POST", "/telescopes/{telescope_id}/rentals"),
        ("GET", "/planets"),
    ]
    assert d.endpoints[1].pagination == "cursor"
    assert d.endpoints[2].role == "member"
    assert d.endpoints[3].entity is None
    assert [r.name for r in d.roles] == ["member"]  # admin had no valid permission
    assert d.default_role == "member"
    assert d.metrics[0].name == "rentals_created_total"
    assert any("weird" in n for n in check.notes)
    assert any("spaceship" in n for n in check.notes)


def test_check_domain_without_usable_entities_or_endpoints_is_an_error():
    assert check_domain({"entities": []}).errors
    bad = check_domain(
        {"entities": [{"name": "a"}], "endpoints": [{"method": "NOPE", "path": "/"}]}
    )
    assert bad.domain is None and any("endpoints" in e for e in bad.errors)


def test_merge_domain_keeps_the_rules_archetype_and_three_metrics():
    rules = generic_domain("a telescope rental marketplace")
    proposal = check_domain(TELESCOPE_DOMAIN).domain
    merged = merge_domain(rules, proposal)
    assert merged.archetype == rules.archetype
    assert merged.source == "llm"
    assert len(merged.metrics) >= min(3, len(proposal.metrics) + len(rules.metrics))
    assert merged.entity("telescope") is not None


def test_secrets_money_and_personal_data_are_typed_by_the_rules():
    raw = {
        "entities": [
            {
                "name": "member",
                "description": "A club member",
                "fields": [
                    {"name": "password", "type": "string", "description": "Login password"},
                    {"name": "phone_number", "type": "string", "description": "Phone"},
                    {"name": "deposit_amount", "type": "decimal", "description": "Deposit"},
                    {"name": "total_count", "type": "integer", "description": "A count, not money"},
                ],
            }
        ],
        "endpoints": [{"method": "GET", "path": "/members", "summary": "List", "action": "list"}],
        "roles": [{"name": "member", "description": "m", "permissions": ["member:read"]}],
        "default_role": "member",
    }
    fields = {f.name: f for f in check_domain(raw).domain.entities[0].fields}
    assert "password" not in fields and fields["password_hash"].type == "string"
    assert fields["phone_number"].pii
    assert fields["deposit_amount"].type == "money"
    assert fields["total_count"].type == "integer"


def test_negative_or_absurd_numbers_are_errors():
    raw = {"scale": {"launch_users": leaf(-5), "peak_concurrent_users": leaf(10**15)}}
    check = check_signals(raw, PROMPT)
    assert check.fields == [] and len(check.errors) == 2
