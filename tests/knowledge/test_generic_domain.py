"""The generic fallback: a real domain model from the prompt's nouns and verbs, never empty,
always valid identifiers, and sound by the same linter as the hand-written archetypes."""

from __future__ import annotations

import re

import pytest

from archwright.intake.generic import generic_domain, plural, singular
from archwright.models.domain import DomainModel
from archwright.models.knowledge import domain_problems

IDENT = re.compile(r"^[a-z][a-z0-9_]*$")

HOSTILE = [
    "",
    "   \n\t  ",
    "🚀🚀🚀 🦄",
    "我想做一个应用，用户可以分享照片",
    "'; DROP TABLE users; -- SELECT * FROM passwords WHERE 1=1",
    "<script>alert('x')</script> <img src=x onerror=alert(1)>",
    'graph TD; A-->B %% "quotes" `backticks` {{braces}} [[links]]',
    "x" * 2000,
    ("telescope " * 400).strip(),
    "Ein Portal für Bienenzüchter: Völker, Königinnen und Honigernten verwalten",
    "Ça marche: réservations de vélos électriques à Montréal",
    "users users users users",
    "a b c d e f g 1 2 3 4 5 !!! ??? ...",
    "id created_at updated_at deleted_at owner_id user_id",
    "\x00\x01\x02 null bytes and \u202e right-to-left override",
]


def _sound(d: DomainModel) -> list[str]:
    return domain_problems(d.entities, d.endpoints, d.roles, d.default_role, d.jobs, d.metrics)


def _names(d: DomainModel) -> list[str]:
    return [e.name for e in d.entities]


def test_telescope_rentals_example():
    d = generic_domain("a marketplace for renting telescopes to astronomy clubs")
    assert d.archetype == "generic" and d.source == "generic"
    assert {"user", "telescope", "club", "rental"} <= set(_names(d))
    rental = d.entity("rental")
    assert rental is not None
    targets = {r.target for r in rental.relations}
    assert {"user", "telescope"} <= targets
    assert rental.owner_field == "user_id"
    # renting is paid and happens over a period
    types = {f.name: f.type for f in rental.fields}
    assert types["amount"] == "money"
    assert types["starts_at"] == "timestamp"
    assert any(ep.money for ep in d.endpoints if ep.entity == "rental")
    assert _sound(d) == []


def test_of_and_for_link_entities():
    d = generic_domain("Track the vaccination records of dogs for animal shelters")
    record = d.entity("vaccination_record")  # "vaccination" names the kind of record
    assert record is not None
    assert "dog" in {r.target for r in record.relations}


def test_users_can_verb_noun_adds_an_action():
    d = generic_domain("A hobby site where users can pledge meals and volunteers can cook dinners")
    paths = {ep.path for ep in d.endpoints if ep.action == "action"}
    assert "/meals/{meal_id}/pledge" in paths
    assert "meal:pledge" in next(r for r in d.roles if r.name == "user").permissions


def test_people_words_fold_into_user():
    d = generic_domain("Customers and members share recipes with other people")
    names = _names(d)
    assert names.count("user") == 1
    assert not {"customer", "member", "person", "people"} & set(names)
    assert "recipe" in names


def test_full_shape_of_the_model():
    d = generic_domain("An app where beekeepers log hive inspections and honey harvests")
    names = _names(d)
    assert names[0] == "user" and 2 <= len(names) <= 6
    assert {"inspection", "harvest"} <= set(names)
    # CRUD for every product entity, every list paginated
    for e in d.entities[1:]:
        methods = {(ep.method, ep.path) for ep in d.endpoints if ep.entity == e.name}
        seg = plural(e.name).replace("_", "-")
        assert ("POST", f"/{seg}") in methods
        assert ("GET", f"/{seg}") in methods
        assert ("GET", f"/{seg}/{{{e.name}_id}}") in methods
    assert all(ep.pagination for ep in d.endpoints if ep.action == "list")
    assert {r.name for r in d.roles} == {"user", "admin"} and d.default_role == "user"
    assert len(d.metrics) >= 3
    assert "inspections_created_total" in {m.name for m in d.metrics}
    assert any(j.trigger == "inspection.created" for j in d.jobs)
    assert _sound(d) == []


