"""Held-out prompts for a gap found by trying prompts archwright had never seen: many sellers
selling goods through one platform. "Marketplace connecting local farmers with restaurants"
got a services marketplace (availability calendars and bookings, no stock, orders or
shipments) and "a site where students can sell used textbooks" became an e-learning product.

Near misses: a single merchant's shop stays e-commerce, marketplaces of services and time stay
the (booking) marketplace or local services.
"""

from __future__ import annotations

from tests.intake.test_archetype_paraphrases import archetype_tests

from archwright.api import generate

PARAPHRASES: list[tuple[str, str]] = [
    ("goods_marketplace", "Marketplace connecting local farmers with restaurants"),
    ("goods_marketplace", "a site where students can sell used textbooks to each other on campus"),
    ("goods_marketplace", "an Etsy for handmade ceramics"),
    ("goods_marketplace", "app for people to sell their unwanted furniture to neighbours"),
    ("goods_marketplace", "multi-vendor platform for independent bookshops"),
    ("goods_marketplace", "marketplace for second-hand sneakers with authentication"),
    ("goods_marketplace", "like eBay but for vintage watches"),
    ("goods_marketplace", "platform for local farmers to sell vegetables to households"),
]

NEAR_MISSES: list[tuple[str, str]] = [
    ("ecommerce", "Build an online store for handmade furniture."),
    ("marketplace", "a marketplace where freelancers sell design services"),
    (
        "marketplace",
        "A two-sided marketplace connecting dog walkers with pet owners: bookings, reviews, payouts",
    ),
    ("marketplace", "Uber for dog walkers: owners request a walker"),
    ("local_services", "platform for local service providers like plumbers"),
]

test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


def test_a_goods_marketplace_has_stock_per_seller_orders_shipments_and_payouts():
    doc = generate("Marketplace connecting local farmers with restaurants")
    assert doc.verification.passed
    tables = {t.name for t in doc.schema_.tables}
    assert {"shops", "products", "seller_orders", "shipments", "payouts"} <= tables
    assert not {"availabilities", "bookings"} & tables
    products = next(t for t in doc.schema_.tables if t.name == "products")
    assert "stock_quantity" in {f.name for f in products.fields}
    checkout = next(e for e in doc.api.endpoints if e.path == "/v1/checkouts")
    assert checkout.idempotency_key  # one basket, one charge, whatever the retries
