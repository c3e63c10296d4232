"""Held-out paraphrases for the archetypes the corpus used to miss (pfin3, chat3, iot3, metrics2,
internal3, video3, ride1, search3, ml3, notif2, notif3).

These prompts were written before the triggers were changed, in deliberately varied wording
(casual, terse, non-native English, long) and never copied from the corpus: they check that the
fix generalizes instead of fitting the corpus sentences. The near misses check the opposite: a
prompt close to an archetype's new vocabulary that must still become something else.
"""

from __future__ import annotations

import pytest

from archwright.intake.extract import extract

PARAPHRASES: list[tuple[str, str]] = [
    # personal_finance: wealth / net-worth / money-overview wording, not just "budget"
    (
        "personal_finance",
        "I want one place to see all my bank accounts, my stocks and my crypto, and how much "
        "I'm worth in total, updated every day",
    ),
    ("personal_finance", "portfolio + net worth tracker, personal use, mobile first"),
    (
        "personal_finance",
        "Application for families to follow their money: salary coming in, bills going out and "
        "how much they save every month, with simple graphs.",
    ),
    (
        "personal_finance",
        "We're building a money app for young professionals. They connect their checking and "
        "savings accounts, we pull in transactions, sort them into categories like rent and "
        "groceries, and warn them before they overspend on eating out. Later we also want to "
        "show their investment accounts.",
    ),
    # chat_messaging: support chat sold to businesses, team chat, casual group chat
    (
        "chat_messaging",
        "Intercom-style support chat: visitors message a company's team from a little bubble on "
        "its website; we sell it to small businesses as B2B SaaS",
    ),
    ("chat_messaging", "1:1 and group chat for our enterprise SaaS customers, with read receipts"),
    (
        "chat_messaging",
        "app where people can talk each other in groups and in private, send pictures and voice "
        "notes",
    ),
    # iot_telemetry: vehicles / meters / probes reporting readings
    ("iot_telemetry", "telematics platform for 800 delivery trucks, positions every 10 seconds"),
    (
        "iot_telemetry",
        "Smart greenhouse: soil moisture and temperature probes report every minute and farmers "
        "get charts and alerts",
    ),
    (
        "iot_telemetry",
        "Backend for 50k smart electricity meters that upload consumption every 15 minutes",
    ),
    # metrics_analytics: product analytics (funnels, cohorts) and metrics dashboards
    ("metrics_analytics", "Amplitude/Mixpanel alternative: funnels, cohorts and retention"),
    (
        "metrics_analytics",
        "we want to see what users do in our mobile app: which screens they open, where they "
        "drop off, conversion funnels, and dashboards for the product managers",
    ),
    (
        "metrics_analytics",
        "self-hosted Grafana-like dashboards for server metrics with alerting when CPU is high",
    ),
    # internal_tool: staff-only scheduling / back-office work
    (
        "internal_tool",
        "shift planner for our warehouse staff; only managers and employees use it, no customers",
    ),
    (
        "internal_tool",
        "back-office app so the finance team can approve refunds and look up customer orders",
    ),
    (
        "internal_tool",
        "Tool used by the employees of our 12 hotels to plan the weekly rota and request days "
        "off. Not public.",
    ),
    # video_streaming: hosting / streaming video, whatever the videos are about
    (
        "video_streaming",
        "host training videos for our customers in several quality levels, like a private YouTube",
    ),
    ("video_streaming", "video-on-demand service for indie films, monthly subscription, HLS"),
    (
        "video_streaming",
        "platform where churches stream their sunday service live to members and keep the "
        "recordings for later",
    ),
    # ride_hailing_delivery: dispatch plus live location, whatever is being moved
    (
        "food_delivery",
        "app to order food from local restaurants and follow the courier on a map until it arrives",
    ),
    (
        "ride_hailing_delivery",
        "like Uber but for moving trucks: customer requests a move, nearest driver accepts, "
        "price per km",
    ),
    (
        "ride_hailing_delivery",
        "Uber for tow trucks - stranded drivers request help and watch the truck approach live "
        "on a map",
    ),
    # search_crawler: crawling / scraping plus search
    (
        "search_crawler",
        "Scrapes news websites every hour, removes duplicate articles and offers full-text "
        "search over them",
    ),
    (
        "search_crawler",
        "spider that indexes all university websites in Germany so students can search them",
    ),
    (
        "search_crawler",
        "price comparison website, we crawl electronics stores nightly and show cheapest offer",
    ),
    # answering from the organisation's own articles is retrieval-augmented generation, which
    # has its own archetype (chunks, embeddings, citations) since ai_assistant exists
    (
        "ai_assistant",
        "GPT-powered chatbot that answers questions about our help center articles",
    ),
    # ml_inference: LLM / model-backed features sold as a product
    (
        "ml_inference",
        "image classification API: clients send product photos and get the category back in "
        "200 ms, runs on GPUs",
    ),
    (
        "ml_inference",
        "we want build a tool with AI that summarise long contracts for lawyers and answer "
        "questions about them",
    ),
    # notification_service: a delivery service for messages, not a product that sends a few
    (
        "notification_service",
        "one service that all our microservices call to send email, SMS and push, with user "
        "preferences and retries",
    ),
    (
        "notification_service",
        "PagerDuty-ish thing: when monitoring fires, phone or text whoever is on call",
    ),
    (
        "notification_service",
        "notifications gateway pushing to iOS and Android devices, about 3 million a day",
    ),
]

