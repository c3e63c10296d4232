"""A product no archetype covers: the model's domain flows into the schema and the API."""

from __future__ import annotations

import json

from archwright import generate

from .fakes import ScriptedServer, openai_reply
from .test_merge import TELESCOPE_DOMAIN

CANDIDATES = [
    "A marketplace for renting telescopes to astronomy clubs.",
    "Astronomy clubs borrow telescopes from each other for star parties; owners list their "
    "telescopes and clubs book them by the night.",
    # the two above now match the marketplace/booking archetypes; this one matches none
    "Astronomy clubs lend each other telescopes for star parties and keep a log of who has "
    "which instrument.",
]


def unknown_product_prompt() -> str:
    """The first candidate the offline engine files under no archetype."""
    for prompt in CANDIDATES:
        if generate(prompt).signals.product.archetype.value == "generic":
            return prompt
    raise AssertionError("every candidate prompt now matches an archetype; add one that does not")


def test_model_domain_flows_into_schema_and_api():
    prompt = unknown_product_prompt()
    offline = generate(prompt)

    def answer(body):
        name = body["response_format"]["json_schema"]["name"]
        return openai_reply({} if name == "signals_proposal" else TELESCOPE_DOMAIN)

    with ScriptedServer([answer, answer]) as srv:
        doc = generate(prompt, llm="vllm:qwen", options={"llm_base_url": srv.url + "/v1"})
    assert [r.body["response_format"]["json_schema"]["name"] for r in srv.received] == [
        "signals_proposal",
        "domain_proposal",
    ]
    assert doc.generator.engine == "rules+llm"
    assert doc.domain.source == "llm" and offline.domain.source != "llm"
    names = {e.name for e in doc.domain.entities}
    assert {"telescope", "rental", "astronomy_club", "user"} <= names
    rental = doc.domain.entity("rental")
    assert {r.target for r in rental.relations} == {"astronomy_club", "telescope"}
    assert json.loads(doc.to_json())["domain"]["source"] == "llm"
