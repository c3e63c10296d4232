"""Which decisions differ between two documents, or under a what-if change of one field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from archwright.decide.sensitivity import ExtraDecisions
from archwright.errors import InputError
from archwright.models.domain import DomainModel
from archwright.models.signals import Signals

#: (label, dotted path into architecture.json) — the decisions a reviewer cares about
DECISION_PATHS: tuple[tuple[str, str], ...] = (
    ("architecture pattern", "architecture.architecture_pattern"),
    ("pattern variant", "architecture.pattern_label"),
    ("rule fired", "architecture.rule_fired.rule"),
    ("core services", "architecture.service_topology.core_services"),
    ("async workers", "architecture.service_topology.async_workers"),
    ("real-time layer", "architecture.service_topology.real_time_layer"),
    ("CDN layer", "architecture.service_topology.cdn_layer"),
    ("deployment target", "architecture.deployment_target"),
    ("deferred", "architecture.deferred"),
    ("primary database", "data_strategy.primary_database"),
    ("primary database family", "data_strategy.primary_database_family"),
    ("secondary databases", "data_strategy.secondary_databases[].technology"),
    ("cache", "data_strategy.caching_strategy.tool"),
    ("cache pattern", "data_strategy.caching_strategy.pattern"),
    ("ORM / query builder", "data_strategy.orm_or_query_builder"),
    ("API style", "api.style"),
    ("WebSocket protocol", "api.websocket"),
)


def _get(data: Any, path: str) -> Any:
    node = data
    parts = path.split(".")
    for i, part in enumerate(parts):
        if part.endswith("[]"):
            node = node.get(part[:-2]) if isinstance(node, dict) else None
            if not isinstance(node, list):
                return None
            rest = ".".join(parts[i + 1 :])
            return [_get(item, rest) for item in node]
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value) or "none"
    if isinstance(value, dict):
        return "present"
    return str(value)


def decisions_from_json(data: dict[str, Any]) -> dict[str, str]:
    """Headline decisions of an architecture.json, plus every tech-stack row by layer."""
    out = {label: _show(_get(data, path)) for label, path in DECISION_PATHS}
    stack = _get(data, "overview.tech_stack")
    if isinstance(stack, list):
        for row in stack:
            if isinstance(row, dict) and row.get("layer"):
                out[f"stack: {row['layer']}"] = _show(row.get("technology"))
    return out


def load_document(path: Path) -> dict[str, Any]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected architecture.json") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or not all(k in data for k in ("architecture", "data_strategy")):
        raise InputError(f"{path}: not an archwright architecture.json (no architecture section)")
    return data


def diff_decisions(a: dict[str, str], b: dict[str, str]) -> list[tuple[str, str, str]]:
    """(decision, before, after) for every decision that differs, in a stable order."""
    keys = list(a) + [k for k in b if k not in a]
    return [
        (k, a.get(k, "none"), b.get(k, "none"))
        for k in keys
        if a.get(k, "none") != b.get(k, "none")
    ]


def format_diff(rows: list[tuple[str, str, str]]) -> str:
    if not rows:
        return "no decision differs\n"
    width = max(len(k) for k, _, _ in rows)
    return "".join(f"{k.ljust(width)}  {before} → {after}\n" for k, before, after in rows)


def what_if(
    signals: Signals,
    domain: DomainModel,
    changes: dict[str, str],
    extra: ExtraDecisions | None = None,
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Apply ``FIELD=VALUE`` changes to Stage 1 and re-run the decisions.

    Returns (one line per change saying what it replaced, the decisions that differ)."""
    from archwright.decide.sensitivity import (
        DECISION_LABELS,
        decisions_of,
        get_leaf,
        parse_value,
        value_of,
        with_value,
    )

    alt = signals
    said: list[str] = []
    for raw_field, raw_value in changes.items():
        path = raw_field.removeprefix("signals.")
        value = parse_value(signals, path, raw_value)
        leaf = get_leaf(signals, path)
        how = "inferred" if getattr(leaf, "inferred", False) else "stated"
        said.append(f"{path} = {_show(value)} (was {_show(value_of(signals, path))}, {how})")
        alt = with_value(alt, path, value, evidence="what-if (set by the user)")
    before = decisions_of(signals, domain, extra)
    after = decisions_of(alt, domain, extra)
    rows = [
        (DECISION_LABELS.get(k, k), before[k], after.get(k, "none"))
        for k in before
        if before[k] != after.get(k, "none")
    ]
    return said, rows
