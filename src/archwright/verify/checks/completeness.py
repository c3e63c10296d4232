"""Completeness: every section, diagram, stack row, environment, endpoint and entity exists."""

from __future__ import annotations

from archwright.models.document import ArchitectureDocument
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import blank, words

SECTIONS = (
    ("overview", "System Overview (Stage 4)"),
    ("api", "API Contract (Stage 5)"),
    ("schema_", "Data Schema (Stage 6)"),
    ("security", "Security & Compliance (Stage 7)"),
    ("scalability", "Scalability & Reliability (Stage 8)"),
    ("operations", "Observability & CI/CD (Stage 9)"),
)


class SectionsPresent(Check):
    """All major sections are present (Overview, API, Schema, Security, Scalability, Observability/CI/CD).

    Anti-pattern: skipping the observability or CI/CD section because it "feels like DevOps".

    Best practice: every document carries all six design sections; a user's request to skip one
    condenses it instead of dropping it.
    """

    code = "AW-CMP-001"
    name = "completeness.sections_present"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        return [
            self.finding(f"section missing: {label}", attr.rstrip("_"))
            for attr, label in SECTIONS
            if getattr(doc, attr) is None
        ]


class TechStackNoEmptyRows(Check):
    """The tech stack registry has zero empty cells.

    Anti-pattern: a row `| Cache Layer | | | | |` or a technology of "TBD".

    Best practice: every row names a technology, a version/tier, a justification and the
    alternative considered; a layer that is not needed says so in its justification.
    """

    code = "AW-CMP-002"
    name = "completeness.tech_stack_no_empty_rows"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        out = []
        for row in doc.overview.tech_stack:
            for field in ("layer", "technology", "version_tier", "justification"):
                value = getattr(row, field)
                if blank(value) or str(value).strip().lower() in {"tbd", "todo", "n/a", "?", "-"}:
                    out.append(
                        self.finding(f"{field} is empty", f"overview.tech_stack[{row.layer}]")
                    )
            if row.needed and blank(row.alternative_considered):
                out.append(
                    self.finding(
                        "alternative_considered is empty", f"overview.tech_stack[{row.layer}]"
                    )
                )
        if not doc.overview.tech_stack:
            out.append(self.finding("the tech stack registry has no rows", "overview.tech_stack"))
        return out


#: Required registry rows (seed Stage 4B), each recognised by words in the layer name.
REQUIRED_LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Runtime / Language", ("runtime", "language")),
    ("Web Framework", ("framework",)),
    ("API Style", ("api",)),
    ("Primary Database", ("database", "db", "datastore", "store")),
    ("Cache Layer", ("cache", "caching")),
    ("Auth Provider", ("auth", "authentication", "identity")),
    ("Email/Notification Service", ("email", "notification", "notifications")),
    ("Cloud Provider", ("cloud", "hosting")),
    ("Container Orchestration", ("orchestration", "container", "containers", "compute")),
    ("CI/CD Platform", ("ci", "cd", "pipeline")),
    ("Monitoring / Observability", ("monitoring", "observability", "metrics")),
    ("Error Tracking", ("error", "errors")),
)


class TechStackRequiredRows(Check):
    """The tech stack registry has every required row (runtime to error tracking).

    Anti-pattern: a registry listing only "Python, PostgreSQL, AWS", leaving the cache, CI/CD,
    monitoring and error-tracking choices to a follow-up meeting.

    Best practice: the seed's required rows — runtime, web framework, API style, primary
    database, cache, auth provider, email, cloud, container orchestration, CI/CD, monitoring and
    error tracking — each present (a layer that is not needed is a row saying why).
    """

    code = "AW-CMP-003"
    name = "completeness.tech_stack_required_rows"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        layer_words = [words(r.layer) for r in doc.overview.tech_stack]
        return [
            self.finding(f"required row missing: {label}", "overview.tech_stack")
            for label, keys in REQUIRED_LAYERS
            if not any(set(keys) & w for w in layer_words)
        ]


class EnvironmentsDefined(Check):
    """Staging, production and at least one development environment are defined.

    Anti-pattern: only "production" (changes are tested in prod) or a staging without a
    development environment.

    Best practice: local/development, staging and production, each with purpose, data policy,
    access control and parity to prod.
    """

    code = "AW-CMP-004"
    name = "completeness.environments"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.overview is None:
            return []
        names = [words(e.name) for e in doc.overview.environments]
        out = []
        if not any(w & {"staging", "stage", "preprod", "uat"} for w in names):
            out.append(self.finding("no staging environment", "overview.environments"))
        if not any(w & {"production", "prod"} for w in names):
            out.append(self.finding("no production environment", "overview.environments"))
        if not any(w & {"local", "development", "dev", "sandbox", "test"} for w in names):
            out.append(self.finding("no development environment", "overview.environments"))
        for env in doc.overview.environments:
            for field in ("purpose", "data_policy", "access_control", "parity_to_prod"):
                if blank(getattr(env, field)):
                    out.append(
                        self.finding(f"{field} is empty", f"overview.environments[{env.name}]")
                    )
        return out


