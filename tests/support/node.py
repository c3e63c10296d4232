"""The Node reference parsers (``tools/validators``), driven in batches from Python tests.

One process per batch keeps the suite fast: every Mermaid diagram in one ``node`` run, every
OpenAPI file in one Spectral run, every AsyncAPI file in one parser run. A missing tool is an
error (the tests fail), never a skip: ``make test`` installs them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "validators"
MODULES = TOOLS / "node_modules"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found: run `bash scripts/install-test-deps.sh`")
    return node


def _require(package: str) -> Path:
    path = MODULES / package
    if not path.exists():
        raise RuntimeError(
            f"{package} missing in tools/validators: run `bash scripts/install-test-deps.sh`"
        )
    return path


def mermaid_errors(diagrams: dict[str, str]) -> dict[str, str | None]:
    """{name: None if the real mermaid parser accepts the diagram, else its error}."""
    _require("mermaid")
    _require("jsdom")
    proc = subprocess.run(
        [_node(), str(TOOLS / "mermaid-check.mjs")],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        cwd=TOOLS,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"mermaid-check failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def spectral_results(files: list[Path], ruleset: Path | None = None) -> list[dict]:
    """Every Spectral result (all severities) for ``files`` in one run. ``ruleset`` must sit
    where Node resolves the packages it extends (``tools/validators``); default: ``spectral:oas``.
    Spectral truncates JSON on a piped stdout past 64 KiB, so results go through a file."""
    _require("@stoplight/spectral-cli")
    if not files:
        return []
    if ruleset is None:
        ruleset = files[0].parent / ".spectral.yaml"
        ruleset.write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
    out = files[0].parent / ".spectral-results.json"
    out.unlink(missing_ok=True)
    proc = subprocess.run(
        [
            str(MODULES / ".bin" / "spectral"),
            "lint",
            "-q",
            "-f",
            "json",
            "-o",
            str(out),
            "-r",
            str(ruleset),
            *[str(f) for f in files],
        ],
        capture_output=True,
        text=True,
        # ~250 contracts; a CI machine shared with other jobs can take several times the idle run
        timeout=1500,
    )
    text = out.read_text(encoding="utf-8").strip() if out.exists() else ""
    if not text.startswith("["):
        raise RuntimeError(f"spectral did not produce JSON: {proc.stderr[-2000:]} {text[:500]}")
    return json.loads(text)


def spectral_errors(files: list[Path], ruleset: Path | None = None) -> dict[str, list[str]]:
    """Spectral results of severity error, per file (one run for all files)."""
    result: dict[str, list[str]] = {str(f): [] for f in files}
    for item in spectral_results(files, ruleset):
        if item.get("severity") == 0:
            key = item.get("source", "?")
            path = ".".join(str(p) for p in item.get("path", []))
            result.setdefault(key, []).append(
                f"{item.get('code')}: {item.get('message')} at {path}"
            )
    return result


OWASP_RULESET = TOOLS / "spectral-owasp.yaml"


def spectral_owasp_results(files: list[Path]) -> list[dict]:
    """Spectral with ``spectral:oas`` plus the OWASP API Security ruleset (all severities)."""
    _require("@stoplight/spectral-owasp-ruleset")
    return spectral_results(files, OWASP_RULESET)


_ASYNCAPI_JS = r"""
import { Parser } from "@asyncapi/parser";
const parser = new Parser();
let input = "";
for await (const chunk of process.stdin) input += chunk;
const docs = JSON.parse(input);
const out = {};
for (const [name, text] of Object.entries(docs)) {
  const { document, diagnostics } = await parser.parse(text);
  const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join(".")}`);
  out[name] = document && errors.length === 0 ? null : errors.join(" | ") || "not parsed";
}
process.stdout.write(JSON.stringify(out));
"""


def _run_script(script: str, payload: object, package: str) -> object:
    """Run an ES-module ``script`` under ``tools/validators`` with ``payload`` as JSON on stdin;
    its JSON stdout, decoded."""
    _require(package)
    proc = subprocess.run(
        [_node(), "--input-type=module", "-e", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=TOOLS,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{package} script failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def asyncapi_errors(documents: dict[str, str]) -> dict[str, str | None]:
    """{name: None if @asyncapi/parser accepts the YAML document with no error diagnostics}."""
    return _run_script(_ASYNCAPI_JS, documents, "@asyncapi/parser")  # type: ignore[return-value]


_YAML_JS = r"""
import yaml from "js-yaml";
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map((text) => {
  try { return { value: yaml.load(text) }; } catch (e) { return { error: String(e.message) }; }
});
process.stdout.write(JSON.stringify(out));
"""


def js_yaml_load(texts: list[str]) -> list[dict]:
    """Each text read by js-yaml 4 (a YAML 1.2 reader, as Spectral's and most Node tools are):
    ``{"value": ...}`` or ``{"error": message}``, in order, in one ``node`` run."""
    return _run_script(_YAML_JS, texts, "js-yaml")  # type: ignore[return-value]
