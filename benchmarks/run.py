"""archwright benchmarks: `make bench` (or `python benchmarks/run.py [--quick]`).

Prints medians, on this machine, for each stage, the whole pipeline, the gate, artifact
rendering, in-process artifact validation, the CLI cold start, batch throughput at 1 and 2 jobs
and peak memory, over a corpus of >= 200 prompts. Figures only — no pass/fail: targets are
compared in the printed table, never asserted in unit tests.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prompts import corpus  # noqa: E402

# (module, function, label): the pipeline's stage functions, timed by wrapping them in place so
# the benchmark measures exactly what `archwright.generate` runs.
STAGES = [
    ("archwright.intake", "extract", "Stage 1 intake"),
    ("archwright.decide", "select_architecture", "Stage 2 pattern"),
    ("archwright.decide", "select_data_strategy", "Stage 3 data"),
    ("archwright.design.stack", "select_stack", "Stack selection"),
    ("archwright.design.overview", "build_overview", "Stage 4 overview"),
    ("archwright.design.api_contract", "build_api", "Stage 5 API"),
    ("archwright.design.schema", "build_schema", "Stage 6 schema"),
    ("archwright.design.security", "build_security", "Stage 7 security"),
    ("archwright.design.scalability", "build_scalability", "Stage 8 scalability"),
    ("archwright.design.operations", "build_operations", "Stage 9 operations"),
    ("archwright.decide.assumptions", "build_assumptions", "Assumptions + sensitivity"),
    ("archwright.verify", "run_gate", "Stage 10 gate"),
]

TARGETS_MS = {
    "Stages 1-3": 20.0,
    "Full pipeline (generate)": 50.0,
    "Full pipeline + Stage 4-6 artifacts": 50.0,
    "Full document (generate + all files)": 50.0,
    "Stage 10 gate": 15.0,
}


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB, Python {platform.python_version()} "
        f"({os.path.realpath(sys.executable)}), "
        f"{platform.system()} {platform.release()}, {date.today().isoformat()}"
    )


@contextlib.contextmanager
def timed_stages(sink: dict[str, list[float]]) -> Iterator[None]:
    patched: list[tuple[object, str, Callable]] = []

    def wrap(fn: Callable, label: str) -> Callable:
        def inner(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                sink[label].append((time.perf_counter() - t0) * 1000)

        return inner

    for module_name, attr, label in STAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        fn = getattr(module, attr, None)
        if fn is None:
            continue
        patched.append((module, attr, fn))
        setattr(module, attr, wrap(fn, label))
    try:
        yield
    finally:
        for module, attr, fn in patched:
            setattr(module, attr, fn)


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}" if values else "n/a"


def bench_pipeline(prompts: list[str]) -> tuple[dict[str, list[float]], list]:
    from archwright import generate
    from archwright.render.files import render_files, stage46_artifacts
    from archwright.render.memo import document_scope

    render_files(generate(prompts[0]))  # warm caches: knowledge, compiled patterns, templates
    rows: dict[str, list[float]] = defaultdict(list)
    docs = []
    for p in prompts:
        # as `generate --out` does: the files right after the document, in one document scope
        # (the writer reuses the contract and DDL the gate built and validated). First the
        # Stage 4-6 artifacts alone (openapi/asyncapi/graphql/sql/mmd), then every --out file.
        with document_scope():
            with timed_stages(rows):  # stage timers only around generate(), not the renderers
                t0 = time.perf_counter()
                doc = generate(p)
                t1 = time.perf_counter()
            t2 = time.perf_counter()
            stage46_artifacts(doc)
            t3 = time.perf_counter()
            render_files(doc)
            t4 = time.perf_counter()
        rows["Full pipeline (generate)"].append((t1 - t0) * 1000)
        rows["Full pipeline + Stage 4-6 artifacts"].append((t1 - t0 + t3 - t2) * 1000)
        rows["Artifact rendering (all files)"].append((t4 - t3) * 1000)
        rows["Full document (generate + all files)"].append((t1 - t0 + t4 - t3) * 1000)
        docs.append(doc)
    n = len(prompts)
    s123 = [
        sum(rows[label][i] for label in ("Stage 1 intake", "Stage 2 pattern", "Stage 3 data"))
        for i in range(n)
        if all(len(rows[lab]) == n for lab in ("Stage 1 intake", "Stage 2 pattern", "Stage 3 data"))
    ]
    rows["Stages 1-3"] = s123
    return rows, docs


def bench_validation(docs: list) -> dict[str, list[float]]:
    rows: dict[str, list[float]] = defaultdict(list)
    try:
        from openapi_spec_validator import validate
        from openapi_spec_validator.readers import read_from_filename  # noqa: F401

        from archwright.render.openapi import render_openapi
    except ImportError:
        render_openapi = None
    try:
        from archwright.render.ddl import render_ddl
    except ImportError:
        render_ddl = None
    import pglast
    import yaml

    for doc in docs:
        if render_openapi is not None and doc.api is not None:
            spec = yaml.safe_load(render_openapi(doc))
            t0 = time.perf_counter()
            validate(spec)
            rows["OpenAPI validation (openapi-spec-validator)"].append(
                (time.perf_counter() - t0) * 1000
            )
        if render_ddl is not None and doc.schema_ is not None:
            sql = render_ddl(doc)
            t0 = time.perf_counter()
            pglast.parse_sql(sql)
            rows["DDL parse (pglast)"].append((time.perf_counter() - t0) * 1000)
    return rows


def bench_cli(runs: int) -> dict[str, list[float]]:
    rows: dict[str, list[float]] = defaultdict(list)
    exe = Path(sys.executable).parent / "archwright"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "archwright"]
    for label, args in (
        ("CLI cold start: --version", ["--version"]),
        (
            "CLI cold start: generate --json",
            ["generate", "Build me a backend for a social app", "--json"],
        ),
    ):
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd + args, capture_output=True, check=False)
            rows[label].append((time.perf_counter() - t0) * 1000)
    return rows


def optional_modules_loaded() -> list[str]:
    """Model/MCP modules a plain `generate()` imports (the cold start stays free of them)."""
    code = (
        "import sys, archwright\n"
        "archwright.generate('Build me a backend for a social app')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('httpx', 'mcp', 'openai', 'anthropic') or m.startswith('archwright.llm'))))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return r.stdout.split() if r.returncode == 0 else [f"error: {r.stderr.strip()[-200:]}"]


def bench_batch(prompts: list[str]) -> dict[str, float]:
    """docs/s of `batch`: at 1 and 2 jobs in a warm process (a fresh interpreter per job count
    that has generated a few documents first; the workers are forked from it), and the
    `archwright batch --jobs 2` command from a cold start (interpreter, imports and each
    worker's first document included). Each warm run has its own fresh interpreter rather than
    this one or the other run's: workers forked from a process that has just written hundreds
    of documents inherit its heap, which the collector and copy-on-write then pay for, and its
    caches, warm with these very prompts — costs and gains no real `batch` run has. Before each
    run the file system is synced: each run writes ~450 MB, and the next one should pay the
    kernel for its own files only, not for flushing its predecessor's (on this VM's ext4 the
    system time of writing a document swings from ~2 to ~15 ms with the disk's backlog)."""
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text(
            "".join(json.dumps({"id": f"b{i}", "prompt": p}) + "\n" for i, p in enumerate(prompts))
        )
        for jobs in (1, 2):
            os.sync()
            warm = subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--batch-rates",
                    str(src),
                    tmp,
                    "--jobs",
                    str(jobs),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            rates.update(json.loads(warm.stdout.strip().splitlines()[-1]))
        exe = Path(sys.executable).parent / "archwright"
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "archwright"]
        os.sync()
        t0 = time.perf_counter()
        subprocess.run(
            [*cmd, "batch", str(src), "--out", str(Path(tmp) / "cold"), "--jobs", "2"],
            capture_output=True,
            check=False,
        )
        rates["--jobs 2, cold `archwright batch` command"] = len(prompts) / (
            time.perf_counter() - t0
        )
    return rates


