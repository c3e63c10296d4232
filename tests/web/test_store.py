"""The data layer on both backends: SQLite (default) and a real PostgreSQL server."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from tests.web.support import make_client

from archwright.web.store import MIGRATIONS, InvalidCursor, Store, decode_cursor, encode_cursor


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path):
    if request.param == "sqlite":
        s = Store.from_settings(None, tmp_path / "data")
    else:
        import psycopg

        # a fresh database per test, so every test starts from an empty schema
        base = request.getfixturevalue("postgres_url")
        name = "aw_" + uuid.uuid4().hex[:12]
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        s = Store(base.rsplit("/", 1)[0] + "/" + name)
    yield s
    s.close()


def _save(store: Store, name: str = "Shop", files: dict[str, str] | None = None):
    return store.save(
        document_json='{"k": 1}',
        files=files or {"architecture.md": "# x\n", "diagrams/system.mmd": "graph TD\n"},
        product_name=name,
        verification_passed=True,
        archwright_version="0.1.0",
    )


def test_migrations_are_recorded_and_idempotent(store: Store):
    assert store.schema_version() == MIGRATIONS[-1].version
    assert store.migrate() == []  # a second start applies nothing
    assert Store(store.url).migrate() == []


def test_save_get_and_files_round_trip(store: Store):
    text = "emoji 🚀, quotes \"'`, <script>, NUL-free\n" * 100
    s = _save(
        store, "Name 'quoted' 🚀", {"architecture.md": text, "diagrams/erd.mmd": "erDiagram\n"}
    )
    summary, body = store.get(s.id)
    assert summary.product_name == "Name 'quoted' 🚀"
    assert summary.files == ("architecture.md", "diagrams/erd.mmd")
    assert body == '{"k": 1}'
    assert store.get_file(s.id, "architecture.md") == text
    assert store.get_files(s.id) == {"architecture.md": text, "diagrams/erd.mmd": "erDiagram\n"}
    assert summary.created_at.endswith("Z")


def test_lookups_by_exact_name_only(store: Store):
    s = _save(store)
    for name in ["../architecture.md", "diagrams/../architecture.md", "ARCHITECTURE.MD", "%", "_"]:
        assert store.get_file(s.id, name) is None
    assert store.get("missing") is None
    assert store.get("' OR '1'='1") is None


def test_pagination_newest_first(store: Store):
    ids = [_save(store, f"p{i}").id for i in range(5)]
    page = store.list(limit=3)
    assert [d.id for d in page.items] == ids[::-1][:3]
    rest = store.list(limit=3, cursor=page.next_cursor)
    assert [d.id for d in rest.items] == ids[::-1][3:]
    assert rest.next_cursor is None


def test_cursor_codec():
    assert decode_cursor(encode_cursor(42)) == 42
    for bad in ["", "x", "eyJ2IjoxfQ", "eyJ2IjoxLCJiZWZvcmUiOnRydWV9", "%%%"]:
        with pytest.raises(InvalidCursor):
            decode_cursor(bad)


def test_sqlite_is_the_default_under_the_data_dir(tmp_path: Path, monkeypatch):
    from archwright.web.app import Settings

    monkeypatch.setenv("ARCHWRIGHT_DATA_DIR", str(tmp_path / "dd"))
    monkeypatch.delenv("ARCHWRIGHT_DATABASE_URL", raising=False)
    settings = Settings.from_env()
    store = Store.from_settings(settings.database_url, settings.data_dir)
    assert store.dialect == "sqlite"
    assert (tmp_path / "dd" / "archwright.sqlite3").is_file()
    store.close()


def test_unknown_database_url_is_refused():
    with pytest.raises(ValueError, match="unsupported database URL"):
        Store("mysql://localhost/db")


def test_api_on_postgresql(postgres_url: str, tmp_path: Path):
    import psycopg

    name = "aw_api_" + uuid.uuid4().hex[:8]
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = postgres_url.rsplit("/", 1)[0] + "/" + name
    with make_client(tmp_path, database_url=url) as c:
        assert c.get("/healthz").json()["store"] == "postgresql"
        created = c.post("/v1/documents", json={"prompt": "A ticketing system for IT support"})
        assert created.status_code == 201, created.text
        doc_id = created.json()["id"]
        assert c.get(f"/v1/documents/{doc_id}").json()["document"] == created.json()["document"]
        md = c.get(f"/v1/documents/{doc_id}/files/architecture.md")
        assert md.status_code == 200 and md.text.startswith("# ")
        assert c.get("/v1/documents").json()["data"][0]["id"] == doc_id
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT version, name FROM schema_migrations").fetchall()
        assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
