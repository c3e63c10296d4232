"""Load, validate and cache the knowledge files shipped as package data.

Knowledge is data: each YAML file is validated by a pydantic model (``extra='forbid'``) the
first time it is needed and kept for the life of the process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from archwright.errors import KnowledgeError
from archwright.models.knowledge import Archetype

M = TypeVar("M", bound=BaseModel)

_ROOT = resources.files("archwright") / "knowledge"


def _read_yaml(relpath: str) -> Any:
    node = _ROOT.joinpath(*relpath.split("/"))
    try:
        return yaml.safe_load(node.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"knowledge/{relpath}: cannot load: {exc}") from exc


def load_model(relpath: str, model: type[M]) -> M:
    """Load ``knowledge/<relpath>`` into ``model``; a schema error names the file."""
    try:
        return model.model_validate(_read_yaml(relpath))
    except ValidationError as exc:
        raise KnowledgeError(f"knowledge/{relpath}: {exc}") from exc


def load_raw(relpath: str) -> Any:
    """Load a knowledge file without a model (for files whose model lives with their stage)."""
    return _read_yaml(relpath)


@cache
def archetypes() -> tuple[Archetype, ...]:
    """Every archetype, sorted by id so matching is deterministic."""
    folder = _ROOT / "archetypes"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    loaded = tuple(load_model(f"archetypes/{n}", Archetype) for n in names)
    ids = [a.id for a in loaded]
    if len(ids) != len(set(ids)):
        raise KnowledgeError(f"knowledge/archetypes: duplicate archetype ids in {ids}")
    return tuple(sorted(loaded, key=lambda a: a.id))


def archetype(archetype_id: str) -> Archetype:
    for a in archetypes():
        if a.id == archetype_id:
            return a
    raise KnowledgeError(f"unknown archetype {archetype_id!r}")
