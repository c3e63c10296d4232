"""``--set FIELD=VALUE``: corrections to Stage 1 without rewriting the prompt.

A field is a dotted Stage 1 path (``product.team_size``, ``behavior.read_intensity``,
``constraints.compliance``); the value is parsed against the field's type (lists are
comma-separated, ``none`` means an empty list or null). The result is an explicit leaf whose
evidence says the user set it.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Literal, Union

from pydantic import TypeAdapter, ValidationError

from archwright.errors import InputError
from archwright.models.signals import Intensity, Leaf, Signals

EVIDENCE = "set by the user (--set)"

_GROUPS = ("product", "behavior", "data", "scale", "integration", "constraints")
_NULL = {"none", "null", "no", "n/a", "-", ""}


@cache
def settable_fields() -> dict[str, Any]:
    """Dotted path -> the value type of its leaf (``int`` for the four intensities)."""
    out: dict[str, Any] = {}
    for group in _GROUPS:
        section = Signals.model_fields[group].annotation
        for name, info in section.model_fields.items():  # type: ignore[union-attr]
            ann = info.annotation
            if ann is Intensity:
                out[f"{group}.{name}"] = Intensity
            elif isinstance(ann, type) and issubclass(ann, Leaf):
                out[f"{group}.{name}"] = ann.model_fields["value"].annotation
    return out


def _allowed(tp: Any) -> str:
    if tp is Intensity:
        return "an integer 1-5"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        return ", ".join(str(a) for a in args)
    if origin is list:
        return f"a comma-separated list of {_allowed(args[0])} (or none)"
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return " or ".join(_allowed(a) for a in inner) + ", or none"
    if tp is bool:
        return "true, false"
    if tp is int:
        return "an integer"
    if tp is str:
        return "any text"
    return str(tp)


def _parse(tp: Any, raw: str) -> Any:
    text = raw.strip()
    if tp is Intensity:
        return TypeAdapter(int).validate_python(text)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list:
        items = [] if text.lower() in _NULL else [p.strip() for p in text.split(",") if p.strip()]
        return TypeAdapter(tp).validate_python([i.lower() for i in items])
    if origin in (Union, types.UnionType) and type(None) in args:
        if text.lower() in _NULL:
            return None
        inner = [a for a in args if a is not type(None)]
        return _parse(inner[0], text)
    if tp is str:
        return text
    if tp is int:
        return TypeAdapter(int).validate_python(text.replace(",", "").replace("_", ""))
    if tp is bool:
        low = text.lower()
        if low in {"true", "yes", "y", "1", "on"}:
            return True
        if low in {"false", "no", "n", "0", "off"}:
            return False
        raise ValueError(low)
    return TypeAdapter(tp).validate_python(text.lower())


def parse_overrides(overrides: dict[str, str] | None) -> dict[str, Any]:
    """Validate every override; raise :class:`InputError` naming the field and allowed values."""
    fields = settable_fields()
    parsed: dict[str, Any] = {}
    for path, raw in sorted((overrides or {}).items()):
        if path not in fields:
            raise InputError(
                f"--set {path}: unknown field; settable fields are: {', '.join(sorted(fields))}"
            )
        tp = fields[path]
        try:
            value = _parse(tp, raw)
            if tp is Intensity and not 1 <= value <= 5:
                raise ValueError(value)
        except (ValidationError, ValueError) as exc:
            raise InputError(f"--set {path}={raw}: invalid value; allowed: {_allowed(tp)}") from exc
        if path == ARCHETYPE_FIELD:
            value = _archetype_id(raw, value)
        parsed[path] = value
    return parsed


#: the one free-text field whose value must name knowledge: the archetype decides the domain
ARCHETYPE_FIELD = "product.archetype"


def _archetype_id(raw: str, value: str) -> str:
    from archwright import catalog

    ids = sorted(a.id for a in catalog.archetypes())
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    if wanted != "generic" and wanted not in ids:
        raise InputError(
            f"--set {ARCHETYPE_FIELD}={raw}: unknown archetype; allowed: generic, {', '.join(ids)}"
        )
    return wanted
