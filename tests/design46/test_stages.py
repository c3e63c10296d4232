"""Behaviour of Stages 4-6 on the seed's stress tests and on hostile input."""

from __future__ import annotations

import re

import yaml

from archwright import generate
from archwright.render.ddl import render_ddl
from archwright.render.files import render_files
from archwright.render.mermaid import label


def _paths(doc):
    return {(e.method, e.path) for e in doc.api.endpoints}


def test_stress4_social_endpoint_set(corpus_docs):
    doc = corpus_docs["st4_social"]
    eps = doc.api.endpoints
    paths = _paths(doc)
    assert any(p.startswith("/v1/auth/login") for _, p in paths)
    assert any(p.startswith("/v1/auth/register") for _, p in paths)
    assert any(m == "PATCH" and "/users/" in p for m, p in paths)  # profile
    post = {m for m, p in paths if re.fullmatch(r"/v1/posts(/\{[a-z_]+\})?", p)}
    assert {"POST", "GET", "PATCH", "DELETE"} <= post  # post CRUD
    feed = next(e for e in eps if e.path == "/v1/feed")
    assert feed.pagination == "cursor"
    assert {"cursor", "limit"} <= {q.name for q in feed.request.query_params}
    assert {("POST", "follow"), ("DELETE", "follow")} <= {
        (e.method, e.path.rsplit("/", 1)[-1]) for e in eps
    }
    assert any(e.method == "POST" and e.path.endswith("/likes") for e in eps)
    assert any(e.method == "POST" and e.path.endswith("/comments") for e in eps)
    assert any("stream" in e.path for e in eps if "notification" in e.path)


def test_every_endpoint_has_the_seed_template(corpus_docs):
    for name, doc in corpus_docs.items():
        for e in doc.api.endpoints:
            where = f"{name} {e.method} {e.path}"
            assert e.path.startswith("/v1/"), where
            assert e.required_role and e.rate_limit.requests > 0, where
            assert len(e.responses.errors) >= 4, where
            assert {429, 500} <= {r.status for r in e.responses.errors}, where
            assert e.responses.success.reason, where
            if e.responses.success.status != 204:
                assert e.responses.success.body, where
            if e.method in ("POST", "PUT", "PATCH"):
                assert e.request.body is not None, where
            if e.pagination:
                assert {"limit"} <= {q.name for q in e.request.query_params}, where


def test_login_hides_which_credential_was_wrong_and_sets_strict_cookie(corpus_docs):
    doc = corpus_docs["st4_social"]
    login = next(e for e in doc.api.endpoints if e.path == "/v1/auth/login")
    err401 = next(r for r in login.responses.errors if r.status == 401)
    assert "same message" in err401.condition.lower()
    cookie = next(h for h in login.responses.success.headers if h.name == "Set-Cookie")
    for flag in ("HttpOnly", "Secure", "SameSite=Strict"):
        assert flag in cookie.example
    assert login.rate_limit.scope == "ip" and login.rate_limit.requests <= 20


def test_money_writes_take_idempotency_keys(corpus_docs):
    for doc in corpus_docs.values():
        for d in doc.domain.endpoints:
            if d.money or d.critical:
                ep = next(
                    e
                    for e in doc.api.endpoints
                    if e.path == "/v1" + d.path and e.method == d.method
                )
                assert ep.idempotency_key
                assert any(h.name == "Idempotency-Key" for h in ep.request.headers)


def test_websocket_and_asyncapi_only_at_realtime_four(corpus_docs):
    for name, doc in corpus_docs.items():
        rt = doc.signals.behavior.real_time_intensity.score
        files = render_files(doc)
        if rt >= 4:
            ws = doc.api.websocket
            assert ws is not None, name
            assert ws.heartbeat and ws.reconnection and ws.auth_handshake and ws.lifecycle
            assert {m.direction for m in ws.messages} == {"client_to_server", "server_to_client"}
            spec = yaml.safe_load(files["asyncapi.yaml"])
            assert spec["asyncapi"] == "3.0.0"
        else:
            assert doc.api.websocket is None, name
            assert "asyncapi.yaml" not in files, name
        if rt < 3:
            assert "WebSocket" not in (doc.overview.tech_stack[6].technology or ""), name


def _overview(signals):
    """Stages 2-4 on crafted Stage 1 signals (independent of how intake reads a prompt)."""
    from archwright.decide import select_architecture, select_data_strategy
    from archwright.design.overview import build_overview
    from archwright.design.stack import select_stack
    from archwright.intake.generic import generic_domain

    domain = generic_domain("test")
    arch = select_architecture(signals, domain)
    data = select_data_strategy(signals, domain)
    stack = select_stack(signals, arch, data)
    return build_overview(signals, domain, arch, data, stack), stack


