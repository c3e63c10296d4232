"""Held-out prompts for restaurant ordering, which used to be e-commerce: "an ordering system for
our pizza shop" got product variants, shipments, return requests and product reviews. The
restaurant_ordering archetype models a menu with modifiers, orders for pickup, delivery or the
table, and kitchen tickets bumped on a display.

Near misses: table bookings stay booking, courier platforms stay delivery, shops stay e-commerce.
"""

from __future__ import annotations

from tests.intake.test_archetype_paraphrases import archetype_tests

from archwright.api import generate

PARAPHRASES: list[tuple[str, str]] = [
    (
        "restaurant_ordering",
        "an ordering system for our pizza shop: customers order online for pickup or delivery",
    ),
    ("restaurant_ordering", "QR code menu so diners can order and pay from their table"),
    (
        "restaurant_ordering",
        "point of sale and kitchen display system for a chain of coffee shops",
    ),
    ("restaurant_ordering", "a digital menu and ordering system for a food truck"),
    (
        "restaurant_ordering",
        "backend for a restaurant: online ordering, table reservations and a kitchen display",
    ),
]

NEAR_MISSES: list[tuple[str, str]] = [
    ("booking_reservations", "restaurant table reservations with waitlist"),
    ("food_delivery", "a food delivery app like DoorDash"),
    ("ecommerce", "online ordering for our flower shop with delivery"),
    ("ecommerce", "point of sale for our clothing boutique with inventory"),
    ("ecommerce", "Build an online store for handmade furniture."),
]

test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


def test_a_restaurant_order_goes_to_the_kitchen_not_to_a_carrier():
    doc = generate("a digital menu and ordering system for a food truck")
    assert doc.verification.passed
    tables = {t.name for t in doc.schema_.tables}
    assert {"menu_items", "modifier_groups", "food_orders", "kitchen_tickets"} <= tables
    assert not {"shipments", "return_requests", "product_variants"} & tables
    bump = next(e for e in doc.api.endpoints if e.path.endswith("/bump"))
    assert bump.method == "POST"
