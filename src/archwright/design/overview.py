"""Stage 4 — system overview: the typed topology and its Mermaid diagram, the tech stack
registry and the environments.

Reads Stage 1-3 outputs, the domain model and the selected stack; never the prompt. The diagram
is a view of the :class:`Topology` model, serialized by :mod:`archwright.render.mermaid`.
"""

from __future__ import annotations

import re

from archwright.design.stack import BROADCAST_VENDORS, CALL_VENDORS, Stack, uses_functions
from archwright.design.traits import component_name
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.overview import (
    DiagramEdge,
    DiagramNode,
    Environment,
    Overview,
    ParityGap,
    TechChoice,
    Topology,
)
from archwright.models.signals import Signals
from archwright.render.mermaid import flowchart

_QUEUE_PROTOCOL = {
    "bullmq": "TCP (Redis protocol)",
    "celery": "TCP (Redis protocol)",
    "sidekiq": "TCP (Redis protocol)",
    "oban": "TCP (PostgreSQL wire)",
    "sqs": "HTTPS (SQS API)",
    "pubsub": "gRPC (Pub/Sub API)",
    "service_bus": "AMQP 1.0",
    "rabbitmq": "AMQP 0-9-1",
    "nats": "NATS protocol (TCP)",
    "kafka": "TCP (Kafka protocol)",
}

_SHAPE = {
    "client": "stadium",
    "cdn": "hex",
    "gateway": "rect",
    "load_balancer": "rect",
    "service": "rect",
    "realtime": "rect",
    "worker": "subroutine",
    "queue": "queue",
    "database": "db",
    "cache": "db",
    "storage": "db",
    "search": "db",
    "external": "round",
    "edge_function": "hex",
    "proxy": "rect",
}


def _short(text: str, limit: int = 70) -> str:
    """First clause of a Stage 2 description, bounded at a word boundary."""
    return component_name(text, limit)


def _db_protocol(family: str, db: str) -> str:
    low = db.lower()
    if "postgres" in low or "timescale" in low:
        return "TCP (PostgreSQL wire, TLS)"
    if "mysql" in low:
        return "TCP (MySQL protocol, TLS)"
    if "mongo" in low:
        return "TCP (MongoDB wire, TLS)"
    if "dynamo" in low:
        return "HTTPS (DynamoDB API)"
    if "cassandra" in low or "scylla" in low:
        return "TCP (CQL, TLS)"
    if "neo4j" in low:
        return "Bolt (TCP, TLS)"
    return "TCP (TLS)"


