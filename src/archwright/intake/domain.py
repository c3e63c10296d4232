"""The product's DomainModel: from the matched archetype (or the generic builder), trimmed by
what the prompt rules out ("no user accounts", "without payments")."""

from __future__ import annotations

import re

from archwright.intake.generic import generic_domain
from archwright.intake.lexicon import Feature, lexicon
from archwright.intake.scan import Scanner
from archwright.models.domain import DomainModel
from archwright.models.knowledge import Archetype


def excluded_features(scan: Scanner) -> list[Feature]:
    """Features the prompt only ever mentions negated ("no user accounts")."""
    out = []
    for f in lexicon().features:
        hits = scan.find(f.regex)
        if hits and all(h.negated for h in hits):
            out.append(f)
    return out


def build_domain(scan: Scanner, archetype: Archetype | None) -> DomainModel:
    if archetype is None:
        domain = generic_domain(scan.text)
    else:
        domain = DomainModel(
            archetype=archetype.id,
            source="archetype",
            entities=list(archetype.entities),
            endpoints=list(archetype.endpoints),
            roles=list(archetype.roles),
            default_role=archetype.default_role,
            jobs=list(archetype.jobs),
            metrics=list(archetype.metrics),
            third_parties=list(archetype.third_parties),
        )
    for feature in excluded_features(scan):
        domain = _trim(domain, feature)
    return domain


def _trim(domain: DomainModel, feature: Feature) -> DomainModel:
    paths = [re.compile(p) for p in feature.endpoint_paths]
    drop = set(feature.entities)
    # an entity other entities still point at stays (removing it would dangle their keys)
    referenced = {r.target for e in domain.entities if e.name not in drop for r in e.relations}
    drop -= referenced
    entities = []
    for e in domain.entities:
        if e.name in drop:
            continue
        rels = [r for r in e.relations if r.target not in drop]
        entities.append(e.model_copy(update={"relations": rels}) if rels != e.relations else e)
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
