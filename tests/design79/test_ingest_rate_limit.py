"""The per-key limit of machine ingestion endpoints follows the write rate Stage 1 read from the
prompt (devices × reporting frequency, with headroom, bounded), in the API contract and in the
security section alike; without a stated rate the default stays and is marked as assumed."""

from __future__ import annotations

import math

import pytest
import yaml

from archwright.api import generate
from archwright.design import costs
from archwright.design.ingest_limit import _round_up, ingest_limit, knowledge
from archwright.intake import extract
from archwright.intake.extract import stated_write_rate
from archwright.models.document import ArchitectureDocument
from archwright.render.files import render_files


def _tier(doc: ArchitectureDocument, name: str):
    return next((t for t in doc.security.rate_limiting.tiers if t.tier == name), None)


def _ingest_line(doc: ArchitectureDocument) -> str | None:
    return next((a for a in doc.scalability.cost_assumptions if "ingestion" in a), None)


def _machine_writes(doc: ArchitectureDocument):
    return [
        ep
        for ep in doc.api.endpoints
        if ep.rate_limit.scope == "api_key" and ep.method in ("POST", "PUT", "PATCH")
    ]


# held out: different senders, nouns, intervals and units from the report (10,000 sensors
# every 5 seconds); expected = writes/s × 60 × 2 headroom, rounded up to 2 significant figures
SIZED = [
    # 3,000 / 30 s = 100 writes/s -> 6,000/min -> 12,000
    (
        "Cold-chain monitoring: 3,000 refrigerated trailers transmit temperature every 30 seconds",
        12_000,
    ),
    # 2,000,000 / 900 s = 2,222/s -> 133,333/min -> 266,667 -> 270,000
    ("A smart-meter platform: 2 million meters report a reading every 15 minutes", 270_000),
    # 800/s -> 48,000/min -> 96,000
    ("Factory monitoring where 800 machines push vibration samples every second", 96_000),
    ("An IoT platform for 10,000 sensors each reporting every 5 seconds", 240_000),
]


