"""The small interface every model backend implements, and the errors it may raise.

Modelled on pydantic-ai's ``Model``: a backend turns one :class:`ChatRequest` into one
:class:`ChatResponse` and knows nothing about validation, retries or budgets — the session does.
Errors say whether trying again can help (:class:`RetryableError`) or not (:class:`FatalError`,
:class:`TransportError`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Message:
    role: str  # "user" | "assistant"
    content: str


@dataclass(frozen=True)
class ChatRequest:
    system: str
    messages: tuple[Message, ...]
    schema_name: str
    schema: dict[str, Any]
    max_tokens: int = 4096


@dataclass(frozen=True)
class ChatResponse:
    text: str  # the JSON text the model produced (a tool call's arguments for Anthropic)
    input_tokens: int = 0
    output_tokens: int = 0


class BackendError(Exception):
    """Base of backend failures. The message never contains a key."""


class RetryableError(BackendError):
    """429 / 5xx: the same request may succeed later (after ``retry_after`` seconds if known)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TransportError(BackendError):
    """Timeout, refused connection, broken response: the endpoint is not usable now."""


class FatalError(BackendError):
    """4xx other than 429 (bad key, unknown model, unsupported option): retrying cannot help."""


class Backend(Protocol):
    label: str  # PROVIDER:MODEL

    def complete(self, request: ChatRequest) -> ChatResponse: ...


@dataclass
class FunctionBackend:
    """A deterministic in-process backend for tests: ``fn(request) -> str | ChatResponse``.

    Like pydantic-ai's ``FunctionModel``; it records every request it answered.
    """

    fn: Callable[[ChatRequest], str | ChatResponse | BaseException]
    label: str = "test:function"
    requests: list[ChatRequest] = field(default_factory=list)

    def complete(self, request: ChatRequest) -> ChatResponse:
        self.requests.append(request)
        out = self.fn(request)
        if isinstance(out, BaseException):
            raise out
        if isinstance(out, ChatResponse):
            return out
        return ChatResponse(
            text=out, input_tokens=len(request.system) // 4, output_tokens=len(out) // 4
        )
