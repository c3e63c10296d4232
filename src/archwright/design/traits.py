"""Facts about the product that Stages 7-9 share, derived from Stage 1 output and the domain.

Kept in one place so security, scalability and operations name the same fields, vendors and
cloud services. Every function is pure and returns sorted / de-duplicated values.
"""

from __future__ import annotations

import re
from functools import cache

from archwright import catalog
from archwright.design.stack import Stack
from archwright.models.domain import DomainEntity, DomainModel
from archwright.models.schema import SchemaDesign
from archwright.models.security import CloudServices, CloudServicesKnowledge
from archwright.models.signals import SENSITIVITY_ORDER, Signals
from archwright.render.text import slug as text_slug

_PAYMENT = re.compile(r"stripe|paypal|braintree|adyen|square|checkout\.com|razorpay|mollie", re.I)
_SOCIAL_LOGIN = re.compile(
    r"\b(google|github|apple|facebook|microsoft|linkedin|twitter|x\.com|discord|gitlab)\b", re.I
)
_IDP = re.compile(r"okta|auth0|azure ad|entra|saml|sso|onelogin|ping ?identity|keycloak", re.I)
_TENANT = (
    "organization",
    "tenant",
    "workspace",
    "team",
    "company",
    "account",
    "clinic",
    "practice",
)


@cache
def _clouds() -> dict[str, CloudServices]:
    k = catalog.load_model("cloud_services.yaml", CloudServicesKnowledge)
    return {c.id: c for c in k.clouds}


def cloud_id(signals: Signals, stack: Stack | None) -> str:
    """The cloud the stack picked (or the user stated); AWS when nothing says otherwise."""
    text = ""
    if stack is not None and stack.cloud.technology:
        text = stack.cloud.technology.lower()
    else:
        text = signals.constraints.cloud_provider.value
    if "gcp" in text or "google" in text:
        return "gcp"
    if "azure" in text or "microsoft" in text:
        return "azure"
    if "self" in text or "on-prem" in text or "hetzner" in text or "bare" in text:
        return "self_hosted"
    return "aws"


def cloud(signals: Signals, stack: Stack | None) -> CloudServices:
    return _clouds()[cloud_id(signals, stack)]


def slug(signals: Signals) -> str:
    """A DNS-safe label from the product name, for example origins (``api.<slug>.example``)."""
    return text_slug(signals.product.name.value.replace("working title", ""))


def app_origin(signals: Signals) -> str:
    return f"https://app.{slug(signals)}.example"


def api_origin(signals: Signals) -> str:
    return f"https://api.{slug(signals)}.example"


def component_name(text: str, limit: int = 60) -> str:
    """What a Stage 2 topology entry is called: its first clause (before '(', ';', ':' or ','),
    cut at a word boundary within ``limit`` -- the entries are descriptions ("Modular monolith API
    (user, patient modules)"), and diagrams, metrics and alerts need the name, not the sentence."""
    head = re.split(r"[(;:,]", text, maxsplit=1)[0].strip() or text.strip()
    if len(head) <= limit:
        return head
    cut = head[: limit + 1].rsplit(" ", 1)[0].rstrip(" -")
    return cut if cut and len(cut) <= limit else head[:limit]


_MEDIA = re.compile(r"\b(?:video|audio|voice|calls?|streams?|streaming|webrtc|media)\b", re.I)
_API_WORDS = re.compile(r"\b(?:api|endpoints?|requests?|responses?|pages?|queries|query)\b", re.I)


def api_latency(signals: Signals) -> str | None:
    """The stated latency target when it is about the API; None when the user stated it for a
    media path ("latency of the video must stay under 150 ms"), which runs through the media
    provider and must not become the API's p95 alert or scaling trigger."""
    lat = signals.constraints.latency_requirement
    if lat.value is None:
        return None
    said = lat.evidence
    if not lat.inferred and _MEDIA.search(said) and not _API_WORDS.search(said):
        return None
    return lat.value


def dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.strip().lower()
        if key and key not in seen:
            seen.add(key)
            out.append(item.strip())
    return out


def third_parties(signals: Signals, domain: DomainModel) -> list[str]:
    """Every external service named in the signals or implied by the domain (stable order)."""
    names = list(signals.integration.third_party_services.value)
    names += list(signals.integration.external_apis.value)
    names += list(domain.third_parties)
    names += [j.external for j in domain.jobs if j.external]
    return dedupe(names)


def payment_provider(signals: Signals, domain: DomainModel) -> str | None:
    for name in third_parties(signals, domain):
        if _PAYMENT.search(name):
            return name
    if signals.integration.payments_needed.value:
        return "Stripe"
    return None


def social_login_providers(signals: Signals, domain: DomainModel) -> list[str]:
    return [n for n in third_parties(signals, domain) if _SOCIAL_LOGIN.search(n)]


def identity_providers(signals: Signals, domain: DomainModel) -> list[str]:
    return [n for n in third_parties(signals, domain) if _IDP.search(n)]


def sensitivity_at_least(signals: Signals, level: str) -> bool:
    return SENSITIVITY_ORDER[signals.data.sensitivity.value] >= SENSITIVITY_ORDER[level]


def is_b2b(signals: Signals, domain: DomainModel) -> bool:
    if identity_providers(signals, domain):
        return True
    if signals.product.product_type.value in ("saas", "internal_tool"):
        return True
    return signals.constraints.budget_tier.value == "enterprise"


def tenant_entity(domain: DomainModel) -> DomainEntity | None:
    for name in _TENANT:
        e = domain.entity(name)
        if e is not None:
            return e
    return None


def fields_where(
    domain: DomainModel, schema: SchemaDesign | None, *, sensitive: bool
) -> list[tuple[str, str]]:
    """(table, column) pairs flagged sensitive (or PII), preferring the real schema's tables."""
    out: list[tuple[str, str]] = []
    if schema is not None and schema.tables:
        for t in schema.tables:
            for c in t.fields:
                if (c.sensitive if sensitive else c.pii) and not c.primary_key:
                    out.append((t.name, c.name))
        return out
    for e in domain.entities:
        for f in e.fields:
            if f.sensitive if sensitive else f.pii:
                out.append((e.plural, f.name))
    return out


def fmt_fields(pairs: list[tuple[str, str]], limit: int = 8) -> str:
    if not pairs:
        return "no columns flagged"
    shown = [f"`{t}.{c}`" for t, c in pairs[:limit]]
    more = len(pairs) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def has_uploads(domain: DomainModel, stack: Stack | None) -> bool:
    for e in domain.entities:
        for f in e.fields:
            if f.type == "url" and re.search(
                r"media|avatar|image|photo|file|attachment|video|document|upload", f.name
            ):
                return True
    return False


def uses_passwords(domain: DomainModel) -> bool:
    return any(f.name == "password_hash" for e in domain.entities for f in e.fields)


def money_endpoints(domain: DomainModel) -> list[str]:
    return [f"{e.method} /v1{e.path}" for e in domain.endpoints if e.money or e.critical]


def admin_roles(domain: DomainModel) -> list[str]:
    names = [
        r.name
        for r in domain.roles
        if "admin" in r.name or any(p.startswith("role:") for p in r.permissions)
    ]
    return names


def join(items: list[str], empty: str = "none") -> str:
    return ", ".join(items) if items else empty
