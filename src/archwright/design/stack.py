"""Technology selection shared by Stages 4, 8 and 9.

A pure function of Stage 1-3 outputs, so the tech stack registry (Stage 4), the queue and cache
design (Stage 8) and the observability tooling (Stage 9) name the same products. Every product
named comes from ``knowledge/technologies.yaml``; the rules below decide which one, citing the
Stage 1 field that made the choice. A technology the user names is honored unless the
anti-over-engineering rules or a conflict say otherwise, and the row then says so.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import Field

from archwright.decide.extensions import (
    in_layer,
    is_extension,
    primary_database_id,
    technologies,  # noqa: F401 (Stage 4's catalog, imported from here by the tests)
    technology,
)
from archwright.decide.runtime import primary_language
from archwright.design import vector_search as vs
from archwright.design.api_style import select_api_style
from archwright.intake.rules import preference_verdict
from archwright.models.base import Model
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.signals import TEAM_ORDER, Leaf, Signals
from archwright.models.technology import Technology


class Pick(Model):
    """One chosen technology for a layer, with why, and what else was considered."""

    layer: str
    technology: str | None  # None: the layer is not needed (justification says why)
    version_tier: str
    justification: str
    alternative_considered: str
    preference: str | None = None
    tech_id: str | None = None  # id in knowledge/technologies.yaml


class Stack(Model):
    runtime: Pick
    framework: Pick
    api_style: Pick
    primary_database: Pick
    cache: Pick
    queue: Pick
    realtime: Pick
    object_storage: Pick
    search: Pick
    auth_provider: Pick
    email: Pick
    cloud: Pick
    orchestration: Pick
    cicd: Pick
    monitoring: Pick
    error_tracking: Pick
    extra: list[Pick] = Field(default_factory=list)  # product-specific rows (CRDT, CDN, KMS...)
    language: str = "typescript"  # primary language id (decide/runtime.py)
    migration_tool: str = "Prisma Migrate"
    secrets: str = "AWS Secrets Manager + KMS"
    crdt: str | None = None
    media: str | None = None  # the WebRTC SFU for live calls
    broadcast: str | None = None  # live ingest + LL-HLS for one-to-many streams
    cdn: str | None = None
    db_proxy: str | None = None
    gateway: str = "AWS Application Load Balancer"
    vector_search: Pick | None = None  # only when the domain holds embeddings
    # the vector database when it is a store of its own (not an extension of the primary one)
    vector_store: str | None = None

    def rows(self) -> list[Pick]:
        """The registry rows in the seed's order, then the product-specific ones."""
        return [
            self.runtime,
            self.framework,
            self.api_style,
            self.primary_database,
            self.cache,
            self.queue,
            self.realtime,
            self.object_storage,
            self.search,
            self.auth_provider,
            self.email,
            self.cloud,
            self.orchestration,
            self.cicd,
            self.monitoring,
            self.error_tracking,
            *self.extra,
        ]


def _alt(t: Technology) -> str:
    return _alternatives_named(t.id)


@cache  # ~30 rows a document, over a catalog that never changes in a process
def _alternatives_named(tech_id: str) -> str:
    return " / ".join(technology(a).name for a in technology(tech_id).alternatives[:2])


def _pick(layer: str, tech_id: str, why: str, *, preference: str | None = None) -> Pick:
    t = technology(tech_id)
    return Pick(
        layer=layer,
        technology=t.name,
        version_tier=t.version_tier,
        justification=f"{why} {t.rationale}".strip(),
        alternative_considered=_alt(t),
        preference=preference,
        tech_id=t.id,
    )


_MANAGED_CACHE = {
    "aws": "managed: Amazon ElastiCache",
    "gcp": "managed: Memorystore",
    "azure": "managed: Azure Cache for Redis",
    "self_hosted": "self-hosted",
}


def _hosted_tier(tier: str, cloud: str) -> str:
    """A catalog tier listing every cloud's managed offering, narrowed to the chosen cloud's."""
    return re.sub(r"\(managed: [^)]*\)", f"({_MANAGED_CACHE.get(cloud, 'managed')})", tier)


def _none(layer: str, why: str, alternative: str) -> Pick:
    return Pick(
        layer=layer,
        technology=None,
        version_tier="not needed",
        justification=f"Not needed: {why}",
        alternative_considered=alternative,
    )


