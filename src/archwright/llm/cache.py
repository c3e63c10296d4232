"""On-disk cache of model answers, so re-running a document is free and repeatable.

The key hashes everything that shapes the answer: provider, model, endpoint, the proposal's
schema version and the exact messages sent. The value is the raw answer text and its token
counts; a hit is re-validated like a fresh answer (a tampered file cannot bypass the checks).
Writes are atomic (temp file + rename), and an unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archwright.llm.backend import ChatRequest

CACHE_FORMAT = 1


@dataclass(frozen=True)
class CachedAnswer:
    text: str
    input_tokens: int
    output_tokens: int


def cache_key(label: str, base_url: str, schema_version: str, request: ChatRequest) -> str:
    blob = json.dumps(
        {
            "format": CACHE_FORMAT,
            "model": label,
            "base_url": base_url,
            "schema_version": schema_version,
            "schema_name": request.schema_name,
            "system": request.system,
            "messages": [[m.role, m.content] for m in request.messages],
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class AnswerCache:
    def __init__(self, root: Path | None) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedAnswer | None:
        if self.root is None:
            return None
        try:
            data: Any = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or not isinstance(data.get("text"), str):
                return None
            return CachedAnswer(
                text=data["text"],
                input_tokens=int(data.get("input_tokens", 0)),
                output_tokens=int(data.get("output_tokens", 0)),
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def put(self, key: str, answer: CachedAnswer) -> None:
        if self.root is None:
            return
        path = self._path(key)
        payload = json.dumps(
            {
                "format": CACHE_FORMAT,
                "text": answer.text,
                "input_tokens": answer.input_tokens,
                "output_tokens": answer.output_tokens,
            },
            ensure_ascii=False,
        )
        # a read-only or full disk must not fail the document: the cache is an optimisation
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(payload)
                os.replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
