"""Type of ``knowledge/technologies.yaml``: every technology archwright may name."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr

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
    "media",  # live calls (WebRTC SFU) and live broadcast (ingest + LL-HLS)
    "frontend",  # web front-end frameworks a user names (Next.js); never chosen unasked
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
    # indexes built once: selection asks for technologies thousands of times per document
    _by_id: dict[str, Technology] = PrivateAttr(default_factory=dict)
    _by_layer: dict[str, list[Technology]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context: object) -> None:
        for t in self.technologies:
            self._by_id.setdefault(t.id, t)
            self._by_layer.setdefault(t.layer, []).append(t)

    def get(self, tech_id: str) -> Technology:
        try:
            return self._by_id[tech_id]
        except KeyError:
            raise KeyError(
                f"technology {tech_id!r} is not in knowledge/technologies.yaml"
            ) from None

    def layer(self, layer: str) -> list[Technology]:
        return list(self._by_layer.get(layer, ()))
