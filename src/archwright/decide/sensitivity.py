"""Decision sensitivity: which decisions hinge on which inferred Stage 1 field.

For every inferred field, Stages 2-3 (and the pure stack choice for API style and queue) are
re-run with each plausible alternative value, and the decisions that change are recorded. Only
a deterministic engine can afford this; it stays fast because a decision run builds no document
and identical alternative signal sets are computed once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, get_args

from archwright.decide.architecture import (
    async_workers,
    decide_pattern,
    label_for,
    real_time_layer,
)
from archwright.decide.data_strategy import choose_family, product_for
from archwright.errors import InputError
from archwright.models.domain import DomainModel
from archwright.models.signals import (
    BudgetTier,
    Cloud,
    Compliance,
    Consistency,
    Constraint,
    Geo,
    Growth,
    Infra,
    Intensity,
    Leaf,
    Platform,
    ProductType,
    Relationships,
    SchemaStability,
    Sensitivity,
    Signals,
    Stage,
    TeamSize,
    TrafficPattern,
    Webhooks,
)

#: dotted Stage 1 path (without ``signals.``) -> allowed values, for enumerated leaves
ENUMS: dict[str, tuple[Any, ...]] = {
    "product.product_type": get_args(ProductType),
    "product.stage": get_args(Stage),
    "product.team_size": get_args(TeamSize),
    "behavior.dominant_constraint": get_args(Constraint),
    "data.relationships": get_args(Relationships),
    "data.schema_stability": get_args(SchemaStability),
    "data.volume": ("lt_1gb", "1gb_1tb", "gt_1tb", "unknown"),
    "data.sensitivity": get_args(Sensitivity),
    "data.consistency": get_args(Consistency),
    "scale.traffic_pattern": get_args(TrafficPattern),
    "scale.geo_distribution": get_args(Geo),
    "scale.growth": get_args(Growth),
    "integration.webhooks": get_args(Webhooks),
    "constraints.budget_tier": get_args(BudgetTier),
    "constraints.cloud_provider": get_args(Cloud),
    "constraints.existing_infrastructure": get_args(Infra),
}
INTENSITIES = (
    "behavior.read_intensity",
    "behavior.write_intensity",
    "behavior.real_time_intensity",
    "behavior.compute_intensity",
)
BOOLS = ("integration.auth_provider_needed", "integration.payments_needed")
INTS = ("scale.launch_users", "scale.peak_concurrent_users")

#: decision key -> what a reader calls it
DECISION_LABELS: dict[str, str] = {
    "pattern": "architecture pattern",
    "pattern_label": "pattern variant",
    "primary_database": "primary database",
    "cache": "cache layer",
    "realtime": "real-time layer",
    "workers": "async workers",
    "api_style": "API style",
    "queue": "message queue",
}


def get_leaf(signals: Signals, path: str) -> Leaf[Any] | Intensity:
    group, _, name = path.partition(".")
    try:
        leaf = getattr(getattr(signals, group), name)
    except AttributeError:
        raise InputError(f"unknown field {path!r}; e.g. product.team_size") from None
    if not isinstance(leaf, Leaf | Intensity):
        raise InputError(f"unknown field {path!r}; e.g. product.team_size")
    return leaf


def value_of(signals: Signals, path: str) -> Any:
    leaf = get_leaf(signals, path)
    return leaf.score if isinstance(leaf, Intensity) else leaf.value


def _stated(leaf: Leaf[Any] | Intensity, value: Any, evidence: str) -> Leaf[Any] | Intensity:
    key = "score" if isinstance(leaf, Intensity) else "value"
    return leaf.model_copy(update={key: value, "inferred": False, "evidence": evidence})


def with_value(signals: Signals, path: str, value: Any, evidence: str = "what-if") -> Signals:
    """A copy of ``signals`` with one field replaced (no validation: values come typed)."""
    group, _, name = path.partition(".")
    section = getattr(signals, group)
    new = _stated(getattr(section, name), value, evidence)
    return signals.model_copy(update={group: section.model_copy(update={name: new})})


def with_values(signals: Signals, path: str, values: list[Any]) -> Iterator[tuple[Any, Signals]]:
    """``(value, with_value(signals, path, value))`` for each value, cheaper: the signals, the
    field's section and the leaf are copied once and the leaf's value is then reassigned (a model
    copy is ~5 us, and the sensitivity analysis asks ~40 alternatives a document). So each
    yielded copy is valid only until the next is yielded."""
    if not values:
        return
    group, _, name = path.partition(".")
    section = getattr(signals, group)
    leaf = _stated(getattr(section, name), values[0], "what-if")
    alt = signals.model_copy(update={group: section.model_copy(update={name: leaf})})
    key = "score" if isinstance(leaf, Intensity) else "value"
    for value in values:
        setattr(leaf, key, value)
        yield value, alt


def parse_value(signals: Signals, path: str, raw: str) -> Any:
    """The typed value of ``--what-if FIELD=VALUE``; InputError naming the choices otherwise."""
    path = path.removeprefix("signals.")
    get_leaf(signals, path)
    text = raw.strip()
    if path in ENUMS:
        choices = ENUMS[path]
        norm = text.lower().replace(" ", "_")
        if norm not in choices:
            raise InputError(f"{path}={raw!r}: expected one of {', '.join(choices)}")
        return norm
    if path in INTENSITIES:
        if not text.isdigit() or not 1 <= int(text) <= 5:
            raise InputError(f"{path}={raw!r}: expected a score from 1 to 5")
        return int(text)
    if path in BOOLS:
        if text.lower() not in ("true", "false", "yes", "no"):
            raise InputError(f"{path}={raw!r}: expected true or false")
        return text.lower() in ("true", "yes")
    if path in INTS:
        if not text.replace("_", "").isdigit():
            raise InputError(f"{path}={raw!r}: expected a whole number")
        return int(text.replace("_", ""))
    if path == "constraints.budget_monthly_usd":
        if text.lower() in ("none", "null", ""):
            return None
        if not text.isdigit():
            raise InputError(f"{path}={raw!r}: expected a whole number of dollars")
        return int(text)
    if path == "constraints.compliance":
        allowed = get_args(Compliance)
        items = [t.strip().lower() for t in text.split(",") if t.strip() and t.strip() != "none"]
        bad = [t for t in items if t not in allowed]
        if bad:
            raise InputError(f"{path}={raw!r}: unknown {bad[0]!r}; use {', '.join(allowed)}")
        return sorted(set(items))
    if path == "product.platform_targets":
        allowed_p = get_args(Platform)
        items = [t.strip().lower() for t in text.split(",") if t.strip()]
        bad = [t for t in items if t not in allowed_p]
        if bad or not items:
            raise InputError(f"{path}={raw!r}: use a list of {', '.join(allowed_p)}")
        return items
    if path in ("integration.third_party_services", "integration.external_apis"):
        return [t.strip() for t in text.split(",") if t.strip()]
    return text


def alternatives(signals: Signals, path: str) -> list[Any]:
    """Plausible other values of one field (scores move by one step; enums take every value)."""
    current = value_of(signals, path)
    if path in ENUMS:
        return [v for v in ENUMS[path] if v != current and v != "unknown"]
    if path in INTENSITIES:
        return [v for v in (current - 1, current + 1) if 1 <= v <= 5]
    if path in BOOLS:
        return [not current]
    if path in INTS:
        return [max(1, current // 10), current * 10]
    if path == "constraints.compliance":
        extra = [c for c in ("gdpr", "hipaa", "pci") if c not in current]
        return [sorted({*current, c}) for c in extra]
    return []


#: every Stage 1 field Stages 2-3 read to make a decision (a test re-runs the decisions over the
#: alternatives of every other field and checks that none changes). Alternatives of fields
#: outside this set cannot change a decision, so the analysis does not re-run them.
DECISION_INPUTS = frozenset(
    {
        "product.product_type",
        "product.stage",
        "product.team_size",
        "product.archetype",
        *INTENSITIES,
        "data.relationships",
        "data.schema_stability",
        "data.volume",
        "data.sensitivity",
        "data.consistency",
        "scale.launch_users",
        "scale.peak_concurrent_users",
        "scale.traffic_pattern",
        "scale.geo_distribution",
        "integration.webhooks",
        "constraints.budget_tier",
        "constraints.cloud_provider",
    }
)


def inferred_fields(signals: Signals) -> list[str]:
    """Dotted paths of every inferred leaf, in document order."""
    out: list[str] = []
    for group in ("product", "behavior", "data", "scale", "integration", "constraints"):
        section = getattr(signals, group)
        for name in type(section).model_fields:
            leaf = getattr(section, name)
            if isinstance(leaf, Leaf | Intensity) and leaf.inferred:
                out.append(f"{group}.{name}")
    return out


#: fields the spec's API-style (Stage 5: read / real-time intensity) and queue (Stage 8:
#: write / compute intensity) rules read. Only their alternatives ask the stack's API style and
#: queue again, and only when the alternative crosses one of those rules' thresholds (>= 3,
#: >= 4, = 5): below or above a threshold, the rules answer the same.
STACK_THRESHOLDS: dict[str, tuple[int, ...]] = {
    "behavior.read_intensity": (3, 4),
    "behavior.real_time_intensity": (3, 4),
    "behavior.write_intensity": (3, 4, 5),  # 5: the spec's "Kafka despite write = 5" check
    "behavior.compute_intensity": (3, 4),
}
STACK_FIELDS = tuple(STACK_THRESHOLDS)


def _crosses(path: str, before: int, after: int) -> bool:
    return any((before >= t) != (after >= t) for t in STACK_THRESHOLDS[path])


def _asks_stack(path: str, before: Any, after: Any) -> bool:
    """True when the stack's API style or queue may answer differently for ``after``."""
    return path in STACK_FIELDS and _crosses(path, before, after)


