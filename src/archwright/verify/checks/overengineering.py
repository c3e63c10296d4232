"""Anti-over-engineering checks — applied last (seed Stage 10 "ANTI-OVER-ENGINEERING CHECK")."""

from __future__ import annotations

import re

from archwright.models.document import ArchitectureDocument
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import blank, mentions

SMALL_TEAMS = {"solo", "2-5"}


class NoMicroservicesForSmallMvp(Check):
    """Microservices are not selected for a team under 10 at MVP stage.

    Anti-pattern: a two-person MVP split into eight services with a service mesh.

    Best practice: a modular monolith whose module boundaries allow a later split.
    """

    code = "AW-ENG-001"
    name = "overengineering.no_microservices_small_mvp"
    area = "overengineering"

    def _applies(self, doc) -> bool:
        p = doc.signals.product
        return p.team_size.value in SMALL_TEAMS and p.stage.value == "mvp"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if self._applies(doc) and doc.architecture.architecture_pattern == "microservices":
            return [
                self.finding(
                    "microservices selected for a small MVP team",
                    "architecture.architecture_pattern",
                )
            ]
        return []

    def explain_pass(self, doc: ArchitectureDocument) -> str:
        p = doc.signals.product
        pattern = doc.architecture.architecture_pattern
        scope = "" if self._applies(doc) else "; rule not triggered"
        chosen = " (microservices not selected)" if pattern != "microservices" else ""
        return (
            f"team_size={p.team_size.value}, stage={p.stage.value} → pattern {pattern}"
            f"{chosen}{scope}"
        )


_KAFKA = re.compile(r"\bkafka\b|\bmsk\b|confluent|redpanda", re.I)


def _kafka_places(doc) -> list[str]:
    places = []
    queue = doc.scalability.queue if doc.scalability is not None else None
    if queue is not None and _KAFKA.search(queue.technology):
        places.append("scalability.queue.technology")
    if doc.overview is not None:
        for r in doc.overview.tech_stack:
            if r.needed and _KAFKA.search(r.technology):
                places.append(f"overview.tech_stack[{r.layer}]")
    return places


class NoKafkaForSteadyLowScale(Check):
    """Kafka is not selected for steady low-scale traffic or a small team (SQS/BullMQ suffice).

    Anti-pattern: a solo developer operating a Kafka cluster for a few hundred jobs a minute.

    Best practice: a managed queue (SQS) or BullMQ until event ordering across >10 consumers
    makes a log necessary.
    """

    code = "AW-ENG-002"
    name = "overengineering.no_kafka_low_scale"
    area = "overengineering"

    def _applies(self, doc) -> bool:
        s = doc.signals
        # the user count must be stated: an assumed one does not overrule a stated Kafka
        # (Stage 1's kafka_not_justified rule reads the same facts, so the two agree)
        stated = not (s.scale.peak_concurrent_users.inferred and s.scale.launch_users.inferred)
        low = stated and s.scale.peak_concurrent_users.value < 10_000
        steady = s.scale.traffic_pattern.value == "steady"
        return (steady and low) or s.product.team_size.value in SMALL_TEAMS

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if not self._applies(doc):
            return []
        return [
            self.finding("Kafka selected where a simple queue suffices", p)
            for p in _kafka_places(doc)
        ]

    def explain_pass(self, doc: ArchitectureDocument) -> str:
        s = doc.signals
        q = (
            doc.scalability.queue.technology
            if doc.scalability and doc.scalability.queue
            else "none"
        )
        return (
            f"team_size={s.product.team_size.value}, traffic={s.scale.traffic_pattern.value}, "
            f"peak={s.scale.peak_concurrent_users.value}, write intensity="
            f"{s.behavior.write_intensity.score} → queue {q} (Kafka not selected)"
        )


class NoWebSocketsWithoutRealtime(Check):
    """WebSockets are not selected when real-time intensity is below 3.

    Anti-pattern: a persistent-connection tier for an admin dashboard that polls fine.

    Best practice: polling or SSE until milliseconds matter.
    """

    code = "AW-ENG-003"
    name = "overengineering.no_websockets_low_realtime"
    area = "overengineering"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        score = doc.signals.behavior.real_time_intensity.score
        if score >= 3:
            return []
        out = []
        if doc.api is not None and doc.api.websocket is not None:
            out.append(
                self.finding(
                    f"WebSocket protocol with real-time intensity {score}", "api.websocket"
                )
            )
        rt = doc.architecture.service_topology.real_time_layer
        if rt and mentions(rt, "websocket", "socket"):
            out.append(
                self.finding(
                    f"real-time layer {rt!r} with real-time intensity {score}",
                    "architecture.service_topology.real_time_layer",
                )
            )
        return out

    def explain_pass(self, doc: ArchitectureDocument) -> str:
        score = doc.signals.behavior.real_time_intensity.score
        ws = doc.api is not None and doc.api.websocket is not None
        if ws:
            return f"real_time_intensity={score} (≥ 3) → WebSockets selected, as the load calls for"
        return f"real_time_intensity={score} → WebSockets not selected"


