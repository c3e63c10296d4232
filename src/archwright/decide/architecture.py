"""Stage 2 — architecture pattern decision tree (SKELETON: replaced by the core-engine issue)."""

from __future__ import annotations

from archwright.models.decisions import ArchitectureDecision, RuleFired, ServiceTopology
from archwright.models.signals import Signals


def select_architecture(signals: Signals) -> ArchitectureDecision:
    return ArchitectureDecision(
        architecture_pattern="monolith",
        pattern_label="Modular monolith",
        rule_fired=RuleFired(
            rule="MONOLITH.stage",
            field="signals.product.stage",
            value=signals.product.stage.value,
            text="skeleton",
        ),
        pattern_rationale="skeleton",
        rejected_patterns=[],
        service_topology=ServiceTopology(core_services=["api"]),
        scaling_strategy="skeleton",
        deployment_target="skeleton",
    )
