"""The in-process Mermaid validator on hand-made diagrams (the cross-check runs the real parser)."""

from __future__ import annotations

import pytest
from tests.verify.mermaid_cases import BROKEN, VALID

from archwright.verify.mermaid_lint import er_entities, flowchart_graph, lint


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_diagrams_pass(name):
    assert lint(VALID[name]) == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_diagrams_fail(name):
    errors = lint(BROKEN[name])
    assert errors and all(e.line >= 1 for e in errors)


def test_graph_extraction():
    nodes, edges = flowchart_graph(VALID["flow_shapes"])
    assert nodes["D"] == "PostgreSQL 16" and nodes["A"] == "App"
    assert ("G", "A", "HTTP/REST") in edges and ("A", "D", "") in edges
    assert er_entities(VALID["er_basic"]) == ["users", "orgs"]


def test_error_points_at_the_line():
    errors = lint('graph TD\n  A["x"] --> B["y"]\n  C["bad "quote""]')
    assert [e.line for e in errors] == [3]


def test_results_of_a_repeated_diagram_are_fresh_copies():
    # each diagram text is parsed once while cached: what a caller changes in a result must
    # not reach the next caller
    broken = BROKEN[sorted(BROKEN)[0]]
    first = lint(broken)
    first.clear()
    assert lint(broken), "a cached verdict was emptied through a caller's list"
    nodes, edges = flowchart_graph(VALID["flow_shapes"])
    nodes.clear()
    edges.clear()
    again_nodes, again_edges = flowchart_graph(VALID["flow_shapes"])
    assert again_nodes["A"] == "App" and ("A", "D", "") in again_edges
    names = er_entities(VALID["er_basic"])
    names.append("extra")
    assert er_entities(VALID["er_basic"]) == ["users", "orgs"]
    assert lint(123) and er_entities(None) == [] and flowchart_graph(None) == ({}, [])
