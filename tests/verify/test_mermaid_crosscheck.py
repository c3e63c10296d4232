"""``mermaid_lint`` against the real Mermaid parser (mermaid 11 under jsdom, in Node).

The linter must never be looser than Mermaid: whatever it accepts, Mermaid parses. On the
diagrams archwright generates and on hand-made valid/broken ones, the two agree exactly; a few
forms outside our subset are rejected by the linter only (``STRICT``). Node and
``tools/validators/node_modules`` are required (``make test-deps``): the test fails without them.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

from tests.verify.harness import base_document
from tests.verify.mermaid_cases import BROKEN, STRICT, VALID

from archwright.verify.mermaid_lint import lint

ROOT = Path(__file__).resolve().parents[2]
VALIDATORS = ROOT / "tools" / "validators"
SCRIPT = Path(__file__).with_name("mermaid_parse.mjs")

PROMPTS = [
    "Build me a backend for a social app",
    "A real-time collaborative document editor with offline support, end-to-end encryption, "
    "AI writing assistance, and global multi-region sync. It's just me building it.",
    "It's a financial trading platform where users execute real-time stock trades. We want to "
    "use MongoDB.",
    "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed. Users are "
    "doctors accessing patient records.",
    "We're using a serverless architecture on AWS Lambda with PostgreSQL and WebSockets for our "
    "real-time chat app.",
    'An app called "Quote" --> %% `tick` <script>alert(1)</script> end; DROP TABLE users; 🚀',
    "A marketplace where sellers list handmade goods, buyers pay with Stripe, and reviews matter",
    "IoT fleet telemetry: 50k devices send readings every second; dashboards for operators",
]


def real_parse(diagrams: list[str]) -> list[dict]:
    assert shutil.which("node"), "node is required (make test-deps)"
    assert (VALIDATORS / "node_modules" / "mermaid").is_dir(), "run make test-deps"
    r = subprocess.run(
        ["node", str(SCRIPT), str(VALIDATORS)],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout)


def generated_diagrams() -> list[str]:
    from archwright import generate

    out = []
    docs = [base_document(), *(generate(p) for p in PROMPTS)]
    for doc in docs:
        if doc.overview is not None:
            out.append(doc.overview.system_diagram)
        if doc.schema_ is not None and doc.schema_.erd:
            out.append(doc.schema_.erd)
    return out


_NOISE = ['"', "]", "[", "(", ")", "{", "}", "|", "-->", "%%", ";", "end", "\n", ":", "o", "#",
          "`", "<", ">", "&", " ", "x", "=", "..", "--"]  # fmt: skip


def mutations(diagrams: list[str], n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = diagrams[i % len(diagrams)]
        for _ in range(rng.randint(1, 3)):
            pos = rng.randrange(len(text))
            if rng.random() < 0.3:
                text = text[:pos] + text[pos + 1 :]
            else:
                text = text[:pos] + rng.choice(_NOISE) + text[pos:]
        out.append(text)
    return out


def test_linter_agrees_with_mermaid():
    generated = generated_diagrams()
    assert generated, "no diagrams to cross-check"
    fuzzed = mutations([*VALID.values(), *generated], 240)
    groups = {
        "valid": list(VALID.values()),
        "broken": list(BROKEN.values()),
        "strict": list(STRICT.values()),
        "generated": generated,
        "fuzzed": fuzzed,
    }
    flat = [d for g in groups.values() for d in g]
    results = iter(real_parse(flat))
    real = {k: [next(results) for _ in v] for k, v in groups.items()}

    for text, res in zip(
        groups["valid"] + groups["generated"], real["valid"] + real["generated"], strict=True
    ):
        assert res["ok"], f"Mermaid rejects {text!r}: {res['error']}"
        assert lint(text) == [], f"linter rejects what Mermaid accepts: {text!r} {lint(text)}"
    for text, res in zip(groups["broken"], real["broken"], strict=True):
        assert not res["ok"], f"Mermaid accepts a 'broken' case: {text!r}"
        assert lint(text), f"linter accepts what Mermaid rejects: {text!r} ({res['error']})"
    for text, res in zip(groups["strict"], real["strict"], strict=True):
        assert res["ok"] and lint(text), text
    looser = [
        (t, r["error"])
        for t, r in zip(groups["fuzzed"], real["fuzzed"], strict=True)
        if not r["ok"] and not lint(t)
    ]
    assert not looser, f"linter accepts diagrams Mermaid rejects: {looser[:3]}"