def build_topology(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    stack: Stack,
) -> Topology:
    nodes: list[DiagramNode] = []
    edges: list[DiagramEdge] = []
    b = signals.behavior
    topo = architecture.service_topology

    def node(nid: str, label: str, tech: str, kind: str) -> str:
        nodes.append(DiagramNode(id=nid, label=label, technology=tech, kind=kind))  # type: ignore[arg-type]
        return nid

    def edge(a: str, z: str, proto: str) -> None:
        edges.append(DiagramEdge(source=a, target=z, protocol=proto))

    platforms = list(dict.fromkeys(signals.product.platform_targets.value)) or ["web"]
    clients: list[str] = []
    for p in platforms:
        if p in ("web", "desktop"):
            clients.append(
                node(
                    f"client_{p}",
                    f"{p.title()} client",
                    "Browser SPA (TypeScript)" if p == "web" else "Desktop app",
                    "client",
                )
            )
        elif p in ("ios", "android", "cross_platform"):
            if "client_mobile" not in clients:
                clients.append(node("client_mobile", "Mobile apps", "iOS / Android apps", "client"))
        elif p == "api_only":
            clients.append(
                node("client_api", "API consumers", "HTTPS clients (SDKs, partners)", "client")
            )
        elif p == "embedded":
            clients.append(
                node("client_device", "Devices", "Embedded firmware (HTTPS/MQTT)", "client")
            )
    if not clients:
        clients.append(node("client_web", "Web client", "Browser SPA", "client"))

    web_facing = any(c in ("client_web", "client_desktop", "client_mobile") for c in clients)
    cdn = None
    if stack.cdn and (topo.cdn_layer or web_facing or data.caching_strategy.cdn):
        cdn = node("cdn", "CDN", stack.cdn, "cdn")
        for c in clients:
            if c != "client_api":
                edge(c, cdn, "HTTPS (static assets, media)")

    gateway = node("gateway", "Load balancer / API gateway", stack.gateway, "gateway")
    for c in clients:
        edge(c, gateway, "HTTPS/REST")

    fw = stack.framework.technology or "application"
    host = stack.orchestration.technology or "containers"
    services = list(dict.fromkeys(topo.core_services)) or ["api"]
    svc_ids: list[str] = []
    for i, s in enumerate(services):
        label = _short(s, 60) or "API"
        sid = node(f"svc_{i + 1}", f"{label} service", f"{fw} on {host}", "service")
        svc_ids.append(sid)
        edge(gateway, sid, "HTTP/REST")
    app = svc_ids[0]

    rt = None
    if b.real_time_intensity.score >= 3 and stack.realtime.technology:
        rt_label = _short(topo.real_time_layer or "Real-time service", 60)
        tech = stack.realtime.technology
        if stack.crdt:
            tech += f" + {stack.crdt} (CRDT)"
        if stack.realtime.tech_id != "sse":
            where = host
            if architecture.architecture_pattern == "serverless" or uses_functions(architecture):
                where = (
                    "ECS Fargate (persistent, sticky sessions)"
                    if stack.cloud.tech_id == "aws"
                    else "a persistent container service"
                )
            tech += f" on {where}"
        rt = node("realtime", rt_label, tech, "realtime")
        proto = "WebSocket (WSS)" if stack.realtime.tech_id != "sse" else "SSE (HTTPS)"
        for c in clients:
            edge(c, rt, proto)

    if stack.media:
        sfu = node("media_sfu", "Real-time media (SFU)", stack.media, "realtime")
        for c in clients:
            edge(c, sfu, "WebRTC (SRTP/UDP, TURN/TLS 443)")
        edge(app, sfu, "HTTPS (room tokens, webhooks)")
    if stack.broadcast:
        live = node("live_ingest", "Live ingest + LL-HLS", stack.broadcast, "realtime")
        for c in clients:
            edge(c, live, "RTMPS/SRT ingest, LL-HLS playback")
        edge(app, live, "HTTPS (stream keys, webhooks)")

    proxy = None
    if stack.db_proxy:
        proxy = node("db_proxy", "Connection pooler", stack.db_proxy, "proxy")
    hosting = "self-hosted" if stack.cloud.tech_id == "self_hosted" else "managed"
    db = node("primary_db", "Primary database", f"{data.primary_database} ({hosting})", "database")
    db_proto = _db_protocol(data.primary_database_family, data.primary_database)
    if proxy:
        edge(proxy, db, db_proto)
    db_entry = proxy or db
    for sid in svc_ids:
        edge(sid, db_entry, db_proto)
    if rt and stack.realtime.tech_id != "sse" and stack.crdt:
        edge(rt, db_entry, db_proto + " (document snapshots)")

    cache = None
    if stack.cache.technology:
        cache = node("cache", "Cache", stack.cache.technology, "cache")
        for sid in svc_ids:
            edge(sid, cache, "TCP (Redis protocol)")
        if rt:
            edge(rt, cache, "Redis pub/sub (TCP)")

    queue_needed = (
        b.write_intensity.score >= 4 or b.compute_intensity.score >= 3 or bool(topo.async_workers)
    )
    if queue_needed and stack.queue.technology:
        q = node("queue", "Message queue", stack.queue.technology, "queue")
        proto = _QUEUE_PROTOCOL.get(stack.queue.tech_id or "", "TCP")
        for sid in svc_ids:
            edge(sid, q, proto)
        workers = list(dict.fromkeys(topo.async_workers)) or ["Background job worker"]
        for i, w in enumerate(workers):
            lam = re.search(r"lambda|functions", w, re.I)
            wtech = _short(w, 40) if lam else f"{stack.runtime.technology} worker on {host}"
            wid = node(
                f"worker_{i + 1}",
                _short(w, 60),
                wtech,
                "edge_function" if lam else "worker",
            )
            edge(q, wid, f"consume: {proto}")
            edge(wid, db_entry, db_proto)
    for i, f in enumerate(dict.fromkeys(topo.edge_functions)):
        fid = node(f"edge_{i + 1}", _short(f, 60), stack.cdn or "edge functions", "edge_function")
        if cdn:
            edge(cdn, fid, "HTTPS")

    storage = node(
        "object_storage",
        "Object storage",
        stack.object_storage.technology or "object storage",
        "storage",
    )
    edge(app, storage, "HTTPS (presigned URLs)")
    if cdn:
        edge(cdn, storage, "HTTPS (origin fetch)")

    if stack.search.technology and stack.search.tech_id != "pg_fts":
        s = node("search", "Search engine", stack.search.technology, "search")
        edge(app, s, "HTTPS (search API)")
    if stack.vector_store is not None:
        v = node("vector_db", "Vector database", stack.vector_store, "search")
        edge(app, v, "HTTPS (similarity queries)")
    cache_name = (stack.cache.technology or "").lower()
    secondaries = [
        sec
        for sec in data.secondary_databases
        if not (cache_name and sec.technology.lower() in cache_name)
        and sec.technology.lower() != data.primary_database.lower()
    ]
    for i, sec in enumerate(secondaries):
        sid2 = node(f"secondary_db_{i + 1}", "Secondary store", sec.technology, "database")
        edge(app, sid2, _db_protocol(sec.family, sec.technology))

    # external dependencies drawn are those Stage 8 gives a circuit breaker (third parties, and
    # email when the product sends notifications); the identity provider is in the registry
    externals: list[tuple[str, str]] = []
    if stack.email.technology and any(ep.notifications for ep in domain.endpoints):
        externals.append(("Email delivery", stack.email.technology))
    named = list(signals.integration.third_party_services.value) + list(domain.third_parties)
    # a managed media provider is drawn once, as the media layer
    known = {t.lower() for _, t in externals} | {
        m.lower() for m in (stack.media, stack.broadcast) if m
    }
    superseded = [
        v for v, m in ((CALL_VENDORS, stack.media), (BROADCAST_VENDORS, stack.broadcast)) if m
    ]
    for n in named:
        if any(v.search(n) for v in superseded):
            continue  # the media layer above carries live media (one provider, drawn once)
        if n and n.lower() not in known and not any(n.lower() in k for k in known):
            externals.append(("Third-party API", n))
            known.add(n.lower())
    for i, (label, tech) in enumerate(externals[:12]):
        eid = node(f"ext_{i + 1}", label, tech, "external")
        edge(app, eid, "HTTPS/REST (circuit breaker)")
    return Topology(nodes=nodes, edges=edges)


