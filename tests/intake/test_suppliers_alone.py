"""Every business has suppliers: naming them does not make stock control the product.

"Track carbon emissions of our company's suppliers" was an inventory/warehouse system (the word
"suppliers" alone weighed as much as "warehouse"). Held-out prompts that mention suppliers for
another purpose, and near misses where stock control is the product and must stay so.
"""

from __future__ import annotations

import pytest

from archwright.intake.extract import extract


def _arch(prompt: str) -> str:
    return extract(prompt)[0].product.archetype.value


@pytest.mark.parametrize(
    "prompt",
    [
        "Track carbon emissions of our company's suppliers and produce annual ESG reports.",
        "A portal where our suppliers upload invoices and certificates for our compliance team to review.",
        "collect sustainability questionnaires from about 300 suppliers every year and score the answers",
        "Supplier diversity reporting for a university procurement office",
    ],
)
def test_suppliers_alone_do_not_make_an_inventory_system(prompt: str) -> None:
    assert _arch(prompt) != "inventory_warehouse"


@pytest.mark.parametrize(
    "prompt",
    [
        "We need to manage our suppliers and purchase orders for the two shops.",
        "Software to track stock from our suppliers across 3 stores and reorder when it runs low",
        "a tool for our bakery to know what ingredients we have in stock and which supplier to reorder from",
        "Inventory management for a small warehouse: stock levels, barcode scanning, purchase orders to suppliers.",
    ],
)
def test_stock_control_with_suppliers_stays_inventory(prompt: str) -> None:
    assert _arch(prompt) == "inventory_warehouse"
