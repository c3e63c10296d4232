"""Archetype matching: weighted trigger phrases, negation-aware, deterministic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from archwright import catalog
from archwright.intake.scan import Hit, Scanner
from archwright.models.knowledge import Archetype

#: below this total trigger weight the prompt is treated as matching no archetype
#: (one strong phrase, e.g. "marketplace" at weight 8, or two weak ones, clear it).
THRESHOLD = 4


@dataclass(frozen=True)
class ArchetypeMatch:
    archetype: Archetype | None  # None -> generic
    score: int
    hits: tuple[Hit, ...]  # the trigger phrases that counted, in prompt order
    runner_up: tuple[str, int] | None


@cache
def _compiled() -> tuple[tuple[Archetype, tuple[tuple[re.Pattern[str], int], ...]], ...]:
    out = []
    for a in catalog.archetypes():
        triggers = tuple(
            (re.compile(rf"\b(?:{t.phrase})\b", re.IGNORECASE), t.weight) for t in a.triggers
        )
        out.append((a, triggers))
    return tuple(out)


def match_archetype(scan: Scanner) -> ArchetypeMatch:
    """Score every archetype; each trigger counts once, only where it is not negated.

    Ties go to the archetype with more distinct triggers matched, then to the lower id, so the
    result never depends on file order.
    """
    scored: list[tuple[int, int, str, Archetype, tuple[Hit, ...]]] = []
    for a, triggers in _compiled():
        total = 0
        hits: list[Hit] = []
        for regex, weight in triggers:
            hit = scan.first(regex)
            if hit is not None:
                total += weight
                hits.append(hit)
        if total:
            hits.sort(key=lambda h: h.start)
            scored.append((-total, -len(hits), a.id, a, tuple(hits)))
    scored.sort(key=lambda s: s[:3])
    if not scored or -scored[0][0] < THRESHOLD:
        best = scored[0] if scored else None
        return ArchetypeMatch(
            None, -best[0] if best else 0, (), (best[2], -best[0]) if best else None
        )
    top = scored[0]
    runner = (scored[1][2], -scored[1][0]) if len(scored) > 1 else None
    return ArchetypeMatch(top[3], -top[0], top[4], runner)
