"""Stage 4 output: system topology and diagram, tech stack registry, environments."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archwright.models.base import Model

NodeKind = Literal[
    "client",
    "cdn",
    "gateway",
    "load_balancer",
    "service",
    "realtime",
    "worker",
    "queue",
    "database",
    "cache",
    "storage",
    "search",
    "external",
    "edge_function",
    "proxy",
]


class DiagramNode(Model):
    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    label: str  # what it is ("Application Server")
    technology: str  # the actual technology ("FastAPI on ECS Fargate")
    kind: NodeKind


class DiagramEdge(Model):
    source: str
    target: str
    protocol: str  # HTTP/REST, WebSocket, TCP, AMQP, ...


class Topology(Model):
    nodes: list[DiagramNode]
    edges: list[DiagramEdge]


class TechChoice(Model):
    layer: str
    technology: str
    version_tier: str
    justification: str
    alternative_considered: str
    needed: bool = True  # False: the row says why the layer is not needed
    preference: str | None = None  # the user's named choice this row honors/overrides


class Environment(Model):
    name: str
    purpose: str
    data_policy: str
    access_control: str
    parity_to_prod: str


class ParityGap(Model):
    gap: str
    risk: str
    mitigation: str


class Overview(Model):
    topology: Topology
    system_diagram: str  # Mermaid graph TD
    tech_stack: list[TechChoice]
    environments: list[Environment]
    staging_parity_rules: list[str] = Field(default_factory=list)
    parity_gaps: list[ParityGap] = Field(default_factory=list)
