"""Inside `document_scope` the gate's contract and DDL are written as built, without
fingerprinting the document again; outside it (and for other documents) nothing is reused."""

from __future__ import annotations

import pytest

from archwright import generate
from archwright.render import ddl, openapi
from archwright.render.ddl import render_ddl
from archwright.render.memo import document_scope, scoped
from archwright.render.openapi import shared_openapi_document

PROMPT = "A booking system for yoga studios: classes, instructors, card payments. 3 engineers."


@pytest.fixture
def counted(monkeypatch):
    calls = {"fingerprint": 0, "ddl": 0}
    fingerprint, schema_ddl = openapi._Inputs.fingerprint, ddl.schema_ddl

    def count_fingerprint(self):
        calls["fingerprint"] += 1
        return fingerprint(self)

    def count_ddl(*args, **kwargs):
        calls["ddl"] += 1
        return schema_ddl(*args, **kwargs)

    monkeypatch.setattr(openapi._Inputs, "fingerprint", count_fingerprint)
    monkeypatch.setattr(ddl, "schema_ddl", count_ddl)
    return calls


def test_in_a_scope_the_gate_artifacts_are_written_as_built(counted):
    with document_scope():
        doc = generate(PROMPT)
        after_gate = dict(counted)
        spec = shared_openapi_document(doc)
        sql = render_ddl(doc)
    assert after_gate == {"fingerprint": 1, "ddl": 1}  # the gate built and validated both
    assert counted == after_gate  # the writer reused them
    assert spec["paths"] and "CREATE TABLE" in sql


def test_outside_a_scope_every_call_recognises_content_again(counted):
    doc = generate(PROMPT)
    shared_openapi_document(doc)
    render_ddl(doc)
    assert counted == {"fingerprint": 2, "ddl": 2}


def test_a_scope_tells_documents_apart():
    with document_scope():
        a = generate(PROMPT)
        b = generate("An online store for handmade furniture with card payments.")
        assert shared_openapi_document(a) is not shared_openapi_document(b)
        assert render_ddl(a) != render_ddl(b)
        assert shared_openapi_document(b) == shared_openapi_document(generate_outside(b))


def generate_outside(doc):
    """The same document, its contract built outside any scope (a fresh copy of the model)."""
    return type(doc).model_validate_json(doc.model_dump_json(by_alias=True))


def test_a_changed_source_object_is_built_again():
    with document_scope():
        doc = generate(PROMPT)
        before = render_ddl(doc)
        # a new schema object (what any change through model_copy gives) is another source
        trimmed = doc.model_copy(
            update={"schema_": doc.schema_.model_copy(update={"tables": doc.schema_.tables[:1]})}
        )
        after = render_ddl(trimmed)
    assert before != after
    assert after.count("CREATE TABLE") == 1


def test_scoped_keys_on_identity_and_values_and_ends_with_the_scope():
    built: list[str] = []

    def build(tag: str):
        return lambda: built.append(tag) or tag

    source = object()
    with document_scope():
        assert scoped("k", (source,), (1,), build("a")) == "a"
        assert scoped("k", (source,), (1,), build("b")) == "a"  # same source, same values
        assert scoped("k", (source,), (2,), build("c")) == "c"  # other values
        assert scoped("k", (object(),), (1,), build("d")) == "d"  # other source
        assert scoped("other", (source,), (1,), build("e")) == "e"  # other kind
    assert scoped("k", (source,), (1,), build("f")) == "f"  # no scope: always built
    assert built == ["a", "c", "d", "e", "f"]


def test_an_api_digest_is_taken_endpoint_by_endpoint_and_still_covers_everything():
    from archwright.render.memo import content_digest

    doc = generate(PROMPT)
    twin = generate(PROMPT)
    api = doc.api
    ep = api.endpoints[0]
    with document_scope():
        base = content_digest(api)
        assert content_digest(twin.api) == base  # equal content, other objects
        assert content_digest(ep) == content_digest(twin.api.endpoints[0])
        changed = [
            api.model_copy(
                update={
                    "endpoints": [
                        ep.model_copy(update={"description": "Other."}),
                        *api.endpoints[1:],
                    ]
                }
            ),
            api.model_copy(update={"endpoints": api.endpoints[1:]}),
            api.model_copy(update={"endpoints": [*api.endpoints[1:], ep]}),  # order counts
            api.model_copy(update={"style_rationale": "Other."}),
        ]
        digests = {content_digest(a) for a in changed}
    assert base not in digests and len(digests) == len(changed)