@cache
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """The alias as a whole word (compiled once: re's own cache of 512 patterns is churned by
    the per-document paths and names of the other stages)."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])")


def _stated(
    signals: Signals,
    layer: str,
    *,
    language: str | None = None,
    among: frozenset[str] | None = None,
) -> Technology | None:
    """A catalog entry of ``layer`` (and of ``among``, when given) the user named (stated stack
    or a preference), if any."""
    said = [s.lower().strip() for s in signals.stated_stack]
    said += [p.requested.lower().strip() for p in signals.preferences if p.stance == "use"]
    if not said:
        return None  # most prompts name no technology: no alias to look for
    for t in in_layer(layer):
        if language and t.languages and language not in t.languages:
            continue
        if among is not None and t.id not in among:
            continue
        for alias in t.aliases:
            pat = _alias_pattern(alias)
            if any(pat.search(s) for s in said):
                return t
    return None


def _cloud_id(signals: Signals) -> tuple[str, str]:
    cp = signals.constraints.cloud_provider.value
    if cp in ("aws", "gcp", "azure", "self_hosted"):
        return cp, f"constraints.cloud_provider = {cp} (stated or inferred in Stage 1)."
    return "aws", (
        f"constraints.cloud_provider = {cp}: defaulting to AWS, the broadest catalog of managed "
        "services (queues, RDS Proxy, HIPAA/PCI-eligible services) and the largest hiring pool."
    )


def _for_cloud(layer: str, cloud: str, fallback: str) -> str:
    for t in in_layer(layer):
        if cloud in t.clouds:
            return t.id
    return fallback


def _for_language(layer: str, lang: str, fallback: str | None) -> str | None:
    for t in in_layer(layer):
        if lang in t.languages:
            return t.id
    return fallback


def _small_team(signals: Signals) -> bool:
    return TEAM_ORDER.get(signals.product.team_size.value, -1) < TEAM_ORDER["20+"]


def needs_queue(signals: Signals, workers: list[str]) -> bool:
    b = signals.behavior
    return b.write_intensity.score >= 4 or b.compute_intensity.score >= 3 or bool(workers)


def _queue(signals: Signals, pattern: str, workers: list[str], lang: str, cloud: str) -> Pick:
    layer = "Message Queue"
    b = signals.behavior
    if not needs_queue(signals, workers):
        return _none(
            layer,
            f"behavior.write_intensity = {b.write_intensity.score} (< 4) and "
            f"behavior.compute_intensity = {b.compute_intensity.score} (< 3): no work needs to "
            "leave the request path; a queue would add a failure mode without benefit.",
            "BullMQ / Amazon SQS when background jobs appear",
        )
    why = (
        f"behavior.write_intensity = {b.write_intensity.score}, behavior.compute_intensity = "
        f"{b.compute_intensity.score}: slow or bursty work runs outside the request path."
    )
    stated = _stated(signals, "queue")
    if stated is not None:
        # Stage 1 decided whether the named queue is justified (knowledge/conflicts.yaml, e.g.
        # kafka_not_justified); this row follows that record so the document speaks with one
        # voice — it never judges the choice again by a rule of its own
        record = preference_verdict(signals, stated.id, stated.name, "queue")
        if record.decision != "honored":
            default = _queue_without(pattern, lang, cloud, {stated.id, *_avoided(signals)})
            verdict = "rejected" if record.decision == "rejected" else "overridden"
            p = _pick(
                layer,
                default,
                f"{why} {record.requested} was requested but is {verdict} (Stage 1 preference "
                f"record, {record.decision}): {record.reason}",
                preference=f"{record.requested} ({verdict})",
            )
            role = f": {record.alternative_role}" if record.alternative_role else ""
            return p.model_copy(update={"alternative_considered": f"{stated.name}{role}"})
        if (not stated.languages or lang in stated.languages) and (
            not stated.clouds or cloud in stated.clouds
        ):
            return _pick(
                layer, stated.id, f"{why} Honors the stated preference.", preference=stated.name
            )
    return _pick(layer, _queue_without(pattern, lang, cloud, _avoided(signals)), why)


def _avoided(signals: Signals) -> set[str]:
    return {p.technology for p in signals.preferences if p.stance == "avoid" and p.technology}


def _queue_without(pattern: str, lang: str, cloud: str, excluded: set[str]) -> str:
    """The default queue, or — when the user turned it down ("avoid BullMQ", or asked for it
    and ruled it out) — the cloud's managed queue, else the first catalog alternative, that is
    not excluded."""
    default = _default_queue(pattern, lang, cloud)
    if default not in excluded:
        return default
    managed = _for_cloud("queue", cloud, "rabbitmq") if cloud != "self_hosted" else "rabbitmq"
    for alt in (managed, *technology(default).alternatives, "rabbitmq", "nats"):
        if alt not in excluded:
            return alt
    return default


def _default_queue(pattern: str, lang: str, cloud: str) -> str:
    if pattern == "serverless" and cloud == "aws":
        return "sqs"
    # the language-native job library (BullMQ, Celery, Sidekiq) brings Redis if the stack has
    # none yet: one small managed Redis beats a second broker for a small team
    native = {"typescript": "bullmq", "python": "celery", "ruby": "sidekiq", "elixir": "oban"}
    if lang in native:
        return native[lang]
    return _for_cloud("queue", cloud, "rabbitmq") if cloud != "self_hosted" else "rabbitmq"


def realtime_transport(signals: Signals, lang: str) -> str | None:
    """Catalog id of the real-time transport, or None below real-time 3."""
    rt = signals.behavior.real_time_intensity.score
    if rt < 3:
        return None
    if rt == 3:
        return "sse"
    stated = _stated(signals, "realtime", language=lang)
    if stated is not None and stated.id not in ("sse", "api_gateway_ws"):
        return stated.id
    return _for_language("realtime", lang, "ws") or "ws"


_COEDIT = re.compile(
    # "multiplayer" alone is a game (server-authoritative state, no merge of concurrent edits);
    # only multiplayer *editing* of a shared artefact needs a CRDT
    r"collaborat|co-?edit|multiplayer (?:edit|editor|editing|doc|canvas|design)|whiteboard|"
    r"shared (doc|document|canvas|board)|offline",
    re.I,
)


def crdt_choice(signals: Signals, architecture: ArchitectureDecision) -> str | None:
    """The CRDT library when several people edit the same state live: Stage 2's real-time layer
    says so, or Stage 1's real-time evidence is about co-editing / offline edits (real-time >= 4)."""
    layer = (architecture.service_topology.real_time_layer or "").lower()
    rt = signals.behavior.real_time_intensity
    coedit = rt.score >= 4 and bool(_COEDIT.search(f"{rt.evidence} {signals.product.name.value}"))
    if not (coedit or "crdt" in layer or "yjs" in layer or "automerge" in layer):
        return None
    stated = _stated(signals, "crdt")
    if stated is not None:
        return stated.id
    first = {name: layer.find(name) for name in ("yjs", "automerge") if name in layer}
    return min(first, key=lambda n: first[n]) if first else "yjs"


