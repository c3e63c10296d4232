"""Type of ``knowledge/technologies.yaml``: every technology archwright may name."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archwright.models.base import Model
from archwright.models.decisions import DbFamily
from archwright.models.signals import Cloud

Layer = Literal[
    "runtime",
    "framework",
    "api_style",
    "database",
    "cache",
    "queue",
    "realtime",
    "crdt",
    "object_storage",
    "cdn",
    "search",
    "auth",
    "email",
    "sms",
    "push",
    "payments",
    "cloud",
    "orchestration",
    "gateway",
    "db_proxy",
    "cicd",
    "monitoring",
    "error_tracking",
    "uptime",
    "secrets",
    "migration",
]


class Technology(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=2)
    layer: Layer
    version_tier: str = Field(min_length=1)
    languages: list[str] = Field(default_factory=list)  # empty: any language
    clouds: list[Cloud] = Field(default_factory=list)  # empty: any cloud
    family: DbFamily | None = None  # databases only
    aliases: list[str] = Field(default_factory=list)  # lower-case names a user may state
    fits_when: list[str] = Field(min_length=1)  # in Stage 1 field terms
    not_when: list[str] = Field(min_length=1)
    alternatives: list[str] = Field(min_length=1)  # ids of other entries
    rationale: str = Field(min_length=20)


class TechnologyCatalog(Model):
    technologies: list[Technology] = Field(min_length=1)

    def get(self, tech_id: str) -> Technology:
        for t in self.technologies:
            if t.id == tech_id:
                return t
        raise KeyError(f"technology {tech_id!r} is not in knowledge/technologies.yaml")

    def layer(self, layer: str) -> list[Technology]:
        return [t for t in self.technologies if t.layer == layer]
