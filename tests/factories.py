"""Build Stage 1 signals and documents for tests without depending on prompt wording.

``signals_with(**{"product.team_size": "solo", "behavior.real_time_intensity": 5})`` starts from
a neutral extraction and sets the given fields (as explicit, "set by test").
"""

from __future__ import annotations

from typing import Any

from archwright.models.signals import Intensity, Leaf, Signals


def set_field(signals: Signals, path: str, value: Any) -> Signals:
    group, _, name = path.partition(".")
    section = getattr(signals, group)
    current = getattr(section, name)
    if isinstance(current, Intensity):
        new: Any = current.model_copy(
            update={"score": value, "inferred": False, "evidence": "set by test"}
        )
    elif isinstance(current, Leaf):
        new = type(current)(value=value, inferred=False, evidence="set by test")
    else:
        new = value
    return signals.model_copy(update={group: section.model_copy(update={name: new})})


def signals_with(prompt: str = "A web application", **fields: Any) -> Signals:
    from archwright.intake import extract

    signals, _ = extract(prompt)
    for path, value in fields.items():
        signals = set_field(signals, path, value)
    return signals
