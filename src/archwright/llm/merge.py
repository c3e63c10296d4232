"""Validate a model's proposals like user input, and merge them under the rules.

"The model proposes, the rules dispose":

* every proposed field is schema-checked on its own (one bad enum drops that field, not the
  whole answer) after forgiving normalisation ("Highly relational" -> ``highly_relational``);
* an "explicit" field must quote the prompt verbatim (modulo case, spacing and typographic
  quotes); otherwise it is downgraded to inferred, with a note;
* explicit rule findings and ``--set`` overrides always win; the model can only fill fields the
  rules inferred;
* a proposed domain model is slugified, de-duplicated, bounded and made internally consistent
  (relations, owners, endpoints and roles must point at things that exist) before any stage
  sees it.

Everything here is pure and deterministic: the same answer text gives the same result.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

from pydantic import ValidationError

from archwright.llm.proposals import (
    SECTIONS,
    ProposedScore,
    SignalField,
    camel,
    proposed_leaf,
    signal_fields,
)
from archwright.models.domain import (
    BusinessMetric,
    DomainEndpoint,
    DomainEntity,
    DomainField,
    DomainJob,
    DomainModel,
    DomainRelation,
    DomainRole,
)
from archwright.models.signals import Intensity, Leaf, Signals

MAX_ENTITIES = 25
MAX_FIELDS = 40
MAX_ENDPOINTS = 80
MAX_ROLES = 10
MAX_JOBS = 20
MAX_METRICS = 20
MAX_NAME = 63  # PostgreSQL identifier limit
MAX_TEXT = 300
MAX_NOTES_PER_KIND = 8

#: Columns every table gets from the schema stage; a proposal may not redefine them.
RESERVED_FIELDS = frozenset({"id", "created_at", "updated_at", "deleted_at"})


class ProposalError(ValueError):
    """The answer cannot be used at all (not JSON, not an object, nothing valid in it)."""


# ---------------------------------------------------------------- shared normalisation


def parse_json_object(text: str) -> dict[str, Any]:
    """The JSON object in a model's answer (tolerating a Markdown code fence around it)."""
    body = text.strip()
    fence = re.fullmatch(r"```[a-zA-Z]*\s*\n?(.*?)\n?```", body, flags=re.S)
    if fence:
        body = fence.group(1).strip()
    try:
        value = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ProposalError(f"the answer is not valid JSON ({exc.msg} at char {exc.pos})") from None
    if not isinstance(value, dict):
        raise ProposalError(f"the answer must be a JSON object, got {type(value).__name__}")
    return value


def slugify(text: object, fallback: str = "item") -> str:
    """A PostgreSQL-safe snake_case identifier: ``"Telescope Rental!"`` -> ``telescope_rental``."""
    raw = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    raw = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", raw)  # camelCase -> camel_case
    slug = re.sub(r"[^a-z0-9]+", "_", raw.lower()).strip("_")
    if not slug:
        slug = fallback
    if slug[0].isdigit():
        slug = f"{fallback}_{slug}"
    return slug[:MAX_NAME].rstrip("_")


def _plural(name: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", name):
        return name + "es"
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    return name + "s"


def _text(value: object, limit: int = MAX_TEXT) -> str:
    out = re.sub(r"\s+", " ", str(value)).strip()
    return out[:limit]


def _canon(s: str) -> str:
    return re.sub(r"[^a-z0-9+]", "", s.lower().replace("plus", "+"))


def _coerce_enum(value: Any, annotation: Any) -> Any:
    """Map near-misses onto a Literal's values ("Highly relational", "2–5", "PII")."""
    origin = get_origin(annotation)
    if origin is Literal:
        if isinstance(value, str):
            if value in get_args(annotation):
                return value
            wanted = _canon(value)
            for choice in get_args(annotation):
                if isinstance(choice, str) and _canon(choice) == wanted:
                    return choice
        return value
    if origin is list and isinstance(value, list):
        (inner,) = get_args(annotation)
        return [_coerce_enum(v, inner) for v in value]
    if origin is not None:  # Optional / Union
        for arg in get_args(annotation):
            if arg is type(None):
                continue
            coerced = _coerce_enum(value, arg)
            if coerced is not value:
                return coerced
    return value


def _first_error(exc: ValidationError) -> str:
    e = exc.errors()[0]
    where = ".".join(str(p) for p in e["loc"])
    return f"{where}: {e['msg']}" if where else e["msg"]


# ---------------------------------------------------------------- quotes


_QUOTE_MAP = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def _norm_quote(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MAP)).strip().casefold()


