"""Stage 8 — scalability and reliability.

Caching per resource (from the Stage 3 caching strategy and the domain's hot entities), the queue
and its jobs, error handling, a circuit breaker for every external dependency
(``knowledge/reliability.yaml``), horizontal scaling, the database scaling path with its shard
key, the CDN, and the phased cost model (``design.costs``).
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import NamedTuple

from archwright import catalog
from archwright.decide.architecture import capacity_for_budget
from archwright.decide.runtime import primary_language
from archwright.design import costs, media
from archwright.design import traits as tr
from archwright.design import vector_search as vs
from archwright.design.ingest_limit import capacity_note
from archwright.design.stack import Stack
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainEntity, DomainModel
from archwright.models.scalability import (
    BudgetCapacity,
    CachedResource,
    CircuitBreaker,
    CostTier,
    Job,
    QueueDesign,
    ReliabilityKnowledge,
    ScalabilityDesign,
    ScalingPhase,
)
from archwright.models.signals import Signals
from archwright.wording import a_an

RETRY_POLICY = (
    "exponential backoff, base 2 s (2, 4, 8, 16, 32 s), max 5 retries, full jitter (±50%)"
)
_DURATION = re.compile(r"(\d+)\s*(s|sec|second|m|min|minute|h|hour|d|day)s?\b", re.I)
_UNIT_SECONDS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600,
                 "hour": 3600, "d": 86400, "day": 86400}  # fmt: skip


@cache
def reliability_knowledge() -> ReliabilityKnowledge:
    return catalog.load_model("reliability.yaml", ReliabilityKnowledge)


def _seconds(text: str) -> int | None:
    m = _DURATION.search(text)
    if not m:
        return None
    return int(m.group(1)) * _UNIT_SECONDS[m.group(2).lower()]


def _human(seconds: int) -> str:
    if seconds % 86400 == 0:
        return f"{seconds // 86400} d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


# -------------------------------------------------------------------------------- cache


def _is_financial(entity: DomainEntity) -> bool:
    return any(f.type == "money" for f in entity.fields)


def _publicly_readable(entity: DomainEntity, domain: DomainModel) -> bool:
    return any(f"{entity.name}:read" in r.permissions for r in domain.roles)


def _ttl(entity: DomainEntity, data: DataStrategy, default: int) -> tuple[int, str | None]:
    for key, value in sorted(data.caching_strategy.ttl_policy.items()):
        if key.lower() in (entity.name, entity.plural):
            s = _seconds(value)
            if s:
                return s, value
    return default, None


def _caching(
    signals: Signals, domain: DomainModel, data: DataStrategy, stack: Stack
) -> tuple[list[CachedResource], list[str], dict[str, str]]:
    tool = stack.cache.technology or data.caching_strategy.tool
    sens = signals.data.sensitivity.value
    strong = signals.data.consistency.value == "strong"
    out: list[CachedResource] = []
    excluded: list[str] = []
    never: dict[str, str] = {}
    hot = [e for e in domain.entities if e.hot]
    named = [domain.entity(n) for n in data.caching_strategy.entities_cached]
    wanted: list[DomainEntity] = []
    for e in [*named, *hot]:
        if e is not None and e.name not in {w.name for w in wanted}:
            wanted.append(e)
    if tool is None and signals.behavior.read_intensity.score >= 3 and wanted:
        tool = "Redis"
    pattern = (data.caching_strategy.pattern or "cache-aside").lower()
    if tool:
        for e in wanted:
            if _is_financial(e) and (sens == "financial" or strong):
                excluded.append(e.plural)
                money = ", ".join(f.name for f in e.fields if f.type == "money")
                never[e.name] = (
                    f"mutable financial data ({money}): always read from "
                    f"{data.primary_database} — a stale cached value would be a consistency "
                    f"violation ({'sensitivity=financial' if sens == 'financial' else 'consistency=strong'})"
                )
                continue
            shared = _publicly_readable(e, domain) and sens not in ("health", "legal")
            if e.name == "user":
                key = "user:{user_id}:profile"
            elif shared:
                key = f"{e.name}:{{{e.name}_id}}"
            else:
                key = f"user:{{user_id}}:{e.name}:{{{e.name}_id}}"
            if sens in ("health", "legal"):
                default, why = (
                    60,
                    f"{sens} records change under clinical/legal workflows; 60 s bounds staleness and how long copies live in memory",
                )
            elif e.name == "user":
                default, why = (
                    300,
                    "profiles change rarely and are read on most requests; 5 min bounds staleness of a renamed avatar or bio",
                )
            else:
                default, why = (
                    60,
                    "content is edited occasionally; 60 s keeps counters and edits fresh while absorbing read bursts",
                )
            ttl, stated = _ttl(e, data, default)
            if stated:
                why = f"Stage 3 TTL policy ({stated})"
            write_through = "write-through" in pattern and e.name != "user"
            events = sorted(
                {
                    ev
                    for ep in domain.endpoints
                    if ep.entity == e.name and ep.action != "auth"
                    for ev in ep.events
                }
            )[:3]
            out.append(
                CachedResource(
                    resource=f"{e.name} by id" + ("" if shared else " (per-user key)"),
                    location=f"Application cache ({tool})",
                    key_format=key,
                    ttl_seconds=ttl,
                    ttl_rationale=why,
                    invalidation=(
                        f"on-write: DEL after the transaction that changes {a_an(e.name)} {e.name} commits"
                        + ("; soft delete also invalidates" if e.soft_delete else "")
                        + (f"; event-driven refresh on {', '.join(events)}" if events else "")
                    ),
                    pattern="write-through" if write_through else "cache-aside",
                    miss_behavior=(
                        f"read from {data.primary_database}, then SET with TTL; if {tool} is down "
                        "serve from the database (fail open) and count the miss"
                    ),
                    stampede_protection=(
                        "mutex per key (SET NX PX 3000) so one request rebuilds; others wait "
                        "≤ 50 ms then read the database"
                        if e.hot
                        else "probabilistic early expiration (XFetch, β = 1)"
                    ),
                )
            )
        for ep in domain.endpoints:
            ent = domain.entity(ep.entity) if ep.entity else None
            if ep.method != "GET" or ep.action != "list" or ent is None or not ent.hot:
                continue
            if ent.plural in excluded:
                continue
            parts = [p.strip("{}") for p in ep.path.strip("/").split("/")]
            personal = not any(p.endswith("_id") for p in parts) and ep.auth != "public"
            segs = ":".join(f"{{{p}}}" if p.endswith("_id") else p for p in parts)
            key = (f"{segs}:{{user_id}}" if personal else segs) + ":page:{cursor}"
            fanout = any(
                j.trigger
                in {ev for x in domain.endpoints if x.entity == ent.name for ev in x.events}
                for j in domain.jobs
            )
            out.append(
                CachedResource(
                    resource=f"GET /v1{ep.path} (first pages)",
                    location=f"Application cache ({tool})",
                    key_format=key,
                    ttl_seconds=30,
                    ttl_rationale="lists change whenever anyone writes; 30 s bounds how stale a page can be while the first page absorbs most reads",
                    invalidation=(
                        "event-driven: the fan-out job prepends new ids and trims to 500 entries"
                        if fanout
                        else f"time-based (30 s) plus DEL of page 1 on {ent.name} create/delete"
                    ),
                    pattern="write-through (fan-out on write)" if fanout else "cache-aside",
                    miss_behavior="rebuild the first page from the database; deeper pages are never cached",
                    stampede_protection="background refresh by the worker before expiry for active users; mutex otherwise",
                )
            )
        out.append(
            CachedResource(
                resource="revoked access-token ids (logout, refresh reuse)",
                location=f"Application cache ({tool})",
                key_format="auth:revoked:{jti}",
                ttl_seconds=900,
                ttl_rationale="equals the 15-minute access-token lifetime: after that the token is expired anyway",
                invalidation="time-based only (entries expire with the token)",
                pattern="write-through",
                miss_behavior="a miss means not revoked; if the cache is down, refuse tokens older than 60 s (fail closed)",
                stampede_protection="not needed (single-key reads, no rebuild)",
            )
        )
    out.append(
        CachedResource(
            resource="static assets (JS, CSS, fonts)",
            location="Browser + CDN",
            key_format="content-hashed filename, e.g. /assets/app.{hash}.js",
            ttl_seconds=604_800,
            ttl_rationale="7 days, the longest TTL any resource gets here; the hash changes on every build, so the file at a URL never changes and marking it immutable is safe",
            invalidation="none needed — a new build emits new filenames; index.html is served with no-cache",
            pattern="CDN pull from origin",
            miss_behavior="CDN fetches from object storage origin once per edge",
            stampede_protection="CDN request collapsing (origin shield)",
        )
    )
    if tr.has_uploads(domain, stack):
        media = [
            f"{e.plural}.{f.name}" for e in domain.entities for f in e.fields if f.type == "url"
        ]
        private = sens in ("health", "legal", "financial")
        out.append(
            CachedResource(
                resource=f"uploaded media ({', '.join(media[:3])})",
                location="CDN" if not private else "CDN with signed URLs (private)",
                key_format="media/{owner_id}/{uuid}.{ext}",
                ttl_seconds=86_400 if not private else 300,
                ttl_rationale=(
                    "objects are immutable (new upload = new key); a day keeps edges warm"
                    if not private
                    else "signed URLs expire in 5 minutes so a leaked link stops working quickly"
                ),
                invalidation="new key per upload; deletion issues a CDN invalidation for that path",
                pattern="CDN pull from object storage",
                miss_behavior="edge fetches from object storage",
                stampede_protection="origin shield collapses concurrent misses",
            )
        )
    anti = [
        "Never cache user-specific data under a shared key: per-user resources carry {user_id} in the key (privacy violation otherwise)",
        "Never cache mutable financial data: "
        + (
            f"{', '.join(excluded)} are always read from {data.primary_database} (consistency violation otherwise)"
            if excluded
            else "balances, prices and payment states are always read from the primary database"
        ),
        "No infinite TTL on anything that can change: every key above has a TTL, even when it is also invalidated on write",
        "Every CDN-cacheable API response sends Cache-Control (public, max-age, stale-while-revalidate); everything else sends private/no-store",
    ]
    if sens in ("health", "legal"):
        anti.append(
            f"{sens.title()} data is cached only per user, encrypted in transit to {tool or 'the cache'} (TLS), and never in the CDN or browser storage"
        )
    return out, anti, never


# -------------------------------------------------------------------------------- queue


def queue_by_rules(signals: Signals, stack: Stack, language: str) -> tuple[str, str]:
    """The seed's queue rules: (technology, rationale)."""
    b = signals.behavior
    many_consumers = signals.product.team_size.value == "20+" and b.write_intensity.score >= 5
    ordering = (
        signals.data.relationships.value == "time_series"
        or signals.data.consistency.value == "strong"
    )
    if ordering and many_consumers:
        return (
            "Apache Kafka",
            "event ordering matters and consumer scale exceeds 10 workers (seed rule for Kafka)",
        )
    if language == "typescript":
        return (
            "BullMQ (Redis)",
            "Node.js stack: BullMQ gives retries, backoff, rate limiting and job workflows on the Redis already in the stack",
        )
    cid = tr.cloud_id(signals, stack)
    if language == "python":
        return (
            "Celery (Redis broker)",
            "Python stack: Celery is the standard worker framework; Redis doubles as broker",
        )
    if cid == "aws":
        return "Amazon SQS", "simple task queue in the AWS ecosystem, managed (seed rule for SQS)"
    if cid == "gcp":
        return "Google Cloud Pub/Sub", "managed queue in the Google Cloud ecosystem"
    if cid == "azure":
        return "Azure Service Bus", "managed queue in the Azure ecosystem"
    return "RabbitMQ", "self-hosted broker with dead-letter exchanges and per-queue TTLs"


