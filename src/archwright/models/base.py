"""Shared base model: strict keys, stable JSON."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base for every stage output.

    ``extra='forbid'`` so a typo in a builder or an edited architecture.json is an error, not a
    silently dropped key; aliases are used on output so contract key names (e.g. ``schema``) survive.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )
