"""Command-line interface: a thin wrapper over :mod:`archwright.api`.

stdout carries a document only with ``--json``; progress and errors go to stderr.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from archwright._version import __version__
from archwright.errors import ArchwrightError, InputError

app = typer.Typer(
    name="archwright",
    help="Turn a product description into a technical architecture document and its artifacts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(exc: ArchwrightError) -> NoReturn:
    err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
    raise typer.Exit(exc.exit_code)


def _version(value: bool) -> None:
    if value:
        print(f"archwright {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """archwright — architecture documents from product descriptions."""


def read_prompt(prompt: str | None, file: Path | None) -> str:
    """The prompt from the argument, ``-`` (stdin) or ``--file``; InputError when unusable."""
    if prompt is not None and file is not None:
        raise InputError("give the prompt either as an argument or with --file, not both")
    if file is not None:
        if str(file) == "-":
            return _read_stdin()
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{file}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{file}: is a directory, expected a text file") from None
        except OSError as exc:
            raise InputError(f"{file}: cannot read: {exc.strerror or exc}") from None
        return _decode(raw, str(file))
    if prompt is None:
        raise InputError('no prompt: pass "PROMPT", --file FILE, or "-" to read stdin')
    if prompt == "-":
        return _read_stdin()
    return prompt


def _read_stdin() -> str:
    if sys.stdin is None or sys.stdin.closed:
        raise InputError("stdin is closed; nothing to read")
    return _decode(sys.stdin.buffer.read(), "stdin")


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw:
        raise InputError(f"{where}: contains NUL bytes — expected UTF-8 text, not a binary file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise InputError(f"{where}: is empty — describe the product to design")
    return text


def parse_sets(items: list[str] | None, option: str = "--set") -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        field, sep, value = item.partition("=")
        if not sep or not field.strip() or not value.strip():
            raise InputError(
                f"{option} {item!r}: expected FIELD=VALUE, e.g. product.team_size=5-20"
            )
        out[field.strip()] = value.strip()
    return out


@app.command()
def generate(
    prompt: Annotated[
        str | None, typer.Argument(help='The product description, or "-" to read stdin.')
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the prompt from a UTF-8 text file.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the files.")] = Path(
        "architecture"
    ),
    json_: Annotated[
        bool, typer.Option("--json", help="Print architecture.json to stdout; write nothing else.")
    ] = False,
    llm: Annotated[
        str | None,
        typer.Option(
            "--llm",
            envvar="ARCHWRIGHT_LLM",
            help="Optional PROVIDER:MODEL (openai, anthropic, ollama, vllm, llamacpp, lmstudio) "
            "that proposes signals and domain models; the rules still decide.",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Endpoint of an OpenAI-compatible or Anthropic server for --llm "
            "(default: the provider's; env ARCHWRIGHT_LLM_BASE_URL).",
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a Stage 1 field: FIELD=VALUE (repeatable)."),
    ] = None,
    html: Annotated[
        bool,
        typer.Option("--html", help="Also write a self-contained architecture.html (offline)."),
    ] = False,
    what_if: Annotated[
        list[str] | None,
        typer.Option(
            "--what-if",
            help="Show which decisions would change if FIELD were VALUE (repeatable); "
            "prints the comparison and writes nothing.",
        ),
    ] = None,
) -> None:
    """Generate an architecture document and its artifacts."""
    from archwright.api import generate as api_generate
    from archwright.render.files import render_file_bytes, write_files
    from archwright.render.memo import document_scope

    try:
        text = read_prompt(prompt, file)
        overrides = parse_sets(set_)
        if base_url and not llm:
            raise InputError("--base-url needs --llm PROVIDER:MODEL")
        options = {"llm_base_url": base_url} if base_url else None
        changes = parse_sets(what_if, option="--what-if")
        # the files are written from the very contract and DDL the gate validated
        with document_scope():
            doc = api_generate(text, overrides=overrides or None, llm=llm or None, options=options)
            for note in doc.generator.notes if llm else ():
                err.print(f"llm: {note}", markup=False, highlight=False)
            if changes:
                from archwright.api import stack_decisions
                from archwright.decide.diff import format_diff
                from archwright.decide.diff import what_if as run_what_if

                said, rows = run_what_if(doc.signals, doc.domain, changes, stack_decisions)
                sys.stdout.write("what if " + "; ".join(said) + ":\n" + format_diff(rows))
                raise typer.Exit(0)
            if json_:
                sys.stdout.write(doc.to_json())
            else:
                files = render_file_bytes(doc)
                if html:
                    from archwright.render.html import MERMAID_MISSING, mermaid_js, render_html

                    files["architecture.html"] = render_html(doc).encode()
                    if mermaid_js() is None:
                        err.print(f"warning: {MERMAID_MISSING}", markup=False)
                write_files(files, out)
                err.print(f"wrote {len(files)} files to {out}/")
    except ArchwrightError as exc:
        _fail(exc)
    status = "VERIFICATION PASSED" if doc.verification.passed else "VERIFICATION FAILED"
    err.print(f"{status} ({len(doc.verification.checks)} checks)")
    raise typer.Exit(0 if doc.verification.passed else 1)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=0, max=65535)] = 8000,
) -> None:
    """Serve the web page and the HTTP API (documents kept under ARCHWRIGHT_DATA_DIR, default
    ./.archwright, or in PostgreSQL when ARCHWRIGHT_DATABASE_URL is set)."""
    try:
        from archwright.web.app import Settings
        from archwright.web.app import serve as run_server
    except ImportError as exc:  # the web extra is optional
        raise InputError(
            f"the web server needs the 'web' extra: pip install 'archwright[web]' ({exc.name})"
        ) from None
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        raise InputError(f"bad ARCHWRIGHT_* setting: {exc}") from None
    err.print(f"archwright {__version__} serving on http://{host}:{port}/ (Ctrl-C to stop)")
    run_server(host, port, settings)


@app.command()
def diff(
    before: Annotated[Path, typer.Argument(help="The first architecture.json.")],
    after: Annotated[Path, typer.Argument(help="The second architecture.json.")],
) -> None:
    """Print the decisions that differ between two architecture.json files.

    Exit 0 when no decision differs, 1 when some do (like diff(1)), 2 on bad input."""
    from archwright.decide.diff import (
        decisions_from_json,
        diff_decisions,
        format_diff,
        load_document,
    )

    try:
        a = decisions_from_json(load_document(before))
        b = decisions_from_json(load_document(after))
    except ArchwrightError as exc:
        _fail(exc)
    rows = diff_decisions(a, b)
    sys.stdout.write(format_diff(rows))
    raise typer.Exit(1 if rows else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of architecture.json."""
    import json

    from archwright.models.document import ArchitectureDocument

    sys.stdout.write(
        json.dumps(ArchitectureDocument.model_json_schema(mode="serialization"), indent=2) + "\n"
    )


