"""A stated preference's final decision, once Stages 2-3 have decided.

Stage 1 judges each preference against its own rules and marks the rest "honored"; the pattern
and the primary database are decided later, by the tree and the scoring matrix. This records what
those stages actually did, so the document never says "honored" beside a choice it overrode.
"""

from __future__ import annotations

from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.signals import Preference, Signals

__all__ = ["reconcile_preferences"]


def _database(p: Preference, data: DataStrategy) -> Preference:
    if p.family is None or p.family == data.primary_database_family:
        return p
    kept = next(
        (s for s in data.secondary_databases if s.from_preference),
        None,
    )
    reason = data.preference_conflict or (
        f"{p.requested} was requested, but the scoring matrix selects {data.primary_database} "
        f"({data.primary_database_family}) as the primary database: "
        f"{data.primary_db_rationale.split('. ')[0]}."
    )
    return p.model_copy(
        update={
            "decision": "rejected",
            "reason": reason,
            "alternative_role": kept.purpose if kept is not None else p.alternative_role,
        }
    )


def _pattern(p: Preference, architecture: ArchitectureDecision) -> Preference:
    chosen = architecture.architecture_pattern
    if p.technology is None or p.technology == chosen:
        return p
    # a hybrid keeps a monolithic core or the user's functions where they work: modified;
    # anything else means the tree chose a different shape outright
    decision = "modified" if chosen == "hybrid" else "rejected"
    return p.model_copy(
        update={
            "decision": decision,
            "reason": f"{architecture.pattern_label}: {architecture.pattern_rationale}",
        }
    )


def reconcile_preferences(
    signals: Signals, architecture: ArchitectureDecision, data: DataStrategy
) -> Signals:
    """``signals`` with each honored database and pattern preference checked against the
    outcome of Stage 2 (pattern) and Stage 3 (primary database)."""
    out: list[Preference] = []
    changed = False
    for p in signals.preferences:
        new = p
        if p.stance == "use" and p.decision == "honored":
            if p.subject == "primary_database":
                new = _database(p, data)
            elif p.subject == "architecture_pattern":
                new = _pattern(p, architecture)
        changed = changed or new is not p
        out.append(new)
    return signals.model_copy(update={"preferences": out}) if changed else signals
