"""The product's DomainModel: from the matched archetype (or the generic builder), trimmed by
what the prompt rules out ("no user accounts", "without payments").

A *container* archetype (an internal tool, a multi-tenant SaaS) says who uses the product and how
it is deployed or sold, not what it is about. When the prompt also names a domain — another
archetype's triggers, else nouns the prompt acts on — that domain supplies the entities,
endpoints and metrics and the container adds its traits (see :func:`compose`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from archwright import catalog
from archwright.intake.embeddings import with_embeddings
from archwright.intake.generic import generic_domain, plural, singular
from archwright.intake.lexicon import Feature, lexicon
from archwright.intake.match import THRESHOLD, match_archetype, phrase_pattern
from archwright.intake.scan import Hit, Scanner
from archwright.models.domain import (
    DomainEndpoint,
    DomainEntity,
    DomainModel,
    DomainRelation,
    DomainRole,
)
from archwright.models.knowledge import PSEUDO_RESOURCES, Archetype, Container


@dataclass(frozen=True)
class Composition:
    """A container archetype over a domain named by the prompt."""

    container: Archetype
    domain: Archetype | None  # None: the prompt's own nouns (``nouns``)
    nouns: tuple[str, ...]
    hits: tuple[Hit, ...]  # the container's wording, then the domain's, in prompt order

    @property
    def spec(self) -> Container:
        assert self.container.container is not None
        return self.container.container

    def why(self, scan: Scanner) -> str:
        """The archetype leaf's evidence: which part of the model comes from where."""
        quotes = " … ".join(f"“{h.match.group(0)}”" for h in self.hits[:3])
        label = self.spec.label
        if self.domain is not None:
            source = f"entities from {self.domain.id}"
            about = f"{a_an(label)} for {a_an(self.domain.name.lower())} domain"
        else:
            source = "entities from the prompt's own nouns (" + ", ".join(self.nouns) + ")"
            about = f"{a_an(label)} about {', '.join(self.nouns)}"
        trait = (
            f"staff-only SSO access and audit log from {self.container.id}"
            if self.spec.trait == "internal"
            else f"tenant isolation, roles and plans from {self.container.id}"
        )
        return f"{about} ({quotes}): {source}, {trait}"


def a_an(words: str) -> str:
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


@cache
def _containers() -> frozenset[str]:
    return frozenset(a.id for a in catalog.archetypes() if a.container is not None)


def compose(scan: Scanner, archetype: Archetype | None) -> Composition | None:
    """The domain a container archetype's prompt names, if it names one.

    Only the container's defining wording makes it a container ("internal dashboard", "B2B
    SaaS"); wording its own model already covers ("approval workflows", "projects") keeps that
    model, and so does a prompt naming no domain ("an internal admin tool").
    """
    spec = archetype.container if archetype is not None else None
    if archetype is None or spec is None:
        return None
    own = scan.first(phrase_pattern(spec.phrase))
    if own is None:
        return None
    if spec.own_domain and scan.first(phrase_pattern(spec.own_domain)) is not None:
        return None
    m = match_archetype(scan, exclude=_containers())
    spans = _spans(scan, spec)
    if m.archetype is not None and _named_outside(scan, m.archetype, spans) >= THRESHOLD:
        named = [h for h in m.hits if not _inside(h, spans)]
        hits = tuple(sorted({own, *named[:2]}, key=lambda h: h.start))
        return Composition(archetype, m.archetype, (), hits)
    nouns = _domain_nouns(scan, spec)
    if nouns:
        return Composition(archetype, None, nouns, (own,))
    return None


def _spans(scan: Scanner, spec: Container) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in scan.find(phrase_pattern(spec.phrase)) if not h.negated]


def _inside(h: Hit, spans: list[tuple[int, int]]) -> bool:
    return any(a <= h.start and h.end <= b for a, b in spans)


def _named_outside(scan: Scanner, domain: Archetype, spans: list[tuple[int, int]]) -> int:
    """The domain archetype's trigger weight, named outside the container's own wording: "for
    our support team" alone says who uses an internal tool, not that it is a helpdesk. Once
    the rest of the prompt names the domain too ("for our warehouse staff to track
    inventory"), the team's name corroborates it and counts as well: otherwise a strong domain
    word stays unheard just because it names the team."""
    outside = inside = 0
    for t in domain.triggers:
        hits = [h for h in scan.find(phrase_pattern(t.phrase)) if not h.negated]
        if any(not _inside(h, spans) for h in hits):
            outside += t.weight
        elif hits:
            inside += t.weight
    return outside + inside if outside else 0


def _domain_nouns(scan: Scanner, spec: Container) -> tuple[str, ...]:
    """The generic builder's nouns that a verb of the prompt acts on ("run ... reviews")."""
    vocabulary = {singular(w) for w in spec.vocabulary}
    out = []
    for e in generic_domain(scan.text).entities:
        if e.name == "user" or e.name in vocabulary or singular(e.name) in vocabulary:
            continue
        words = e.name.split("_")
        noun = r"\s+".join(re.escape(w) for w in words[:-1])
        last = rf"(?:{re.escape(words[-1])}|{re.escape(plural(words[-1]))})"
        noun = rf"{noun}\s+{last}" if noun else last
        acted = re.compile(
            rf"\b(?:{spec.domain_verbs})\b(?:\s+[\w'’-]+){{0,4}}?\s+{noun}\b", re.IGNORECASE
        )
        if scan.first(acted) is not None:
            out.append(e.name)
    return tuple(out)


