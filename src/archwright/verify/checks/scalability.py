"""Scalability & reliability checks (seed Stage 10 "SCALABILITY CHECKS" and Stage 8)."""

from __future__ import annotations

import re

from archwright.models.document import ArchitectureDocument
from archwright.models.scalability import CircuitBreaker, Job
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import blank, words

_SNAKE = re.compile(r"[a-z0-9_]+")


def _cached_names(doc) -> set[str]:
    names: set[str] = set()
    for c in doc.scalability.caching:
        # snake_case entity names (discount_code) count as one word as well as their parts
        names |= words(c.resource) | set(_SNAKE.findall(c.resource.lower())) | {c.resource.lower()}
    return names


class CacheCoversReads(Check):
    """Read-heavy products (read intensity ≥ 3) cache every resource the data strategy caches.

    Anti-pattern: Stage 3 decides to cache feeds and profiles, Stage 8 specifies nothing for them.

    Best practice: one cached-resource spec (location, key, TTL, invalidation, stampede
    protection) per cached entity — or, in ``never_cached``, the reason Stage 8 refuses to cache
    it (mutable financial data under strong consistency).
    """

    code = "AW-SCL-001"
    name = "scalability.cache_covers_reads"
    area = "scalability"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.scalability is None:
            return []
        read = doc.signals.behavior.read_intensity.score
        out = []
        if read >= 3 and not doc.scalability.caching:
            out.append(
                self.finding(
                    f"read intensity {read} but no cached resources", "scalability.caching"
                )
            )
        names = _cached_names(doc) if doc.scalability.caching else set()
        for entity in doc.data_strategy.caching_strategy.entities_cached:
            if not blank(doc.scalability.never_cached.get(entity)):
                continue  # a reasoned refusal (e.g. balances under strong consistency) is a spec
            e = doc.domain.entity(entity)
            keys = {entity.lower()} | ({e.plural} if e else set())
            if not keys & names:
                out.append(
                    self.finding(
                        f"cached entity {entity} has no cache specification", "scalability.caching"
                    )
                )
        return out


def _immutable(c) -> bool:
    """Content-addressed entries (hashed filenames) never change, so a long TTL is safe."""
    text = f"{c.key_format} {c.ttl_rationale} {c.invalidation}".lower()
    return "immutable" in text or "content-hash" in text or "{hash}" in text


class CacheInvalidation(Check):
    """Every cached resource has a TTL and an invalidation rule (no infinite TTLs).

    Anti-pattern: a profile cached "forever" — edits never show up.

    Best practice: a bounded TTL with its rationale and an on-write / event-driven invalidation;
    only immutable, content-hashed entries (e.g. `/assets/app.{hash}.js`) may live longer than
    7 days.
    """

    code = "AW-SCL-002"
    name = "scalability.cache_invalidation"
    area = "scalability"
    touches = ("scalability",)

    MAX_TTL = 7 * 24 * 3600

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.scalability is None:
            return []
        out = []
        for c in doc.scalability.caching:
            loc = f"scalability.caching[{c.resource}]"
            if blank(c.invalidation):
                out.append(self.finding("no invalidation rule", loc))
            if c.ttl_seconds > self.MAX_TTL and not _immutable(c):
                out.append(self.finding(f"TTL {c.ttl_seconds}s is longer than 7 days", loc))
            for f in ("key_format", "stampede_protection", "miss_behavior"):
                if blank(getattr(c, f)):
                    out.append(self.finding(f"{f} undefined", loc))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        for c in doc.scalability.caching if doc.scalability else []:
            if blank(c.invalidation):
                c.invalidation = "on-write: the writer deletes the key after commit"
            if c.ttl_seconds > self.MAX_TTL and not _immutable(c):
                c.ttl_seconds = self.MAX_TTL
        return doc


