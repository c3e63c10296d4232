"""Fixtures' machinery for the web tests: a real `archwright serve`, a real PostgreSQL, Debian's
Chromium. Each FAILS (never skips) when its tool is missing: `make test` installs them."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def make_client(tmp_path: Path, **settings: object):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from archwright.web.app import Settings, create_app

    return TestClient(create_app(Settings(data_dir=tmp_path / "data", **settings)))  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(env_extra: dict[str, str] | None = None) -> Iterator[tuple[str, Path]]:
    """`archwright serve` on a free loopback port, as users start it; yields (base URL, data
    dir)."""
    port = free_port()
    data = tempfile.mkdtemp(prefix="aw-web-")
    env = {**os.environ, "ARCHWRIGHT_DATA_DIR": data, **(env_extra or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "archwright", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"archwright serve exited early:\n{out}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("archwright serve did not answer /healthz within 30 s")
            time.sleep(0.1)
        yield base, Path(data)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(data, ignore_errors=True)


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL server binaries not found: run `bash scripts/install-test-deps.sh`"
        )
    return found[-1].parent


@contextlib.contextmanager
def running_postgres() -> Iterator[str]:
    """A throw-away PostgreSQL server on loopback; yields a connection URL."""
    bindir = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="aw-pg-"))
    root.chmod(0o777)
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    sock.chmod(0o777)
    port = free_port()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
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
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: run `bash scripts/install-test-deps.sh`")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
