"""Signals for decision tests, independent of how Stage 1 reads any prompt."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import set_field, signals_with

from archwright.models.signals import Intensity, Leaf, Preference, Signals

#: a neutral product that no rule of the tree matches before HYBRID.default
NEUTRAL: dict[str, Any] = {
    "product.team_size": "5-20",
    "product.stage": "growth",
    "product.product_type": "saas",
    "product.archetype": "generic",
    "scale.traffic_pattern": "steady",
    "scale.peak_concurrent_users": 50_000,
    "scale.launch_users": 200_000,
    "scale.geo_distribution": "single_region",
    "integration.webhooks": "none",
    "constraints.budget_tier": "seed",
    "constraints.budget_monthly_usd": None,
    "constraints.cloud_provider": "aws",
    "behavior.read_intensity": 2,
    "behavior.write_intensity": 2,
    "behavior.real_time_intensity": 1,
    "behavior.compute_intensity": 1,
    "data.relationships": "loosely_relational",
    "data.schema_stability": "evolving_slowly",
    "data.volume": "1gb_1tb",
    "data.sensitivity": "none",
    "data.consistency": "flexible",
}


def make(**fields: Any) -> Signals:
    """NEUTRAL signals with ``fields`` (dotted paths with ``__`` for ``.``) applied."""
    values = dict(NEUTRAL)
    values.update({k.replace("__", "."): v for k, v in fields.items()})
    s = signals_with()
    s = s.model_copy(update={"preferences": [], "conflicts": [], "stated_stack": []})
    for path, value in values.items():
        s = set_field(s, path, value)
    return _all_explicit(s)


def _all_explicit(s: Signals) -> Signals:
    """Every leaf stated, so a test marks inferred exactly the fields it is about."""
    update = {}
    for group in ("product", "behavior", "data", "scale", "integration", "constraints"):
        section = getattr(s, group)
        fields = {}
        for name in type(section).model_fields:
            leaf = getattr(section, name)
            if isinstance(leaf, Leaf | Intensity) and leaf.inferred:
                fields[name] = leaf.model_copy(
                    update={"inferred": False, "evidence": "set by test"}
                )
        update[group] = section.model_copy(update=fields)
    return s.model_copy(update=update)


def prefer(s: Signals, *requested: str, subject: str = "technology") -> Signals:
    prefs = [
        Preference(
            subject=subject,
            requested=r,
            evidence=f"we use {r}",
            decision="modified",
            reason="test",
        )
        for r in requested
    ]
    return s.model_copy(update={"preferences": [*s.preferences, *prefs]})


@pytest.fixture(scope="session")
def domain():
    from archwright.intake import extract

    return extract("A social app with posts and follows")[1]
