"""The contract the gate builds is the one `generate --out` writes, and the sharing never serves
a stale contract: the cache key covers every input of the builder."""

from __future__ import annotations

import yaml

from archwright import generate
from archwright.render import openapi
from archwright.render.openapi import openapi_document, render_openapi, shared_openapi_document
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
