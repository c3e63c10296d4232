"""Per-field accuracy of Stage 1 on a labelled corpus (``make eval``; the corpus test).

A corpus entry is ``{id, prompt, labels}``; a label is a dotted signal path and its expected
value, or ``conflicts`` (codes that must fire), ``directives`` (the exact set of directive
kinds), ``stated_stack`` (names that must be stated, in order), ``entities`` (domain entity
names that must be in the model), ``no_entities`` (names that must not be), ``roles`` (role
names that must be in the model) or ``preferences`` (lexicon id -> the decision Stage 1 must
record for that ``use`` preference, e.g. ``{kafka: honored}``). Labels naming an archetype
whose knowledge file does not exist are skipped (reported), so the score measures Stage 1,
not which archetype files have landed.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from archwright import catalog
from archwright.intake import extract
from archwright.models.domain import DomainModel
from archwright.models.signals import Intensity, Signals

#: labels read from the domain model rather than from the signals
_DOMAIN_LABELS = ("entities", "no_entities", "roles")

#: reports produced during a test session, printed in its terminal summary
SESSION_REPORTS: list[str] = []


@dataclass
class Report:
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)
    skipped: int = 0

    @property
    def overall(self) -> float:
        n = sum(self.total.values())
        return sum(self.correct.values()) / n if n else 1.0

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.total[name] if self.total[name] else 1.0

    def text(self) -> str:
        lines = ["Stage 1 corpus accuracy (field: correct/total = %)"]
        for name in sorted(self.total):
            lines.append(
                f"  {name:40s} {self.correct[name]:4d}/{self.total[name]:<4d} "
                f"{100 * self.accuracy(name):6.1f}%"
            )
        n = sum(self.total.values())
        lines.append(
            f"  {'OVERALL':40s} {sum(self.correct.values()):4d}/{n:<4d} {100 * self.overall:6.1f}%"
        )
        if self.skipped:
            lines.append(f"  ({self.skipped} archetype labels skipped: archetype file not present)")
        if self.misses:
            lines.append("Misses:")
            lines.extend(f"  {m}" for m in self.misses)
        return "\n".join(lines)


def load_corpus(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def actual_value(signals: Signals, path: str, domain: DomainModel | None = None) -> Any:
    if path in _DOMAIN_LABELS:
        assert domain is not None, f"{path} labels need the domain model"
        if path == "roles":
            return sorted(r.name for r in domain.roles)
        return sorted(e.name for e in domain.entities)
    if path == "conflicts":
        return sorted(c.code for c in signals.conflicts)
    if path == "directives":
        return sorted(d.kind for d in signals.directives)
    if path == "stated_stack":
        return list(signals.stated_stack)
    if path == "preferences":
        return {p.technology: p.decision for p in signals.preferences if p.stance == "use"}
    obj: Any = signals
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj.score if isinstance(obj, Intensity) else obj.value


def matches(path: str, expected: Any, actual: Any) -> bool:
    if path in ("entities", "roles"):
        return set(expected) <= set(actual)
    if path == "no_entities":
        return not set(expected) & set(actual)
    if path == "conflicts":
        return set(expected) <= set(actual)
    if path == "directives":
        return sorted(expected) == actual
    if path == "stated_stack":
        it = iter(actual)
        return all(any(a == e for a in it) for e in expected)
    if path == "preferences":
        return all(actual.get(tech) == decision for tech, decision in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return sorted(map(str, expected)) == sorted(map(str, actual))
    return bool(expected == actual)


def evaluate(corpus: list[dict[str, Any]]) -> Report:
    known = {a.id for a in catalog.archetypes()} | {"generic"}
    report = Report()
    for entry in corpus:
        signals, domain = extract(entry["prompt"])
        for path, expected in entry["labels"].items():
            if path == "product.archetype" and expected not in known:
                report.skipped += 1
                continue
            actual = actual_value(signals, path, domain)
            report.total[path] += 1
            if matches(path, expected, actual):
                report.correct[path] += 1
            else:
                report.misses.append(f"{entry['id']}: {path} expected {expected!r}, got {actual!r}")
    return report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "tests/data/corpus.yaml")
    print(evaluate(load_corpus(path)).text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
