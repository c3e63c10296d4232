"""Conflict and preference rules (``knowledge/conflicts.yaml``) and their tiny condition language.

A condition is a tree of ``all`` / ``any`` / ``not`` nodes whose leaves compare a *fact* — a
dotted Stage 1 path (``data.sensitivity``), ``explicit.<path>`` (was it stated by the user?),
``pref.*`` (the preference a rule is judging) or ``derived.*`` (numbers computed from the
signals) — with a literal ``value`` or another fact (``ref``, optionally scaled by ``mul``).
Texts are templates: ``{scale.peak_concurrent_users:,}`` formats a fact.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from archwright import catalog
from archwright.models.base import Model
from archwright.models.signals import Impact, Intensity, Leaf, Preference, Signals

Decision = Literal["honored", "rejected", "modified"]
Op = Literal["eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "contains", "truthy", "falsy"]


class Cond(Model):
    all: list[Cond] | None = None
    any: list[Cond] | None = None
    not_: Cond | None = Field(default=None, alias="not")
    fact: str | None = None
    op: Op | None = None
    value: Any = None
    ref: str | None = None
    mul: float = 1.0

    @model_validator(mode="after")
    def _one_shape(self) -> Cond:
        shapes = [self.all is not None, self.any is not None, self.not_ is not None]
        leaf = self.fact is not None
        if sum(shapes) + leaf != 1:
            raise ValueError("a condition is exactly one of all / any / not / fact")
        if leaf and self.op is None:
            raise ValueError(f"condition on {self.fact!r} needs an op")
        return self

    def holds(self, facts: dict[str, Any]) -> bool:
        if self.all is not None:
            return all(c.holds(facts) for c in self.all)
        if self.any is not None:
            return any(c.holds(facts) for c in self.any)
        if self.not_ is not None:
            return not self.not_.holds(facts)
        left = facts.get(self.fact or "")
        right = self.value
        if self.ref is not None:
            r = facts.get(self.ref)
            right = r * self.mul if isinstance(r, int | float) and self.mul != 1.0 else r
        return _compare(self.op or "eq", left, right)


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "truthy":
        return bool(left)
    if op == "falsy":
        return not left
    if op == "eq":
        return bool(left == right)
    if op == "ne":
        return bool(left != right)
    if op == "in":
        return left in (right or [])
    if op == "not_in":
        return left not in (right or [])
    if op == "contains":
        if isinstance(right, list):
            return any(r in (left or []) for r in right)
        return right in (left or [])
    if left is None or right is None:
        return False
    return bool(
        {"gt": left > right, "ge": left >= right, "lt": left < right, "le": left <= right}[op]
    )


class ImpactIf(Model):
    when: Cond
    impact: Impact


class ConflictRule(Model):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    when: Cond
    fields: list[str] = Field(min_length=1)
    impact: Impact
    impact_if: list[ImpactIf] = Field(default_factory=list)
    tension: str = Field(min_length=10)
    resolution: str = Field(min_length=10)
    example: str = Field(min_length=5)  # a prompt that triggers it (linted by a test)


class PreferenceRule(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: Cond  # evaluated with pref.* bound to the preference being judged
    decision: Decision
    reason: str = Field(min_length=10)
    alternative_role: str | None = None
    conflict: str | None = None  # code of the conflict rule it pairs with


class Rules(Model):
    conflicts: list[ConflictRule]
    preferences: list[PreferenceRule]

    @model_validator(mode="after")
    def _unique(self) -> Rules:
        codes = [c.code for c in self.conflicts]
        if len(codes) != len(set(codes)):
            raise ValueError(f"duplicate conflict codes in {codes}")
        ids = [p.id for p in self.preferences]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate preference rule ids in {ids}")
        for p in self.preferences:
            if p.conflict and p.conflict not in codes:
                raise ValueError(f"preference rule {p.id} names unknown conflict {p.conflict}")
        return self


@cache
def rules() -> Rules:
    return catalog.load_model("conflicts.yaml", Rules)


_A_TEAM = {
    "solo": "a solo developer",
    "2-5": "a team of 2-5",
    "5-20": "a team of 5-20",
    "20+": "a team of 20+",
}

_FIELD = re.compile(r"\{([a-z_][a-z0-9_.]*)(?::([^}]*))?\}")


def render(template: str, facts: dict[str, Any]) -> str:
    """Fill ``{fact}`` / ``{fact:spec}`` placeholders; lists are joined, None reads "none"."""

    def one(m: re.Match[str]) -> str:
        value = facts.get(m.group(1))
        spec = m.group(2) or ""
        if value is None:
            return "none"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or "none"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            return format(value, spec)
        except (ValueError, TypeError):
            return str(value)

    return _FIELD.sub(one, template)


def judge_preference(facts: dict[str, Any]) -> tuple[Decision, str, str | None]:
    """The first preference rule that holds for ``facts`` (``pref.*`` bound to the preference
    being judged): (decision, reason, alternative role). Stage 1 records this; a later stage
    that must know the verdict on signals without a record asks the same rules through
    :func:`preference_verdict`, never a judgement of its own."""
    for rule in rules().preferences:
        if rule.when.holds(facts):
            role = render(rule.alternative_role, facts) if rule.alternative_role else None
            return rule.decision, render(rule.reason, facts), role
    return (
        "honored",
        f"{facts.get('pref.name')} fits the product's signals; no rule conflicts with it.",
        None,
    )


_SECTIONS = ("product", "behavior", "data", "scale", "integration", "constraints")


def signal_facts(signals: Signals) -> dict[str, Any]:
    """The rule facts readable from finished :class:`Signals`: every Stage 1 path, its
    ``explicit.`` twin, the ``prefs.*`` lists and the budget-derived numbers. Stage 1's own
    table also holds the scope facts (``derived.scope_*``), which need the prompt's text."""
    facts: dict[str, Any] = {}
    for group in _SECTIONS:
        section = getattr(signals, group)
        for name in type(section).model_fields:
            leaf = getattr(section, name)
            if isinstance(leaf, Intensity):
                facts[f"{group}.{name}"] = leaf.score
            elif isinstance(leaf, Leaf):
                facts[f"{group}.{name}"] = leaf.value
            else:
                continue
            facts[f"explicit.{group}.{name}"] = not leaf.inferred
    use = [p for p in signals.preferences if p.stance == "use" and p.technology]
    avoid = [p for p in signals.preferences if p.stance == "avoid" and p.technology]
    use_ids = [p.technology for p in use]
    avoid_ids = [p.technology for p in avoid]
    facts |= {
        "prefs.use": use_ids,
        "prefs.avoid": avoid_ids,
        "prefs.use_families": sorted(
            {p.family for p in use if p.family and p.subject == "primary_database"}
        ),
        "prefs.avoid_families": sorted(
            {p.family for p in avoid if p.family and p.subject == "primary_database"}
        ),
        "prefs.both": [i for i in use_ids if i in avoid_ids],
    }
    return add_derived(facts)