def uses_functions(architecture: ArchitectureDecision) -> bool:
    """Serverless functions anywhere in the topology (connection storms on a SQL database)."""
    topo = architecture.service_topology
    parts = [*topo.async_workers, *topo.edge_functions, *topo.core_services]
    return architecture.architecture_pattern == "serverless" or any(
        re.search(r"lambda|cloud functions|azure functions", p, re.I) for p in parts
    )


def api_style_and_queue(signals: Signals, pattern: str, workers: list[str]) -> tuple[Pick, Pick]:
    """The API style and queue rows alone: the decisions the sensitivity analysis re-runs for
    every alternative of a behavior score, without building the other rows."""
    lang, _ = primary_language(signals)
    cloud, _ = _cloud_id(signals)
    rt = signals.behavior.real_time_intensity.score
    style, style_why = select_api_style(signals, pattern)
    api_style = _pick("API Style", style, style_why)
    if rt >= 4:
        api_style = api_style.model_copy(
            update={
                "technology": f"{api_style.technology} + WebSocket",
                "justification": api_style.justification
                + f" behavior.real_time_intensity = {rt} (>= 4): a "
                "WebSocket protocol runs alongside as a parallel channel.",
            }
        )
    queue = _queue(signals, pattern, workers, lang, cloud)
    return api_style, queue


