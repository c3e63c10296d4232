"""A 201's Location example names a URL of the contract: the collection the POST went to plus
the new id (or the singular sub-resource itself), never a path built from the table name."""

from __future__ import annotations

import re

import pytest

from archwright import catalog
from archwright.api import generate

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _locations(doc):
    for ep in doc.api.endpoints:
        for h in ep.responses.success.headers:
            if h.name == "Location":
                yield ep, h.example


@pytest.mark.parametrize("archetype", sorted(a.id for a in catalog.archetypes()))
def test_location_is_the_posted_collection_plus_the_new_id(archetype):
    doc = generate("Build the product.", overrides={"product.archetype": archetype})
    seen = 0
    for ep, url in _locations(doc):
        seen += 1
        assert ep.method == "POST"
        posted = re.sub(r"\{[^{}]+\}", "{}", ep.path)
        as_template = _UUID.sub("{}", url)
        assert as_template in (posted, posted + "/{}"), (ep.path, url)
    assert seen, "every archetype creates something"


def test_a_kebab_case_collection_keeps_its_route():
    doc = generate("employee scheduling app for retail stores with shift swaps")
    urls = {ep.path: url for ep, url in _locations(doc)}
    assert urls["/v1/shift-assignments"].startswith("/v1/shift-assignments/")
    assert "shift_assignments" not in "".join(urls.values())


def test_a_singular_sub_resource_is_its_own_location():
    doc = generate("Build me a backend for a social app.")
    urls = {ep.path: url for ep, url in _locations(doc)}
    follow = [p for p in urls if p.endswith("/follow")]
    assert follow, sorted(urls)
    assert not _UUID.search(urls[follow[0]].rsplit("/follow", 1)[1] or "x")
    assert urls[follow[0]].endswith("/follow")
