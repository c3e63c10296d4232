"""Every archetype, end to end: its own name as the prompt picks it, and the generated document
passes the verification gate without the gate having to fix anything (a fix means the archetype
file and a check disagree, e.g. a personal-looking column not marked PII)."""

from __future__ import annotations

import pytest

from archwright import catalog, generate

ARCHETYPES = catalog.archetypes()


@pytest.mark.parametrize("archetype", ARCHETYPES, ids=[a.id for a in ARCHETYPES])
def test_archetype_document_passes_the_gate_untouched(archetype) -> None:
    doc = generate(f"{archetype.name}: {archetype.description}")
    assert doc.signals.product.archetype.value == archetype.id
    failing = [f"{c.code}: {c.message}" for c in doc.verification.checks if c.status == "fail"]
    assert doc.verification.passed, failing
    assert not doc.verification.fixes_applied, doc.verification.fixes_applied
    tables = {t.name for t in doc.schema_.tables}
    assert {e.plural for e in archetype.entities} <= tables


def test_incident_example_names_the_role_that_calls_the_core_endpoint() -> None:
    """Severity examples name who is blocked: the core endpoint's own role (campaign creators
    draft campaigns), not the product's default user role (donors)."""
    a = catalog.archetype("crowdfunding_donations")
    md = generate(f"{a.name}: {a.description}").to_markdown()
    assert "no campaign creator can draft a campaign" in md
    assert "no donor can draft a campaign" not in md
