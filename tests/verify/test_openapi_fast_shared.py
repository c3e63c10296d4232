"""The fast validator's caches for frozen (shared, never-changed) parts give the verdicts of a
walk from scratch: on the renderer's shared contracts, and on broken or mutated documents whose
every object is declared frozen (so each fact learnt is reused wherever it could be)."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from tests.verify.test_openapi_fast import AGREED, PROMPTS, STRICTER, _break, _mutate

from archwright import generate
from archwright.render.memo import document_scope
from archwright.render.openapi import is_shared_part, openapi_document, shared_openapi_document
from archwright.verify.openapi_fast import fast_openapi_errors


def _everything(obj: object) -> bool:
    return True


@pytest.fixture(scope="module")
def docs() -> list[Any]:
    return [generate(p) for p in PROMPTS]


@pytest.fixture(scope="module")
def specs(docs) -> list[dict[str, Any]]:
    return [openapi_document(d) for d in docs]


def test_shared_contracts_same_verdict_with_and_without_facts(docs):
    for _ in range(2):  # the second round reuses every fact learnt in the first
        for doc in docs:
            with document_scope():
                spec = shared_openapi_document(doc)
                assert fast_openapi_errors(spec, frozen=is_shared_part) == []
                assert fast_openapi_errors(spec) == []


def test_renderer_marks_shared_parts_only(docs):
    doc = docs[0]
    shared = shared_openapi_document(doc)
    fresh = openapi_document(doc)
    assert fresh == shared
    ops = [op for item in shared["paths"].values() for op in item.values()]
    assert any(is_shared_part(op) for op in ops)
    assert is_shared_part(shared["components"]["schemas"]["Error"])
    assert all(is_shared_part(r) for r in shared["components"]["responses"].values())
    assert all(is_shared_part(h) for h in shared["components"]["headers"].values())
    # a contract the caller may change has no shared part
    assert not is_shared_part(fresh)
    assert not any(is_shared_part(op) for item in fresh["paths"].values() for op in item.values())
    assert not any(is_shared_part(s) for s in fresh["components"]["schemas"].values())


@pytest.mark.parametrize("how", AGREED + STRICTER)
def test_breakage_caught_after_the_clean_original_was_learnt(specs, how):
    # learn every part of the clean contract (as frozen), then break a copy: each changed part
    # is a new object, and its content differs from any clean one, so no fact may hide the error
    assert fast_openapi_errors(specs[0], frozen=_everything) == []
    broken = _break(specs[0], how)
    expected = fast_openapi_errors(broken)
    assert expected
    assert fast_openapi_errors(broken, frozen=_everything) == expected
    assert fast_openapi_errors(broken, frozen=_everything) == expected  # facts reused


def test_broken_schema_content_is_not_taken_for_a_clean_one(specs):
    spec = copy.deepcopy(specs[0])
    ops = [op for item in spec["paths"].values() for op in item.values() if "parameters" in op]
    param = ops[0]["parameters"][0]
    assert fast_openapi_errors(spec, frozen=_everything) == []
    # equal content in a new object reuses the verdict; a changed content does not
    param["schema"] = copy.deepcopy(param["schema"])
    assert fast_openapi_errors(spec, frozen=_everything) == []
    param["schema"] = {**param["schema"], "type": "strin"}
    errors = fast_openapi_errors(spec, frozen=_everything)
    assert errors and errors == fast_openapi_errors(spec)


def test_random_mutations_same_verdict_with_facts(specs):
    rng = random.Random(20261129)
    for i in range(80):
        mutated = _mutate(specs[i % len(specs)], rng)
        expected = fast_openapi_errors(mutated)
        assert fast_openapi_errors(mutated, frozen=_everything) == expected
