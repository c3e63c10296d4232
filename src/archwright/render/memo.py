"""Artifacts built once per document while its producer holds it unchanged.

The Stage 10 gate builds the OpenAPI contract and the DDL to validate them; ``generate --out``
and ``batch`` then write those same artifacts. Recognising "the same document" by content
means serialising its API and schema (~1.5 ms a time); inside :func:`document_scope` the
caller promises not to change the documents it generates, so an artifact is recognised by the
identity of the objects it was built from, which costs nothing. Outside a scope every call
builds (or uses the content-keyed caches of the renderers themselves).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

# (kind, ids of the source objects, plain values) -> (the source objects, artifact). Holding
# the sources keeps them alive, so their ids cannot be reused by other objects in the scope.
_Memo = dict[tuple[Hashable, ...], tuple[tuple[object, ...], Any]]
_SCOPE: ContextVar[_Memo | None] = ContextVar("archwright_document_scope", default=None)


@contextmanager
def document_scope() -> Iterator[None]:
    """Generate and render inside this block; change no generated document within it."""
    token = _SCOPE.set({})
    try:
        yield
    finally:
        _SCOPE.reset(token)


def scoped(
    kind: str, sources: tuple[object, ...], values: tuple[Hashable, ...], build: Callable[[], T]
) -> T:
    """``build()`` once per scope for these source objects (by identity) and plain values."""
    memo = _SCOPE.get()
    if memo is None:
        return build()
    key = (kind, *map(id, sources), *values)
    hit = memo.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], sources, strict=True)):
        return hit[1]
    value = build()
    memo[key] = (sources, value)
    return value
