"""YAML text of the plain data our artifacts are built from (dict, list, str, int, float, bool,
None): ``openapi.yaml``, ``asyncapi.yaml``, the CI workflow and ``compose.yaml``.

Why not ``yaml.dump``: PyYAML builds a node graph and calls back into Python for every scalar;
even with libyaml's emitter a 120 KB contract took ~35 ms, more than the rest of the pipeline.
This writer takes ~3 ms. It trades PyYAML's line folding for one line per scalar, never
emits anchors/aliases, and quotes conservatively — PyYAML itself (YAML 1.1, the reading every
common consumer shares) decides whether a plain scalar would be read back as a string. The test
suite holds it to ``yaml.safe_load(dump_yaml(x)) == x`` for arbitrary Unicode data (hypothesis)
and for every generated artifact.

Block style throughout, PyYAML's layout (mappings indented by two, sequences in a mapping not
indented), key order kept, multi-line strings as literal blocks when they can be written
verbatim.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from archwright.render.memo import SharedCache

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"

# characters a YAML stream may carry verbatim (the spec's c-printable, minus the BOM and the
# Unicode line/paragraph separators and NEL, which readers treat as line breaks)
_UNPRINTABLE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# what a YAML 1.2 core-schema reader (js-yaml, the npm yaml package, Go and Rust parsers) takes
# for a number, bool or null: quoted too, so the file means the same to every reader
_YAML12_NOT_STR = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')
# a simple (implicit) key must fit in 1024 characters on one line (YAML 1.1, PyYAML's scanner)
_SIMPLE_KEY_MAX = 1000


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"


def _plain_ok(text: str) -> bool:
    return (
        text[0] not in _INDICATORS
        and not text[0].isspace()
        and not text[-1].isspace()
        and "\t" not in text
        and "\n" not in text
        and _UNPRINTABLE.search(text) is None
        and not text.endswith(":")
        and ": " not in text
        and " #" not in text
        and not text.startswith(("...", "---"))
        and _YAML12_NOT_STR.fullmatch(text) is None
        and _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG
    )


@lru_cache(maxsize=1 << 15)
def _quoted(text: str) -> str:
    """One-line form of a string: plain when it reads back as the same string, else quoted."""
    if text and _plain_ok(text):
        return text
    if _UNPRINTABLE.search(text) is None and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _literal(text: str, pad: str) -> str | None:
    """A ``|`` block holding ``text`` verbatim, or None when one cannot (indentation or
    characters a block cannot carry)."""
    if (
        "\n" not in text
        or "\r" in text
        or text[0] in " \t\n"
        or _UNPRINTABLE.search(text) is not None
    ):
        return None
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = "".join(f"{pad}{line}\n" if line else "\n" for line in body.split("\n"))
    return f"|{chomp}\n{lines}" + "\n" * max(trailing - 1, 0)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        # PyYAML reads 1e+16 as a string: a float needs a dot
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if isinstance(value, str):
        return _quoted(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


@lru_cache(maxsize=1 << 14, typed=True)  # typed: the keys 1, 1.0 and True are written apart
def _key(key: Any, pad: str) -> str:
    """``key:`` — or ``? key`` then ``:`` for a key longer than a simple key may be."""
    text = _quoted(key) if type(key) is str else _scalar(key)
    return f"{pad}{text}:" if len(text) <= _SIMPLE_KEY_MAX else f"{pad}? {text}\n{pad}:"


def _same_line(v: Any, inner: str) -> str | None:
    """What follows ``key:`` or ``-`` when the value stays on that line (a scalar, an empty
    collection, a literal block indented by ``inner``), or None for a block collection."""
    # hot path (a contract has ~30,000 scalars): exact-type tests first, subclasses after
    t = type(v)
    if t is str:
        if "\n" in v and (block := _literal(v, inner)) is not None:
            return f" {block}"
        return f" {_quoted(v)}\n"
    if not (t is dict or t is list or isinstance(v, dict | list | tuple)):
        return f" {_scalar(v)}\n"
    return None if v else f" {_value(v)}\n"


# pad -> {string key: its `key:` line start}: a plain dict lookup per key on the hot path
_STR_KEYS: dict[str, dict[str, str]] = {}


def _mapping(data: dict[Any, Any], pad: str, out: list[str]) -> None:
    inner = pad + "  "
    append = out.append
    heads = _STR_KEYS.get(pad)
    if heads is None:
        heads = _STR_KEYS.setdefault(pad, {})
    for k, v in data.items():
        if type(k) is str:
            head = heads.get(k)
            if head is None:
                head = _key(k, pad)
                if len(heads) < 20_000:  # bounded: keys are mostly the contract's vocabulary
                    heads[k] = head
        else:
            head = _key(k, pad)
        if type(v) is str and "\n" not in v:  # most values: one-line strings
            append(f"{head} {_quoted(v)}\n")
            continue
        tail = _same_line(v, inner)
        if tail is not None:
            append(head + tail)
        elif isinstance(v, dict):
            append(head + "\n")
            _mapping(v, inner, out)
        else:
            append(head + "\n")
            # PyYAML's layout: a sequence in a mapping is not indented (after `? key` it must
            # be, the `:` line being no key of its own)
            _sequence(v, inner if head[len(pad)] == "?" else pad, out)


def _sequence(data: list[Any] | tuple[Any, ...], pad: str, out: list[str]) -> None:
    inner = pad + "  "
    for v in data:
        tail = _same_line(v, inner)
        if tail is not None:
            out.append(f"{pad}-{tail}")
            continue
        first = len(out)
        if isinstance(v, dict):
            _mapping(v, inner, out)
        else:
            _sequence(v, inner, out)
        out[first] = f"{pad}- {out[first][len(inner) :]}"


def _value(v: Any) -> str:
    """A scalar, or an empty collection in flow style."""
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list | tuple):
        return "[]"
    return _scalar(v)


def dump_yaml(data: Any) -> str:
    """YAML text of ``data`` (a dict or list of plain values), ending with a newline."""
    out: list[str] = []
    if isinstance(data, dict) and data:
        _mapping(data, "", out)
    elif isinstance(data, list | tuple) and data:
        _sequence(data, "", out)
    else:
        out.append(_value(data) + "\n")
    return "".join(out)


# repr of the data -> its YAML text (see :func:`dump_yaml_shared`)
_SHARED_TEXT = SharedCache(64)


def dump_yaml_shared(data: Any) -> str:
    """:func:`dump_yaml` of data a batch's neighbouring documents often repeat — the CI workflow
    (135 distinct among the 562 benchmark documents) and the compose file (162) — written once
    per distinct content. The key is ``repr(data)``: for the plain values this writer accepts
    it is exact (a key keeps its type, ``1`` and ``"1"`` and ``True`` differ, dict order and
    float digits are kept) and ~10x cheaper than the writing."""
    return _SHARED_TEXT.get(repr(data), lambda: dump_yaml(data))


def dump_yaml_mapping(data: dict[Any, Any], pad: str) -> str:
    """The lines of a non-empty mapping nested at indentation ``pad`` — the text
    :func:`dump_yaml` writes for it there, so a document can be written in pieces."""
    out: list[str] = []
    _mapping(data, pad, out)
    return "".join(out)


def yaml_key(key: Any, pad: str) -> str:
    """The ``key:`` line (without its line end) that introduces a nested block mapping."""
    return _key(key, pad)
