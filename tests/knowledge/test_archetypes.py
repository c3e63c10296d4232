"""Lint every archetype file: it loads, its references resolve, it follows the conventions the
later stages rely on, and it is specific to its product (no two archetypes share boilerplate)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from archwright import catalog
from archwright.models.knowledge import (
    Archetype,
    archetype_json_schema,
    archetype_problems,
)

KNOWLEDGE = Path(catalog.__file__).parent / "knowledge"
FOLDER = KNOWLEDGE / "archetypes"
SCHEMA_FILE = KNOWLEDGE / "archetype.schema.json"
FILES = sorted(FOLDER.glob("*.yaml"))
REGEN = (
    ".venv/bin/python -c 'import json; from archwright.models.knowledge import "
    "archetype_json_schema as s; print(json.dumps(s(), indent=2, sort_keys=True))' "
    "> src/archwright/knowledge/archetype.schema.json"
)

# The ids the intake corpus is labelled with; renaming one silently orphans its prompts.
REQUIRED_IDS = {
    "social_network",
    "marketplace",
    "ecommerce",
    "payments_fintech",
    "personal_finance",
    "insurance",
    "healthcare",
    "chat_messaging",
    "collaborative_editing",
    "iot_telemetry",
    "metrics_analytics",
    "b2b_saas",
    "internal_tool",
    "cms_publishing",
    "video_streaming",
    "ride_hailing_delivery",
    "booking_reservations",
    "education_lms",
    "multiplayer_game",
    "developer_platform_api",
    "url_shortener",
    "search_crawler",
    "dating",
    "ml_inference",
    "notification_service",
    "graph_data",
    "adtech_clickstream",
    "event_pipeline",
    "project_management",
    "job_board",
    "event_ticketing",
    "local_services",
    "uptime_monitoring",
    "real_estate",
    "helpdesk_support",
    "crm_sales",
    "inventory_warehouse",
    "file_storage",
    "fitness_tracking",
    "crowdfunding_donations",
}


def _load(path: Path) -> Archetype:
    return catalog.load_model(f"archetypes/{path.name}", Archetype)


def _score(a: Archetype, text: str) -> int:
    """The skeleton matcher's rule: sum the weights of the triggers found in the text."""
    low = text.lower()
    return sum(t.weight for t in a.triggers if re.search(rf"\b(?:{t.phrase})\b", low))


def test_every_required_archetype_exists():
    ids = {a.id for a in catalog.archetypes()}
    assert ids >= REQUIRED_IDS, sorted(REQUIRED_IDS - ids)
    assert len(ids) >= 25