def quote_in_prompt(quote: str, prompt: str) -> bool:
    """True when ``quote`` (trimmed of wrapping quotes and ellipses) appears in the prompt."""
    q = _norm_quote(quote).strip(" \"'`.,;:…")
    q = q.removeprefix("...").removesuffix("...").strip()
    if len(q.replace(" ", "")) < 3:
        return False
    return q in _norm_quote(prompt)


# ---------------------------------------------------------------- signals


@dataclass(frozen=True)
class FieldProposal:
    path: str
    value: Any
    explicit: bool
    evidence: str
    implication: str | None = None


@dataclass
class SignalsCheck:
    """The usable part of a signals answer, what was wrong with it, and what was adjusted."""

    fields: list[FieldProposal] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # fed back to the model on a retry
    notes: list[str] = field(default_factory=list)  # adjustments that need no retry


def _clean_value(f: SignalField, value: Any) -> Any:
    if f.path == "product.name" and isinstance(value, str):
        return _text(value, 80)
    if f.path == "constraints.latency_requirement" and isinstance(value, str):
        return _text(value, 200) or None
    if f.path in ("integration.third_party_services", "integration.external_apis") and isinstance(
        value, list
    ):
        seen: dict[str, str] = {}
        for v in value:
            if isinstance(v, str) and _text(v, 80):
                seen.setdefault(_text(v, 80).casefold(), _text(v, 80))
        return list(seen.values())[:30]
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 10**11:
        raise ValueError(f"{value} is out of range (0 to 100 billion)")
    if isinstance(value, list) and f.value_type is not None and get_origin(f.value_type) is list:
        return list(dict.fromkeys(value))  # compliance/platforms: no duplicates, order kept
    return value


def check_signals(raw: dict[str, Any], prompt: str) -> SignalsCheck:
    """Validate a signals answer field by field against the prompt."""
    out = SignalsCheck()
    by_path = {f.path: f for f in signal_fields()}
    for section, body in raw.items():
        if section not in SECTIONS:
            out.errors.append(f"{section}: unknown section; use only {', '.join(SECTIONS)}")
            continue
        if body is None:
            continue
        if not isinstance(body, dict):
            out.errors.append(f"{section}: must be an object")
            continue
        for name, leaf in body.items():
            path = f"{section}.{name}"
            f = by_path.get(path)
            if f is None:
                out.errors.append(f"{path}: not a field you may propose")
                continue
            if leaf is None:
                continue
            if not isinstance(leaf, dict):
                out.errors.append(f"{path}: must be an object with value/explicit/evidence")
                continue
            leaf = dict(leaf)
            try:
                if f.intensity:
                    p = ProposedScore.model_validate(leaf)
                    value: Any = p.score
                    implication = _text(p.implication) if p.implication else None
                else:
                    if "value" in leaf:
                        leaf["value"] = _coerce_enum(leaf["value"], f.value_type)
                    p = proposed_leaf(camel(section, name), f.value_type).model_validate(leaf)
                    value = _clean_value(f, p.value)  # type: ignore[attr-defined]
                    implication = None
            except ValidationError as exc:
                out.errors.append(f"{path}: {_first_error(exc)}")
                continue
            except ValueError as exc:
                out.errors.append(f"{path}: {exc}")
                continue
            evidence = _text(p.evidence, 400)  # type: ignore[attr-defined]
            explicit = bool(p.explicit)  # type: ignore[attr-defined]
            if not evidence:
                out.errors.append(f"{path}: evidence must not be blank")
                continue
            if explicit and not quote_in_prompt(evidence, prompt):
                explicit = False
                out.notes.append(
                    f"{path}: the model's quote {evidence[:80]!r} is not in the prompt; "
                    "its value is kept as an inference"
                )
                evidence = f"the model quoted text that is not in the prompt ({evidence[:120]})"
            out.fields.append(FieldProposal(path, value, explicit, evidence, implication))
    return out