def select_stack(
    signals: Signals,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    domain: DomainModel | None = None,
) -> Stack:
    lang, lang_stated = primary_language(signals)
    cloud, cloud_why = _cloud_id(signals)
    pattern = architecture.architecture_pattern
    b = signals.behavior

    runtime_id = _for_language("runtime", lang, "node") or "node"
    runtime = _pick(
        "Runtime / Language",
        runtime_id,
        "Stated by the user (stated stack)."
        if lang_stated
        else "No language stated: TypeScript on Node.js is the default (decide/runtime.py).",
        preference=technology(runtime_id).name if lang_stated else None,
    )
    fw_stated = _stated(signals, "framework", language=lang)
    fw_id = fw_stated.id if fw_stated else (_for_language("framework", lang, "nestjs") or "nestjs")
    framework = _pick(
        "Web Framework",
        fw_id,
        "Stated by the user."
        if fw_stated
        else f"Default framework for {technology(runtime_id).name}.",
        preference=fw_stated.name if fw_stated else None,
    )

    api_style, queue = api_style_and_queue(
        signals, pattern, list(architecture.service_topology.async_workers)
    )

    # on your own hardware nothing is "managed": the team runs every store itself
    hosting = "self-hosted" if cloud == "self_hosted" else "managed"
    db_name = data.primary_database
    db_entry = next(
        (
            t
            for t in in_layer("database")
            if t.name.lower() == db_name.lower() or db_name.lower() in t.aliases
        ),
        None,
    )
    alternative = _alt(db_entry) if db_entry else "PostgreSQL"
    kept = {s.technology for s in data.secondary_databases if s.from_preference}
    # a database the user named that Stage 3 turned down and kept nowhere else stays in view
    # as the named alternative (Stage 1's record says so too)
    turned_down = [
        p.requested
        for p in signals.preferences
        if p.stance == "use"
        and p.subject == "primary_database"
        and p.decision != "honored"
        and p.requested not in kept
        and p.family is not None
    ]
    if turned_down:
        alternative = (
            f"{' / '.join(turned_down)} (your choice, the named alternative) / {alternative}"
        )
    primary_db = Pick(
        layer="Primary Database",
        technology=db_name,
        version_tier=db_entry.version_tier if db_entry else f"current stable ({hosting})",
        justification=data.primary_db_rationale
        or f"Stage 3 scoring selected {db_name} ({data.primary_database_family}).",
        alternative_considered=alternative,
        tech_id=db_entry.id if db_entry else None,
    )

    cache_tool = data.caching_strategy.tool
    if cache_tool:
        c_entry = next((t for t in in_layer("cache") if t.name.lower() in cache_tool.lower()), None)
        cache_pick = Pick(
            layer="Cache Layer",
            technology=cache_tool,
            version_tier=_hosted_tier(c_entry.version_tier, cloud) if c_entry else hosting,
            justification=f"behavior.read_intensity = {b.read_intensity.score}: "
            f"{data.caching_strategy.pattern or 'cache-aside'} for "
            f"{', '.join(data.caching_strategy.entities_cached) or 'hot reads'}.",
            alternative_considered=_alt(c_entry) if c_entry else "Memcached",
            tech_id=c_entry.id if c_entry else None,
        )
    else:
        cache_pick = _none(
            "Cache Layer",
            f"behavior.read_intensity = {b.read_intensity.score} (< 3): the primary database "
            "serves reads directly; add Redis when read latency or load demands it.",
            "Redis (managed)",
        )

    rt_id = realtime_transport(signals, lang)
    if rt_id is None:
        realtime = _none(
            "Real-time Transport",
            f"behavior.real_time_intensity = {b.real_time_intensity.score} (< 3): polling is "
            "enough; WebSockets would violate the anti-over-engineering rule.",
            "Server-Sent Events when live updates are needed",
        )
    else:
        where = ""
        if pattern == "serverless" and rt_id != "sse":
            where = (
                " Runs as a persistent service (not Lambda): functions are stateless and cannot "
                "hold long-lived connections."
            )
        realtime = _pick(
            "Real-time Transport",
            rt_id,
            f"behavior.real_time_intensity = {b.real_time_intensity.score}.{where}",
        )

    storage_id = {"aws": "s3", "gcp": "gcs", "azure": "azure_blob", "self_hosted": "minio"}[cloud]
    object_storage = _pick(
        "File/Object Storage",
        storage_id,
        "User uploads, media, exports and database backups need durable storage outside the "
        "database; clients upload with short-lived presigned URLs.",
    )

    search_stated = _stated(signals, "search")
    if search_stated is not None and search_stated.id in vs.technology_ids():
        search_stated = None  # a named vector store answers similarity, not keyword, search
    if search_stated is not None:
        search = _pick(
            "Search Engine", search_stated.id, "Stated by the user.", preference=search_stated.name
        )
    elif data.primary_database_family == "sql" and signals.data.volume.value != "gt_1tb":
        search = _pick(
            "Search Engine",
            "pg_fts",
            f"data.volume = {signals.data.volume.value}: no separate search cluster is needed.",
        )
    else:
        search = _none(
            "Search Engine",
            "no full-text search requirement was identified in Stage 1.",
            "Meilisearch / OpenSearch when search becomes a feature",
        )

    auth_stated = _stated(signals, "auth")
    if auth_stated is not None and (not auth_stated.clouds or cloud in auth_stated.clouds):
        auth = _pick(
            "Auth Provider", auth_stated.id, "Stated by the user.", preference=auth_stated.name
        )
    elif signals.integration.auth_provider_needed.value or set(
        signals.constraints.compliance.value
    ) & {"hipaa", "soc2"}:
        auth_id = "auth0" if cloud in ("self_hosted",) else _for_cloud("auth", cloud, "auth0")
        if "hipaa" in signals.constraints.compliance.value and cloud not in ("aws",):
            auth_id = "auth0"
        auth = _pick(
            "Auth Provider",
            auth_id,
            "integration.auth_provider_needed or constraints.compliance calls for managed "
            "identity with MFA and audit logs.",
        )
    else:
        auth = _pick(
            "Auth Provider",
            "self_jwt",
            "integration.auth_provider_needed = false: email/password accounts with short-lived "
            "JWT access tokens in httpOnly cookies.",
        )

    email_id = "ses" if cloud == "aws" else "postmark"
    email = _pick(
        "Email/Notification Service",
        email_id,
        "Transactional email (verification, password reset, notifications).",
    )

    cloud_pick = _pick("Cloud Provider", cloud, cloud_why)
    if signals.constraints.cloud_provider.value in ("aws", "gcp", "azure", "self_hosted"):
        cloud_pick.preference = cloud_pick.technology

    orchestration = _orchestration(signals, architecture, cloud)

    cicd_stated = _stated(signals, "cicd")
    cicd = _pick(
        "CI/CD Platform",
        cicd_stated.id if cicd_stated else "github_actions",
        "Stated by the user." if cicd_stated else "Default: pipelines next to the code.",
    )

    mon_stated = _stated(signals, "monitoring")
    if mon_stated is not None:
        mon_id, mon_why = mon_stated.id, "Stated by the user."
    elif signals.has_directive("condense_observability"):
        mon_id, mon_why = (
            "datadog",
            "Observability condensed at user request: the free Datadog tier covers structured "
            "logs and basic dashboards.",
        )
    elif not _small_team(signals) or signals.constraints.budget_tier.value in (
        "series_a_plus",
        "enterprise",
    ):
        mon_id, mon_why = (
            "datadog",
            "product.team_size / constraints.budget_tier support a paid APM.",
        )
    else:
        mon_id, mon_why = (
            "grafana_cloud",
            f"product.team_size = {signals.product.team_size.value}, constraints.budget_tier = "
            f"{signals.constraints.budget_tier.value}: free tier first.",
        )
    monitoring = _pick("Monitoring / Observability", mon_id, mon_why)
    err_stated = _stated(signals, "error_tracking")
    error_tracking = _pick(
        "Error Tracking",
        err_stated.id if err_stated else "sentry",
        "Stated by the user." if err_stated else "Free tier covers an MVP's error volume.",
    )

    extra: list[Pick] = []
    vector = _vector_search(data, signals, domain)
    if vector is not None:
        extra.append(vector)
    cdn_id = {"aws": "cloudfront", "gcp": "cloud_cdn", "azure": "front_door"}.get(
        cloud, "cloudflare"
    )
    extra.append(
        _pick(
            "CDN",
            cdn_id,
            "Static web assets and media from object storage are served from the edge; "
            f"scale.traffic_pattern = {signals.scale.traffic_pattern.value}.",
        )
    )
    gw_id = (
        "apigw"
        if pattern == "serverless" and cloud == "aws"
        else {
            "aws": "alb",
            "gcp": "gclb",
            "azure": "app_gateway",
        }.get(cloud, "caddy")
    )
    extra.append(
        _pick(
            "Load Balancer / API Gateway",
            gw_id,
            "TLS termination, health checks and WAF in front of the application.",
        )
    )
    front = _stated(signals, "frontend")
    if front is not None:
        # the user's web framework is kept for the client; the API framework above still owns
        # auth, RBAC and the contract, so both rows appear rather than one silently replacing
        # the other
        extra.append(
            _pick(
                "Web Front End",
                front.id,
                f"Stated by the user. {front.name} renders the web client and calls the "
                f"{api_style.technology or 'application'} API served by {framework.technology}.",
                preference=front.name,
            )
        )
    crdt = None
    crdt_id = crdt_choice(signals, architecture)
    if crdt_id is not None and rt_id not in (None, "sse"):
        crdt_pick = _pick(
            "CRDT Library",
            crdt_id,
            f"behavior.real_time_intensity = {b.real_time_intensity.score}: several people edit "
            "the same document live; concurrent and offline edits must merge without conflicts.",
        )
        extra.append(crdt_pick)
        crdt = crdt_pick.technology
    sfu, broadcast = _media_rows(signals, cloud)
    extra += [p for p in (sfu, broadcast) if p is not None]
    db_proxy = None
    uses_lambda = uses_functions(architecture)
    if cloud == "aws" and data.primary_database_family == "sql" and uses_lambda:
        p = _pick(
            "Database Connection Pooling",
            "rds_proxy",
            "Serverless functions + PostgreSQL conflict: Lambda cold starts would otherwise open "
            "a connection each and exhaust the pool.",
        )
        extra.append(p)
        db_proxy = p.technology
    elif data.primary_database_family == "sql" and pattern in ("microservices", "hybrid"):
        p = _pick(
            "Database Connection Pooling", "pgbouncer", "Several processes share one PostgreSQL."
        )
        extra.append(p)
        db_proxy = p.technology
    if data.primary_database_family in ("sql", "time_series") or not data.migration_tool:
        mig_id = _for_language("migration", lang, "flyway") or "flyway"
        migration_tool = technology(mig_id).name
        extra.append(
            _pick("Schema Migrations", mig_id, f"Migration tool for {technology(runtime_id).name}.")
        )
    else:
        migration_tool = data.migration_tool
        # the runtime's SQL migration tool cannot change a MongoDB, Cassandra or Neo4j schema:
        # the row names the tool Stage 3 chose for the primary database
        extra.append(
            Pick(
                layer="Schema Migrations",
                technology=data.migration_tool,
                version_tier="current stable",
                justification=f"Chosen in Stage 3 for the primary database "
                f"({data.primary_database}): {data.migration_strategy}",
                alternative_considered="Hand-run schema changes (no history, no review)",
            )
        )
    if data.orm_or_query_builder and data.orm_or_query_builder != "skeleton":
        extra.append(
            Pick(
                layer="ORM / Query Builder",
                technology=data.orm_or_query_builder,
                version_tier="current stable",
                justification="Chosen in Stage 3 for the runtime and the primary database.",
                alternative_considered="Raw SQL with a query builder",
            )
        )
    sec_id = {"aws": "aws_secrets", "gcp": "gcp_secrets", "azure": "key_vault"}.get(cloud, "vault")
    sec_stated = _stated(signals, "secrets")
    if sec_stated:
        sec_id = sec_stated.id
    secrets = _pick(
        "Secrets / KMS",
        sec_id,
        "No secret is hardcoded or committed; runtime injection with rotation, and KMS keys "
        f"for field-level encryption (data.sensitivity = {signals.data.sensitivity.value}).",
    )
    extra.append(secrets)
    if signals.integration.payments_needed.value:
        extra.append(_pick("Payments", "stripe", "integration.payments_needed = true."))
    platforms = set(signals.product.platform_targets.value)
    if platforms & {"ios", "android", "cross_platform"}:
        extra.append(
            _pick(
                "Push Notifications",
                "fcm",
                f"product.platform_targets = {', '.join(sorted(platforms))}.",
            )
        )
    extra.append(
        _pick(
            "Uptime Monitoring",
            "betteruptime",
            "An external probe alerts even when the whole stack is down.",
        )
    )
    for sec in data.secondary_databases:
        # the user's own store shows its own catalog facts (InfluxDB 3.x and its managed
        # offerings), never a neighbour's; the rules' stores keep the hosting note
        own = (
            next(
                (
                    t
                    for t in in_layer("database")
                    if t.name.lower() == sec.technology.lower()
                    or sec.technology.lower() in t.aliases
                ),
                None,
            )
            if sec.from_preference
            else None
        )
        extra.append(
            Pick(
                layer=f"Secondary Store ({sec.family.replace('_', ' ')})",
                technology=sec.technology,
                version_tier=own.version_tier if own is not None else hosting,
                justification=sec.purpose,
                alternative_considered=data.primary_database,
                preference=sec.technology if sec.from_preference else None,
            )
        )

    return Stack(
        runtime=runtime,
        framework=framework,
        api_style=api_style,
        primary_database=primary_db,
        cache=cache_pick,
        queue=queue,
        realtime=realtime,
        object_storage=object_storage,
        search=search,
        auth_provider=auth,
        email=email,
        cloud=cloud_pick,
        orchestration=orchestration,
        cicd=cicd,
        monitoring=monitoring,
        error_tracking=error_tracking,
        extra=extra,
        language=lang,
        migration_tool=migration_tool,
        secrets=secrets.technology or "",
        crdt=crdt,
        media=sfu.technology if sfu else None,
        broadcast=broadcast.technology if broadcast else None,
        cdn=technology(cdn_id).name,
        db_proxy=db_proxy,
        gateway=technology(gw_id).name,
        vector_search=vector,
        vector_store=vector.technology
        if vector is not None and vector.tech_id not in vs.knowledge().extensions
        else None,
    )


