"""The default path never loads the model code: no httpx, no archwright.llm, no MCP SDK."""

from __future__ import annotations

import json
import subprocess
import sys

CHECK = r"""
import json, sys
import archwright
doc = archwright.generate("Build me a backend for a social app")
doc.to_json()
doc.to_markdown()
loaded = sorted(m for m in sys.modules if m == "httpx" or m.startswith(("httpx.", "archwright.llm", "archwright.mcp_server", "mcp.", "anthropic", "openai")) or m == "mcp")
print(json.dumps({"loaded": loaded, "engine": doc.generator.engine}))
"""


def test_generate_without_llm_imports_no_model_code():
    r = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120, check=False
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out == {"loaded": [], "engine": "rules"}


def test_cli_version_imports_no_model_code():
    code = (
        "import sys, runpy\n"
        "sys.argv = ['archwright', '--version']\n"
        "try:\n    runpy.run_module('archwright', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "bad = [m for m in sys.modules if m == 'httpx' or m.startswith('archwright.llm') or m == 'mcp']\n"
        "print('LOADED', bad)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert "LOADED []" in r.stdout, r.stdout + r.stderr
