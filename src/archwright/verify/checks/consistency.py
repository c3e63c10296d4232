"""Consistency checks: the sections agree with each other (seed Stage 10 "CONSISTENCY CHECKS")."""

from __future__ import annotations

from archwright.models.document import ArchitectureDocument
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import mentions, words


def stack_row(doc, *keys: str):
    if doc.overview is None:
        return None
    for row in doc.overview.tech_stack:
        if set(keys) & words(row.layer):
            return row
    return None


def _same_product(a: str, b: str) -> bool:
    """Two technology strings name the same product (one contains the other, or a shared word
    that is not a generic one)."""
    generic = {
        "managed",
        "service",
        "services",
        "aws",
        "gcp",
        "azure",
        "cloud",
        "free",
        "tier",
        "on",
        "with",
        "and",
        "the",
        "self",
        "hosted",
        "open",
        "source",
        "via",
        "plus",
    }
    la, lb = a.lower(), b.lower()
    return la in lb or lb in la or bool((words(a) & words(b)) - generic)


class StackMatchesPattern(Check):
    """The tech stack agrees with the architecture pattern and the topology.

    Anti-pattern: Stage 2 picks a monolith while the stack lists a service mesh; or the topology
    has a real-time layer the stack calls "not needed".

    Best practice: serverless runs on functions, a monolith has no service mesh, and each
    component of the topology (queue, real-time layer, CDN) has its stack row.
    """

    code = "AW-CON-001"
    name = "consistency.stack_matches_pattern"
    area = "consistency"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        out = []
        pattern = doc.architecture.architecture_pattern
        stack_text = " ".join(f"{r.technology}" for r in doc.overview.tech_stack if r.needed)
        if pattern != "microservices" and mentions(stack_text, "istio", "linkerd", "service mesh"):
            out.append(self.finding(f"a service mesh in a {pattern} stack", "overview.tech_stack"))
        if pattern == "serverless" and not mentions(
            stack_text, "lambda", "function", "cloud run", "workers", "serverless"
        ):
            out.append(
                self.finding(
                    "serverless pattern but no function runtime in the stack", "overview.tech_stack"
                )
            )
        topo = doc.architecture.service_topology
        rt = stack_row(doc, "real", "realtime")
        if topo.real_time_layer and rt is not None and not rt.needed:
            out.append(
                self.finding(
                    "topology has a real-time layer the stack says is not needed",
                    f"overview.tech_stack[{rt.layer}]",
                )
            )
        q = stack_row(doc, "queue", "messaging")
        queue = doc.scalability.queue if doc.scalability is not None else None
        in_primary_db = queue is not None and _same_product(
            queue.technology, doc.data_strategy.primary_database
        )  # a job table in the primary database needs no broker row
        if (
            queue is not None
            and q is not None
            and not (not q.needed and in_primary_db)
            and (not q.needed or not _same_product(q.technology, queue.technology))
        ):
            out.append(
                self.finding(
                    f"stack queue {q.technology!r} differs from Stage 8's "
                    f"{doc.scalability.queue.technology!r}",
                    f"overview.tech_stack[{q.layer}]",
                )
            )
        return out