class QueueWhenNeeded(Check):
    """An async queue with its jobs is defined when write intensity ≥ 4 or compute intensity ≥ 3.

    Anti-pattern: video transcoding inside the request handler — or a queue chosen with no
    job ever specified for the workers that consume it.

    Best practice: a queue (SQS / BullMQ / RabbitMQ…) and a job table row per async worker.
    """

    code = "AW-SCL-003"
    name = "scalability.queue_when_needed"
    area = "scalability"
    touches = ("scalability",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.scalability is None:
            return []
        b = doc.signals.behavior
        if b.write_intensity.score >= 4 or b.compute_intensity.score >= 3:
            q = doc.scalability.queue
            if q is None or not q.jobs:
                return [
                    self.finding(
                        f"write {b.write_intensity.score} / compute {b.compute_intensity.score} "
                        "but no queue with jobs",
                        "scalability.queue",
                    )
                ]
        return []

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        # only the job table is filled in: choosing a queue technology is Stage 8's decision
        q = doc.scalability.queue if doc.scalability else None
        if q is None or q.jobs:
            return doc
        for worker in doc.architecture.service_topology.async_workers:
            heavy = bool(words(worker) & {"compute", "ai", "ml", "gpu", "media", "video", "image"})
            slug = (
                "_".join(
                    sorted(
                        words(worker) - {"worker", "process", "the", "a"}, key=worker.lower().find
                    )[:3]
                )
                or "background"
            )
            q.jobs.append(
                Job(
                    name=f"{slug}.task",
                    trigger=f"enqueued by the API for work that {worker} owns",
                    worker=worker,
                    timeout_seconds=900 if heavy else 60,
                    retry_policy="exponential backoff, base 2 s, max 5 attempts, jitter",
                    dead_letter=f"{slug}.dlq (alert on depth > 0)",
                    idempotency="handler keyed on the job id; a repeat is a no-op",
                )
            )
        return doc


class JobReliability(Check):
    """Every async job has a timeout, a retry policy, a dead-letter queue and idempotency.

    Anti-pattern: a job retried forever, or silently dropped after its last attempt.

    Best practice: timeout always set; exponential backoff with jitter (max 5); a DLQ; an
    idempotent handler.
    """

    code = "AW-SCL-004"
    name = "scalability.job_reliability"
    area = "scalability"
    touches = ("scalability",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.scalability is None or doc.scalability.queue is None:
            return []
        return [
            self.finding(f"{f} undefined", f"scalability.queue.jobs[{j.name}]")
            for j in doc.scalability.queue.jobs
            for f in ("retry_policy", "dead_letter", "idempotency", "worker")
            if blank(getattr(j, f))
        ]

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        q = doc.scalability.queue if doc.scalability else None
        for j in q.jobs if q else []:
            if blank(j.retry_policy):
                j.retry_policy = "exponential backoff, base 2 s, max 5 attempts, jitter"
            if blank(j.dead_letter):
                j.dead_letter = f"{j.name}.dlq (alert on depth > 0)"
            if blank(j.idempotency):
                j.idempotency = "handler keyed on the job id; a repeat is a no-op"
        return doc


def external_services(doc) -> list[str]:
    """Third parties the system calls: Stage 1's list, the domain's and the diagram's."""
    names = list(doc.signals.integration.third_party_services.value)
    names += list(doc.domain.third_parties)
    if doc.overview is not None:
        names += [
            n.technology or n.label for n in doc.overview.topology.nodes if n.kind == "external"
        ]
    seen: dict[str, str] = {}
    for n in names:
        key = n.strip().lower()
        if key and key not in seen:
            seen[key] = n.strip()
    return list(seen.values())


def _covered(service: str, breakers) -> bool:
    w = words(service)
    low = service.lower()
    for b in breakers:
        bl = b.service.lower()
        if low in bl or bl in low or (w & words(b.service)) - {"api", "service", "the"}:
            return True
    return False


class CircuitBreakers(Check):
    """Every external service dependency has a circuit breaker with timeouts and a fallback.

    Anti-pattern: a slow payment provider ties up every worker thread until the site is down.

    Best practice: closed→open→half-open with thresholds, connect and read timeouts, and a
    defined fallback per service.
    """

    code = "AW-SCL-005"
    name = "scalability.circuit_breakers"
    area = "scalability"
    touches = ("scalability",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.scalability is None:
            return []
        cbs = doc.scalability.circuit_breakers
        out = [
            self.finding(
                f"external service {s} has no circuit breaker", "scalability.circuit_breakers"
            )
            for s in external_services(doc)
            if not _covered(s, cbs)
        ]
        for b in cbs:
            loc = f"scalability.circuit_breakers[{b.service}]"
            if b.connect_timeout_ms <= 0 or b.read_timeout_ms <= 0:
                out.append(self.finding("timeouts must be positive", loc))
            if blank(b.fallback) or blank(b.failure_threshold):
                out.append(self.finding("no fallback or failure threshold", loc))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.scalability is None:
            return doc
        for s in external_services(doc):
            if not _covered(s, doc.scalability.circuit_breakers):
                doc.scalability.circuit_breakers.append(
                    CircuitBreaker(
                        service=s,
                        failure_threshold="5 failures in 30 s → open",
                        open_duration="30 s, then half-open with one trial call",
                        fallback="Fail fast with 503 and Retry-After; queue the call for a "
                        "retry when it is not user-facing.",
                        connect_timeout_ms=2000,
                        read_timeout_ms=5000,
                    )
                )
        return doc


class DatabaseScalingPath(Check):
    """The database scaling path has at least 3 phases and a sharding key chosen today.

    Anti-pattern: "we'll shard when we need to" — and the key chosen in a hurry is wrong.

    Best practice: now → read replicas → pooling/caching → sharding, with the shard key named.
    """

    code = "AW-SCL-006"
    name = "scalability.db_scaling_path"
    area = "scalability"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.scalability is None:
            return []
        out = []
        n = len(doc.scalability.database_scaling_path)
        if n < 3:
            out.append(
                self.finding(
                    f"only {n} scaling phases (minimum 3)", "scalability.database_scaling_path"
                )
            )
        if blank(doc.scalability.sharding_key):
            out.append(self.finding("no sharding key", "scalability.sharding_key"))
        if blank(doc.scalability.database_timeouts):
            out.append(self.finding("no database query timeout", "scalability.database_timeouts"))
        return out