def _vector_search(data: DataStrategy, signals: Signals, domain: DomainModel | None) -> Pick | None:
    """The Vector Search row when Stage 1's domain model holds embeddings (vector fields)."""
    if domain is None:
        return None
    facts = vs.Facts(
        vector_fields=vs.vector_fields(domain),
        columns=vs.vector_columns(domain),
        # the user's own id first: the catalog folds InfluxDB into TimescaleDB's row, which
        # must not make InfluxDB a PostgreSQL host
        primary_db_id=primary_database_id(signals, data),
        primary_db=data.primary_database,
        volume=signals.data.volume.value,
    )
    rule = vs.decide(facts)
    if rule is None:
        return None
    t = technology(rule.technology)
    why, alternative, preference = vs.explain(facts, rule), _alt(t), None
    stated = _stated(signals, "search", among=frozenset(vs.knowledge().named))
    if stated is not None and stated.id != t.id:
        if is_extension(stated.id) and vs.PREDICATES["primary_not_postgres"](facts):
            # an extension cannot run outside its host: the rule's store replaces it, and the
            # user's choice stays in the row as the named alternative (Stage 3 recorded the
            # preference as rejected by the same test, decide/extensions.py)
            why = (
                f"{stated.name} was requested but overridden: it installs only into PostgreSQL, "
                f"and the primary database is {facts.primary_db}. {why}"
            )
            alternative = (
                f"{stated.name}, with PostgreSQL as the primary database instead of "
                f"{facts.primary_db}"
            )
            preference = f"{stated.name} (overridden)"
        else:
            # comply and flag: the stated store is used; the rules' pick is the alternative
            why = (
                f"{stated.name}: stated by the user and honored. Flag: the rules would pick "
                f"{t.name} here ({rule.code}); {why}"
            )
            alternative, preference, t = t.name, stated.name, stated
    elif stated is not None:
        why, preference = f"Stated by the user and what the rules pick. {why}", stated.name
    return Pick(
        layer="Vector Search",
        technology=t.name,
        version_tier=t.version_tier,
        justification=f"{why} {t.rationale}",
        alternative_considered=alternative,
        preference=preference,
        tech_id=t.id,
    )


