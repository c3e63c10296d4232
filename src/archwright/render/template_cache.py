"""Compiled Jinja templates kept between processes, like Python's own ``__pycache__``.

Compiling the Markdown templates costs ~0.3 s in every new process: a third of a cold
``generate --out`` and of every ``batch`` worker's start. Jinja can keep the compiled code; it
is stored under ``$ARCHWRIGHT_CACHE_DIR`` (default ``$XDG_CACHE_HOME/archwright`` or
``~/.cache/archwright``), one file per template, written atomically and reused only when the
template's source checksum and the Python version match (Jinja checks both), so a stale or
damaged file is simply compiled again. ``ARCHWRIGHT_CACHE_DIR=off`` disables it; a directory
that cannot be created or written just means no cache.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class _QuietCache(FileSystemBytecodeCache):
    """A cache that never fails a render: an unreadable or damaged file means "not cached"."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, or damaged (Jinja lets a truncated pickle raise)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_dir() -> Path | None:
    """Where compiled templates go, or None when caching is off."""
    configured = os.environ.get("ARCHWRIGHT_CACHE_DIR", "")
    if configured.lower() in ("off", "0", "none"):
        return None
    if configured:
        base = Path(configured)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if xdg else Path.home() / ".cache"
        base = base / "archwright"
    tag = f"templates-py{sys.version_info.major}{sys.version_info.minor}"
    return base / tag


def template_cache() -> BytecodeCache | None:
    """The bytecode cache for an ``Environment``, or None (off, or no usable directory)."""
    try:
        directory = cache_dir()
        if directory is None:
            return None
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        return _QuietCache(str(directory))
    except (OSError, RuntimeError):  # RuntimeError: Path.home() without a home directory
        return None
