"""Types of the knowledge files (``knowledge/*.yaml``). Data only; validated on load."""

from __future__ import annotations

import re
from typing import Generic, Literal, TypeVar

from pydantic import Field

from archwright.models.base import Model
from archwright.models.domain import (
    BusinessMetric,
    DomainEndpoint,
    DomainEntity,
    DomainJob,
    DomainRole,
)
from archwright.models.signals import (
    Consistency,
    ProductType,
    Relationships,
    SchemaStability,
    Sensitivity,
    TrafficPattern,
)

T = TypeVar("T")


class Trigger(Model):
    phrase: str  # a regular expression, matched case-insensitively on word boundaries
    weight: int = Field(ge=1, le=10)


class Supersede(Model):
    """This archetype takes the place of ``archetype`` when both match and ``when`` is stated.

    Some products are a special case of a broader one that out-scores them on shared words: an
    appointment booking for outpatients is health data (healthcare), not a salon calendar. The
    context phrase decides, not the trigger totals.
    """

    archetype: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: str  # a regular expression, matched like a trigger phrase
    reason: str = Field(min_length=10)


class ScoreDefault(Model):
    score: int = Field(ge=1, le=5)
    reason: str = Field(min_length=10)


class ValueDefault(Model, Generic[T]):
    value: T
    reason: str = Field(min_length=10)


class ArchetypeDefaults(Model):
    read_intensity: ScoreDefault
    write_intensity: ScoreDefault
    real_time_intensity: ScoreDefault
    compute_intensity: ScoreDefault
    relationships: ValueDefault[Relationships]
    schema_stability: ValueDefault[SchemaStability]
    sensitivity: ValueDefault[Sensitivity]
    consistency: ValueDefault[Consistency]
    traffic_pattern: ValueDefault[TrafficPattern]


class Container(Model):
    """An archetype that says who uses a product and how it is deployed or sold (an internal
    tool, a multi-tenant SaaS) rather than what it is about. When the prompt also names a domain
    (another archetype's triggers, or nouns the prompt acts on), that domain supplies the
    entities, endpoints and metrics and the container only adds its traits (staff-only SSO and
    an audit log; tenant isolation and plans)."""

    label: str = Field(min_length=3)  # "internal tool", "multi-tenant SaaS" (for evidence)
    # the container's defining wording: only a match through it makes the archetype a container
    phrase: str
    # wording for which the container's own model already is the domain (approval workflows,
    # a tenant/billing starter); the prompt then keeps today's container model
    own_domain: str | None = None
    # verbs whose objects name a domain ("track stock", "run reviews"): a prompt noun counts as
    # the product's domain only after one of them, so stray words never replace the model
    domain_verbs: str
    # words that describe the container itself ("tool", "dashboard", "tenant"), never a domain
    vocabulary: list[str] = Field(default_factory=list)
    # "internal": the domain's sign-up/password auth yields to the container's SSO endpoints
    # and its user account; "tenancy": the domain's tables gain the tenant's key
    trait: Literal["internal", "tenancy"]
    # container entities added to a borrowed domain (with their endpoints and the roles' rights)
    keep_entities: list[str] = Field(min_length=1)
    # container jobs and metrics that describe the trait, not the stand-in domain
    keep_jobs: list[str] = Field(default_factory=list)
    keep_metrics: list[str] = Field(default_factory=list)


class StatedRateSizing(Model):
    """Bytes per written row and how long rows are counted, for a volume from a stated rate."""

    telemetry_nouns: str  # what a sender writes when the row is a small telemetry sample
    senders: str  # devices that send it ("vans", "meters")
    telemetry_bytes: int = Field(gt=0)
    telemetry_reason: str = Field(min_length=20)
    record_bytes: int = Field(gt=0)
    record_reason: str = Field(min_length=20)
    retention_days: int = Field(gt=0)
    retention_reason: str = Field(min_length=20)


class Sizing(Model):
    """``knowledge/sizing.yaml``."""

    stated_rate: StatedRateSizing


