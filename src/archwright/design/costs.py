"""The monthly cost model: unit prices from ``knowledge/costs.yaml`` turned into a formula of
concurrent users. Pure and monotonic in the number of users, so the budget ceiling can be found
by bisection and every figure in the document comes from the same function.
"""

from __future__ import annotations

import math
from functools import cache

from archwright import catalog
from archwright.models.scalability import CapacityTier, CostKnowledge, CostLine

#: Ceiling of the budget search: well beyond any plausible stated scale.
_MAX_USERS = 100_000_000


@cache
def knowledge() -> CostKnowledge:
    return catalog.load_model("costs.yaml", CostKnowledge)


def _tier(tiers: list[CapacityTier], rps: float, extra_usd: int, extra_rps: int) -> tuple[str, int]:
    for t in tiers:
        if rps <= t.max_rps:
            return t.name, t.usd_month
    last = tiers[-1]
    extra = math.ceil((rps - last.max_rps) / extra_rps)
    return f"{last.name} + {extra} more shard(s)", last.usd_month + extra * extra_usd


#: A line item as (component, USD/month): the budget and media searches price ~60 user counts
#: a document and compare only the totals, so line-item models are built for the tiers shown.
_Line = tuple[str, int]


def monthly_cost(
    users: int,
    rate: float,
    *,
    cache_layer: bool,
    queue: bool,
    realtime: bool,
    media: tuple[str, str] | None = None,
    vector_store: tuple[str, int] | None = None,
) -> tuple[int, list[CostLine], list[str]]:
    """(total USD/month, line items, component names) for ``users`` concurrent users.

    ``media`` and ``vector_store`` as in :func:`_priced`."""
    total, lines, names = _priced(
        users,
        rate,
        cache_layer=cache_layer,
        queue=queue,
        realtime=realtime,
        media=media,
        vector_store=vector_store,
    )
    return total, [CostLine(component=c, monthly_usd=usd) for c, usd in lines], names


def monthly_total(
    users: int,
    rate: float,
    *,
    cache_layer: bool,
    queue: bool,
    realtime: bool,
    media: tuple[str, str] | None = None,
    vector_store: tuple[str, int] | None = None,
) -> int:
    """The total USD/month of :func:`monthly_cost` alone."""
    return _priced(
        users,
        rate,
        cache_layer=cache_layer,
        queue=queue,
        realtime=realtime,
        media=media,
        vector_store=vector_store,
    )[0]


def _priced(
    users: int,
    rate: float,
    *,
    cache_layer: bool,
    queue: bool,
    realtime: bool,
    media: tuple[str, str] | None = None,
    vector_store: tuple[str, int] | None = None,
) -> tuple[int, list[_Line], list[str]]:
    """(total USD/month, line items, component names) for ``users`` concurrent users.

    ``media`` is the live-media layer as (kind, hosting): kind ``calls`` or ``broadcast``,
    hosting ``self_hosted`` (media servers plus stream egress) or ``managed`` (per participant-
    or viewer-minute, delivery included). ``vector_store`` is a managed vector database as
    (name, USD/month): a fixed line, priced by the embeddings stored, not by the users."""
    k = knowledge()
    a = k.assumptions
    c = k.components
    rps = users * rate
    lines: list[_Line] = []
    names: list[str] = []
    instances = max(a.min_app_instances, math.ceil(rps / a.rps_per_app_instance))
    app_usd = instances * (c.app_instance.usd_month or 0)
    lines.append((f"{instances} app containers (2 vCPU / 4 GiB)", round(app_usd)))
    names.append(f"{instances}× app")
    if realtime:
        ws = max(a.min_app_instances, math.ceil(users / a.websocket_connections_per_instance))
        ws_usd = ws * (c.app_instance.usd_month or 0)
        lines.append((f"{ws} WebSocket containers", round(ws_usd)))
        names.append(f"{ws}× WebSocket")
    if media is not None:
        lines += _media_lines(users, *media)
    if media is not None and media[1] == "self_hosted":
        nodes = max(1, math.ceil(users / a.media_participants_per_node))
        names.append(f"{nodes}× media")
    elif media is not None:
        names.append("managed media")
    lb = (c.load_balancer.usd_month or 0) + (c.load_balancer.per_1000_rps_usd or 0) * rps / 1000
    lines.append(("load balancer", round(lb)))
    db_rps = rps * (a.db_share_of_requests if cache_layer else a.db_share_without_cache)
    db_name, db_usd = _tier(
        k.database_tiers, db_rps, k.database_per_extra_shard_usd, k.database_rps_per_extra_shard
    )
    lines.append((f"database: {db_name}", db_usd))
    names.append(db_name)
    if cache_layer:
        cache_name, cache_usd = _tier(k.cache_tiers, rps, k.cache_per_extra_1m_rps_usd, 1_000_000)
        lines.append((f"cache: {cache_name}", cache_usd))
        names.append(cache_name)
    if vector_store is not None:
        lines.append((f"vector database: {vector_store[0]}", vector_store[1]))
        names.append("vector DB")
    if queue:
        q = (c.queue_base.usd_month or 0) + (c.queue_base.per_1000_rps_usd or 0) * rps / 1000 * 0.1
        lines.append(("queue", round(q)))
    egress = users * a.egress_gb_per_concurrent_user_month * (c.egress_per_gb.usd or 0)
    lines.append(("CDN / data transfer out", round(egress)))
    storage = (c.object_storage_base.usd_month or 0) * max(1.0, users / 10_000)
    lines.append(("object storage, backups, log archive", round(storage)))
    infra = sum(usd for _, usd in lines)
    obs = 0 if infra < a.observability_free_below_usd else round(infra * a.observability_share)
    lines.append(("observability" + (" (free tiers)" if obs == 0 else ""), obs))
    total = infra + obs
    if users >= a.multi_region_from_users:
        extra = round(total * (a.multi_region_multiplier - 1))
        lines.append(("second active region", extra))
        names.append("multi-region")
        total += extra
    return total, lines, names


