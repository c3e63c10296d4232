"""The whole architecture document: one typed model; every renderer is a view of it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from pydantic_core import PydanticSerializationError

from archwright.models.api import ApiContract
from archwright.models.base import Model
from archwright.models.decisions import ArchitectureDecision, DataStrategy
from archwright.models.domain import DomainModel
from archwright.models.operations import OperationsDesign
from archwright.models.overview import Overview
from archwright.models.scalability import ScalabilityDesign
from archwright.models.schema import SchemaDesign
from archwright.models.security import SecurityDesign
from archwright.models.signals import Impact, Signals
from archwright.models.verification import Verification


class InputInfo(Model):
    prompt: str
    options: dict[str, Any] = Field(default_factory=dict)


class LlmUsage(Model):
    """Tokens the model answers used (cached answers report what they cost when made)."""

    input_tokens: int = Field(ge=0)
    output_tokens: int = Field(ge=0)
    cost_usd: float | None = None  # null when knowledge/llm_prices.yaml does not know the model
    price_as_of: str | None = None  # the price table entry's date


class Generator(Model):
    engine: Literal["rules", "rules+llm"] = "rules"
    llm: str | None = None  # PROVIDER:MODEL when a model proposed signals
    notes: list[str] = Field(default_factory=list)
    usage: LlmUsage | None = None  # set when --llm was used and a model answered


class Assumption(Model):
    field: str  # dotted path, e.g. "signals.product.team_size"
    assumption: str
    confidence: Impact  # high|medium|low
    risk_if_wrong: str
    decisions_affected: list[str] = Field(default_factory=list)
    set_hint: str | None = None  # the --set that corrects it


class OpenQuestion(Model):
    question: str
    impact: Impact
    why_it_matters: str
    field: str | None = None
    set_hint: str | None = None


class ArchitectureDocument(Model):
    archwright_version: str
    generator: Generator = Field(default_factory=Generator)
    input: InputInfo
    signals: Signals
    domain: DomainModel
    architecture: ArchitectureDecision
    data_strategy: DataStrategy
    overview: Overview | None = None
    api: ApiContract | None = None
    schema_: SchemaDesign | None = Field(default=None, alias="schema")
    security: SecurityDesign | None = None
    scalability: ScalabilityDesign | None = None
    operations: OperationsDesign | None = None
    verification: Verification = Field(default_factory=lambda: Verification(passed=False))
    assumptions: list[Assumption] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)

    def to_markdown(self) -> str:
        from archwright.render.markdown import render_markdown

        return render_markdown(self)

    def to_json(self) -> str:
        """Stable JSON text of the document (the content of architecture.json)."""
        try:
            # pydantic-core's serializer writes the same text as json.dumps(indent=2,
            # ensure_ascii=False) of model_dump(mode="json"), ~8x faster (the stdlib encoder has
            # no C path when indenting)
            return self.model_dump_json(indent=2, by_alias=True) + "\n"
        except PydanticSerializationError:
            return self._escaped_json()

    def to_json_bytes(self) -> bytes:
        """:meth:`to_json` as the UTF-8 bytes of the file: the serializer writes UTF-8, so a
        writer saves decoding ~400 kB to text and encoding it back (~1.5 ms a document)."""
        try:
            return type(self).__pydantic_serializer__.to_json(self, indent=2, by_alias=True) + b"\n"
        except PydanticSerializationError:
            return self._escaped_json().encode()

    def _escaped_json(self) -> str:
        # text UTF-8 cannot carry (a lone surrogate from an edited file's "\\ud800"): written
        # as a JSON escape rather than refused
        import json

        return json.dumps(self.model_dump(mode="json"), indent=2) + "\n"
