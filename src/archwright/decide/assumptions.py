"""Assumptions Log and Open Questions, made concrete by the decision sensitivity analysis.

One assumption per inferred Stage 1 field: what was assumed, how confident the inference is
(by how it was made), and the business risk if it is wrong — naming the decisions that would
change. Open Questions put Stage 1 conflicts first, then the inferred fields most decisions
hinge on; each carries the ``--set`` that answers it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from archwright import catalog
from archwright.decide.architecture import capacity_for_budget
from archwright.decide.sensitivity import (
    DECISION_LABELS,
    ENUMS,
    INTENSITIES,
    ExtraDecisions,
    Sensitivity,
    analyse,
    get_leaf,
)
from archwright.models.decisions import ArchitectureDecision, AssumptionKnowledge, DataStrategy
from archwright.models.document import Assumption, OpenQuestion
from archwright.models.domain import DomainModel
from archwright.models.signals import Conflict, Impact, Intensity, Signals

_IMPACT_RANK = {"high": 0, "medium": 1, "low": 2}
#: decisions whose change makes a question HIGH impact (the expensive ones to undo)
_HEAVY = ("pattern", "primary_database")

_LOW = re.compile(
    r"\b(no \w+(?: \w+)? (?:stated|given|mentioned|specified)|not (?:stated|given|mentioned|"
    r"specified)|nothing (?:stated|said)|default(?:s|ing|ed)?|fallback|placeholder|skeleton|"
    r"unknown|assum\w*)\b",
    re.IGNORECASE,
)
_HIGH = re.compile(
    r"\b(derived from|implied by|implies|follows from|because the prompt|the prompt (?:says|"
    r"mentions)|mentions|quoted|explicit(?:ly)?|stated (?:that|as))\b",
    re.IGNORECASE,
)


@cache
def knowledge() -> AssumptionKnowledge:
    return catalog.load_model("assumptions.yaml", AssumptionKnowledge)


def _reason(evidence: str) -> str:
    text = evidence.strip()
    return text[len("INFERRED:") :].strip() if text.upper().startswith("INFERRED:") else text


def _value(leaf: Any) -> Any:
    return leaf.score if isinstance(leaf, Intensity) else leaf.value


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).replace("_", " ")


def confidence(evidence: str, value: Any) -> Impact:
    """High when derived from other stated facts, low when a default filled a gap, medium when
    an industry convention for the product's archetype supplied it."""
    if value == "unknown":
        return "low"
    return _confidence_of(evidence)


@lru_cache(maxsize=4096)
def _confidence_of(evidence: str) -> Impact:
    # ~30 evidence texts a document, most of them the same few archetype and default texts
    # (1,028 distinct over the 482-prompt benchmark): cached, two regex scans each become one
    # lookup
    if _HIGH.search(evidence):
        return "high"
    if _LOW.search(evidence):
        return "low"
    return "medium"


@cache  # one hint per Stage 1 field: a few dozen strings, asked ~30 times a document
def set_hint(path: str) -> str:
    if path in ENUMS:
        # "/" not "|": hints are shown inside Markdown table cells
        choices = "/".join(v for v in ENUMS[path] if v != "unknown")
        return f"--set {path}=<{choices}>"
    if path in INTENSITIES:
        return f"--set {path}=<1-5>"
    if path in ("constraints.compliance",):
        return f"--set {path}=<gdpr,hipaa,pci,soc2,ccpa or none>"
    if path in ("product.platform_targets",):
        return f"--set {path}=<web,ios,android,desktop,api_only>"
    if path in ("integration.auth_provider_needed", "integration.payments_needed"):
        return f"--set {path}=<true/false>"
    if path in (
        "scale.launch_users",
        "scale.peak_concurrent_users",
        "constraints.budget_monthly_usd",
    ):
        return f"--set {path}=<number>"
    return f"--set {path}=<value>"


def _changes_text(sens: Sensitivity, path: str, current: Any, limit: int = 3) -> str:
    parts: list[str] = []
    for c in sens.changes.get(path, [])[:limit]:
        parts.append(
            f"if it is {c.value.replace('_', ' ')} instead of {_show(current)}, the "
            f"{DECISION_LABELS.get(c.decision, c.decision)} becomes {c.after} (was {c.before})"
        )
    return "; ".join(parts)


def _assumptions(signals: Signals, sens: Sensitivity) -> list[Assumption]:
    kb = knowledge().fields
    out: list[Assumption] = []
    for group in ("product", "behavior", "data", "scale", "integration", "constraints"):
        section = getattr(signals, group)
        for name in type(section).model_fields:
            leaf = getattr(section, name)
            path = f"{group}.{name}"
            if not getattr(leaf, "inferred", False) or path not in kb:
                continue
            info = kb[path]
            value = _value(leaf)
            shown = f"{value}/5" if isinstance(leaf, Intensity) else _show(value)
            flips = _changes_text(sens, path, value)
            risk = info.risk
            if flips:
                risk = f"{flips[0].upper()}{flips[1:]}. {risk}"
            out.append(
                Assumption(
                    field=f"signals.{path}",
                    assumption=f"{info.label} = {shown}: {_reason(leaf.evidence)}",
                    confidence=confidence(leaf.evidence, value),
                    risk_if_wrong=risk,
                    decisions_affected=[
                        DECISION_LABELS.get(d, d) for d in sens.decisions_hinging_on(path)
                    ],
                    set_hint=set_hint(path),
                )
            )
    return out


