"""architecture.json as text (to_json) and as the bytes a writer takes (to_json_bytes)."""

from __future__ import annotations

import json

from archwright import generate
from archwright.render.files import render_file_bytes, render_files


def test_bytes_are_the_utf8_of_the_text():
    doc = generate("Ein Buchungssystem für Cafés in München — 5 000 Gäste am Tag 🚀")
    assert doc.to_json_bytes() == doc.to_json().encode()
    assert "München" in json.loads(doc.to_json_bytes())["input"]["prompt"]


def test_text_utf8_cannot_carry_is_escaped_the_same_way_on_both_paths():
    doc = generate("A todo app")
    doc.input.prompt = "broken \ud800 text"  # as an edited architecture.json can hold
    data = doc.to_json_bytes()
    assert data == doc.to_json().encode()
    assert b"\\ud800" in data
    assert json.loads(data)["input"]["prompt"] == "broken \ud800 text"


def test_render_file_bytes_encodes_render_files():
    doc = generate("A marketplace where artisans sell ceramics, with payments and reviews")
    assert render_file_bytes(doc) == {k: v.encode() for k, v in render_files(doc).items()}


_SPLICE_PROMPTS = [
    "Build me a backend for a social app",
    "A marketplace where artisans sell ceramics, with payments and reviews",
    "Ein Buchungssystem für Cafés in München — 5 000 Gäste am Tag 🚀",
    "An internal tool for 12 people to track purchase orders",
]


def test_spliced_architecture_json_is_the_documents_own_bytes():
    # in a document scope the API and schema sections come from the digest-keyed cache: first
    # a miss, then (the same prompt again, so the same content) a hit; both must be exactly
    # the bytes the whole-document serializer writes
    from archwright.render.json_file import _SECTIONS, architecture_json
    from archwright.render.memo import document_scope

    for prompt in _SPLICE_PROMPTS * 2:
        with document_scope():
            doc = generate(prompt)
            data = architecture_json(doc)
        assert data == doc.to_json_bytes(), prompt
        assert json.loads(data)["api"] == json.loads(doc.to_json())["api"]
    hits = [key for key in _SECTIONS._items if key[0] in ("api", "schema_")]
    assert hits, "the sections were never cached: the splice path did not run"


def test_splice_keeps_the_escape_fallback_and_sections_that_are_absent():
    from archwright.render.json_file import architecture_json
    from archwright.render.memo import document_scope

    with document_scope():
        doc = generate("A todo app")
        broken = doc.model_copy(update={"api": doc.api.model_copy(update={"style": "REST \ud800"})})
        assert architecture_json(broken) == broken.to_json_bytes()
        assert b"\\ud800" in architecture_json(broken)
        bare = doc.model_copy(update={"api": None})
        assert architecture_json(bare) == bare.to_json_bytes()
        assert json.loads(architecture_json(bare))["api"] is None