def _media_rows(signals: Signals, cloud: str) -> tuple[Pick | None, Pick | None]:
    """The media layer for live video/voice Stage 1 found (signals.media): a WebRTC SFU for
    two-way calls, managed (or self-hosted) ingest + LL-HLS for one-to-many live streams.
    On-demand video sets no signals.media: it is transcoded by workers and served by the CDN."""
    media = signals.media
    if media is None:
        return None, None
    said = f"media = {', '.join(media.value)} (“{media.evidence}”)"
    services = signals.integration.third_party_services
    sfu = broadcast = None
    if "live_calls" in media.value:
        why = (
            f"{said}: two-way video/voice cannot go through the API servers or the CDN; the "
            "API authenticates the user and signs a short-lived room token, clients connect "
            "to the SFU over WebRTC (SRTP over UDP, TURN over TLS 443 as the fallback)."
        )
        sfu = _vendor_pick("Real-time Media (WebRTC SFU)", CALL_VENDORS, services, why, "livekit")
    if "live_broadcast" in media.value:
        bid = {"aws": "amazon_ivs", "self_hosted": "srs"}.get(cloud, "mux_live")
        why = (
            f"{said}: one broadcaster to many viewers: RTMPS/SRT ingest with per-stream keys "
            "issued by the API, an adaptive bitrate ladder, and low-latency HLS (2-5 s) "
            "through the CDN; recordings become on-demand assets."
        )
        broadcast = _vendor_pick(
            "Live Video Ingest & Delivery", BROADCAST_VENDORS, services, why, bid
        )
    return sfu, broadcast