def batch_rates(src: Path, tmp: Path, n: int) -> dict[str, float]:
    """(In a fresh interpreter of :func:`bench_batch`) warm up, then time `batch` at ``n``
    jobs."""
    from archwright.api import generate
    from archwright.batch import read_jobs, run_batch

    jobs, _ = read_jobs(src)
    for job in jobs[:20]:
        generate(job.prompt)
    cpu0 = _cpu()
    t0 = time.perf_counter()
    run_batch(src, tmp / f"out{n}", jobs=n)
    elapsed = time.perf_counter() - t0
    user, kernel = (after - before for after, before in zip(_cpu(), cpu0, strict=True))
    # CPU time tells a slower pipeline from a slower machine or file system: kernel time grows
    # when the file system is slow to create inodes (see the README's benchmark notes)
    return {
        f"--jobs {n}": len(jobs) / elapsed,
        f"CPU a document, --jobs {n}, user ms": user * 1000 / len(jobs),
        f"CPU a document, --jobs {n}, kernel ms": kernel * 1000 / len(jobs),
    }


def _cpu() -> tuple[float, float]:
    """User and kernel CPU seconds of this process and its reaped children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + kids.ru_utime, own.ru_stime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a few prompts, to check it runs")
    ap.add_argument("--batch-rates", nargs=2, metavar=("JSONL", "DIR"), help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.batch_rates:
        src, tmp = Path(args.batch_rates[0]), Path(args.batch_rates[1])
        print(json.dumps(batch_rates(src, tmp, args.jobs)))
        return
    prompts = corpus()
    if args.quick:
        prompts = prompts[:8]
    print(f"# archwright benchmark\n\nMachine: {machine()}\nPrompts: {len(prompts)}\n")
    rows, docs = bench_pipeline(prompts)
    rows.update(bench_validation(docs))
    rows.update(bench_cli(3 if args.quick else 15))
    print("| measure | median ms | target |")
    print("|---|---|---|")
    order = [
        "Stages 1-3",
        "Full pipeline (generate)",
        "Full pipeline + Stage 4-6 artifacts",
        "Full document (generate + all files)",
        "Artifact rendering (all files)",
    ] + [s[2] for s in STAGES]
    for label in order + [k for k in rows if k not in order]:
        if label in rows:
            target = TARGETS_MS.get(label)
            print(f"| {label} | {median_ms(rows[label])} | {f'<= {target:g}' if target else ''} |")
    loaded = optional_modules_loaded()
    print(
        "\nModel code loaded by generate() without --llm: "
        + (", ".join(loaded) if loaded else "none (no httpx, archwright.llm or mcp)")
    )
    del docs
    rates = bench_batch(prompts)
    print()
    for how, rate in rates.items():
        if how.startswith("CPU"):
            print(f"Batch {how}: {rate:.1f}")
        else:
            print(f"Batch throughput, {how}: {rate:.1f} docs/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory (benchmark process RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