#: Extra decisions a later stage computes from the pattern and async workers (the API style and
#: queue of the tech stack). Stages 2-3 may not import later stages, so the caller passes it in.
ExtraDecisions = Callable[[Signals, str, list[str]], dict[str, str]]


class _SectionView:
    """A Stage 1 section that records which of its fields are read."""

    __slots__ = ("_group", "_reads", "_section")

    def __init__(self, section: object, group: str, reads: set[str]) -> None:
        self._section, self._group, self._reads = section, group, reads

    def __getattr__(self, name: str) -> Any:
        self._reads.add(f"{self._group}.{name}")
        return getattr(self._section, name)


class _SignalsView:
    """Signals that record every field a decision reads (``behavior.write_intensity``), so an
    alternative of a field it did not read can skip re-running it: with the same inputs, a
    deterministic decision takes the same path and answers the same."""

    __slots__ = ("_reads", "_signals")

    def __init__(self, signals: Signals, reads: set[str]) -> None:
        self._signals, self._reads = signals, reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._signals, name)
        if name in _GROUPS:
            return _SectionView(value, name, self._reads)
        self._reads.add(name)
        return value


_GROUPS = frozenset(Signals.model_fields) & {
    "product",
    "behavior",
    "data",
    "scale",
    "integration",
    "constraints",
}