class Archetype(Model):
    """A kind of product: how to recognise it and what it usually needs.

    Stages 5-9 build the API, the schema, RBAC, the job table and the business metrics from the
    entities, endpoints, roles, jobs and metrics below, so they must be product-specific.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    description: str = Field(min_length=20)
    product_type: ValueDefault[ProductType]
    triggers: list[Trigger] = Field(min_length=1)
    supersedes: list[Supersede] = Field(default_factory=list)
    defaults: ArchetypeDefaults
    entities: list[DomainEntity] = Field(min_length=1)
    endpoints: list[DomainEndpoint] = Field(min_length=1)
    roles: list[DomainRole] = Field(min_length=1)
    default_role: str
    jobs: list[DomainJob] = Field(default_factory=list)
    metrics: list[BusinessMetric] = Field(min_length=3)
    third_parties: list[str] = Field(default_factory=list)
    container: Container | None = None
    # the records are about the organisation's own staff, vehicles or stock: words naming a
    # health or legal workplace ("nurses", "hospital", "law firm") say where it is used, not
    # that it holds patient or client data (a nurse roster is not PHI)
    staff_records: bool = False


# Permission resources that are not tables: views, aggregates and operator capabilities.
PSEUDO_RESOURCES: frozenset[str] = frozenset(
    {
        "analytics",
        "audit_log",
        "billing",
        "dashboard",
        "feed",
        "report",
        "role",
        "search",
        "settings",
        "stats",
        "system",
    }
)
# Columns every table gets from the schema stage; an entity declaring them would duplicate them.
RESERVED_FIELDS: frozenset[str] = frozenset({"id", "created_at", "updated_at", "deleted_at"})
_PARAM = re.compile(r"\{([^{}]*)\}")
_PARAM_NAME = re.compile(r"^([a-z][a-z0-9_]*)_id$")
_SEGMENT = re.compile(r"^(?:[a-z][a-z0-9_-]*|\{[a-z][a-z0-9_]*\})$")
_PERMISSION = re.compile(r"^([a-z][a-z0-9_]*):([a-z][a-z0-9_]*)(:own)?$")
# Field names that hold an amount of money: they must be typed ``money`` (integer minor units).
_MONEY_NAME = re.compile(
    r"(^|_)(amount|price|balance|fee|fees|cost|payout|salary|budget|premium|subtotal|"
    r"refund|bid|spend|revenue|deductible)(_|$)"
)
_NOT_MONEY = re.compile(
    r"(_count|_pct|_percent|_rate|_ratio|_at|_id|_currency|_bps|_ref|_reference|_method|_status|_type|_kind|_token|_model|_unit)$"
)
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def domain_problems(
    entities: list[DomainEntity],
    endpoints: list[DomainEndpoint],
    roles: list[DomainRole],
    default_role: str,
    jobs: list[DomainJob],
    metrics: list[BusinessMetric],
) -> list[str]:
    """Every broken reference or convention in a domain model, as readable messages.

    Shared by the archetype linter and the generic fallback's tests, so the fallback obeys the
    same rules as the hand-written catalog. An empty list means the model is sound.
    """
    out: list[str] = []
    by_name = {e.name: e for e in entities}
    role_names = {r.name for r in roles}

    def dupes(kind: str, names: list[str]) -> None:
        seen: set[str] = set()
        for n in names:
            if n in seen:
                out.append(f"duplicate {kind} {n!r}")
            seen.add(n)

    dupes("entity", [e.name for e in entities])
    dupes("entity plural", [e.plural for e in entities])
    dupes("role", [r.name for r in roles])
    dupes("job", [j.name for j in jobs])
    dupes("metric", [m.name for m in metrics])
    dupes("endpoint", [f"{ep.method} {ep.path}" for ep in endpoints])
    if "user" not in by_name:
        out.append("no 'user' entity: ownership, auth and RBAC all hang off it")
    if default_role not in role_names:
        out.append(f"default_role {default_role!r} is not a role")
    if len(metrics) < 3:
        out.append("fewer than 3 business metrics")

    for e in entities:
        where = f"entity {e.name}"
        names = [f.name for f in e.fields]
        rel_fields = [r.field for r in e.relations]
        dupes(f"column in {e.name}", names + rel_fields)
        columns = set(names) | set(rel_fields)
        for n in sorted(set(names) & RESERVED_FIELDS):
            out.append(f"{where}: field {n!r} is added by the schema stage; remove it")
        for f in e.fields:
            fw = f"{where}.{f.name}"
            if f.type == "enum":
                if not f.enum_values:
                    out.append(f"{fw}: enum without enum_values")
                else:
                    dupes(f"enum value in {fw}", f.enum_values)
                    if f.default is not None and f.default not in f.enum_values:
                        out.append(f"{fw}: default {f.default!r} is not an enum value")
                    if f.example is not None and f.example not in f.enum_values:
                        out.append(f"{fw}: example {f.example!r} is not an enum value")
            elif f.enum_values:
                out.append(f"{fw}: enum_values on a {f.type} field")
            if f.max_length is not None and f.type not in ("string", "text", "url", "email"):
                out.append(f"{fw}: max_length on a {f.type} field")
            if (
                _MONEY_NAME.search(f.name)
                and not _NOT_MONEY.search(f.name)
                and f.type not in ("money", "enum", "boolean", "timestamp", "date", "json")
            ):
                out.append(f"{fw}: looks like an amount of money but is {f.type}, not money")
            if f.name.endswith("_id") and f.type == "uuid":
                out.append(f"{fw}: a uuid *_id column should be a relation, not a plain field")
        if (any(f.pii or f.sensitive for f in e.fields)) and not e.retention:
            out.append(f"{where}: holds PII but has no retention policy")
        if e.soft_delete and e.append_only:
            out.append(f"{where}: append_only rows are never deleted, so soft_delete is moot")
        for r in e.relations:
            if r.target not in by_name:
                out.append(f"{where}: relation {r.field} targets unknown entity {r.target!r}")
            if not r.field.endswith("_id"):
                out.append(f"{where}: relation column {r.field!r} should end in _id")
            if r.on_delete == "set_null" and r.required:
                out.append(f"{where}: {r.field} is required but on_delete=set_null")
        if e.owner_field is not None and e.owner_field not in columns:
            out.append(f"{where}: owner_field {e.owner_field!r} is not a column")
        if e.owner_field is not None:
            owner = next((r for r in e.relations if r.field == e.owner_field), None)
            if owner is not None and owner.target != "user":
                out.append(f"{where}: owner_field {e.owner_field!r} must reference user")
        for group in e.unique_together:
            if len(group) < 2:
                out.append(f"{where}: unique_together {group} needs two or more columns")
            for col in group:
                if col not in columns:
                    out.append(f"{where}: unique_together column {col!r} is not a column")

    for ep in endpoints:
        where = f"endpoint {ep.method} {ep.path}"
        segments = ep.path.strip("/").split("/")
        if ep.path.startswith(("/v1", "/v2")):
            out.append(f"{where}: paths carry no version prefix (the API stage adds /v1)")
        for seg in segments:
            if not _SEGMENT.match(seg):
                out.append(f"{where}: bad path segment {seg!r}")
        for param in _PARAM.findall(ep.path):
            m = _PARAM_NAME.match(param)
            if m is None:
                out.append(f"{where}: path parameter {{{param}}} is not {{entity_id}}")
            elif m.group(1) not in by_name:
                out.append(f"{where}: path parameter {{{param}}} names no entity")
        entity = by_name.get(ep.entity) if ep.entity else None
        if ep.entity is not None and entity is None:
            out.append(f"{where}: unknown entity {ep.entity!r}")
        if ep.entity is None and ep.action not in ("auth", "stream"):
            out.append(f"{where}: only auth and stream endpoints may omit the entity")
        if ep.role is not None and ep.role not in role_names:
            out.append(f"{where}: role {ep.role!r} is not defined")
        if ep.action == "list" and ep.pagination is None:
            out.append(f"{where}: list endpoint without pagination")
        if ep.action != "list" and ep.pagination is not None:
            out.append(f"{where}: pagination on a non-list endpoint")
        if ep.action == "list" and ep.method != "GET":
            out.append(f"{where}: list endpoints are GET")
        if (ep.money or ep.critical) and ep.method not in _WRITE_METHODS:
            out.append(f"{where}: money/critical flags mark writes; {ep.method} is a read")
        if ep.body_fields is not None:
            if ep.method in ("GET", "DELETE"):
                out.append(f"{where}: {ep.method} takes no body_fields")
            cols = (
                {f.name for f in entity.fields} | {r.field for r in entity.relations}
                if entity
                else set()
            )
            for bf in ep.body_fields:
                if bf not in cols:
                    out.append(f"{where}: body field {bf!r} is not a column of {ep.entity}")
        if entity is not None and entity.append_only and ep.method in ("PUT", "PATCH"):
            out.append(f"{where}: {entity.name} is append_only and cannot be updated")

    money_entities = [e.name for e in entities if any(f.type == "money" for f in e.fields)]
    if money_entities and not any(ep.money for ep in endpoints):
        out.append(f"money fields in {money_entities} but no endpoint is marked money: true")
    for ep in endpoints:
        if ep.money and ep.entity and ep.entity not in money_entities:
            out.append(f"endpoint {ep.method} {ep.path}: money: true but {ep.entity} has no money")

    resources = set(by_name) | PSEUDO_RESOURCES
    for r in roles:
        dupes(f"permission of {r.name}", r.permissions)
        for p in r.permissions:
            m = _PERMISSION.match(p)
            if m is None:
                out.append(f"role {r.name}: permission {p!r} is not resource:action[:own]")
            elif m.group(1) not in resources:
                out.append(f"role {r.name}: permission {p!r} names unknown resource {m.group(1)!r}")
            elif m.group(3) and m.group(1) in by_name and m.group(1) != "user":
                target = by_name[m.group(1)]
                if target.owner_field is None:
                    out.append(f"role {r.name}: {p!r} is :own but {target.name} has no owner_field")
    return out


def archetype_problems(a: Archetype) -> list[str]:
    """``domain_problems`` plus what only an archetype file has (triggers, defaults)."""
    out = domain_problems(a.entities, a.endpoints, a.roles, a.default_role, a.jobs, a.metrics)
    phrases = [t.phrase for t in a.triggers]
    if len(phrases) != len(set(phrases)):
        out.append("duplicate trigger phrases")
    for t in a.triggers:
        try:
            rx = re.compile(rf"\b(?:{t.phrase})\b", re.IGNORECASE)
        except re.error as exc:
            out.append(f"trigger {t.phrase!r} is not a regular expression: {exc}")
            continue
        if re.fullmatch(t.phrase, ""):
            out.append(f"trigger {t.phrase!r} matches the empty string")
        for word in GENERIC_WORDS:
            if rx.fullmatch(word):
                out.append(f"trigger {t.phrase!r} fires on the generic word {word!r}")
    if not any(t.weight >= 6 for t in a.triggers):
        out.append("no strong trigger (weight >= 6): the archetype can only win by accident")
    if a.defaults.read_intensity.score >= 3 and not any(e.hot for e in a.entities):
        out.append("read_intensity >= 3 but no entity is marked hot (nothing to cache)")
    if a.defaults.sensitivity.value != "none" and not any(
        f.pii or f.sensitive for e in a.entities for f in e.fields
    ):
        out.append(f"sensitivity {a.defaults.sensitivity.value} but no field is marked pii")
    if a.defaults.sensitivity.value == "health" and not any(
        f.sensitive for e in a.entities for f in e.fields
    ):
        out.append("health data but no field is marked sensitive (PHI)")
    if len({r.name for r in a.roles}) < 2:
        out.append("a single role: RBAC needs at least a user and an operator role")
    return out


# Words nearly every product description contains: a trigger that fires on one alone misfires.
GENERIC_WORDS: tuple[str, ...] = (
    "app",
    "application",
    "platform",
    "website",
    "site",
    "backend",
    "system",
    "service",
    "tool",
    "user",
    "users",
    "data",
    "api",
    "build",
    "manage",
    "management",
    "online",
    "web",
    "mobile",
    "account",
    "accounts",
    "customers",
    "people",
    "simple",
    "real-time",
    "realtime",
)


def archetype_json_schema() -> dict:
    """JSON Schema of an archetype file, for editors (kept in step by a test)."""
    schema = Archetype.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