def system_diagram(topology: Topology) -> str:
    return flowchart(
        [(n.id, f"{n.label}: {n.technology}", _SHAPE.get(n.kind, "rect")) for n in topology.nodes],
        [(e.source, e.target, e.protocol) for e in topology.edges],
    )


def tech_stack(stack: Stack) -> list[TechChoice]:
    return [
        TechChoice(
            layer=p.layer,
            technology=p.technology or "Not needed",
            version_tier=p.version_tier,
            justification=p.justification,
            alternative_considered=p.alternative_considered,
            needed=p.technology is not None,
            preference=p.preference,
        )
        for p in stack.rows()
    ]


def environments(signals: Signals, data: DataStrategy, stack: Stack) -> list[Environment]:
    sensitive = signals.data.sensitivity.value != "none"
    db = data.primary_database
    prod_data = "Real customer data; encrypted at rest and in transit; access audited" + (
        " (PHI/financial: break-glass only)"
        if signals.data.sensitivity.value in ("health", "financial")
        else ""
    )
    return [
        Environment(
            name="local",
            purpose="Developer laptop: fast feedback, unit and integration tests.",
            data_policy=f"Synthetic seed data only; {db} and dependencies in Docker Compose; "
            "never a copy of production data.",
            access_control="The developer; secrets from a local .env that is git-ignored.",
            parity_to_prod="Same engine versions in containers; no CDN, WAF or managed services.",
        ),
        Environment(
            name="development",
            purpose="Shared integration environment, deployed on every merge to main.",
            data_policy="Synthetic fixtures, reset weekly; sandbox accounts for every third party.",
            access_control="Engineering team via SSO; no customer access.",
            parity_to_prod="Same infrastructure code, smallest instance sizes, single instance.",
        ),
        Environment(
            name="staging",
            purpose="Release candidate verification, migrations rehearsal, load and smoke tests.",
            data_policy="Anonymized production-shaped data"
            + (" (PII masked irreversibly)" if sensitive else "")
            + "; third parties in sandbox mode.",
            access_control="Engineering and QA via SSO; deploys automatic from the pipeline.",
            parity_to_prod="Same infrastructure code, configuration, schema and integrations; "
            "smaller instance sizes.",
        ),
        Environment(
            name="production",
            purpose="Serves customers.",
            data_policy=prod_data + ".",
            access_control="Deploys only through the pipeline with a required approval; human "
            "access is just-in-time, MFA, and logged.",
            parity_to_prod="Reference environment.",
        ),
    ]


