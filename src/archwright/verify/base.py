"""The shape of a verification check (modelled on sqlfluff's rules).

A check is a small class with a stable ``code`` (``AW-API-003``), a human ``name``
(``api.min_error_responses``), an ``area`` and a ``severity``. Its docstring's first line is the
message a reader sees; the rest shows an *Anti-pattern* and a *Best practice*. ``evaluate`` is
pure and returns one :class:`Finding` per offending endpoint/table/row; ``fix`` (optional)
returns a corrected copy of the document, and the gate re-runs every check afterwards.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument

Severity = Literal["error", "warning"]

#: Areas in the order of the seed's Stage 10 checklist; ``artifacts`` validates rendered files.
AREAS: tuple[str, ...] = (
    "completeness",
    "api",
    "schema",
    "security",
    "scalability",
    "observability",
    "cicd",
    "consistency",
    "overengineering",
    "artifacts",
)

#: Document sections a fix may touch; the gate re-validates expensive artifacts only when a fix
#: touched the section they are rendered from.
Section = Literal[
    "overview", "api", "schema", "security", "scalability", "operations", "architecture", "data"
]


@dataclass(frozen=True)
class Finding:
    """One violation: which check, what is wrong, and exactly where."""

    code: str
    message: str
    location: str  # e.g. "api.endpoints[POST /v1/posts]" or "schema.tables[posts].fields[user_id]"


class Check:
    """Base class of every check. Subclasses set the class attributes and ``evaluate``."""

    code: ClassVar[str]
    name: ClassVar[str]
    area: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    #: sections this check reads; an expensive check re-runs only when a fix touched one of them
    reads: ClassVar[tuple[Section, ...]] = ()
    #: sections this check's fix writes
    touches: ClassVar[tuple[Section, ...]] = ()
    #: rendering + validating an artifact: evaluate once per gate run unless its inputs changed
    expensive: ClassVar[bool] = False

    @classmethod
    @cache
    def title(cls) -> str:
        """The docstring's first line: the message a reader sees."""
        doc = cls.description()
        return doc.splitlines()[0].strip() if doc else ""

    @classmethod
    @cache
    def description(cls) -> str:
        """The check's own docstring (never inherited: every check documents itself)."""
        own = cls.__dict__.get("__doc__")
        return inspect.cleandoc(own).strip() if own else ""

    @classmethod
    def fixable(cls) -> bool:
        return cls.fix is not Check.fix

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        raise NotImplementedError

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        """Return a corrected document. The gate passes a private deep copy, so a fix may edit
        it in place and return it."""
        raise NotImplementedError

    def explain_pass(self, doc: ArchitectureDocument) -> str:
        """What a passing result says; checks whose evidence matters (anti-over-engineering)
        override it to show the values they compared."""
        return self.title()

    def finding(self, message: str, location: str) -> Finding:
        return Finding(self.code, message, location)