def _language(signals: Signals, stack: Stack) -> str:
    rt = (stack.runtime.technology or "").lower()
    for key, lang in (("node", "typescript"), ("typescript", "typescript"), ("bun", "typescript"),
                      ("deno", "typescript"), ("python", "python"), ("go", "go"), ("java", "java"),
                      ("kotlin", "kotlin"), (".net", "csharp"), ("c#", "csharp"), ("ruby", "ruby"),
                      ("php", "php"), ("elixir", "elixir"), ("rust", "rust")):  # fmt: skip
        if rt.startswith(key) or f" {key}" in f" {rt}":
            return lang
    return primary_language(signals)[0]


def language(signals: Signals, stack: Stack) -> str:
    return _language(signals, stack)


def _dlq(tech: str, job: str) -> str:
    low = tech.lower()
    if "sqs" in low:
        return f"SQS redrive policy (maxReceiveCount 6) to `{job}-dlq`, alarm on depth > 0"
    if "bullmq" in low:
        return (
            f"failed jobs moved to the `{job}:dead` queue after the last retry, alarm on depth > 0"
        )
    if "kafka" in low:
        return f"`{job}.dlq` topic with the original headers, alarm on lag > 0"
    if "celery" in low:
        return f"`{job}.dead` queue via a task failure handler, alarm on depth > 0"
    if "job table" in low:
        return f"rows moved to status `dead` after the last retry (`{job}`), alarm on count > 0"
    return f"dead-letter queue `{job}.dlq`, alarm on depth > 0"


