"""Shared fixtures. External-tool fixtures (PostgreSQL, Node parsers, Chromium) live in
``tests/support/`` and are imported by the tests that need them."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def social_doc():
    from archwright import generate

    return generate("Build me a backend for a social app")
