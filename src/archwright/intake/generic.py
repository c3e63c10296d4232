"""Generic domain model for prompts that match no archetype
(SKELETON: the archetypes issue builds it from the prompt's nouns and verbs)."""

from __future__ import annotations

from archwright.models.domain import (
    BusinessMetric,
    DomainEndpoint,
    DomainEntity,
    DomainField,
    DomainModel,
    DomainRole,
)


def generic_domain(prompt: str) -> DomainModel:
    item = DomainEntity(
        name="item",
        plural="items",
        description="The main record the product manages.",
        owner_field="owner_id",
        relations=[],
        fields=[DomainField(name="title", type="string", description="Title", max_length=200)],
    )
    return DomainModel(
        archetype="generic",
        source="generic",
        entities=[item],
        endpoints=[
            DomainEndpoint(
                method="POST",
                path="/items",
                summary="Create an item",
                entity="item",
                action="create",
            ),
            DomainEndpoint(
                method="GET",
                path="/items",
                summary="List items",
                entity="item",
                action="list",
                pagination="cursor",
            ),
        ],
        roles=[
            DomainRole(
                name="user",
                description="A signed-in user",
                permissions=["item:create", "item:read:own"],
            )
        ],
        default_role="user",
        metrics=[
            BusinessMetric(name="items_created_total", type="counter", description="Items created")
        ],
    )
