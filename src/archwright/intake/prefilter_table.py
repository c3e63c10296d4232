"""The prefilter requirements and the compiled code of every knowledge pattern, built when the
package is installed.

``make install`` (through ``python -m archwright.catalog``) writes
``knowledge/prefilter.bundle.json``, which :func:`archwright.intake.prefilter._derive` reads
instead of parsing each pattern again in every process, and ``knowledge/patterns.bundle.json``,
from which :class:`~archwright.intake.patterns.LazyPattern` builds a pattern instead of compiling
it. The files are generated, not tracked.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from archwright.intake import patterns, prefilter
from archwright.intake.lexicon import _Compiled, compiled, lexicon
from archwright.intake.patterns import LazyPattern


def knowledge_patterns() -> list[LazyPattern]:
    """Every pattern Stage 1 builds from its knowledge files: the lexicon's (its cues and the
    quantity patterns), the archetypes' triggers, superseding contexts and container wording,
    and the contexts that rule an archetype out."""
    from archwright import catalog
    from archwright.intake import match

    found: list[LazyPattern] = []

    def walk(node: object) -> None:
        if isinstance(node, _Compiled):
            found.append(node.regex)
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                walk(getattr(node, name))
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)

    walk(lexicon())
    for value in vars(compiled()).values():
        items = value if isinstance(value, list) else [value]
        found.extend(v for v in items if isinstance(v, LazyPattern))
    for _, triggers in match._compiled().archetypes:
        found.extend(regex for regex, _ in triggers)
    for contexts in match._supersedes().values():
        found.extend(regex for _, regex in contexts)
    for rules in match.not_when().values():
        for _, regex, unless in rules:
            found.extend([regex] if unless is None else [regex, unless])
    for a in catalog.archetypes():
        if a.container is not None:
            phrases = [a.container.phrase, a.container.own_domain]
            found.extend(match.phrase_pattern(p) for p in phrases if p)
    return found


def build_table() -> str:
    """The table's JSON text: each distinct (pattern, flags) with its derived requirement."""
    seen: dict[tuple[str, int], list[str] | None] = {}
    for p in knowledge_patterns():
        key = (p.pattern, p.flags)
        if key not in seen:
            req = prefilter.derive(p)
            seen[key] = None if req is None else sorted(req)
    rows = [[text, flags, req] for (text, flags), req in sorted(seen.items())]
    return (
        json.dumps({"stamp": prefilter.table_stamp(), "patterns": rows}, ensure_ascii=False) + "\n"
    )


def table_path() -> Path:
    return Path(prefilter.__file__).parent.parent / "knowledge" / prefilter.TABLE


def write_table() -> Path:
    target = table_path()
    target.write_text(build_table(), encoding="utf-8")
    return target


def build_code_table() -> str:
    """The code table's JSON text: each distinct (pattern, flags) with its compiled code."""
    keys = sorted({(p.pattern, p.flags) for p in knowledge_patterns()})
    rows = [[text, flags, *patterns.compiled_code(text, flags)] for text, flags in keys]
    return json.dumps({"stamp": patterns.code_stamp(), "patterns": rows}, ensure_ascii=False) + "\n"


def code_table_path() -> Path:
    return Path(patterns.__file__).parent.parent / "knowledge" / patterns.CODE_TABLE


def write_code_table() -> Path:
    target = code_table_path()
    target.write_text(build_code_table(), encoding="utf-8")
    return target
