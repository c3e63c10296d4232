from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def corpus_docs():
    """Every prompt of tests/design46/prompts.py (and the labelled corpus when present),
    generated once per session: {name: ArchitectureDocument}."""
    from tests.design46.prompts import ALL, corpus_prompts

    from archwright import generate

    prompts = {**ALL, **corpus_prompts()}
    return {name: generate(text) for name, text in sorted(prompts.items())}


@pytest.fixture(scope="session")
def pg_server():
    from tests.support.postgres import running_server

    with running_server() as server:
        yield server
