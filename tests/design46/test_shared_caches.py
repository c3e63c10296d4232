"""Artifacts shared across documents by content: the contract, its YAML text, its validation
verdict and the DDL verdict are computed once per distinct content, bounded in number, and
never confused between different contents."""

from __future__ import annotations

import threading

from archwright import generate
from archwright.render import openapi
from archwright.render.memo import DerivedCache, SharedCache
from archwright.render.openapi import render_openapi, shared_openapi_document
from archwright.verify.checks import artifacts
from archwright.verify.checks.artifacts import ddl_errors


def test_shared_cache_builds_once_per_key_and_drops_the_least_recently_used():
    cache = SharedCache(2)
    built: list[str] = []

    def build(key: str):
        return lambda: built.append(key) or key.upper()

    assert cache.get("a", build("a")) == "A"
    assert cache.get("b", build("b")) == "B"
    assert cache.get("a", build("a")) == "A"  # a hit makes "a" the most recently used
    assert cache.get("c", build("c")) == "C"  # evicts "b", not "a"
    assert cache.get("a", build("a")) == "A"
    assert cache.get("b", build("b")) == "B"
    assert built == ["a", "b", "c", "b"]


def test_shared_cache_gives_racing_threads_one_value():
    cache = SharedCache(4)
    gate = threading.Barrier(4)
    seen: list[object] = []

    def worker() -> None:
        gate.wait()
        seen.append(cache.get("k", lambda: object()))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(v) for v in seen}) == 1
    assert cache.get("k", object) is seen[0]


def test_derived_cache_tells_equal_but_distinct_objects_apart():
    cache = DerivedCache(4)
    calls: list[int] = []
    a, b = {"x": 1}, {"x": 1}
    derive = lambda o: calls.append(id(o)) or len(calls)  # noqa: E731
    assert cache.get(a, derive) == 1
    assert cache.get(a, derive) == 1
    assert cache.get(b, derive) == 2  # keyed by identity: a shared contract is never changed
    assert calls == [id(a), id(b)]


def test_derived_cache_entry_keeps_its_source_alive():
    cache = DerivedCache(1)
    value = cache.get([1, 2], len)
    # the list above has no other reference; while cached its id cannot be reused by the
    # new list below, so the new list is derived afresh
    assert value == 2
    assert cache.get([1, 2, 3], len) == 3


def test_documents_with_the_same_contract_share_it_and_its_yaml(monkeypatch):
    # empty caches: an earlier test may have built this very contract
    monkeypatch.setattr(openapi, "_SHARED", SharedCache(16))
    monkeypatch.setattr(openapi, "_YAML", DerivedCache(16))
    dumps: list[object] = []
    dump = openapi._contract_yaml
    monkeypatch.setattr(openapi, "_contract_yaml", lambda spec: dumps.append(spec) or dump(spec))
    prompt = "A booking system for yoga studios: classes, instructors, card payments."
    a, b = generate(prompt), generate(prompt)
    assert a.api is not b.api  # two documents, built separately
    assert shared_openapi_document(a) is shared_openapi_document(b)
    text = render_openapi(a)
    assert render_openapi(b) is text
    assert len(dumps) == 1
    other = generate("An online store for handmade furniture with card payments.")
    assert render_openapi(other) != text
    assert len(dumps) == 2


def test_validation_verdicts_are_reused_and_returned_as_fresh_lists(monkeypatch):
    runs: list[str] = []
    parse = artifacts._ddl_parse_errors
    monkeypatch.setattr(artifacts, "_ddl_parse_errors", lambda sql: runs.append(sql) or parse(sql))
    # texts no other test parses, so no earlier verdict is cached for them
    bad = "CREATE TABLE shared_cache_t (\n  id UUID PRIMARY KEY,\n  x TEXT DEFAULT 'a\n);"
    good = "CREATE TABLE shared_cache_t (id UUID PRIMARY KEY);"
    first = ddl_errors(bad)
    first.append("changed by a caller")
    again = ddl_errors(bad)
    assert again and "changed by a caller" not in again
    assert ddl_errors(good) == [] and ddl_errors(good) == []
    assert runs == [bad, good]


