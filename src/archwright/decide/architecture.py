"""Stage 2 — architecture pattern selection: the spec's decision tree, first match wins.

Reads Stage 1 output only (signals, and the domain model for module boundaries). Ordered
enumerations compare as ordered (``TEAM_ORDER``, ``BUDGET_ORDER``, ``STAGE_ORDER``). One rule
precedes the tree: a serverless stack the user already has (or insists on) that conflicts with
what the product needs is kept where it works and fixed where it does not (→ hybrid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from archwright.decide.runtime import primary_language
from archwright.models.decisions import (
    ArchitectureDecision,
    ModuleBoundary,
    Pattern,
    PatternNote,
    RejectedPattern,
    RuleFired,
    ServiceTopology,
)
from archwright.models.domain import DomainEntity, DomainModel
from archwright.models.signals import (
    BUDGET_ORDER,
    STAGE_ORDER,
    TEAM_ORDER,
    Intensity,
    Leaf,
    Signals,
)


def empty_domain() -> DomainModel:
    """A domain with nothing in it, for callers that only have signals."""
    return DomainModel.model_construct(
        archetype="",
        source="generic",
        entities=[],
        endpoints=[],
        roles=[],
        default_role="",
        jobs=[],
        metrics=[],
        third_parties=[],
    )


#: "scale expectations are low": peak concurrency a single small instance pair serves easily
LOW_SCALE_PEAK_CONCURRENT = 1_000
LOW_SCALE_LAUNCH_USERS = 10_000

_SERVERLESS_WORDS = re.compile(
    r"\b(serverless|lambda|cloud functions?|azure functions?|cloudflare workers?|vercel functions?"
    r"|netlify functions?|faas)\b",
    re.IGNORECASE,
)
_WEBSOCKET_WORDS = re.compile(r"\b(web ?sockets?|socket\.io|signalr|real-?time)\b", re.IGNORECASE)
_COLLAB_WORDS = ("collab", "whiteboard", "editor", "co_edit", "coedit", "shared_doc")

_P = "signals.product"
_B = "signals.behavior"


def _rule(
    rule: str, field: str, value: object, text: str, leaf: Leaf | Intensity | None = None
) -> RuleFired:
    """A fired rule; when the Stage 1 field it read was inferred, its text says so and why."""
    if leaf is not None and leaf.inferred:
        text += f" (This rests on an inference, not a statement: {_why_inferred(leaf)}.)"
    return RuleFired(rule=rule, field=field, value=str(value), text=text)


def _why_inferred(leaf: Leaf | Intensity) -> str:
    return leaf.evidence.removeprefix("INFERRED:").strip().rstrip(".")


def _intensities(s: Signals) -> dict[str, int]:
    b = s.behavior
    return {
        "read_intensity": b.read_intensity.score,
        "write_intensity": b.write_intensity.score,
        "real_time_intensity": b.real_time_intensity.score,
        "compute_intensity": b.compute_intensity.score,
    }


# ---- the stack-mismatch rule -----------------------------------------------------------------


@dataclass(frozen=True)
class StackMismatch:
    requested: str  # what the user named, e.g. "AWS Lambda"
    websocket: bool  # persistent connections needed
    relational: bool  # a relational primary behind functions (connection storms)


@cache
def _stack_texts(texts: tuple[str, ...]) -> tuple[str | None, bool]:
    """(the serverless thing the user named, whether they also named a persistent transport)."""
    named = next((t for t in texts if _SERVERLESS_WORDS.search(t)), None)
    wants_ws = any(_WEBSOCKET_WORDS.search(t) for t in texts if not _SERVERLESS_WORDS.search(t))
    return named, wants_ws


@cache
def _conflict_flags(blobs: tuple[str, ...]) -> tuple[bool, bool]:
    """Stage 1 may flag the mismatch in words we do not parse; its conflicts are authoritative."""
    websocket = relational = False
    for blob in blobs:
        if "serverless" in blob or "lambda" in blob:
            websocket = websocket or "websocket" in blob
            relational = relational or any(
                w in blob for w in ("connection", "postgres", "relational")
            )
    return websocket, relational


def stack_mismatch(signals: Signals) -> StackMismatch | None:
    """A serverless stack the user has or asks for, in conflict with persistent connections or a
    relational primary. General over preferences, stated stack and Stage 1 conflicts."""
    from archwright.decide.data_strategy import choose_family, named_families, wanted

    named, wants_ws = _stack_texts(tuple(wanted(signals)))
    if named is None:
        return None
    rt = signals.behavior.real_time_intensity.score
    websocket = rt >= 4 or (wants_ws and rt >= 3)
    relational = choose_family(signals)[0] == "sql" or any(
        f == "sql" for _, f in named_families(signals)
    )
    ws_flag, rel_flag = _conflict_flags(
        tuple(f"{c.code} {c.tension}".lower() for c in signals.conflicts)
    )
    websocket = websocket or ws_flag
    relational = relational or rel_flag
    if not websocket and not relational:
        return None
    return StackMismatch(requested=named, websocket=websocket, relational=relational)


# ---- the decision tree -----------------------------------------------------------------------


def decide_pattern(signals: Signals) -> tuple[Pattern, RuleFired, StackMismatch | None]:
    """The pattern and the rule that chose it (cheap: no text beyond the rule sentence)."""
    p, s, c = signals.product, signals.scale, signals.constraints
    team = p.team_size.value
    if team == "solo":
        return (
            "monolith",
            _rule(
                "MONOLITH.team_size",
                f"{_P}.team_size",
                team,
                "A solo builder overrides every other signal: one deployable, one database.",
                p.team_size,
            ),
            None,
        )
    mismatch = stack_mismatch(signals)
    if mismatch is not None:
        parts = []
        if mismatch.websocket:
            parts.append("persistent WebSocket connections")
        if mismatch.relational:
            parts.append("a relational primary (connection storms)")
        return (
            "hybrid",
            _rule(
                "HYBRID.stack_mismatch",
                "signals.preferences",
                mismatch.requested,
                "Your serverless stack"
                + ("" if mismatch.requested.lower() == "serverless" else f" ({mismatch.requested})")
                + f" is kept where it works and fixed where it conflicts with "
                f"{' and '.join(parts)}.",
            ),
            mismatch,
        )
    # MONOLITH if ANY
    if team == "2-5":
        return (
            "monolith",
            _rule(
                "MONOLITH.team_size",
                f"{_P}.team_size",
                team,
                "A team of 2–5 cannot staff independent services.",
                p.team_size,
            ),
            None,
        )
    if p.stage.value == "mvp":
        return (
            "monolith",
            _rule(
                "MONOLITH.stage",
                f"{_P}.stage",
                "mvp",
                "An MVP optimises for learning speed; one deployable is fastest to change.",
                p.stage,
            ),
            None,
        )
    if p.product_type.value == "internal_tool":
        return (
            "monolith",
            _rule(
                "MONOLITH.product_type",
                f"{_P}.product_type",
                "internal_tool",
                "Internal tools have a bounded, known audience.",
                p.product_type,
            ),
            None,
        )
    if (
        s.traffic_pattern.value == "steady"
        and s.peak_concurrent_users.value <= LOW_SCALE_PEAK_CONCURRENT
        and s.launch_users.value <= LOW_SCALE_LAUNCH_USERS
    ):
        return (
            "monolith",
            _rule(
                "MONOLITH.low_steady_scale",
                "signals.scale.peak_concurrent_users",
                s.peak_concurrent_users.value,
                f"Low scale (≤ {LOW_SCALE_PEAK_CONCURRENT:,} concurrent) with steady traffic.",
                s.peak_concurrent_users,
            ),
            None,
        )
    # MICROSERVICES if ALL
    high = [k for k, v in _intensities(signals).items() if v >= 4]
    if (
        TEAM_ORDER[team] >= TEAM_ORDER["20+"]
        and STAGE_ORDER[p.stage.value] >= STAGE_ORDER["scale"]
        and len(high) >= 2
        and BUDGET_ORDER[c.budget_tier.value] >= BUDGET_ORDER["series_a_plus"]
    ):
        return (
            "microservices",
            _rule(
                "MICROSERVICES.all",
                f"{_P}.team_size",
                team,
                f"team_size = {team}, stage = {p.stage.value}, {len(high)} intensities ≥ 4 "
                f"({', '.join(high)}), budget_tier = {c.budget_tier.value}: all four hold.",
            ),
            None,
        )
    # SERVERLESS if ANY -- but only where a managed function platform bills per execution: on
    # hardware the company already owns (self_hosted) the pay-per-call case does not exist, and
    # running Knative/OpenFaaS is more machinery than the containers it would replace
    own_hardware = c.cloud_provider.value == "self_hosted"
    if not own_hardware and s.traffic_pattern.value in ("spiky", "unpredictable"):
        return (
            "serverless",
            _rule(
                "SERVERLESS.traffic_pattern",
                "signals.scale.traffic_pattern",
                s.traffic_pattern.value,
                "Pay-per-execution absorbs spikes without paying for idle peak capacity.",
                s.traffic_pattern,
            ),
            None,
        )
    # inbound webhooks move the whole product to functions only when the user says so: the
    # usual inference (a payment provider confirms charges by webhook) needs one receiver
    # endpoint, not an event-driven architecture (the rejection records it as the alternative)
    webhooks = signals.integration.webhooks
    if not own_hardware and webhooks.value in ("inbound", "both") and not webhooks.inferred:
        return (
            "serverless",
            _rule(
                "SERVERLESS.event_driven",
                "signals.integration.webhooks",
                signals.integration.webhooks.value,
                "Compute is event-driven (inbound webhooks, file processing): functions run "
                "per event.",
            ),
            None,
        )
    if not own_hardware and c.budget_tier.value == "bootstrapped":
        return (
            "serverless",
            _rule(
                "SERVERLESS.budget_tier",
                "signals.constraints.budget_tier",
                "bootstrapped",
                "A bootstrapped budget pays per execution instead of for always-on servers.",
                c.budget_tier,
            ),
            None,
        )
    return (
        "hybrid",
        _rule(
            "HYBRID.default",
            f"{_P}.team_size",
            team,
            "No single-pattern rule matched: core CRUD in one service, each demanding behavior "
            "in its own layer.",
        ),
        None,
    )


# ---- rejected alternatives ------------------------------------------------------------------


def _rejections(
    signals: Signals, chosen: Pattern, mismatch: StackMismatch | None
) -> list[RejectedPattern]:
    p, s, c = signals.product, signals.scale, signals.constraints
    team, stage, budget = p.team_size.value, p.stage.value, c.budget_tier.value
    high = [k for k, v in _intensities(signals).items() if v >= 4]
    out: list[RejectedPattern] = []
    if chosen != "microservices":
        missing = []
        if TEAM_ORDER[team] < TEAM_ORDER["20+"]:
            missing.append(
                f"team_size = {team} (needs 20+): it cannot sustain the operational overhead "
                "of distributed tracing, independent deployments and service-mesh management"
            )
        if STAGE_ORDER[stage] < STAGE_ORDER["scale"]:
            missing.append(f"stage = {stage} (needs scale or an established product)")
        if len(high) < 2:
            scores = ", ".join(f"{k} = {v}" for k, v in _intensities(signals).items())
            missing.append(
                f"only {len(high)} behavioral score(s) ≥ 4 ({scores}; needs 2 to justify "
                "separate services)"
            )
        if BUDGET_ORDER[budget] < BUDGET_ORDER["series_a_plus"]:
            missing.append(f"budget_tier = {budget} (needs Series A+ for the extra infrastructure)")
        reason = (
            "Rejected: " + "; ".join(missing) + "."
            if missing
            else "All microservice conditions hold, but an earlier rule matched first."
        )
        out.append(RejectedPattern(pattern="Microservices", rejection_reason=reason))
    if chosen != "monolith":
        if mismatch is not None:
            reason = (
                f"The product already runs on {mismatch.requested}; rebuilding it as one "
                "deployable is a rewrite, while only the conflicting parts need to move."
            )
        else:
            reason = (
                f"No monolith rule matched: team_size = {team}, stage = {stage}, product_type = "
                f"{p.product_type.value}, traffic_pattern = {s.traffic_pattern.value} at "
                f"{s.peak_concurrent_users.value:,} peak concurrent users."
            )
        out.append(RejectedPattern(pattern="Monolith", rejection_reason=reason))
    if chosen != "serverless":
        rt = signals.behavior.real_time_intensity.score
        compute = signals.behavior.compute_intensity.score
        if mismatch is not None:
            reason = (
                "Pure serverless cannot hold persistent WebSocket connections (API Gateway "
                "WebSocket APIs cap connections at 2 hours and need a Lambda per message) and "
                "opens a database connection per concurrent invocation."
                if mismatch.websocket
                else "Pure serverless opens a database connection per concurrent invocation "
                "(connection storms on the relational primary)."
            )
        elif chosen == "monolith":
            who = "a small team's" if team in ("unknown", "solo", "2-5") else f"a {team} team's"
            reason = (
                f"An earlier rule fired ({chosen}); functions would also split {who} "
                "codebase into many deployables"
                + (
                    f" and cannot hold the persistent connections real_time_intensity = {rt} needs"
                    if rt >= 4
                    else ""
                )
                + "."
            )
        elif c.cloud_provider.value == "self_hosted":
            why = [
                "cloud_provider = self_hosted: on hardware you already own there is no managed "
                "function platform billing per execution, so pay-per-call saves nothing, and a "
                "self-run Knative/OpenFaaS cluster is more to operate than the containers it "
                "would replace"
            ]
            if rt >= 4:
                why.append(f"real_time_intensity = {rt} needs persistent connections")
            reason = "Rejected: " + "; ".join(why) + "."
        else:
            why = [f"traffic_pattern = {s.traffic_pattern.value} (not spiky/unpredictable)"]
            why.append(f"budget_tier = {budget} (not bootstrapped)")
            webhooks = signals.integration.webhooks
            if webhooks.inferred and webhooks.value in ("inbound", "both"):
                why.append(
                    f"integration.webhooks = {webhooks.value} is inferred, not stated "
                    f"({_why_inferred(webhooks)}): one webhook receiver that acknowledges and "
                    "enqueues does not make the whole product event-driven; functions stay the "
                    "alternative for that receiver if the user confirms event-driven work"
                )
            if rt >= 4:
                why.append(f"real_time_intensity = {rt} needs persistent connections")
            if compute >= 4:
                why.append(f"compute_intensity = {compute} exceeds function time/memory limits")
            reason = "Rejected: " + "; ".join(why) + "."
        out.append(RejectedPattern(pattern="Serverless", rejection_reason=reason))
    if chosen != "hybrid":
        out.append(
            RejectedPattern(
                pattern="Hybrid",
                rejection_reason=f"Not needed as a top-level pattern: the {chosen} rule fired "
                "first; any split-off process is listed in the topology instead.",
            )
        )
    return out


# ---- topology ---------------------------------------------------------------------------------


def _cloud(signals: Signals) -> str:
    return signals.constraints.cloud_provider.value


def _cdn_name(signals: Signals) -> str:
    return {"aws": "Amazon CloudFront", "gcp": "Google Cloud CDN", "azure": "Azure Front Door"}.get(
        _cloud(signals), "Cloudflare CDN"
    )


def is_collaborative(signals: Signals, domain: DomainModel) -> bool:
    arch = f"{signals.product.archetype.value} {domain.archetype}".lower()
    return any(w in arch for w in _COLLAB_WORDS)


def _crdt(signals: Signals) -> str:
    lang, _ = primary_language(signals)
    if lang == "typescript":
        return "Yjs CRDT documents synced over y-websocket (Automerge is the alternative)"
    return f"Automerge CRDT (Rust core with {lang} bindings) synced over WebSocket (Yjs is the alternative)"


def real_time_layer(
    signals: Signals,
    domain: DomainModel,
    pattern: Pattern = "monolith",
    mismatch: StackMismatch | None = None,
) -> str | None:
    rt = signals.behavior.real_time_intensity.score
    if mismatch is not None and mismatch.websocket:
        layer = "Persistent WebSocket service (sticky sessions, Redis pub/sub fan-out)"
    elif rt < 3:
        return None
    elif rt >= 4 and pattern == "serverless":
        # functions cannot hold connections: a managed service holds them and calls back
        return (
            "Managed real-time service (Ably or Pusher Channels) holding the WebSocket "
            "connections; functions publish to it over HTTPS"
        )
    elif rt >= 4:
        layer = "WebSocket gateway process (persistent connections, Redis pub/sub fan-out)"
    else:
        return (
            "Server-Sent Events notification stream process (one-way push; clients fall back "
            "to polling)"
        )
    if is_collaborative(signals, domain):
        layer += f"; {_crdt(signals)}"
    return layer


def async_workers(
    signals: Signals, domain: DomainModel, mismatch: StackMismatch | None = None
) -> list[str]:
    b = signals.behavior
    lead: list[str] = []
    if mismatch is not None:
        fn = {"gcp": "Cloud Functions", "azure": "Azure Functions"}.get(
            _cloud(signals), "AWS Lambda"
        )
        lead = [f"{fn} event handlers (image processing, email sending, webhooks)"]
    if b.compute_intensity.score < 3 and b.write_intensity.score < 4:
        return lead
    heavy = [j.name for j in domain.jobs if j.compute_heavy]
    light = [j.name for j in domain.jobs if not j.compute_heavy]
    out: list[str] = []
    if b.compute_intensity.score >= 3:
        label = "Compute worker (separate process"
        if b.compute_intensity.score >= 4:
            label += ", own autoscaling; GPU or model API calls"
        label += ")"
        if heavy:
            label += f": {', '.join(heavy)}"
        out.append(label)
    if b.write_intensity.score >= 4 or light or not out:
        label = "Background job worker (queue consumer"
        if b.write_intensity.score >= 4:
            label += "; absorbs write bursts off the request path"
        label += ")"
        if light:
            label += f": {', '.join(light)}"
        out.append(label)
    return lead + out


def _has_media(domain: DomainModel) -> bool:
    media = re.compile(r"(media|avatar|image|photo|video|file|attachment|thumbnail|audio)")
    return any(f.type == "url" and media.search(f.name) for e in domain.entities for f in e.fields)


def cdn_layer(signals: Signals, domain: DomainModel) -> str | None:
    platforms = set(signals.product.platform_targets.value)
    web = bool(platforms & {"web", "cross_platform"})
    media = _has_media(domain)
    spiky = signals.scale.traffic_pattern.value in ("spiky", "unpredictable")
    if not (web or media or spiky):
        return None
    what = [w for w, on in (("web bundle", web), ("user media", media)) if on] or ["static assets"]
    return f"{_cdn_name(signals)} for {' and '.join(what)} (object storage origin, signed URLs for private media)"


def edge_functions(signals: Signals) -> list[str]:
    out: list[str] = []
    if signals.scale.traffic_pattern.value in ("spiky", "unpredictable"):
        out.append("Edge caching of semi-static GET responses (evaluated per endpoint)")
    if signals.scale.geo_distribution.value == "global":
        out.append("Geo-routing to the nearest healthy region")
    return out


# ---- modules ----------------------------------------------------------------------------------


def _behavior_of(entity: DomainEntity, domain: DomainModel, signals: Signals) -> str:
    if any(ep.realtime and ep.entity == entity.name for ep in domain.endpoints):
        return "real_time" if signals.behavior.real_time_intensity.score >= 3 else "balanced_crud"
    if entity.append_only:
        return "write_heavy"
    if entity.hot:
        return "read_heavy"
    return "balanced_crud"


def modules_for(signals: Signals, domain: DomainModel, pattern: Pattern) -> list[ModuleBoundary]:
    """Module (or service) boundaries from the domain: an aggregate root owns its tables; a join
    entity (≥ 2 references, no own data beyond them) lives with the first entity it points at."""
    entities = domain.entities
    names = {e.name for e in entities}
    owner: dict[str, str] = {}
    for e in entities:
        refs = [r.target for r in e.relations if r.target in names and r.target != e.name]
        plain = [f for f in e.fields if not f.name.endswith("_id")]
        is_join = len(refs) >= 2 and len(plain) <= 2
        if is_join:
            non_user = [r for r in refs if r not in ("user", "account")] or refs
            owner[e.name] = non_user[0]
        else:
            owner[e.name] = e.name
    # resolve chains (join -> join)
    for n in list(owner):
        seen = {n}
        while owner[owner[n]] != owner[n] and owner[n] not in seen:
            seen.add(owner[n])
            owner[n] = owner[owner[n]]
    roots = [e for e in entities if owner[e.name] == e.name]
    modules: list[ModuleBoundary] = []
    for root in roots[:10]:
        owned = [e.name for e in entities if owner[e.name] == root.name]
        behavior = _behavior_of(root, domain, signals)
        if pattern == "microservices":
            just = (
                f"Own service because its load is {behavior.replace('_', '-')}: it scales and "
                "deploys on its own curve; the network cut is justified only because callers "
                "tolerate its latency and failure behind a timeout and circuit breaker"
            )
        else:
            just = (
                f"Owns the {', '.join(owned)} tables; other modules call its public interface, "
                "never its tables, so it can be extracted into a service without a data migration"
            )
        if root.name in ("user", "account", "member", "customer"):
            just += "; identity and profile data every other module references by id"
        modules.append(
            ModuleBoundary(name=root.name, owns=owned, behavior=behavior, justification=just)
        )
    return modules


def _microservice_boundaries(signals: Signals, domain: DomainModel) -> list[ModuleBoundary]:
    """Services by behavior, not features: one per behavioral class scoring ≥ 4 plus the core."""
    i = _intensities(signals)
    mods = modules_for(signals, domain, "microservices")
    by_behavior: dict[str, list[str]] = {}
    for m in mods:
        by_behavior.setdefault(m.behavior, []).extend(m.owns)
    out: list[ModuleBoundary] = []
    specs = [
        (
            "read_heavy",
            "read-service",
            i["read_intensity"],
            "Read traffic scales on replicas and cache independently of writes; the cut is a "
            "cache-friendly HTTP call, so a slow writer never stalls reads.",
        ),
        (
            "write_heavy",
            "ingest-service",
            i["write_intensity"],
            "Write bursts are absorbed by a queue in front of this service; the cut is asynchronous, "
            "so callers never wait on it.",
        ),
        (
            "real_time",
            "realtime-gateway",
            i["real_time_intensity"],
            "Holds persistent connections, whose memory profile and deploy cadence (connection "
            "draining) differ from request/response services.",
        ),
        (
            "compute_heavy",
            "compute-service",
            i["compute_intensity"],
            "CPU/GPU-bound work scales on different instance types; the cut is a queue, never a "
            "synchronous call on the request path.",
        ),
    ]
    core_owned = list(by_behavior.get("balanced_crud", []))
    for behavior, name, score, just in specs:
        owned = by_behavior.get(behavior, [])
        if score >= 4:
            out.append(
                ModuleBoundary(
                    name=name,
                    owns=owned or [f"{behavior.replace('_', '-')} workload"],
                    behavior=behavior,
                    justification=just,
                )
            )
        else:
            core_owned.extend(owned)
    out.insert(
        0,
        ModuleBoundary(
            name="core-service",
            owns=core_owned or ["accounts"],
            behavior="balanced_crud",
            justification="Transactional CRUD stays together: splitting entities that change "
            "in one transaction would turn a database transaction into a saga.",
        ),
    )
    return out


# ---- per-pattern notes ------------------------------------------------------------------------


def _monolith_notes(signals: Signals, modules: list[ModuleBoundary]) -> list[PatternNote]:
    team = signals.product.team_size.value
    stage = signals.product.stage.value
    high = {k: v for k, v in _intensities(signals).items() if v >= 4}
    trap = (
        f"With team_size = {team} and stage = {stage}, every service boundary would add a "
        "network hop that can fail, a deploy pipeline, distributed tracing and a schema to "
        "version — work that competes with the product for the same few people. "
    )
    if high:
        shown = ", ".join(f"{k.replace('_', ' ')} {v}/5" for k, v in high.items())
        trap += (
            f"The demanding behaviors ({shown}) are handled by splitting off a process "
            "(real-time gateway, worker), not by splitting the domain into services."
        )
    else:
        trap += "Nothing in the behavioral profile needs independent scaling."
    boundary = (
        "Modules: "
        + ", ".join(m.name for m in modules)
        + ". Each owns its tables (no cross-module joins or foreign keys into another module's "
        "internals), exposes a public interface and publishes domain events through an "
        "in-process bus. Extract a module into a service only when it needs its own scaling "
        "curve or a separate team owns it (a lint rule such as import-linter/dependency-cruiser "
        "enforces the boundaries in CI)."
    )
    return [
        PatternNote(topic="Why microservices would be a trap here", text=trap),
        PatternNote(topic="Modulith boundaries", text=boundary),
    ]


def _serverless_notes(signals: Signals, domain: DomainModel) -> list[PatternNote]:
    lang, _ = primary_language(signals)
    cold = {
        "typescript": "~150–400 ms",
        "python": "~200–500 ms",
        "go": "~50–150 ms",
        "rust": "~30–100 ms",
        "java": "~1–3 s (use SnapStart)",
        "kotlin": "~1–3 s (use SnapStart)",
        "csharp": "~400–900 ms (use Native AOT)",
    }.get(lang, "~200–800 ms")
    funcs = [
        f"API handlers ({lang}): cold start {cold}; latency-sensitive routes get "
        "provisioned concurrency sized to baseline traffic"
    ]
    for j in domain.jobs:
        funcs.append(
            f"{j.name} ({'compute-heavy, ' if j.compute_heavy else ''}triggered by {j.trigger}): "
            "cold start is invisible to users because it runs off the request path"
        )
    if signals.integration.webhooks.value in ("inbound", "both"):
        funcs.append(
            "Inbound webhook receiver: acknowledge fast (< 1 s), enqueue, process later "
            "so provider retries never hit a cold start twice"
        )
    lockin = (
        "Vendor lock-in: triggers, IAM and event formats are provider-specific. Mitigation: "
        "handlers are thin adapters over a framework-free core (ports and adapters), data stays "
        "in standard PostgreSQL/HTTP/S3-compatible storage, infrastructure is code (Terraform or "
        "SST), and the same core runs in a container for local development and as an exit path."
    )
    return [
        PatternNote(topic="Cold starts per function", text="; ".join(funcs) + "."),
        PatternNote(topic="Vendor lock-in and mitigation", text=lockin),
    ]


_CAP = re.compile(
    r"^(?:quota|capacity|stock|inventory|total_quantity|quantity_total|max_quantity|seats_total|allocation)$"
)
_USED = re.compile(
    r"^(?:sold_count|sold|reserved_count|booked_count|claimed_count|used_count|quantity_sold|seats_sold)$"
)
_LEFT = re.compile(
    r"^(?:remaining|available|quantity_available|stock_left|seats_available|in_stock)$"
)


def _stock(domain: DomainModel) -> tuple[str, str] | None:
    """(table, the atomic decrement) for the first entity that counts a scarce stock."""
    for e in domain.entities:
        names = [f.name for f in e.fields if f.type in ("integer", "bigint")]
        cap = next((n for n in names if _CAP.match(n)), None)
        used = next((n for n in names if _USED.match(n)), None)
        left = next((n for n in names if _LEFT.match(n)), None)
        if cap and used:
            return e.plural, (
                f"UPDATE {e.plural} SET {used} = {used} + :n WHERE id = :id AND "
                f"{used} + :n <= {cap}"
            )
        if left:
            return e.plural, (
                f"UPDATE {e.plural} SET {left} = {left} - :n WHERE id = :id AND {left} >= :n"
            )
    return None


def _burst_note(signals: Signals, domain: DomainModel) -> PatternNote | None:
    """A scarce stock sold into a spike (ticket on-sales, drops, flash sales): the seed's
    strong consistency has to survive the burst, which takes admission control and an atomic
    decrement, not only a bigger database."""
    if signals.scale.traffic_pattern.value not in ("spiky", "unpredictable"):
        return None
    if signals.data.consistency.value != "strong":
        return None
    stock = _stock(domain)
    if stock is None:
        return None
    table, decrement = stock
    peak = signals.scale.peak_concurrent_users.value
    return PatternNote(
        topic="Burst admission and oversell protection",
        text=(
            f"traffic_pattern = {signals.scale.traffic_pattern.value} with consistency = strong "
            f"on a limited stock ({table}): (1) a virtual waiting room at the edge hands out "
            "queue tokens and admits buyers at the rate the checkout path sustains, so the "
            f"~{peak:,}-user spike never reaches the database at once; (2) stock is taken with one "
            f"conditional statement ({decrement}); 0 rows updated means sold out, so two "
            "buyers can never take the last unit; (3) holds expire and a sweeper job returns "
            "unpaid stock; (4) the order endpoint requires an Idempotency-Key so a retried "
            "payment never charges twice; (5) rehearse the on-sale with a load test at the "
            "stated peak before each large sale."
        ),
    )


def _migration_note(
    signals: Signals, pattern: Pattern, modules: list[ModuleBoundary]
) -> PatternNote:
    """How a running system reaches the target pattern: the seed's stage = "Legacy
    modernization" is a migration, not a rewrite, and a design review asks for the path."""
    first = next(
        # identity is what every other context depends on: never the first to move
        (
            m.name
            for m in modules
            if m.behavior in ("read_heavy", "balanced_crud") and m.name not in ("user", "users")
        ),
        modules[0].name if modules else "the least-coupled module",
    )
    target = {
        "monolith": "a module of the new modular monolith",
        "microservices": "its own service",
        "serverless": "its own functions",
        "hybrid": "the new core service (or its own layer when its behavior needs one)",
    }[pattern]
    return PatternNote(
        topic="Incremental migration (strangler fig)",
        text=(
            "The legacy system keeps serving while it is replaced piece by piece (strangler "
            "fig), never in a "
            "big-bang rewrite: (1) put the API gateway in front of the legacy application so "
            "every route can be switched individually; (2) extract one bounded context at a "
            f"time into {target}, starting with a low-risk, well-understood one (e.g. {first}), "
            "behind an anti-corruption layer that translates the legacy model; (3) keep data in "
            "sync with change data capture (e.g. Debezium) from the legacy database until the "
            "new owner of those tables is the only writer; (4) shadow or dual-run traffic and "
            "compare responses before the switch, with a rollback that routes the path back to "
            "the legacy system in one gateway change; (5) decommission the legacy code and "
            "tables of each context once it has run on the new path for a full business cycle."
        ),
    )