@pytest.mark.parametrize("prompt", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_prompts_give_valid_non_empty_models(prompt):
    d = generic_domain(prompt)
    assert len(d.entities) >= 2 and d.entities[0].name == "user"
    for e in d.entities:
        assert IDENT.match(e.name) and IDENT.match(e.plural), e.name
        assert len(e.name) <= 40
        for f in e.fields:
            assert IDENT.match(f.name)
        # user text never leaks into prose: only sanitized words are used
        assert "<" not in e.description and "'" not in e.description
    for m in d.metrics:
        assert IDENT.match(m.name)
    for j in d.jobs:
        assert re.match(r"^[a-z][a-z0-9_.]*$", j.name)
    assert _sound(d) == []
    # the model survives a JSON round trip unchanged
    assert DomainModel.model_validate_json(d.model_dump_json()) == d


def test_nothing_usable_falls_back_to_item():
    d = generic_domain("'; DROP TABLE users; --")
    assert _names(d) == ["user", "item"]
    d = generic_domain("我想做一个应用")
    assert _names(d) == ["user", "item"]


def test_names_are_deduplicated():
    d = generic_domain("bikes bike Bikes BIKES bike's bikes, and more bikes for bike riders")
    names = _names(d)
    assert len(names) == len(set(names))
    assert len({e.plural for e in d.entities}) == len(names)


def test_deterministic():
    p = "a platform for booking yoga classes with instructors, paid by card"
    assert generic_domain(p).model_dump() == generic_domain(p).model_dump()


def test_no_money_no_money_fields():
    d = generic_domain("a reading list of books and authors for a book club")
    assert not any(f.type == "money" for e in d.entities for f in e.fields)
    assert not any(ep.money for ep in d.endpoints)
    assert "Stripe" not in d.third_parties


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("telescopes", "telescope"),
        ("companies", "company"),
        ("boxes", "box"),
        ("churches", "church"),
        ("people", "person"),
        ("children", "child"),
        ("shelves", "shelf"),
        ("status", "status"),
        ("class", "class"),
        ("analysis", "analysis"),
        ("bus", "bus"),
        ("heroes", "hero"),
    ],
)
def test_singular(word, expected):
    assert singular(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("telescope", "telescopes"),
        ("company", "companies"),
        ("box", "boxes"),
        ("class", "classes"),
        ("day", "days"),
        ("person", "people"),
        ("child", "children"),
    ],
)
def test_plural(word, expected):
    assert plural(word) == expected


def test_vendor_names_and_sign_in_phrases_are_not_entities():
    d = generic_domain(
        "Members sign in with Auth0 and log in to see their badges; emails via Postmark"
    )
    names = {e.name for e in d.entities}
    assert "badge" in names
    assert not names & {"auth", "auth0", "postmark", "sign", "log"}, names


def test_location_of_an_owned_thing_is_personal_data():
    d = generic_domain("Owners list their kayaks at a location near the lake for rent")
    located = [(e.name, f) for e in d.entities for f in e.fields if f.type == "geo_point"]
    assert located and all(f.pii for _, f in located), located


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # a list item is its own noun: the comma ends it, it does not modify the next word
        (
            "An app for community gardens: members reserve plots, log harvests, swap seeds "
            "and sign up for watering shifts.",
            {"plot", "harvest"},
        ),
        (
            "A church app: members, small groups, donations, event sign-ups and sermon archives.",
            {"group"},
        ),
        ("Library app: patrons borrow books, place holds, pay late fees.", {"book"}),
        ("Couples manage guests, vendors, budgets and seating charts.", {"guest", "vendor"}),
    ],
)
def test_list_items_separated_by_commas_are_entities(prompt, expected):
    names = set(_names(generic_domain(prompt)))
    assert expected <= names, names


def test_a_vague_head_noun_takes_its_modifier():
    d = generic_domain("Software for a vet practice: pet records, vaccination reminders, invoices.")
    names = set(_names(d))
    assert {"pet_record", "vaccination_reminder", "invoice"} <= names
    assert not names & {"record", "reminder", "pet", "vaccination"}, names


def test_hyphenated_and_plural_account_phrases_and_process_words_are_not_entities():
    d = generic_domain("Church management: event sign-ups, member check-ins and log-ins, donations")
    names = set(_names(d))
    assert not names & {"up", "ups", "in", "ins", "sign", "check", "log", "management"}, names
    assert "event" in names


def test_pay_is_a_transaction_not_a_thing():
    d = generic_domain("Parents pay for school lunches and kids collect their meals")
    names = set(_names(d))
    assert "pay" not in names
    assert "payment" in names