STAGING_PARITY_RULES = [
    "Infrastructure configuration matches production (same IaC modules; instance sizes may be smaller).",
    "Environment variables match production, with test credentials.",
    "Database schema matches production (same migrations), with anonymized data.",
    "Third-party integrations match production, using sandbox accounts.",
]


def parity_gaps(signals: Signals, stack: Stack) -> list[ParityGap]:
    gaps = [
        ParityGap(
            gap="Staging runs smaller instances and a single-AZ database.",
            risk="Performance and failover problems appear first in production.",
            mitigation="Load-test release candidates against production-sized staging before "
            "launches; rehearse failover quarterly.",
        ),
        ParityGap(
            gap="Third parties run in sandbox mode (payments, email, identity).",
            risk="Sandbox behavior (rate limits, webhooks timing) differs from live.",
            mitigation="Contract tests against recorded live responses; canary the first real "
            "transactions after a release.",
        ),
        ParityGap(
            gap="Anonymized data has different volume and distribution than production.",
            risk="Slow queries and migration durations are underestimated.",
            mitigation="Refresh the anonymized snapshot monthly; time migrations on it.",
        ),
    ]
    if signals.scale.geo_distribution.value != "single_region":
        gaps.append(
            ParityGap(
                gap="Staging is single-region while production spans regions.",
                risk="Cross-region replication lag and failover are untested before production.",
                mitigation="Periodic game days in production with controlled failover.",
            )
        )
    if stack.realtime.technology and stack.realtime.tech_id != "sse":
        gaps.append(
            ParityGap(
                gap="Staging holds far fewer concurrent WebSocket connections.",
                risk="Connection limits, memory per socket and pub/sub fan-out only show at scale.",
                mitigation="Synthetic connection soak test (k6) before each major release.",
            )
        )
    return gaps


def build_overview(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    stack: Stack,
) -> Overview | None:
    topology = build_topology(signals, domain, architecture, data, stack)
    return Overview(
        topology=topology,
        system_diagram=system_diagram(topology),
        tech_stack=tech_stack(stack),
        environments=environments(signals, data, stack),
        staging_parity_rules=list(STAGING_PARITY_RULES),
        parity_gaps=parity_gaps(signals, stack),
    )