def _hybrid_notes(
    signals: Signals, domain: DomainModel, mismatch: StackMismatch | None
) -> list[PatternNote]:
    i = _intensities(signals)
    cloud = _cloud(signals)
    layers = [
        f"Core CRUD (read {i['read_intensity']}/5, write {i['write_intensity']}/5) → one modular "
        "API service"
    ]
    if i["real_time_intensity"] >= 3:
        layers.append(
            f"real-time (real-time {i['real_time_intensity']}/5) → dedicated "
            "WebSocket/stream service"
        )
    if i["compute_intensity"] >= 3 or i["write_intensity"] >= 4:
        layers.append(
            f"heavy compute / write bursts (compute {i['compute_intensity']}/5) → "
            "async worker queue (separate process)"
        )
    layers.append("static assets and media → CDN edge")
    notes = [PatternNote(topic="Which layer serves which behavior", text="; ".join(layers) + ".")]
    if mismatch is not None:
        fn = {"gcp": "Cloud Functions / Cloud Run jobs", "azure": "Azure Functions"}.get(
            cloud, "AWS Lambda"
        )
        ws_host = {
            "gcp": "Cloud Run with session affinity",
            "azure": "Azure Container Apps with session affinity",
        }.get(cloud, "ECS Fargate (or AWS App Runner) behind an ALB with sticky sessions")
        pool = {
            "gcp": "PgBouncer (or Cloud SQL Auth Proxy with a pooler)",
            "azure": "PgBouncer (built into Azure Database for PostgreSQL flexible server)",
        }.get(cloud, "RDS Proxy")
        kept = (
            f"Kept from your stack: {fn} for async event handlers (image processing, email "
            "sending, webhooks, scheduled jobs) — short, stateless, bursty work where functions "
            "excel."
        )
        notes.append(PatternNote(topic="Serverless kept where it works", text=kept))
        if mismatch.websocket:
            notes.append(
                PatternNote(
                    topic="Serverless + WebSockets conflict, fixed",
                    text="Functions are stateless and terminate after each invocation; API "
                    "Gateway WebSocket APIs cap connections at 2 hours and idle ones at 10 "
                    f"minutes. The WebSocket layer moves to a persistent service on {ws_host}, "
                    "with Redis pub/sub routing messages between its nodes.",
                )
            )
        if mismatch.relational:
            notes.append(
                PatternNote(
                    topic="Serverless + PostgreSQL conflict, fixed",
                    text="Each concurrent function instance opens its own database connection; "
                    "a traffic burst exhausts the connection limit (connection storm). "
                    f"{pool} pools connections between the functions and the database; the "
                    "persistent services use their own small pools.",
                )
            )
    return notes


