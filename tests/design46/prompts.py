"""Prompts for the Stages 4-6 artifact tests: the seed's seven stress tests, varied products,
and hostile text. Used until (and alongside) the labelled corpus in ``tests/data/corpus.yaml``."""

from __future__ import annotations

STRESS = {
    "st1_collab_editor": "Build a real-time collaborative document editor with offline support, "
    "end-to-end encryption, AI writing assistance, and global multi-region sync. It's just me "
    "building it.",
    "st2_trading_mongo": "It's a financial trading platform where users execute real-time stock "
    "trades. We want to use MongoDB.",
    "st3_hipaa_localstorage": "Store JWT tokens in localStorage for simplicity. HIPAA compliance "
    "needed. Users are doctors accessing patient records.",
    "st4_social": "Build me a backend for a social app.",
    "st5_scale_budget": "It needs to handle 10 million concurrent users on day one, but we have a "
    "$500/month infrastructure budget.",
    "st6_skip_monitoring": "Skip the monitoring stuff, we'll add it later.",
    "st7_serverless_ws": "We're using a serverless architecture on AWS Lambda with PostgreSQL and "
    "WebSockets for our real-time chat app.",
}

VARIED = {
    "ecommerce": "An online store selling handmade furniture with a product catalog, cart, "
    "checkout with Stripe, order tracking and an admin panel. Team of 4 on GCP.",
    "marketplace": "A two-sided marketplace connecting dog walkers with pet owners: bookings, "
    "reviews, payouts and in-app messaging. Series A, 12 engineers.",
    "iot": "Ingest temperature readings from 50,000 sensors every 10 seconds and show dashboards "
    "and alerts to facility managers.",
    "internal_tool": "An internal tool for our HR team to track employee onboarding checklists. "
    "About 200 users, Python shop.",
    "fintech": "A personal budgeting app that links bank accounts via Plaid, categorizes "
    "transactions and sends monthly reports. GDPR and SOC 2.",
    "healthcare": "A telemedicine platform where patients book video consultations with doctors, "
    "share medical records and get e-prescriptions. HIPAA.",
    "saas_b2b": "A B2B SaaS for project management with teams, projects, tasks, comments and "
    "file attachments. Multi-tenant, SSO for enterprise customers.",
    "chat": "A Slack-like team chat with channels, direct messages, typing indicators and "
    "presence for 100k daily users.",
    "gaming": "A multiplayer trivia game with live leaderboards and matchmaking for mobile, "
    "expecting spiky traffic during TV shows.",
    "analytics": "A product analytics platform that ingests billions of events per day and "
    "runs funnel and retention queries. Team of 30, Go and Kafka.",
    "lms": "An online course platform with video lessons, quizzes, certificates and "
    "subscriptions via Stripe.",
    "booking": "A restaurant reservation system with table availability, waitlists, SMS "
    "reminders through Twilio and a dashboard for restaurant staff.",
    "ml_api": "An API that generates product descriptions with a large language model, with "
    "usage-based billing and API keys for developers.",
    "delivery": "A food delivery app with live courier tracking on a map, order status updates "
    "and payments, iOS and Android.",
    "crm": "A CRM for real estate agents: contacts, deals pipeline, email sequences and "
    "calendar sync. Built with Ruby on Rails on Azure.",
    "legal": "A document management system for a law firm with case files, client portal, "
    "e-signatures and strict audit trails.",
    "blog": "A simple blog with posts, tags and comments. Just me, tiny budget.",
    "graph_social": "A professional network recommending second- and third-degree connections "
    "with mutual-connection paths, on web, iOS and Android.",
    "ticketing": "An event ticketing platform with seat maps, flash sales for popular concerts "
    "and QR code check-in. Must never double-sell a seat.",
    "fleet": "A fleet telematics system storing GPS positions of 20,000 trucks every 5 "
    "seconds, with route replay and geofence alerts. Java team, self-hosted.",
    "kv_cache_api": "A URL shortener with click analytics serving 50k redirects per second "
    "globally.",
    "dotnet": "An inventory management system for warehouses with barcode scanning, stock "
    "levels and purchase orders. We are a .NET shop on Azure.",
}

LONG_NAME = "Z" * 1000 + "🚀" * 500 + "x" * 500

HOSTILE = {
    "hostile_mix": 'Build "Evil --> App]" %% {{injection}} `rm -rf` <script>alert(1)</script> '
    "'; DROP TABLE users; -- with émojis 🎉🔥 and [brackets] (parens) | pipes & ampersands "
    "#quot; #35; \\backslash\\ for a social network with posts, likes and comments.",
    "hostile_long_name": f"Build {LONG_NAME}: a marketplace with payments where users "
    "buy and sell items, with real-time chat between buyer and seller.",
    "hostile_sql": "CREATE TABLE x (id int); SELECT * FROM pg_catalog.pg_user; an app named "
    '"users" that stores "order" and "group" records with a "select" field.',
}

# generate() runs the full Stage 10 gate (OpenAPI 3.1 validation alone is seconds a document),
# so the batch is a representative subset; the full list is exercised by the benchmark script.
_SUBSET = ("ecommerce", "iot", "internal_tool", "healthcare", "analytics", "crm", "graph_social")
ALL = {**STRESS, **{k: VARIED[k] for k in _SUBSET}, **HOSTILE}


def corpus_prompts() -> dict[str, str]:
    """Prompts of the labelled corpus (``tests/data/corpus.yaml``) once it exists."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[1] / "data" / "corpus.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("prompts", data) if isinstance(data, dict) else data
    out: dict[str, str] = {}
    for i, item in enumerate(items or []):
        if isinstance(item, dict) and isinstance(item.get("prompt"), str):
            out[f"corpus_{item.get('id', i)}"] = item["prompt"]
    return out