def add_derived(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts rules read that no single Stage 1 field holds (Stage 1's own table and
    :func:`signal_facts` both end here, so the two cannot drift)."""
    # the team as a noun phrase: "a 2-5 team" misreads and "a unknown team" is not English
    facts["derived.a_team"] = _A_TEAM.get(
        str(facts.get("product.team_size")), "a team of unstated size"
    )
    usd = facts.get("constraints.budget_monthly_usd")
    if isinstance(usd, int) and usd > 0:
        facts["derived.budget_capacity_concurrent"] = usd * 10
        facts["derived.budget_capacity_low"] = usd * 2
        facts["derived.budget_capacity_users"] = usd * 200
    return facts


def _system_of_record(tech_id: str) -> bool:
    """The lexicon's word on whether the design can deliver ``tech_id`` as the system of record
    (an id the lexicon does not know is not a store it flags)."""
    from archwright.intake.lexicon import lexicon

    return next((t.system_of_record for t in lexicon().technologies if t.id == tech_id), True)


def preference_verdict(
    signals: Signals, tech_id: str, name: str, subject: str, family: str | None = None
) -> Preference:
    """Stage 1's record of the ``use`` preference for ``tech_id``, or — for signals that carry
    none (built by hand, or a technology named only in ``stated_stack``) — what the same rules
    decide on these signals. Later stages follow this instead of judging the choice again."""
    for p in signals.preferences:
        if p.stance == "use" and p.technology == tech_id:
            return p
    facts = signal_facts(signals)
    # the choice being judged counts as asked for, as it does in Stage 1's own table
    use = [*facts["prefs.use"], tech_id]
    facts |= {
        "prefs.use": use,
        "prefs.both": [i for i in use if i in facts["prefs.avoid"]],
        "pref.id": tech_id,
        "pref.name": name,
        "pref.subject": subject,
        "pref.family": family,
        "pref.stance": "use",
        "pref.system_of_record": _system_of_record(tech_id),
    }
    decision, reason, role = judge_preference(facts)
    return Preference(
        subject=subject,
        requested=name,
        evidence=f"stated stack: {name}",
        decision=decision,
        reason=reason,
        alternative_role=role,
        stance="use",
        technology=tech_id,
        family=family,
    )
