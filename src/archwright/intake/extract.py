"""Stage 1 entry point (SKELETON: a first cut that fills every field from archetype defaults;
the intake issue replaces it with the lexicon-driven extractor)."""

from __future__ import annotations

import re

from archwright import catalog
from archwright.models.domain import DomainModel
from archwright.models.knowledge import Archetype
from archwright.models.signals import (
    BehaviorSignals,
    ConstraintSignals,
    DataSignals,
    IntegrationSignals,
    Intensity,
    Leaf,
    ProductSignals,
    ScaleSignals,
    Signals,
)


def _match(prompt: str) -> Archetype:
    text = prompt.lower()
    best: tuple[int, str] | None = None
    for a in catalog.archetypes():
        score = sum(t.weight for t in a.triggers if re.search(rf"\b(?:{t.phrase})\b", text))
        if best is None or score > best[0]:
            best = (score, a.id)
    assert best is not None
    return catalog.archetype(best[1])


def _inf(value, why: str) -> Leaf:
    return Leaf(value=value, inferred=True, evidence=f"INFERRED: {why}")


def extract(prompt: str, overrides: dict[str, str] | None = None) -> tuple[Signals, DomainModel]:
    a = _match(prompt)
    d = a.defaults

    def score(s) -> Intensity:
        return Intensity(
            score=s.score, inferred=True, evidence=f"INFERRED: {s.reason}", implication="(skeleton)"
        )

    signals = Signals(
        product=ProductSignals(
            name=_inf("Project", "no name given; working title"),
            product_type=_inf(a.product_type.value, a.product_type.reason),
            stage=_inf("mvp", "no stage stated; new products start as an MVP"),
            platform_targets=_inf(["web"], "no platform stated"),
            team_size=_inf("unknown", "no team size stated"),
            archetype=_inf(a.id, f"matched archetype {a.name}"),
        ),
        behavior=BehaviorSignals(
            read_intensity=score(d.read_intensity),
            write_intensity=score(d.write_intensity),
            real_time_intensity=score(d.real_time_intensity),
            compute_intensity=score(d.compute_intensity),
            primary_behavior=_inf("balanced_crud", "skeleton"),
            secondary_behavior=_inf(None, "skeleton"),
            dominant_constraint=_inf("latency", "skeleton"),
        ),
        data=DataSignals(
            relationships=_inf(d.relationships.value, d.relationships.reason),
            schema_stability=_inf(d.schema_stability.value, d.schema_stability.reason),
            volume=_inf("lt_1gb", "skeleton"),
            sensitivity=_inf(d.sensitivity.value, d.sensitivity.reason),
            consistency=_inf(d.consistency.value, d.consistency.reason),
        ),
        scale=ScaleSignals(
            launch_users=_inf(1000, "skeleton"),
            peak_concurrent_users=_inf(100, "skeleton"),
            traffic_pattern=_inf(d.traffic_pattern.value, d.traffic_pattern.reason),
            geo_distribution=_inf("single_region", "skeleton"),
            growth=_inf("linear", "skeleton"),
        ),
        integration=IntegrationSignals(
            third_party_services=_inf(list(a.third_parties), "archetype defaults"),
            external_apis=_inf([], "skeleton"),
            auth_provider_needed=_inf(True, "skeleton"),
            payments_needed=_inf(False, "skeleton"),
            webhooks=_inf("none", "skeleton"),
        ),
        constraints=ConstraintSignals(
            budget_tier=_inf("unknown", "skeleton"),
            budget_monthly_usd=_inf(None, "skeleton"),
            compliance=_inf([], "skeleton"),
            cloud_provider=_inf("aws", "skeleton"),
            existing_infrastructure=_inf("greenfield", "skeleton"),
            latency_requirement=_inf(None, "skeleton"),
        ),
    )
    domain = DomainModel(
        archetype=a.id,
        source="archetype",
        entities=a.entities,
        endpoints=a.endpoints,
        roles=a.roles,
        default_role=a.default_role,
        jobs=a.jobs,
        metrics=a.metrics,
        third_parties=a.third_parties,
    )
    return signals, domain