def test_stress7_diagram_has_persistent_websocket_and_rds_proxy():
    from tests.factories import signals_with

    s = signals_with(
        **{
            "behavior.real_time_intensity": 4,
            "constraints.cloud_provider": "aws",
            "data.relationships": "highly_relational",
            "data.consistency": "strong",
        }
    ).model_copy(update={"stated_stack": ["AWS Lambda", "PostgreSQL", "WebSockets"]})
    overview, _ = _overview(s)
    diagram = overview.system_diagram
    assert "RDS Proxy" in diagram
    rt = next(n for n in overview.topology.nodes if n.kind == "realtime")
    assert "WebSocket" in rt.technology and "Lambda" not in rt.technology
    assert re.search(r"persistent", f"{rt.label} {rt.technology}", re.I)
    assert any(e.target == "db_proxy" for e in overview.topology.edges)


def test_stress1_names_crdt_and_websocket_and_no_kafka():
    from tests.factories import signals_with

    s = signals_with(
        **{
            "product.team_size": "solo",
            "product.archetype": "collaborative_editor",
            "behavior.real_time_intensity": 5,
            "behavior.write_intensity": 5,
            "behavior.compute_intensity": 4,
        }
    ).model_copy(update={"stated_stack": ["Kafka"]})
    overview, stack = _overview(s)
    text = " ".join(f"{r.layer} {r.technology}" for r in overview.tech_stack)
    assert "Kafka" not in text.replace("Kafka (rejected)", "")
    assert stack.queue.technology == "BullMQ"
    assert "WebSocket" in (stack.realtime.technology or "")
    assert re.search(r"Yjs|Automerge", text)
    assert "Kubernetes" not in text


def test_tech_stack_has_sixteen_rows_and_no_empty_cell(corpus_docs):
    for name, doc in corpus_docs.items():
        rows = doc.overview.tech_stack
        assert len(rows) >= 16, name
        for r in rows:
            for cell in (
                r.layer,
                r.technology,
                r.version_tier,
                r.justification,
                r.alternative_considered,
            ):
                assert cell.strip(), (name, r.layer)
            if not r.needed:
                assert r.justification.startswith("Not needed"), (name, r.layer)
        assert {e.name for e in doc.overview.environments} == {
            "local",
            "development",
            "staging",
            "production",
        }


def test_schema_conventions(corpus_docs):
    for name, doc in corpus_docs.items():
        s = doc.schema_
        assert {t.entity for t in s.tables} == {e.name for e in doc.domain.entities}, name
        for t in s.tables:
            cols = {c.name: c for c in t.fields}
            assert cols["id"].type == "UUID" and cols["id"].default == "gen_random_uuid()"
            assert cols["created_at"].type == cols["updated_at"].type == "TIMESTAMPTZ"
            for c in t.fields:
                if c.references:
                    assert any(ix.fields[0] == c.name for ix in t.indexes), (name, t.name, c.name)
                assert c.type.upper() not in ("REAL", "FLOAT", "DOUBLE PRECISION") or not re.search(
                    r"price|amount|total|cost|fee", c.name
                )
            for ix in t.indexes:
                assert ix.justification
        pii_tables = {t.entity for t in s.tables if t.contains_pii}
        assert pii_tables <= {lc.entity for lc in s.lifecycle}, name
        assert "erDiagram" in s.erd


def test_hostile_text_never_reaches_identifiers_unescaped(corpus_docs):
    for name in ("hostile_mix", "hostile_long_name", "hostile_sql"):
        doc = corpus_docs[name]
        files = render_files(doc)
        for rel, text in files.items():
            if rel.endswith(".mmd"):
                assert "<script" not in text and "%%" not in text and "`" not in text, rel
        sql = render_ddl(doc)
        for line in sql.splitlines():
            if "DROP TABLE" in line:
                assert line.startswith("--") or "COMMENT ON" in line, line


def test_mermaid_label_escapes_everything_dangerous():
    text = label('a"]-->b %% `x` <script> #quot; 🎉')
    for bad in ('"', "]", "-->", "%%", "`", "<", ">"):
        assert bad not in text
    assert "🎉" not in text and "#127881;" in text


def test_stress1_prompt_names_crdt_websocket_and_bullmq(corpus_docs):
    doc = corpus_docs["st1_collab_editor"]
    if doc.signals.behavior.real_time_intensity.score < 4:
        return  # intake did not read it as real-time >= 4; covered by the factory test above
    text = " ".join(f"{r.layer} {r.technology}" for r in doc.overview.tech_stack)
    assert re.search(r"Yjs|Automerge", text)
    assert "WebSocket" in text
    assert "Apache Kafka" not in text
    assert "asyncapi.yaml" in render_files(doc)


def test_point_columns_are_indexed_with_gist():
    """PostgreSQL has no btree operator class for POINT: such an index fails on apply."""
    doc = generate("Ride-sharing app with live driver locations on a map, payments via Stripe")
    points = {(t.name, c.name) for t in doc.schema_.tables for c in t.fields if c.type == "POINT"}
    indexed = [
        (t.name, ix)
        for t in doc.schema_.tables
        for ix in t.indexes
        if (t.name, ix.fields[0]) in points
    ]
    assert indexed, "the archetype indexes a location column"
    assert all(ix.type == "gist" for _, ix in indexed), indexed