class _JobSpec(NamedTuple):
    name: str
    trigger: str
    compute: bool
    external: str | None
    what: str  # the key a retry dedupes on


def _jobs(
    signals: Signals, domain: DomainModel, arch: ArchitectureDecision, tech: str
) -> list[Job]:
    workers = arch.service_topology.async_workers
    default_worker = workers[0] if workers else "worker"
    jobs: list[Job] = []
    for name, trigger, compute, external, what in _job_specs(signals, domain, arch):
        worker = next(
            (w for w in workers if any(p in w.lower() for p in name.split(".") if len(p) > 2)),
            default_worker,
        )
        timeout = 900 if compute else (30 if external else 60)
        idem = f"dedupe on (job name, {what}) with a processed-jobs record kept 7 days"
        if external:
            idem += f"; the call to {external} carries an Idempotency-Key derived from the job id"
        jobs.append(
            Job(
                name=name,
                trigger=trigger,
                worker=worker + (" (compute pool)" if compute and len(workers) < 2 else ""),
                timeout_seconds=timeout,
                retry_policy=RETRY_POLICY,
                dead_letter=_dlq(tech, name),
                idempotency=idem,
            )
        )
    return jobs


def _job_specs(signals: Signals, domain: DomainModel, arch: ArchitectureDecision) -> list[_JobSpec]:
    """The background jobs the domain implies, in order, one per name (what :func:`_jobs`
    builds, and all :func:`queue_choice` needs to know)."""
    workers = arch.service_topology.async_workers
    specs: dict[str, _JobSpec] = {}

    def add(name: str, trigger: str, compute: bool, external: str | None, what: str) -> None:
        specs.setdefault(name, _JobSpec(name, trigger, compute, external, what))

    for j in domain.jobs:
        add(j.name, j.trigger, j.compute_heavy, j.external, "the triggering event id")
    notifying = [ep for ep in domain.endpoints if ep.notifications]
    notify_events = sorted({ev for ep in notifying for ev in ep.events})
    covered = {j.trigger for j in domain.jobs} | {
        ev for j in domain.jobs for ev in re.split(r"[,\s]+", j.trigger)
    }
    if (
        notifying
        and not any(re.search(r"notif|push|email|mail", j.name) for j in domain.jobs)
        and not set(notify_events) <= covered
    ):
        add(
            "notifications.send",
            "events: " + ", ".join(notify_events[:4] or ["notification created"]),
            False,
            next(
                (
                    t
                    for t in tr.third_parties(signals, domain)
                    if re.search(r"ses|sendgrid|postmark|mail|twilio|fcm|push|firebase", t, re.I)
                ),
                None,
            ),
            "notification id",
        )
    if signals.integration.webhooks.value in ("outbound", "both"):
        add(
            "webhooks.deliver",
            "any subscribed domain event",
            False,
            "customer endpoints",
            "event id + subscriber id",
        )
    if (
        signals.integration.webhooks.value in ("inbound", "both")
        or signals.integration.payments_needed.value
    ):
        src = tr.payment_provider(signals, domain) or "inbound webhook sender"
        add(
            "webhooks.process_inbound",
            f"signed webhook from {src} (acknowledged 200 immediately, processed async)",
            False,
            None,
            "provider event id",
        )
    b = signals.behavior
    if b.compute_intensity.score >= 3 and not any(j.compute_heavy for j in domain.jobs):
        # heavy work the domain did not name: one job per async worker of the topology
        for w in workers or ["worker"]:
            stem = re.sub(r"[^a-z0-9]+", "_", w.lower()).strip("_")
            stem = re.sub(r"_?(worker|process|service)$", "", stem) or "compute"
            add(f"{stem}.process", f"enqueued by the API for work {w} owns", True, None, "job id")
    if b.write_intensity.score >= 4 and not domain.jobs:
        target = next((e for e in domain.entities if e.append_only), None)
        name = target.plural if target else "writes"
        add(
            f"{name}.ingest",
            f"bursts of {name} buffered by the API and written in batches",
            False,
            None,
            "client-supplied event id",
        )
    if any(f.pii for e in domain.entities for f in e.fields):
        add("account.erase", "DELETE /v1/users/me (right to erasure)", False, None, "user id")
    return list(specs.values())


