#!/usr/bin/env python3
"""Side-by-side: ``archwright lint-openapi`` against ``spectral lint`` on the same OpenAPI files.

Spectral runs with ``spectral:oas`` plus the OWASP API Security ruleset
(``benchmarks/spectral/ruleset.yaml``); both tools run as the command a CI step would call, cold,
``--runs`` times per file (median reported). The file set is archwright's own generated contracts
(a few varied prompts) and public specs from the ``@readme/oas-examples`` npm package (MIT,
https://github.com/readmeio/oas-examples), installed with Spectral by ``npm ci`` under
``benchmarks/spectral`` — nothing is committed or downloaded at run time beyond the registry.

For findings, each tool's rules are grouped into topics (``TOPICS``): a topic counts for a tool on
a file when that tool reports at least one finding in it, so the table shows what each tool sees
that the other misses, file by file.

    python benchmarks/spectral_compare.py [--runs 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPECTRAL_DIR = ROOT / "benchmarks" / "spectral"
SPECTRAL = SPECTRAL_DIR / "node_modules" / ".bin" / "spectral"
RULESET = SPECTRAL_DIR / "ruleset.yaml"
EXAMPLES = SPECTRAL_DIR / "node_modules" / "@readme" / "oas-examples"

GENERATED_PROMPTS = {
    "gen-social": "Build me a backend for a social app",
    "gen-trading": "It's a financial trading platform where users execute real-time stock "
    "trades. We want to use MongoDB.",
    "gen-hipaa": "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed. "
    "Users are doctors accessing patient records.",
    "gen-marketplace": "An online marketplace for handmade furniture with Stripe payments and "
    "seller payouts",
}
# (name, path inside @readme/oas-examples); the package is MIT-licensed
PUBLIC = [
    ("pub-train-travel-3.1", "3.1/yaml/train-travel.yaml"),
    ("pub-petstore-3.1", "3.1/yaml/petstore.yaml"),
    ("pub-webhooks-3.1", "3.1/yaml/webhooks.yaml"),
    ("pub-petstore-expanded-3.0", "3.0/yaml/petstore-expanded.yaml"),
    ("pub-uspto-3.0", "3.0/yaml/uspto.yaml"),
    ("pub-security-3.0", "3.0/yaml/security.yaml"),
]

# topic -> (archwright codes, Spectral rule-name prefixes)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "spec validity / structure": (
        ("AW-ART-001", "AW-API-002"),
        (
            "oas3-schema",
            "oas3-valid",
            "path-params",
            "oas3-unused-component",
            "no-$ref-siblings",
            "duplicated-entry-in-enum",
            "typed-enum",
            "path-keys-no-trailing-slash",
            "path-declarations-must-exist",
            "no-eval-in-markdown",
            "no-script-tags-in-markdown",
            "oas3-server-not-example.com",
            "oas3-server-trailing-slash",
            "oas3-operation-security-defined",
            "operation-operationId-unique",
            "operation-parameters",
            "array-items",
        ),
    ),
    "error responses (401/429/500, count, envelope)": (
        ("AW-API-003", "AW-API-004", "AW-API-006"),
        (
            "owasp:api8:2023-define-error-responses",
            "owasp:api8:2023-define-error-validation",
            "owasp:api4:2023-rate-limit-responses-429",
            "operation-success-response",
        ),
    ),
    "rate limiting headers": (
        ("AW-OAS-002",),
        ("owasp:api4:2023-rate-limit", "owasp:api4:2023-rate-limit-retry-after"),
    ),
    "authentication / security declared": (
        ("AW-OAS-001",),
        (
            "owasp:api2:2023-write-restricted",
            "owasp:api2:2023-read-restricted",
            "owasp:api2:2023-auth-insecure-schemes",
            "owasp:api2:2023-jwt-best-practices",
            "owasp:api2:2023-no-api-keys-in-url",
            "owasp:api2:2023-no-credentials-in-url",
            "owasp:api2:2023-no-http-basic",
            "owasp:api2:2023-short-lived-access-tokens",
            "owasp:api5:2023-admin-security-unique",
        ),
    ),
    "sensitive data in URLs / responses": (
        ("AW-API-010", "AW-SEC-009"),
        ("owasp:api3:2023-no-additionalProperties", "owasp:api3:2023-constrained-additional"),
    ),
    "resource limits (maxLength, maxItems, integer bounds)": (
        (),
        (
            "owasp:api4:2023-array-limit",
            "owasp:api4:2023-string-limit",
            "owasp:api4:2023-string-restricted",
            "owasp:api4:2023-integer-limit",
            "owasp:api4:2023-integer-format",
        ),
    ),
    "pagination on list operations": (("AW-API-008",), ()),
    "idempotency keys on money writes": (("AW-API-009",), ()),
    "versioned paths": (("AW-API-007",), ()),
    "transport & servers (https, CORS, inventory)": (
        (),
        (
            "owasp:api8:2023-no-scheme-http",
            "owasp:api8:2023-no-server-http",
            "owasp:api8:2023-define-cors-origin",
            "owasp:api9:2023-inventory-access",
            "owasp:api9:2023-inventory-environment",
            "owasp:api1:2023-no-numeric-ids",
            "owasp:api7:2023-concerning-url-parameter",
        ),
    ),
    "documentation hygiene (descriptions, tags, contact)": (
        (),
        (
            "info-",
            "operation-description",
            "operation-tags",
            "operation-tag-defined",
            "openapi-tags",
            "tag-description",
            "oas3-api-servers",
            "oas3-parameter-description",
            "operation-operationId",
            "oas3-examples-value-or-externalValue",
            "oas3-valid-media-example",
            "oas3-valid-schema-example",
            "contact-properties",
            "license-url",
        ),
    ),
}


def topic_of_aw(code: str) -> str:
    for topic, (aw, _) in TOPICS.items():
        if code in aw:
            return topic
    return f"other ({code})"


def topic_of_spectral(rule: str) -> str:
    best = ""
    for topic, (_, prefixes) in TOPICS.items():
        for p in prefixes:
            if (rule == p or rule.startswith(p)) and len(p) > len(best):
                best, found = p, topic
    return found if best else f"other ({rule})"


def ensure_spectral() -> None:
    if SPECTRAL.exists() and EXAMPLES.exists():
        return
    if shutil.which("npm") is None:
        sys.exit("npm is required (make test-deps installs Node)")
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=SPECTRAL_DIR, check=True
    )


def collect_files(tmp: Path) -> list[tuple[str, Path, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from archwright import generate
    from archwright.render.files import render_files

    out = []
    for name, prompt in GENERATED_PROMPTS.items():
        text = render_files(generate(prompt))["openapi.yaml"]
        path = tmp / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        out.append((name, path, "archwright generate (this repo)"))
    for name, rel in PUBLIC:
        src = EXAMPLES / rel
        path = tmp / f"{name}.yaml"
        shutil.copyfile(src, path)
        out.append((name, path, f"@readme/oas-examples {rel} (MIT)"))
    return out


def timed(cmd: list[str], runs: int) -> tuple[float, subprocess.CompletedProcess[str]]:
    times = []
    proc = None
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    assert proc is not None
    return statistics.median(times), proc


def archwright_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("archwright")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "archwright"]


def run(runs: int) -> dict:
    ensure_spectral()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        files = collect_files(Path(d))
        for name, path, source in files:
            aw_s, aw = timed(
                [*archwright_cmd(), "lint-openapi", str(path), "--format", "json"], runs
            )
            if aw.returncode not in (0, 1):
                raise SystemExit(f"archwright lint-openapi failed on {name}: {aw.stderr.strip()}")
            # -o: Spectral exits before a piped stdout over 64 KiB is flushed
            sp_out = Path(d) / f"{name}.spectral.json"
            sp_s, sp = timed(
                [
                    str(SPECTRAL),
                    "lint",
                    "-q",
                    "-r",
                    str(RULESET),
                    "-f",
                    "json",
                    "-o",
                    str(sp_out),
                    str(path),
                ],
                runs,
            )
            if sp.returncode not in (0, 1):
                raise SystemExit(f"spectral failed on {name}: {sp.stderr.strip()[:300]}")
            aw_findings = json.loads(aw.stdout or "[]")
            aw_findings = (
                aw_findings.get("findings", aw_findings)
                if isinstance(aw_findings, dict)
                else aw_findings
            )
            sp_findings = json.loads(sp_out.read_text(encoding="utf-8") or "[]")
            aw_topics: dict[str, int] = {}
            for f in aw_findings:
                t = topic_of_aw(f["code"])
                aw_topics[t] = aw_topics.get(t, 0) + 1
            sp_topics: dict[str, int] = {}
            for f in sp_findings:
                t = topic_of_spectral(f["code"])
                sp_topics[t] = sp_topics.get(t, 0) + 1
            rows.append(
                {
                    "file": name,
                    "source": source,
                    "bytes": path.stat().st_size,
                    "archwright_s": round(aw_s, 3),
                    "spectral_s": round(sp_s, 3),
                    "ratio": round(sp_s / aw_s, 1) if aw_s else None,
                    "archwright_findings": len(aw_findings),
                    "spectral_findings": len(sp_findings),
                    "spectral_errors": sum(1 for f in sp_findings if f.get("severity") == 0),
                    "both": sorted(set(aw_topics) & set(sp_topics)),
                    "archwright_only": sorted(set(aw_topics) - set(sp_topics)),
                    "spectral_only": sorted(set(sp_topics) - set(aw_topics)),
                    "archwright_topics": aw_topics,
                    "spectral_topics": sp_topics,
                }
            )
    return {"runs": runs, "machine": machine(), "files": rows}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {sys.version.split()[0]}"


def print_report(report: dict) -> None:
    print(f"# archwright lint-openapi vs spectral lint — {report['machine']}")
    print(f"# median of {report['runs']} cold runs per file (each tool as its CLI)\n")
    print(
        f"{'file':<28}{'KB':>6}{'archwright s':>14}{'spectral s':>12}{'x faster':>10}"
        f"{'aw findings':>13}{'sp findings':>13}"
    )
    for r in report["files"]:
        print(
            f"{r['file']:<28}{r['bytes'] / 1024:>6.0f}{r['archwright_s']:>14.3f}"
            f"{r['spectral_s']:>12.3f}{r['ratio']:>10.1f}{r['archwright_findings']:>13}"
            f"{r['spectral_findings']:>13}"
        )
    print("\nfindings by topic (a topic counts when the tool reports ≥ 1 finding in it):")
    for r in report["files"]:
        print(f"- {r['file']} ({r['source']})")
        print(f"    both:            {', '.join(r['both']) or '—'}")
        print(f"    archwright only: {', '.join(r['archwright_only']) or '—'}")
        print(f"    spectral only:   {', '.join(r['spectral_only']) or '—'}")
    slower = [r["file"] for r in report["files"] if r["archwright_s"] >= r["spectral_s"]]
    print(
        "\nlint-openapi faster than Spectral on every file"
        if not slower
        else f"\nlint-openapi NOT faster on: {', '.join(slower)}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the report as JSON")
    args = ap.parse_args(argv)
    report = run(args.runs)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
