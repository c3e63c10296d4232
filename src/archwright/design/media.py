"""The live-media layer as one decision read everywhere.

Stage 4 picks the media technology (``Stack.media`` for calls, ``Stack.broadcast`` for live
streams). Everything else that names a media provider -- the domain's third parties and jobs,
circuit breakers, vendor lists, runbooks, the CSP and the cost model -- reads it from here, so an
archetype's usual vendor (Twilio Video for a clinic) never appears beside the SFU the stack chose
instead.
"""

from __future__ import annotations

import re
from functools import cache

from archwright.catalog import load_model
from archwright.design.stack import BROADCAST_VENDORS, CALL_VENDORS, Stack
from archwright.models.domain import DomainModel
from archwright.models.media import MediaKnowledge, MediaProvider


@cache
def knowledge() -> MediaKnowledge:
    return load_model("media.yaml", MediaKnowledge)


def provider(technology: str) -> MediaProvider:
    """The media.yaml entry for a stack media technology (the last entry catches the rest)."""
    return next(p for p in knowledge().providers if re.search(p.match, technology, re.I))


def technologies(stack: Stack) -> list[str]:
    """The stack's media technologies: the calls layer first, then the broadcast layer."""
    return [t for t in (stack.media, stack.broadcast) if t]


def managed(technology: str) -> bool:
    return provider(technology).hosting == "managed"


def pricing(stack: Stack) -> tuple[str, str] | None:
    """(kind, hosting) the cost model prices: calls bill per participant-minute, broadcast per
    viewer-minute; a product with both is priced by its calls layer (every viewer of a call is
    a participant)."""
    if stack.media:
        return "calls", provider(stack.media).hosting
    if stack.broadcast:
        return "broadcast", provider(stack.broadcast).hosting
    return None


def _swap(name: str, stack: Stack) -> str:
    for vendors, chosen in ((CALL_VENDORS, stack.media), (BROADCAST_VENDORS, stack.broadcast)):
        if chosen and vendors.search(name):
            return chosen
    return name


def reconcile_domain(domain: DomainModel, stack: Stack) -> DomainModel:
    """The domain's third parties and jobs with the media provider the stack chose: a vendor of
    the same layer the archetype assumed is replaced by it, and a managed choice is a third party
    (a self-hosted SFU is the product's own server, not a vendor)."""
    if not technologies(stack):
        return domain
    third: list[str] = []
    for name in [_swap(n, stack) for n in domain.third_parties] + [
        t for t in technologies(stack) if managed(t)
    ]:
        if name.lower() not in {t.lower() for t in third}:
            third.append(name)
    jobs = [
        j.model_copy(update={"external": _swap(j.external, stack)}) if j.external else j
        for j in domain.jobs
    ]
    return domain.model_copy(update={"third_parties": third, "jobs": jobs})


def csp_sources(stack: Stack, api_origin: str) -> tuple[list[str], list[str]]:
    """(connect-src, media-src) sources the browser needs for the media layer; empty without one.
    Playback (media-src) is needed only for broadcast: LL-HLS through Media Source Extensions
    plays from blob: URLs."""
    host = re.sub(r"^https://api\.", "media.", api_origin)
    connect: list[str] = []
    playback: list[str] = []
    for tech in technologies(stack):
        p = provider(tech)
        connect += [o.format(media_host=host) for o in p.connect]
        if tech == stack.broadcast:
            playback += [o.format(media_host=host) for o in p.playback]
    if stack.broadcast:
        playback = ["'self'", "blob:", *playback]
    return list(dict.fromkeys(connect)), list(dict.fromkeys(playback))
