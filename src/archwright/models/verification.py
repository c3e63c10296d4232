"""Stage 10 output: the verification gate's findings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archwright.models.base import Model


class CheckResult(Model):
    code: str  # AW-API-003
    name: str  # api.min_error_responses
    category: str
    title: str
    status: Literal["pass", "fail", "fixed"]
    message: str
    locations: list[str] = Field(default_factory=list)  # e.g. "api.endpoints[POST /v1/posts]"


class Verification(Model):
    passed: bool
    iterations: int = 0
    checks: list[CheckResult] = Field(default_factory=list)
    fixes_applied: list[str] = Field(default_factory=list)
