"""Stage 5/7: the rate limit of machine ingestion endpoints, sized from Stage 1's stated rate.

Stage 5 gives every endpoint called with an API key or service credential the same per-key
default (600 requests/minute). That is right for a partner integration but not for a device
fleet sharing one key: "10,000 sensors each reporting every 5 seconds" is 2,000 writes/s, 200x
the default, so the design would rate-limit its own devices. When Stage 1 states a write rate,
the machine write endpoints move to their own tier, ``ingest``, sized per API key from the
whole stated rate (one key may carry the whole fleet) with headroom, bounded above; without a
stated rate the default stays and the document says it is assumed. Numbers are data
(``knowledge/rate_limits.yaml``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from pydantic import Field

from archwright.catalog import load_model
from archwright.intake.extract import StatedRate, stated_write_rate
from archwright.models.api import Endpoint, RateLimit
from archwright.models.base import Model
from archwright.models.domain import DomainEndpoint, DomainModel
from archwright.models.signals import Signals

__all__ = [
    "IngestLimit",
    "capacity_note",
    "ingest_limit",
    "ingest_rate_limit",
    "is_ingestion",
    "is_machine_write",
]

#: Stage 5's tier for API-key and service clients, and the tier sized ingestion moves to
PARTNER, INGEST = "partner", "ingest"
_WRITES = ("POST", "PUT", "PATCH")


class RateLimitKnowledge(Model):
    default_per_minute: int = Field(gt=0)
    headroom: float = Field(ge=1)
    headroom_reason: str = Field(min_length=10)
    max_per_minute: int = Field(gt=0)
    max_reason: str = Field(min_length=10)
    significant_figures: int = Field(ge=1, le=4)


@cache
def knowledge() -> RateLimitKnowledge:
    return load_model("rate_limits.yaml", RateLimitKnowledge)


def is_machine_write(ep: DomainEndpoint) -> bool:
    """A write a machine client (device, gateway, agent, server) sends with its key: what the
    ``ingest`` tier covers. Stage 5 puts these, and only these writes, in the ``partner`` tier
    or, sized, in ``ingest`` (see :func:`is_ingestion` for the same test on the contract)."""
    return ep.action != "auth" and ep.auth in ("api_key", "service") and ep.method in _WRITES


def is_ingestion(ep: Endpoint) -> bool:
    """:func:`is_machine_write` as the contract shows it (the tier Stage 5 gave it)."""
    return ep.rate_limit.tier in (PARTNER, INGEST) and ep.method in _WRITES


def _round_up(x: float, digits: int) -> int:
    """Up to ``digits`` significant figures: 240,017 -> 250,000 at 2 (never below ``x``)."""
    if x <= 0:
        return 0
    step = 10 ** max(0, math.floor(math.log10(x)) + 1 - digits)
    return int(math.ceil(x / step) * step)


@dataclass(frozen=True)
class IngestLimit:
    """The per-key limit of the ingestion endpoints and why."""

    per_minute: int
    sized: bool  # True when a stated rate raised it above the default (tier ``ingest``)
    rationale: str

    @property
    def tier(self) -> str:
        return INGEST if self.sized else PARTNER


def _n(x: float) -> str:
    return f"{round(x):,}"


def ingest_limit(signals: Signals) -> IngestLimit:
    """Deterministic: the same Stage 1 signals always give the same limit."""
    k = knowledge()
    rate: StatedRate | None = stated_write_rate(signals)
    default = k.default_per_minute
    if rate is None:
        return IngestLimit(
            default,
            False,
            # not every product with API-key writes has devices: the wording names clients
            f"assumed: the prompt states no rate for machine clients, so the default of "
            f"{_n(default)} requests/minute per key stands; size it as clients (devices, "
            f"servers) per key × requests per minute × {k.headroom:g} once they are known",
        )
    per_minute = rate.per_second * 60
    needed = _round_up(per_minute * k.headroom, k.significant_figures)
    said = (
        f"stated {rate.how} = {_n(per_minute)} requests/minute if every report arrives as its "
        f"own request (batching only lowers it)"
    )
    if needed <= default:
        return IngestLimit(
            default,
            False,
            f"{said}; × {k.headroom:g} headroom = {_n(needed)}, within the default of "
            f"{_n(default)} requests/minute per key",
        )
    per_device = ""
    if rate.senders and rate.interval_s:
        device = _round_up(60 / rate.interval_s * k.headroom, k.significant_figures)
        per_device = (
            f"; a device with its own key sends {60 / rate.interval_s:g}/minute, so where "
            f"each device holds its own key, {_n(max(device, 1))}/minute per key suffices and "
            f"catches a single runaway device sooner"
        )
    why = (
        f"{said}; × {k.headroom:g} headroom ({k.headroom_reason}) = {_n(needed)} "
        f"requests/minute per API key, sized for the whole stated rate because one shared "
        f"key (a fleet, gateway, bridge or agent key) may carry every sender"
    )
    if needed > k.max_per_minute:
        keys = math.ceil(needed / k.max_per_minute)
        return IngestLimit(
            k.max_per_minute,
            True,
            f"{why}; capped at {_n(k.max_per_minute)} ({k.max_reason}): split the senders "
            f"across at least {keys} keys (per site, gateway or customer) or batch reports "
            f"into fewer requests{per_device}",
        )
    return IngestLimit(needed, True, why + per_device)


def ingest_rate_limit(signals: Signals) -> RateLimit | None:
    """Stage 5's limit for the machine write endpoints when a stated rate sizes them above the
    default (None: they keep the ``partner`` default). The OpenAPI contract and the security
    section's tier table both show this number."""
    limit = ingest_limit(signals)
    if not limit.sized:
        return None
    return RateLimit(requests=limit.per_minute, per="minute", scope="api_key", tier=INGEST)


def capacity_note(signals: Signals, domain: DomainModel, rps_per_instance: int) -> str | None:
    """Stage 8's line for a stated machine write rate: the cost tiers size containers from
    concurrent users, so the ingestion traffic Stage 7's ``ingest`` tier admits is stated
    beside them with the containers it needs, from the same rate."""
    from archwright.design.api_contract import BASE  # Stage 5 imports this module

    limit = ingest_limit(signals)
    rate = stated_write_rate(signals)
    paths = [
        f"{ep.method} {BASE}{ep.path}"  # as the contract names it
        for ep in domain.endpoints
        if is_machine_write(ep)
    ]
    if not limit.sized or rate is None or not paths:
        return None
    steady = math.ceil(rate.per_second / rps_per_instance)
    at_limit = math.ceil(limit.per_minute / 60 / rps_per_instance)
    return (
        f"Machine ingestion ({', '.join(paths[:3])}): the stated {rate.how} is not in the "
        f"per-user load above; at {rps_per_instance:,} requests/s per container it adds "
        f"{steady} container{'s' if steady != 1 else ''} at the stated rate and up to "
        f"{at_limit} at the security section's ingest limit ({_n(limit.per_minute)} "
        f"requests/minute per key); batching reports into fewer requests lowers both"
    )
