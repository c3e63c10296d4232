"""A stated preference's final decision, once Stages 2-3 have decided.

Stage 1 judges each preference against its own rules and marks the rest "honored"; the pattern
and the primary database are decided later, by the tree and the scoring matrix. This records what
those stages actually did, so the document never says "honored" beside a choice it overrode.
That includes a choice that depends on the primary database: an extension (pgvector) the user
named cannot run when Stage 3 selects a database that cannot host it.
"""

from __future__ import annotations

from archwright.decide import extensions
from archwright.decide.data_strategy import FAMILY_LABEL, conflict_for, holds_system_of_record
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.signals import Preference, Signals

__all__ = ["reconcile_preferences"]


def _database(p: Preference, signals: Signals, data: DataStrategy) -> Preference:
    if p.family is None:
        return p
    if p.family == data.primary_database_family:
        if holds_system_of_record(p.requested):
            return p
        # the family is honored but another engine holds the records (InfluxDB for an IoT
        # product: TimescaleDB): Stage 3 stated why and where the user's store is kept
        kept = next(
            (
                s
                for s in data.secondary_databases
                if s.from_preference and s.technology == p.requested
            ),
            None,
        )
        return p.model_copy(
            update={
                "decision": "modified",
                "reason": conflict_for(signals, data, p.requested)
                or data.preference_conflict
                or f"{p.requested} cannot be the system of record as designed; "
                f"{data.primary_database} is selected.",
                "alternative_role": kept.purpose
                if kept is not None
                else f"the named alternative: {p.requested} instead of "
                f"{data.primary_database}, with the schema rewritten for its own engine",
            }
        )
    kept = next(
        (s for s in data.secondary_databases if s.from_preference and s.technology == p.requested),
        next((s for s in data.secondary_databases if s.from_preference), None),
    )
    reason = (
        conflict_for(signals, data, p.requested)
        or data.preference_conflict
        or (
            f"{p.requested} was requested, but the scoring matrix selects {data.primary_database} "
            f"({data.primary_database_family}) as the primary database: "
            f"{data.primary_db_rationale.split('. ')[0]}."
        )
    )
    return p.model_copy(
        update={
            "decision": "rejected",
            "reason": reason,
            "alternative_role": kept.purpose if kept is not None else p.alternative_role,
        }
    )


def _beside(p: Preference, signals: Signals, data: DataStrategy) -> Preference:
    """A store Stage 1 recorded as unable to hold the system of record: its decision stands,
    with Stage 3's own reason (the scores, the engine chosen, where the store is kept)."""
    if p.family is None or holds_system_of_record(p.requested):
        return p
    kept = next(
        (s for s in data.secondary_databases if s.from_preference and s.technology == p.requested),
        None,
    )
    return p.model_copy(
        update={
            "reason": conflict_for(signals, data, p.requested) or p.reason,
            "alternative_role": kept.purpose
            if kept is not None
            else f"the named alternative: {p.requested} instead of {data.primary_database}, "
            "with the schema rewritten for its own engine",
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


def _extension(
    p: Preference, signals: Signals, data: DataStrategy, domain: DomainModel | None
) -> Preference:
    """An in-database extension is rejected when the primary database cannot host it.

    Comply and flag: the reason says what Stage 3 chose and why, and the user's choice stays
    as the named alternative (make a host database the primary). Stage 4's Vector Search row
    asks the same question (decide/extensions.py) and marks the choice overridden there."""
    if not extensions.is_extension(p.technology):
        return p
    primary_id = extensions.primary_database_id(signals, data)
    if extensions.extension_runs_on(primary_id):
        return p
    hosts = extensions.host_names()
    primary = data.primary_database
    family = FAMILY_LABEL.get(data.primary_database_family, data.primary_database_family)
    # the user's own database choice is the cause: say so rather than cite the scores
    asked = any(
        x.stance == "use"
        and x.subject == "primary_database"
        and x.decision == "honored"
        and (x.requested.lower() in primary.lower() or x.technology == primary_id)
        for x in signals.preferences
    )
    chosen = (
        f"{primary} ({family}), which you also asked for, is the primary database"
        if asked
        else f"Stage 3 selects {primary} ({family}) as the primary database: "
        f"{data.primary_db_rationale.split('. ')[0]}"
    )
    reason = (
        f"{p.requested} was requested but is overridden: it is an extension that runs only "
        f"inside {' or '.join(hosts)}, and {chosen}."
    )
    if domain is not None and any(f.type == "vector" for e in domain.entities for f in e.fields):
        # the row that replaces it exists only when the domain holds an embedding
        reason += (
            " The embeddings go to a separate vector database instead (tech stack, Vector "
            "Search row), kept in sync with the primary database's ids."
        )
    return p.model_copy(
        update={
            "decision": "rejected",
            "reason": reason,
            "alternative_role": (
                f"the named alternative: {hosts[0]} + {p.requested} as the primary database "
                f"instead of {primary}, so the embeddings live beside the rows in one store"
            ),
        }
    )


def reconcile_preferences(
    signals: Signals,
    architecture: ArchitectureDecision,
    data: DataStrategy,
    domain: DomainModel | None = None,
) -> Signals:
    """``signals`` with each honored database, pattern and in-database extension preference
    checked against the outcome of Stage 2 (pattern) and Stage 3 (primary database).
    ``domain`` (Stage 1's model) says whether an embedding needs a replacement store."""
    out: list[Preference] = []
    changed = False
    for p in signals.preferences:
        new = p
        if p.stance == "use" and p.subject == "primary_database" and p.decision != "honored":
            # Stage 1 already said modified; Stage 3 knows where the store is kept and why
            new = _beside(p, signals, data)
        elif p.stance == "use" and p.decision == "honored":
            if p.subject == "primary_database":
                new = _database(p, signals, data)
            elif p.subject == "architecture_pattern":
                new = _pattern(p, architecture)
            else:
                new = _extension(p, signals, data, domain)
        changed = changed or new is not p
        out.append(new)
    return signals.model_copy(update={"preferences": out}) if changed else signals