def test_api_and_schema_sections_are_rendered_once_per_content_in_a_scope(monkeypatch):
    from archwright.render import markdown
    from archwright.render.memo import document_scope

    prompt = "A booking system for pottery classes: students book seats, teachers post classes."
    plain = generate(prompt).to_markdown()  # outside a scope: rendered every time
    # an empty cache: an earlier test may have rendered a booking contract just like this one
    monkeypatch.setattr(markdown, "_SECTIONS", SharedCache(32))
    renders: list[str] = []
    env = markdown.environment()
    get_template = env.get_template

    def counting(name, *args, **kwargs):
        template = get_template(name, *args, **kwargs)
        if name.endswith(("05_api.md.j2", "06_schema.md.j2")):
            render = template.render
            return type(
                "T", (), {"render": lambda self, **kw: renders.append(name) or render(**kw)}
            )()
        return template

    monkeypatch.setattr(env, "get_template", counting)
    with document_scope():
        first = generate(prompt).to_markdown()
    with document_scope():
        second = generate(prompt).to_markdown()
    assert first == second == plain
    assert renders.count("markdown/sections/05_api.md.j2") == 1
    assert renders.count("markdown/sections/06_schema.md.j2") == 1


def test_a_part_section_sees_only_its_part():
    import jinja2
    import pytest

    from archwright.render.markdown import _part_section

    doc = generate("A booking system for pottery classes")
    assert "## 5. API Contract" in _part_section("05_api", "api", doc.api)
    with pytest.raises(jinja2.UndefinedError):
        _part_section("05_api", "schema_", doc.api)  # the template asks for doc.api


def test_endpoint_blocks_are_written_once_per_distinct_endpoint(monkeypatch):
    """Two documents whose APIs differ (so the API section is rendered for each) still write
    the detail block of an endpoint they share once, and the text is what an unscoped render
    gives."""
    from archwright.render import markdown, markdown_blocks
    from archwright.render.memo import document_scope

    a = generate(
        "A booking system for pottery classes: students book seats, teachers post classes."
    )
    # the same API less its last endpoint: a different API section, the other endpoints shared
    fewer = a.api.model_copy(update={"endpoints": a.api.endpoints[:-1]})
    b = a.model_copy(update={"api": fewer})
    plain = (a.to_markdown(), b.to_markdown())
    monkeypatch.setattr(markdown, "_SECTIONS", SharedCache(32))
    monkeypatch.setattr(markdown_blocks, "_BLOCKS", SharedCache(4096))
    written: list[str] = []
    block = markdown_blocks._endpoint_block
    monkeypatch.setattr(
        markdown_blocks, "_endpoint_block", lambda e: written.append(e.operation_id) or block(e)
    )
    with document_scope():
        first = a.to_markdown()
    with document_scope():
        second = b.to_markdown()
    assert (first, second) == plain
    assert sorted(written) == sorted(e.operation_id for e in a.api.endpoints)


def test_ddl_text_is_shared_by_schema_content_and_product_name():
    from archwright.render.ddl import render_ddl, schema_ddl
    from archwright.render.memo import document_scope

    prompt = "A marketplace where artisans sell ceramics, with payments and reviews"
    texts = []
    for _ in range(2):
        with document_scope():
            doc = generate(prompt)
            texts.append(render_ddl(doc))
    assert texts[0] is texts[1]  # the second document's schema has the same content
    assert texts[0] == schema_ddl(doc.schema_, doc.signals.product.name.value) == render_ddl(doc)
    renamed = doc.model_copy(
        update={"signals": doc.signals.model_copy(deep=True)}
    )  # same schema, another product name: another header line
    renamed.signals.product.name.value = "Pottery Hub"
    with document_scope():
        other = render_ddl(renamed)
    assert other != texts[0] and "Pottery Hub" in other
    assert other.split("\n", 2)[2] == texts[0].split("\n", 2)[2]
