"""The JSON bundle of the top-level knowledge files: the same data as the YAML, faster to load,
and never trusted once its file has changed."""

from __future__ import annotations

import hashlib
import json

import yaml

from archwright import catalog

KNOWLEDGE = catalog._ROOT


def test_shipped_knowledge_bundle_is_current():
    on_disk = (KNOWLEDGE / catalog.KNOWLEDGE_BUNDLE).read_text(encoding="utf-8")
    assert on_disk == catalog.build_knowledge_bundle(), (
        "a knowledge file changed: regenerate with `.venv/bin/python -m archwright.catalog`"
    )


def test_every_knowledge_file_is_bundled_and_loads_as_its_yaml():
    bundled = json.loads(catalog.build_knowledge_bundle())["files"]
    sources = catalog._knowledge_sources()
    assert set(bundled) == set(sources)  # lexicon.yaml's integer keys included
    for name, raw in sources.items():
        from_yaml = yaml.load(raw.decode("utf-8"), Loader=catalog._LOADER)
        assert catalog._read_yaml(name) == from_yaml, name
        assert catalog._from_json(bundled[name]["json"]) == from_yaml, name


def test_integer_keys_stay_integers():
    data = {"read": {1: "low", 2: "high"}, "names": ["a", {"b": None, "c": 1.5, "d": True}]}
    back = catalog._from_json(catalog._to_json(data))
    assert back == data and list(back["read"]) == [1, 2]


def test_each_load_is_a_new_object():
    first = catalog.load_raw("costs.yaml")
    first.clear()
    assert catalog.load_raw("costs.yaml")


def test_a_stale_entry_falls_back_to_the_yaml(monkeypatch):
    raw = (KNOWLEDGE / "sizing.yaml").read_bytes()
    real = yaml.load(raw.decode("utf-8"), Loader=catalog._LOADER)
    fake = json.dumps({"stale": True})
    monkeypatch.setattr(catalog, "_yaml_bundle", lambda: {"sizing.yaml": ("0" * 64, fake)})
    assert catalog._read_yaml("sizing.yaml") == real
    digest = hashlib.sha256(raw).hexdigest()
    monkeypatch.setattr(catalog, "_yaml_bundle", lambda: {"sizing.yaml": (digest, fake)})
    # with a matching hash the bundle is used: proof the fast path is the one taken
    assert catalog._read_yaml("sizing.yaml") == {"stale": True}


def test_a_missing_or_broken_bundle_means_yaml(monkeypatch, tmp_path):
    catalog._yaml_bundle.cache_clear()
    (tmp_path / catalog.KNOWLEDGE_BUNDLE).write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(catalog, "_ROOT", tmp_path)
    try:
        assert catalog._yaml_bundle() == {}
    finally:
        catalog._yaml_bundle.cache_clear()