_CARGO = re.compile(
    r"^(industry standard|popular|modern|best practice|widely used|tbd|n/a|-)\.?$", re.I
)


class EveryTechnologyJustified(Check):
    """Every technology in the stack has a specific rationale — no cargo-culting.

    Anti-pattern: "Kubernetes — industry standard".

    Best practice: a justification that cites this product's signals (team size, intensity,
    budget, compliance), at least a full sentence long.
    """

    code = "AW-ENG-004"
    name = "overengineering.every_technology_justified"
    area = "overengineering"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        return [
            self.finding(
                f"{r.technology} has no real rationale ({r.justification!r})",
                f"overview.tech_stack[{r.layer}]",
            )
            for r in doc.overview.tech_stack
            if blank(r.justification)
            or _CARGO.match(r.justification.strip())
            or len(r.justification.split()) < 4
        ]

    def explain_pass(self, doc: ArchitectureDocument) -> str:
        n = len(doc.overview.tech_stack) if doc.overview is not None else 0
        return f"{n} stack rows, each with a specific rationale"


_HEAVY_ORCH = re.compile(r"kubernetes|\bk8s\b|\beks\b|\bgke\b|\baks\b|openshift|nomad", re.I)


class NoKubernetesForSmallTeam(Check):
    """A solo or 2–5 person team is not handed Kubernetes to operate.

    Anti-pattern: a solo founder running an EKS cluster for one container.

    Best practice: a managed container or PaaS runtime (ECS Fargate, Cloud Run, App Runner,
    Fly.io) until the team can staff a platform role.
    """

    code = "AW-ENG-005"
    name = "overengineering.no_kubernetes_small_team"
    area = "overengineering"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        s = doc.signals
        if doc.overview is None or s.product.team_size.value not in SMALL_TEAMS:
            return []
        if s.constraints.existing_infrastructure.value == "existing":
            return []  # an existing cluster is not a new burden
        return [
            self.finding(
                f"{r.technology} for a {s.product.team_size.value} team",
                f"overview.tech_stack[{r.layer}]",
            )
            for r in doc.overview.tech_stack
            if r.needed and _HEAVY_ORCH.search(r.technology)
        ]

    def explain_pass(self, doc: ArchitectureDocument) -> str:
        row = None
        if doc.overview is not None:
            row = next(
                (r for r in doc.overview.tech_stack if "orchestration" in r.layer.lower()), None
            )
        return (
            f"team_size={doc.signals.product.team_size.value} → orchestration "
            f"{row.technology if row else 'n/a'}"
        )


class NoNoSqlPrimaryForStrongData(Check):
    """Financial or health data, or strong consistency, never gets an eventually consistent NoSQL primary.

    Anti-pattern: trades executed on MongoDB "because we like it".

    Best practice: an ACID relational primary (PostgreSQL); the requested NoSQL store kept as a
    secondary for logs or activity feeds.
    """

    code = "AW-ENG-006"
    name = "overengineering.no_nosql_primary_for_strong_data"
    area = "overengineering"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        d = doc.signals.data
        fam = doc.data_strategy.primary_database_family
        if fam in ("document", "key_value", "wide_column") and (
            d.sensitivity.value in ("financial", "health") or d.consistency.value == "strong"
        ):
            return [
                self.finding(
                    f"{doc.data_strategy.primary_database} ({fam}) as primary for "
                    f"{d.sensitivity.value} data with {d.consistency.value} consistency",
                    "data_strategy.primary_database",
                )
            ]
        return []

    def explain_pass(self, doc: ArchitectureDocument) -> str:
        d = doc.signals.data
        return (
            f"sensitivity={d.sensitivity.value}, consistency={d.consistency.value} → primary "
            f"{doc.data_strategy.primary_database} ({doc.data_strategy.primary_database_family})"
        )
