"""Which cloud a vendor-branded managed service belongs to, shared by Stage 1 (inferred
integrations) and the design stages (services implied by the domain)."""

from __future__ import annotations

import re

__all__ = ["fit_services_to_cloud"]

# The cloud a vendor-branded managed service belongs to (an archetype's defaults are written for
# one cloud; "Amazon S3" beside an Azure stack is a contradiction, not an integration).
_CLOUD_OF_SERVICE = (
    ("aws", re.compile(r"^(?:amazon|aws)\b", re.IGNORECASE)),
    (
        "gcp",
        re.compile(
            r"^(?:google cloud|gcp|cloud (?:run|functions|storage|pub/?sub))\b", re.IGNORECASE
        ),
    ),
    ("azure", re.compile(r"^(?:azure|microsoft azure)\b", re.IGNORECASE)),
)


def fit_services_to_cloud(services: list[str], cloud: str) -> tuple[list[str], list[str]]:
    """(kept, left out): services of another cloud than ``cloud`` are left out; vendor-neutral
    ones (Twilio, Stripe, Google Workspace) are kept."""
    kept: list[str] = []
    dropped: list[str] = []
    for name in services:
        owner = next((c for c, rx in _CLOUD_OF_SERVICE if rx.search(name)), None)
        (dropped if owner is not None and owner != cloud else kept).append(name)
    return kept, dropped
