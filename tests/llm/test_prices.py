"""Lint of knowledge/llm_prices.yaml and the cost arithmetic."""

from __future__ import annotations

import pytest

from archwright.llm.config import PROVIDERS
from archwright.llm.prices import cost_usd, find_price, price_table


def test_price_table_entries_are_unique_known_providers_with_sources():
    table = price_table()
    keys = [(p.provider, p.model) for p in table.prices]
    assert len(keys) == len(set(keys))
    for p in table.prices:
        assert p.provider in PROVIDERS, p
        assert p.source.strip()
        # a wildcard price is only for models that run on the user's own machine
        assert p.model != "*" or (PROVIDERS[p.provider][0] == "openai" and p.provider != "openai")


@pytest.mark.parametrize(
    ("provider", "model", "entry"),
    [
        ("openai", "gpt-4o-mini", "gpt-4o-mini"),
        ("openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini"),  # dated variant, longest match
        ("openai", "gpt-4o-2024-08-06", "gpt-4o"),
        ("anthropic", "claude-3-5-haiku-latest", "claude-3-5-haiku"),
        ("ollama", "llama3", "*"),
        ("openai", "gpt-4o-minix", None),  # not a variant: no guess
        ("openai", "gpt-4o-audio-preview", None),  # another model sharing the prefix
        ("anthropic", "claude-opus-4-1-20250805", None),
        ("anthropic", "claude-unknown", None),
    ],
)
def test_find_price(provider, model, entry):
    price = find_price(provider, model)
    assert (price.model if price else None) == entry


def test_cost_is_exact_and_unknown_models_have_no_cost():
    assert cost_usd("openai", "gpt-4o", 1_000_000, 100_000) == pytest.approx(3.5)
    assert cost_usd("ollama", "llama3", 5000, 5000) == 0.0
    assert cost_usd("openai", "o9-preview", 10, 10) is None