@pytest.mark.parametrize(("prompt", "expected"), SIZED)
def test_a_stated_fleet_rate_sizes_the_ingestion_limit_per_key(prompt: str, expected: int):
    doc = generate(prompt)
    writes = _machine_writes(doc)
    assert writes, "the archetype has a machine ingestion endpoint"
    for ep in writes:
        assert ep.rate_limit.tier == "ingest"
        assert ep.rate_limit.requests == expected and ep.rate_limit.per == "minute"
    rate = stated_write_rate(doc.signals)
    assert rate is not None
    # never below what the whole stated fleet sends through one shared key
    assert expected >= rate.per_second * 60
    tier = _tier(doc, "ingest")
    assert tier is not None and tier.scope == "per API key"
    assert tier.limit.startswith(f"{expected} requests/minute per api key")
    assert rate.how in tier.limit and "headroom" in tier.limit and "shared" in tier.limit
    # the OpenAPI contract shows the same number the security section explains
    spec = yaml.safe_load(render_files(doc)["openapi.yaml"])
    sized = [
        op["x-rate-limit"]
        for item in spec["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and op.get("x-rate-limit", {}).get("tier") == "ingest"
    ]
    assert sized and all(x["requests"] == expected for x in sized)
    # Stage 8 states the same traffic beside its per-user tiers, from the same rate
    line = _ingest_line(doc)
    assert line is not None and rate.how in line
    steady = math.ceil(rate.per_second / costs.knowledge().assumptions.rps_per_app_instance)
    assert f"adds {steady} container" in line and f"{expected:,} requests/minute" in line


def test_a_fleet_beyond_one_keys_bound_is_capped_and_split():
    doc = generate("Fleet tracking: 40,000 vans each send a location every 5 seconds")
    k = knowledge()
    # 8,000 writes/s -> 480,000/min x 2 = 960,000: above the per-key bound of 600,000
    for ep in _machine_writes(doc):
        assert ep.rate_limit.tier == "ingest" and ep.rate_limit.requests == k.max_per_minute
    limit = _tier(doc, "ingest").limit
    assert "capped at 600,000" in limit and "at least 2 keys" in limit
    # the per-device alternative is stated: 12 reports a minute per van, 24 with headroom
    assert "24/minute per key" in limit


@pytest.mark.parametrize(
    "prompt",
    [
        # no rate stated: today's default, said to be assumed
        "A smart home hub app with thermostats and door sensors",
        "Telematics dashboard for a logistics company's trucks",
    ],
)
def test_without_a_stated_rate_the_default_stays_and_is_marked_assumed(prompt: str):
    doc = generate(prompt)
    writes = _machine_writes(doc)
    assert writes
    assert all(ep.rate_limit.tier == "partner" and ep.rate_limit.requests == 600 for ep in writes)
    assert _tier(doc, "ingest") is None
    limit = _tier(doc, "partner").limit
    assert limit.startswith("600 requests/minute per api key") and "assumed" in limit
    assert _ingest_line(doc) is None


def test_a_small_stated_fleet_keeps_the_default_and_says_it_fits():
    doc = generate("Fleet of 12 delivery vans sending their position every 60 seconds")
    writes = _machine_writes(doc)
    assert writes and all(ep.rate_limit.requests == 600 for ep in writes)
    limit = _tier(doc, "partner").limit
    assert "within the default" in limit and "assumed" not in limit
    assert _ingest_line(doc) is None


def test_a_stated_user_write_rate_without_machine_endpoints_changes_no_tier():
    # tweets are written by users (per-user tiers), not by keyed machine clients
    doc = generate("twitter clone that must absorb 100k tweets per second from 500 million users")
    assert _tier(doc, "ingest") is None
    assert not any(ep.rate_limit.tier == "ingest" for ep in doc.api.endpoints)
    assert _ingest_line(doc) is None


def test_the_rate_is_the_one_stage_1_sized_data_volume_from():
    s, _ = extract("An IoT platform for 10,000 sensors each reporting every 5 seconds")
    r = stated_write_rate(s)
    assert r is not None and r.per_second == 2000 and r.senders == 10_000 and r.interval_s == 5
    assert r.how in s.data.volume.evidence
    # a volume set by hand still leaves the write-intensity quote, which carries the rate
    s2, _ = extract(
        "An IoT platform for 10,000 sensors each reporting every 5 seconds",
        {"data.volume": "lt_1gb"},
    )
    assert stated_write_rate(s2) == r
    # overriding both drops every quote of it: the rate is then unknown (default, assumed)
    s3, _ = extract(
        "An IoT platform for 10,000 sensors each reporting every 5 seconds",
        {"data.volume": "lt_1gb", "behavior.write_intensity": "2"},
    )
    assert stated_write_rate(s3) is None and not ingest_limit(s3).sized
    assert ingest_limit(s).per_minute == 240_000


@pytest.mark.parametrize(
    ("x", "up"), [(240_000, 240_000), (240_017, 250_000), (266_667, 270_000), (24, 24), (7.2, 8)]
)
def test_round_up_keeps_two_significant_figures_and_never_rounds_down(x: float, up: int):
    assert _round_up(x, 2) == up


@pytest.mark.parametrize("prompt", [SIZED[0][0], SIZED[3][0], "A B2B invoicing API for partners"])
def test_stage_5_sizes_the_tier_itself_and_both_views_name_the_same_endpoints(prompt: str):
    """Stage 5's own output carries the sized tier (a library caller of build_api gets the same
    contract as generate), and the machine writes of the domain model are exactly the endpoints
    the contract shows as ingestion."""
    from archwright.decide import select_architecture, select_data_strategy
    from archwright.design.api_contract import BASE, build_api
    from archwright.design.ingest_limit import is_ingestion, is_machine_write

    doc = generate(prompt)
    signals, domain = doc.signals, doc.domain
    api = build_api(
        signals, domain, select_architecture(signals, domain), select_data_strategy(signals, domain)
    )
    assert [(e.method, e.path, e.rate_limit) for e in api.endpoints] == [
        (e.method, e.path, e.rate_limit) for e in doc.api.endpoints
    ]
    machine = {(e.method, BASE + e.path) for e in domain.endpoints if is_machine_write(e)}
    assert machine == {(e.method, e.path) for e in api.endpoints if is_ingestion(e)}
    sized = ingest_limit(signals).sized
    assert machine or not sized
    for e in api.endpoints:
        if (e.method, e.path) in machine:
            assert e.rate_limit.tier == ("ingest" if sized else "partner")
        else:
            assert e.rate_limit.tier not in ("ingest", "partner") or e.method == "GET"
