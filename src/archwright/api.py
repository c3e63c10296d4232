"""The one entry point for the CLI, the web app, the MCP server and Python callers."""

from __future__ import annotations

import re
from typing import Any

from archwright._version import __version__
from archwright.errors import InputError
from archwright.models.document import ArchitectureDocument, Generator, InputInfo

__all__ = ["MAX_PROMPT_BYTES", "generate", "normalize_prompt", "verify"]

#: Largest prompt accepted, in UTF-8 bytes. A page of requirements is ~5 KiB; 32 KiB leaves room
#: for long specs while bounding the work one request can cause.
MAX_PROMPT_BYTES = 32 * 1024

# C0/C1 control characters other than tab and newline are never meaningful in a product
# description; they are replaced so user text can never break a rendered artifact.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def normalize_prompt(prompt: object) -> str:
    """Validate and normalize a prompt, or raise :class:`InputError` with a one-line reason."""
    if not isinstance(prompt, str):
        raise InputError(f"prompt must be text, got {type(prompt).__name__}")
    size = len(prompt.encode("utf-8", errors="surrogatepass"))
    if size > MAX_PROMPT_BYTES:
        raise InputError(
            f"prompt is {size} bytes; the limit is {MAX_PROMPT_BYTES} bytes (32 KiB) — shorten it"
        )
    text = prompt.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    # lone surrogates cannot be encoded as UTF-8 in the outputs
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    text = text.strip()
    if not text:
        raise InputError("prompt is empty — describe the product to design")
    return text


def generate(
    prompt: str,
    *,
    overrides: dict[str, str] | None = None,
    llm: str | None = None,
    options: dict[str, Any] | None = None,
) -> ArchitectureDocument:
    """Turn a product description into a verified :class:`ArchitectureDocument`.

    ``overrides`` maps dotted Stage 1 fields to values (``--set``); ``llm`` is an optional
    ``PROVIDER:MODEL`` that may *propose* signals — the rules still decide.
    """
    from archwright.decide import select_architecture, select_data_strategy
    from archwright.decide.assumptions import build_assumptions
    from archwright.decide.preferences import reconcile_preferences
    from archwright.design.api_contract import build_api
    from archwright.design.media import reconcile_domain
    from archwright.design.operations import build_operations
    from archwright.design.overview import build_overview
    from archwright.design.scalability import build_scalability
    from archwright.design.schema import build_schema
    from archwright.design.security import build_security
    from archwright.design.stack import select_stack
    from archwright.intake import extract
    from archwright.verify import run_gate

    text = normalize_prompt(prompt)
    signals, domain = extract(text, overrides)
    generator = Generator()
    if llm:
        # imported here so the offline path never loads httpx or any model code
        from archwright.llm import refine

        refined = refine(
            text,
            signals,
            domain,
            llm,
            base_url=(options or {}).get("llm_base_url"),
            protected=frozenset(overrides or ()),
        )
        signals, domain, generator = refined.signals, refined.domain, refined.generator
    architecture = select_architecture(signals, domain)
    data = select_data_strategy(signals, domain)
    signals = reconcile_preferences(signals, architecture, data, domain)
    stack = select_stack(signals, architecture, data, domain)
    # the media provider the stack chose replaces the one the archetype assumed, everywhere
    domain = reconcile_domain(domain, stack)
    api = build_api(signals, domain, architecture, data)
    schema = build_schema(signals, domain, data)
    assumptions, questions = build_assumptions(
        signals, domain, architecture, data, extra_decisions=stack_decisions
    )
    opts: dict[str, Any] = dict(options or {})
    if overrides:
        opts["set"] = dict(sorted(overrides.items()))
    if llm:
        opts["llm"] = llm
    doc = ArchitectureDocument(
        archwright_version=__version__,
        generator=generator,
        input=InputInfo(prompt=text, options=opts),
        signals=signals,
        domain=domain,
        architecture=architecture,
        data_strategy=data,
        overview=build_overview(signals, domain, architecture, data, stack),
        api=api,
        schema=schema,
        security=build_security(
            signals, domain, api, schema, stack=stack, orm=data.orm_or_query_builder
        ),
        scalability=build_scalability(signals, domain, architecture, data, stack),
        operations=build_operations(signals, domain, architecture, stack),
        assumptions=assumptions,
        open_questions=questions,
    )
    return run_gate(doc)


def stack_decisions(signals: Any, pattern: str, workers: list[str]) -> dict[str, str]:
    """API style and queue as the tech stack picks them, for the decision sensitivity analysis
    and ``--what-if`` (Stages 2-3 may not import later stages, so the pipeline passes this in)."""
    from archwright.design.stack import api_style_and_queue

    api_style, queue = api_style_and_queue(signals, pattern, workers)
    return {"api_style": api_style.technology or "none", "queue": queue.technology or "none"}


def verify(document: ArchitectureDocument | dict[str, Any] | str) -> ArchitectureDocument:
    """Re-run the verification gate on a (possibly edited) document."""
    from pydantic import ValidationError

    from archwright.verify import run_gate

    try:
        if isinstance(document, str):
            doc = ArchitectureDocument.model_validate_json(document)
        elif isinstance(document, dict):
            doc = ArchitectureDocument.model_validate(document)
        else:
            doc = document
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(
            f"not an archwright document: {where}: {first['msg']} ({exc.error_count()} errors)"
        ) from exc
    return run_gate(doc)
