"""The phrase lexicon (``knowledge/lexicon.yaml``): typed, validated and compiled once.

Patterns are compiled case-insensitively; ``{NUM}`` expands to :data:`NUM`, a number in digits or
words with an optional multiplier, captured as group ``n``.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from typing import Generic, Literal, TypeVar

from pydantic import Field, field_validator

from archwright import catalog
from archwright.intake.patterns import LazyPattern
from archwright.models.base import Model
from archwright.models.signals import (
    BudgetTier,
    Cloud,
    Compliance,
    Consistency,
    Geo,
    Growth,
    Infra,
    Media,
    Platform,
    ProductType,
    Relationships,
    SchemaStability,
    Sensitivity,
    Stage,
    TeamSize,
    TrafficPattern,
)

T = TypeVar("T")

_WORD_NUMBERS = (
    "a dozen|dozens|a couple|a couple of|a few|few|half a million|hundreds of thousands|"
    "tens of thousands|thousands|millions|billions|hundreds|"
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "a hundred|one hundred|a thousand|one thousand|a million|one million|a billion"
)
#: a number: "10", "2,000", "1.5", "10 million", "100k", "two", "hundreds of thousands"
# The word-boundary guards let the engine skip mid-word positions quickly (a long alternation
# tried at every character is what makes number patterns slow).
NUM = (
    r"(?P<n>(?<![\w.,])(?=\d)(?:\d{1,3}(?:[,\u202f ]\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(?:k|m|mm|mn|b|bn|thousand|million|billion|mil)\b)?"
    r"|\b(?=[adfhmostnebi])(?:" + _WORD_NUMBERS + r")(?:\s+(?:thousand|million|billion))?)"
)


@cache
def compile_pattern(pattern: str) -> LazyPattern:
    """A lexicon pattern (``{NUM}`` expanded), case-insensitive, compiled on first use. Cached:
    one object per pattern keeps the scanner's and the prefilter's identity-keyed caches warm."""
    return LazyPattern(pattern.replace("{NUM}", NUM), re.IGNORECASE)


class _Compiled(Model):
    # not compiled when the lexicon loads (see patterns.py); tests/knowledge compiles them all
    pattern: str

    @cached_property  # read ~300 times a document: an attribute once looked up
    def regex(self) -> LazyPattern:
        return compile_pattern(self.pattern)


class Cue(_Compiled, Generic[T]):
    """A phrase and the value it signals."""

    value: T
    negatable: bool = True
    why: str | None = None


class CountCue(_Compiled):
    """A team-size phrase; ``count`` patterns capture the head count as group ``n``."""

    value: TeamSize | None = None
    count: bool = False
    negatable: bool = True


class ScoreCue(_Compiled):
    score: int = Field(ge=1, le=5)
    negatable: bool = True


class Dimension(Model):
    negated_score: int = Field(ge=1, le=5)
    cues: list[ScoreCue] = Field(min_length=1)


class Intensities(Model):
    read: Dimension
    write: Dimension
    real_time: Dimension
    compute: Dimension


class Negation(Model):
    cues: str
    window: int = Field(ge=1, le=200)
    clause_breaks: str


class Quantities(Model):
    peak_concurrent: list[str]
    launch_users: list[str]
    rate: list[str]
    data_size: list[str]
    budget: list[str]
    latency: list[str]


class RateNouns(Model):
    write: str
    read: str


class Integration(_Compiled):
    name: str
    kind: Literal["payments", "api", "messaging", "email", "push", "storage", "auth", "tooling"]
    callback: bool = False


class Technology(_Compiled):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    subject: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    family: (
        Literal["sql", "document", "key_value", "wide_column", "time_series", "graph", "search"]
        | None
    ) = None
    stack: bool = False
    # False: named as the primary database, the design cannot deliver it as the system of
    # record (its artifacts are PostgreSQL DDL, hypertables, MongoDB validators, CQL keys or
    # Cypher constraints, none of which this engine takes); Stage 3 keeps it beside instead
    system_of_record: bool = True


class Named(_Compiled):
    name: str


class DirectiveCue(_Compiled):
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$")


class Feature(_Compiled):
    name: str
    endpoint_actions: list[str] = Field(default_factory=list)
    endpoint_paths: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    third_parties: list[str] = Field(default_factory=list)


class Implications(Model):
    read: dict[int, str]
    write: dict[int, str]
    real_time: dict[int, str]
    compute: dict[int, str]

    @field_validator("read", "write", "real_time", "compute")
    @classmethod
    def _all_scores(cls, v: dict[int, str]) -> dict[int, str]:
        if sorted(v) != [1, 2, 3, 4, 5]:
            raise ValueError("implications need exactly the scores 1..5")
        return v


class Lexicon(Model):
    negation: Negation
    team_size: list[CountCue]
    stage: list[Cue[Stage]]
    product_type: list[Cue[ProductType]]
    platforms: list[Cue[list[Platform]]]
    intensity: Intensities
    ratios: list[_Compiled]
    quantities: Quantities
    rate_nouns: RateNouns
    budget_words: list[Cue[BudgetTier]]
    compliance: list[Cue[Compliance]]
    sensitivity: list[Cue[Sensitivity]]
    consistency: list[Cue[Consistency]]
    relationships: list[Cue[Relationships]]
    schema_stability: list[Cue[SchemaStability]]
    traffic: list[Cue[TrafficPattern]]
    geo: list[Cue[Geo]]
    residency: list[Cue[Literal["eu", "us"]]]
    growth: list[Cue[Growth]]
    cloud: list[Cue[Cloud]]
    existing_infra: list[Cue[Infra]]
    media: list[Cue[Media]] = Field(default_factory=list)
    auth: list[Cue[bool]]
    payments: list[Cue[bool]]
    webhooks: list[Cue[Literal["inbound", "outbound", "both", "none", "unspecified"]]]
    integrations: list[Integration]
    technologies: list[Technology]
    scope_features: list[Named]
    directives: list[DirectiveCue]
    features: list[Feature]
    implications: Implications

    @field_validator("technologies")
    @classmethod
    def _unique_ids(cls, v: list[Technology]) -> list[Technology]:
        ids = [t.id for t in v]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate technology ids: {dupes}")
        return v


class Compiled:
    """Regexes built once from the lexicon (plain attributes: cheap to read per prompt)."""

    def __init__(self, lex: Lexicon) -> None:
        q = lex.quantities
        self.negation = re.compile(lex.negation.cues, re.IGNORECASE)
        self.clause_break = re.compile(lex.negation.clause_breaks, re.IGNORECASE)
        self.peak = [compile_pattern(p) for p in q.peak_concurrent]
        self.launch = [compile_pattern(p) for p in q.launch_users]
        self.rate = [compile_pattern(p) for p in q.rate]
        self.data_size = [compile_pattern(p) for p in q.data_size]
        self.budget = [compile_pattern(p) for p in q.budget]
        self.latency = [compile_pattern(p) for p in q.latency]
        self.write_noun = re.compile(rf"\b(?:{lex.rate_nouns.write})\b", re.IGNORECASE)
        self.read_noun = re.compile(rf"\b(?:{lex.rate_nouns.read})\b", re.IGNORECASE)
        self.features = {f.name: [re.compile(p) for p in f.endpoint_paths] for f in lex.features}


@cache
def lexicon() -> Lexicon:
    return catalog.load_model("lexicon.yaml", Lexicon)


@cache
def compiled() -> Compiled:
    return Compiled(lexicon())