def excluded_features(scan: Scanner) -> list[Feature]:
    """Features the prompt only ever mentions negated ("no user accounts")."""
    out = []
    for f in lexicon().features:
        hits = scan.find(f.regex)
        if hits and all(h.negated for h in hits):
            out.append(f)
    return out


def build_domain(
    scan: Scanner, archetype: Archetype | None, composition: Composition | None = None
) -> DomainModel:
    if composition is not None:
        domain = _composed(scan, composition)
    elif archetype is None:
        domain = generic_domain(scan.text)
    else:
        domain = _of(archetype)
    for feature in excluded_features(scan):
        domain = _trim(domain, feature)
    # after the trim: the embedding goes on an entity the prompt keeps
    return with_embeddings(scan, domain)


def _of(a: Archetype) -> DomainModel:
    return DomainModel(
        archetype=a.id,
        source="archetype",
        entities=list(a.entities),
        endpoints=list(a.endpoints),
        roles=list(a.roles),
        default_role=a.default_role,
        jobs=list(a.jobs),
        metrics=list(a.metrics),
        third_parties=list(a.third_parties),
    )


def _resource(perm: str) -> str:
    return perm.split(":", 1)[0]


def _merge_entity(primary: DomainEntity, extra: DomainEntity, drop: set[str]) -> DomainEntity:
    """``primary`` plus ``extra``'s fields and relations it lacks (minus ``drop`` fields)."""
    names = {f.name for f in primary.fields}
    fields = [f for f in primary.fields if f.name not in drop]
    fields += [f for f in extra.fields if f.name not in names and f.name not in drop]
    rel = {r.field for r in primary.relations}
    relations = list(primary.relations) + [r for r in extra.relations if r.field not in rel]
    return primary.model_copy(update={"fields": fields, "relations": relations})


def _without(entities: list[DomainEntity], names: set[str]) -> list[DomainEntity]:
    """``entities`` minus those named, and minus every relation that pointed at them."""
    out = []
    for e in entities:
        if e.name in names:
            continue
        rels = [r for r in e.relations if r.target not in names]
        out.append(e.model_copy(update={"relations": rels}) if rels != e.relations else e)
    return out


def _drop_entities(domain: DomainModel, names: set[str]) -> DomainModel:
    """The generic domain without the container's own words ("dashboard", "team")."""
    if not names:
        return domain
    # a link to a dropped word ("review" -> "quarterly") goes with it
    entities = _without(domain.entities, names)
    return domain.model_copy(
        update={
            "entities": entities,
            "endpoints": [ep for ep in domain.endpoints if ep.entity not in names],
            "roles": [
                r.model_copy(
                    update={"permissions": [p for p in r.permissions if _resource(p) not in names]}
                )
                for r in domain.roles
            ],
        }
    )