# ------------------------------------------------------------------------ breakers etc.


def _breakers(signals: Signals, domain: DomainModel, stack: Stack) -> list[CircuitBreaker]:
    names = tr.third_parties(signals, domain)
    if stack.email.technology and any(ep.notifications for ep in domain.endpoints):
        names = tr.dedupe([*names, stack.email.technology])
    # the media layer the stack chose is guarded as live media, whatever its name looks like
    live = media.technologies(stack)
    names = tr.dedupe([*names, *live])
    cats = reliability_knowledge().dependencies
    media_cat = next(c for c in cats if c.id == "media")
    out: list[CircuitBreaker] = []
    for name in names:
        cat = media_cat if name in live else next(c for c in cats if re.search(c.match, name, re.I))
        out.append(
            CircuitBreaker(
                service=name,
                failure_threshold=cat.failure_threshold,
                open_duration=cat.open_duration,
                fallback=cat.fallback.format(service=name),
                connect_timeout_ms=cat.connect_timeout_ms,
                read_timeout_ms=cat.read_timeout_ms,
            )
        )
    return out


def _shard_key(signals: Signals, domain: DomainModel) -> str:
    tenant = tr.tenant_entity(domain)
    if tenant is not None and tr.is_b2b(signals, domain):
        return f"`{tenant.name}_id` — every tenant's rows live together, so no query crosses shards and a large {tenant.name} can be moved to its own shard"
    if signals.data.relationships.value == "time_series":
        src = next((e for e in domain.entities if e.append_only), None)
        dev = next((r.field for e in domain.entities for r in e.relations if e.append_only), None)
        if dev:
            return f"(`{dev}`, time bucket) — {src.plural if src else 'readings'} are written and read per source over time ranges; hash on {dev}, range-partition by day"
    owners = [e for e in domain.entities if e.owner_field]
    biggest = next((e for e in owners if e.append_only), owners[0] if owners else None)
    if biggest is not None:
        return f"`user_id` (`{biggest.plural}.{biggest.owner_field}` and every owned table) — most queries are scoped to one user, so co-locating a user's rows keeps them on one shard"
    first = domain.entities[0] if domain.entities else None
    return f"`{first.name if first else 'record'}_id` hash — no ownership column exists; revisit when the access pattern is known"


