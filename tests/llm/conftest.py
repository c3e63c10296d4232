from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _llm_env(tmp_path, monkeypatch):
    """Every LLM test gets its own answer cache, a closed circuit breaker and no real keys."""
    from archwright.llm import breaker

    monkeypatch.setenv("ARCHWRIGHT_CACHE_DIR", str(tmp_path / "llm-cache"))
    for name in (
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "ARCHWRIGHT_LLM",
        "ARCHWRIGHT_LLM_BASE_URL",
        "ARCHWRIGHT_LLM_TIMEOUT",
        "ARCHWRIGHT_LLM_MAX_WAIT",
        "ARCHWRIGHT_LLM_CACHE",
        "ARCHWRIGHT_LLM_STRUCTURED",
    ):
        monkeypatch.delenv(name, raising=False)
    breaker.reset()
    yield
    breaker.reset()
