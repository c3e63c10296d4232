"""Type of ``knowledge/media.yaml``: how each live-media provider is hosted and which origins the
browser opens to reach it (the CSP reads them; the cost model reads the hosting)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archwright.models.base import Model


class MediaProvider(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    match: str  # case-insensitive regex over the stack's media technology name
    hosting: Literal["managed", "self_hosted"]
    # origins the browser SDK opens (CSP connect-src); {media_host} is the product's own media
    # host (media.<product>.example) for servers the product runs itself
    connect: list[str] = Field(min_length=1)
    # origins LL-HLS playback fetches segments from (CSP media-src, with blob: for MSE)
    playback: list[str] = Field(default_factory=list)
    rationale: str = Field(min_length=10)
    source: str = Field(min_length=10)


class MediaKnowledge(Model):
    providers: list[MediaProvider] = Field(min_length=3)
