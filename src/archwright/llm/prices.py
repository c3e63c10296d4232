"""Token prices (``knowledge/llm_prices.yaml``) and the cost of a run."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from pydantic import Field

from archwright import catalog
from archwright.models.base import Model

_VARIANT = re.compile(r"[-@](\d{4}-\d{2}-\d{2}|\d{8}|latest)")


class Price(Model):
    provider: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    model: str = Field(min_length=1)  # "*" = every model of a local provider
    input_per_mtok: float = Field(ge=0)
    output_per_mtok: float = Field(ge=0)
    as_of: str = Field(pattern=r"^\d{4}-\d{2}$")
    source: str = Field(min_length=10)


class PriceTable(Model):
    prices: list[Price] = Field(min_length=1)


@cache
def price_table() -> PriceTable:
    return catalog.load_model("llm_prices.yaml", PriceTable)


def find_price(provider: str, model: str) -> Price | None:
    """The entry for the model or a dated variant of it (``-2024-07-18``, ``-20241022``,
    ``-latest``); never a different model that merely shares a prefix (``gpt-4o-mini``
    is not priced as ``gpt-4o``)."""
    best: Price | None = None
    for p in price_table().prices:
        if p.provider != provider:
            continue
        if p.model == "*":
            hit, length = True, 0
        else:
            hit = model == p.model or (
                model.startswith(p.model) and _VARIANT.fullmatch(model[len(p.model) :]) is not None
            )
            length = len(p.model)
        if hit and (best is None or length > (0 if best.model == "*" else len(best.model))):
            best = p
    return best


def cost_usd(provider: str, model: str, input_tokens: int, output_tokens: int) -> float | None:
    price = find_price(provider, model)
    if price is None:
        return None
    total = (
        Decimal(str(price.input_per_mtok)) * input_tokens
        + Decimal(str(price.output_per_mtok)) * output_tokens
    ) / Decimal(1_000_000)
    return float(total.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))
