"""The contract the gate builds is the one `generate --out` writes, and the sharing never serves
a stale contract: the cache key covers every input of the builder."""

from __future__ import annotations

import yaml

from archwright import generate
from archwright.render import openapi
from archwright.render.openapi import openapi_document, render_openapi, shared_openapi_document
from archwright.render.yaml_text import dump_yaml
from archwright.verify.checks.artifacts import OpenApiValid


def _doc():
    return generate("A marketplace where local bakers sell bread to neighbours; card payments.")


def test_equal_content_shares_one_contract():
    a, b = _doc(), _doc()
    assert a is not b
    assert shared_openapi_document(a) is shared_openapi_document(b)


def test_openapi_document_returns_a_private_copy():
    doc = _doc()
    mine = openapi_document(doc)
    mine["paths"].clear()
    assert shared_openapi_document(doc)["paths"]
    assert openapi_document(doc)["paths"]


def test_written_file_is_the_shared_contract():
    doc = _doc()
    assert yaml.safe_load(render_openapi(doc)) == shared_openapi_document(doc)


def test_every_builder_input_changes_the_fingerprint():
    doc = _doc()
    base = openapi._Inputs.of(doc)
    key = base.fingerprint()
    endpoint = doc.api.endpoints[0]
    changed = [
        doc.model_copy(update={"archwright_version": "9.9.9"}),
        doc.model_copy(
            update={
                "api": doc.api.model_copy(
                    update={
                        "endpoints": [
                            endpoint.model_copy(update={"description": "Another text."}),
                            *doc.api.endpoints[1:],
                        ]
                    }
                )
            }
        ),
        doc.model_copy(
            update={"schema_": doc.schema_.model_copy(update={"tables": doc.schema_.tables[1:]})}
        ),
        doc.model_copy(update={"security": None}),
    ]
    name = doc.signals.product.name.model_copy(update={"value": "Crumb Exchange"})
    product = doc.signals.product.model_copy(update={"name": name})
    changed.append(
        doc.model_copy(update={"signals": doc.signals.model_copy(update={"product": product})})
    )
    keys = {openapi._Inputs.of(d).fingerprint() for d in changed}
    assert key not in keys and len(keys) == len(changed)


def test_an_edited_contract_is_validated_again():
    """A document edited after the gate (``archwright verify``) gets its own verdict."""
    doc = _doc()
    assert OpenApiValid().evaluate(doc) == []
    ep = doc.api.endpoints[0]
    broken_path = ep.path.rstrip("/") + "/{missing_param}"
    edited = doc.model_copy(
        update={
            "api": doc.api.model_copy(
                update={"endpoints": [ep.model_copy(update={"path": broken_path})]}
            )
        }
    )
    findings = OpenApiValid().evaluate(edited)
    assert findings and "missing_param" in findings[0].message


def _with_endpoints(doc, endpoints):
    return doc.model_copy(update={"api": doc.api.model_copy(update={"endpoints": endpoints})})


def _assert_same_as_private_build(doc):
    """The shared contract (assembled from operations other contracts built) is exactly the
    contract built from scratch, and so is its YAML text."""
    assert shared_openapi_document(doc) == openapi_document(doc)
    assert render_openapi(doc) == dump_yaml(openapi_document(doc))


def test_contracts_that_differ_share_their_identical_operations():
    doc = _doc()
    first, *rest = doc.api.endpoints
    edited = _with_endpoints(doc, [first.model_copy(update={"description": "Another."}), *rest])
    a, b = shared_openapi_document(doc), shared_openapi_document(edited)
    assert a is not b and a != b
    path, method = rest[0].path, rest[0].method.lower()
    assert a["paths"][path][method] is b["paths"][path][method]
    _assert_same_as_private_build(doc)
    _assert_same_as_private_build(edited)


def test_an_operation_is_rebuilt_when_the_columns_it_is_bounded_by_change():
    doc = _doc()
    api_text = doc.api.model_dump_json()
    table, col = next(
        (t, c)
        for t in doc.schema_.tables
        for c in t.fields
        if c.type.upper().startswith("VARCHAR") and f'"{c.name}"' in api_text
    )
    wider = table.model_copy(
        update={
            "fields": [
                c.model_copy(update={"type": "VARCHAR(777)"}) if c is col else c
                for c in table.fields
            ]
        }
    )
    edited = doc.model_copy(
        update={
            "schema_": doc.schema_.model_copy(
                update={"tables": [wider if t is table else t for t in doc.schema_.tables]}
            )
        }
    )
    assert "maxLength: 777" not in render_openapi(doc)  # its operations are now in the cache
    assert "maxLength: 777" in render_openapi(edited)
    _assert_same_as_private_build(edited)


def test_renaming_path_parameters_never_changes_a_shared_operation():
    """Equivalent path templates (/x/{a} and /x/{b}) are written under the first one: the second
    operation's parameter is renamed in a copy, the shared operation keeps its own name."""
    doc = _doc()
    ep = next(e for e in doc.api.endpoints if "{" in e.path and e.method != "GET")
    alone = _with_endpoints(doc, [ep])
    own = shared_openapi_document(alone)["paths"][ep.path][ep.method.lower()]
    names_before = [p["name"] for p in own["parameters"] if p["in"] == "path"]
    renamed_path = ep.path.replace("{", "{other_")
    twin = ep.model_copy(update={"path": renamed_path, "method": "GET", "operation_id": "twinGet"})
    both = _with_endpoints(doc, [twin, ep])
    _assert_same_as_private_build(both)
    written = shared_openapi_document(both)["paths"][renamed_path][ep.method.lower()]
    assert [p["name"] for p in written["parameters"] if p["in"] == "path"] != names_before
    assert [p["name"] for p in own["parameters"] if p["in"] == "path"] == names_before


def test_shared_contracts_equal_private_builds_across_a_shuffled_corpus():
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        from prompts import corpus
    finally:
        sys.path.pop(0)
    prompts = corpus()
    random.Random(11).shuffle(prompts)
    for prompt in prompts[:40]:
        _assert_same_as_private_build(generate(prompt))
