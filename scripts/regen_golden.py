#!/usr/bin/env python3
"""Regenerate the golden documents under tests/golden/ (run after an intended output change,
then review `git diff tests/golden` — it shows exactly what the change did to real output).

Each golden case is a folder holding ``prompt.txt`` and every file ``generate --out`` writes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"

CASES = {
    "social_app": "Build me a backend for a social app.",
    "collab_editor_solo": "Build a real-time collaborative document editor with offline support, "
    "end-to-end encryption, AI writing assistance, and global multi-region sync. It's just me "
    "building it.",
    "trading_mongodb": "It's a financial trading platform where users execute real-time stock "
    "trades. We want to use MongoDB.",
    "serverless_chat": "We're using a serverless architecture on AWS Lambda with PostgreSQL and "
    "WebSockets for our real-time chat app.",
    "hipaa_records": "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed. "
    "Users are doctors accessing patient records.",
}


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from archwright import generate
    from archwright.render.files import render_files

    for name, prompt in sorted(CASES.items()):
        folder = GOLDEN / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        (folder / "prompt.txt").write_text(prompt + "\n", encoding="utf-8")
        for rel, text in render_files(generate(prompt)).items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        print(f"regenerated tests/golden/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