def _db_path(
    signals: Signals, data: DataStrategy, shard: str, capacity: BudgetCapacity | None = None
) -> list[ScalingPhase]:
    db = data.primary_database
    fam = data.primary_database_family
    peak = signals.scale.peak_concurrent_users.value
    launch = f"launch, ~{peak:,} concurrent"
    if capacity is not None and capacity.binding == "budget" and capacity.supported_concurrent_high:
        # the budget binds: "now" is what it carries, and the stated peak is a later phase
        peak = capacity.supported_concurrent_high
        launch = (
            f"launch, ~{peak:,} concurrent (what the ${capacity.budget_monthly_usd:,}/month "
            f"budget carries; the stated {capacity.stated_peak_concurrent:,} needs the funding "
            "in the cost model)"
        )
    if fam == "sql":
        return [
            ScalingPhase(
                phase="Phase 1 (now)",
                load=launch,
                actions=f"single {db} primary (Multi-AZ standby when budget allows), automated daily backups + PITR, every FK indexed",
            ),
            ScalingPhase(
                phase="Phase 2 (10x)",
                load=f"~{peak * 10:,} concurrent",
                actions="read replicas for list/feed and reporting queries; the ORM routes read-only transactions to replicas, read-your-writes paths stay on the primary",
            ),
            ScalingPhase(
                phase="Phase 3 (100x)",
                load=f"~{peak * 100:,} concurrent",
                actions="connection pooling via PgBouncer (transaction mode), query result caching, partitioning of the largest append-only tables by month, vertical scale of the primary",
            ),
            ScalingPhase(
                phase="Phase 4 (1000x)",
                load=f"~{peak * 1000:,} concurrent",
                actions=f"horizontal sharding (Citus or application-level) on {shard.split(' — ')[0]}",
            ),
        ]
    return [
        ScalingPhase(
            phase="Phase 1 (now)",
            load=launch,
            actions=f"single {db} replica set / managed instance, automated backups",
        ),
        ScalingPhase(
            phase="Phase 2 (10x)",
            load=f"~{peak * 10:,} concurrent",
            actions="secondary reads for tolerant queries, larger instance class",
        ),
        ScalingPhase(
            phase="Phase 3 (100x)",
            load=f"~{peak * 100:,} concurrent",
            actions="connection limits via pooling in the driver, cache in front of hot reads, TTL/archival of cold data",
        ),
        ScalingPhase(
            phase="Phase 4 (1000x)",
            load=f"~{peak * 1000:,} concurrent",
            actions=f"native sharding on {shard.split(' — ')[0]}",
        ),
    ]


def _price_reference(primary_db: str, cloud: str) -> tuple[str, bool]:
    """(the note that says what the prices are for, whether the primary is PostgreSQL-based).

    The unit prices are AWS list prices with PostgreSQL on RDS; another cloud or database is
    priced by the equivalent tier, and the reader must be told so."""
    low = primary_db.lower()
    pg = "postgres" in low or "timescale" in low  # PgBouncer-compatible
    if "postgres" in low and "timescale" not in low and cloud == "aws":
        return (
            "Reference prices: AWS list prices with PostgreSQL on RDS, the design's own cloud "
            "and database",
            pg,
        )
    where = {
        "aws": "AWS",
        "gcp": "Google Cloud",
        "azure": "Azure",
        "self_hosted": "your own hardware",
    }.get(cloud, cloud)
    return (
        f"Reference prices: AWS list prices with PostgreSQL on RDS; {primary_db} on {where} is "
        "sized by the same request rates and priced at its equivalent tier (expect ±25%; "
        "re-price the chosen tiers before budgeting)",
        pg,
    )