def _get(signals: Signals, path: str) -> Leaf | Intensity:
    section, name = path.split(".")
    return getattr(getattr(signals, section), name)  # type: ignore[no-any-return]


def _set(signals: Signals, path: str, leaf: Leaf | Intensity) -> Signals:
    section, name = path.split(".")
    group = getattr(signals, section)
    return signals.model_copy(update={section: group.model_copy(update={name: leaf})})


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:80]


def merge_signals(
    rules: Signals,
    proposal: SignalsCheck,
    *,
    source: str,
    protected: frozenset[str] = frozenset(),
) -> tuple[Signals, list[str], list[str]]:
    """Fill the rules' inferred fields from the proposal.

    Returns the merged signals, notes on every disagreement the rules won, and the dotted paths
    the model filled. ``protected`` paths (the user's ``--set``) are never touched.
    """
    merged = rules
    notes: list[str] = []
    accepted: list[str] = []
    for p in proposal.fields:
        current = _get(merged, p.path)
        current_value = current.score if isinstance(current, Intensity) else current.value
        if p.path in protected:
            continue
        if not current.inferred:
            if p.value != current_value:
                notes.append(
                    f"{p.path}: the model proposed {_show(p.value)}; the rules' explicit finding "
                    f"{_show(current_value)} stands"
                )
            continue
        if p.value == current_value and not p.explicit:
            continue  # same inference: keep the rules' reasoning
        evidence = p.evidence if p.explicit else f"INFERRED: {p.evidence} (proposed by {source})"
        new: Leaf | Intensity
        if isinstance(current, Intensity):
            new = Intensity(
                score=p.value,
                inferred=not p.explicit,
                evidence=evidence,
                implication=p.implication or current.implication,
            )
        else:
            new = type(current)(value=p.value, inferred=not p.explicit, evidence=evidence)
        merged = _set(merged, p.path, new)
        accepted.append(p.path)
    return merged, notes, accepted


# ---------------------------------------------------------------- domain


@dataclass
class DomainCheck:
    domain: DomainModel | None = None
    errors: list[str] = field(default_factory=list)  # fatal: fed back on a retry
    notes: list[str] = field(default_factory=list)  # what was dropped or renamed


class _Notes:
    def __init__(self) -> None:
        self.items: list[str] = []
        self._counts: dict[str, int] = {}

    def add(self, kind: str, text: str) -> None:
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        if n <= MAX_NOTES_PER_KIND:
            self.items.append(text)

    def finish(self) -> list[str]:
        out = list(self.items)
        for kind, n in sorted(self._counts.items()):
            if n > MAX_NOTES_PER_KIND:
                out.append(f"... and {n - MAX_NOTES_PER_KIND} more {kind} adjustments")
        return out


def _model_or_none(model: type, data: dict[str, Any], what: str, notes: _Notes) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        notes.add("dropped", f"{what}: dropped ({_first_error(exc)})")
        return None


_FIELD_TYPE_SYNONYMS = {
    "str": "string",
    "varchar": "string",
    "char": "string",
    "int": "integer",
    "smallint": "integer",
    "long": "bigint",
    "float": "decimal",
    "double": "decimal",
    "number": "decimal",
    "numeric": "decimal",
    "bool": "boolean",
    "datetime": "timestamp",
    "timestamptz": "timestamp",
    "time": "timestamp",
    "jsonb": "json",
    "object": "json",
    "array": "json",
    "currency": "money",
    "price": "money",
    "uri": "url",
    "geo": "geo_point",
    "location": "geo_point",
    "ip": "ip_address",
}