# ---- scaling and deployment ------------------------------------------------------------------


def _budget_note(signals: Signals) -> str:
    usd = signals.constraints.budget_monthly_usd.value
    if usd is None:
        return ""
    low, high = capacity_for_budget(usd)
    peak = signals.scale.peak_concurrent_users.value
    text = (
        f" Sized to the ${usd:,}/month budget, which realistically supports about "
        f"{low:,}–{high:,} concurrent users on optimised infrastructure"
    )
    if peak > high:
        text += f" — not the {peak:,} requested; the budget is the binding constraint"
    return text + "."


def capacity_for_budget(usd_per_month: int) -> tuple[int, int]:
    """Concurrent users a monthly budget supports: ~$0.10–$0.50 per concurrent user-month on
    optimised, single-region infrastructure (so $500 ≈ 1,000–5,000)."""
    return usd_per_month * 2, usd_per_month * 10


def _scaling(signals: Signals, pattern: Pattern) -> str:
    peak = signals.scale.peak_concurrent_users.value
    rt = signals.behavior.real_time_intensity.score
    base = {
        "monolith": "Stateless app instances (min 2 for availability) scale horizontally behind "
        "the load balancer on CPU > 60 % or p95 latency; the database scales vertically first, "
        "then adds read replicas for read-heavy queries",
        "microservices": "Each service autoscales on its own signal (read service on latency, "
        "ingest on queue depth, gateway on open connections, compute on backlog); databases are "
        "per service, scaled independently",
        "serverless": "Functions scale per request up to the account concurrency limit "
        "(reserve concurrency per function so one cannot starve the others); the database sits "
        "behind a connection pooler",
        "hybrid": "The API service scales horizontally on CPU/latency; the real-time service on "
        "open connections; workers on queue depth; each layer independently",
    }[pattern]
    usd = signals.constraints.budget_monthly_usd.value
    if usd is not None and peak > capacity_for_budget(usd)[1]:
        # the budget binds (see _budget_note): size for what it carries, not the stated peak
        text = f"{base}. Designed for the first {capacity_for_budget(usd)[1]:,} concurrent users"
    else:
        text = f"{base}. Designed for {peak:,} peak concurrent users"
    if rt >= 3 and pattern != "serverless":
        text += "; the real-time process scales on open connections (≈ 10k–50k per node)"
    return text + "." + _budget_note(signals)


