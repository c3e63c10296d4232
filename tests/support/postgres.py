"""A real PostgreSQL server for the test session, and a fresh database per DDL document.

Debian's ``postgresql`` package (installed by ``scripts/install-test-deps.sh``); the server
refuses to run as root, so it is initialised and started as ``postgres`` via ``runuser``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def _bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL server binaries not found: run `bash scripts/install-test-deps.sh`"
        )
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    bindir: Path
    port: int
    sock: Path
    counter: int = 0

    def _as_pg(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def psql(self, *args: str, database: str = "postgres", stdin: str | None = None):
        return subprocess.run(
            [
                *self._as_pg(),
                str(self.bindir / "psql"),
                "-X",
                "-q",
                "-h",
                str(self.sock),
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                *args,
            ],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def apply(self, sql: str) -> str | None:
        """Apply ``sql`` in one transaction to a fresh database; None on success, else stderr."""
        self.counter += 1
        db = f"aw_doc_{self.counter}"
        made = self.psql("-c", f'CREATE DATABASE "{db}"')
        if made.returncode != 0:
            raise RuntimeError(made.stderr)
        res = self.psql("--single-transaction", "-f", "-", database=db, stdin=sql)
        self.psql("-c", f'DROP DATABASE "{db}"')
        return None if res.returncode == 0 else res.stderr.strip()


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="aw-pg46-"))
    root.chmod(0o777)
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    sock.chmod(0o777)
    port = _free_port()
    server = PgServer(bindir=bindir, port=port, sock=sock)
    as_pg = server._as_pg()
    subprocess.run(
        [
            *as_pg,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    opts = f"-k {sock} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off"
    subprocess.run(
        [
            *as_pg,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(data / "log"),
            "-w",
            "-o",
            opts,
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield server
    finally:
        subprocess.run(
            [*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