def test_ids_unique_and_match_file_names():
    ids = [_load(p).id for p in FILES]
    assert len(ids) == len(set(ids))
    assert ids == [p.stem for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_archetype_file_is_sound(path: Path):
    a = _load(path)
    assert archetype_problems(a) == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_archetype_file_validates_against_the_json_schema(path: Path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(raw, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    first = path.read_text(encoding="utf-8").splitlines()[0]
    # editors (the YAML language server) pick the schema up from this modeline
    assert first == "# yaml-language-server: $schema=../archetype.schema.json"


def test_json_schema_file_is_in_step_with_the_model():
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert on_disk == archetype_json_schema(), f"regenerate it: {REGEN}"


def test_json_schema_rejects_what_the_model_rejects():
    raw = yaml.safe_load((FOLDER / "social_network.yaml").read_text(encoding="utf-8"))
    raw["defaults"]["read_intensity"]["score"] = 9
    raw["surprise"] = 1
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(raw))
    assert len(errors) >= 2


def test_each_archetype_wins_on_its_own_name():
    """Triggers discriminate: an archetype's own name scores it above every other archetype."""
    all_ = catalog.archetypes()
    for a in all_:
        mine = _score(a, a.name)
        rivals = {b.id: _score(b, a.name) for b in all_ if b.id != a.id}
        best = max(rivals, key=lambda k: rivals[k])
        assert mine > rivals[best], (a.id, a.name, mine, best, rivals[best])


@pytest.mark.parametrize(
    "prompt",
    [
        "We use Kafka, Grafana, Prometheus, Twilio, SendGrid, Neo4j, Elasticsearch and Redis.",
        "It needs to handle 10 million concurrent users but we have a $500/month budget.",
        "Skip the monitoring stuff, we'll add it later.",
        "Use PostgreSQL on AWS with Terraform, Docker and GitHub Actions; we log in with SSO.",
    ],
)
def test_technology_names_and_constraints_alone_pick_no_archetype(prompt):
    """Named tools and budgets are preferences, not products: no archetype may score a strong
    match on them, or every stack preference would drag the domain model along."""
    scores = {a.id: _score(a, prompt) for a in catalog.archetypes()}
    assert max(scores.values()) < 6, scores


def test_archetypes_are_product_specific():
    """Security and observability sections are built from roles, entities, jobs and metrics:
    two archetypes sharing them would produce boilerplate-identical sections."""
    all_ = catalog.archetypes()
    for a, b in itertools.combinations(all_, 2):
        pair = (a.id, b.id)
        ents_a = {e.name for e in a.entities} - {"user"}
        ents_b = {e.name for e in b.entities} - {"user"}
        overlap = len(ents_a & ents_b) / max(1, min(len(ents_a), len(ents_b)))
        assert overlap < 0.75, (pair, sorted(ents_a & ents_b))
        assert {m.name for m in a.metrics}.isdisjoint({m.name for m in b.metrics}), pair
        perms_a = {(r.name, tuple(r.permissions)) for r in a.roles}
        perms_b = {(r.name, tuple(r.permissions)) for r in b.roles}
        assert perms_a != perms_b, pair
        assert {j.name for j in a.jobs} != {j.name for j in b.jobs}, pair


def test_every_archetype_has_stakeholder_roles_and_an_operator():
    for a in catalog.archetypes():
        names = {r.name for r in a.roles}
        assert len(names) >= 2, a.id
        staff = {"admin", "support", "operator", "moderator", "owner"}
        assert any(n in staff or n.endswith("_admin") for n in names), (a.id, names)


def test_health_and_money_archetypes_mark_their_data():
    hc = catalog.archetype("healthcare")
    assert hc.defaults.sensitivity.value == "health"
    phi = [f"{e.name}.{f.name}" for e in hc.entities for f in e.fields if f.sensitive]
    assert len(phi) >= 3, phi
    pay = catalog.archetype("payments_fintech")
    assert pay.defaults.consistency.value == "strong"
    ledger = [e for e in pay.entities if e.append_only]
    assert ledger, "a payments domain needs an append-only ledger"
    assert any(f.type == "money" for e in ledger for f in e.fields)
    names = {e.name for e in pay.entities}
    assert {"account", "order", "position", "settlement"} <= names


def test_catalog_is_sorted_and_cached():
    first = catalog.archetypes()
    assert [a.id for a in first] == sorted(a.id for a in first)
    assert catalog.archetypes() is first


# --- the linter itself: each rule catches what it claims to ------------------------------------


def _social() -> dict:
    return yaml.safe_load((FOLDER / "social_network.yaml").read_text(encoding="utf-8"))


def _problems(mutate) -> list[str]:
    raw = _social()
    mutate(raw)
    return archetype_problems(Archetype.model_validate(raw))


def _entity(raw: dict, name: str) -> dict:
    return next(e for e in raw["entities"] if e["name"] == name)


def _endpoint(raw: dict, method: str, path: str) -> dict:
    return next(e for e in raw["endpoints"] if e["method"] == method and e["path"] == path)


def test_unmodified_example_is_clean():
    assert _problems(lambda raw: None) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda r: _entity(r, "post")["relations"][0].update(target="author"),
            "targets unknown entity 'author'",
        ),
        (lambda r: _entity(r, "post").update(owner_field="writer_id"), "owner_field 'writer_id'"),
        (
            lambda r: _entity(r, "like").update(unique_together=[["user_id", "poost_id"]]),
            "unique_together column 'poost_id'",
        ),
        (
            lambda r: _endpoint(r, "GET", "/feed").pop("pagination"),
            "list endpoint without pagination",
        ),
        (
            lambda r: _endpoint(r, "GET", "/feed").update(entity="story"),
            "unknown entity 'story'",
        ),
        (
            lambda r: _endpoint(r, "GET", "/posts/{post_id}").update(path="/posts/{id}"),
            "is not {entity_id}",
        ),
        (
            lambda r: _endpoint(r, "GET", "/posts/{post_id}").update(path="/posts/{story_id}"),
            "names no entity",
        ),
        (
            lambda r: _endpoint(r, "GET", "/posts/{post_id}").update(path="/v1/posts/{post_id}"),
            "no version prefix",
        ),
        (
            lambda r: _endpoint(r, "PATCH", "/users/me").update(body_fields=["bio", "age"]),
            "body field 'age'",
        ),
        (
            lambda r: _endpoint(r, "GET", "/feed").update(role="superuser"),
            "role 'superuser' is not defined",
        ),
        (lambda r: r.update(default_role="visitor"), "default_role 'visitor'"),
        (
            lambda r: r["endpoints"].append(dict(r["endpoints"][0])),
            "duplicate endpoint 'POST /auth/register'",
        ),
        (
            lambda r: _entity(r, "notification")["fields"][0].pop("enum_values"),
            "enum without enum_values",
        ),
        (
            lambda r: r["roles"][0]["permissions"].append("spaceship:fly"),
            "unknown resource 'spaceship'",
        ),
        (
            lambda r: r["roles"][0]["permissions"].append("post-create"),
            "is not resource:action",
        ),
        (
            lambda r: _entity(r, "post")["fields"].append(
                {"name": "price", "type": "decimal", "description": "Tip"}
            ),
            "looks like an amount of money",
        ),
        (
            lambda r: _entity(r, "post")["fields"].append(
                {"name": "tip_amount", "type": "money", "description": "Tip"}
            ),
            "no endpoint is marked money",
        ),
        (
            lambda r: _entity(r, "comment")["fields"].append(
                {"name": "ip", "type": "ip_address", "description": "Origin", "pii": True}
            ),
            "comment: holds PII but has no retention",
        ),
        (
            lambda r: _entity(r, "post")["fields"].append(
                {"name": "created_at", "type": "timestamp", "description": "dup"}
            ),
            "added by the schema stage",
        ),
        (
            lambda r: r["endpoints"].append(
                {
                    "method": "PATCH",
                    "path": "/likes/{like_id}",
                    "summary": "x",
                    "entity": "like",
                    "action": "update",
                }
            ),
            "append_only and cannot be updated",
        ),
        (lambda r: r["triggers"].append({"phrase": "apps?", "weight": 2}), "generic word 'app'"),
        (lambda r: r["triggers"].append({"phrase": "(", "weight": 2}), "not a regular expression"),
        (lambda r: r["triggers"].append({"phrase": "x?", "weight": 2}), "empty string"),
        (
            lambda r: _entity(r, "post").update(hot=False) or _entity(r, "user").update(hot=False),
            "no entity is marked hot",
        ),
    ],
)
def test_linter_catches(mutate, expected):
    problems = _problems(mutate)
    assert any(expected in p for p in problems), problems


