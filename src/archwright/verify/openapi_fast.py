"""OpenAPI 3.x validation in milliseconds: openapi-spec-validator's rules over a plain dict.

openapi-spec-validator walks the document through ``jsonschema-path`` accessors and validates
with pure-Python ``jsonschema``: ~0.3 s for one of our 100 KB contracts, i.e. 90 % of a whole
``generate()``. This module applies the same rules —

1. the document against the official OAS meta-schema (the very schema file
   openapi-spec-validator ships), compiled once by ``jsonschema-rs``;
2. every Schema Object against the JSON Schema meta-schema, its ``default`` against itself, and
   ``required`` names of an ``allOf`` schema defined somewhere in it;
3. every local ``$ref`` resolves;
4. operationIds unique, path templates and declared path parameters agree, no duplicate
   parameter (name, in), no duplicate tag names —

on plain dicts. The test suite cross-checks the verdicts against openapi-spec-validator itself on
generated, public and mutated documents (``tests/verify/test_openapi_fast.py``); the gate asks
openapi-spec-validator for its wording only when this validator finds an error.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_MISSING = object()

# Says whether an object is never changed (a caller's promise): facts learnt about such an
# object (its $refs, whether it is a clean schema) are kept for the next document sharing it.
Frozen = Callable[[object], bool]


@cache
def _document_validator(version: str) -> Any:
    """The meta-schema file openapi-spec-validator ships, read without importing the package
    (its import pulls ``jsonschema-path`` and ``requests``: ~0.7 s of a CLI cold start)."""
    import importlib.util
    import json
    from pathlib import Path

    import jsonschema_rs

    spec = importlib.util.find_spec("openapi_spec_validator")
    assert spec is not None and spec.submodule_search_locations
    base = Path(next(iter(spec.submodule_search_locations)))
    path = base / "resources" / "schemas" / f"v{version}" / "schema.json"
    return jsonschema_rs.validator_for(json.loads(path.read_text(encoding="utf-8")))


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def resolve(root: Any, ref: str) -> Any:
    """The value a local ``#/a/b`` reference points at, or ``_MISSING``."""
    if not ref.startswith("#"):
        return _MISSING
    node = root
    for token in ref[1:].split("/")[1:] if ref != "#" else []:
        key = _unescape(token) if "~" in token else token
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return _MISSING
    return node


