"""HTTP backends: OpenAI-compatible chat completions and Anthropic Messages, over httpx.

No provider SDK: two JSON POSTs are all archwright needs, and httpx is imported only here,
only when ``--llm`` is used. Keys travel in headers only; error messages are built from status
codes and the provider's error text, never from the request.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from archwright._version import __version__
from archwright.llm.backend import (
    ChatRequest,
    ChatResponse,
    FatalError,
    RetryableError,
    TransportError,
)
from archwright.llm.config import LlmConfig

_REASONING_MODEL = re.compile(r"^(o\d|gpt-5)")
_RETRYABLE = {408, 409, 425, 429, 500, 502, 503, 504, 529}


def _retry_after(headers: httpx.Headers) -> float | None:
    raw = headers.get("retry-after-ms")
    if raw:
        try:
            return max(0.0, float(raw) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:  # an HTTP date
        from datetime import datetime

        return max(0.0, (parsedate_to_datetime(raw) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def _error_text(resp: httpx.Response) -> str:
    try:
        body = resp.json()
    except ValueError:
        return resp.text[:200].strip()
    err = body.get("error") if isinstance(body, dict) else None
    if isinstance(err, dict):
        return str(err.get("message") or err.get("type") or "")[:200]
    if isinstance(err, str):
        return err[:200]
    return ""


def _scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


@dataclass
class _HttpBackend:
    config: LlmConfig
    _client: httpx.Client | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return self.config.label

    def _headers(self) -> dict[str, str]:
        raise NotImplementedError

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        if self._client is None:
            timeout = httpx.Timeout(self.config.timeout_s, connect=min(10.0, self.config.timeout_s))
            # trust_env=False: a stray proxy variable must not reroute a loopback model server
            self._client = httpx.Client(timeout=timeout, trust_env=False)
        url = self.config.base_url + path
        secret = self.config.api_key
        try:
            resp = self._client.post(url, json=payload, headers=self._headers())
        except httpx.TimeoutException:
            raise TransportError(f"no answer within {self.config.timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise TransportError(
                _scrub(f"cannot reach {self.config.base_url}: {type(exc).__name__}", secret)
            ) from None
        if resp.status_code in _RETRYABLE:
            raise RetryableError(
                _scrub(f"HTTP {resp.status_code} {_error_text(resp)}".strip(), secret),
                retry_after=_retry_after(resp.headers),
            )
        if resp.status_code >= 400:
            message = f"HTTP {resp.status_code} {_error_text(resp)}".strip()
            if (
                resp.status_code in (400, 422)
                and self.config.protocol == "openai"
                and self.config.structured == "json_schema"
            ):
                message += (
                    " (if the server does not support JSON-schema output, set "
                    "ARCHWRIGHT_LLM_STRUCTURED=json_object)"
                )
            raise FatalError(_scrub(message, secret))
        try:
            body = resp.json()
        except ValueError:
            raise TransportError("the server answered with something that is not JSON") from None
        if not isinstance(body, dict):
            raise TransportError("the server's answer is not a JSON object")
        return body

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


class OpenAIBackend(_HttpBackend):
    """``POST {base}/chat/completions`` — OpenAI, Ollama, vLLM, llama.cpp, LM Studio."""

    def _headers(self) -> dict[str, str]:
        h = {"user-agent": f"archwright/{__version__}"}
        if self.config.api_key:
            h["authorization"] = f"Bearer {self.config.api_key}"
        return h

    def complete(self, request: ChatRequest) -> ChatResponse:
        messages = [{"role": "system", "content": request.system}]
        messages += [{"role": m.role, "content": m.content} for m in request.messages]
        payload: dict[str, Any] = {"model": self.config.model, "messages": messages}
        reasoning = _REASONING_MODEL.match(self.config.model) is not None
        if not reasoning:  # reasoning models accept only the default temperature
            payload["temperature"] = 0
        # OpenAI itself renamed the limit (and rejects the old name for reasoning models);
        # local servers still read max_tokens
        limit_key = "max_completion_tokens" if self.config.provider == "openai" else "max_tokens"
        payload[limit_key] = request.max_tokens
        if self.config.structured == "json_schema":
            payload["response_format"] = {
                "type": "json_schema",
                # strict=False: the proposal's fields are optional, which strict mode forbids
                "json_schema": {
                    "name": request.schema_name,
                    "schema": request.schema,
                    "strict": False,
                },
            }
        elif self.config.structured == "json_object":
            payload["response_format"] = {"type": "json_object"}
        body = self._post("/chat/completions", payload)
        try:
            choice = body["choices"][0]
            message = choice["message"]
            text = message.get("content")
            if text is None and message.get("tool_calls"):
                text = message["tool_calls"][0]["function"]["arguments"]
        except (KeyError, IndexError, TypeError):
            raise TransportError("the answer has no choices[0].message") from None
        if not isinstance(text, str):
            refusal = message.get("refusal") if isinstance(message, dict) else None
            raise TransportError(
                f"the model returned no content{': ' + str(refusal)[:200] if refusal else ''}"
            )
        usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
        return ChatResponse(
            text=text,
            input_tokens=_int(usage.get("prompt_tokens")),
            output_tokens=_int(usage.get("completion_tokens")),
        )


class AnthropicBackend(_HttpBackend):
    """``POST {base}/v1/messages`` with one forced tool whose input schema is the proposal's."""

    def _headers(self) -> dict[str, str]:
        h = {"user-agent": f"archwright/{__version__}", "anthropic-version": "2023-06-01"}
        if self.config.api_key:
            h["x-api-key"] = self.config.api_key
        return h

    def complete(self, request: ChatRequest) -> ChatResponse:
        payload = {
            "model": self.config.model,
            "system": request.system,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_tokens,
            "temperature": 0,
            # a forced tool call is Anthropic's structured output: the input follows the schema
            "tools": [
                {
                    "name": request.schema_name,
                    "description": "Submit the proposal.",
                    "input_schema": request.schema,
                }
            ],
            "tool_choice": {"type": "tool", "name": request.schema_name},
        }
        base = self.config.base_url
        path = "/messages" if base.endswith("/v1") else "/v1/messages"
        body = self._post(path, payload)
        blocks = body.get("content")
        if not isinstance(blocks, list):
            raise TransportError("the answer has no content blocks")
        text: str | None = None
        for block in blocks:
            if isinstance(block, dict) and block.get("type") == "tool_use":
                text = json.dumps(block.get("input"), ensure_ascii=False)
                break
        if text is None:  # no tool call: fall back to the text blocks (parsed as JSON later)
            parts = [
                b.get("text", "") for b in blocks if isinstance(b, dict) and b.get("type") == "text"
            ]
            text = "".join(p for p in parts if isinstance(p, str))
        usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
        return ChatResponse(
            text=text,
            input_tokens=_int(usage.get("input_tokens")),
            output_tokens=_int(usage.get("output_tokens")),
        )


def make_backend(config: LlmConfig) -> OpenAIBackend | AnthropicBackend:
    if config.protocol == "anthropic":
        return AnthropicBackend(config)
    return OpenAIBackend(config)