#: managed media providers a prompt (or an archetype's usual third parties) may already name
CALL_VENDORS = re.compile(
    r"\b(?:twilio video|agora|zoom|daily|vonage|chime|100ms|livekit|whereby|jitsi)\b", re.I
)
BROADCAST_VENDORS = re.compile(r"\b(?:mux|ivs|wowza|cloudflare stream)\b", re.I)


def _vendor_pick(
    layer: str, vendors: re.Pattern[str], services: Leaf[list[str]], why: str, default: str
) -> Pick:
    """The media provider already in integration.third_party_services, else the catalog's."""
    from archwright.design.media import managed  # media reads Stack: imported when needed

    named = next((n for n in services.value if vendors.search(n)), None)
    if named is None:
        return _pick(layer, default, why)
    source = (
        "named by the user"
        if not services.inferred
        else "the usual provider for this kind of product (integration.third_party_services, inferred)"
    )
    fallback = technology(default)
    # the catalog's entry for the named vendor (its version tier), and the options not taken:
    # the catalog default and its alternatives, never the named vendor itself
    word = vendors.search(named).group(0).lower()  # type: ignore[union-attr]
    same = next((t for t in in_layer("media") if word in t.aliases), None)
    options = [fallback, *(technology(a) for a in fallback.alternatives)]
    alt = [t.name for t in options if t is not same and word not in t.name.lower()][:2]
    hosted = managed(named)
    return Pick(
        layer=layer,
        technology=named,
        version_tier=same.version_tier
        if same
        else "managed, billed per participant- or viewer-minute",
        justification=f"{why} {named} is {source}"
        + (": no media servers to run." if hosted else "; the product runs its media servers."),
        alternative_considered=" / ".join(alt),
        preference=named if not services.inferred else None,
    )