def _cost_model(
    signals: Signals,
    has_cache: bool,
    has_queue: bool,
    realtime: bool,
    primary_db: str = "PostgreSQL",
    cloud: str = "aws",
    media_plan: tuple[str, str] | None = None,
    media_tech: str = "",
    vector_store: str | None = None,
) -> tuple[list[CostTier], BudgetCapacity | None, list[str], str | None]:
    k = costs.knowledge()
    reference, pg = _price_reference(primary_db, cloud)
    rates = k.assumptions.requests_per_user_per_second
    peak = signals.scale.peak_concurrent_users.value
    budget = signals.constraints.budget_monthly_usd.value
    points: list[tuple[int, str]] = [
        (1_000, "launch"),
        (10_000, "10K"),
        (100_000, "100K"),
        (1_000_000, "1M"),
    ]
    if peak not in {p for p, _ in points}:
        points.append((peak, "stated peak"))
    kwargs = {
        "cache_layer": has_cache,
        "queue": has_queue,
        "realtime": realtime,
        "media": media_plan,
        # a managed vector database: priced by the embeddings data.volume implies
        "vector_store": (
            (vector_store, vs.managed_monthly_usd(signals.data.volume.value))
            if vector_store
            else None
        ),
    }
    # the live-media option the stack did not choose, priced per tier like the heavy column
    other = None
    if media_plan is not None:
        flip = "managed" if media_plan[1] == "self_hosted" else "self_hosted"
        other = {**kwargs, "media": (media_plan[0], flip)}
    cap_low = cap_high = None
    if budget:
        # one figure per document: Stage 1's conflict and Stage 2's sizing quote the
        # conservative rule of thumb; the cost model can only lower it (a budget below the
        # minimum footprint), never print a second, larger range
        rule_low, rule_high = capacity_for_budget(budget)
        cap_low = costs.round_users(min(rule_low, costs.capacity(budget, rates.heavy, **kwargs)))
        cap_high = costs.round_users(
            min(rule_high, costs.capacity(budget, rates.typical, **kwargs))
        )
        if cap_high > 0 and cap_high not in {p for p, _ in points}:
            points.append((cap_high, f"${budget:,} budget ceiling"))
    tiers: list[CostTier] = []
    for users, label in sorted(points):
        total, lines, names = costs.monthly_cost(users, rates.typical, **kwargs)
        heavy = costs.monthly_total(users, rates.heavy, **kwargs)
        alt = costs.monthly_total(users, rates.typical, **other) if other else None
        components = ", ".join(names)
        if not pg:  # PgBouncer pools PostgreSQL connections only
            components = components.replace("PgBouncer", "driver connection pooling")
        tiers.append(
            CostTier(
                concurrent_users=users,
                monthly_usd=total,
                components=components,
                phase=label,
                line_items=lines,
                monthly_usd_heavy=heavy,
                monthly_usd_media_alternative=alt,
                media_alternative=(
                    ("managed media" if other["media"][1] == "managed" else "self-hosted media")
                    if other
                    else None
                ),
            )
        )
    a = k.assumptions
    assumptions = [
        reference,
        f"Unit prices: on-demand list prices as of {k.as_of} (knowledge/costs.yaml, each with its source); reserved/savings plans cut 30-40%",
        f"Load: {rates.typical} requests/s per concurrent user (typical), {rates.heavy} (heavy); {a.rps_per_app_instance} requests/s per 2 vCPU container, minimum {a.min_app_instances} containers",
        f"Database sees {int(a.db_share_of_requests * 100)}% of requests with the cache ({int(a.db_share_without_cache * 100)}% without)",
        f"{a.egress_gb_per_concurrent_user_month} GB/month CDN egress per concurrent user; a second active region above {a.multi_region_from_users:,} concurrent (×{a.multi_region_multiplier})",
    ]
    if vector_store:
        vc = vs.knowledge().managed_cost
        stored = vs.stored_vectors(signals.data.volume.value)
        assumptions.append(
            f"Vector database ({vector_store}): ${vc.base_usd_month:,}/month for {vc.unit} "
            f"(${vc.per_million_vectors_usd_month:g} per million), sized for {vs.about(stored)} "
            f"embeddings from data.volume = {signals.data.volume.value}; the same at every "
            f"tier. Source: {vc.source} (knowledge/vector_search.yaml)"
        )
    if media_plan is not None and signals.media is not None:
        assumptions.append(
            _media_assumption(signals, media_plan, media_tech, rates.typical, kwargs)
        )
    capacity = None
    binding = None
    if budget:
        peak_cost = costs.monthly_total(peak, rates.typical, **kwargs)
        lo = cap_low or 0
        hi = cap_high or 0
        if peak_cost > budget or peak > hi:
            ratio = peak_cost / budget
            mag = int(math.log10(ratio)) if ratio >= 10 else 0
            gap = (
                f"about {ratio:,.0f}× the budget"
                + (f" ({mag} orders of magnitude more)" if mag >= 2 else "")
                if peak_cost > budget
                else "the whole budget at typical usage, with no headroom for heavy usage"
            )
            statement = (
                f"Binding constraint: the ${budget:,}/month budget. It realistically supports "
                f"~{lo:,}–{hi:,} concurrent users on optimized infrastructure (heavy vs typical "
                f"usage); the stated {peak:,} concurrent users would cost ~${peak_cost:,}/month, "
                f"{gap}. The architecture is sized to the budget; the cost table shows the "
                "funding each step up requires."
            )
            kind = "budget"
        else:
            statement = (
                f"The ${budget:,}/month budget is not binding: the stated {peak:,} concurrent users "
                f"cost ~${peak_cost:,}/month; the budget would carry ~{lo:,}–{hi:,} concurrent users."
            )
            kind = "scale"
        capacity = BudgetCapacity(
            budget_monthly_usd=budget,
            supported_concurrent_low=lo,
            supported_concurrent_high=hi,
            stated_peak_concurrent=peak,
            stated_peak_monthly_usd=peak_cost,
            binding=kind,
            statement=statement,
        )
        binding = statement
    return tiers, capacity, assumptions, binding