class DatabaseMatchesSchema(Check):
    """The schema is designed for the database chosen in Stage 3.

    Anti-pattern: Stage 3 chooses PostgreSQL, Stage 6 writes MongoDB collections.

    Best practice: `schema.database` and its family equal the data strategy's primary database.
    """

    code = "AW-CON-002"
    name = "consistency.database_matches_schema"
    area = "consistency"
    touches = ("schema",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        ds = doc.data_strategy
        out = []
        if not _same_product(doc.schema_.database, ds.primary_database):
            out.append(
                self.finding(
                    f"schema targets {doc.schema_.database}, Stage 3 chose {ds.primary_database}",
                    "schema.database",
                )
            )
        if doc.schema_.family != ds.primary_database_family:
            out.append(
                self.finding(
                    f"schema family {doc.schema_.family}, Stage 3 family {ds.primary_database_family}",
                    "schema.family",
                )
            )
        row = stack_row(doc, "database", "db")
        if row is not None and not _same_product(row.technology, ds.primary_database):
            out.append(
                self.finding(
                    f"stack database {row.technology!r} differs from {ds.primary_database}",
                    f"overview.tech_stack[{row.layer}]",
                )
            )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.schema_ is not None:
            doc.schema_.family = doc.data_strategy.primary_database_family
        return doc


class CacheToolMatches(Check):
    """The caching tool of Stage 3 is the one the stack and Stage 8 use.

    Anti-pattern: Stage 3 picks Redis, the stack registry lists Memcached.

    Best practice: one cache technology named identically in Stages 3, 4B and 8.
    """

    code = "AW-CON-003"
    name = "consistency.cache_tool_matches"
    area = "consistency"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        tool = doc.data_strategy.caching_strategy.tool
        out = []
        row = stack_row(doc, "cache", "caching")
        if tool and row is not None and (not row.needed or not _same_product(row.technology, tool)):
            out.append(
                self.finding(
                    f"stack cache {row.technology!r} but Stage 3 chose {tool}",
                    f"overview.tech_stack[{row.layer}]",
                )
            )
        if not tool and doc.scalability is not None:
            app = [
                c
                for c in doc.scalability.caching
                if mentions(c.location, "redis", "memcache", "valkey", "application")
            ]
            if app:
                out.append(
                    self.finding(
                        "Stage 8 caches in an application cache Stage 3 did not choose",
                        f"scalability.caching[{app[0].resource}]",
                    )
                )
        return out


class MonitoringToolMatches(Check):
    """The monitoring tool in the tech stack is the one the observability plan uses.

    Anti-pattern: the registry says Datadog, Stage 9 designs Prometheus dashboards.

    Best practice: the same product in the stack row and in the metrics/logging tooling.
    """

    code = "AW-CON-004"
    name = "consistency.monitoring_tool_matches"
    area = "consistency"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        row = stack_row(doc, "monitoring", "observability")
        if row is None:
            return []
        obs = doc.operations.observability
        tools = f"{obs.metrics.tooling} {obs.logging.tooling}"
        if not _same_product(row.technology, tools):
            return [
                self.finding(
                    f"stack monitoring {row.technology!r} not used by Stage 9 "
                    f"({obs.metrics.tooling})",
                    f"overview.tech_stack[{row.layer}]",
                )
            ]
        return []


class DiagramMatchesTopology(Check):
    """The system diagram shows every component of the topology and the primary database.

    Anti-pattern: the diagram still shows the Lambda WebSocket handler that Stage 2 replaced.

    Best practice: every node of the topology model appears in the Mermaid text, including the
    primary database, and every edge has a protocol label.
    """

    code = "AW-CON-006"
    name = "consistency.diagram_matches_topology"
    area = "consistency"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        from archwright.verify.mermaid_lint import flowchart_graph

        nodes, edges = flowchart_graph(doc.overview.system_diagram)
        out = [
            self.finding(f"topology node {n.id} is not in the diagram", "overview.system_diagram")
            for n in doc.overview.topology.nodes
            if n.id not in nodes
        ]
        labels = " ".join(nodes.values())
        if not mentions(labels, doc.data_strategy.primary_database):
            out.append(
                self.finding(
                    f"primary database {doc.data_strategy.primary_database} not in the diagram",
                    "overview.system_diagram",
                )
            )
        unlabeled = [f"{a}->{b}" for a, b, label in edges if not label.strip()]
        if unlabeled:
            out.append(
                self.finding(
                    f"edges without a protocol label: {', '.join(unlabeled[:5])}",
                    "overview.system_diagram",
                )
            )
        for e in doc.overview.topology.edges:
            if not e.protocol.strip():
                out.append(
                    self.finding(
                        f"edge {e.source}->{e.target} has no protocol", "overview.topology.edges"
                    )
                )
        return out


def _choice(text: str) -> str:
    return " ".join(text.lower().split())


#: the tech-stack row that carries the choice itself for a preference's subject — not the rows
#: where a turned-down choice may legitimately live on (a MongoDB rejected as the primary
#: database can still be the secondary store for activity logs)
_SUBJECT_ROW = {"queue": "message queue", "primary_database": "primary database"}


def _names(text: str, name: str) -> bool:
    """``name`` appears in ``text`` as whole words ("Kafka" in "Apache Kafka", not "Kafkaesque")."""
    return f" {_choice(name)} " in f" {_choice(text)} "


class PreferenceRecordMatchesStack(Check):
    """The preference record and the tech stack agree on every technology the user named.

    Anti-pattern: Stage 1's preference table says "pgvector — honored" while the Vector Search
    row says "pgvector (overridden)" because the primary database cannot host it, or the record
    says Kafka is replaced by a managed queue while the Message Queue row still selects Kafka:
    the document contradicts itself about the one thing the user asked for by name.

    Best practice: comply-and-flag in one voice — when a stage overrides a named choice, the
    preference record says so, with the reason and the choice kept as an alternative, and the
    row that would hold the choice shows the replacement.
    """

    code = "AW-CON-007"
    name = "consistency.preference_record_matches_stack"
    area = "consistency"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        used = [p for p in doc.signals.preferences if p.stance == "use"]
        honored = {_choice(p.requested) for p in used if p.decision == "honored"}
        out: list[Finding] = []
        for row in doc.overview.tech_stack:
            # "pgvector (PostgreSQL extension) (overridden)": the verdict is the last aside;
            # the user may have named the product without the catalog's own aside
            named, _, verdict = (row.preference or "").rpartition(" (")
            verdict = verdict.removesuffix(")")
            if verdict not in ("overridden", "rejected"):
                # the other direction: a choice recorded as turned down is still selected
                out.extend(
                    self.finding(
                        f"{p.requested} is recorded as {p.decision} but the {row.layer} row "
                        f"selects {row.technology}",
                        "signals.preferences",
                    )
                    for p in used
                    if p.decision != "honored"
                    and row.needed
                    and _SUBJECT_ROW.get(p.subject) == _choice(row.layer)
                    and _names(row.technology, p.requested)
                )
                continue
            if {_choice(named), _choice(named.split(" (")[0])} & honored:
                out.append(
                    self.finding(
                        f"{named} is recorded as honored but the {row.layer} row says {verdict}",
                        "signals.preferences",
                    )
                )
        return out