def _orchestration(signals: Signals, architecture: ArchitectureDecision, cloud: str) -> Pick:
    layer = "Container Orchestration"
    pattern = architecture.architecture_pattern
    stage = signals.product.stage.value
    if pattern == "serverless" and cloud == "aws":
        p = _pick(layer, "lambda", "architecture_pattern = serverless.")
        if signals.behavior.real_time_intensity.score >= 4:
            p.technology = "AWS Lambda + ECS Fargate (WebSocket service)"
            p.justification += (
                " The WebSocket layer runs on ECS Fargate with sticky sessions: Lambda cannot hold "
                "persistent connections."
            )
        return p
    if pattern == "serverless" and cloud == "azure":
        # the topology names Azure Functions; the registry must run the same thing
        return _pick(layer, "azure_functions", "architecture_pattern = serverless.")
    big = not _small_team(signals) and pattern == "microservices" and stage != "mvp"
    if cloud == "self_hosted":
        return _pick(
            layer,
            "k3s" if big else "docker_compose_vm",
            "constraints.cloud_provider = self_hosted.",
        )
    if big:
        k8s = {"aws": "eks", "gcp": "gke", "azure": "aks"}[cloud]
        return _pick(layer, k8s, "product.team_size = 20+ running microservices.")
    managed = {"aws": "ecs_fargate", "gcp": "cloud_run", "azure": "container_apps"}[cloud]
    return _pick(
        layer,
        managed,
        f"product.team_size = {signals.product.team_size.value}, product.stage = {stage}: "
        "managed containers; Kubernetes would be over-engineering here.",
    )