@app.command()
def batch(
    prompts: Annotated[
        Path, typer.Argument(help='JSONL file: {"id": ..., "prompt": ...} per line.')
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for one folder per id.")
    ] = Path("architectures"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Generate one document per line of a JSONL file, in parallel; re-runs skip finished ids."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from rich.table import Table

    from archwright.batch import run_batch

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = progress.add_task("generating", total=None)
    try:
        with progress:
            summary = run_batch(
                prompts,
                out,
                jobs=jobs,
                on_start=lambda n: progress.update(task, total=n),
                on_result=lambda _o: progress.advance(task),
            )
    except ArchwrightError as exc:
        _fail(exc)
    table = Table(title=f"batch: {prompts}", show_edge=False)
    table.add_column("result")
    table.add_column("documents", justify="right")
    for status in ("passed", "failed_gate", "bad_input", "skipped"):
        table.add_row(status.replace("_", " "), str(summary.count(status)))
    err.print(table)
    for o in summary.outcomes:
        if o.status in ("failed_gate", "bad_input"):
            err.print(f"  {o.id} (line {o.line}): {o.status.replace('_', ' ')}: {o.message}")
    raise typer.Exit(summary.exit_code)


@app.command()
def mcp() -> None:
    """Serve archwright to coding agents over MCP (stdio): generate, verify, lint OpenAPI."""
    try:
        from archwright.mcp_server import serve
    except ImportError as exc:
        _fail(
            InputError(f"the MCP server needs the mcp extra: pip install 'archwright[mcp]' ({exc})")
        )
    serve()


class _Format(StrEnum):
    text = "text"
    json = "json"


class _LintFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


@app.command("verify")
def verify_cmd(
    document: Annotated[Path, typer.Argument(help="An architecture.json to re-verify.")],
    format_: Annotated[_Format, typer.Option("--format", help="Report format.")] = _Format.text,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the verified (fixed) document to this JSON file."),
    ] = None,
) -> None:
    """Re-run the Stage 10 gate on an (edited) architecture.json; exit 1 when it fails."""
    from archwright.api import verify as api_verify
    from archwright.verify.report import format_json, format_text

    try:
        raw = document.read_bytes() if str(document) != "-" else sys.stdin.buffer.read()
    except FileNotFoundError:
        _fail(InputError(f"{document}: no such file"))
    except OSError as exc:
        _fail(InputError(f"{document}: cannot read: {exc.strerror or exc}"))
    try:
        import json as _json

        data = _json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        _fail(InputError(f"{document}: not JSON ({str(exc).splitlines()[0]})"))
    if not isinstance(data, dict):
        _fail(InputError(f"{document}: not an archwright document (expected a JSON object)"))
    try:
        doc = api_verify(data)
    except ArchwrightError as exc:
        _fail(exc)
    v = doc.verification
    sys.stdout.write(format_json(v) if format_ is _Format.json else format_text(v))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(doc.to_json(), encoding="utf-8", newline="\n")
    raise typer.Exit(0 if v.passed else 1)


@app.command("checks")
def checks_cmd(
    format_: Annotated[_Format, typer.Option("--format", help="Output format.")] = _Format.text,
) -> None:
    """List every verification check: code, name, area, fix, summary."""
    import json as _json

    from archwright.verify.registry import default_registry

    rows = [
        {
            "code": c.code,
            "name": c.name,
            "area": c.area,
            "severity": c.severity,
            "fixable": c.fixable(),
            "summary": c.title(),
        }
        for c in default_registry()
    ]
    if format_ is _Format.json:
        sys.stdout.write(_json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    for r in rows:
        fix = "fix" if r["fixable"] else "   "
        sys.stdout.write(f"{r['code']:<11} {fix} {r['name']:<48} {r['summary']}\n")


@app.command("explain")
def explain_cmd(
    code: Annotated[str, typer.Argument(help="A check code (AW-API-003) or name.")],
) -> None:
    """Print a check's documentation: message, anti-pattern, best practice."""
    from archwright.verify.registry import default_registry

    check = default_registry().get(code)
    if check is None:
        _fail(InputError(f"unknown check {code!r}; `archwright checks` lists them"))
    head = f"{check.code} {check.name} ({check.area}, {check.severity}"
    head += ", fixable)" if check.fixable() else ")"
    sys.stdout.write(f"{head}\n\n{check.description()}\n")


@app.command("lint-openapi")
def lint_openapi_cmd(
    files: Annotated[list[Path], typer.Argument(help="OpenAPI 3.x files (YAML or JSON).")],
    format_: Annotated[
        _LintFormat, typer.Option("--format", help="text, json, or sarif (for CI).")
    ] = _LintFormat.text,
) -> None:
    """Apply the API governance checks to existing OpenAPI files; exit 1 on any finding."""
    import json as _json

    from archwright.verify.openapi_lint import format_json, format_text, lint_file, to_sarif

    findings = []
    try:
        for f in files:
            findings += lint_file(f)
    except ArchwrightError as exc:
        _fail(exc)
    if format_ is _LintFormat.json:
        sys.stdout.write(format_json(findings))
    elif format_ is _LintFormat.sarif:
        sys.stdout.write(_json.dumps(to_sarif(findings), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(findings, len(files)))
    raise typer.Exit(1 if findings else 0)


def run() -> None:
    try:
        app()
    except ArchwrightError as exc:  # raised outside a command body
        err.print(f"error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: one line by default, the traceback on request
        if os.environ.get("ARCHWRIGHT_DEBUG"):
            raise
        err.print(
            f"internal error: {type(exc).__name__}: {exc} (set ARCHWRIGHT_DEBUG=1 for details)"
        )
        sys.exit(3)
