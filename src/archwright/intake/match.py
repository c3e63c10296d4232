"""Archetype matching: weighted trigger phrases, negation-aware, deterministic.

Trigger weights only add up, so an archetype may also declare contexts that give its words
another meaning (``knowledge/not_when.yaml``: "toll roads" and "drivers" are no ride-hailing,
"the finance team" and "expense claims" no personal finance); there it is set aside. It may
also name trigger words that are no evidence on their own ("clinics", "showing", "mileage"):
when they are all it scored and none of them names the product, it is set aside too, so one
incidental word never decides the archetype and a product nothing else fits stays generic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import Field, RootModel, field_validator, model_validator

from archwright import catalog
from archwright.intake import prefilter
from archwright.intake.patterns import LazyPattern
from archwright.intake.scan import Hit, Scanner
from archwright.models.base import Model
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
    # (archetype id, the words that ruled it out, whether they were its lone ambiguous
    # evidence rather than a context naming another product) for archetypes over the threshold
    # that ``knowledge/not_when.yaml`` set aside
    ruled_out: tuple[tuple[str, str, bool], ...] = ()


@cache
def phrase_pattern(phrase: str) -> LazyPattern:
    """A knowledge phrase as a whole-word, case-insensitive pattern. One object per phrase: a
    scanner keeps its results per pattern object, so a trigger the composition asks about again
    (:mod:`archwright.intake.domain`) is searched once a document."""
    return LazyPattern(rf"\b(?:{phrase})\b", re.IGNORECASE)


_Triggers = tuple[tuple[LazyPattern, int], ...]


class NotWhen(Model):
    """A context in which an archetype's triggers do not mean the archetype
    (``knowledge/not_when.yaml``): ``when`` stated and ``unless`` not rules it out.

    ``alone`` instead names trigger words that are no evidence by themselves ("clinics" are
    also bike-repair and legal clinics, "showing" is also a verb, "mileage" is also an expense
    claim): when every trigger the archetype scored is one of them, none of them opens the
    noun phrase of what is built (:func:`_names_product`), and ``unless`` is not stated, the
    archetype is set aside and a weaker rival or the generic archetype takes the prompt.
    """

    when: str | None = None
    alone: str | None = None
    unless: str | None = None
    reason: str = Field(min_length=20)

    @field_validator("when", "alone", "unless")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                phrase_pattern(v)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {v!r}: {exc}") from exc
        return v

    @model_validator(mode="after")
    def _one_kind(self) -> NotWhen:
        if (self.when is None) == (self.alone is None):
            raise ValueError("an entry states exactly one of `when` and `alone`")
        return self


class NotWhenTable(RootModel[dict[str, list[NotWhen]]]):
    """archetype id -> its negative contexts."""


_Rule = tuple[bool, LazyPattern, LazyPattern | None]


@cache
def not_when() -> dict[str, tuple[_Rule, ...]]:
    """archetype id -> ((alone?, context or lone words that rule it out, wording that keeps it
    anyway), ...)."""
    table = catalog.load_model("not_when.yaml", NotWhenTable).root
    return {
        aid: tuple(
            (
                n.alone is not None,
                phrase_pattern(n.alone or n.when or ""),  # the validator requires one of them
                phrase_pattern(n.unless) if n.unless else None,
            )
            for n in entries
        )
        for aid, entries in table.items()
    }


_PRODUCT_PARTS = ("module", "feature", "section", "integration", "extension", "plugin", "add-on")


@cache
def _product_opening() -> re.Pattern[str]:
    """What stands right before a word that opens the noun phrase of the product: the start of a
    sentence or a building verb ("Build a clinic app", "Clinics need ..."), or a product noun
    and "for" ("an app for clinics", "a booking system for our clinics"), then at most a
    determiner. "an app for bike repair clinics" and "an app showing bin days" open with
    another word."""
    # a part of a product names it as well as the product does ("a booking module for clinics")
    nouns = [*catalog.load_raw("generic_domain.yaml")["product_nouns"], *_PRODUCT_PARTS]
    product = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
    return re.compile(
        r"(?:^|[.!?;:\n]\s*|\b(?:build|create|make|develop|design|write|want|need|building|creating"
        r"|making|developing)\s+|\b(?:" + product + r")s?\s+for\s+)"
        r"(?:(?:an?|the|our|my|their|your|its|some|all|each|every)\s+)?"
        # a count says how many, not what kind: "for our 14 clinics", "for three clinics"
        r"(?:(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens of|several"
        r"|many|multiple)\s+)?$",
        re.IGNORECASE,
    )


def _names_product(scan: Scanner, regex: LazyPattern) -> bool:
    """Whether a match of ``regex`` opens the noun phrase of what is built (see
    :func:`_product_opening`): there the word is the product ("a clinic booking app"), not a
    modifier's object or a verb."""
    opening = _product_opening()
    return any(
        not h.negated and opening.search(scan.text, 0, h.start) is not None
        for h in scan.find(regex)
    )


def _ruled_out(scan: Scanner, archetype_id: str, hits: list[Hit]) -> tuple[Hit, bool] | None:
    """(the stated context in which this archetype's triggers mean something else -- "the
    finance team reconciles expense claims" is no personal finance --, False), (the lone
    ambiguous trigger word that is all its evidence -- "repair clinics" are no healthcare --,
    True), or None."""
    for alone, regex, unless in not_when().get(archetype_id, ()):
        if unless is not None and scan.first(unless) is not None:
            continue
        if not alone:
            hit = scan.first(regex)
            if hit is not None:
                return hit, False
        elif all(regex.fullmatch(h.text) for h in hits) and not _names_product(scan, regex):
            return hits[0], True
    return None


