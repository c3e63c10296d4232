"""The seed's stress tests as fixed Stage 1 signals (what the seed says Stage 1 detects)."""

from __future__ import annotations

from tests.design79 import helpers as h
from tests.factories import signals_with

from archwright.models.document import ArchitectureDocument

HIPAA_PROMPT = (
    "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed. "
    "Users are doctors accessing patient records."
)
BUDGET_PROMPT = (
    "It needs to handle 10 million concurrent users on day one, but we have a $500/month "
    "infrastructure budget."
)
SKIP_PROMPT = "Skip the monitoring stuff, we'll add it later."


def hipaa_doc() -> ArchitectureDocument:
    s = signals_with(HIPAA_PROMPT)
    s = h.with_fields(
        s,
        data__sensitivity="health",
        constraints__compliance=["hipaa"],
        product__product_type="saas",
        data__consistency="strong",
    )
    s = h.add_preference(s, "token_storage", "localStorage", "Store JWT tokens in localStorage")
    return h.build_doc(s, h.health_domain(), HIPAA_PROMPT)


def budget_doc() -> ArchitectureDocument:
    s = signals_with(BUDGET_PROMPT)
    s = h.with_fields(
        s,
        scale__peak_concurrent_users=10_000_000,
        constraints__budget_monthly_usd=500,
        constraints__budget_tier="bootstrapped",
    )
    from archwright.intake import extract

    _, domain = extract(BUDGET_PROMPT)
    return h.build_doc(s, domain, BUDGET_PROMPT)


def skip_doc() -> ArchitectureDocument:
    s = signals_with(SKIP_PROMPT)
    s = h.add_directive(s, "condense_observability", "Skip the monitoring stuff")
    from archwright.intake import extract

    _, domain = extract(SKIP_PROMPT)
    return h.build_doc(s, domain, SKIP_PROMPT)


def fintech_doc() -> ArchitectureDocument:
    s = signals_with("trading platform")
    s = h.with_fields(
        s,
        data__sensitivity="financial",
        data__consistency="strong",
        integration__payments_needed=True,
        integration__third_party_services=["Stripe", "Alpaca brokerage API"],
        product__team_size="5-20",
        product__stage="growth",
        behavior__real_time_intensity=5,
    )
    return h.build_doc(s, h.fintech_domain(), "trading platform")


def iot_doc() -> ArchitectureDocument:
    s = signals_with("fleet of sensors")
    s = h.with_fields(
        s,
        data__sensitivity="none",
        data__relationships="time_series",
        behavior__write_intensity=5,
        behavior__read_intensity=2,
        behavior__real_time_intensity=2,
        product__product_type="iot",
        product__team_size="20+",
        product__stage="scale",
        constraints__cloud_provider="gcp",
    )
    s = s.model_copy(update={"stated_stack": ["Go"]})
    return h.build_doc(s, h.iot_domain(), "fleet of sensors")