_MONEY_NAME = re.compile(
    r"(^|_)(price|amount|fee|fees|cost|total|balance|deposit|payout|revenue|subtotal)(_|$)(?!.*count)"
)
_PII_NAME = re.compile(
    r"(^|_)(email|phone|full_name|first_name|last_name|display_name|address|birth_?date|dob|"
    r"ssn|passport|national_id)(_|$)"
)


def _clean_field(raw: Any, entity: str, notes: _Notes) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        notes.add("dropped", f"{entity}: a field that is not an object was dropped")
        return None
    d = dict(raw)
    d["name"] = slugify(d.get("name", ""), "field")
    if d["name"] in RESERVED_FIELDS:
        return None  # the schema stage adds these itself
    t = str(d.get("type", "string")).strip().lower()
    d["type"] = _FIELD_TYPE_SYNONYMS.get(t, t)
    if d["name"] in ("password", "passwd", "pass", "password_plain", "secret"):
        # the rules never store a secret in the clear: keep only a hash
        notes.add(
            "renamed", f"{entity}.{d['name']}: stored as password_hash (a hash, never the secret)"
        )
        d.update(name="password_hash", type="string", max_length=255, pii=False, unique=False)
        d["description"] = "Argon2id hash of the password"
    if d["type"] in ("decimal", "integer", "bigint") and _MONEY_NAME.search(d["name"]):
        d["type"] = "money"  # integer minor units (cents), never floats
    if d["type"] in ("email", "phone", "ip_address") or _PII_NAME.search(d["name"]):
        d["pii"] = True
    d["description"] = _text(d.get("description") or d["name"].replace("_", " "))
    if d["type"] == "enum":
        values = [slugify(v, "value") for v in d.get("enum_values") or [] if str(v).strip()]
        values = list(dict.fromkeys(values))[:30]
        if values:
            d["enum_values"] = values
        else:
            d["type"], d["enum_values"] = "string", None
    elif "enum_values" in d:
        d["enum_values"] = None
    if d.get("default") is not None:
        d["default"] = _text(d["default"], 100)
    if d.get("example") is not None and not isinstance(d["example"], (str, int, float, bool)):
        d["example"] = None
    if isinstance(d.get("example"), str):
        d["example"] = _text(d["example"], 100)
    return d


def _clean_entity(raw: Any, notes: _Notes) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        notes.add("dropped", "an entity that is not an object was dropped")
        return None
    d = dict(raw)
    name = slugify(d.get("name", ""), "entity")
    if name != d.get("name"):
        notes.add("renamed", f"entity {str(d.get('name'))[:60]!r} renamed {name!r}")
    d["name"] = name
    plural = slugify(d.get("plural") or _plural(name), "entity")
    d["plural"] = plural if plural != name else _plural(name)
    d["description"] = _text(d.get("description") or name.replace("_", " "))
    fields: list[dict[str, Any]] = []
    seen: set[str] = set()
    for f in (d.get("fields") or [])[:MAX_FIELDS]:
        cf = _clean_field(f, name, notes)
        if cf is not None and cf["name"] not in seen:
            seen.add(cf["name"])
            fields.append(cf)
    d["fields"] = fields
    rels = []
    for r in d.get("relations") or []:
        if not isinstance(r, dict):
            continue
        r = dict(r)
        r["target"] = slugify(r.get("target", ""), "entity")
        r["field"] = slugify(r.get("field") or f"{r['target']}_id", "ref")
        r["label"] = _text(r.get("label") or "references", 40)
        rels.append(r)
    d["relations"] = rels
    d["retention"] = _text(d["retention"]) if d.get("retention") else None
    return d


