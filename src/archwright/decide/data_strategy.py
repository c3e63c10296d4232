"""Stage 3 — database scoring matrix (SKELETON: replaced by the core-engine issue)."""

from __future__ import annotations

from archwright.models.decisions import BackupStrategy, CachingStrategy, DataStrategy
from archwright.models.signals import Signals


def select_data_strategy(signals: Signals) -> DataStrategy:
    return DataStrategy(
        primary_database="PostgreSQL",
        primary_database_family="sql",
        scores={
            "sql": 0,
            "document": 0,
            "key_value": 0,
            "wide_column": 0,
            "time_series": 0,
            "graph": 0,
        },
        score_breakdown=[],
        primary_db_rationale="skeleton",
        primary_db_wrong_if="skeleton",
        caching_strategy=CachingStrategy(tool=None, pattern=None),
        orm_or_query_builder="skeleton",
        migration_strategy="skeleton",
        backup_strategy=BackupStrategy(
            frequency="daily", retention="30 days", restore_test_schedule="quarterly"
        ),
    )
