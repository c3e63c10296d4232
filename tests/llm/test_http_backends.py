"""Real HTTP to scripted OpenAI-compatible and Anthropic-shaped servers on loopback.

Each test runs the whole pipeline (``archwright.generate(..., llm=...)``) against a server that
answers as the test scripts it, and checks what reached the server and what reached the document.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from archwright import generate
from archwright.errors import InputError

from .fakes import Reply, ScriptedServer, anthropic_reply, openai_reply

PROMPT = "Build me a backend for a social app where birdwatchers share their sightings."
SECRET = "sk-test-Zx81secret0000000000000000000000"


@pytest.fixture(scope="module")
def offline():
    return generate(PROMPT)


def geo_change(offline) -> str:
    """A geo_distribution the rules did not pick (the prompt says nothing about geography)."""
    assert offline.signals.scale.geo_distribution.inferred
    return "global" if offline.signals.scale.geo_distribution.value != "global" else "multi_region"


def proposal(offline, **extra) -> dict:
    body = {
        "scale": {
            "geo_distribution": {
                "value": geo_change(offline),
                "explicit": False,
                "evidence": "birdwatchers are everywhere",
            }
        }
    }
    for path, leaf in extra.items():
        section, name = path.split("__")
        body.setdefault(section, {})[name] = leaf
    return body


def run(server, spec="openai:gpt-4o-mini", prompt=PROMPT, **kw):
    return generate(prompt, llm=spec, options={"llm_base_url": server.url + "/v1"}, **kw)


def test_success_fills_inferred_fields_and_records_usage_and_cost(offline, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    with ScriptedServer([openai_reply(proposal(offline))]) as srv:
        doc = run(srv)
    (req,) = srv.received
    assert req.path == "/v1/chat/completions"
    assert req.headers["authorization"] == f"Bearer {SECRET}"
    assert req.body["model"] == "gpt-4o-mini" and req.body["temperature"] == 0
    assert req.body["max_completion_tokens"] > 0 and "max_tokens" not in req.body
    rf = req.body["response_format"]
    assert rf["type"] == "json_schema" and rf["json_schema"]["name"] == "signals_proposal"
    assert "scale" in rf["json_schema"]["schema"]["properties"]
    assert PROMPT in req.body["messages"][-1]["content"]
    assert doc.generator.engine == "rules+llm"
    assert doc.generator.llm == "openai:gpt-4o-mini"
    assert doc.signals.scale.geo_distribution.value == geo_change(offline)
    assert doc.signals.scale.geo_distribution.inferred
    assert doc.generator.usage.input_tokens == 1200
    assert doc.generator.usage.output_tokens == 300
    # gpt-4o-mini: $0.15 / $0.60 per million tokens
    assert doc.generator.usage.cost_usd == pytest.approx(0.00036)
    assert SECRET not in doc.to_json()


def test_invalid_json_is_repaired_with_the_error_fed_back(offline):
    replies = [openai_reply("Sure! Here is your JSON: {'scale': "), openai_reply(proposal(offline))]
    with ScriptedServer(replies) as srv:
        doc = run(srv)
    assert len(srv.received) == 2
    retry = srv.received[1].body["messages"]
    assert retry[-2] == {"role": "assistant", "content": "Sure! Here is your JSON: {'scale': "}
    assert "did not validate" in retry[-1]["content"] and "not valid JSON" in retry[-1]["content"]
    assert doc.generator.engine == "rules+llm"
    assert doc.signals.scale.geo_distribution.value == geo_change(offline)


def test_wrong_enum_is_sent_back_then_accepted_when_fixed(offline):
    bad = proposal(
        offline, data__sensitivity={"value": "top_secret", "explicit": False, "evidence": "x"}
    )
    good = proposal(offline)
    with ScriptedServer([openai_reply(bad), openai_reply(good)]) as srv:
        doc = run(srv)
    assert len(srv.received) == 2
    feedback = srv.received[1].body["messages"][-1]["content"]
    assert "data.sensitivity" in feedback
    assert doc.signals.data.sensitivity == offline.signals.data.sensitivity
    assert doc.generator.engine == "rules+llm"


def test_wrong_enum_on_the_last_call_drops_only_that_field(offline):
    bad = proposal(
        offline, data__sensitivity={"value": "top_secret", "explicit": False, "evidence": "x"}
    )
    with ScriptedServer([openai_reply(bad), openai_reply(bad)]) as srv:
        doc = run(srv)
    assert len(srv.received) == 2  # the budget: no third call
    assert doc.signals.data.sensitivity == offline.signals.data.sensitivity
    assert doc.signals.scale.geo_distribution.value == geo_change(offline)
    assert any("dropped" in n and "data.sensitivity" in n for n in doc.generator.notes)


def test_a_quote_not_in_the_prompt_is_downgraded_to_inferred(offline):
    body = {
        "scale": {
            "geo_distribution": {
                "value": geo_change(offline),
                "explicit": True,
                "evidence": "our users live on every continent",
            }
        }
    }
    with ScriptedServer([openai_reply(body)]) as srv:
        doc = run(srv)
    leaf = doc.signals.scale.geo_distribution
    assert leaf.value == geo_change(offline) and leaf.inferred
    assert "our users live on every continent" not in PROMPT
    assert any("not in the prompt" in n for n in doc.generator.notes)


def test_timeout_falls_back_to_the_offline_result(offline, monkeypatch):
    monkeypatch.setenv("ARCHWRIGHT_LLM_TIMEOUT", "0.3")
    with ScriptedServer([Reply(delay=3, body={})]) as srv:
        doc = run(srv)
    assert len(srv.received) == 1  # a dead endpoint is not asked twice
    assert doc.generator.engine == "rules"
    assert doc.signals == offline.signals
    assert any("no answer within 0.3 s" in n and "offline result" in n for n in doc.generator.notes)


def test_429_waits_for_retry_after_then_succeeds(offline):
    replies = [
        Reply(429, {"error": {"message": "Rate limit reached"}}, headers={"Retry-After": "1"}),
        openai_reply(proposal(offline)),
    ]
    with ScriptedServer(replies) as srv:
        doc = run(srv)
    first, second = srv.received
    assert second.at - first.at >= 0.9
    assert doc.generator.engine == "rules+llm"


def test_retry_after_beyond_the_limit_gives_up_at_once(offline, monkeypatch):
    monkeypatch.setenv("ARCHWRIGHT_LLM_MAX_WAIT", "5")
    with ScriptedServer([Reply(503, {}, headers={"Retry-After": "3600"})]) as srv:
        doc = run(srv)
    assert len(srv.received) == 1
    assert doc.generator.engine == "rules"
    assert any("3600" in n for n in doc.generator.notes)


def test_server_down_falls_back_to_the_offline_result(offline):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again when the block ends: nothing listens there
    doc = generate(
        PROMPT, llm="ollama:llama3", options={"llm_base_url": f"http://127.0.0.1:{port}/v1"}
    )
    assert doc.generator.engine == "rules"
    assert doc.generator.llm == "ollama:llama3"
    assert doc.signals == offline.signals
    assert doc.domain == offline.domain
    assert any("cannot reach" in n for n in doc.generator.notes)


def test_two_call_budget_is_never_exceeded(offline):
    with ScriptedServer([openai_reply("nope")] * 5) as srv:
        doc = run(srv)
    assert len(srv.received) == 2
    assert doc.generator.engine == "rules"
    assert doc.signals == offline.signals
    assert any("unusable" in n for n in doc.generator.notes)


def test_cache_hit_makes_no_http_call_and_gives_identical_output(offline):
    with ScriptedServer([openai_reply(proposal(offline))]) as srv:
        first = run(srv)
    with ScriptedServer([]) as srv2:
        second = generate(
            PROMPT, llm="openai:gpt-4o-mini", options={"llm_base_url": srv.url + "/v1"}
        )
    assert srv2.received == []
    assert second.to_json() == first.to_json()
    assert second.generator.engine == "rules+llm"


def test_401_is_final_and_the_key_is_scrubbed_from_notes(offline, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    err = {"error": {"message": f"Incorrect API key provided: {SECRET}."}}
    with ScriptedServer([Reply(401, err), openai_reply(proposal(offline))]) as srv:
        doc = run(srv)
    assert len(srv.received) == 1
    assert doc.generator.engine == "rules"
    assert any("HTTP 401" in n for n in doc.generator.notes)
    assert SECRET not in doc.to_json()


def test_local_server_without_json_schema_support(offline, monkeypatch):
    """A 400 on response_format says which setting to change; json_object mode then works."""
    unsupported = Reply(400, {"error": {"message": "response_format json_schema not supported"}})
    with ScriptedServer([unsupported]) as srv:
        doc = run(srv, spec="llamacpp:qwen2.5")
    assert any("ARCHWRIGHT_LLM_STRUCTURED=json_object" in n for n in doc.generator.notes)
    monkeypatch.setenv("ARCHWRIGHT_LLM_STRUCTURED", "json_object")
    with ScriptedServer([openai_reply(proposal(offline))]) as srv:
        doc = run(srv, spec="llamacpp:qwen2.5")
    (req,) = srv.received
    assert req.body["response_format"] == {"type": "json_object"}
    assert req.body["max_tokens"] > 0  # local servers read the classic name
    assert doc.generator.engine == "rules+llm"
    assert doc.generator.usage.cost_usd == 0.0


def test_openai_without_a_key_makes_no_call():
    doc = generate(PROMPT, llm="openai:gpt-4o-mini")
    assert doc.generator.engine == "rules"
    assert doc.generator.notes == ["OPENAI_API_KEY is not set; the offline result is used"]


@pytest.mark.parametrize("spec", ["gpt-4o", "nope:model", "openai:", "openai:two words"])
def test_bad_llm_spec_is_an_input_error(spec):
    with pytest.raises(InputError, match="--llm"):
        generate(PROMPT, llm=spec)


def test_circuit_breaker_skips_a_failing_endpoint(offline, monkeypatch):
    monkeypatch.setenv("ARCHWRIGHT_LLM_MAX_WAIT", "1")
    busy = Reply(503, {}, headers={"Retry-After": "60"})
    with ScriptedServer([busy] * 10) as srv:
        for _ in range(3):
            run(srv)
        assert len(srv.received) == 3
        doc = run(srv)
        assert len(srv.received) == 3  # the fourth document did not call
    assert any("circuit breaker is open" in n for n in doc.generator.notes)


# ---------------------------------------------------------------- Anthropic Messages


def test_anthropic_forced_tool_call_and_usage(offline, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    with ScriptedServer([anthropic_reply(proposal(offline))]) as srv:
        doc = generate(
            PROMPT, llm="anthropic:claude-3-5-haiku-latest", options={"llm_base_url": srv.url}
        )
    (req,) = srv.received
    assert req.path == "/v1/messages"
    assert req.headers["x-api-key"] == SECRET
    assert req.headers["anthropic-version"] == "2023-06-01"
    assert req.body["tool_choice"] == {"type": "tool", "name": "signals_proposal"}
    assert req.body["tools"][0]["input_schema"]["type"] == "object"
    assert req.body["system"].startswith("You are a principal backend engineer")
    assert doc.generator.engine == "rules+llm"
    assert doc.signals.scale.geo_distribution.value == geo_change(offline)
    assert (doc.generator.usage.input_tokens, doc.generator.usage.output_tokens) == (1500, 400)
    # claude-3-5-haiku: $0.80 / $4.00 per million tokens
    assert doc.generator.usage.cost_usd == pytest.approx(0.0028)


def test_anthropic_wrong_enum_repair_and_529_overload(offline, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    bad = proposal(offline, data__consistency={"value": "very", "explicit": False, "evidence": "x"})
    replies = [anthropic_reply(bad), anthropic_reply(proposal(offline))]
    with ScriptedServer(replies) as srv:
        doc = generate(PROMPT, llm="anthropic:claude-sonnet-4-5", options={"llm_base_url": srv.url})
    assert len(srv.received) == 2
    msgs = srv.received[1].body["messages"]
    assert [m["role"] for m in msgs] == ["user", "assistant", "user"]
    assert "data.consistency" in msgs[-1]["content"]
    assert doc.generator.engine == "rules+llm"
    with ScriptedServer(
        [
            Reply(
                529,
                {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
                headers={"retry-after": "99"},
            )
        ]
    ) as srv:
        monkeypatch.setenv("ARCHWRIGHT_LLM_MAX_WAIT", "1")
        doc = generate(
            PROMPT + " (again)",
            llm="anthropic:claude-sonnet-4-5",
            options={"llm_base_url": srv.url},
        )
    assert doc.generator.engine == "rules"
    assert any("Overloaded" in n for n in doc.generator.notes)


# ---------------------------------------------------------------- the CLI, keys and output


def test_cli_never_prints_or_writes_the_key(offline, tmp_path):
    out = tmp_path / "doc"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "OPENAI_API_KEY": SECRET,
        "ARCHWRIGHT_CACHE_DIR": str(tmp_path / "cache"),
    }
    err = {"error": {"message": f"Incorrect API key provided: {SECRET}"}}
    with ScriptedServer([openai_reply(proposal(offline)), Reply(401, err)]) as srv:
        # a fresh answer, the same answer from the cache, then a 401 that echoes the key
        runs = [
            (PROMPT, ["--out", str(out)]),
            (PROMPT, ["--json"]),
            (PROMPT + " In Europe.", ["--json"]),
        ]
        for prompt, args in runs:
            r = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "archwright",
                    "generate",
                    prompt,
                    "--llm",
                    "openai:gpt-4o-mini",
                    "--base-url",
                    srv.url + "/v1",
                    *args,
                ],
                capture_output=True,
                env=env,
                timeout=120,
                check=False,
            )
            assert r.returncode in (0, 1), r.stderr.decode()
            assert SECRET.encode() not in r.stdout + r.stderr
    assert [q.headers["authorization"] for q in srv.received] == [f"Bearer {SECRET}"] * 2
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files
    for p in files:
        assert SECRET not in p.read_text(encoding="utf-8", errors="replace"), p
    data = json.loads((out / "architecture.json").read_text())
    assert data["generator"]["engine"] == "rules+llm"
    assert data["input"]["options"]["llm"] == "openai:gpt-4o-mini"
    for p in (tmp_path / "cache").rglob("*.json"):
        assert SECRET not in p.read_text()


def test_cli_rejects_a_bad_llm_spec_with_exit_2(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "archwright", "generate", PROMPT, "--llm", "gpt4", "--json"],
        capture_output=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert r.returncode == 2
    assert b"PROVIDER:MODEL" in r.stderr and r.stdout == b""