@dataclass
class _Run:
    """One evaluation of the decisions: each step's value, (for the baseline) the Stage 1
    fields it read and (for an alternative) the steps that answered differently."""

    values: dict[str, Any] = field(default_factory=dict)
    reads: dict[str, frozenset[str]] = field(default_factory=dict)
    moved: set[str] = field(default_factory=set)


def _evaluate(
    signals: Signals,
    domain: DomainModel,
    baseline: _Run | None = None,
    changed: str = "",
) -> _Run:
    """Stages 2-3 through their cheap cores. Without ``baseline`` every step runs and records
    what it reads; with one, a step runs again only when ``changed`` is among its reads or a
    step it takes as input answered differently."""
    run = _Run()
    moved = run.moved

    def step(name: str, after: tuple[str, ...], fn: Callable[[Any], Any]) -> Any:
        if baseline is not None:
            if changed not in baseline.reads[name] and moved.isdisjoint(after):
                value = run.values[name] = baseline.values[name]
                return value
            value = run.values[name] = fn(signals)
            if value != baseline.values[name]:
                moved.add(name)
            return value
        reads: set[str] = set()
        value = run.values[name] = fn(_SignalsView(signals, reads))
        run.reads[name] = frozenset(reads)
        return value

    pattern, _, mismatch = step("pattern", (), decide_pattern)
    step("realtime", ("pattern",), lambda s: real_time_layer(s, domain, pattern, mismatch))
    step("workers", ("pattern",), lambda s: async_workers(s, domain, mismatch))
    family = step("family", (), lambda s: choose_family(s)[0])
    step("product", ("family",), lambda s: product_for(family, s))
    step("cached", (), _cached)
    return run


