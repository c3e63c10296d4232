"""Load, validate and cache the knowledge files shipped as package data.

Knowledge is data: each YAML file is validated by a pydantic model (``extra='forbid'``) the
first time it is needed and kept for the life of the process.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from archwright.errors import KnowledgeError
from archwright.models.knowledge import Archetype

M = TypeVar("M", bound=BaseModel)

_ROOT = resources.files("archwright") / "knowledge"


# libyaml's parser when PyYAML was built with it: the same safe loading, ~10x faster than the
# pure-Python one (a process's first document loads ~0.5 MB of knowledge)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(relpath: str) -> Any:
    node = _ROOT.joinpath(*relpath.split("/"))
    try:
        return yaml.load(node.read_text(encoding="utf-8"), Loader=_LOADER)
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


# Parsing ~30 archetype files with PyYAML takes several hundred milliseconds (even with
# libyaml); the same data as JSON parses in a few. The YAML stays the source of truth: the
# bundle keeps each file's SHA-256, and a file whose hash no longer matches is parsed from YAML,
# so a stale bundle only costs time, never correctness. `make install` writes it (it is generated,
# not tracked); a test checks the one on disk is current.
ARCHETYPE_BUNDLE = "archetypes.bundle.json"


def _archetype_sources() -> dict[str, bytes]:
    folder = _ROOT / "archetypes"
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".yaml")
    }


class _BundleEntry(BaseModel):
    sha256: str
    data: Archetype


class _Bundle(BaseModel):
    files: dict[str, _BundleEntry]


def _bundle() -> dict[str, _BundleEntry]:
    """The bundle, parsed and validated in one pass by pydantic's JSON parser (no ``json``)."""
    try:
        return _Bundle.model_validate_json((_ROOT / ARCHETYPE_BUNDLE).read_bytes()).files
    except (OSError, ValidationError):
        return {}  # missing or unreadable: every file is parsed from its YAML instead


def build_archetype_bundle() -> str:
    """The JSON bundle of every archetype file, as ``python -m archwright.catalog`` writes it."""
    files = {}
    for name, raw in _archetype_sources().items():
        data = _read_yaml(f"archetypes/{name}")
        files[name] = {"sha256": hashlib.sha256(raw).hexdigest(), "data": data}
    return json.dumps({"files": files}, sort_keys=True, ensure_ascii=False, indent=0) + "\n"


@cache
def archetypes() -> tuple[Archetype, ...]:
    """Every archetype, sorted by id so matching is deterministic."""
    sources = _archetype_sources()
    bundle = _bundle()
    loaded_list = []
    for name, raw in sources.items():
        entry = bundle.get(name)
        if entry is not None and entry.sha256 == hashlib.sha256(raw).hexdigest():
            loaded_list.append(entry.data)
        else:
            loaded_list.append(load_model(f"archetypes/{name}", Archetype))
    loaded = tuple(loaded_list)
    ids = [a.id for a in loaded]
    if len(ids) != len(set(ids)):
        raise KnowledgeError(f"knowledge/archetypes: duplicate archetype ids in {ids}")
    return tuple(sorted(loaded, key=lambda a: a.id))


def archetype(archetype_id: str) -> Archetype:
    for a in archetypes():
        if a.id == archetype_id:
            return a
    raise KnowledgeError(f"unknown archetype {archetype_id!r}")


if __name__ == "__main__":  # regenerate the bundles after editing a knowledge file
    import pathlib

    target = pathlib.Path(__file__).parent / "knowledge" / ARCHETYPE_BUNDLE
    target.write_text(build_archetype_bundle(), encoding="utf-8")
    print(f"wrote {target}")
    archetypes.cache_clear()  # the table below derives from the archetypes just written
    from archwright.intake.prefilter_table import write_table

    print(f"wrote {write_table()}")
