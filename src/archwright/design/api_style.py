"""Stage 5 step 1: API style selection, exactly as the seed's rules (shared with the stack)."""

from __future__ import annotations

from archwright.models.signals import Signals


def _multi_client(signals: Signals) -> bool:
    p = set(signals.product.platform_targets.value)
    return "web" in p and bool(p & {"ios", "android", "cross_platform", "desktop"})


def select_api_style(signals: Signals, pattern: str) -> tuple[str, str]:
    """(``rest`` | ``graphql`` | ``grpc``, the rule that fired, citing Stage 1-2 fields)."""
    b = signals.behavior
    stated = {s.lower() for s in signals.stated_stack} | {
        p.requested.lower() for p in signals.preferences if p.subject in ("api_style", "api")
    }
    if "graphql" in stated:
        return "graphql", "GraphQL was stated by the user."
    if "grpc" in stated:
        return "grpc", "gRPC was stated by the user."
    # gRPC: service-to-service calls between microservices, performance the dominant constraint
    if (
        pattern == "microservices"
        and b.dominant_constraint.value in ("latency", "throughput")
        and signals.product.product_type.value in ("api", "iot", "developer_tool")
    ):
        return "grpc", (
            "architecture_pattern = microservices with behavior.dominant_constraint = "
            f"{b.dominant_constraint.value}: typed, binary service-to-service calls."
        )
    # GraphQL: read >= 4 with complex relationship traversal AND several client types
    if (
        b.read_intensity.score >= 4
        and signals.data.relationships.value in ("highly_relational", "graph")
        and _multi_client(signals)
        and signals.product.stage.value != "mvp"
    ):
        return "graphql", (
            f"behavior.read_intensity = {b.read_intensity.score} with data.relationships = "
            f"{signals.data.relationships.value} and several client types "
            f"({', '.join(signals.product.platform_targets.value)}): clients need different "
            "nested shapes."
        )
    return "rest", (
        f"behavior.primary_behavior = {b.primary_behavior.value}: standard resource operations "
        "dominate and clients are simple web/mobile apps, so REST with an OpenAPI 3.1 contract "
        "is the simplest fit; GraphQL's flexibility and gRPC's performance are not needed."
    )