def _deployment(signals: Signals, pattern: Pattern, mismatch: StackMismatch | None) -> str:
    cloud = _cloud(signals)
    containers = {
        "aws": "AWS ECS Fargate services behind an Application Load Balancer",
        "gcp": "Google Cloud Run services behind a global HTTPS load balancer",
        "azure": "Azure Container Apps behind Azure Front Door",
        "self_hosted": "Docker containers on your own hosts (Docker Compose or k3s) behind "
        "Caddy/NGINX",
    }.get(
        cloud,
        "AWS ECS Fargate services behind an Application Load Balancer (AWS assumed: "
        "no cloud stated)",
    )
    if pattern == "microservices":
        return {
            "aws": "Amazon EKS (one namespace per service team) with an ALB ingress",
            "gcp": "Google Kubernetes Engine (Autopilot) with a global load balancer",
            "azure": "Azure Kubernetes Service with Application Gateway ingress",
            "self_hosted": "Kubernetes (k3s or RKE2) on your own hosts with an NGINX ingress",
        }.get(cloud, "Amazon EKS with an ALB ingress (AWS assumed: no cloud stated)")
    if pattern == "serverless":
        return {
            "aws": "AWS Lambda behind Amazon API Gateway (HTTP API), EventBridge/SQS for events",
            "gcp": "Google Cloud Run functions behind API Gateway, Pub/Sub for events",
            "azure": "Azure Functions (Flex Consumption) behind API Management, Service Bus for "
            "events",
            "self_hosted": "Knative or OpenFaaS on your own Kubernetes cluster",
        }.get(cloud, "AWS Lambda behind API Gateway (AWS assumed: no cloud stated)")
    if pattern == "hybrid" and mismatch is not None:
        fn = {"gcp": "Cloud Functions", "azure": "Azure Functions"}.get(cloud, "AWS Lambda")
        return f"{containers} for the API and WebSocket services; {fn} for async event handlers"
    return containers


