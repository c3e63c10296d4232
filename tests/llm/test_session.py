"""The session's budget and retry rules, with pydantic-ai-style deterministic test backends."""

from __future__ import annotations

import json

import pytest

from archwright.intake.generic import generic_domain
from archwright.llm import CALL_BUDGET, refine
from archwright.llm.backend import (
    ChatRequest,
    ChatResponse,
    FunctionBackend,
    RetryableError,
    TransportError,
)
from factories import set_field, signals_with

from .test_merge import TELESCOPE_DOMAIN

PROMPT = "A marketplace for renting telescopes to astronomy clubs."


def generic_inputs():
    signals = set_field(signals_with(PROMPT), "product.archetype", "generic")
    return signals, generic_domain(PROMPT)


def geo(signals) -> dict:
    value = "global" if signals.scale.geo_distribution.value != "global" else "multi_region"
    return {
        "scale": {
            "geo_distribution": {"value": value, "explicit": False, "evidence": "clubs worldwide"}
        }
    }


def scripted(*answers):
    """A backend answering in order; a ``dict`` answer is sent as JSON, an exception raised."""
    queue = list(answers)

    def fn(request: ChatRequest):
        out = queue.pop(0)
        return json.dumps(out) if isinstance(out, dict) else out

    return FunctionBackend(fn, label="ollama:test")


def test_budget_is_two_calls():
    assert CALL_BUDGET == 2


def test_unknown_product_gets_signals_and_a_domain_in_two_calls():
    signals, domain = generic_inputs()
    backend = scripted(geo(signals), TELESCOPE_DOMAIN)
    out = refine(PROMPT, signals, domain, "ollama:test", backend=backend)
    assert [r.schema_name for r in backend.requests] == ["signals_proposal", "domain_proposal"]
    assert out.generator.engine == "rules+llm"
    assert out.domain.source == "llm" and out.domain.archetype == "generic"
    assert {"telescope", "rental", "astronomy_club"} <= {e.name for e in out.domain.entities}
    assert any(n.startswith("domain: proposed by the model") for n in out.generator.notes)
    assert (
        out.signals.scale.geo_distribution.value
        == geo(signals)["scale"]["geo_distribution"]["value"]
    )


def test_with_two_tasks_an_invalid_signals_answer_is_not_retried():
    signals, domain = generic_inputs()
    backend = scripted("not json", TELESCOPE_DOMAIN)
    out = refine(PROMPT, signals, domain, "ollama:test", backend=backend)
    assert [r.schema_name for r in backend.requests] == ["signals_proposal", "domain_proposal"]
    assert out.signals == signals
    assert out.domain.source == "llm"
    assert any("signals: the model's answer was unusable" in n for n in out.generator.notes)


def test_with_one_task_the_second_call_repairs():
    signals = signals_with(PROMPT)
    if signals.product.archetype.value == "generic":
        signals = set_field(signals, "product.archetype", "social_network")
    domain = generic_domain(PROMPT).model_copy(update={"source": "archetype"})
    backend = scripted("not json", geo(signals))
    out = refine(PROMPT, signals, domain, "ollama:test", backend=backend)
    assert len(backend.requests) == 2
    assert backend.requests[1].messages[-1].content.startswith("Your answer did not validate")
    assert out.generator.engine == "rules+llm" and out.domain == domain


def test_a_transport_error_stops_the_session():
    signals, domain = generic_inputs()
    backend = scripted(TransportError("no answer within 1 s"), TELESCOPE_DOMAIN)
    out = refine(PROMPT, signals, domain, "ollama:test", backend=backend)
    assert len(backend.requests) == 1
    assert (out.signals, out.domain) == (signals, domain)
    assert out.generator.engine == "rules" and out.generator.usage is None
    assert any(n.startswith("domain: not asked") for n in out.generator.notes)


def test_rate_limit_on_the_first_task_delays_the_second():
    signals, domain = generic_inputs()
    slept: list[float] = []
    backend = scripted(RetryableError("HTTP 429 slow down", retry_after=1.5), TELESCOPE_DOMAIN)
    out = refine(PROMPT, signals, domain, "ollama:test", backend=backend, sleep=slept.append)
    assert len(backend.requests) == 2
    assert slept and 1.0 < slept[0] <= 1.5
    assert out.domain.source == "llm" and out.signals == signals


def test_domain_answers_are_cached():
    signals, domain = generic_inputs()
    first = refine(
        PROMPT, signals, domain, "ollama:test", backend=scripted(geo(signals), TELESCOPE_DOMAIN)
    )
    again = scripted()
    second = refine(PROMPT, signals, domain, "ollama:test", backend=again)
    assert again.requests == []
    assert second.domain == first.domain and second.generator == first.generator


def test_usage_sums_both_calls_and_local_models_cost_nothing():
    signals, domain = generic_inputs()
    answers = [ChatResponse("{}", 100, 10), ChatResponse(json.dumps(TELESCOPE_DOMAIN), 1000, 500)]
    backend = FunctionBackend(lambda r: answers.pop(0), label="ollama:test")
    out = refine(PROMPT, signals, domain, "ollama:llama3", backend=backend)
    assert (out.generator.usage.input_tokens, out.generator.usage.output_tokens) == (1100, 510)
    assert out.generator.usage.cost_usd == 0.0  # a local model


@pytest.mark.parametrize("spec", ["openai:gpt-4o-mini", "anthropic:claude-3-5-haiku-latest"])
def test_missing_key_for_a_hosted_provider_is_a_note_not_a_call(spec):
    signals, domain = generic_inputs()
    out = refine(PROMPT, signals, domain, spec)
    assert out.generator.engine == "rules" and len(out.generator.notes) == 1
    assert "_API_KEY is not set" in out.generator.notes[0]
