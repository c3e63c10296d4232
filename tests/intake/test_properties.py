"""Any text up to the size limit yields complete, valid Stage 1 output and a complete document;
the same input gives byte-identical JSON."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from archwright import generate
from archwright.api import MAX_PROMPT_BYTES
from archwright.errors import InputError
from archwright.intake import extract
from archwright.models.signals import Intensity, Leaf

WORDS = [
    "real-time",
    "chat",
    "no",
    "don't",
    "HIPAA",
    "$500/month",
    "10 million",
    "concurrent",
    "users",
    "MongoDB",
    "localStorage",
    "serverless",
    "Lambda",
    "PostgreSQL",
    "just me",
    "team of 40 engineers",
    "skip monitoring",
    "EU",
    "marketplace",
    "-->",
    "`",
    "<script>",
    "'; DROP TABLE x;--",
    "%%",
    "😀",
    "\n- ",
    "avoid",
    "Kafka",
    "per second",
    "TB",
]
prompts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join),
)


def leaves(obj: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(obj, Leaf | Intensity):
        return [(path, obj)]
    out = []
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            out += leaves(getattr(obj, name), f"{path}.{name}".strip("."))
    return out


def check(prompt: str) -> None:
    try:
        signals, domain = extract(prompt)
    except InputError:
        raise AssertionError("extract never rejects text") from None
    found = leaves(signals)
    assert len(found) == 34 + (signals.media is not None)
    for path, leaf in found:
        assert leaf.evidence.strip(), path
        if leaf.inferred:
            assert leaf.evidence.startswith("INFERRED: "), path
        else:
            parts = [p.strip("…") for p in leaf.evidence.split(" … ")]
            assert leaf.evidence == "set by the user (--set)" or all(p in prompt for p in parts), (
                path,
                leaf.evidence,
            )
        if isinstance(leaf, Leaf):
            assert leaf.value != "", path
    assert domain.entities and domain.endpoints
    again, _ = extract(prompt)
    assert again.model_dump_json() == signals.model_dump_json()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prompts)
def test_any_text_gives_complete_signals(prompt: str) -> None:
    check(prompt)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prompts)
def test_any_text_gives_a_complete_deterministic_document(prompt: str) -> None:
    try:
        doc = generate(prompt)
    except InputError:
        # control characters are replaced by spaces: a prompt made only of them is empty
        visible = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", prompt).strip()
        assert not visible or "\x00" in prompt or len(prompt.encode()) > MAX_PROMPT_BYTES
        return
    for path, leaf in leaves(doc.signals):
        assert leaf.evidence.strip(), path
    assert doc.to_json() == generate(prompt).to_json()


def test_largest_prompt_is_handled() -> None:
    text = ("We want real-time chat for 10 million users with MongoDB. " * 600)[:MAX_PROMPT_BYTES]
    check(text)
