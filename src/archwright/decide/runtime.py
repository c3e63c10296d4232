"""The application's primary language, read from Stage 1 signals only.

Shared by Stage 3 (ORM and migration tool), Stage 4 (tech stack) and Stage 8 (queue choice), so
they never disagree. A language the user states is honored; otherwise TypeScript on Node.js is
the default: one language across web client and API for small teams, and the seed's queue rules
name BullMQ for Node.js stacks.
"""

from __future__ import annotations

import re

from archwright.models.signals import Signals

#: stated-stack token (lower case) -> language id; first match in stated order wins.
_LANGUAGE_OF: dict[str, str] = {
    "typescript": "typescript",
    "javascript": "typescript",
    "node": "typescript",
    "node.js": "typescript",
    "nodejs": "typescript",
    "nestjs": "typescript",
    "express": "typescript",
    "fastify": "typescript",
    "next.js": "typescript",
    "python": "python",
    "django": "python",
    "fastapi": "python",
    "flask": "python",
    "go": "go",
    "golang": "go",
    "java": "java",
    "spring": "java",
    "spring boot": "java",
    "kotlin": "kotlin",
    "ktor": "kotlin",
    "c#": "csharp",
    ".net": "csharp",
    "dotnet": "csharp",
    "asp.net": "csharp",
    "ruby": "ruby",
    "rails": "ruby",
    "ruby on rails": "ruby",
    "php": "php",
    "laravel": "php",
    "elixir": "elixir",
    "phoenix": "elixir",
    "rust": "rust",
    "axum": "rust",
    "actix": "rust",
}

DEFAULT_LANGUAGE = "typescript"


def primary_language(signals: Signals) -> tuple[str, bool]:
    """(language id, stated?) — stated is True when it comes from the user's own words."""
    for token in signals.stated_stack:
        lang = _LANGUAGE_OF.get(re.sub(r"\s+", " ", token.strip().lower()))
        if lang:
            return lang, True
    return DEFAULT_LANGUAGE, False