def _is_scale_vs_budget(c: Conflict) -> bool:
    blob = " ".join(c.fields) + " " + c.code
    return "budget" in blob and ("scale" in blob or "concurrent" in blob or "users" in blob)


def _conflict_question(signals: Signals, c: Conflict) -> OpenQuestion:
    fields = [f.removeprefix("signals.") for f in c.fields]
    settable = next((f for f in fields if _settable(signals, f)), None)
    why = f"{c.tension} Resolution in this document: {c.resolution}"
    question = (
        f"Conflict ({c.code.replace('_', ' ')}): {' vs '.join(fields)} — which one gives way?"
    )
    if _is_scale_vs_budget(c):
        usd = signals.constraints.budget_monthly_usd.value
        if usd:
            low, high = capacity_for_budget(usd)
            why += (
                f" What ${usd:,}/month realistically supports: about {low:,}–{high:,} concurrent "
                "users on optimised single-region infrastructure (~$0.10–$0.50 per concurrent "
                "user-month)."
            )
        why += (
            " Phased cost at the same rate: 10K concurrent ≈ $1,000–$5,000/month; 100K ≈ "
            "$10,000–$50,000/month (multi-AZ, read replicas, CDN); 1M ≈ $100,000–$500,000/month "
            "(multi-region). Raise the budget or lower the launch target."
        )
        question = "Scale vs budget: is the concurrency target or the budget the real constraint?"
        settable = (
            "constraints.budget_monthly_usd"
            if _settable(signals, "constraints.budget_monthly_usd")
            else settable
        )
    return OpenQuestion(
        question=question,
        impact=c.impact,
        why_it_matters=why,
        field=f"signals.{settable}" if settable else None,
        set_hint=set_hint(settable) if settable else None,
    )


def _settable(signals: Signals, path: str) -> bool:
    try:
        get_leaf(signals, path)
    except Exception:
        return False
    return True


def _questions(signals: Signals, sens: Sensitivity) -> list[OpenQuestion]:
    kb = knowledge().fields
    conflicts = sorted(
        enumerate(signals.conflicts), key=lambda ic: (_IMPACT_RANK[ic[1].impact], ic[0])
    )
    out = [_conflict_question(signals, c) for _, c in conflicts]
    ranked: list[tuple[int, int, int, OpenQuestion]] = []
    order = list(kb)
    for path, _changes in sens.changes.items():
        decisions = sens.decisions_hinging_on(path)
        impact: Impact = "high" if any(d in _HEAVY for d in decisions) else "medium"
        leaf = get_leaf(signals, path)
        flips = _changes_text(sens, path, _value(leaf), limit=2)
        info = kb.get(path)
        q = OpenQuestion(
            question=info.question if info else f"What is the right value of {path}?",
            impact=impact,
            why_it_matters=(
                f"{len(decisions)} decision(s) hinge on it "
                f"({', '.join(DECISION_LABELS.get(d, d) for d in decisions)}): {flips}."
            ),
            field=f"signals.{path}",
            set_hint=set_hint(path),
        )
        ranked.append(
            (_IMPACT_RANK[impact], -len(decisions), order.index(path) if path in order else 99, q)
        )
    # sensitivity/compliance carry the security design even when no Stage 2-3 decision moves
    for path in ("data.sensitivity", "constraints.compliance"):
        leaf = get_leaf(signals, path)
        if getattr(leaf, "inferred", False) and path not in sens.changes:
            info = kb[path]
            ranked.append(
                (
                    1,
                    0,
                    order.index(path),
                    OpenQuestion(
                        question=info.question,
                        impact="medium",
                        why_it_matters=f"Assumed {_show(_value(leaf))}. {info.risk}",
                        field=f"signals.{path}",
                        set_hint=set_hint(path),
                    ),
                )
            )
    ranked.sort(key=lambda r: r[:3])
    out.extend(q for *_, q in ranked)
    return out[:12]


def build_assumptions(
    signals: Signals,
    domain: DomainModel,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    extra_decisions: ExtraDecisions | None = None,
) -> tuple[list[Assumption], list[OpenQuestion]]:
    """The Assumptions Log and the impact-ranked Open Questions. ``extra_decisions`` lets the
    pipeline include later decisions (API style, queue) in the sensitivity analysis."""
    sens = analyse(signals, domain, extra_decisions)
    return _assumptions(signals, sens), _questions(signals, sens)