@dataclass(frozen=True)
class _TriggerTable:
    """Every archetype with its trigger patterns, and all the triggers inverted by their
    prefilter literals: a prompt names a few of them, so only a few archetypes get a look."""

    archetypes: tuple[tuple[Archetype, _Triggers], ...]
    index: prefilter.Index  # over every trigger, archetype by archetype
    owner: tuple[tuple[int, int], ...]  # position in the index -> (archetype, trigger) positions


def _trigger_table(archetypes: tuple[tuple[Archetype, _Triggers], ...]) -> _TriggerTable:
    owner = tuple(
        (i, j) for i, (_, triggers) in enumerate(archetypes) for j in range(len(triggers))
    )
    index = prefilter.Index([archetypes[i][1][j][0] for i, j in owner])
    return _TriggerTable(archetypes, index, owner)


@cache
def _compiled() -> _TriggerTable:
    return _trigger_table(
        tuple(
            (a, tuple((phrase_pattern(t.phrase), t.weight) for t in a.triggers))
            for a in catalog.archetypes()
        )
    )


@cache
def _supersedes() -> dict[str, tuple[tuple[str, LazyPattern], ...]]:
    """archetype id -> ((the id it takes the place of, the context that must be stated), ...)."""
    return {
        a.id: tuple((s.archetype, phrase_pattern(s.when)) for s in a.supersedes)
        for a in catalog.archetypes()
        if a.supersedes
    }


_Scored = tuple[int, int, int, str, Archetype, tuple[Hit, ...]]


def _superseding(scan: Scanner, scored: list[_Scored]) -> tuple[int, Hit] | None:
    """(index in ``scored``, context hit) of the first archetype over the threshold that takes
    the place of the top one, or None.

    Trigger totals cannot express "a booking in a hospital is health data": the booking words
    outnumber the medical ones. An archetype declares the context in which it replaces another.
    """
    top_id = scored[0][3]
    for i, s in enumerate(scored[1:], start=1):
        if -s[0] < THRESHOLD:
            break
        for target, regex in _supersedes().get(s[3], ()):
            if target != top_id:
                continue
            hit = scan.first(regex)
            if hit is not None and not _countered(scan, top_id, s[3], hit):
                return i, hit
    return None


def _countered(scan: Scanner, top_id: str, challenger: str, context: Hit) -> bool:
    """True when the top archetype declares that it takes the place of ``challenger`` and states
    its own context before the challenger's. Both special cases are named ("a veterinary hospital
    with patient records"); as with tied scores, the setting named first is the product's (see
    :func:`match_archetype`), so the pair decides the same way whichever of the two scores higher.
    """
    for target, regex in _supersedes().get(top_id, ()):
        if target != challenger:
            continue
        own = scan.first(regex)
        if own is not None and own.start < context.start:
            return True
    return False


def match_archetype(scan: Scanner, exclude: frozenset[str] = frozenset()) -> ArchetypeMatch:
    """Score every archetype; each trigger counts once, only where it is not negated.

    Equal scores go to the archetype whose strongest trigger starts earliest in the prompt.
    Product descriptions name the product first and qualify it after ("X for Y", "X with Y",
    "X that does Y": "search engine for recipes across cooking blogs" is a search engine, "a
    blog platform with a search engine" is a blog), so among tied archetypes the first-named
    product is the head and the others describe its audience, content or features. The
    strongest trigger stands for the archetype because weak words ("orders", "feeds") appear
    anywhere in a sentence, while the heavy phrase is the product noun. Still tied (same start):
    more distinct triggers matched, then the lower id, so the result never depends on file
    order.
    """
    scored: list[_Scored] = []
    ruled: list[tuple[str, str, bool]] = []
    table = _compiled()
    # the triggers the prompt can match, by archetype (in file order): no other one can score
    possible: dict[int, list[int]] = {}
    for k in scan.possible(table.index):
        i, j = table.owner[k]
        possible.setdefault(i, []).append(j)
    for i, trigger_positions in possible.items():
        a, triggers = table.archetypes[i]
        if a.id in exclude:
            continue  # a container asks which domain archetype the prompt names besides it
        total = 0
        hits: list[Hit] = []
        head: tuple[int, int] | None = None  # (-weight, start) of the strongest, earliest hit
        for j in trigger_positions:
            regex, weight = triggers[j]
            hit = scan.first(regex)
            if hit is not None:
                total += weight
                hits.append(hit)
                key = (-weight, hit.start)
                head = key if head is None else min(head, key)
        if head is not None and total >= THRESHOLD:
            out = _ruled_out(scan, a.id, hits)
            if out is not None:
                ruled.append((a.id, out[0].text, out[1]))
                continue
        if head is not None:
            hits.sort(key=lambda h: h.start)
            scored.append((-total, head[1], -len(hits), a.id, a, tuple(hits)))
    scored.sort(key=lambda s: s[:4])
    if not scored or -scored[0][0] < THRESHOLD:
        best = scored[0] if scored else None
        return ArchetypeMatch(
            None,
            -best[0] if best else 0,
            (),
            (best[3], -best[0]) if best else None,
            tuple(ruled),
        )
    top, runner_row = scored[0], (scored[1] if len(scored) > 1 else None)
    hits = top[5]
    swap = _superseding(scan, scored)
    if swap is not None:
        i, context = swap
        top, runner_row = scored[i], scored[0]
        extra = () if any(h.start == context.start for h in top[5]) else (context,)
        hits = tuple(sorted((*top[5], *extra), key=lambda h: (h.start, h.end)))
    runner = (runner_row[3], -runner_row[0]) if runner_row is not None else None
    return ArchetypeMatch(top[4], -top[0], hits, runner, tuple(ruled))
