"""Load YAML check cases and apply their patches to the base document."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from archwright.models.document import ArchitectureDocument

HERE = Path(__file__).parent
CASES = HERE / "cases"
BASE = HERE / "base_document.json"
KINDS = ("pass", "fail", "fix")


@cache
def _base() -> dict[str, Any]:
    return json.loads(BASE.read_text(encoding="utf-8"))


def base_dict() -> dict[str, Any]:
    return copy.deepcopy(_base())


def base_document() -> ArchitectureDocument:
    return ArchitectureDocument.model_validate(base_dict())


def _walk(doc: Any, pointer: str) -> tuple[Any, str | int]:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    node = doc
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    return node, (int(last) if isinstance(node, list) and last != "-" else last)


def apply_patch(doc: dict[str, Any], ops: list[dict[str, Any]]) -> dict[str, Any]:
    """Operations: ``{set: /ptr, value: v}``, ``{delete: /ptr}``, ``{append: /ptr, value: v}``."""
    for op in ops:
        if "set" in op:
            parent, key = _walk(doc, op["set"])
            parent[key] = copy.deepcopy(op["value"])
        elif "delete" in op:
            parent, key = _walk(doc, op["delete"])
            del parent[key]
        elif "append" in op:
            parent, key = _walk(doc, op["append"])
            parent[key].append(copy.deepcopy(op["value"]))
        else:
            raise ValueError(f"unknown patch operation {op}")
    return doc


def case_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(CASES.glob("*.yaml"))}


def load_cases(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def all_cases() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for code, path in case_files().items():
        data = load_cases(path)
        for name, case in (data.get("cases") or {}).items():
            out.append((code, name, case or {}))
    return out


def patched(case: dict[str, Any]) -> ArchitectureDocument:
    return ArchitectureDocument.model_validate(apply_patch(base_dict(), case.get("patch") or []))
