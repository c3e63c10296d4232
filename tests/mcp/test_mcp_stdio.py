"""The MCP server as an agent uses it: the SDK's stdio client starts `python -m archwright mcp`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from llm.fakes import ScriptedServer, openai_reply

ROOT = Path(__file__).resolve().parents[2]


async def _session_run(body, env):
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "archwright", "mcp"], cwd=str(ROOT), env=env
    )
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        return await body(session)


def run(body, env):
    return anyio.run(_session_run, body, env)


def text(result) -> str:
    return "".join(c.text for c in result.content if getattr(c, "text", None) is not None)


GEO = {"scale": {"geo_distribution": {"value": "global", "explicit": False, "evidence": "x"}}}


@pytest.fixture(scope="module")
def transcript(tmp_path_factory):
    """One server process; every call the tests look at."""
    model = ScriptedServer([openai_reply(GEO)]).__enter__()
    env = {"ARCHWRIGHT_CACHE_DIR": str(tmp_path_factory.mktemp("llm-cache"))}

    async def body(s: ClientSession):
        out: dict = {}
        out["tools"] = (await s.list_tools()).tools
        out["gen"] = await s.call_tool(
            "generate_architecture",
            {"prompt": "Build me a backend for a social app", "options": {"markdown": True}},
        )
        out["gen_empty"] = await s.call_tool("generate_architecture", {"prompt": "   "})
        out["gen_bad_llm"] = await s.call_tool(
            "generate_architecture", {"prompt": "A todo app", "options": {"llm": "nonsense"}}
        )
        doc = out["gen"].structured_content["document"]
        out["verify"] = await s.call_tool("verify_document", {"json": json.dumps(doc)})
        out["verify_garbage"] = await s.call_tool("verify_document", {"json": "{not json"})
        out["verify_wrong"] = await s.call_tool("verify_document", {"json": '{"a": 1}'})
        good_spec = (
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /v1/x:\n    get:\n"
            "      responses:\n        '200': {description: ok}\n"
        )
        out["lint_good"] = await s.call_tool("lint_openapi", {"yaml": good_spec})
        out["lint_bad"] = await s.call_tool(
            "lint_openapi", {"yaml": "openapi: 3.1.0\ninfo: {title: t}\npaths: {}\n"}
        )
        out["lint_not_yaml"] = await s.call_tool("lint_openapi", {"yaml": "a: [unclosed"})
        out["resources"] = (await s.list_resources()).resources
        out["schema"] = await s.read_resource("archwright://schema/architecture.json")
        out["still_alive"] = await s.call_tool("lint_openapi", {"yaml": good_spec})
        out["gen_llm"] = await s.call_tool(
            "generate_architecture",
            {
                "prompt": "Build me a backend for a social app",
                "options": {"llm": "ollama:llama3", "base_url": model.url + "/v1"},
            },
        )
        return out

    try:
        out = run(body, env)
    finally:
        model.__exit__(None, None, None)
    out["model_requests"] = model.received
    return out


def test_lists_the_three_tools_with_input_schemas(transcript):
    tools = {t.name: t for t in transcript["tools"]}
    assert set(tools) == {"generate_architecture", "verify_document", "lint_openapi"}
    assert tools["generate_architecture"].input_schema["required"] == ["prompt"]
    assert "json" in tools["verify_document"].input_schema["properties"]
    assert "yaml" in tools["lint_openapi"].input_schema["properties"]


def test_generate_returns_the_document_and_markdown(transcript):
    r = transcript["gen"]
    assert not r.is_error
    body = r.structured_content
    assert body["document"]["input"]["prompt"] == "Build me a backend for a social app"
    assert body["document"]["generator"]["engine"] == "rules"
    assert isinstance(body["passed"], bool)
    assert body["markdown"].startswith("# ")


def test_bad_input_is_a_tool_error_not_a_crash(transcript):
    assert transcript["gen_empty"].is_error and "empty" in text(transcript["gen_empty"])
    assert transcript["gen_bad_llm"].is_error and "PROVIDER:MODEL" in text(
        transcript["gen_bad_llm"]
    )
    assert transcript["verify_garbage"].is_error and "not JSON" in text(
        transcript["verify_garbage"]
    )
    assert transcript["verify_wrong"].is_error
    assert "not an archwright document" in text(transcript["verify_wrong"])
    assert transcript["lint_not_yaml"].is_error and "not YAML" in text(transcript["lint_not_yaml"])
    assert not transcript["still_alive"].is_error


def test_verify_document_reruns_the_gate(transcript):
    r = transcript["verify"]
    assert not r.is_error
    gen = transcript["gen"].structured_content
    assert r.structured_content["passed"] == gen["passed"]
    assert r.structured_content["checks"] == gen["checks"]


def test_lint_openapi_reports_findings(transcript):
    assert transcript["lint_good"].structured_content["valid"] is True
    bad = transcript["lint_bad"].structured_content
    assert bad["valid"] is False
    assert any("version" in f["message"] for f in bad["findings"])


def test_schema_resource(transcript):
    (res,) = transcript["resources"]
    assert str(res.uri) == "archwright://schema/architecture.json"
    schema = json.loads(transcript["schema"].contents[0].text)
    assert "signals" in schema["properties"] and "generator" in schema["properties"]


def test_generate_with_a_model_through_mcp(transcript):
    r = transcript["gen_llm"]
    assert not r.is_error, text(r)
    gen = r.structured_content["document"]["generator"]
    assert gen["llm"] == "ollama:llama3"
    assert len(transcript["model_requests"]) == 1
    assert transcript["model_requests"][0].body["model"] == "llama3"