def _media_assumption(
    signals: Signals,
    plan: tuple[str, str],
    tech: str,
    rate: float,
    kwargs: dict[str, object],
) -> str:
    """The self-hosted vs managed trade-off of the live-media layer, in the numbers the cost
    table uses: which one the stack chose, the other's unit price, and where they cross."""
    k = costs.knowledge()
    a = k.assumptions
    c = k.components
    kind, hosting = plan
    unit = c.media_managed_participant_minute if kind == "calls" else c.media_managed_viewer_minute
    what = "participant-minute" if kind == "calls" else "viewer-minute"
    price = unit.usd if unit and unit.usd is not None else 0
    flags = {n: bool(kwargs[n]) for n in ("cache_layer", "queue", "realtime")}
    cross = costs.media_crossover(rate, kind, **flags)
    self_hosted = (
        f"self-hosted: one media server per {a.media_participants_per_node} concurrent "
        f"participants plus {a.media_egress_gb_per_concurrent_user_month:g} GB/month of stream "
        "egress per concurrent media seat (~1.5 Mbps, 8 h/day)"
    )
    managed = (
        f"managed: ${price:g} per {what} ({a.media_minutes_per_concurrent_seat_month:,} minutes "
        "per concurrent media seat a month), delivery included"
    )
    chosen, other = (self_hosted, managed) if hosting == "self_hosted" else (managed, self_hosted)
    return (
        f"Live media (media = {', '.join(signals.media.value) if signals.media else kind}) "
        f"through {tech}, priced as chosen — {chosen}; the column 'With "
        f"{'managed' if hosting == 'self_hosted' else 'self-hosted'} media' prices the "
        f"alternative — {other}. Managed is cheaper below ~{cross:,} concurrent media seats "
        "and dearer above (no servers, TURN or egress to run versus a per-minute bill)"
    )


def _scaling_trigger(signals: Signals) -> str:
    b = signals.behavior.primary_behavior.value
    lat = tr.api_latency(signals)
    if b == "real_time":
        return "WebSocket connections per instance > 5,000 or CPU > 70% for 5 min (scale out; sticky sessions not required because pub/sub fans out)"
    if b == "compute_heavy":
        return "worker queue depth > 100 jobs per worker or oldest job age > 60 s (scale workers); API on CPU > 70% for 5 min"
    if b == "write_heavy":
        return "request queue depth / p95 write latency > 300 ms or CPU > 70% for 5 min"
    if lat:
        return f"p95 latency approaching the stated requirement ({lat}) or CPU > 70% for 5 min"
    return (
        "CPU > 70% for 5 min or p95 latency > 500 ms (scale out by one instance, cool-down 5 min)"
    )


def queue_choice(
    signals: Signals, domain: DomainModel, architecture: ArchitectureDecision, stack: Stack
) -> tuple[str | None, str]:
    """(queue technology or None, rationale) — shared with Stage 9 so both name the same queue.

    The stack's pick (Stage 4 registry) wins. When the stack has no message queue but the domain
    still implies background jobs, they run on a job table in the SQL primary (SELECT … FOR
    UPDATE SKIP LOCKED) so retries and dead-lettering exist without adding a broker.
    """
    if stack.queue.technology:
        why = stack.queue.justification
        if not why or why == "(skeleton)":
            why = queue_by_rules(signals, stack, _language(signals, stack))[1]
        return stack.queue.technology, why
    b = signals.behavior
    if b.write_intensity.score >= 4 or b.compute_intensity.score >= 3:
        # the seed requires a queue here; the stack should have picked one
        return queue_by_rules(signals, stack, _language(signals, stack))
    probe = _job_specs(signals, domain, architecture)
    if not probe:
        return None, stack.queue.justification
    db = stack.primary_database.technology or "the primary database"
    return (
        f"{db} job table (SKIP LOCKED)",
        f"the stack selects no message broker ({stack.queue.justification.rstrip('.')}); the "
        f"few background jobs the domain implies ({', '.join(j.name for j in probe[:4])}) run "
        f"from a job table in {db}, polled with SELECT … FOR UPDATE SKIP LOCKED — retries, "
        "timeouts and a dead-letter state without another service to operate",
    )


