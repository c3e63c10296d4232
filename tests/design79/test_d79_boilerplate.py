"""No two archetypes get the same security or observability section.

Each archetype (the knowledge catalog's, plus three domains defined here so the test bites even
while the catalog is small) is run with its own defaults; the Markdown of sections 7 and 9 is
compared pairwise. Beyond "not identical", at most 70% (security) / 85% (observability, whose
severity table and CI rows are deliberately standard) of the substantive lines of one section
may appear verbatim in another — generic boilerplate would push that ratio towards 100%.
"""

from __future__ import annotations

import itertools

import pytest
from tests.design79 import helpers as h
from tests.design79 import scenarios as sc
from tests.factories import signals_with

from archwright import catalog
from archwright.models.domain import DomainModel

MAX_SHARED = {0: 0.70, 1: 0.85}


def _archetype_docs():
    docs = {}
    for a in catalog.archetypes():
        d = a.defaults
        s = h.with_fields(
            signals_with(),
            behavior__read_intensity=d.read_intensity.score,
            behavior__write_intensity=d.write_intensity.score,
            behavior__real_time_intensity=d.real_time_intensity.score,
            behavior__compute_intensity=d.compute_intensity.score,
            data__sensitivity=d.sensitivity.value,
            data__consistency=d.consistency.value,
            data__relationships=d.relationships.value,
            product__product_type=a.product_type.value,
            integration__third_party_services=list(a.third_parties),
        )
        domain = DomainModel(
            archetype=a.id,
            entities=a.entities,
            endpoints=a.endpoints,
            roles=a.roles,
            default_role=a.default_role,
            jobs=a.jobs,
            metrics=a.metrics,
            third_parties=a.third_parties,
        )
        docs[a.id] = h.build_doc(s, domain)
    docs["test_health"] = sc.hipaa_doc()
    docs["test_trading"] = sc.fintech_doc()
    docs["test_iot"] = sc.iot_doc()
    return docs


def _section(md: str, number: int) -> list[str]:
    start = md.index(f"## {number}. ")
    nxt = md.find("\n## ", start + 5)
    body = md[start : nxt if nxt != -1 else len(md)]
    # substantive lines only: table rules, headings and short labels are shared by design
    return [
        ln.strip()
        for ln in body.splitlines()
        if len(ln.strip()) > 40 and not ln.startswith(("#", "|---"))
    ]


@pytest.fixture(scope="module")
def sections():
    docs = _archetype_docs()
    assert len(docs) >= 4
    return {
        k: (_section(d.to_markdown(), 7), _section(d.to_markdown(), 9)) for k, d in docs.items()
    }


@pytest.mark.parametrize("index", [0, 1], ids=["security", "observability"])
def test_sections_differ_between_archetypes(sections, index):
    for (a, sa), (b, sb) in itertools.combinations(sorted(sections.items()), 2):
        la, lb = sa[index], sb[index]
        assert la != lb, f"{a} and {b} share an identical section"
        shared = len(set(la) & set(lb)) / min(len(set(la)), len(set(lb)))
        assert shared <= MAX_SHARED[index], f"{a} vs {b}: {shared:.0%} of lines identical"
