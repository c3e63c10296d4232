"""Which model to ask and how: ``--llm PROVIDER:MODEL`` plus environment variables.

API keys are read from the environment only (never from options or files), kept out of every
repr, and never written to the document or a log line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from archwright.errors import InputError

#: provider -> (wire protocol, default base URL, environment variable holding the key).
#: Local servers speak the OpenAI chat-completions protocol and need no key.
PROVIDERS: dict[str, tuple[str, str, str | None]] = {
    "openai": ("openai", "https://api.openai.com/v1", "OPENAI_API_KEY"),
    "anthropic": ("anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY"),
    "ollama": ("openai", "http://localhost:11434/v1", None),
    "vllm": ("openai", "http://localhost:8000/v1", None),
    "llamacpp": ("openai", "http://localhost:8080/v1", None),
    "lmstudio": ("openai", "http://localhost:1234/v1", None),
}

#: Structured-output modes for OpenAI-compatible servers: a JSON Schema the server enforces,
#: plain JSON mode (older local servers), or nothing (the schema is only in the prompt).
STRUCTURED_MODES = ("json_schema", "json_object", "none")


def _env_float(name: str, default: float, low: float, high: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{name}={raw!r}: expected a number of seconds") from None
    if not low <= value <= high:
        raise InputError(f"{name}={raw!r}: expected between {low:g} and {high:g}")
    return value


def _check_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{where} {url!r}: expected an http(s) URL such as http://localhost:11434/v1"
        )
    if parts.username or parts.password:
        # credentials in a URL would end up in the document's options; keys go in env vars
        raise InputError(
            f"{where}: remove the credentials from the URL; put the key in the environment"
        )
    return url.rstrip("/")


@dataclass(frozen=True)
class LlmConfig:
    provider: str
    model: str
    protocol: str  # "openai" | "anthropic"
    base_url: str
    api_key: str | None = field(default=None, repr=False)
    key_env: str | None = None
    timeout_s: float = 60.0
    max_wait_s: float = 20.0  # longest Retry-After we are willing to sleep through
    structured: str = "json_schema"
    cache_dir: Path | None = None  # None = caching off

    @property
    def label(self) -> str:
        return f"{self.provider}:{self.model}"


def parse_spec(spec: str) -> tuple[str, str]:
    provider, sep, model = spec.strip().partition(":")
    provider = provider.strip().lower()
    model = model.strip()
    if not sep or not provider or not model:
        raise InputError(
            f"--llm {spec!r}: expected PROVIDER:MODEL, e.g. openai:gpt-4o-mini or ollama:llama3"
        )
    if provider not in PROVIDERS:
        raise InputError(
            f"--llm {spec!r}: unknown provider {provider!r}; use one of {', '.join(sorted(PROVIDERS))}"
        )
    if len(model) > 200 or any(c.isspace() for c in model):
        raise InputError(f"--llm {spec!r}: the model name must be one word")
    return provider, model


def load_config(spec: str, base_url: str | None = None) -> LlmConfig:
    """Resolve ``spec`` with the environment; InputError (exit 2) on unusable settings."""
    provider, model = parse_spec(spec)
    protocol, default_url, key_env = PROVIDERS[provider]
    if base_url:
        url = _check_url(base_url, "--base-url")
    elif os.environ.get("ARCHWRIGHT_LLM_BASE_URL", "").strip():
        url = _check_url(os.environ["ARCHWRIGHT_LLM_BASE_URL"].strip(), "ARCHWRIGHT_LLM_BASE_URL")
    else:
        url = default_url
    structured = os.environ.get("ARCHWRIGHT_LLM_STRUCTURED", "json_schema").strip() or "json_schema"
    if structured not in STRUCTURED_MODES:
        raise InputError(
            f"ARCHWRIGHT_LLM_STRUCTURED={structured!r}: use one of {', '.join(STRUCTURED_MODES)}"
        )
    cache_off = os.environ.get("ARCHWRIGHT_LLM_CACHE", "").strip().lower() in ("0", "off", "no")
    cache_dir = None
    if not cache_off:
        root = os.environ.get("ARCHWRIGHT_CACHE_DIR", "").strip()
        cache_dir = Path(root) if root else Path.home() / ".cache" / "archwright" / "llm"
    key = (os.environ.get(key_env) or "").strip() if key_env else ""
    return LlmConfig(
        provider=provider,
        model=model,
        protocol=protocol,
        base_url=url,
        api_key=key or None,
        key_env=key_env,
        timeout_s=_env_float("ARCHWRIGHT_LLM_TIMEOUT", 60.0, 0.05, 600.0),
        max_wait_s=_env_float("ARCHWRIGHT_LLM_MAX_WAIT", 20.0, 0.0, 300.0),
        structured=structured,
        cache_dir=cache_dir,
    )