def _refs(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every ``($ref location, $ref)`` under ``node``, in document order."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield where or "/", ref
        for k, v in node.items():
            yield from _refs(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _refs(v, f"{where}/{i}")


def _ref_set(node: Any, out: set[str]) -> None:
    """The distinct ``$ref`` strings under ``node`` (no locations: :func:`_refs` finds the
    location of the rare bad one)."""
    stack = [node]
    push = stack.append
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            ref = n.get("$ref")
            if isinstance(ref, str):
                out.add(ref)
            children = n.values()
        else:
            children = n
        for v in children:
            t = type(v)
            # exact types first: most leaves are strings, which need no isinstance test
            if t is dict or t is list or (t is not str and isinstance(v, dict | list)):
                push(v)


# id of a frozen object -> (the object, a fact about it). Holding the object keeps its id from
# being reused while the entry lives; cleared when full, so a long batch stays bounded (the
# size of the renderer's operation cache: the objects held are mostly the ones it holds too).
_Facts = dict[int, tuple[object, Any]]
_FACT_LIMIT = 4096
_REFS: _Facts = {}
_CLEAN: _Facts = {}


def _remember(facts: _Facts, node: object, value: Any) -> Any:
    if len(facts) >= _FACT_LIMIT:
        facts.clear()
    facts[id(node)] = (node, value)
    return value


def _frozen_refs(node: Any) -> frozenset[str]:
    """:func:`_ref_set` of a frozen object, worked out once."""
    hit = _REFS.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]  # type: ignore[no-any-return]
    out: set[str] = set()
    _ref_set(node, out)
    return _remember(_REFS, node, frozenset(out))  # type: ignore[no-any-return]


def _ref_set_shared(node: Any, out: set[str], frozen: Frozen, depth: int) -> None:
    """:func:`_ref_set`, taking the refs of frozen objects found in the top ``depth`` levels
    (a contract's operations and component schemas) from what was learnt before."""
    if depth <= 0:
        _ref_set(node, out)
        return
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            out.add(ref)
        children: Any = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return
    for v in children:
        if type(v) is dict or type(v) is list or isinstance(v, dict | list):
            if frozen(v):
                out |= _frozen_refs(v)
            else:
                _ref_set_shared(v, out, frozen, depth - 1)


class _Deref:
    """Follows ``$ref`` chains to the node they point at (the node itself when one does not
    resolve), resolving each reference once per document."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.targets: dict[str, Any] = {}

    def __call__(self, node: Any) -> Any:
        if type(node) is dict and "$ref" not in node:
            return node  # the common case, decided without a call to get
        seen = 0
        while isinstance(node, dict) and isinstance(ref := node.get("$ref"), str) and seen < 32:
            target = self.targets.get(ref, None)
            if target is None:
                target = self.targets[ref] = resolve(self.root, ref)
            if target is _MISSING:
                return node
            node, seen = target, seen + 1
        return node


def _clean_schema(node: dict[str, Any]) -> bool:
    """Whether a frozen 3.1 schema without ``$ref`` is clean: meta-valid, and walking it finds
    no error and leaves nothing undecided. Its verdict depends on nothing else, so it is kept:
    a clean schema met again is skipped whole (walking it again would find nothing)."""
    hit = _CLEAN.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]  # type: ignore[no-any-return]
    # new objects of a batch mostly repeat the content of earlier ones (a uuid, a bounded
    # string): the verdict is a function of the content, which repr spells out (types included)
    text = repr(node)
    verdict = _CLEAN_TEXT.get(text)
    if verdict is None:
        # "$ref" anywhere (a key, or text a default's check would not decide) is not clean:
        # such a schema depends on the document, so it is walked every time
        verdict = "$ref" not in text and _walks_clean(node)
        if len(_CLEAN_TEXT) >= _CLEAN_TEXT_LIMIT:
            _CLEAN_TEXT.clear()
        _CLEAN_TEXT[text] = verdict
    return _remember(_CLEAN, node, verdict)  # type: ignore[no-any-return]


def _walks_clean(node: dict[str, Any]) -> bool:
    walker = _Walker({}, "3.1")
    walker.schema(node, "")
    return not walker.errors and not walker.undecided


# repr of a schema -> whether it is clean (:func:`_clean_schema`); bounded like the facts
_CLEAN_TEXT: dict[str, bool] = {}
_CLEAN_TEXT_LIMIT = 4096


class _Walker:
    def __init__(self, root: dict[str, Any], version: str, frozen: Frozen | None = None) -> None:
        self.root = root
        # with a 3.1 document only: a clean verdict covers the 3.1 meta-check
        self.frozen = frozen if version == "3.1" else None
        # whether the node being walked lies (without a $ref between) in a frozen object
        self._inside = False
        self.deref = _Deref(root)
        self.version = version
        self.errors: list[str] = []
        self._meta_checked: set[int] = set()
        self._visited: set[int] = set()
        # $ref texts whose (final) targets are in _visited
        self._visited_refs: set[str] = set()
        self.undecided = False

    # -- schemas ----------------------------------------------------------------------------
    def schema(self, node: Any, where: str, *, require: bool = True, meta: bool = True) -> None:
        orig = node
        if type(node) is not dict or "$ref" in node:
            node = self.deref(node)
            if not isinstance(node, dict | bool):
                self.errors.append(f"{node!r} is not of type 'object', 'boolean' (at {where})")
                return
            if isinstance(node, bool):
                return
        outer = self._enter(orig, node)
        # in a frozen object, the clean verdict learnt before ends the walk of most schemas
        if not (self._inside and _clean_schema(node)):
            self._schema(node, where, require=require, meta=meta)
        self._inside = outer

    def _enter(self, orig: Any, node: Any) -> bool:
        """Step from ``orig`` to ``node`` (``orig`` dereferenced); return where we were. A $ref
        leaves a frozen object unless it lands in another one."""
        outer = self._inside
        if self.frozen is not None:
            self._inside = (outer and node is orig) or self.frozen(node)
        return outer

    def _schema(self, node: dict[str, Any], where: str, *, require: bool, meta: bool) -> None:
        import jsonschema_rs

        # meta-check before the visited test: a schema first reached as a nested $ref target
        # (not meta-checked) is checked when reached again at the top level, as in osv
        if meta and self.version == "3.1" and id(node) not in self._meta_checked:
            self._meta_checked.add(id(node))
            try:
                jsonschema_rs.meta.validate(node)
            except jsonschema_rs.ValidationError as exc:
                self.errors.append(f"{exc.message} (at {where})")
                return
            except jsonschema_rs.ReferencingError:
                pass  # references are checked once, document-wide
        if id(node) in self._visited:
            return
        self._visited.add(id(node))
        nested: set[str] = set()
        for kw in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(node.get(kw) or []):
                self.schema(sub, f"{where}/{kw}/{i}", require=False, meta=False)
                if kw == "allOf":
                    nested |= self._properties(sub)
        for kw in ("not", "items"):
            if kw in node:
                self.schema(node[kw], f"{where}/{kw}", require=False, meta=False)
        props = node.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                self.schema(sub, f"{where}/properties/{name}", require=False, meta=False)
        if "allOf" in node and require:
            extra = set(node.get("required") or []) - set(props or {}) - nested
            if extra:
                self.errors.append(
                    f"Required list has not defined properties: {sorted(extra)} (at {where})"
                )
        if "default" in node and (node["default"] is not None or node.get("nullable") is not True):
            self._value(node, node["default"], f"{where}/default")

    def _properties(self, node: Any) -> set[str]:
        node = self.deref(node)
        if not isinstance(node, dict):
            return set()
        out = set(node.get("properties") or {})
        for kw in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(kw) or []:
                out |= self._properties(sub)
        for kw in ("items", "not"):
            if kw in node:
                out |= self._properties(node[kw])
        return out

    def _value(self, schema: dict[str, Any], value: Any, where: str) -> None:
        """``default`` must validate against its schema; one under a ``$ref`` is left undecided."""
        import jsonschema_rs

        if "$ref" in str(schema):
            self.undecided = True  # a default under a $ref'd schema: openapi-spec-validator decides
            return
        try:
            jsonschema_rs.validate(schema, value)
        except jsonschema_rs.ValidationError as exc:
            self.errors.append(f"{exc.message} (at {where})")
        except Exception:  # an invalid schema was reported by the meta check
            pass

    # -- structure --------------------------------------------------------------------------
    def parameters(self, params: Any, where: str) -> set[str]:
        """Check a parameter list; return the names of its path parameters."""
        seen: set[tuple[str, str]] = set()
        path_names: set[str] = set()
        for i, raw in enumerate(params or []):
            p = self.deref(raw)
            if not isinstance(p, dict):
                continue
            outer = self._enter(raw, p)
            key = (str(p.get("name")), str(p.get("in")))
            if key in seen:
                self.errors.append(f"Duplicate parameter `{key[0]}` (at {where}/{i})")
            seen.add(key)
            if key[1] == "path":
                path_names.add(key[0])
            if "schema" in p:
                self.schema(p["schema"], f"{where}/{i}/schema")
            for j, (_, media) in enumerate(sorted((p.get("content") or {}).items())):
                self.media(media, f"{where}/{i}/content/{j}")
            self._inside = outer
        return path_names

    def media(self, raw: Any, where: str) -> None:
        media = self.deref(raw)
        if isinstance(media, dict) and "schema" in media:
            outer = self._enter(raw, media)
            self.schema(media["schema"], f"{where}/schema")
            self._inside = outer

    def responses(self, responses: Any, where: str) -> None:
        for code, raw in (responses or {}).items():
            resp = self._unvisited(raw)
            # a shared (referenced) response is checked once, where it is first reached
            if resp is None:
                continue
            outer = self._enter(raw, resp)
            for mt, media in (resp.get("content") or {}).items():
                self.media(media, f"{where}/{code}/content/{mt}")
            for name, raw_header in (resp.get("headers") or {}).items():
                header = self._unvisited(raw_header)
                if header is None:
                    continue
                if "schema" in header:
                    in_response = self._enter(raw_header, header)
                    self.schema(header["schema"], f"{where}/{code}/headers/{name}/schema")
                    self._inside = in_response
            self._inside = outer

    def _unvisited(self, raw: Any) -> dict[str, Any] | None:
        """``raw`` dereferenced and marked visited, or ``None`` when it is no mapping or was
        visited before. A reference whose target was visited is known by its text, without
        following it again (the many operations naming the same shared response or header)."""
        ref = raw.get("$ref") if type(raw) is dict else None
        if ref is not None and ref in self._visited_refs:
            return None
        node = self.deref(raw)
        if not isinstance(node, dict):
            return None
        seen = id(node) in self._visited
        self._visited.add(id(node))
        if isinstance(ref, str) and node is not raw:
            self._visited_refs.add(ref)
        return None if seen else node

    def paths(self) -> None:
        op_ids: set[str] = set()
        for url, item in (self.root.get("paths") or {}).items():
            item = self.deref(item)
            if not isinstance(item, dict):
                continue
            base = f"/paths/{url}"
            shared = self.parameters(item.get("parameters"), f"{base}/parameters")
            url_params = {f[1] for f in string.Formatter().parse(url) if f[1]}
            for method in _METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                op_id = op.get("operationId")
                if op_id is not None:
                    if op_id in op_ids:
                        self.errors.append(
                            f"Operation ID '{op_id}' for '{method}' in '{url}' is not unique"
                        )
                    op_ids.add(op_id)
                self._inside = self.frozen is not None and self.frozen(op)
                self.responses(op.get("responses"), f"{base}/{method}/responses")
                declared = shared | self.parameters(
                    op.get("parameters"), f"{base}/{method}/parameters"
                )
                raw_body = op.get("requestBody")
                body = self.deref(raw_body)
                if isinstance(body, dict):
                    in_op = self._enter(raw_body, body)
                    for mt, media in (body.get("content") or {}).items():
                        self.media(media, f"{base}/{method}/requestBody/content/{mt}")
                    self._inside = in_op
                for name in sorted(url_params ^ declared):
                    self.errors.append(
                        f"Path parameter '{name}' for '{method}' operation in '{url}' was not "
                        "resolved"
                    )
                self._inside = False

    def components(self) -> None:
        comps = self.root.get("components") or {}
        for name, schema in (comps.get("schemas") or {}).items():
            self.schema(schema, f"/components/schemas/{name}")

    def tags(self) -> None:
        seen: set[str] = set()
        for tag in self.root.get("tags") or []:
            name = tag.get("name") if isinstance(tag, dict) else None
            if name in seen:
                self.errors.append(f"Duplicate tag name '{name}'")
            seen.add(name)


def fast_openapi_errors(spec: dict[str, Any], *, frozen: Frozen | None = None) -> list[str] | None:
    """Errors of an OpenAPI 3.0/3.1 document (``[]`` when valid), or ``None`` when the document
    is outside what this validator decides (another version, remote ``$ref``s): the caller then
    asks openapi-spec-validator.

    ``frozen`` says which objects of the document are never changed (the operations and
    component schemas a renderer shares between contracts): what is learnt about them is kept
    for the next document, which costs a lookup instead of a walk."""
    version = str(spec.get("openapi", ""))[:3]
    if version not in ("3.0", "3.1"):
        return None
    refs: set[str] = set()
    if frozen is None:
        _ref_set(spec, refs)
    else:
        # spec -> paths -> path item -> operation; spec -> components -> schemas -> schema
        _ref_set_shared(spec, refs, frozen, 3)
    if any(not ref.startswith("#") for ref in refs):
        return None
    validator = _document_validator(version)
    # is_valid stops at nothing to report and builds no error objects: ~35 % cheaper than
    # asking iter_errors for a first error that a valid contract does not have
    first = None if validator.is_valid(spec) else next(iter(validator.iter_errors(spec)), None)
    if first is not None:
        where = "/".join(str(p) for p in first.instance_path)
        return [first.message + (f" (at /{where})" if where else "")]
    bad = {ref for ref in refs if resolve(spec, ref) is _MISSING}
    for where, ref in _refs(spec) if bad else ():
        if ref in bad:
            return [f"unresolvable $ref {ref!r} (at {where})"]
    walker = _Walker(spec, version, frozen)
    walker.tags()
    walker.paths()
    walker.components()
    if walker.undecided and not walker.errors:
        return None
    return walker.errors[:1]
