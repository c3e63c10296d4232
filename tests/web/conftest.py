from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.support import make_client


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    with make_client(tmp_path, rate_limit_per_minute=600, rate_limit_burst=100) as c:
        yield c


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server for the session (fails, not skips, when it cannot start)."""
    from tests.web.support import running_postgres

    with running_postgres() as url:
        yield url