def build_scalability(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    stack: Stack,
) -> ScalabilityDesign:
    b = signals.behavior
    caching, anti, never_cached = _caching(signals, domain, data, stack)
    has_cache = any(c.location.startswith("Application cache") for c in caching)
    required = b.write_intensity.score >= 4 or b.compute_intensity.score >= 3
    reason = None
    if b.write_intensity.score >= 4:
        reason = f"write_intensity = {b.write_intensity.score} (≥ 4)"
    elif b.compute_intensity.score >= 3:
        reason = f"compute_intensity = {b.compute_intensity.score} (≥ 3)"
    queue = None
    tech, rationale = queue_choice(signals, domain, architecture, stack)
    if tech is not None:
        queue = QueueDesign(
            technology=tech,
            rationale=rationale + (f"; required because {reason}" if reason else ""),
            jobs=_jobs(signals, domain, architecture, tech),
        )
    # a separate WebSocket fleet is costed only when the topology has one or real-time dominates
    realtime = (
        b.real_time_intensity.score >= 4
        or architecture.service_topology.real_time_layer is not None
    )
    shard = _shard_key(signals, domain)
    tiers, capacity, assumptions, binding = _cost_model(
        signals,
        has_cache,
        queue is not None,
        realtime,
        primary_db=data.primary_database,
        cloud=tr.cloud_id(signals, stack),
        media_plan=media.pricing(stack),
        media_tech=", ".join(media.technologies(stack)),
        vector_store=stack.vector_store,
    )
    # device / agent traffic is not per-user load: stated beside the tiers, from the same rate
    # Stage 7's ingest limit is sized from
    ingest = capacity_note(signals, domain, costs.knowledge().assumptions.rps_per_app_instance)
    if ingest is not None:
        assumptions.append(ingest)
    strong = signals.data.consistency.value == "strong"
    db_timeouts = (
        f"statement_timeout {'3 s' if strong else '5 s'} for API connections, 60 s for workers; "
        "lock_timeout 2 s; idle_in_transaction_session_timeout 30 s; slow-query log > 500 ms "
        "with an alert when p95 query time > 200 ms for 10 min"
        if data.primary_database_family == "sql"
        else f"{data.primary_database} driver timeouts: operation timeout 5 s (maxTimeMS), connect 2 s; slow operations > 100 ms logged and alerted"
    )
    cdn = None
    if b.read_intensity.score >= 3 or tr.has_uploads(domain, stack):
        c = tr.cloud(signals, stack)
        public_gets = [
            f"GET /v1{ep.path}"
            for ep in domain.endpoints
            if ep.method == "GET" and ep.auth == "public"
        ]
        cdn = {
            "provider": architecture.service_topology.cdn_layer or c.cdn,
            "static_assets": "immutable caching (Cache-Control: public, max-age=604800, immutable) with content-hashed filenames",
            "api_responses": (
                "CDN-cacheable with s-maxage=60, stale-while-revalidate=300: "
                + ", ".join(public_gets[:5])
                if public_gets and signals.data.sensitivity.value in ("none", "pii")
                else "no API responses cached at the edge (all endpoints are authenticated or sensitive); Cache-Control: private, no-store"
            ),
            "media": (
                "upload: client gets a pre-signed PUT URL (5 min, size/type limited) → object storage origin → CDN pull; private media via signed CDN URLs"
                if tr.has_uploads(domain, stack)
                else "no user media; only static assets"
            ),
            "cache_purge": "static: never (new filenames per build); media: path invalidation on delete; API: TTL expiry (≤ 60 s), no purges",
        }
    error_handling = {
        "operational": "expected errors (validation, not found, auth failure, conflict): 4XX with the standard error envelope, logged at INFO, never paged",
        "system": "unexpected errors (database down, dependency timeout, OOM): generic 500 with request_id only, logged at ERROR with full context, paged when the 5XX rate > 5% for 5 min, circuit breaker trips for the failing dependency",
        "client_retries": "clients retry only idempotent requests (GET, or writes with Idempotency-Key) on 502/503/504 with backoff",
    }
    horizontal = {
        "stateless_services": "confirmed: application servers keep no local state; any instance serves any request",
        "session_state": (
            "JWT access tokens verified locally; refresh-token families and the revocation list in "
            f"{stack.cache.technology or 'Redis'}, not in process memory"
        ),
        "file_uploads": (
            "streamed directly to object storage with pre-signed URLs, never through the application server"
            if tr.has_uploads(domain, stack)
            else "no user uploads implied; if added, use pre-signed URLs straight to object storage"
        ),
        "scaling_trigger": _scaling_trigger(signals),
    }
    if realtime:
        horizontal["realtime"] = (
            f"{architecture.service_topology.real_time_layer or 'WebSocket service'} scales on connection count; "
            "instances share messages through Redis pub/sub so a client can reconnect to any instance"
        )
    return ScalabilityDesign(
        caching=caching,
        cache_anti_patterns=anti,
        never_cached=never_cached,
        queue=queue,
        error_handling=error_handling,
        circuit_breakers=_breakers(signals, domain, stack),
        database_timeouts=db_timeouts,
        horizontal_scaling=horizontal,
        database_scaling_path=_db_path(signals, data, shard, capacity),
        sharding_key=shard,
        cdn=cdn,
        cost_model=tiers,
        binding_constraint=binding,
        cost_assumptions=assumptions,
        budget=capacity,
        queue_required=required,
        queue_required_reason=reason,
        scaling_trigger=horizontal["scaling_trigger"],
    )


def ttl_label(seconds: int) -> str:
    return _human(seconds)
