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
        raw = node.read_bytes()
        cached = _yaml_bundle().get(relpath)
        if cached is not None and cached[0] == hashlib.sha256(raw).hexdigest():
            return _from_json(cached[1])  # a new object per call: callers may change theirs
        return yaml.load(raw.decode("utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"knowledge/{relpath}: cannot load: {exc}") from exc


# The other knowledge files as JSON text, for the same reason as the archetype bundle below
# (~60 ms of YAML parsing per process, most of it technologies.yaml, lexicon.yaml and
# conflicts.yaml) and with the same guard: each entry keeps its file's SHA-256, and a file whose
# hash no longer matches is parsed from its YAML.
KNOWLEDGE_BUNDLE = "knowledge.bundle.json"


def _knowledge_sources() -> dict[str, bytes]:
    return _yaml_files(_ROOT)


# a mapping whose keys are not all strings (the lexicon's per-score tables: {1: ..., 2: ...}) is
# written as {_PAIRS: [[key, value], ...]}, so that JSON gives back exactly what YAML gave
_PAIRS = "__yaml_pairs__"


def _to_json(data: Any) -> str:
    def tag(x: Any) -> Any:
        if isinstance(x, dict):
            if all(isinstance(k, str) for k in x):
                return {k: tag(v) for k, v in x.items()}
            return {_PAIRS: [[k, tag(v)] for k, v in x.items()]}
        if isinstance(x, list):
            return [tag(v) for v in x]
        return x

    return json.dumps(tag(data), ensure_ascii=False, separators=(",", ":"))


def _untag(d: dict[str, Any]) -> Any:
    pairs = d.get(_PAIRS)
    return d if pairs is None else {k: v for k, v in pairs}


def _from_json(text: str) -> Any:
    return json.loads(text, object_hook=_untag) if _PAIRS in text else json.loads(text)


@cache
def _yaml_bundle() -> dict[str, tuple[str, str]]:
    """relpath -> (SHA-256 of its YAML, its data as JSON text); empty when missing or unreadable."""
    try:
        files = json.loads((_ROOT / KNOWLEDGE_BUNDLE).read_bytes())["files"]
        return {name: (entry["sha256"], entry["json"]) for name, entry in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def build_knowledge_bundle() -> str:
    """The JSON bundle of the top-level knowledge files, as ``python -m archwright.catalog``
    writes it. A file JSON cannot carry exactly (a date, NaN) stays YAML-only."""
    files = {}
    for name, raw in _knowledge_sources().items():
        data = yaml.load(raw.decode("utf-8"), Loader=_LOADER)
        try:
            text = _to_json(data)
        except (TypeError, ValueError):
            continue
        if _from_json(text) == data:
            files[name] = {"sha256": hashlib.sha256(raw).hexdigest(), "json": text}
    return json.dumps({"files": files}, sort_keys=True, ensure_ascii=False, indent=0) + "\n"


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


def _yaml_files(folder: Any) -> dict[str, bytes]:
    """name -> bytes of the YAML files directly in ``folder``, by name."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".yaml")
    }


def _archetype_sources() -> dict[str, bytes]:
    return _yaml_files(_ROOT / "archetypes")


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

    for bundle, build in (
        (KNOWLEDGE_BUNDLE, build_knowledge_bundle),
        (ARCHETYPE_BUNDLE, build_archetype_bundle),
    ):
        target = pathlib.Path(__file__).parent / "knowledge" / bundle
        target.write_text(build(), encoding="utf-8")
        print(f"wrote {target}")
    archetypes.cache_clear()  # the table below derives from the archetypes just written
    from archwright.intake.prefilter_table import write_code_table, write_table

    print(f"wrote {write_table()}")
    print(f"wrote {write_code_table()}")