# ---- Stage 2 ---------------------------------------------------------------------------------


def _deferred(signals: Signals, pattern: Pattern) -> list[str]:
    out: list[str] = []
    early = signals.product.stage.value == "mvp" or TEAM_ORDER[signals.product.team_size.value] <= 1
    if not early:
        return out
    if signals.scale.geo_distribution.value in ("multi_region", "global"):
        out.append(
            "Multi-region sync / active-active writes — post-MVP flag: launch in one region "
            "with a CDN in front, add read replicas in a second region when latency data "
            "demands it"
        )
    if pattern == "monolith":
        out.append("Service extraction — only when a module needs its own scaling or team")
    if signals.behavior.write_intensity.score >= 5:
        out.append(
            "Kafka / a streaming platform — a Redis-backed queue (BullMQ) or SQS is sufficient "
            "until sustained ingest exceeds ~10,000 messages/s"
        )
    return out


def label_for(
    pattern: Pattern, rt_layer: str | None, workers: list[str], mismatch: StackMismatch | None
) -> str:
    """The reader-facing variant: a monolith with split-off processes is a Hybrid Monolith."""
    if pattern == "monolith":
        split = [
            x for x, on in (("a real-time process", rt_layer), ("a worker process", workers)) if on
        ]
        if split:
            return "Hybrid Monolith (modular monolith + " + " + ".join(split) + ")"
        return "Modular monolith"
    if pattern == "microservices":
        return "Microservices (boundaries by behavior)"
    if pattern == "serverless":
        return "Serverless (functions + managed services)"
    if mismatch is not None:
        return "Hybrid (your serverless stack, kept where it works)"
    return "Hybrid (core service + specialised layers)"


