"""Example prompts offered on the form: varied products, written the way users write."""

from __future__ import annotations

from typing import NamedTuple


class Example(NamedTuple):
    title: str
    prompt: str


EXAMPLES: tuple[Example, ...] = (
    Example("Social app backend", "Build me a backend for a social app"),
    Example(
        "Clinic scheduling (HIPAA)",
        "We're a 4-person team building a scheduling and patient-notes web app for small "
        "clinics in the US. Must be HIPAA compliant. About 200 clinics at launch, budget is "
        "tight, around $500/month.",
    ),
    Example(
        "Live sports scores",
        "A mobile app that pushes live football scores and play-by-play to millions of fans "
        "during matches; traffic spikes hugely at kick-off. Series B startup, 30 engineers, AWS.",
    ),
    Example(
        "Internal inventory tool",
        "Internal tool for our warehouse staff (about 50 users) to track stock levels, "
        "purchase orders and suppliers. We already run everything on Azure and Postgres.",
    ),
    Example(
        "Marketplace with payments",
        "A marketplace where independent tutors sell lessons to students, with Stripe "
        "payments, reviews, messaging between tutors and students, and payouts. EU users, GDPR.",
    ),
)
