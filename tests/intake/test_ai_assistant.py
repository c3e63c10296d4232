"""Held-out prompts for a gap found by trying prompts archwright had never seen: an assistant
that answers from an organisation's own content (retrieval-augmented generation). "An AI
chatbot that answers customer questions from our help center articles" became ML model serving
(model registry, experiments, batch jobs) and "chat with our PDF documents" the same.

Near misses: serving a trained model stays ML inference, people chatting stays chat, a ticket
helpdesk stays helpdesk, an editor with an AI writing feature stays the editor.
"""

from __future__ import annotations

from tests.intake.test_archetype_paraphrases import archetype_tests

from archwright.api import generate
from archwright.intake.extract import extract

PARAPHRASES: list[tuple[str, str]] = [
    (
        "ai_assistant",
        "an AI chatbot that answers customer questions from our help center articles",
    ),
    ("ai_assistant", "chat with our PDF documents using GPT, with citations"),
    (
        "ai_assistant",
        "internal knowledge base assistant: employees ask questions over Confluence and Google "
        "Drive",
    ),
    ("ai_assistant", "RAG app over our legal contracts"),
    ("ai_assistant", "a copilot for our support agents that drafts replies based on our docs"),
    ("ai_assistant", "HR policy Q&A bot for staff, answers must cite the handbook"),
]

NEAR_MISSES: list[tuple[str, str]] = [
    ("ml_inference", "serve our fraud detection model with low latency"),
    ("chat_messaging", "a group chat app for gamers"),
    ("helpdesk_support", "customer support helpdesk with tickets and SLAs"),
    (
        "collaborative_editing",
        "Build a real-time collaborative document editor with offline support, end-to-end "
        "encryption, AI writing assistance, and global multi-region sync.",
    ),
]

test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


def test_the_assistant_document_embeds_chunks_and_cites_them():
    doc = generate("chat with our PDF documents using GPT, with citations")
    assert doc.verification.passed
    chunks = next(t for t in doc.schema_.tables if t.name == "document_chunks")
    embedding = next(c for c in chunks.fields if c.name == "embedding")
    assert embedding.type == "REAL[]"  # applies on any PostgreSQL; pgvector named in its comment
    assert "pgvector" in embedding.purpose
    assert {"citations", "answer_feedbacks", "eval_runs"} <= {t.name for t in doc.schema_.tables}
    ask = next(
        e
        for e in doc.api.endpoints
        if e.method == "POST" and e.path == "/v1/conversations/{conversation_id}/messages"
    )
    assert ask.idempotency_key


def test_a_model_provider_among_the_services_is_not_listed_again_as_an_api():
    signals, _ = extract("an AI chatbot that answers customer questions from our help center")
    assert "OpenAI API" in signals.integration.third_party_services.value
    assert signals.integration.external_apis.value == []
    assert "already a third-party service" in signals.integration.external_apis.evidence