def check_domain(raw: dict[str, Any]) -> DomainCheck:
    """Turn a domain answer into a consistent :class:`DomainModel` (source ``llm``)."""
    out = DomainCheck()
    notes = _Notes()
    raw_entities = raw.get("entities")
    if not isinstance(raw_entities, list) or not raw_entities:
        out.errors.append("entities: must be a non-empty list")
        return out

    # entities first: everything else must point at one of them
    entities: dict[str, dict[str, Any]] = {}
    for e in raw_entities[: MAX_ENTITIES * 2]:
        ce = _clean_entity(e, notes)
        if ce is None:
            continue
        if ce["name"] in entities:
            notes.add("dropped", f"entity {ce['name']!r}: duplicate dropped")
            continue
        if len(entities) >= MAX_ENTITIES:
            notes.add("dropped", f"entity {ce['name']!r}: over the limit of {MAX_ENTITIES}")
            continue
        entities[ce["name"]] = ce
    built: dict[str, DomainEntity] = {}
    for name, ce in entities.items():
        rels = []
        for r in ce["relations"]:
            if r["target"] not in entities:
                notes.add(
                    "dropped",
                    f"{name}.{r['field']}: relation to unknown entity {r['target']!r} dropped",
                )
                continue
            rel = _model_or_none(DomainRelation, r, f"{name}.{r['field']}", notes)
            if rel is not None and all(x.field != rel.field for x in rels):
                rels.append(rel)
        rel_fields = {r.field for r in rels}
        fields = []
        for f in ce["fields"]:
            if f["name"] in rel_fields:
                continue  # a relation already provides the column
            df = _model_or_none(DomainField, f, f"{name}.{f['name']}", notes)
            if df is not None:
                fields.append(df)
        columns = {f.name for f in fields} | rel_fields
        owner = slugify(ce["owner_field"], "ref") if ce.get("owner_field") else None
        if owner is not None and owner not in rel_fields:
            notes.add(
                "dropped", f"{name}: owner_field {owner!r} is not one of its relations; cleared"
            )
            owner = None
        unique_together = [
            [slugify(c, "ref") for c in group]
            for group in ce.get("unique_together") or []
            if isinstance(group, list)
            and group
            and all(slugify(c, "ref") in columns for c in group)
        ]
        data = {
            **{k: v for k, v in ce.items() if k not in ("fields", "relations")},
            "fields": fields,
            "relations": rels,
            "owner_field": owner,
            "unique_together": unique_together,
        }
        entity = _model_or_none(DomainEntity, data, f"entity {name!r}", notes)
        if entity is not None:
            built[name] = entity
    if not built:
        out.errors.append("entities: none of them is valid")
        out.notes = notes.finish()
        return out

    # roles
    roles: list[DomainRole] = []
    for r in (raw.get("roles") or [])[:MAX_ROLES]:
        if not isinstance(r, dict):
            continue
        perms = []
        for p in r.get("permissions") or []:
            parts = [slugify(x, "any") for x in str(p).split(":")]
            if 2 <= len(parts) <= 3 and (len(parts) == 2 or parts[2] == "own"):
                perms.append(":".join(parts))
        data = {
            "name": slugify(r.get("name", ""), "role"),
            "description": _text(r.get("description") or "A role"),
            "permissions": list(dict.fromkeys(perms))[:60],
        }
        role = _model_or_none(DomainRole, data, f"role {data['name']!r}", notes)
        if role is not None and all(x.name != role.name for x in roles):
            roles.append(role)
    if not roles:
        first = next(iter(built))
        roles = [
            DomainRole(
                name="user",
                description="A signed-in user (added: the model proposed no valid role)",
                permissions=[f"{e}:read" for e in built] + [f"{first}:create"],
            )
        ]
        notes.add("added", "no valid role was proposed; a 'user' role was added")
    role_names = {r.name for r in roles}
    default_role = slugify(raw.get("default_role") or roles[0].name, "role")
    if default_role not in role_names:
        default_role = roles[0].name

    # endpoints
    endpoints: list[DomainEndpoint] = []
    seen_routes: set[tuple[str, str]] = set()
    for ep in (raw.get("endpoints") or [])[: MAX_ENDPOINTS * 2]:
        if not isinstance(ep, dict):
            continue
        d = dict(ep)
        d["method"] = str(d.get("method", "")).upper()
        path = str(d.get("path", "")).strip()
        path = re.sub(r"^/?(api/)?v\d+(?=/|$)", "", path)  # the API stage adds the version
        segments = []
        for seg in path.split("/"):
            if not seg:
                continue
            m = re.fullmatch(r"[{:<]?([^{}<>:]+)[}>]?", seg)
            is_param = seg.startswith(("{", ":", "<"))
            core = slugify(m.group(1) if m else seg, "p")
            segments.append(f"{{{core}}}" if is_param else core.replace("_", "-"))
        d["path"] = "/" + "/".join(segments)
        if d.get("entity") is not None:
            ent = slugify(d["entity"], "entity")
            if ent not in built:
                notes.add("cleared", f"{d['method']} {d['path']}: unknown entity {ent!r} cleared")
                ent = None
            d["entity"] = ent
        if d.get("role") is not None:
            role = slugify(d["role"], "role")
            d["role"] = role if role in role_names else None
        if d.get("body_fields") is not None and d.get("entity"):
            cols = {f.name for f in built[d["entity"]].fields}
            d["body_fields"] = [
                slugify(x, "f") for x in d["body_fields"] if slugify(x, "f") in cols
            ] or None
        elif d.get("body_fields") is not None:
            d["body_fields"] = None
        if d.get("action") == "list" and d.get("pagination") is None:
            d["pagination"] = "cursor"
        d["summary"] = _text(d.get("summary") or f"{d['method']} {d['path']}", 120)
        d["events"] = [slugify(x, "event").replace("_", ".") for x in d.get("events") or []][:10]
        d["notifications"] = [_text(x, 80) for x in d.get("notifications") or []][:10]
        if (d["method"], d["path"]) in seen_routes:
            notes.add("dropped", f"{d['method']} {d['path']}: duplicate route dropped")
            continue
        endpoint = _model_or_none(DomainEndpoint, d, f"endpoint {d['method']} {d['path']}", notes)
        if endpoint is not None and len(endpoints) < MAX_ENDPOINTS:
            seen_routes.add((endpoint.method, endpoint.path))
            endpoints.append(endpoint)
    if not endpoints:
        out.errors.append("endpoints: none of them is valid")
        out.notes = notes.finish()
        return out

    jobs = []
    for j in (raw.get("jobs") or [])[:MAX_JOBS]:
        if isinstance(j, dict):
            data = dict(j, name=slugify(j.get("name", ""), "job"))
            data["trigger"] = _text(data.get("trigger") or "scheduled", 80)
            data["description"] = _text(data.get("description") or data["name"])
            job = _model_or_none(DomainJob, data, f"job {data['name']!r}", notes)
            if job is not None and all(x.name != job.name for x in jobs):
                jobs.append(job)
    metrics = []
    for m in (raw.get("metrics") or [])[:MAX_METRICS]:
        if isinstance(m, dict):
            data = dict(m, name=slugify(m.get("name", ""), "metric"))
            data["type"] = str(data.get("type", "counter")).lower()
            data["description"] = _text(data.get("description") or data["name"])
            metric = _model_or_none(BusinessMetric, data, f"metric {data['name']!r}", notes)
            if metric is not None and all(x.name != metric.name for x in metrics):
                metrics.append(metric)
    third = [
        _text(t, 80) for t in raw.get("third_parties") or [] if isinstance(t, str) and t.strip()
    ]

    out.domain = DomainModel(
        archetype="generic",
        source="llm",
        entities=list(built.values()),
        endpoints=endpoints,
        roles=roles,
        default_role=default_role,
        jobs=jobs,
        metrics=metrics,
        third_parties=list(dict.fromkeys(third))[:20],
    )
    out.notes = notes.finish()
    return out


def merge_domain(rules: DomainModel, proposal: DomainModel) -> DomainModel:
    """The model's domain replaces the rules' generic one; the archetype id stays the rules'."""
    metrics = list(proposal.metrics)
    # the seed asks for at least three business metrics: top up from the rules' generic ones
    for m in rules.metrics:
        if len(metrics) >= 3:
            break
        if all(x.name != m.name for x in metrics):
            metrics.append(m)
    return proposal.model_copy(update={"archetype": rules.archetype, "metrics": metrics})
