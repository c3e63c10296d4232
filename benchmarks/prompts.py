"""A deterministic benchmark corpus of >= 200 prompts: the labelled test corpus (when present),
the seed's stress tests, and template-built variations over products, teams, scale and asks."""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

STRESS = [
    "Build a real-time collaborative document editor with offline support, end-to-end "
    "encryption, AI writing assistance, and global multi-region sync. It's just me building it.",
    "It's a financial trading platform where users execute real-time stock trades. We want to "
    "use MongoDB.",
    "Store JWT tokens in localStorage for simplicity. HIPAA compliance needed. Users are doctors "
    "accessing patient records.",
    "Build me a backend for a social app.",
    "It needs to handle 10 million concurrent users on day one, but we have a $500/month "
    "infrastructure budget.",
    "Skip the monitoring stuff, we'll add it later.",
    "We're using a serverless architecture on AWS Lambda with PostgreSQL and WebSockets for our "
    "real-time chat app.",
]

PRODUCTS = [
    "a marketplace where freelancers sell design services",
    "an online store for handmade furniture",
    "a telehealth app where patients book video visits with doctors",
    "a group chat app for gamers",
    "a fleet telemetry platform for 20,000 delivery trucks",
    "a learning platform for coding bootcamps",
    "a booking system for hair salons",
    "a URL shortener with click analytics",
    "a personal budgeting app that connects to bank accounts",
    "an admin dashboard for our support team",
    "a ride-hailing app for a mid-size city",
    "a multiplayer trivia game with global leaderboards",
    "a B2B SaaS for managing construction projects",
    "a video streaming service for indie films",
    "a recommendation API for an e-commerce catalog",
]
TEAMS = ["", " It's just me.", " We are 4 engineers.", " Our team has 40 developers."]
SCALES = ["", " Expect 1,000 users at launch.", " We expect 2 million users in year one."]
ASKS = ["", " We want to use Kafka.", " Must be GDPR compliant.", " Budget is $300/month."]


def corpus() -> list[str]:
    prompts = list(STRESS)
    labelled = ROOT / "tests" / "data" / "corpus.yaml"
    if labelled.exists():
        data = yaml.safe_load(labelled.read_text(encoding="utf-8")) or []
        items = data.get("prompts", data) if isinstance(data, dict) else data
        prompts += [item["prompt"] for item in items if isinstance(item, dict)]
    for product, team, scale, ask in itertools.islice(
        itertools.product(PRODUCTS, TEAMS, SCALES, ASKS), 0, None, 3
    ):
        prompts.append(f"Build {product}.{team}{scale}{ask}")
    seen: set[str] = set()
    unique = [p for p in prompts if not (p in seen or seen.add(p))]
    return unique
