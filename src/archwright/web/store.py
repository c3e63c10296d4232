"""Where the web app keeps generated documents: SQLite by default, PostgreSQL on request.

One small data layer over two DB-API drivers. The schema is created and upgraded by numbered
migrations recorded in ``schema_migrations``, applied in one transaction at start-up (under an
advisory lock on PostgreSQL, so two workers starting together do not race).

Each document is stored with every rendered file, so a download returns exactly the bytes that
were generated even after archwright's renderers change; the architecture JSON is kept as text.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

Dialect = Literal["sqlite", "postgresql"]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents and their files",
        sqlite=(
            """CREATE TABLE documents (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 id TEXT NOT NULL UNIQUE,
                 created_at TEXT NOT NULL,
                 product_name TEXT NOT NULL,
                 verification_passed INTEGER NOT NULL,
                 archwright_version TEXT NOT NULL,
                 document_json TEXT NOT NULL
               )""",
            """CREATE TABLE document_files (
                 document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                 name TEXT NOT NULL,
                 content TEXT NOT NULL,
                 PRIMARY KEY (document_id, name)
               )""",
        ),
        postgresql=(
            """CREATE TABLE documents (
                 seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                 id TEXT NOT NULL UNIQUE,
                 created_at TIMESTAMPTZ NOT NULL,
                 product_name TEXT NOT NULL,
                 verification_passed BOOLEAN NOT NULL,
                 archwright_version TEXT NOT NULL,
                 document_json TEXT NOT NULL
               )""",
            """CREATE TABLE document_files (
                 document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                 name TEXT NOT NULL,
                 content TEXT NOT NULL,
                 PRIMARY KEY (document_id, name)
               )""",
        ),
    ),
)

# Arbitrary constant: the key of the advisory lock that serializes migrations on PostgreSQL.
_PG_MIGRATION_LOCK = 0x61726368


class InvalidCursor(ValueError):
    """A pagination cursor that this store did not issue."""


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    created_at: str
    product_name: str
    verification_passed: bool
    archwright_version: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    items: list[DocumentSummary]
    next_cursor: str | None


def encode_cursor(seq: int) -> str:
    raw = json.dumps({"v": 1, "before": seq}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise InvalidCursor("cursor is not one this API issued") from None
    if not isinstance(data, dict) or data.get("v") != 1:
        raise InvalidCursor("cursor is not one this API issued")
    before = data.get("before")
    if not isinstance(before, int) or isinstance(before, bool) or before < 1:
        raise InvalidCursor("cursor is not one this API issued")
    return before


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return str(value)


class Store:
    """Documents in SQLite (``sqlite:///path`` or a data dir) or PostgreSQL (``postgresql://``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith(("postgresql://", "postgres://")):
            self.dialect: Dialect = "postgresql"
            self._ph = "%s"
        elif url.startswith("sqlite:///"):
            self.dialect = "sqlite"
            self._ph = "?"
            self.path = Path(url[len("sqlite:///") :])
        else:
            raise ValueError(
                f"unsupported database URL {url.split(':', 1)[0]!r}: "
                "use postgresql://… or sqlite:///path"
            )
        self._local = threading.local()
        self._conns: list[Any] = []
        self._lock = threading.Lock()
        self.migrate()

    @classmethod
    def from_settings(cls, database_url: str | None, data_dir: Path) -> Store:
        if database_url:
            return cls(database_url)
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{(data_dir / 'archwright.sqlite3').resolve()}")

    # ------------------------------------------------------------------ connections
    def _connect(self) -> Any:
        if self.dialect == "postgresql":
            import psycopg

            return psycopg.connect(self.url, autocommit=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are opened explicitly in _tx, so DDL in a migration
        # is transactional too (the sqlite3 module's implicit mode would autocommit it).
        conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA journal_mode = WAL")  # readers do not wait for the writer
        return conn

    @contextmanager
    def _tx(self, *, write_lock: bool = False) -> Iterator[Any]:
        """A cursor in one transaction on this thread's connection (one per worker thread)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        try:
            cur = conn.cursor()
            if self.dialect == "sqlite":
                cur.execute("BEGIN IMMEDIATE" if write_lock else "BEGIN")
            yield cur
            conn.commit()
        except BaseException:
            conn.rollback()
            raise

    def close(self) -> None:
        with self._lock:
            for conn in self._conns:
                with contextlib.suppress(Exception):  # best effort at shutdown
                    conn.close()
            self._conns.clear()
        self._local = threading.local()

    def _sql(self, text: str) -> str:
        return text.replace("?", self._ph)

    # ------------------------------------------------------------------ migrations
    def migrate(self) -> list[int]:
        """Apply pending migrations; returns the versions applied now."""
        applied: list[int] = []
        with self._tx(write_lock=True) as cur:
            if self.dialect == "postgresql":
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_MIGRATION_LOCK,))
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            cur.execute("SELECT version FROM schema_migrations")
            done = {row[0] for row in cur.fetchall()}
            for m in MIGRATIONS:
                if m.version in done:
                    continue
                for statement in m.sqlite if self.dialect == "sqlite" else m.postgresql:
                    cur.execute(statement)
                cur.execute(
                    self._sql(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"
                    ),
                    (m.version, m.name, _iso(datetime.now(UTC))),
                )
                applied.append(m.version)
        return applied

    def schema_version(self) -> int:
        with self._tx() as cur:
            cur.execute("SELECT MAX(version) FROM schema_migrations")
            row = cur.fetchone()
        return int(row[0] or 0)

    # ------------------------------------------------------------------ documents
    def save(
        self,
        *,
        document_json: str,
        files: dict[str, str],
        product_name: str,
        verification_passed: bool,
        archwright_version: str,
    ) -> DocumentSummary:
        # Storage id, not document output: the document itself stays deterministic.
        doc_id = str(uuid.uuid4())
        now = datetime.now(UTC)
        created: Any = now if self.dialect == "postgresql" else _iso(now)
        passed: Any = (
            verification_passed if self.dialect == "postgresql" else int(verification_passed)
        )
        with self._tx(write_lock=True) as cur:
            cur.execute(
                self._sql(
                    "INSERT INTO documents (id, created_at, product_name, verification_passed,"
                    " archwright_version, document_json) VALUES (?, ?, ?, ?, ?, ?)"
                ),
                (doc_id, created, product_name, passed, archwright_version, document_json),
            )
            cur.executemany(
                self._sql(
                    "INSERT INTO document_files (document_id, name, content) VALUES (?, ?, ?)"
                ),
                [(doc_id, name, text) for name, text in sorted(files.items())],
            )
        return DocumentSummary(
            id=doc_id,
            created_at=_iso(now),
            product_name=product_name,
            verification_passed=verification_passed,
            archwright_version=archwright_version,
            files=tuple(sorted(files)),
        )

    def _files_of(self, cur: Any, ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {i: [] for i in ids}
        if not ids:
            return out
        marks = ", ".join([self._ph] * len(ids))
        cur.execute(
            f"SELECT document_id, name FROM document_files WHERE document_id IN ({marks})"
            " ORDER BY document_id, name",
            tuple(ids),
        )
        for doc_id, name in cur.fetchall():
            out[doc_id].append(name)
        return out

    def get(self, doc_id: str) -> tuple[DocumentSummary, str] | None:
        """The summary and architecture JSON text of one document, or None."""
        with self._tx() as cur:
            cur.execute(
                self._sql(
                    "SELECT id, created_at, product_name, verification_passed,"
                    " archwright_version, document_json FROM documents WHERE id = ?"
                ),
                (doc_id,),
            )
            row = cur.fetchone()
            if row is None:
                return None
            files = self._files_of(cur, [doc_id])[doc_id]
        summary = DocumentSummary(
            id=row[0],
            created_at=_iso(row[1]),
            product_name=row[2],
            verification_passed=bool(row[3]),
            archwright_version=row[4],
            files=tuple(files),
        )
        return summary, row[5]

    def get_file(self, doc_id: str, name: str) -> str | None:
        # Looked up by exact name among the stored files: a name such as "../x" simply matches
        # nothing, so no path ever reaches a file system.
        with self._tx() as cur:
            cur.execute(
                self._sql("SELECT content FROM document_files WHERE document_id = ? AND name = ?"),
                (doc_id, name),
            )
            row = cur.fetchone()
        return None if row is None else row[0]

    def get_files(self, doc_id: str) -> dict[str, str]:
        with self._tx() as cur:
            cur.execute(
                self._sql(
                    "SELECT name, content FROM document_files WHERE document_id = ? ORDER BY name"
                ),
                (doc_id,),
            )
            return {name: content for name, content in cur.fetchall()}

    def list(self, *, limit: int, cursor: str | None = None) -> Page:
        """Newest first; ``cursor`` continues after the last item of the previous page."""
        before = decode_cursor(cursor) if cursor else None
        with self._tx() as cur:
            sql = (
                "SELECT seq, id, created_at, product_name, verification_passed, archwright_version"
                " FROM documents"
            )
            params: tuple[Any, ...] = ()
            if before is not None:
                sql += " WHERE seq < ?"
                params = (before,)
            sql += " ORDER BY seq DESC LIMIT ?"
            cur.execute(self._sql(sql), (*params, limit + 1))
            rows = cur.fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            files = self._files_of(cur, [r[1] for r in rows])
        items = [
            DocumentSummary(
                id=r[1],
                created_at=_iso(r[2]),
                product_name=r[3],
                verification_passed=bool(r[4]),
                archwright_version=r[5],
                files=tuple(files[r[1]]),
            )
            for r in rows
        ]
        return Page(items=items, next_cursor=encode_cursor(rows[-1][0]) if more and rows else None)
