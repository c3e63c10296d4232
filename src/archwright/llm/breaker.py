"""A per-endpoint circuit breaker shared by every document generated in this process.

After ``THRESHOLD`` consecutive documents whose model calls failed at the transport level
(timeouts, refused connections, 5xx, exhausted 429s), the endpoint is skipped for
``COOLDOWN_S`` seconds: a batch run or the MCP server stops paying a timeout per document
for a server that is down. One trial call is let through after the cooldown (half-open).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

THRESHOLD = 3
COOLDOWN_S = 60.0


@dataclass
class _State:
    failures: int = 0
    opened_at: float | None = None


_lock = threading.Lock()
_states: dict[str, _State] = {}


def allow(endpoint: str, now: float | None = None) -> bool:
    now = time.monotonic() if now is None else now
    with _lock:
        st = _states.get(endpoint)
        if st is None or st.opened_at is None:
            return True
        if now - st.opened_at >= COOLDOWN_S:
            st.opened_at = None  # half-open: one more failure re-opens it at once
            st.failures = THRESHOLD - 1
            return True
        return False


def record(endpoint: str, ok: bool, now: float | None = None) -> None:
    now = time.monotonic() if now is None else now
    with _lock:
        st = _states.setdefault(endpoint, _State())
        if ok:
            st.failures, st.opened_at = 0, None
            return
        st.failures += 1
        if st.failures >= THRESHOLD:
            st.opened_at = now


def reset() -> None:
    with _lock:
        _states.clear()
