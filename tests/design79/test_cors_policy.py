"""Stage 7's CORS policy: the product's own origin only, the API's own methods and headers,
traced to the platform targets — and the OpenAPI contract pins the same origin."""

from __future__ import annotations

import pytest

from archwright import generate
from archwright.render.openapi import CORS_HEADER, openapi_document


@pytest.fixture(scope="module")
def store():
    return generate("An online store for handmade furniture with card payments, web and iOS.")


def test_policy_allows_the_products_web_app_with_credentials(store):
    cors = store.security.cors
    assert cors is not None
    (origin,) = cors.allowed_origins
    assert origin.startswith("https://app.") and origin.endswith(".example")
    assert "*" not in cors.allowed_origins and cors.allow_credentials
    assert 0 < cors.max_age_seconds <= 7200  # Chromium caps a preflight cache at 2 h


def test_policy_covers_every_method_and_header_the_api_uses(store):
    cors = store.security.cors
    methods = {ep.method for ep in store.api.endpoints}
    assert methods <= set(cors.allowed_methods)
    assert "OPTIONS" in cors.allowed_methods
    if any(ep.idempotency_key for ep in store.api.endpoints):
        assert store.api.governance.idempotency.header in cors.allowed_headers
    assert {"Authorization", "Content-Type"} <= set(cors.allowed_headers)


def test_rationale_cites_the_stage1_field_it_follows():
    web = generate("A web dashboard for a bakery's orders").security.cors
    native = generate("An iOS and Android app for runners to log runs; no website").security.cors
    assert web.rationale.startswith("product.platform_targets = ")
    assert "web app is the one browser origin" in web.rationale
    assert "no web client" in native.rationale


def test_openapi_contract_pins_the_policys_origin(store):
    spec = openapi_document(store)
    assert (
        spec["components"]["headers"][CORS_HEADER]["schema"]["const"]
        == (store.security.cors.allowed_origins[0])
    )
    # a document whose policy names another origin gets that origin in its contract
    other = store.model_copy(deep=True)
    other.security.cors.allowed_origins = ["https://shop.example.com"]
    spec = openapi_document(other)
    assert spec["components"]["headers"][CORS_HEADER]["schema"]["const"] == (
        "https://shop.example.com"
    )


def test_markdown_shows_the_policy(store):
    md = store.to_markdown()
    assert "**CORS** — allowed origins: `" + store.security.cors.allowed_origins[0] + "`" in md
