"""The HTTP API against its own governance: status codes, envelope, headers, pagination."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from tests.web.support import make_client

ENVELOPE_KEYS = {"error", "message", "request_id", "timestamp", "details"}


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ENVELOPE_KEYS
    assert body["error"] == code
    assert re.fullmatch(r"[A-Z][A-Z0-9_]*", body["error"])
    assert body["message"]
    assert body["request_id"] == response.headers["x-request-id"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["timestamp"])
    assert isinstance(body["details"], list)
    return body


def create(client, prompt: str = "Build me a backend for a social app", **options):
    return client.post("/v1/documents", json={"prompt": prompt, "options": options})


def test_create_returns_201_location_id_and_document(client):
    r = create(client)
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"/v1/documents/{body['id']}"
    doc = body["document"]
    assert doc["input"]["prompt"] == "Build me a backend for a social app"
    assert {"signals", "architecture", "data_strategy", "verification"} <= set(doc)
    names = {f["name"] for f in body["files"]}
    assert {"architecture.md", "architecture.json", "architecture.html"} <= names
    # the stored architecture.json is exactly what the API returned
    stored = client.get(f"/v1/documents/{body['id']}/files/architecture.json")
    assert json.loads(stored.text) == doc
    assert stored.headers["content-type"].startswith("application/json")
    assert "attachment" in stored.headers["content-disposition"]
    report = client.get(f"/v1/documents/{body['id']}/files/architecture.html")
    assert report.status_code == 200
    assert report.text.startswith("<!DOCTYPE html>")
    assert report.headers["content-type"].startswith("text/html")
    assert report.headers["content-disposition"] == 'attachment; filename="architecture.html"'


def test_every_renderer_file_is_downloadable_and_zipped(client):
    from archwright import generate
    from archwright.render.files import render_files

    body = create(client).json()
    expected = render_files(generate("Build me a backend for a social app"))
    for name, text in expected.items():
        r = client.get(f"/v1/documents/{body['id']}/files/{name}")
        assert r.status_code == 200, name
        assert r.text == text, name
    z = client.get(f"/v1/documents/{body['id']}/architecture.zip")
    assert z.status_code == 200
    assert z.headers["content-type"] == "application/zip"
    members = zipfile.ZipFile(io.BytesIO(z.content)).namelist()
    assert sorted(members) == sorted(f"architecture/{n}" for n in [*expected, "architecture.html"])
    # fixed timestamps: the same document zips to the same bytes
    assert client.get(f"/v1/documents/{body['id']}/architecture.zip").content == z.content


def test_ids_are_unique_per_stored_document_while_documents_are_deterministic(client):
    a, b = create(client).json(), create(client).json()
    assert a["id"] != b["id"]
    assert a["document"] == b["document"]


def test_get_document_and_unknown_id(client):
    created = create(client).json()
    got = client.get(f"/v1/documents/{created['id']}")
    assert got.status_code == 200
    assert got.json()["document"] == created["document"]
    assert_envelope(client.get("/v1/documents/does-not-exist"), 404, "NOT_FOUND")
    missing = client.get(f"/v1/documents/{created['id']}/files/nope.txt")
    assert_envelope(missing, 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "name",
    [
        "..%2F..%2Fetc%2Fpasswd",
        "%2E%2E/architecture.md",
        "diagrams/..%2F..%2Farchitecture.md",
        "/etc/passwd",
        "..%5Carchitecture.md",
    ],
)
def test_no_path_traversal_in_downloads(client, name):
    doc_id = create(client).json()["id"]
    r = client.get(f"/v1/documents/{doc_id}/files/{name}")
    assert r.status_code == 404
    assert "root:" not in r.text


@pytest.mark.parametrize("prompt", ["", "   ", "\n\t"])
def test_empty_prompt_is_422_with_envelope(client, prompt):
    body = assert_envelope(create(client, prompt), 422, "VALIDATION_ERROR")
    assert body["details"][0]["field"] == "prompt"


def test_schema_violations_are_422(client):
    assert_envelope(client.post("/v1/documents", json={}), 422, "VALIDATION_ERROR")
    bad = client.post("/v1/documents", json={"prompt": "x app", "options": {"colour": "red"}})
    body = assert_envelope(bad, 422, "VALIDATION_ERROR")
    assert any("colour" in d["field"] for d in body["details"])
    not_json = client.post(
        "/v1/documents", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert_envelope(not_json, 422, "VALIDATION_ERROR")


def test_oversize_body_is_413_with_and_without_content_length(client):
    big = json.dumps({"prompt": "x" * 100_000}).encode()
    assert_envelope(
        client.post("/v1/documents", content=big, headers={"content-type": "application/json"}),
        413,
        "PAYLOAD_TOO_LARGE",
    )

    def chunks():
        for _ in range(20):
            yield b"x" * 10_000

    chunked = client.post(
        "/v1/documents", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_envelope(chunked, 413, "PAYLOAD_TOO_LARGE")


def test_prompt_over_the_core_limit_is_422(client):
    r = create(client, "word " * 8000)  # 40 KB: under the body cap, over the 32 KiB prompt cap
    body = assert_envelope(r, 422, "VALIDATION_ERROR")
    assert "32 KiB" in body["message"]


def test_cursor_pagination_walks_every_document_once(client):
    ids = [create(client, f"A note taking app number {i}").json()["id"] for i in range(5)]
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        r = client.get("/v1/documents", params=params)
        assert r.status_code == 200
        body = r.json()
        assert set(body) == {"data", "pagination"}
        assert len(body["data"]) <= 2
        seen += [d["id"] for d in body["data"]]
        pages += 1
        cursor = body["pagination"]["next_cursor"]
        assert body["pagination"]["has_more"] == (cursor is not None)
        if cursor is None:
            break
    assert pages == 3
    assert seen == list(reversed(ids))  # newest first, nothing repeated or skipped


@pytest.mark.parametrize(
    "cursor", ["zzz", "eyJ2IjoyfQ", "e30", "!!!!", "eyJ2IjoxLCJiZWZvcmUiOi0xfQ"]
)
def test_bad_cursor_is_400(client, cursor):
    assert_envelope(client.get("/v1/documents", params={"cursor": cursor}), 400, "INVALID_CURSOR")


@pytest.mark.parametrize("limit", [0, 101, -1])
def test_limit_out_of_range_is_422(client, limit):
    assert_envelope(client.get("/v1/documents", params={"limit": limit}), 422, "VALIDATION_ERROR")


def test_rate_limit_is_429_with_retry_after(tmp_path: Path):
    with make_client(tmp_path, rate_limit_per_minute=2, rate_limit_burst=2) as c:
        assert create(c).status_code == 201
        assert create(c).status_code == 201
        r = create(c)
        assert_envelope(r, 429, "RATE_LIMITED")
        assert int(r.headers["retry-after"]) >= 1
        # reads are not rate limited like generation
        assert c.get("/v1/documents").status_code == 200


def test_rate_limiter_refills_over_time():
    from archwright.web.http import RateLimiter

    limiter = RateLimiter(rate_per_minute=60, burst=1)
    assert limiter.check("a", now=0.0)[0]
    allowed, _, retry = limiter.check("a", now=0.1)
    assert not allowed and retry == 1
    assert limiter.check("b", now=0.1)[0]  # per client
    assert limiter.check("a", now=1.2)[0]


def test_request_id_on_every_response_and_echoed_when_safe(client):
    for r in [
        client.get("/"),
        client.get("/v1/documents"),
        client.get("/v1/documents/nope"),
        client.get("/openapi.json"),
        client.post("/v1/documents", json={"prompt": ""}),
    ]:
        assert re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", r.headers["x-request-id"])
    echoed = client.get("/v1/documents", headers={"X-Request-ID": "trace-123"})
    assert echoed.headers["x-request-id"] == "trace-123"
    hostile = client.get("/v1/documents", headers={"X-Request-ID": "<script>" + "x" * 100})
    assert hostile.headers["x-request-id"] != "<script>" + "x" * 100


def test_security_headers_on_pages_api_and_errors(client):
    for r in [client.get("/"), client.get("/v1/documents/nope"), client.get("/static/app.js")]:
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "'unsafe-eval'" not in csp
        assert "script-src 'self' 'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_unknown_route_and_method_use_the_envelope(client):
    assert_envelope(client.get("/v1/nothing-here"), 404, "NOT_FOUND")
    assert_envelope(client.delete("/v1/documents"), 405, "METHOD_NOT_ALLOWED")


def test_openapi_is_valid_and_documents_the_api(client):
    spec = client.get("/openapi.json").json()
    validate(spec)
    paths = spec["paths"]
    assert {
        "/v1/documents",
        "/v1/documents/{doc_id}",
        "/v1/documents/{doc_id}/files/{name}",
    } <= set(paths)
    post = paths["/v1/documents"]["post"]
    assert {"201", "413", "422", "429"} <= set(post["responses"])
    assert "ErrorEnvelope" in spec["components"]["schemas"]
    # the HTML pages are not part of the API contract
    assert "/" not in paths


def test_options_reach_the_generator(client):
    r = create(client, "Build me a backend for a social app", set={"product.team_size": "20+"})
    assert r.status_code == 201, r.text
    doc = r.json()["document"]
    assert doc["input"]["options"]["set"] == {"product.team_size": "20+"}


def test_llm_option_is_refused_unless_the_server_allows_it(client):
    r = create(client, "A booking app for dentists", llm="openai:gpt-4o-mini")
    body = assert_envelope(r, 422, "LLM_DISABLED")
    assert body["details"][0]["field"] == "options.llm"
    # null (the default) is the offline engine
    assert create(client, "A booking app for dentists", llm=None).status_code == 201


def test_a_crash_is_a_500_envelope_with_the_request_id(tmp_path: Path, monkeypatch, caplog):
    from fastapi.testclient import TestClient

    import archwright.api
    from archwright.web.app import Settings, create_app

    def boom(*args, **kwargs):
        raise RuntimeError("stage bug")

    monkeypatch.setattr(archwright.api, "generate", boom)
    app = create_app(Settings(data_dir=tmp_path))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = create(c)
        body = assert_envelope(r, 500, "INTERNAL_ERROR")
        assert body["request_id"] in body["message"]
        assert "stage bug" not in r.text  # internals are logged, not shown
        page = c.post("/documents", data={"prompt": "A shop"})
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert any("stage bug" in str(rec.exc_info) for rec in caplog.records)
