"""Stress tests 3, 5 and 6 of the seed, checked on the structured output and the Markdown."""

from __future__ import annotations

import re

import pytest
from tests.design79 import scenarios as sc


@pytest.fixture(scope="module")
def hipaa():
    return sc.hipaa_doc()


@pytest.fixture(scope="module")
def budget():
    return sc.budget_doc()


@pytest.fixture(scope="module")
def skip():
    return sc.skip_doc()


def _section(md: str, number: int) -> str:
    start = md.index(f"## {number}. ")
    nxt = md.find("\n## ", start + 5)
    return md[start : nxt if nxt != -1 else len(md)]


# ---------------------------------------------------------------- stress test 3 (HIPAA)


def test_stress3_cookie_storage_selected_and_localstorage_rejected(hipaa):
    auth = hipaa.security.auth
    assert "httpOnly" in auth.token_storage.selected
    assert "SameSite=Strict" in auth.token_storage.selected
    assert "localStorage" not in auth.token_storage.selected
    assert (
        "SameSite=Strict" in auth.jwt.cookie_attributes and "Secure" in auth.jwt.cookie_attributes
    )
    requested = [a for a in auth.token_storage.alternatives_considered if a.requested_by_user]
    assert len(requested) == 1
    alt = requested[0]
    assert "localStorage" in alt.option
    for phrase in (
        "localStorage is accessible to any JavaScript running on the page",
        "A single XSS vulnerability would expose all PHI tokens",
        "HIPAA §164.312(a)(2)(iv) requires automatic logoff and encryption mechanisms",
        "httpOnly cookies are immune to JavaScript access",
    ):
        assert phrase in alt.reason_rejected


def test_stress3_jwt_spec_and_mfa(hipaa):
    jwt = hipaa.security.auth.jwt
    assert jwt.algorithm.startswith("RS256")
    assert jwt.access_token_expiry == "15 minutes"
    assert jwt.refresh_token_expiry.startswith("7 days")
    assert jwt.claims == ["sub", "role", "iat", "exp", "jti"]
    assert hipaa.security.auth.mfa.requirement == "required"
    assert "15 minutes" in hipaa.security.auth.session_timeout


def test_stress3_hipaa_matrix_cites_provisions(hipaa):
    rows = {r.regulation.split(" ")[0]: r for r in hipaa.security.compliance}
    assert set(rows) == {"GDPR", "CCPA", "HIPAA", "PCI", "SOC2"}
    hipaa_row = rows["HIPAA"]
    assert hipaa_row.applicable
    provisions = " ".join(c.provision or "" for c in hipaa_row.controls)
    for p in (
        "§164.312(a)(2)(iv)",
        "§164.312(a)(2)(iii)",
        "§164.312(b)",
        "§164.312(e)(1)",
        "§164.308(b)(1)",
    ):
        assert p in provisions
    # controls name this product's sensitive columns, not a generic placeholder
    encryption = next(c for c in hipaa_row.controls if c.provision == "HIPAA §164.312(a)(2)(iv)")
    assert "patients.diagnosis" in encryption.control
    assert not rows["PCI"].applicable


def test_stress3_field_level_encryption_names_sensitive_columns(hipaa):
    fields = {(f.table, f.field) for f in hipaa.security.encryption.field_level}
    assert ("patients", "diagnosis") in fields
    assert ("clinical_notes", "body") in fields
    assert ("users", "email") not in fields


def test_stress3_markdown(hipaa):
    md = _section(hipaa.to_markdown(), 7)
    assert "httpOnly Secure SameSite=Strict cookies" in md
    assert "Requested by the user, not adopted" in md
    assert "localStorage" in md
    assert "§164.312(a)(2)(iv)" in md
    assert "**MFA: required**" in md
    assert "| HIPAA" in md and "**Yes**" in md


# ---------------------------------------------------------------- stress test 5 (budget)


def test_stress5_binding_constraint(budget):
    sc_ = budget.scalability
    assert sc_.budget is not None
    assert sc_.budget.binding == "budget"
    assert 1_000 <= sc_.budget.supported_concurrent_low <= sc_.budget.supported_concurrent_high
    assert sc_.budget.supported_concurrent_high <= 10_000
    # 10M concurrent costs orders of magnitude more than $500
    assert sc_.budget.stated_peak_monthly_usd >= 500 * 100
    text = sc_.binding_constraint or ""
    assert text.startswith("Binding constraint: the $500/month budget")
    assert "orders of magnitude" in text
    assert "10,000,000" in text


