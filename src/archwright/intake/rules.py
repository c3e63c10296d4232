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
from archwright.models.signals import Impact

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
    decision: Literal["honored", "rejected", "modified"]
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