def select_architecture(
    signals: Signals, domain: DomainModel | None = None
) -> ArchitectureDecision:
    """Stage 2. ``domain`` (Stage 1's domain model) draws the module boundaries; without it the
    decision is the same and the module list is empty."""
    domain = domain if domain is not None else empty_domain()
    pattern, fired, mismatch = decide_pattern(signals)
    rt_layer = real_time_layer(signals, domain, pattern, mismatch)
    workers = async_workers(signals, domain, mismatch)
    modules: list[ModuleBoundary]
    if pattern == "microservices":
        modules = _microservice_boundaries(signals, domain)
        core = [m.name for m in modules]
    else:
        modules = modules_for(signals, domain, pattern)
        core = {
            "monolith": [
                "Modular monolith API (" + ", ".join(m.name for m in modules) + " modules)"
            ],
            "serverless": ["API functions behind an API gateway, one handler group per module"],
            "hybrid": ["Core API service (modular monolith for CRUD)"],
        }[pattern]
    topology = ServiceTopology(
        core_services=core,
        async_workers=workers,
        real_time_layer=rt_layer,
        cdn_layer=cdn_layer(signals, domain),
        edge_functions=edge_functions(signals),
    )
    label = label_for(pattern, rt_layer, workers, mismatch)
    if pattern == "monolith":
        notes = _monolith_notes(signals, modules)
    elif pattern == "microservices":
        notes = [
            PatternNote(
                topic="Every boundary is a network call",
                text="Each cut below is justified by a different scaling or failure profile; "
                "calls between services carry timeouts, retries with jitter and circuit "
                "breakers, and entities that change in one transaction never straddle a cut.",
            )
        ]
    elif pattern == "serverless":
        notes = _serverless_notes(signals, domain)
    else:
        notes = _hybrid_notes(signals, domain, mismatch)
    if signals.product.stage.value == "legacy_modernization":
        notes = [*notes, _migration_note(signals, pattern, modules)]
    burst = _burst_note(signals, domain)
    if burst is not None:
        notes = [*notes, burst]
    rationale = (
        f"Selected because {fired.field.removeprefix('signals.')} = {fired.value} "
        f"(rule {fired.rule}): {fired.text}"
    )
    if pattern == "monolith" and len(label) > len("Modular monolith"):
        rationale += (
            " The pattern stays a monolith; demanding behaviors get their own process "
            "("
            + ", ".join(x for x in [rt_layer and "real-time", workers and "workers"] if x)
            + ")."
        )
    return ArchitectureDecision(
        architecture_pattern=pattern,
        pattern_label=label,
        rule_fired=fired,
        pattern_rationale=rationale,
        rejected_patterns=_rejections(signals, pattern, mismatch),
        service_topology=topology,
        modules=modules,
        notes=notes,
        deferred=_deferred(signals, pattern),
        scaling_strategy=_scaling(signals, pattern),
        deployment_target=_deployment(signals, pattern, mismatch),
    )