def test_stress5_phased_cost_table(budget):
    tiers = {t.concurrent_users: t for t in budget.scalability.cost_model}
    for users in (1_000, 10_000, 100_000, 1_000_000, 10_000_000):
        assert users in tiers
    costs = [t.monthly_usd for t in sorted(tiers.values(), key=lambda t: t.concurrent_users)]
    assert costs == sorted(costs)
    assert tiers[1_000].monthly_usd <= 500 < tiers[100_000].monthly_usd
    for t in tiers.values():
        assert sum(li.monthly_usd for li in t.line_items) == t.monthly_usd
    ceiling = [t for t in tiers.values() if t.phase and "budget ceiling" in t.phase]
    assert ceiling and ceiling[0].monthly_usd <= 500


def test_stress5_markdown(budget):
    md = _section(budget.to_markdown(), 8)
    assert "### E. Cost model" in md
    for figure in ("| 1,000 |", "| 10,000 |", "| 100,000 |", "| 1,000,000 |", "| 10,000,000 |"):
        assert figure in md
    assert "Binding constraint: the $500/month budget" in md


# ---------------------------------------------------------------- stress test 6 (condensed)

CALLOUT = (
    "Observability condensed at user request. Minimum viable setup included. Expanding this "
    "before handling real users is strongly recommended — you cannot debug a system you cannot see."
)


def test_stress6_condensed_but_complete(skip):
    ob = skip.operations.observability
    assert ob.condensed
    assert ob.callout == CALLOUT
    assert ob.logging.required_fields == [
        "timestamp",
        "level",
        "service",
        "request_id",
        "user_id",
        "message",
        "context",
    ]
    assert "Better Stack" in ob.uptime_monitoring
    assert "Sentry" in ob.error_tracking or ob.error_tracking
    assert len(ob.minimum_viable_stack) == 3
    critical = [a for a in ob.metrics.alerts if a.critical]
    names = {r.name for r in skip.operations.incident_management.runbooks}
    assert critical and all(a.runbook in names for a in critical)


def test_stress6_markdown(skip):
    md = _section(skip.to_markdown(), 9)
    assert CALLOUT in md.replace("\\", "")
    assert "### Minimum viable observability" in md
    assert "Structured JSON logging" in md
    assert "**Uptime monitoring:**" in md and "**Error tracking:**" in md
    # condensed: no full RED/USE tables
    assert "### B. Metrics" not in md
    full = _section(sc.budget_doc().to_markdown(), 9)
    assert "### B. Metrics" in full and CALLOUT not in full.replace("\\", "")
    assert len(md) < len(full)


def test_no_localstorage_ever_selected(hipaa, budget, skip):
    for doc in (hipaa, budget, skip, sc.fintech_doc(), sc.iot_doc()):
        assert re.search(r"httpOnly.*SameSite=Strict", doc.security.auth.jwt.storage)
        assert "localstorage" not in doc.security.auth.jwt.storage.lower()


@pytest.mark.parametrize("prompt", [sc.HIPAA_PROMPT, sc.BUDGET_PROMPT, sc.SKIP_PROMPT])
def test_gate_needs_no_fix_in_stages_7_to_9(prompt):
    """Stage 10 passes our sections as produced: nothing in security, scalability,
    observability or CI/CD had to be failed or fixed by the gate."""
    from archwright import generate

    doc = generate(prompt)
    mine = [
        c
        for c in doc.verification.checks
        if c.category in ("security", "scalability", "observability", "cicd")
    ]
    assert mine, "the gate ran no Stage 7-9 checks"
    bad = [(c.code, c.status, c.message) for c in mine if c.status != "pass"]
    assert not bad


def test_stress_prompts_end_to_end():
    """The seed's own prompts through the real pipeline (intake included)."""
    from archwright import generate

    doc3 = generate(sc.HIPAA_PROMPT)
    alt = [
        a for a in doc3.security.auth.token_storage.alternatives_considered if a.requested_by_user
    ]
    assert alt and "localStorage" in alt[0].option and "PHI" in alt[0].reason_rejected
    assert doc3.security.auth.mfa.requirement == "required"
    assert next(r for r in doc3.security.compliance if r.regulation.startswith("HIPAA")).applicable
    md3 = doc3.to_markdown()
    assert "Requested by the user, not adopted" in md3 and "§164.312(a)(2)(iv)" in md3

    doc5 = generate(sc.BUDGET_PROMPT)
    assert doc5.scalability.budget is not None and doc5.scalability.budget.binding == "budget"
    assert "Binding constraint: the $500/month budget" in doc5.to_markdown()

    doc6 = generate(sc.SKIP_PROMPT)
    assert doc6.operations.observability.condensed
    md6 = doc6.to_markdown().replace("\\", "")
    assert CALLOUT in md6 and "Uptime monitoring" in md6 and "Error tracking" in md6
