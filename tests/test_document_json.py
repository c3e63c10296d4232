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
