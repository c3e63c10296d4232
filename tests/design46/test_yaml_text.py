"""``render.yaml_text``: every text it writes reads back as the data it was given — by PyYAML
(YAML 1.1) and by js-yaml (YAML 1.2) — for adversarial strings and arbitrary Unicode."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.node import js_yaml_load

from archwright.render.yaml_text import dump_yaml, dump_yaml_mapping, yaml_key

# strings a YAML reader would take for something else, or that break naive writers
TRICKY = [
    *("yes", "No", "ON", "off", "y", "n", "~", "null", "Null", "NULL", "true", "False", "TRUE"),
    *("1_000", "1:30", "190:20:30", "0b101", "0x1F", "0o17", "017", "1e5", "1.0e+5", ".5", "-.5"),
    *("+1", "0.", ".inf", "-.INF", ".NaN", "685.230_15e+03", "2026-01-01", "2026-01-01T00:00:00Z"),
    *("=", "<<", "-", "- a", "? x", ": x", "#c", "a #b", "a: b", "a:", "@x", "`x", "|", ">", "%x"),
    *(
        "!x",
        "&x",
        "*x",
        "[a]",
        "{a}",
        "a,b",
        '"q"',
        "'q'",
        "it's",
        " lead",
        "trail ",
        "",
        " ",
        "---",
    ),
    *("...", "a\\b", "tab\tx", "\ta", "\x07bell", "\x00nul", "\ufeffbom", "\u2028", "\x85nel"),
    *("caf\u00e9", "\U0001f600 emoji", "\u202e rtl", "a\r\nb", "\r", "\ud800 lone surrogate"),
    *("multi\nline", "a\n", "a\n\n", "a\n\n\n", "a\n b\n", "\ta\nb", "x\n\ty", "\n", "\nx", "x\n "),
    *("<script>alert(1)</script>", "--> %% `", "'; DROP TABLE users; --", "${{ secrets.X }}"),
    "x" * 1500,
    "k\nk" * 400,
]


def _shapes(s: str) -> list[object]:
    return [
        {"k": s},
        {s: [s, {s: s}], "z": [[s, [s]], {}, []]},
        [s, [s, {"n": s}]],
        {s: {s: s}},
        {"outer": {s: [s, [s]], "next": s}},
    ]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
def test_tricky_strings_read_back_by_pyyaml(text: str):
    for data in _shapes(text):
        assert yaml.safe_load(dump_yaml(data)) == data


def test_tricky_strings_read_back_by_js_yaml():
    # a lone surrogate has no UTF-8 form to hand to another process; PyYAML covers it above
    cases = [d for t in TRICKY if "\ud800" not in t for d in _shapes(t)]
    results = js_yaml_load([dump_yaml(d) for d in cases])
    bad = [(d, r) for d, r in zip(cases, results, strict=True) if r.get("value") != d]
    assert not bad, bad[:3]


def test_scalars_and_layout():
    text = dump_yaml(
        {
            "s": "plain words",
            "n": None,
            "t": True,
            "i": -3,
            "f": 1e16,
            "tiny": 1e-7,
            "nan": math.inf,
            "e": {},
            "l": [],
            "seq": [{"a": 1, "b": [2, 3]}, [4, 5], "six"],
            "script": "set -e\nmake test\n",
            "200": "status",
        }
    )
    assert text == (
        "s: plain words\n"
        "n: null\n"
        "t: true\n"
        "i: -3\n"
        "f: 1.0e+16\n"
        "tiny: 1.0e-07\n"
        "nan: .inf\n"
        "e: {}\n"
        "l: []\n"
        "seq:\n"
        "- a: 1\n"
        "  b:\n"
        "  - 2\n"
        "  - 3\n"
        "- - 4\n"
        "  - 5\n"
        "- six\n"
        "script: |\n"
        "  set -e\n"
        "  make test\n"
        "'200': status\n"
    )
    assert "&id" not in dump_yaml({"a": (shared := ["x"]), "b": shared})  # never an alias


def test_refuses_what_yaml_cannot_say_plainly():
    with pytest.raises(TypeError):
        dump_yaml({"when": object()})


_scalars = st.one_of(
    st.text(),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(_data)
def test_any_data_reads_back_by_pyyaml(data):
    assert yaml.safe_load(dump_yaml(data)) == data


# JSON-safe data for the Node reader: integers within a double's exact range, no lone surrogates
_json_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
_json_data = st.recursive(
    st.one_of(_json_text, st.integers(-(2**53), 2**53), st.booleans(), st.none()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_json_text, inner, max_size=4),
    max_leaves=25,
)


def test_any_data_reads_back_by_js_yaml():
    batch: list[object] = []

    # hypothesis draws the data; one node process then reads all of it
    @settings(max_examples=300, deadline=None, database=None)
    @given(_json_data)
    def collect(data):
        batch.append(data)

    collect()
    results = js_yaml_load([dump_yaml(d) for d in batch])
    bad = [(d, r) for d, r in zip(batch, results, strict=True) if r.get("value") != d]
    assert len(batch) > 100 and not bad, bad[:3]


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=1100),
    st.dictionaries(st.text(max_size=1100), _data, min_size=1, max_size=4),
)
def test_a_nested_mapping_written_in_pieces_is_the_whole_text(key, mapping):
    """What the OpenAPI writer does per operation: the `key:` line plus the nested mapping's
    lines at its indentation are exactly what dump_yaml writes for them in place (long keys
    included, which take the `? key` form)."""
    whole = dump_yaml({"paths": {key: mapping}})
    pieces = "paths:\n" + yaml_key(key, "  ") + "\n" + dump_yaml_mapping(mapping, "    ")
    assert pieces == whole


def test_shared_yaml_text_is_keyed_by_exact_content():
    """The CI workflow and compose file are written once per distinct content: values equal
    under ``==`` but written differently (1, 1.0, True, "1"; key order) never share a text."""
    from archwright.render.yaml_text import dump_yaml_shared

    variants = [
        {"a": 1},
        {"a": 1.0},
        {"a": True},
        {"a": "1"},
        {1: "a"},
        {"1": "a"},
        {True: "a"},
        {"a": 1, "b": 2},
        {"b": 2, "a": 1},
        {"a": [1, 2]},
        {"a": (1, 2)},
        {"a": None},
        {"a": "None"},
    ]
    for data in variants * 2:  # the second round is served from the cache
        assert dump_yaml_shared(data) == dump_yaml(data)
    texts = {dump_yaml_shared(d) for d in variants}
    assert len(texts) == len({dump_yaml(d) for d in variants})


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda c: (
            st.lists(c, max_size=3)
            | st.dictionaries(st.text(max_size=5) | st.integers(), c, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_shared_yaml_text_equals_the_writer(data):
    from archwright.render.yaml_text import dump_yaml_shared

    assert dump_yaml_shared(data) == dump_yaml(data)
    assert dump_yaml_shared(data) == dump_yaml(data)