def _media_lines(users: int, kind: str, hosting: str) -> list[_Line]:
    k = knowledge()
    a = k.assumptions
    c = k.components
    if hosting == "self_hosted":
        nodes = max(1, math.ceil(users / a.media_participants_per_node))
        stream_gb = users * a.media_egress_gb_per_concurrent_user_month
        return [
            (
                f"{nodes} live media servers",
                round(nodes * ((c.media_node.usd_month or 0) if c.media_node else 0)),
            ),
            (
                "live media egress (audio/video streams)",
                round(stream_gb * (c.egress_per_gb.usd or 0)),
            ),
        ]
    unit = c.media_managed_participant_minute if kind == "calls" else c.media_managed_viewer_minute
    what = "participant-minutes" if kind == "calls" else "viewer-minutes"
    minutes = users * a.media_minutes_per_concurrent_seat_month
    return [
        (
            f"managed live media ({minutes:,} {what} × ${(unit.usd if unit else 0):g})",
            round(minutes * ((unit.usd or 0) if unit else 0)),
        )
    ]


def media_crossover(rate: float, kind: str, **kw: bool) -> int:
    """Smallest concurrent-user count at which the managed media option costs more than the
    self-hosted one (the point a team should start running its own media servers)."""

    def managed_dearer(n: int) -> bool:
        own = monthly_total(n, rate, media=(kind, "self_hosted"), **kw)
        return monthly_total(n, rate, media=(kind, "managed"), **kw) > own

    lo, hi = 1, 1_000_000
    if managed_dearer(lo):
        return lo
    if not managed_dearer(hi):
        return hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if managed_dearer(mid):
            hi = mid
        else:
            lo = mid
    return hi


def capacity(
    budget: int,
    rate: float,
    *,
    cache_layer: bool,
    queue: bool,
    realtime: bool,
    media: tuple[str, str] | None = None,
    vector_store: tuple[str, int] | None = None,
) -> int:
    """Largest concurrent-user count whose monthly cost fits ``budget`` (0 if none does)."""

    def fits(n: int) -> bool:
        cost = monthly_total(
            n,
            rate,
            cache_layer=cache_layer,
            queue=queue,
            realtime=realtime,
            media=media,
            vector_store=vector_store,
        )
        return cost <= budget

    if not fits(1):
        return 0
    lo, hi = 1, _MAX_USERS
    if fits(hi):
        return hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


def round_users(n: int) -> int:
    """Round down to two significant figures so estimates do not read as measurements."""
    if n < 100:
        return n
    digits = len(str(n)) - 2
    return (n // 10**digits) * 10**digits
