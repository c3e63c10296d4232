"""One document's conversation with a model: at most two calls, validated, merged, cached.

The plan is fixed before the first call: a *signals* task, plus a *domain* task when the rules
found no archetype for the product. The budget is two HTTP calls per document, retries
included, so a task may try again (after a 429/5xx, or with its validation errors fed back, as
pydantic-ai does) only while that leaves one call for every task still waiting. "Try again" is
a validation error with budget left; "final failure" keeps whatever part of the answer
validated, or falls back to the offline result — and the document's generator notes say which.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archwright.llm import breaker
from archwright.llm.backend import (
    Backend,
    ChatRequest,
    FatalError,
    Message,
    RetryableError,
    TransportError,
)
from archwright.llm.cache import AnswerCache, CachedAnswer, cache_key
from archwright.llm.config import PROVIDERS, LlmConfig, load_config
from archwright.llm.merge import (
    DomainCheck,
    ProposalError,
    SignalsCheck,
    check_domain,
    check_signals,
    merge_domain,
    merge_signals,
    parse_json_object,
)
from archwright.llm.prices import cost_usd, find_price
from archwright.llm.proposals import (
    DOMAIN_SYSTEM,
    SIGNALS_SYSTEM,
    domain_schema,
    schema_version,
    signals_schema,
    user_message,
)
from archwright.models.document import Generator, LlmUsage
from archwright.models.domain import DomainModel
from archwright.models.signals import Signals

log = logging.getLogger("archwright.llm")

#: The most model calls one document may cost, retries included.
CALL_BUDGET = 2
MAX_FEEDBACK_ERRORS = 20


@dataclass
class Refined:
    signals: Signals
    domain: DomainModel
    generator: Generator


@dataclass
class _Task:
    name: str
    request: ChatRequest
    check: Callable[[str], tuple[Any, list[str], list[str]]]  # -> (result, errors, notes)
    result: Any = None
    notes: list[str] = field(default_factory=list)
    input_tokens: int = 0
    output_tokens: int = 0


def _feedback(errors: list[str]) -> str:
    shown = errors[:MAX_FEEDBACK_ERRORS]
    more = len(errors) - len(shown)
    lines = "\n".join(f"- {e}" for e in shown)
    tail = f"\n- ... and {more} more" if more > 0 else ""
    return (
        "Your answer did not validate against the schema:\n"
        f"{lines}{tail}\n"
        "Answer again with ONE corrected JSON object and nothing else."
    )


class _Session:
    def __init__(
        self,
        config: LlmConfig,
        backend: Backend,
        cache: AnswerCache,
        sleep: Callable[[float], None],
    ) -> None:
        self.config = config
        self.backend = backend
        self.cache = cache
        self.sleep = sleep
        self.calls = 0
        self.not_before = 0.0
        self.stopped: str | None = None  # why no further call is made
        self.answered = False  # some call got an HTTP answer
        self.failed = False  # a transport-level failure (counts for the circuit breaker)

    def _wait(self) -> None:
        delay = self.not_before - time.monotonic()
        if delay > 0:
            self.sleep(delay)

    def run(self, tasks: list[_Task]) -> None:
        for i, task in enumerate(tasks):
            waiting = len(tasks) - i - 1
            self._run_task(task, waiting)

    def _run_task(self, task: _Task, waiting: int) -> None:
        key = cache_key(self.config.label, self.config.base_url, schema_version(), task.request)
        hit = self.cache.get(key)
        if hit is not None:
            result, errors, notes = task.check(hit.text)
            if result is not None:
                log.info("%s: answer served from the cache", task.name)
                task.result, task.notes = result, notes
                task.input_tokens, task.output_tokens = hit.input_tokens, hit.output_tokens
                return
        if self.stopped:
            task.notes.append(
                f"{task.name}: not asked ({self.stopped}); the offline result is used"
            )
            return
        request = task.request
        attempt = 0
        while True:
            if self.calls >= CALL_BUDGET:
                task.notes.append(
                    f"{task.name}: not asked (the {CALL_BUDGET}-call budget is spent); "
                    "the offline result is used"
                )
                return
            can_retry = CALL_BUDGET - self.calls - 1 > waiting
            self._wait()
            self.calls += 1
            attempt += 1
            try:
                resp = self.backend.complete(request)
            except RetryableError as exc:
                self.answered = True
                delay = (
                    exc.retry_after if exc.retry_after is not None else float(2 ** (attempt - 1))
                )
                if delay > self.config.max_wait_s:
                    self.failed = True
                    self.stopped = f"{exc}; asked to wait {delay:g} s, more than the {self.config.max_wait_s:g} s limit"
                    task.notes.append(f"{task.name}: {self.stopped}; the offline result is used")
                    return
                self.not_before = time.monotonic() + delay
                if can_retry:
                    log.info("%s: %s; retrying in %.1f s", task.name, exc, delay)
                    continue
                self.failed = True
                task.notes.append(
                    f"{task.name}: {exc}; no call left to retry; the offline result is used"
                )
                return
            except TransportError as exc:
                self.failed = True
                self.stopped = str(exc)
                task.notes.append(
                    f"{task.name}: the model call failed ({exc}); the offline result is used"
                )
                return
            except FatalError as exc:
                self.answered = True
                self.stopped = str(exc)
                task.notes.append(
                    f"{task.name}: the model call was refused ({exc}); the offline result is used"
                )
                return
            self.answered = True
            task.input_tokens += resp.input_tokens
            task.output_tokens += resp.output_tokens
            result, errors, notes = task.check(resp.text)
            if errors and can_retry:
                log.info("%s: answer invalid (%d errors); asking again", task.name, len(errors))
                request = ChatRequest(
                    system=request.system,
                    messages=(
                        *request.messages,
                        Message("assistant", resp.text[:20000]),
                        Message("user", _feedback(errors)),
                    ),
                    schema_name=request.schema_name,
                    schema=request.schema,
                    max_tokens=request.max_tokens,
                )
                continue
            if result is None:
                shown = "; ".join(errors[:3])
                task.notes.append(
                    f"{task.name}: the model's answer was unusable ({shown}); the offline result is used"
                )
                return
            if errors:
                shown = "; ".join(errors[:5])
                more = f" and {len(errors) - 5} more" if len(errors) > 5 else ""
                notes = [
                    *notes,
                    f"{task.name}: invalid parts of the model's answer were dropped: {shown}{more}",
                ]
            task.result, task.notes = result, notes
            self.cache.put(key, CachedAnswer(resp.text, task.input_tokens, task.output_tokens))
            return


def _check_signals(
    prompt: str,
) -> Callable[[str], tuple[SignalsCheck | None, list[str], list[str]]]:
    def check(text: str) -> tuple[SignalsCheck | None, list[str], list[str]]:
        try:
            raw = parse_json_object(text)
        except ProposalError as exc:
            return None, [str(exc)], []
        result = check_signals(raw, prompt)
        return result, result.errors, result.notes

    return check


def _check_domain(text: str) -> tuple[DomainCheck | None, list[str], list[str]]:
    try:
        raw = parse_json_object(text)
    except ProposalError as exc:
        return None, [str(exc)], []
    result = check_domain(raw)
    if result.domain is None:
        return None, result.errors, result.notes
    return result, result.errors, result.notes


def _scrub(texts: list[str], secret: str | None) -> list[str]:
    return [t.replace(secret, "***") for t in texts] if secret else texts


def refine(
    prompt: str,
    signals: Signals,
    domain: DomainModel,
    spec: str,
    *,
    base_url: str | None = None,
    protected: frozenset[str] = frozenset(),
    backend: Backend | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Refined:
    """Let the model ``spec`` propose signals (and a domain model for an unknown product).

    Never raises for a model failure: the offline ``signals``/``domain`` are returned with a
    note. Raises :class:`~archwright.errors.InputError` for an unusable ``spec`` or URL.
    """
    config = load_config(spec, base_url)
    generator = Generator(engine="rules", llm=config.label)
    offline = Refined(signals, domain, generator)
    default_url = PROVIDERS[config.provider][1]
    if backend is None:
        if config.key_env and not config.api_key and config.base_url == default_url:
            generator.notes.append(f"{config.key_env} is not set; the offline result is used")
            return offline
        from archwright.llm.http import make_backend

        backend = make_backend(config)
    endpoint = f"{config.protocol} {config.base_url}"

    tasks = [
        _Task(
            "signals",
            ChatRequest(
                system=SIGNALS_SYSTEM,
                messages=(Message("user", user_message(prompt)),),
                schema_name="signals_proposal",
                schema=signals_schema(),
            ),
            _check_signals(prompt),
        )
    ]
    if signals.product.archetype.value == "generic" or domain.source == "generic":
        tasks.append(
            _Task(
                "domain",
                ChatRequest(
                    system=DOMAIN_SYSTEM,
                    messages=(Message("user", user_message(prompt)),),
                    schema_name="domain_proposal",
                    schema=domain_schema(),
                    max_tokens=8192,
                ),
                _check_domain,
            )
        )

    session = _Session(config, backend, AnswerCache(config.cache_dir), sleep)
    if not breaker.allow(endpoint):
        session.stopped = (
            f"the circuit breaker is open after repeated failures of {config.base_url}"
        )
    try:
        session.run(tasks)
    finally:
        close = getattr(backend, "close", None)
        if callable(close):
            close()
    if session.calls:
        breaker.record(endpoint, ok=session.answered and not session.failed)

    notes: list[str] = []
    used: list[str] = []
    merged_signals, merged_domain = signals, domain
    sig_task = tasks[0]
    if isinstance(sig_task.result, SignalsCheck):
        merged_signals, rule_notes, accepted = merge_signals(
            signals, sig_task.result, source=config.label, protected=protected
        )
        notes += sig_task.notes + rule_notes
        if accepted:
            used.append("signals")
            notes.append(
                f"signals: the model filled {len(accepted)} inferred fields: {', '.join(accepted)}"
            )
        else:
            notes.append("signals: the model's proposal changed no field")
    else:
        notes += sig_task.notes
    if len(tasks) > 1:
        dom_task = tasks[1]
        notes += dom_task.notes
        if isinstance(dom_task.result, DomainCheck) and dom_task.result.domain is not None:
            merged_domain = merge_domain(domain, dom_task.result.domain)
            used.append("domain")
            notes.append(
                f"domain: proposed by the model ({len(merged_domain.entities)} entities, "
                f"{len(merged_domain.endpoints)} endpoints, {len(merged_domain.roles)} roles)"
            )

    usage = None
    tokens_in = sum(t.input_tokens for t in tasks)
    tokens_out = sum(t.output_tokens for t in tasks)
    if tokens_in or tokens_out or any(t.result is not None for t in tasks):
        price = find_price(config.provider, config.model)
        usage = LlmUsage(
            input_tokens=tokens_in,
            output_tokens=tokens_out,
            cost_usd=cost_usd(config.provider, config.model, tokens_in, tokens_out),
            price_as_of=price.as_of if price else None,
        )
    generator = Generator(
        engine="rules+llm" if used else "rules",
        llm=config.label,
        notes=_scrub(notes, config.api_key),
        usage=usage,
    )
    return Refined(merged_signals, merged_domain, generator)