def _cached(signals: Signals) -> bool:
    b = signals.behavior
    return b.read_intensity.score >= 3 or b.real_time_intensity.score >= 4


def _decisions(signals: Signals, run: _Run, extra: ExtraDecisions | None = None) -> dict[str, str]:
    pattern, _, mismatch = run.values["pattern"]
    rt, workers = run.values["realtime"], run.values["workers"]
    out = {
        "pattern": pattern,
        "pattern_label": label_for(pattern, rt, workers, mismatch),
        "primary_database": run.values["product"],
        "cache": "Redis" if run.values["cached"] else "none",
        "realtime": rt or "none",
        "workers": ", ".join(workers) or "none",
    }
    if extra is not None:
        # the API style and queue read only the pattern and the async workers (no full Stage 2-3
        # build per alternative)
        out.update(extra(signals, pattern, workers))
    return out


def decisions_of(
    signals: Signals,
    domain: DomainModel,
    extra: ExtraDecisions | None = None,
) -> dict[str, str]:
    """The headline decisions as comparable strings: Stages 2-3 through their cheap cores, and
    (with ``extra``) the later decisions computed from full Stage 2-3 outputs."""
    return _decisions(signals, _evaluate(signals, domain), extra)


@dataclass(frozen=True)
class Change:
    field: str
    value: Any
    decision: str
    before: str
    after: str


@dataclass
class Sensitivity:
    baseline: dict[str, str]
    changes: dict[str, list[Change]] = field(default_factory=dict)  # field -> changes

    def decisions_hinging_on(self, path: str) -> list[str]:
        seen: list[str] = []
        for c in self.changes.get(path, []):
            if c.decision not in seen:
                seen.append(c.decision)
        return seen


def _fmt(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value) or "none"
    return str(value)


def analyse(
    signals: Signals, domain: DomainModel, extra: ExtraDecisions | None = None
) -> Sensitivity:
    """Re-run the decisions for every plausible alternative of every inferred field."""
    base_run = _evaluate(signals, domain)
    baseline = _decisions(signals, base_run, extra)
    result = Sensitivity(baseline=baseline)
    read = frozenset().union(*base_run.reads.values())
    for path in inferred_fields(signals):
        if path not in DECISION_INPUTS:
            continue
        changes: list[Change] = []
        current = value_of(signals, path)
        # an alternative no decision read can change nothing, unless it crosses a stack rule's
        # threshold (the stack's API style and queue are not among the recorded reads)
        values = [
            v for v in alternatives(signals, path) if path in read or _asks_stack(path, current, v)
        ]
        for value, alt in with_values(signals, path, values):
            ask_stack = _asks_stack(path, current, value)
            run = _evaluate(alt, domain, base_run, path)
            if not run.moved and not ask_stack:
                continue  # every step answered as before, so every decision does
            after = _decisions(alt, run, extra if ask_stack else None)
            for name, before in baseline.items():
                if name == "pattern_label":
                    continue  # the pattern, real-time layer and workers already say it
                if after.get(name, before) != before:
                    changes.append(Change(path, _fmt(value), name, before, after[name]))
        if changes:
            result.changes[path] = changes
    return result
