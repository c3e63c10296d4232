"""Lint of the Stage 7-9 knowledge files: they load into their models, ids are unique, every
entry carries its rationale or source, and every template placeholder has a value."""

from __future__ import annotations

import string

import pytest
from tests.design79 import helpers as h
from tests.factories import signals_with

from archwright import catalog
from archwright.design import costs, operations, scalability, security
from archwright.models.media import MediaKnowledge
from archwright.models.operations import CiKnowledge, ObservabilityKnowledge
from archwright.models.scalability import CostKnowledge, ReliabilityKnowledge
from archwright.models.security import (
    CloudServicesKnowledge,
    ComplianceKnowledge,
    OwaspKnowledge,
)

FILES = [
    ("compliance.yaml", ComplianceKnowledge),
    ("owasp.yaml", OwaspKnowledge),
    ("costs.yaml", CostKnowledge),
    ("reliability.yaml", ReliabilityKnowledge),
    ("observability.yaml", ObservabilityKnowledge),
    ("ci.yaml", CiKnowledge),
    ("cloud_services.yaml", CloudServicesKnowledge),
    ("media.yaml", MediaKnowledge),
]


@pytest.mark.parametrize(("path", "model"), FILES, ids=[f for f, _ in FILES])
def test_file_loads(path, model):
    assert catalog.load_model(path, model)


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_compliance_covers_the_five_regulations_with_provisions():
    k = security.compliance_knowledge()
    ids = [r.id for r in k.regulations]
    assert sorted(ids) == ["ccpa", "gdpr", "hipaa", "pci", "soc2"]
    for r in k.regulations:
        assert all(c.provision for c in r.controls), r.id
        assert r.source


def test_owasp_is_2021_a01_to_a10():
    items = security.owasp_knowledge().items
    assert [i.id for i in items] == [f"A{n:02d}:2021" for n in range(1, 11)]
    assert items[0].name == "Broken Access Control" and items[9].name.startswith("Server-Side")


def test_every_template_placeholder_has_a_value():
    ctx_keys: set[str] = set()
    for domain in (h.health_domain(), h.fintech_domain(), h.iot_domain()):
        ctx_keys |= set(security.template_context(signals_with(), domain))
    used: set[str] = set()
    for r in security.compliance_knowledge().regulations:
        for c in r.controls:
            used |= _fields(c.control)
    for i in security.owasp_knowledge().items:
        for m in i.mitigations:
            used |= _fields(m.text)
    assert used <= ctx_keys, used - ctx_keys


def test_trait_conditions_are_known():
    traits = {"realtime", "payments", "uploads", "owned", "b2b", "admin", "field_encryption",
              "passwords", "sql", "nosql", "money", "user_text", "ai", "webhooks_in", "jobs",
              "url_fields", "sensitive", "none", "pii", "financial", "health", "legal"}  # fmt: skip
    for r in security.compliance_knowledge().regulations:
        assert {c.when for c in r.controls if c.when} <= traits
    for i in security.owasp_knowledge().items:
        assert {m.when for m in i.mitigations if m.when} <= traits
    alert_traits = {
        "queue",
        "cache",
        "realtime",
        "payments",
        "replicas",
        "auth",
        "sensitive_records",
    }
    assert {a.when for a in operations.observability_knowledge().alerts if a.when} <= alert_traits


def test_cost_units_have_sources_and_monotonic_tiers():
    k = costs.knowledge()
    for comp in k.components.model_dump().values():
        assert len(comp["source"]) > 10
    for tiers in (k.database_tiers, k.cache_tiers):
        caps = [t.max_rps for t in tiers]
        prices = [t.usd_month for t in tiers]
        assert caps == sorted(caps) and prices == sorted(prices)


def test_reliability_has_a_catch_all_last():
    deps = scalability.reliability_knowledge().dependencies
    assert deps[-1].match == ".*"
    assert len({d.id for d in deps}) == len(deps)


def test_ci_languages_cover_the_runtime_ids():
    from archwright.decide.runtime import _LANGUAGE_OF

    ids = {c.id for c in operations.ci_knowledge().languages}
    assert set(_LANGUAGE_OF.values()) <= ids
    for c in operations.ci_knowledge().languages:
        assert "{coverage}" in c.test
