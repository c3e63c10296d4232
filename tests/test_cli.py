"""The command line as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "archwright"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    return subprocess.run(
        [*CLI, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False
    )


def test_version():
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.decode().startswith("archwright ")


def test_generate_writes_files(tmp_path):
    out = tmp_path / "doc"
    r = run("generate", "Build me a backend for a social app", "--out", str(out))
    assert r.returncode in (0, 1), r.stderr.decode()
    assert (out / "architecture.md").read_text().startswith("# ")
    data = json.loads((out / "architecture.json").read_text())
    assert data["input"]["prompt"] == "Build me a backend for a social app"
    assert r.stdout == b""  # stdout is reserved for --json


def test_generate_out_writes_exactly_the_rendered_files(tmp_path):
    """The CLI writes the serializer's bytes for architecture.json and encodes the rest: each
    file is byte for byte the text of render_files (non-ASCII text included)."""
    from archwright import generate
    from archwright.render.files import render_files

    prompt = "Une appli de réservation pour cafés — 5 000 clients, paiements en €"
    out = tmp_path / "doc"
    r = run("generate", prompt, "--out", str(out))
    assert r.returncode in (0, 1), r.stderr.decode()
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == {k: v.encode() for k, v in render_files(generate(prompt)).items()}


def test_json_goes_to_stdout_and_writes_nothing(tmp_path):
    r = run("generate", "A todo app", "--json", cwd=tmp_path)
    assert r.returncode in (0, 1)
    assert json.loads(r.stdout)["signals"]["product"]["name"]["value"]
    assert list(tmp_path.iterdir()) == []


def test_stdin_and_file_inputs(tmp_path):
    r = run("generate", "-", "--json", stdin=b"A chat app for gamers")
    assert json.loads(r.stdout)["input"]["prompt"] == "A chat app for gamers"
    f = tmp_path / "p.txt"
    f.write_text("A chat app for gamers\n", encoding="utf-8")
    r = run("generate", "--file", str(f), "--json")
    assert json.loads(r.stdout)["input"]["prompt"] == "A chat app for gamers"


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["generate", ""], None, "empty"),
        (["generate", "   \n\t"], None, "empty"),
        (["generate", "-"], b"", "empty"),
        (["generate", "x" * 40000], None, "limit"),
        (["generate", "--file", "/nonexistent/prompt.txt"], None, "no such file"),
        (["generate"], None, "no prompt"),
        (["generate", "--set", "nonsense", "A todo app"], None, "FIELD=VALUE"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, args, stdin, fragment):
    r = run(*args, "--out", str(tmp_path / "out"), stdin=stdin)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert fragment in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_non_utf8_and_binary_files_exit_2(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 app".encode("latin-1"))
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    for f, fragment in ((latin, "UTF-8"), (binary, "NUL")):
        r = run("generate", "--file", str(f), "--out", str(tmp_path / "o"))
        assert r.returncode == 2
        assert fragment in r.stderr.decode()
    assert not (tmp_path / "o").exists()


def test_schema_command_prints_json_schema():
    r = run("schema")
    schema = json.loads(r.stdout)
    assert "signals" in schema["properties"]