def test_people_the_prompt_makes_act_are_roles_not_tables():
    d = generic_domain(
        "Library app: patrons borrow books, place holds, pay late fees; librarians manage the "
        "catalog and shelves."
    )
    names = set(_names(d))
    roles = {r.name: r for r in d.roles}
    assert {"patron", "librarian", "admin"} <= set(roles)
    assert not names & {"patron", "librarian"}, names
    assert d.default_role == "patron"  # the first one named
    # librarians run the catalog for everyone; patrons only their own records
    assert {"catalog:update", "catalog:delete"} <= set(roles["librarian"].permissions)
    assert "catalog:delete" not in roles["patron"].permissions
    assert [p for p in roles["patron"].permissions if p.startswith("catalog:")] == ["catalog:read"]
    writes = {ep.role for ep in d.endpoints if ep.entity == "catalog" and ep.action != "list"}
    assert writes == {"librarian", None}  # reads are open to every role, writes to librarians
    assert all(
        ep.role == "librarian"
        for ep in d.endpoints
        if ep.entity == "catalog" and ep.action in ("create", "update", "delete")
    )
    user = d.entity("user")
    assert user is not None
    role_field = next(f for f in user.fields if f.name == "role")
    assert role_field.enum_values == ["patron", "librarian", "admin"]
    assert role_field.default == "patron"
    assert _sound(d) == []


def test_people_only_acted_on_stay_entities():
    d = generic_domain("Couples manage guests, vendors, budgets and seating charts.")
    assert {"guest", "vendor"} <= set(_names(d))
    assert "couple" in {r.name for r in d.roles}
    assert "couple" not in _names(d)


def test_users_acting_beside_named_people_keep_a_user_role():
    d = generic_domain("Volunteers can cook dinners and users can pledge meals")
    assert [r.name for r in d.roles] == ["volunteer", "user", "admin"]


@pytest.mark.parametrize(
    ("prompt", "absent"),
    [
        # product names written as such are integrations, not tables
        (
            "An API that takes invoices, extracts line items and syncs them to QuickBooks.",
            "quickbook",
        ),
        ("Track sales leads and push every won deal to HubSpot for the reps.", "hub_spot"),
        (
            "A tool where volunteers log river samples and we export them to Airtable weekly.",
            "airtable",
        ),
        # a third-person verb before an object pronoun is no noun ("pushes them")
        ("Members upload receipts and the app pushes them to the accountant.", "push"),
        ("Gardeners record harvests and the app emails it to the co-op.", "email"),
        # where the users live is context, not a table ("people in my town")
        ("Let people in my town swap books with each other and rate each swap.", "town"),
        ("Neighbours in our city lend ladders and drills to each other.", "city"),
        # "back office" names the kind of product
        ("A back office for our warehouse to log incoming shipments and pallets.", "office"),
    ],
)
def test_names_context_and_verbs_are_not_entities(prompt, absent):
    names = _names(generic_domain(prompt))
    assert absent not in names and not any(n.endswith(f"_{absent}") for n in names), names


def test_capitalised_common_nouns_are_still_entities():
    # a prompt written in title case keeps its nouns: capitals alone prove no product name
    names = _names(generic_domain("Build An App Where Beekeepers Track Hives And Honey Harvests"))
    assert "hive" in names


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Extract line items from supplier invoices and total them per cost center.", "line_item"),
        ("Cafe owners edit menu items and daily specials from a tablet.", "menu_item"),
    ],
)
def test_item_takes_its_modifier(prompt, expected):
    assert expected in _names(generic_domain(prompt))


def test_a_noun_before_a_relative_pronoun_stays():
    # "the reports it generates": a determiner before the noun makes it a noun, not a verb
    names = _names(generic_domain("Accountants review the reports it generates for each client."))
    assert "report" in names


def test_acronyms_name_technologies_but_plural_ones_are_records():
    names = _names(generic_domain("Scan paper receipts with OCR and keep SKUs for each store."))
    assert "ocr" not in names and any(n.startswith("sku") for n in names)
    # the thing uploaded is named by its upload ("invoice uploads")
    assert "invoice_upload" in _names(generic_domain("Accountants review PDF invoice uploads."))


@pytest.mark.parametrize(
    ("prompt", "noun", "participle"),
    [
        ("keep a list of vans leased to our drivers and their mileage", "van", "leased"),
        ("a register of permits issued to contractors, with expiry dates", "permit", "issued"),
        ("log parcels received at the front desk and notify the residents", "parcel", "received"),
        ("track the books lent to club members and when they are due back", "book", "lent"),
    ],
)
def test_a_participle_after_a_noun_qualifies_it(prompt, noun, participle):
    # "vans leased to drivers": the participle is no table, and the noun before it is no mere
    # modifier of it (it used to be dropped as "van leased")
    names = _names(generic_domain(prompt))
    assert noun in names and participle not in names, names
