"""OpenAPI document validation for the gate and ``lint-openapi``: the fast validator first
(``openapi_fast``), openapi-spec-validator for the wording of an error and for documents the fast
one does not decide. Imports no document model, so ``lint-openapi`` starts quickly."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any


@cache
def _v31_validator_class() -> type:
    """openapi-spec-validator's 3.1 validator whose meta-schema registry is crawled once.

    Out of the box every ``$dynamicRef`` in the OAS 3.1 meta-schema re-crawls the registry
    (jsonschema/referencing keep no crawled state between lookups), which costs seconds on a
    100 KB contract; a pre-crawled registry gives the same verdicts ~4x faster.
    """
    from jsonschema.validators import validator_for
    from openapi_spec_validator.schemas import schema_v31
    from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    meta = dict(schema_v31)
    registry = Registry().with_resource(meta["$id"], DRAFT202012.create_resource(meta)).crawl()
    fast = validator_for(meta)(meta, registry=registry)
    return type(
        "CrawledOpenAPIV31SpecValidator", (OpenAPIV31SpecValidator,), {"schema_validator": fast}
    )


@lru_cache(maxsize=64)
def _openapi_errors_cached(text: str) -> tuple[str, ...]:
    return tuple(_openapi_errors(json.loads(text)))


def openapi_errors(
    spec: Any, *, memo: bool = True, frozen: Callable[[object], bool] | None = None
) -> list[str]:
    """Validation errors of an OpenAPI 3.x document (first error only: the validator stops).

    Results are memoised on the document's canonical JSON, so re-verifying an unchanged
    contract (idempotence re-runs, ``archwright verify``) costs a hash, not a validation;
    ``memo=False`` for a caller that memoises itself (the JSON costs ~2 ms per contract);
    ``frozen`` tells the fast validator which parts are never changed (see
    :func:`~archwright.verify.openapi_fast.fast_openapi_errors`)."""
    if isinstance(spec, dict) and memo:
        try:
            text = json.dumps(spec, sort_keys=True, default=str)
        except (TypeError, ValueError):
            return _openapi_errors(spec)
        return list(_openapi_errors_cached(text))
    return _openapi_errors(spec, frozen)


def _openapi_errors(spec: Any, frozen: Callable[[object], bool] | None = None) -> list[str]:
    if isinstance(spec, str):
        import yaml

        try:
            spec = yaml.safe_load(spec)
        except yaml.YAMLError as exc:
            return [f"not YAML: {str(exc).splitlines()[0]}"]
    if not isinstance(spec, dict):
        return ["not a mapping"]
    from archwright.verify.openapi_fast import fast_openapi_errors

    fast = fast_openapi_errors(spec, frozen=frozen)
    if fast == []:
        return []
    full = _full_openapi_errors(spec)
    # openapi-spec-validator words the error when both find one; a rule only the fast validator
    # applies (they agree on every document of the cross-check) still fails the document
    return full or (fast or [])


def _full_openapi_errors(spec: dict[str, Any]) -> list[str]:
    """openapi-spec-validator itself (slow: ~0.3 s on a 100 KB contract)."""
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
    from referencing.exceptions import PointerToNowhere, Unresolvable

    try:
        if str(spec.get("openapi", "")).startswith("3.1"):
            error = next(iter(_v31_validator_class()(spec).iter_errors()), None)
            if error is not None:
                raise error
        else:
            validate(spec)
    except OpenAPIValidationError as exc:
        where = "/".join(str(p) for p in getattr(exc, "path", []) or [])
        return [f"{exc.message}" + (f" (at /{where})" if where else "")]
    except (PointerToNowhere, Unresolvable) as exc:
        # str(exc) embeds the whole document; the ref alone says where to look
        return [f"unresolvable $ref {getattr(exc, 'ref', '?')!r}"]
    return []
