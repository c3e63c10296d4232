"""The registry of checks: built in one place from an explicit list (no import side effects)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from archwright.verify.base import AREAS, Check

CODE_RE = re.compile(r"^AW-[A-Z]{2,4}-\d{3}$")
NAME_RE = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")


class RegistryError(Exception):
    """A check is malformed or its code/name is already taken (a programming error)."""


class Registry:
    """Checks by code, in registration order. Duplicate codes and names are refused."""

    def __init__(self) -> None:
        self._by_code: dict[str, Check] = {}
        self._names: set[str] = set()

    def register(self, check_cls: type[Check]) -> type[Check]:
        code = getattr(check_cls, "code", None)
        name = getattr(check_cls, "name", None)
        if not isinstance(code, str) or not CODE_RE.match(code):
            raise RegistryError(f"{check_cls.__name__}: code {code!r} is not like AW-API-003")
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise RegistryError(f"{code}: name {name!r} is not like api.min_error_responses")
        if code in self._by_code:
            raise RegistryError(f"duplicate check code {code} ({check_cls.__name__})")
        if name in self._names:
            raise RegistryError(f"duplicate check name {name} ({code})")
        if getattr(check_cls, "area", None) not in AREAS:
            raise RegistryError(f"{code}: area {getattr(check_cls, 'area', None)!r} not in {AREAS}")
        if not check_cls.title():
            raise RegistryError(
                f"{code}: a check needs a docstring whose first line is its message"
            )
        self._by_code[code] = check_cls()
        self._names.add(name)
        return check_cls

    def extend(self, classes: Iterable[type[Check]]) -> Registry:
        for cls in classes:
            self.register(cls)
        return self

    def get(self, code_or_name: str) -> Check | None:
        key = code_or_name.strip()
        found = self._by_code.get(key.upper())
        if found is not None:
            return found
        return next((c for c in self._by_code.values() if c.name == key.lower()), None)

    def __iter__(self) -> Iterator[Check]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)


@cache
def default_registry() -> Registry:
    """Every built-in check, from the explicit list in :mod:`archwright.verify.checks`."""
    from archwright.verify.checks import ALL_CHECKS

    return Registry().extend(ALL_CHECKS)