def _composed(scan: Scanner, c: Composition) -> DomainModel:
    """The domain's model with the container's traits (see ``Container``)."""
    spec = c.spec
    box = _of(c.container)
    if c.domain is not None:
        dom = _of(c.domain)
    else:
        dom = generic_domain(scan.text)
        vocab = {e.name for e in dom.entities if e.name != "user" and e.name not in c.nouns}
        dom = _drop_entities(dom, vocab)
    keep = set(spec.keep_entities)
    dom_names = {e.name for e in dom.entities}
    box_user = box.entity("user")
    dom_user = dom.entity("user")
    internal = spec.trait == "internal"

    # the user: staff sign in through the company IdP (no password); a tenant's members may
    # still use one, so the container's account fields join the domain's
    if dom_user is not None and box_user is not None:
        user = (
            _merge_entity(dom_user, box_user, {"password_hash", "role"})
            if internal
            else _merge_entity(box_user, dom_user, set())
        )
    else:
        user = box_user or dom_user
    entities: list[DomainEntity] = [user] if user is not None else []
    kept = [e for e in box.entities if e.name in keep and e.name not in dom_names]
    tenant = next((e.name for e in kept if e.name == "organization"), None)
    own: list[DomainEntity] = []
    for e in dom.entities:
        if e.name == "user":
            continue
        if not internal and tenant and not any(r.target == tenant for r in e.relations):
            # tenant_id on every tenant-owned table: no query crosses tenants
            rel = DomainRelation(target=tenant, field=f"{tenant}_id", label="owns")
            e = e.model_copy(update={"relations": [rel, *e.relations]})
        own.append(e)
    entities += kept + own if not internal else own + kept
    names = {e.name for e in entities}

    box_eps = [ep for ep in box.endpoints if ep.entity in keep or ep.action == "auth"]
    dom_eps = [
        ep
        for ep in dom.endpoints
        if ep.action != "auth" and (ep.entity is None or ep.entity in names)
    ]
    if not internal:
        # a tenant's members keep the domain's own profile endpoints beside the container's auth
        dom_eps = [ep for ep in dom_eps if ep.entity not in keep]
    endpoints: list[DomainEndpoint] = []
    seen: set[tuple[str, str]] = set()
    for ep in box_eps[: sum(1 for e in box_eps if e.action == "auth")] + dom_eps + box_eps:
        if (ep.method, ep.path) in seen:
            continue
        seen.add((ep.method, ep.path))
        endpoints.append(ep)

    roles, default = _composed_roles(box, dom, names, keep, internal)
    have = {r.name for r in roles}
    # the domain's default role became the tenant's member; a role that did not survive hands
    # its endpoints to the administrator, never silently to every user
    admin = next((n for n in ("admin", "org_admin") if n in have), default)
    moved = {dom.default_role: default} if dom.default_role not in have else {}
    endpoints = [
        ep.model_copy(update={"role": moved.get(ep.role, admin)})
        if ep.role is not None and ep.role not in have
        else ep
        for ep in endpoints
    ]
    jobs = list(dom.jobs) + [j for j in box.jobs if j.name in spec.keep_jobs]
    metrics = list(dom.metrics) + [m for m in box.metrics if m.name in spec.keep_metrics]
    third = list(dict.fromkeys(dom.third_parties + [j.external for j in jobs if j.external]))
    third += [t for t in box.third_parties if t not in third and any(j.external == t for j in jobs)]
    return DomainModel(
        archetype=dom.archetype,
        source=dom.source,
        entities=entities,
        endpoints=endpoints,
        roles=roles,
        default_role=default,
        jobs=list({j.name: j for j in jobs}.values()),
        metrics=list({m.name: m for m in metrics}.values()),
        third_parties=list(dict.fromkeys(third)),
    )


def _composed_roles(
    box: DomainModel, dom: DomainModel, names: set[str], keep: set[str], internal: bool
) -> tuple[list[DomainRole], str]:
    """The domain's roles plus the container's rights over what it keeps.

    An internal tool adds only its administrator (access and the audit trail); a tenancy
    container's roles stay (members, org admins, billing) and its default role takes the
    domain's default rights, so a tenant's member works the domain's records.
    """
    allowed = names | PSEUDO_RESOURCES

    def usable(perms: list[str], only_kept: bool) -> list[str]:
        ok = keep | {"user"} | PSEUDO_RESOURCES if only_kept else allowed
        return [p for p in perms if _resource(p) in ok and _resource(p) in allowed]

    roles: dict[str, DomainRole] = {}
    if internal:
        for r in dom.roles:
            roles[r.name] = r
        for r in box.roles:
            perms = usable(r.permissions, True)
            if not any(_resource(p) in keep or _resource(p) == "audit_log" for p in perms):
                continue  # staff and approvers are the domain's own roles here
            if r.name in roles:
                old = roles[r.name]
                merged = list(dict.fromkeys(old.permissions + perms))
                roles[r.name] = old.model_copy(update={"permissions": merged})
            else:
                roles[r.name] = r.model_copy(update={"permissions": perms})
        return list(roles.values()), dom.default_role
    dom_default = next((r for r in dom.roles if r.name == dom.default_role), None)
    for r in box.roles:
        perms = usable(r.permissions, True)
        if r.name == box.default_role and dom_default is not None:
            perms = list(dict.fromkeys(perms + usable(dom_default.permissions, False)))
        if perms:
            roles[r.name] = r.model_copy(update={"permissions": perms})
    for r in dom.roles:
        if r is dom_default:
            continue
        perms = usable(r.permissions, False)
        if not perms:
            continue
        if r.name in roles:
            old = roles[r.name]
            roles[r.name] = old.model_copy(
                update={"permissions": list(dict.fromkeys(old.permissions + perms))}
            )
        else:
            roles[r.name] = r.model_copy(update={"permissions": perms})
    return list(roles.values()), box.default_role


def _trim(domain: DomainModel, feature: Feature) -> DomainModel:
    paths = [re.compile(p) for p in feature.endpoint_paths]
    drop = set(feature.entities)
    # an entity other entities still point at stays (removing it would dangle their keys)
    referenced = {r.target for e in domain.entities if e.name not in drop for r in e.relations}
    drop -= referenced
    entities = _without(domain.entities, drop)
    if not entities:
        return domain  # never trim a domain to nothing
    endpoints = [
        ep
        for ep in domain.endpoints
        if ep.action not in feature.endpoint_actions
        and not any(p.search(ep.path) for p in paths)
        and (ep.entity is None or ep.entity not in drop)
    ]
    if not endpoints:
        endpoints = list(domain.endpoints)
    jobs = [j for j in domain.jobs if j.external not in feature.third_parties]
    third = [t for t in domain.third_parties if t not in feature.third_parties]
    return domain.model_copy(
        update={"entities": entities, "endpoints": endpoints, "jobs": jobs, "third_parties": third}
    )