def _strip_version(path: str) -> str:
    parts = path.split("/", 2)
    return "/" + parts[2] if len(parts) > 2 else "/"


def _shape(path: str) -> str:
    """A path with parameter names erased, so /posts/{id} matches /posts/{post_id}."""
    import re

    return re.sub(r"\{[^{}]*\}", "{}", path.rstrip("/") or "/")


class EndpointsSpecified(Check):
    """Every P0 and P1 endpoint the product implies has a specification in the API contract.

    Anti-pattern: the domain needs `POST /posts/{post_id}/likes`, the contract forgets it, and
    the frontend team discovers the gap mid-sprint.

    Best practice: each endpoint of the domain model appears in the contract with the same
    method and path (under the version prefix).
    """

    code = "AW-CMP-005"
    name = "completeness.endpoints_specified"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.api is None:
            return []
        have = {(e.method, _shape(_strip_version(e.path))) for e in doc.api.endpoints}
        return [
            self.finding(
                f"{d.priority} endpoint {d.method} {d.path} ({d.summary}) has no specification",
                f"domain.endpoints[{d.method} {d.path}]",
            )
            for d in doc.domain.endpoints
            if (d.method, _shape(d.path)) not in have
        ]


class EntitiesHaveTables(Check):
    """Every entity of the product has a table (or collection) in the schema.

    Anti-pattern: the API writes `comments` but the schema has no `comments` table.

    Best practice: one table per domain entity, linked back by `table.entity`.
    """

    code = "AW-CMP-006"
    name = "completeness.entities_have_tables"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        have = {t.entity for t in doc.schema_.tables} | {t.name for t in doc.schema_.tables}
        return [
            self.finding(f"entity {e.name} has no table", f"domain.entities[{e.name}]")
            for e in doc.domain.entities
            if e.name not in have and e.plural not in have
        ]


class ErdCoversEntities(Check):
    """The Mermaid ERD covers every table of the schema.

    Anti-pattern: an ERD drawn early that omits the tables added later.

    Best practice: the ERD has one entity block per table and a relationship per foreign key.
    """

    code = "AW-CMP-007"
    name = "completeness.erd_covers_entities"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.schema_ is None:
            return []
        from archwright.verify.mermaid_lint import er_entities

        entities = {e.lower() for e in er_entities(doc.schema_.erd)}
        out = [
            self.finding(f"table {t.name} is not in the ERD", f"schema.tables[{t.name}]")
            for t in doc.schema_.tables
            if t.name.lower() not in entities and t.entity.lower() not in entities
        ]
        fk_count = sum(1 for t in doc.schema_.tables for c in t.fields if c.references)
        rels = doc.schema_.erd.count("--") + doc.schema_.erd.count("..")
        if fk_count and rels == 0:
            out.append(self.finding("the ERD draws no relationships", "schema.erd"))
        return out


class ObservabilityNotSkipped(Check):
    """Observability is present even when the user asked to skip it, with the risk called out.

    Anti-pattern: "skip the monitoring stuff" → no logging, metrics or alerts, and the first
    production incident has no data.

    Best practice: a condensed minimum viable stack (structured logs, uptime checks, error
    tracking) plus a callout that names the risk.
    """

    code = "AW-CMP-008"
    name = "completeness.observability_not_skipped"
    area = "completeness"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        obs = doc.operations.observability
        out = []
        if obs.condensed and blank(obs.callout):
            out.append(
                self.finding(
                    "observability is condensed but has no callout naming the risk",
                    "operations.observability.callout",
                )
            )
        for field in ("uptime_monitoring", "error_tracking"):
            if blank(getattr(obs, field)):
                out.append(self.finding(f"{field} is empty", f"operations.observability.{field}"))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        obs = doc.operations.observability if doc.operations else None
        if obs is not None and obs.condensed and blank(obs.callout):
            obs.callout = (
                "Observability condensed at user request. Minimum viable setup included. "
                "Expanding this before handling real users is strongly recommended — you "
                "cannot debug a system you cannot see."
            )
        return doc

    touches = ("operations",)
