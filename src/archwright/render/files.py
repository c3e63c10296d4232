"""Every output file of ``generate --out``, rendered in memory then written atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument

# a renderer may return a file as the UTF-8 bytes it was serialised to, which a writer takes as is
Renderer = Callable[["ArchitectureDocument"], dict[str, str] | dict[str, str | bytes]]


def _core(doc: ArchitectureDocument) -> dict[str, str | bytes]:
    from archwright.render.json_file import architecture_json

    return {"architecture.md": doc.to_markdown(), "architecture.json": architecture_json(doc)}


def _diagrams(doc: ArchitectureDocument) -> dict[str, str]:
    files: dict[str, str] = {}
    if doc.overview is not None:
        files["diagrams/system.mmd"] = doc.overview.system_diagram
    if doc.schema_ is not None and doc.schema_.erd:
        files["diagrams/erd.mmd"] = doc.schema_.erd
    return files


def _ci(doc: ArchitectureDocument) -> dict[str, str]:
    from archwright.render.ci import render_ci

    return render_ci(doc)


def _compose(doc: ArchitectureDocument) -> dict[str, str]:
    from archwright.render.compose import render_compose

    return render_compose(doc)


def _contracts(doc: ArchitectureDocument) -> dict[str, str]:
    """openapi.yaml, asyncapi.yaml (real-time), schema.sql (SQL stores)."""
    from archwright.render.asyncapi import render_asyncapi
    from archwright.render.ddl import render_ddl
    from archwright.render.openapi import render_openapi

    files: dict[str, str] = {}
    if doc.api is not None:
        files["openapi.yaml"] = render_openapi(doc)
        asyncapi = render_asyncapi(doc)
        if asyncapi:
            files["asyncapi.yaml"] = asyncapi
    from archwright.render.graphql import render_graphql

    sdl = render_graphql(doc)
    if sdl:
        files["schema.graphql"] = sdl
    ddl = render_ddl(doc)
    if ddl:
        files["schema.sql"] = ddl
    return files


def stage46_artifacts(doc: ArchitectureDocument) -> dict[str, str]:
    """The machine-readable artifacts of Stages 4-6 alone (contracts, DDL, diagrams)."""
    return {**_diagrams(doc), **_contracts(doc)}


#: Artifact renderers, in order. Each returns {relative path: text}. Later issues append theirs.
RENDERERS: list[Renderer] = [_core, _diagrams, _contracts]
RENDERERS.append(_ci)
RENDERERS.append(_compose)


def render_files(doc: ArchitectureDocument) -> dict[str, str]:
    """Every file of ``generate --out``: relative path -> text ending with a line end."""
    return {
        name: data.decode() if isinstance(data, bytes) else data
        for name, data in _rendered(doc).items()
    }


def render_file_bytes(doc: ArchitectureDocument) -> dict[str, bytes]:
    """:func:`render_files` as the UTF-8 bytes to write."""
    return {
        name: data if isinstance(data, bytes) else data.encode()
        for name, data in _rendered(doc).items()
    }


def _rendered(doc: ArchitectureDocument) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for renderer in RENDERERS:
        for name, data in renderer(doc).items():
            if name in files:
                raise RuntimeError(f"two renderers produce {name}")
            if isinstance(data, bytes):
                files[name] = data if data.endswith(b"\n") else data + b"\n"
            else:
                files[name] = data if data.endswith("\n") else data + "\n"
    return dict(sorted(files.items()))


def write_files(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write every file or none: stage them in a temp dir beside ``out_dir``, then move each in
    with ``os.replace`` so an interrupted run never leaves a half-written file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".archwright-", dir=out_dir))
    written: list[Path] = []
    try:
        for name, data in files.items():
            tmp = staging / name
            tmp.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
        for name in files:
            dest = out_dir / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, dest)
            written.append(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
