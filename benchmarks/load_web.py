"""Load benchmark of the web API: `python benchmarks/load_web.py [--clients 20] [--requests 200]`.

Starts `archwright serve` on a free loopback port (SQLite in a temporary data dir, or the
database in ARCHWRIGHT_DATABASE_URL), then runs a bounded number of `POST /v1/documents` from N
concurrent clients, each with its own connection, over varied prompts. Prints p50/p95/max
latency, throughput and errors. Target: 20 clients, 0 errors. Figures only: nothing is asserted.

The server's per-client rate limit is raised for the run (every client here shares one
address, 127.0.0.1); the limiter itself is exercised by the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prompts import corpus  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "ARCHWRIGHT_DATA_DIR": data_dir,
        "ARCHWRIGHT_RATE_LIMIT": "100000",
        "ARCHWRIGHT_RATE_BURST": "100000",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "archwright", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("archwright serve exited early")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("archwright serve did not start within 30 s")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200, help="total, across all clients")
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    args = parser.parse_args()

    prompts = corpus()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    next_index = 0

    def client() -> None:
        nonlocal next_index
        with httpx.Client(base_url=base, timeout=args.timeout) as http:
            while True:
                with lock:
                    if next_index >= args.requests:
                        return
                    i = next_index
                    next_index += 1
                prompt = prompts[i % len(prompts)]
                started = time.perf_counter()
                try:
                    r = http.post("/v1/documents", json={"prompt": prompt})
                    ok = r.status_code == 201
                    kind = "" if ok else f"HTTP {r.status_code} {r.text[:80]}"
                except httpx.HTTPError as exc:
                    ok, kind = False, type(exc).__name__
                elapsed = time.perf_counter() - started
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors[kind] += 1

    with tempfile.TemporaryDirectory(prefix="aw-load-") as data:
        proc, base = start_server(data)
        try:
            # one warm-up request: imports and the knowledge cache, not part of the figures
            httpx.post(f"{base}/v1/documents", json={"prompt": prompts[0]}, timeout=60)
            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            wall = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - wall
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    store = "PostgreSQL" if os.environ.get("ARCHWRIGHT_DATABASE_URL") else "SQLite"
    print(
        f"archwright serve load test — {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, store: {store}"
    )
    print(
        f"POST /v1/documents: {args.requests} requests from {args.clients} concurrent clients, "
        f"{len(prompts)} distinct prompts"
    )
    if latencies:
        ms = [x * 1000 for x in latencies]
        print(f"  ok        {len(latencies)}")
        print(f"  errors    {sum(errors.values())}")
        print(f"  p50       {statistics.median(ms):8.1f} ms")
        print(f"  p95       {pct(ms, 95):8.1f} ms")
        print(f"  max       {max(ms):8.1f} ms")
        print(f"  throughput {len(latencies) / wall:7.1f} documents/s over {wall:.1f} s")
    for kind, n in errors.most_common():
        print(f"  error x{n}: {kind}")
    print(
        "target: 20 clients, 0 errors —", "met" if not errors and args.clients >= 20 else "NOT met"
    )


if __name__ == "__main__":
    main()
