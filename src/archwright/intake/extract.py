"""Stage 1 — intake and behavioral classification, by rules over the phrase lexicon.

Fields are filled in dependency order (product, quantities, data, behavior, scale, integration,
constraints, then the derived classification, preferences and conflicts), so a ``--set``
override of an early field flows into every later inference. Each leaf is either explicit —
its evidence is an exact quote of the prompt — or inferred, with evidence starting
``INFERRED:`` that names the rule, archetype default or convention used.

Documented rules (README "Stage 1"):

* Intensity: the strongest non-negated lexicon cue sets the score (explicit); stated rates
  (``100k tweets per second``) and read:write ratios score directly; a dimension mentioned only
  negated ("we don't need real-time") gets the lexicon's ``negated_score``; otherwise the
  archetype default applies (inferred).
* Primary behavior: the highest intensity scoring >= 4 (ties: real-time > write > compute >
  read); none >= 4 -> balanced CRUD. Secondary: the next highest scoring >= 3 (none for balanced).
* Dominant constraint, first match: cost (a stated monthly budget <= $1,000, a scale-vs-budget
  conflict or a stated bootstrapped budget); consistency (strong); latency (real-time >= 4 or a
  stated latency SLA); throughput (write or compute >= 4); availability (read >= 4 or
  multi-region/global); else cost for an MVP, availability otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from archwright import catalog
from archwright.clouds import fit_services_to_cloud
from archwright.intake import prefilter
from archwright.intake.domain import build_domain, compose
from archwright.intake.lexicon import Cue, Lexicon, compiled, lexicon
from archwright.intake.match import ArchetypeMatch, match_archetype
from archwright.intake.overrides import ARCHETYPE_FIELD, parse_overrides
from archwright.intake.overrides import EVIDENCE as SET_EVIDENCE
from archwright.intake.rules import add_derived, judge_preference, render, rules
from archwright.intake.scan import Hit, Scanner, parse_number
from archwright.models.domain import DomainModel
from archwright.models.knowledge import Archetype, Sizing, StatedRateSizing
from archwright.models.signals import (
    SENSITIVITY_ORDER,
    BehaviorSignals,
    Conflict,
    ConstraintSignals,
    DataSignals,
    Directive,
    IntegrationSignals,
    Intensity,
    Leaf,
    Preference,
    ProductSignals,
    ScaleSignals,
    Signals,
)

INFERRED = "INFERRED: "
_SEP = " … "  # joins several exact quotes in one explicit evidence

#: neutral defaults for a prompt that matches no archetype: (value, reason)
_NEUTRAL: dict[str, tuple[Any, str]] = {
    "read": (3, "no archetype matched; a typical web product reads more than it writes"),
    "write": (2, "no archetype matched; ordinary CRUD writes are assumed"),
    "real_time": (2, "no archetype matched and no real-time wording; refresh/polling suffices"),
    "compute": (2, "no archetype matched; light background work (emails, exports) is assumed"),
    "relationships": (
        "loosely_relational",
        "no archetype matched; a handful of related business records is the common case",
    ),
    "schema_stability": (
        "evolving_slowly",
        "a new product adds fields as features land rather than reshaping records",
    ),
    "sensitivity": (
        "pii",
        "no archetype matched; any product with user accounts stores emails and names (PII)",
    ),
    "consistency": (
        "flexible",
        "no money, inventory or health data stated; per-record transactions suffice",
    ),
    "traffic": (
        "steady",
        "no traffic shape stated; a new product's traffic follows its users' working day",
    ),
}

_DIMENSIONS = (
    ("real_time", "real_time_intensity", "real_time"),
    ("write", "write_intensity", "write_heavy"),
    ("compute", "compute_intensity", "compute_heavy"),
    ("read", "read_intensity", "read_heavy"),
)
_PLATFORM_ORDER = ["web", "ios", "android", "desktop", "api_only", "embedded", "cross_platform"]
_COMPLIANCE_ORDER = ["gdpr", "ccpa", "hipaa", "pci", "soc2"]
_SECONDS = {"second": 1, "sec": 1, "s": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600}
_SECONDS |= {"day": 86400, "week": 604_800, "month": 2_592_000, "mo": 2_592_000}
_SECONDS |= {"year": 31_536_000, "yr": 31_536_000}
#: how a per-unit rate is named in a rationale ("2,592,000 s (a month)")
_UNIT_NAME = {"minute": "a minute", "hour": "an hour", "day": "a day", "week": "a week"}
_UNIT_NAME |= {"month": "a month", "year": "a year"}
_UNIT_NAME |= {"min": "a minute", "hr": "an hour", "mo": "a month", "yr": "a year"}
_BYTES = {"mb": 1e6, "megabyte": 1e6, "gb": 1e9, "gigabyte": 1e9, "tb": 1e12, "terabyte": 1e12}
_BYTES |= {"pb": 1e15, "petabyte": 1e15}
_PER_YEAR = {"hour": 8760, "day": 365, "week": 52, "month": 12, "year": 1}


def _rate_fmt(r: float) -> str:
    """A rate for a rationale: whole numbers from 100, two significant digits below."""
    if r >= 99.5:
        return f"{round(r):,}"
    return f"{float(f'{r:.2g}'):g}"


def _unit(word: str) -> str:
    """'seconds' -> 'second' (the key of ``_SECONDS``)."""
    w = word.lower()
    return w if w in _SECONDS else w.removesuffix("s")


def _inf(value: Any, why: str) -> Leaf:
    return Leaf(value=value, inferred=True, evidence=INFERRED + why)


def _volume_bucket(size: float) -> str:
    """data.volume for a size in bytes."""
    return "lt_1gb" if size < 1e9 else "1gb_1tb" if size < 1e12 else "gt_1tb"


def _team_bucket(n: float) -> str:
    if n <= 1:
        return "solo"
    if n <= 5:
        return "2-5"
    if n <= 20:
        return "5-20"
    return "20+"


_ANIMAL_CARE = re.compile(
    r"\b(?:veterinar\w*|vet (?:clinics?|practices?|hospitals?)|pet (?:owners?|patients?|health|"
    r"care|clinics?)|animal (?:hospitals?|clinics?|health|care|patients?)|livestock|equine|"
    r"canine|feline)\b",
    re.IGNORECASE,
)
#: hosted language-model providers, as third-party service names
_MODEL_PROVIDER = re.compile(
    r"\b(?:openai|anthropic|claude|gemini|vertex ai|bedrock|mistral|cohere)\b", re.IGNORECASE
)
_NAMED_PHI = re.compile(r"\b(?:hipaa|phi)\b", re.IGNORECASE)
#: data about the people a health or legal organisation serves (not its staff or its stock)
_SERVED_PEOPLE_DATA = re.compile(
    r"\b(?:patients?|hipaa|phi|medical (?:records?|history|histories|notes)|health (?:records?|"
    r"data|information)|ehr|emr|diagnos\w*|prescriptions?|lab results|symptoms?|treatments?|"
    r"case files|litigation|privileged|clients'? (?:records|files|cases|matters))\b",
    re.IGNORECASE,
)

# A prompt that moves away from what it has: the architecture it names with "our"/"existing" is
# the current system, not the one it asks for.
_MOVE_AWAY = re.compile(
    r"\b(?:break(?:ing)?\s+(?:\w+\s+){0,2}?up|split(?:ting)?\s+(?:it|them|up|\w+\s+into)|"
    r"decompos\w*|migrat\w*\s+(?:off|away|from)|moderni[sz]\w*|carv\w*\s+(?:\w+\s+)?out|"
    r"strangl\w*|replac\w*|retir\w*|(?:move|moving)\s+(?:off|away)|get\s+rid\s+of|"
    r"phas\w*\s+out|consolidat\w*|merg\w*)\b",
    re.IGNORECASE,
)
_OWNED = re.compile(
    r"\b(?:our|the|this|existing|legacy|current|old|aging|ageing)\s+"
    r"(?:(?!(?:into|to|as|an?|for|with|from|by)\b)[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)


def _fit_domain_to_cloud(domain: DomainModel, cloud: str) -> DomainModel:
    """The domain's default vendors (a welcome-email job on Amazon SES) are written for one
    cloud; on another, the stack's own service does that work, so the other cloud's name goes."""
    implied = list(domain.third_parties) + [j.external for j in domain.jobs if j.external]
    _, dropped = fit_services_to_cloud(implied, cloud)
    if not dropped:
        return domain
    return domain.model_copy(
        update={
            "third_parties": [t for t in domain.third_parties if t not in dropped],
            "jobs": [
                j.model_copy(update={"external": None}) if j.external in dropped else j
                for j in domain.jobs
            ],
        }
    )


def _fmt(n: float) -> str:
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,.1f}"


def _count(n: float) -> str:
    """A row count for a rationale: '1.7 M', '630 M', '2.1 B'."""
    for div, suffix in ((1e9, " B"), (1e6, " M"), (1e3, " k")):
        if n >= div:
            return f"{float(f'{n / div:.2g}'):g}{suffix}"
    return f"{round(n):,}"


@cache
def _sizing() -> StatedRateSizing:
    return catalog.load_model("sizing.yaml", Sizing).stated_rate


def _tier_of(usd: int) -> str:
    """The budget tier a monthly infrastructure budget in USD falls in."""
    if usd <= 2000:
        return "bootstrapped"
    if usd <= 20_000:
        return "seed"
    return "series_a_plus" if usd <= 200_000 else "enterprise"


def _rate_of(h: Hit) -> StatedRate | None:
    """One rate phrase as a rate per second: "10,000 sensors each reporting every 5 seconds"
    is one write per sender per interval; "2 million documents per month" is n per unit."""
    n = parse_number(h.match.group("n") or "")
    if not n:
        return None
    gd = h.match.groupdict()
    unit = _unit(gd.get("per") or "second")
    every = parse_number(gd["k"]) if gd.get("k") else None
    per = _SECONDS.get(unit, 1) * (every or 1)
    rate = n / per
    what = gd.get("what") or ""
    writes = compiled().write_noun.search(what) is not None
    if "k" in gd and not writes:
        return None  # "50 employees ... back up the database every 6 hours" sends nothing
    kind = "writes/s" if writes else "requests/s"
    if per == 1:
        how = f"{_rate_fmt(rate)} {kind}"
    elif every is not None or unit in ("second", "sec", "s"):
        how = f"{_fmt(n)} / {_fmt(per)} s = {_rate_fmt(rate)} {kind}"
    else:
        how = f"{_fmt(n)} / {_fmt(per)} s ({_UNIT_NAME[unit]}) = {_rate_fmt(rate)} {kind}"
    # only the "N senders ... every k s" form names how many senders there are
    senders = int(n) if "k" in gd else None
    return StatedRate(rate, how, writes, senders, float(per) if "k" in gd else None)


def _rates(
    hits: list[Hit],
) -> tuple[tuple[float, Hit, str] | None, tuple[float, Hit, str] | None]:
    """The highest stated write rate and read rate: (per second, hit, how it was computed)."""
    write: tuple[float, Hit, str] | None = None
    read: tuple[float, Hit, str] | None = None
    for h in hits:
        r = _rate_of(h)
        if r is None:
            continue
        if r.writes:
            if write is None or r.per_second > write[0]:
                write = (r.per_second, h, r.how)
        elif read is None or r.per_second > read[0]:
            read = (r.per_second, h, r.how)
    return write, read


@dataclass(frozen=True)
class StatedRate:
    """A rate the prompt states, as Stage 1 computed it."""

    per_second: float
    how: str  # "10,000 / 5 s = 2,000 writes/s"
    writes: bool
    senders: int | None = None  # "10,000 sensors each ... every 5 s": 10,000
    interval_s: float | None = None  # each sender's reporting interval, in seconds


def stated_write_rate(signals: Signals) -> StatedRate | None:
    """The write rate Stage 1 read from the prompt (the one data.volume was sized from), for
    later stages that size by it (Stage 7's ingestion rate limit).

    Signals has no field for the rate itself, so it is re-read, with the same parser, from the
    sentence Stage 1 quoted as its evidence (data.volume when sized from the rate, else the
    write-intensity quote); a value the user set with --set carries no such quote, and the
    rate is then unknown."""
    w = signals.behavior.write_intensity
    return _rate_in_evidence(signals.data.volume.evidence, w.evidence if not w.inferred else "")


@lru_cache(maxsize=256)
def _rate_in_evidence(volume_evidence: str, write_evidence: str) -> StatedRate | None:
    # Stages 5, 7 and 8 each ask for the same document's rate: parsed once per evidence
    texts: list[str] = []
    m = re.match(rf"{re.escape(INFERRED)}stated “(.+?)”: ", volume_evidence)
    if m:
        texts.append(m.group(1))
    if write_evidence:
        texts.extend(write_evidence.split(_SEP))
    best: StatedRate | None = None
    for text in texts:
        scan = Scanner(text)
        for h in (h for r in compiled().rate for h in scan.find(r) if not h.negated):
            r = _rate_of(h)
            if r is not None and r.writes and (best is None or r.per_second > best.per_second):
                best = r
        if best is not None:
            return best
    return None


@cache
def _technology_index() -> prefilter.Index:
    """The lexicon's ~100 technology patterns, of which a prompt names a few."""
    return prefilter.Index([t.regex for t in lexicon().technologies])


@cache
def _integration_index() -> prefilter.Index:
    """The lexicon's ~70 third-party service patterns, of which a prompt names a few."""
    return prefilter.Index([i.regex for i in lexicon().integrations])


class _Extraction:
    """One run of Stage 1 over one prompt (holds the partial results while fields are filled)."""

    def __init__(self, prompt: str, overrides: dict[str, str] | None) -> None:
        self.set = parse_overrides(overrides)
        self.scan = Scanner(prompt)
        self.lex: Lexicon = lexicon()
        self.c = compiled()
        self.leaves: dict[str, Any] = {}
        self.facts: dict[str, Any] = {}

    # ------------------------------------------------------------------ plumbing
    def put(self, path: str, leaf: Leaf | Intensity) -> None:
        """Record a field unless the user set it with --set (which always wins)."""
        if path in self.set:
            value = self.set[path]
            if isinstance(leaf, Intensity):
                leaf = Intensity(
                    score=value,
                    inferred=False,
                    evidence=SET_EVIDENCE,
                    implication=self.implication(path, value),
                )
            else:
                leaf = Leaf(value=value, inferred=False, evidence=SET_EVIDENCE)
        self.leaves[path] = leaf

    def v(self, path: str) -> Any:
        leaf = self.leaves[path]
        return leaf.score if isinstance(leaf, Intensity) else leaf.value

    def explicit(self, path: str) -> bool:
        return not self.leaves[path].inferred

    def implication(self, path: str, score: int) -> str:
        dim = path.split(".")[1].removesuffix("_intensity")
        return getattr(self.lex.implications, dim)[score]

    def hits(self, cues: list[Any]) -> list[tuple[Any, Hit]]:
        """(cue, hit) for every non-negated match of the cues, in prompt order."""
        out = []
        for cue in cues:
            for h in self.scan.find(cue.regex, negatable=cue.negatable):
                if not h.negated:
                    out.append((cue, h))
        out.sort(key=lambda ch: (ch[1].start, -ch[1].end))
        return out

    def first_value(self, cues: list[Cue[Any]]) -> tuple[Any, Hit] | None:
        found = self.hits(cues)
        return (found[0][0].value, found[0][1]) if found else None

    def quote(self, *hits: Hit) -> str:
        quotes: list[str] = []
        for h in hits:
            q = self.scan.quote(h)
            if q not in quotes:
                quotes.append(q)
        return _SEP.join(quotes)

    def regex_hits(self, regexes: list[Any]) -> list[Hit]:
        out = [h for r in regexes for h in self.scan.find(r) if not h.negated]
        out.sort(key=lambda h: (h.start, -h.end))
        return out

    # ------------------------------------------------------------------ run
    def run(self) -> tuple[Signals, DomainModel]:
        self.match = match_archetype(self.scan)
        self.arch: Archetype | None = self.match.archetype
        chosen = self.set.get(ARCHETYPE_FIELD)
        if chosen is not None:  # a corrected archetype brings its own defaults and domain
            self.arch = None if chosen == "generic" else catalog.archetype(chosen)
        # an internal tool / multi-tenant SaaS about a named domain: the container keeps its
        # traits (defaults, product type), the domain supplies the model
        self.composition = compose(self.scan, self.arch)
        self.technologies()
        self.product()
        self.quantities()
        self.data()
        self.intensities()
        self.volume()
        self.scale()
        self.integration()
        self.constraints()
        self.classification()
        signals = self.assemble()
        signals = self.judge(signals)
        domain = _fit_domain_to_cloud(
            build_domain(self.scan, self.arch, self.composition),
            signals.constraints.cloud_provider.value,
        )
        return signals, domain

    # ------------------------------------------------------------------ archetype defaults
    def default(self, key: str) -> tuple[Any, str]:
        """(value, INFERRED reason) from the matched archetype, else the neutral default."""
        if self.arch is None:
            value, why = _NEUTRAL[key]
            return value, why
        d = self.arch.defaults
        attr = {
            "read": d.read_intensity,
            "write": d.write_intensity,
            "real_time": d.real_time_intensity,
            "compute": d.compute_intensity,
            "relationships": d.relationships,
            "schema_stability": d.schema_stability,
            "sensitivity": d.sensitivity,
            "consistency": d.consistency,
            "traffic": d.traffic_pattern,
        }[key]
        value = getattr(attr, "score", None) if hasattr(attr, "score") else attr.value
        return value, f"{self.arch.name} archetype default — {attr.reason}"

    # ------------------------------------------------------------------ technologies
    def technologies(self) -> None:
        self.use: list[tuple[Any, Hit]] = []
        self.avoid: list[tuple[Any, Hit]] = []
        seen: set[tuple[str, bool]] = set()
        found = []
        for i in self.scan.possible(_technology_index()):
            tech = self.lex.technologies[i]
            for h in self.scan.find(tech.regex):
                found.append((h.start, tech.id, tech, h))
        found.sort(key=lambda f: (f[0], f[1]))
        leaving = _MOVE_AWAY.search(self.scan.text) is not None
        for _, tid, tech, h in found:
            if leaving and tech.subject == "architecture_pattern" and self._current_state(h):
                continue  # "our monolith" that the prompt breaks up is the past, not a wish
            key = (tid, h.negated)
            if key in seen:
                continue
            seen.add(key)
            (self.avoid if h.negated else self.use).append((tech, h))
        stack: list[str] = []
        for tech, _ in self.use:
            if tech.stack and tech.name not in stack:
                stack.append(tech.name)
        self.stated_stack = stack

    def _current_state(self, h: Hit) -> bool:
        """The hit names the system the user runs today ("our 15-year-old Java monolith")."""
        clause = re.split(r"[.;:!?\n(]", self.scan.text[max(0, h.start - 60) : h.start])[-1]
        return _OWNED.search(clause) is not None

    # ------------------------------------------------------------------ product
    def product(self) -> None:
        a = self.arch
        self.put("product.archetype", self._archetype_leaf())
        self.put("product.name", self._name())
        # team size
        leaf = None
        for cue, h in self.hits(self.lex.team_size):
            if cue.count:
                n = parse_number(h.match.group("n") or "")
                if n is None:
                    continue
                leaf = Leaf(value=_team_bucket(n), inferred=False, evidence=self.quote(h))
            else:
                leaf = Leaf(value=cue.value, inferred=False, evidence=self.quote(h))
            break
        self.put(
            "product.team_size",
            leaf
            or _inf(
                "unknown",
                "the prompt does not say who builds it; left unknown so no team-size rule fires "
                "(set it with --set product.team_size=...)",
            ),
        )
        # stage: legacy wording wins, otherwise the first stage phrase in the prompt
        hits = self.hits(self.lex.stage)
        legacy = [ch for ch in hits if ch[0].value == "legacy_modernization"]
        pick = (legacy or hits or [None])[0]
        if pick is not None:
            self.put(
                "product.stage",
                Leaf(value=pick[0].value, inferred=False, evidence=self.quote(pick[1])),
            )
        elif self.v("product.team_size") == "20+":
            self.put(
                "product.stage",
                _inf("growth", "a 20+ engineer organization already runs a product in market"),
            )
        else:
            self.put(
                "product.stage",
                _inf("mvp", "no stage stated; a new build is an MVP by industry convention"),
            )
        # product type: the first lexicon entry (most specific shape) that matches
        leaf = None
        for cue in self.lex.product_type:
            h = self.scan.first(cue.regex, negatable=cue.negatable)
            if h is not None:
                leaf = Leaf(value=cue.value, inferred=False, evidence=self.quote(h))
                break
        if leaf is None:
            if a is not None:
                leaf = _inf(a.product_type.value, f"{a.name} archetype — {a.product_type.reason}")
            else:
                leaf = _inf("other", "no archetype matched and no product-type wording")
        self.put("product.product_type", leaf)
        # platforms
        found: dict[str, Hit] = {}
        for cue, h in self.hits(self.lex.platforms):
            for p in cue.value:
                found.setdefault(p, h)
        if len(found) > 1 and "api_only" in found:
            del found["api_only"]  # "API only" contradicts any client platform also named
        if found:
            values = [p for p in _PLATFORM_ORDER if p in found]
            hs = sorted({found[p] for p in values}, key=lambda h: h.start)
            self.put(
                "product.platform_targets",
                Leaf(value=values, inferred=False, evidence=self.quote(*hs)),
            )
        else:
            ptype = self.v("product.product_type")
            default = {
                "mobile_app": (["ios", "android"], "a mobile app ships on both iOS and Android"),
                "consumer_app": (
                    ["web", "ios", "android"],
                    "consumer products are used on phones and the web",
                ),
                "marketplace": (
                    ["web", "ios", "android"],
                    "marketplace buyers browse on phones and the web",
                ),
                "api": (["api_only"], "an API product has no first-party UI"),
                "iot": (["embedded", "web"], "devices plus a web console to manage them"),
            }.get(ptype, (["web"], "business software is used in the browser first"))
            self.put(
                "product.platform_targets",
                _inf(default[0], f"no platform stated; {default[1]} (product type {ptype})"),
            )

    def _archetype_leaf(self) -> Leaf:
        m: ArchetypeMatch = self.match
        if m.archetype is None:
            why = "no archetype's trigger phrases reached the match threshold"
            if m.runner_up:
                why += f" (closest: {m.runner_up[0]} at {m.runner_up[1]})"
            for aid, context, alone in m.ruled_out[:2]:
                # knowledge/not_when.yaml: the trigger words are there, the product is not
                why += f"; {aid} reached it but was set aside: “{context}” " + (
                    "was its only evidence and names no product of that kind"
                    if alone
                    else "names another kind of product"
                )
            return _inf("generic", why + "; the domain model is built from the prompt's own nouns")
        if self.composition is not None:
            return _inf(m.archetype.id, self.composition.why(self.scan))
        return Leaf(value=m.archetype.id, inferred=False, evidence=self.quote(*m.hits[:3]))

    def _name(self) -> Leaf:
        import re

        m = re.search(
            r"\b(?:called|named|codenamed?|code ?name(?:d)?|brand(?:ed)? as|name is)\s+"
            r"[\"'“‘]?([A-Za-z0-9][\w.+-]{1,40}(?:\s+[A-Z0-9][\w.+-]{1,40}){0,2})",
            self.scan.text,
        )
        if m:
            name = m.group(1).strip(".,;:!?\"'”’")
            if name:
                return Leaf(value=name, inferred=False, evidence=m.group(0).strip())
        if self.arch is not None:
            return _inf(
                f"{self.arch.name} (working title)",
                f"no product name given; working title from the matched {self.arch.name} archetype",
            )
        return _inf("Project (working title)", "no product name given; generic working title")

    # ------------------------------------------------------------------ quantities
    def quantities(self) -> None:
        c = self.c
        peak_hits = self.regex_hits(c.peak)
        self.peak: tuple[float, Hit] | None = None
        for h in peak_hits:
            n = parse_number(h.match.group("n") or "")
            if n:
                self.peak = (n, h)
                break
        spans = [(h.start, h.end) for h in peak_hits]
        self.users: tuple[float, Hit] | None = None
        for h in self.regex_hits(c.launch):
            if any(s <= h.start < e or h.start <= s < h.end for s, e in spans):
                continue
            n = parse_number(h.match.group("n") or "")
            if n:
                self.users = (n, h)
                break
        # rates: (per second, hit, how it was computed)
        self.write_rate, self.read_rate = _rates(self.regex_hits(c.rate))
        # data size (bytes per year when a period is given)
        self.data_size: tuple[float, Hit, bool] | None = None
        for h in self.regex_hits(c.data_size):
            n = parse_number(h.match.group("n") or "")
            unit = (h.match.group("unit") or "").lower().rstrip("s")
            if not n or unit not in _BYTES:
                continue
            size = n * _BYTES[unit]
            per = h.match.group("per")
            if per:
                size *= _PER_YEAR[per.lower()]
            if self.data_size is None or size > self.data_size[0]:
                self.data_size = (size, h, bool(per))
        # budget in USD per month
        self.budget: tuple[int, Hit] | None = None
        for h in self.regex_hits(c.budget):
            n = parse_number(h.match.group("n") or "")
            if not n:
                continue
            per = (h.match.group("per") or "month").lower()
            monthly = n / 12 if per in {"year", "yr", "annum", "annual", "yearly"} else n
            self.budget = (round(monthly), h)
            break
        self.latency = next(iter(self.regex_hits(c.latency)), None)
        self.ratio: tuple[float, Hit] | None = None
        for cue in self.lex.ratios:
            h = self.scan.first(cue.regex)
            if h is None:
                continue
            gd = h.match.groupdict()
            r = float(gd["r"])
            w = float(gd["w"]) if gd.get("w") else max(100.0 - r, 0.0)
            if r and w:
                self.ratio = (r / w, h)
            elif r:
                self.ratio = (100.0, h)
            break

    # ------------------------------------------------------------------ data
    def data(self) -> None:
        # sensitivity: the most sensitive class mentioned (not negated)
        found = self.hits(self.lex.sensitivity)
        # clinics, patients and prescriptions of animals are not PHI: HIPAA protects people
        animals = _ANIMAL_CARE.search(self.scan.text) is not None
        # a roster of hospital nurses or a law firm's stock room: the workplace, not its data
        workplace_only = (
            self.arch is not None
            and self.arch.staff_records
            and _SERVED_PEOPLE_DATA.search(self.scan.text) is None
        )
        best: tuple[str, Hit] | None = None
        for cue, h in found:
            if animals and cue.value == "health" and not _NAMED_PHI.search(h.text):
                continue
            if workplace_only and cue.value in ("health", "legal"):
                continue
            if best is None or SENSITIVITY_ORDER[cue.value] > SENSITIVITY_ORDER[best[0]]:
                best = (cue.value, h)
        if best is not None:
            self.put(
                "data.sensitivity",
                Leaf(value=best[0], inferred=False, evidence=self.quote(best[1])),
            )
        else:
            value, why = self.default("sensitivity")
            if animals and value == "health":
                value, why = (
                    "pii",
                    "animal health records are not PHI; owners' contact details are PII",
                )
            self.put("data.sensitivity", _inf(value, why))
        sens = self.v("data.sensitivity")
        # compliance
        comp: dict[str, Hit] = {}
        for cue, h in self.hits(self.lex.compliance):
            comp.setdefault(cue.value, h)
        if comp:
            values = [x for x in _COMPLIANCE_ORDER if x in comp]
            hs = sorted({comp[x] for x in values}, key=lambda h: h.start)
            self.put(
                "constraints.compliance",
                Leaf(value=values, inferred=False, evidence=self.quote(*hs)),
            )
        elif sens == "health":
            self.put(
                "constraints.compliance",
                _inf(
                    ["hipaa"],
                    "health data (PHI) in a product for patients and clinicians falls under HIPAA",
                ),
            )
        else:
            self.put(
                "constraints.compliance",
                _inf([], f"no regulation named and {sens} data triggers none by default"),
            )
        # consistency
        hit = self.first_value(self.lex.consistency)
        if hit is not None:
            self.put(
                "data.consistency", Leaf(value=hit[0], inferred=False, evidence=self.quote(hit[1]))
            )
        elif sens in ("financial", "health"):
            self.put(
                "data.consistency",
                _inf(
                    "strong",
                    f"{sens} data needs ACID transactions (seed: Strong = financial transactions)",
                ),
            )
        else:
            value, why = self.default("consistency")
            self.put("data.consistency", _inf(value, why))
        for key, path, cues in (
            ("relationships", "data.relationships", self.lex.relationships),
            ("schema_stability", "data.schema_stability", self.lex.schema_stability),
        ):
            hit = self.first_value(cues)
            if hit is not None:
                self.put(path, Leaf(value=hit[0], inferred=False, evidence=self.quote(hit[1])))
            elif key == "relationships" and self.arch is None and sens in ("financial", "health"):
                self.put(
                    path,
                    _inf(
                        "highly_relational",
                        f"{sens} records chain through foreign keys (users → accounts → "
                        "transactions → audit entries) and must join consistently",
                    ),
                )
            else:
                value, why = self.default(key)
                self.put(path, _inf(value, why))

    # ------------------------------------------------------------------ intensities
    def intensities(self) -> None:
        dims = self.lex.intensity
        for key, name, _ in _DIMENSIONS:
            path = f"behavior.{name}"
            dim = getattr(dims, key)
            score, evidence = None, None
            positives: list[tuple[int, Hit]] = []
            negated: list[Hit] = []
            for cue in dim.cues:
                for h in self.scan.find(cue.regex, negatable=cue.negatable):
                    if h.negated:
                        negated.append(h)
                    else:
                        positives.append((cue.score, h))
            rate = self.write_rate if key == "write" else self.read_rate if key == "read" else None
            # an average below one per second over a week or longer ("2 million documents per
            # month") says how much data accrues, not how hard the system works at any moment
            if rate is not None and (
                rate[0] >= 1
                or _SECONDS[_unit(rate[1].match.groupdict().get("per") or "s")] < 604_800
            ):
                r = rate[0]
                s = 5 if r >= 1000 else 4 if r >= 100 else 3 if r >= 10 else 2
                positives.append((s, rate[1]))
            if key == "write" and self.data_size is not None and self.data_size[2]:
                bps = self.data_size[0] / 31_536_000
                positives.append((5 if bps >= 1e6 else 4 if bps >= 1e5 else 3, self.data_size[1]))
            if self.ratio is not None and key in ("read", "write"):
                q = self.ratio[0]
                if key == "read":
                    s = 5 if q >= 10 else 4 if q >= 3 else 3 if q >= 1 else 2
                else:
                    s = 2 if q >= 10 else 3 if q >= 1 else 4 if q > 0.1 else 5
                score, evidence = s, self.quote(self.ratio[1])
            elif positives:
                positives.sort(key=lambda p: (-p[0], p[1].start))
                score, evidence = positives[0][0], self.quote(positives[0][1])
            elif negated:
                score, evidence = dim.negated_score, self.quote(negated[0])
            if score is not None and evidence is not None:
                leaf = Intensity(
                    score=score,
                    inferred=False,
                    evidence=evidence,
                    implication=self.implication(path, score),
                )
            else:
                value, why = self.default(key)
                leaf = Intensity(
                    score=value,
                    inferred=True,
                    evidence=INFERRED + why,
                    implication=self.implication(path, value),
                )
            self.put(path, leaf)

    # ------------------------------------------------------------------ volume
    def volume(self) -> None:
        if self.data_size is not None:
            size, h, _ = self.data_size
            self.put(
                "data.volume",
                Leaf(value=_volume_bucket(size), inferred=False, evidence=self.quote(h)),
            )
            return
        if self.write_rate is not None:
            self.put("data.volume", self._volume_from_rate(*self.write_rate))
            return
        users = self.users[0] if self.users else None
        if users is None and self.peak is not None:
            users = self.peak[0] * 10
        if users is None:
            users = {"mvp": 1000, "growth": 50_000, "scale": 1_000_000}.get(
                self.v("product.stage"), 100_000
            )
        size = users * 1e5
        value = _volume_bucket(size)
        why = f"~{_fmt(users)} users × ~100 KB of records each (media lives in object storage) ≈ {size / 1e9:,.1f} GB"
        if self.v("behavior.write_intensity") == 5 and value != "gt_1tb":
            value = {"lt_1gb": "1gb_1tb", "1gb_1tb": "gt_1tb"}[value]
            why += "; one bucket up for constant ingestion (write intensity 5)"
        self.put("data.volume", _inf(value, why))

    def _volume_from_rate(self, rate: float, h: Hit, how: str) -> Leaf:
        """A year of a stated write rate: rows × bytes per row (knowledge/sizing.yaml)."""
        k = _sizing()
        said = h.match.group(0)
        telemetry = re.search(rf"\b(?:{k.telemetry_nouns}|{k.senders})\b", said, re.IGNORECASE)
        size_b, reason = (
            (k.telemetry_bytes, k.telemetry_reason)
            if telemetry
            else (k.record_bytes, k.record_reason)
        )
        per_day = rate * 86_400
        rows = per_day * k.retention_days
        size = rows * size_b
        shown = f"{size / 1e12:,.2f} TB" if size >= 1e12 else f"{size / 1e9:,.1f} GB"
        return _inf(
            _volume_bucket(size),
            f"stated “{self.scan.quote(h)}”: {how} × 86,400 s ≈ {_count(per_day)} rows a day; "
            f"× {k.retention_days} days ({k.retention_reason}) ≈ {_count(rows)} rows × ~{size_b:,} "
            f"bytes per row ({reason}) ≈ {shown} in the first year",
        )

    # ------------------------------------------------------------------ scale
    def scale(self) -> None:
        stage = self.v("product.stage")
        ptype = self.v("product.product_type")
        rt = self.v("behavior.real_time_intensity")
        if self.users is not None:
            self.put(
                "scale.launch_users",
                Leaf(value=int(self.users[0]), inferred=False, evidence=self.quote(self.users[1])),
            )
        elif self.peak is not None:
            self.put(
                "scale.launch_users",
                _inf(
                    int(self.peak[0] * 10),
                    "stated peak concurrency × 10 (typically ~10% of users are online at peak)",
                ),
            )
        else:
            if ptype == "internal_tool":
                n, why = 200, "an internal tool serves one organization's staff (~200 people)"
            else:
                n, why = {
                    "mvp": (1000, "an MVP launches to its first ~1,000 users"),
                    "growth": (50_000, "a growth-stage product has tens of thousands of users"),
                    "scale": (1_000_000, "an established product at scale serves ~1M users"),
                }.get(stage, (100_000, "a system being modernized already serves ~100K users"))
            self.put("scale.launch_users", _inf(n, f"no user count stated; {why} (stage {stage})"))
        if self.peak is not None:
            self.put(
                "scale.peak_concurrent_users",
                Leaf(value=int(self.peak[0]), inferred=False, evidence=self.quote(self.peak[1])),
            )
        else:
            launch = self.v("scale.launch_users")
            share = 0.10 if rt >= 4 else 0.05
            self.put(
                "scale.peak_concurrent_users",
                _inf(
                    max(1, round(launch * share)),
                    f"{int(share * 100)}% of {launch:,} users online at peak "
                    f"({'real-time products keep sessions open' if rt >= 4 else 'typical web concurrency'})",
                ),
            )
        # traffic: unpredictable > seasonal > spiky > steady when several are stated
        order = {"unpredictable": 0, "seasonal": 1, "spiky": 2, "steady": 3}
        found = self.hits(self.lex.traffic)
        if found:
            cue, h = min(found, key=lambda ch: (order[ch[0].value], ch[1].start))
            self.put(
                "scale.traffic_pattern",
                Leaf(value=cue.value, inferred=False, evidence=self.quote(h)),
            )
        else:
            value, why = self.default("traffic")
            self.put("scale.traffic_pattern", _inf(value, why))
        order = {"global": 0, "multi_region": 1, "single_region": 2}
        found = self.hits(self.lex.geo)
        if found:
            cue, h = min(found, key=lambda ch: (order[ch[0].value], ch[1].start))
            self.put(
                "scale.geo_distribution",
                Leaf(value=cue.value, inferred=False, evidence=self.quote(h)),
            )
        else:
            self.put(
                "scale.geo_distribution",
                _inf(
                    "single_region",
                    "no geography stated; launch in one region close to the first users",
                ),
            )
        hit = self.first_value(self.lex.growth)
        if hit is not None:
            self.put(
                "scale.growth", Leaf(value=hit[0], inferred=False, evidence=self.quote(hit[1]))
            )
        elif ptype == "internal_tool":
            self.put("scale.growth", _inf("flat", "an internal tool's users are a fixed staff"))
        else:
            self.put(
                "scale.growth",
                _inf("linear", "no growth stated; plan for steady linear growth and revisit"),
            )
        res = self.first_value(self.lex.residency)
        self.facts["derived.residency"] = res[0] if res else None

    def _fit_inferred_services_to_cloud(self) -> None:
        """Archetype defaults name one cloud's services; a cloud the user stated wins."""
        cloud = self.leaves.get("constraints.cloud_provider")
        services = self.leaves.get("integration.third_party_services")
        if cloud is None or cloud.inferred or services is None or not services.inferred:
            return
        kept, dropped = fit_services_to_cloud(list(services.value), cloud.value)
        if dropped:
            self.put(
                "integration.third_party_services",
                Leaf(
                    value=kept,
                    inferred=True,
                    evidence=f"{services.evidence}; {', '.join(dropped)} left out: "
                    f"cloud_provider = {cloud.value} is stated, and the stack names that "
                    "platform's own services",
                ),
            )

    # ------------------------------------------------------------------ integration
    def integration(self) -> None:
        names: list[str] = []
        hits: list[Hit] = []
        integ = []
        for i in self.scan.possible(_integration_index()):
            it = self.lex.integrations[i]
            h = self.scan.first(it.regex)
            if h is not None:
                integ.append((h.start, it, h))
        integ.sort(key=lambda t: (t[0], t[1].name))
        for _, it, h in integ:
            if it.name not in names:
                names.append(it.name)
                hits.append(h)
        if names:
            self.put(
                "integration.third_party_services",
                Leaf(value=names, inferred=False, evidence=self.quote(*hits)),
            )
        elif self.arch is not None and self.arch.third_parties:
            self.put(
                "integration.third_party_services",
                _inf(
                    list(self.arch.third_parties),
                    f"none named; typical for the {self.arch.name} archetype",
                ),
            )
        else:
            self.put("integration.third_party_services", _inf([], "no third-party service named"))
        apis = [(it, h) for _, it, h in integ if it.kind == "api"]
        if apis:
            self.put(
                "integration.external_apis",
                Leaf(
                    value=[it.name for it, _ in apis],
                    inferred=False,
                    evidence=self.quote(*[h for _, h in apis]),
                ),
            )
        elif providers := [
            t for t in self.v("integration.third_party_services") if _MODEL_PROVIDER.search(t)
        ]:
            # the archetype's own services already carry the model: never list it twice
            self.put(
                "integration.external_apis",
                _inf([], f"the model provider is already a third-party service ({providers[0]})"),
            )
        elif self.v("behavior.compute_intensity") >= 4 and self.scan.first(_AI_RE) is not None:
            self.put(
                "integration.external_apis",
                _inf(
                    ["OpenAI"],
                    "AI features are named but no model provider; a hosted LLM API is the convention",
                ),
            )
        else:
            self.put("integration.external_apis", _inf([], "None detected: no external API named"))
        hit = self.first_value(self.lex.auth)
        if hit is not None:
            self.put(
                "integration.auth_provider_needed",
                Leaf(value=hit[0], inferred=False, evidence=self.quote(hit[1])),
            )
        else:
            self.put(
                "integration.auth_provider_needed",
                _inf(
                    True,
                    "a multi-user product needs sign-in and roles even when the prompt omits it",
                ),
            )
        neg = [
            h
            for cue in self.lex.payments
            if cue.value is False
            for h in self.scan.find(cue.regex, negatable=False)
        ]
        pos = None
        if not neg:
            pos = next((h for _, it, h in integ if it.kind == "payments"), None)
            if pos is None:
                first = self.first_value([c for c in self.lex.payments if c.value is True])
                pos = first[1] if first else None
        if neg:
            self.put(
                "integration.payments_needed",
                Leaf(value=False, inferred=False, evidence=self.quote(neg[0])),
            )
        elif pos is not None:
            self.put(
                "integration.payments_needed",
                Leaf(value=True, inferred=False, evidence=self.quote(pos)),
            )
        else:
            # "Stripe Connect" / "Stripe Billing" are Stripe: match the provider's own pattern,
            # not only its exact name, or a marketplace with a payments module says "False"
            providers = [it for it in self.lex.integrations if it.kind == "payments"]
            payers = [
                t
                for t in (self.arch.third_parties if self.arch is not None else [])
                if any(it.name == t or it.regex.search(t) for it in providers)
            ]
            arch_pay = bool(payers)
            why = (
                f"the {self.arch.name} archetype charges money (typical provider: "
                f"{', '.join(payers)})"
                if arch_pay and self.arch is not None
                else "no payment, pricing or checkout mentioned"
            )
            self.put("integration.payments_needed", _inf(bool(arch_pay), why))
        # webhooks
        dirs: dict[str, Hit] = {}
        for cue, h in self.hits(self.lex.webhooks):
            dirs.setdefault(cue.value, h)
        if "none" in dirs and len(dirs) == 1:
            self.put(
                "integration.webhooks",
                Leaf(value="none", inferred=False, evidence=self.quote(dirs["none"])),
            )
            return
        dirs.pop("none", None)
        if "unspecified" in dirs:
            h = dirs.pop("unspecified")
            if not dirs:
                ptype = self.v("product.product_type")
                dirs["outbound" if ptype in ("api", "developer_tool", "saas") else "inbound"] = h
        if dirs:
            value = "both" if "both" in dirs or len(dirs) > 1 else next(iter(dirs))
            hs = sorted(set(dirs.values()), key=lambda h: h.start)
            self.put(
                "integration.webhooks", Leaf(value=value, inferred=False, evidence=self.quote(*hs))
            )
            return
        callers = [it.name for _, it, _h in integ if it.callback]
        if callers:
            self.put(
                "integration.webhooks",
                _inf(
                    "inbound",
                    f"{', '.join(callers)} report asynchronous results (payments, deliveries) by webhook",
                ),
            )
        elif self.v("integration.payments_needed"):
            self.put(
                "integration.webhooks",
                _inf("inbound", "payment providers confirm charges and refunds by webhook"),
            )
        else:
            self.put(
                "integration.webhooks", _inf("none", "no webhook or callback integration implied")
            )

    # ------------------------------------------------------------------ constraints
    def constraints(self) -> None:
        if self.budget is not None:
            usd, h = self.budget
            self.put(
                "constraints.budget_monthly_usd",
                Leaf(value=usd, inferred=False, evidence=self.quote(h)),
            )
        else:
            self.put("constraints.budget_monthly_usd", _inf(None, "no budget amount stated"))
        usd = self.v("constraints.budget_monthly_usd")
        words = self.first_value(self.lex.budget_words)
        if usd is not None and self.explicit("constraints.budget_monthly_usd"):
            tier = _tier_of(usd)
            self.put(
                "constraints.budget_tier",
                Leaf(
                    value=tier,
                    inferred=False,
                    evidence=self.leaves["constraints.budget_monthly_usd"].evidence,
                ),
            )
        elif words is not None:
            self.put(
                "constraints.budget_tier",
                Leaf(value=words[0], inferred=False, evidence=self.quote(words[1])),
            )
        elif usd is not None:
            tier = _tier_of(usd)
            self.put("constraints.budget_tier", _inf(tier, f"from the monthly budget of ${usd:,}"))
        else:
            team = self.v("product.team_size")
            stage = self.v("product.stage")
            if team == "solo":
                self.put(
                    "constraints.budget_tier",
                    _inf("bootstrapped", "a solo builder is almost always self-funded"),
                )
            elif team == "20+" or stage == "scale":
                self.put(
                    "constraints.budget_tier",
                    _inf(
                        "series_a_plus",
                        f"a {team} team / {stage} stage company has raised at least a Series A",
                    ),
                )
            else:
                self.put(
                    "constraints.budget_tier", _inf("unknown", "no budget or funding stage stated")
                )
        hit = self.first_value(self.lex.cloud)
        if hit is not None:
            self.put(
                "constraints.cloud_provider",
                Leaf(value=hit[0], inferred=False, evidence=self.quote(hit[1])),
            )
        else:
            self.put(
                "constraints.cloud_provider",
                _inf(
                    "aws",
                    "no provider stated; AWS has the widest managed-service catalog and hiring pool",
                ),
            )
        self._fit_inferred_services_to_cloud()
        hit = self.first_value(self.lex.existing_infra)
        if hit is not None:
            self.put(
                "constraints.existing_infrastructure",
                Leaf(value=hit[0], inferred=False, evidence=self.quote(hit[1])),
            )
        elif self.v("product.stage") == "legacy_modernization":
            self.put(
                "constraints.existing_infrastructure",
                _inf("existing", "a modernization starts from a running system"),
            )
        else:
            self.put(
                "constraints.existing_infrastructure",
                _inf("greenfield", "nothing existing mentioned; a new build"),
            )
        if self.latency is not None:
            self.put(
                "constraints.latency_requirement",
                Leaf(
                    value=self.latency.text.strip(),
                    inferred=False,
                    evidence=self.quote(self.latency),
                ),
            )
        else:
            rt = self.v("behavior.real_time_intensity")
            if rt >= 5:
                self.put(
                    "constraints.latency_requirement",
                    _inf(
                        "p99 < 100 ms event delivery",
                        f"real-time intensity {rt}: milliseconds matter",
                    ),
                )
            elif rt == 4:
                self.put(
                    "constraints.latency_requirement",
                    _inf(
                        "p95 < 250 ms event delivery",
                        f"real-time intensity {rt}: updates must feel instant",
                    ),
                )
            else:
                self.put(
                    "constraints.latency_requirement",
                    _inf(None, "None stated; standard web targets apply"),
                )

    # ------------------------------------------------------------------ classification
    def classification(self) -> None:
        scores = [
            (behavior, self.v(f"behavior.{name}"), key) for key, name, behavior in _DIMENSIONS
        ]
        table = ", ".join(f"{k.replace('_', '-')} {s}" for _, s, k in scores)
        top = max(scores, key=lambda s: s[1])  # max() keeps the first of equals: the tie order
        if top[1] >= 4:
            primary = top[0]
            why = f"highest intensity ≥ 4 wins, ties real-time > write > compute > read ({table})"
        else:
            primary = "balanced_crud"
            why = f"no intensity reaches 4 ({table}), so balanced CRUD"
        self.put("behavior.primary_behavior", _inf(primary, why))
        primary = self.v("behavior.primary_behavior")
        rest = [s for s in scores if s[0] != primary and s[1] >= 3]
        if primary != "balanced_crud" and rest:
            sec = max(rest, key=lambda s: s[1])
            self.put(
                "behavior.secondary_behavior",
                _inf(sec[0], f"next highest intensity ≥ 3 after the primary ({table})"),
            )
        else:
            self.put(
                "behavior.secondary_behavior",
                _inf(None, f"no second dimension stands out ({table})"),
            )
        self.put("behavior.dominant_constraint", self._dominant())

    def _dominant(self) -> Leaf:
        usd = self.v("constraints.budget_monthly_usd")
        tier = self.v("constraints.budget_tier")
        if usd is not None and self.explicit("constraints.budget_monthly_usd"):
            cap = usd * 10
            peak = self.v("scale.peak_concurrent_users")
            if usd <= 1000 or peak > cap:
                return _inf("cost", f"a stated budget of ${usd:,}/month is a hard ceiling")
        if tier == "bootstrapped" and self.explicit("constraints.budget_tier"):
            return _inf("cost", "a stated bootstrapped budget makes cost the binding constraint")
        if self.v("data.consistency") == "strong":
            return _inf(
                "consistency", f"{self.v('data.sensitivity')} data requires strong consistency"
            )
        rt = self.v("behavior.real_time_intensity")
        if rt >= 4 or self.latency is not None:
            return _inf("latency", f"real-time intensity {rt} / stated latency target")
        w, c = self.v("behavior.write_intensity"), self.v("behavior.compute_intensity")
        if w >= 4 or c >= 4:
            rate = f" ({self.write_rate[2]} stated)" if self.write_rate is not None else ""
            return _inf("throughput", f"write intensity {w}{rate}, compute intensity {c}")
        r, geo = self.v("behavior.read_intensity"), self.v("scale.geo_distribution")
        if r >= 4 or geo in ("global", "multi_region"):
            return _inf("availability", f"read intensity {r}, {geo.replace('_', ' ')} users")
        if self.v("product.stage") == "mvp":
            return _inf("cost", "a modest MVP is constrained by cost before anything else")
        return _inf("availability", "no stronger constraint; keep the product up")

    # ------------------------------------------------------------------ assembly
    def assemble(self) -> Signals:
        L = self.leaves
        return Signals(
            product=ProductSignals(
                name=L["product.name"],
                product_type=L["product.product_type"],
                stage=L["product.stage"],
                platform_targets=L["product.platform_targets"],
                team_size=L["product.team_size"],
                archetype=L["product.archetype"],
            ),
            behavior=BehaviorSignals(
                read_intensity=L["behavior.read_intensity"],
                write_intensity=L["behavior.write_intensity"],
                real_time_intensity=L["behavior.real_time_intensity"],
                compute_intensity=L["behavior.compute_intensity"],
                primary_behavior=L["behavior.primary_behavior"],
                secondary_behavior=L["behavior.secondary_behavior"],
                dominant_constraint=L["behavior.dominant_constraint"],
            ),
            data=DataSignals(
                relationships=L["data.relationships"],
                schema_stability=L["data.schema_stability"],
                volume=L["data.volume"],
                sensitivity=L["data.sensitivity"],
                consistency=L["data.consistency"],
            ),
            scale=ScaleSignals(
                launch_users=L["scale.launch_users"],
                peak_concurrent_users=L["scale.peak_concurrent_users"],
                traffic_pattern=L["scale.traffic_pattern"],
                geo_distribution=L["scale.geo_distribution"],
                growth=L["scale.growth"],
            ),
            integration=IntegrationSignals(
                third_party_services=L["integration.third_party_services"],
                external_apis=L["integration.external_apis"],
                auth_provider_needed=L["integration.auth_provider_needed"],
                payments_needed=L["integration.payments_needed"],
                webhooks=L["integration.webhooks"],
            ),
            constraints=ConstraintSignals(
                budget_tier=L["constraints.budget_tier"],
                budget_monthly_usd=L["constraints.budget_monthly_usd"],
                compliance=L["constraints.compliance"],
                cloud_provider=L["constraints.cloud_provider"],
                existing_infrastructure=L["constraints.existing_infrastructure"],
                latency_requirement=L["constraints.latency_requirement"],
            ),
            stated_stack=self.stated_stack,
            media=self._media(),
        )

    def _media(self) -> Leaf | None:
        """Live calls / live broadcast the user states (None when neither is)."""
        found: dict[str, Hit] = {}
        for cue, h in self.hits(self.lex.media):
            found.setdefault(cue.value, h)
        if not found:
            return None
        kinds = [k for k in ("live_calls", "live_broadcast") if k in found]
        hs = sorted({found[k] for k in kinds}, key=lambda h: h.start)
        return Leaf(value=kinds, inferred=False, evidence=self.quote(*hs))

    # ------------------------------------------------------------------ preferences & conflicts
    def fact_table(self) -> dict[str, Any]:
        facts: dict[str, Any] = dict(self.facts)
        for path, leaf in self.leaves.items():
            facts[path] = leaf.score if isinstance(leaf, Intensity) else leaf.value
            facts[f"explicit.{path}"] = not leaf.inferred
        use_ids = [t.id for t, _ in self.use]
        avoid_ids = [t.id for t, _ in self.avoid]
        use_fam = sorted(
            {t.family for t, _ in self.use if t.family and t.subject == "primary_database"}
        )
        avoid_fam = sorted(
            {t.family for t, _ in self.avoid if t.family and t.subject == "primary_database"}
        )
        both = [i for i in use_ids if i in avoid_ids]
        both_fam = [f for f in use_fam if f in avoid_fam]
        names = {t.id: t.name for t, _ in self.use + self.avoid}
        facts |= {
            "prefs.use": use_ids,
            "prefs.avoid": avoid_ids,
            "prefs.use_families": use_fam,
            "prefs.avoid_families": avoid_fam,
            "prefs.both": both,
            "prefs.both_families": both_fam,
            "prefs.both_names": [names[i] for i in both]
            + [t.name for t, _ in self.avoid if t.family in both_fam and t.id not in both],
            "prefs.avoid_names": [t.name for t, _ in self.avoid],
        }
        add_derived(facts)
        scope = [f.name for f in self.lex.scope_features if self.scan.first(f.regex) is not None]
        facts["derived.scope_count"] = len(scope)
        facts["derived.scope_names"] = scope
        return facts

    def judge(self, signals: Signals) -> Signals:
        facts = self.fact_table()
        ranked: list[tuple[int, str, str, Preference]] = []
        for stance, items in (("use", self.use), ("avoid", self.avoid)):
            for tech, h in items:
                pf = facts | {
                    "pref.id": tech.id,
                    "pref.name": tech.name,
                    "pref.subject": tech.subject,
                    "pref.family": tech.family,
                    "pref.stance": stance,
                    "pref.system_of_record": tech.system_of_record,
                }
                decision, reason, role = judge_preference(pf)
                pref = Preference(
                    subject=tech.subject,
                    requested=tech.name if stance == "use" else f"avoid {tech.name}",
                    evidence=self.quote(h),
                    decision=decision,
                    reason=reason,
                    alternative_role=role,
                    stance=stance,
                    technology=tech.id,
                    family=tech.family,
                )
                ranked.append((h.start, tech.subject, tech.id, pref))
        prefs = [r[3] for r in sorted(ranked, key=lambda r: r[:3])]
        conflicts: list[Conflict] = []
        for rule in rules().conflicts:
            if not rule.when.holds(facts):
                continue
            impact = rule.impact
            for alt in rule.impact_if:
                if alt.when.holds(facts):
                    impact = alt.impact
                    break
            conflicts.append(
                Conflict(
                    code=rule.code,
                    fields=list(rule.fields),
                    tension=render(rule.tension, facts),
                    impact=impact,
                    resolution=render(rule.resolution, facts),
                )
            )
        directives: list[Directive] = []
        for d in self.lex.directives:
            h = self.scan.first(d.regex, negatable=False)
            if h is not None and all(x.kind != d.kind for x in directives):
                directives.append(Directive(kind=d.kind, text=self.quote(h)))
        return signals.model_copy(
            update={"preferences": prefs, "conflicts": conflicts, "directives": directives}
        )


import re as _re  # noqa: E402  (module-level regex for the AI-provider inference)

_AI_RE = _re.compile(
    r"\b(?:ai|llms?|gpt|generative|chatbot|assistant|summari[sz]\w*|writing assist\w*)\b",
    _re.IGNORECASE,
)


def extract(prompt: str, overrides: dict[str, str] | None = None) -> tuple[Signals, DomainModel]:
    """Stage 1: read the prompt (and only the prompt) into :class:`Signals` + a domain model.

    ``overrides`` are ``--set`` corrections (dotted path -> value); an unknown field or a value
    outside the field's enumeration raises :class:`~archwright.errors.InputError`.
    """
    return _Extraction(prompt, overrides).run()