NEAR_MISSES: list[tuple[str, str]] = [
    # trading is payments_fintech, not a personal net-worth tracker
    ("payments_fintech", "stock trading app where users buy and sell shares with limit orders"),
    # an admin dashboard over business metrics is an internal tool, not an analytics product
    (
        "internal_tool",
        "internal admin dashboard where our ops team sees daily order metrics and refunds",
    ),
    # event collection forwarded to a warehouse stays an event pipeline
    (
        "event_pipeline",
        "collect events from our apps and forward them to Snowflake and BigQuery, like Segment",
    ),
    # customers booking tables is booking, even with "restaurants" and "scheduling" around
    (
        "booking_reservations",
        "online booking for restaurants: guests reserve a table and get a reminder",
    ),
    # a course platform with video lessons is still e-learning
    (
        "education_lms",
        "online course platform where instructors upload video lessons and students take quizzes",
    ),
    # "X for Y" without dispatch or live location is a plain marketplace
    (
        "marketplace",
        "Airbnb for boats: owners list their boats and renters book them for the weekend",
    ),
    ("marketplace", "marketplace where freelance designers sell logo packages to startups"),
    # a shop with a search box is a shop, not a crawler
    ("ecommerce", "online store selling running shoes with product search and a checkout"),
    # a collaborative editor with AI help stays collaborative editing
    (
        "collaborative_editing",
        "Google Docs style collaborative editor with AI autocomplete for marketing teams",
    ),
    # monitoring with alerting is a metrics product, not a notification service
    (
        "metrics_analytics",
        "Datadog alternative: metrics, dashboards and alerting that pages on-call engineers",
    ),
    # a B2B SaaS without any other product noun is still B2B SaaS
    ("b2b_saas", "B2B SaaS for accounting firms with workspaces, seats and SSO"),
]


def _archetype(prompt: str) -> str:
    signals, _ = extract(prompt)
    return str(signals.product.archetype.value)


def archetype_tests(paraphrases: list[tuple[str, str]], near_misses: list[tuple[str, str]]):
    """The two tests of an (expected archetype, prompt) list pair: each paraphrase gets its
    archetype, each near miss keeps its own. Each test module binds them to its own lists."""

    @pytest.mark.parametrize(
        ("expected", "prompt"), paraphrases, ids=[p[:40] for _, p in paraphrases]
    )
    def test_paraphrase_gets_its_archetype(expected: str, prompt: str) -> None:
        assert _archetype(prompt) == expected

    @pytest.mark.parametrize(
        ("expected", "prompt"), near_misses, ids=[p[:40] for _, p in near_misses]
    )
    def test_near_miss_keeps_its_own_archetype(expected: str, prompt: str) -> None:
        assert _archetype(prompt) == expected

    return test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype


test_paraphrase_gets_its_archetype, test_near_miss_keeps_its_own_archetype = archetype_tests(
    PARAPHRASES, NEAR_MISSES
)


# A word that names who uses or pays for a product ("drivers", "schools", "a wallet", "RSVPs",
# "batches") is not the product: alone it must not pull a prompt into an archetype whose
# entities would be wrong (KYC checks for a lunch app, trips for a parking app).
CONTEXT_WORDS_ALONE: list[str] = [
    "Canteen app: schools post the weekly lunch menu and parents top up a wallet to pay for meals",
    "Plan your wedding: guest list, RSVPs, caterers, the budget and who sits at which table",
    "Homebrewing log: record batches, gravity readings and tasting notes for each beer",
    "Message board for a neighbourhood association: residents post notices and reply",
]

STILL_NAMED: list[tuple[str, str]] = [
    ("payments_fintech", "a mobile wallet app to send money to friends and pay in shops"),
    ("ride_hailing_delivery", "app that dispatches couriers to pick up parcels across the city"),
    ("education_lms", "online school with video courses, quizzes and certificates for schools"),
    ("event_ticketing", "sell concert tickets with a seat map and scan them at the door"),
    ("inventory_warehouse", "warehouse management: stock levels per bin, lot numbers, pick lists"),
    # parking is its own archetype now (car parks, sessions, permits, fines), not trips
    (
        "parking",
        "Parking lot app where drivers find a free space and pay per hour; wardens issue fines",
    ),
]


@pytest.mark.parametrize("prompt", CONTEXT_WORDS_ALONE, ids=[p[:40] for p in CONTEXT_WORDS_ALONE])
def test_a_context_word_alone_names_no_archetype(prompt: str) -> None:
    assert _archetype(prompt) == "generic"


@pytest.mark.parametrize(("expected", "prompt"), STILL_NAMED, ids=[p[:40] for _, p in STILL_NAMED])
def test_the_product_named_with_those_words_still_matches(expected: str, prompt: str) -> None:
    assert _archetype(prompt) == expected