def test_model_rejects_unknown_keys_and_short_reasons():
    raw = _social()
    raw["defaults"]["consistency"]["reason"] = "because"
    with pytest.raises(ValueError, match="at least 10 characters"):
        Archetype.model_validate(raw)
    raw = _social()
    raw["entities"][0]["colour"] = "blue"
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        Archetype.model_validate(raw)


# --- the JSON bundle that makes loading fast ---------------------------------------------------


def test_shipped_bundle_is_current():
    on_disk = (KNOWLEDGE / catalog.ARCHETYPE_BUNDLE).read_text(encoding="utf-8")
    assert on_disk == catalog.build_archetype_bundle(), (
        "an archetype file changed: regenerate with `.venv/bin/python -m archwright.catalog`"
    )


def test_stale_bundle_entry_falls_back_to_the_yaml(monkeypatch):
    """A bundle entry whose hash does not match its file is ignored, never trusted."""
    fresh = json.loads(catalog.build_archetype_bundle())["files"]
    stale = json.loads(json.dumps(fresh))
    stale["social_network.yaml"]["data"]["name"] = "Stale name"
    stale["social_network.yaml"]["sha256"] = "0" * 64
    monkeypatch.setattr(
        catalog, "_bundle", lambda: catalog._Bundle.model_validate({"files": stale}).files
    )
    catalog.archetypes.cache_clear()
    try:
        assert catalog.archetype("social_network").name == "Social network"
        stale["social_network.yaml"]["sha256"] = fresh["social_network.yaml"]["sha256"]
        catalog.archetypes.cache_clear()
        # with a matching hash the bundle is used: proof the fast path is the one taken
        assert catalog.archetype("social_network").name == "Stale name"
    finally:
        catalog.archetypes.cache_clear()
