"""The live-media layer is one decision read everywhere: the technology the stack picks for
calls or broadcast is the one breakers, vendor lists, runbooks, the diagram, the CSP and the cost
model name; the cost model shows the self-hosted vs managed trade-off; Stage 1's media field is
shown with the other Stage 1 fields. Prompts are worded differently on purpose."""

from __future__ import annotations

import re
from functools import cache

import pytest

from archwright import generate
from archwright.design.stack import technologies

CALLS = [
    # names its own payment provider, so the healthcare archetype's video vendor is not assumed
    "A telehealth startup: patients pay with Stripe and see their doctor over video from home.",
    "A language-tutoring app where tutors and learners meet on video calls and pay per lesson.",
    "Coaches run live classes for up to 20 members on camera; members pay by card through Stripe.",
    "Therapists hold virtual consultations with clients; we are a two-person team on AWS.",
]
BROADCAST = [
    "A town-hall product that lets city councils broadcast meetings live to residents who can "
    "watch and ask questions.",
    "Our gym streams live fitness classes to members at home; members pay a monthly subscription "
    "with Stripe.",
    "Churches livestream Sunday services to their congregation; we run everything on Google Cloud.",
]
# vendor names as they appear in free text ("daily" alone would be the word, not Daily.co)
CALL_VENDORS = re.compile(
    r"\b(?:twilio video|agora|zoom|daily\.co|vonage video|chime sdk|100ms|livekit|whereby|jitsi)\b",
    re.I,
)
BROADCAST_VENDORS = re.compile(r"\b(?:mux|ivs|wowza|cloudflare stream)\b", re.I)
NO_MEDIA = [
    "Creators upload cooking videos and viewers watch them on demand with a subscription.",
    "A team chat app with channels, threads and typing indicators for 2,000 employees.",
    "A booking system for a chain of dental clinics with SMS reminders.",
]


@cache
def _doc(prompt: str):
    return generate(prompt)


def _rows(doc) -> dict[str, object]:
    return {r.layer: r for r in doc.overview.tech_stack}


def _media_rows(doc) -> tuple[object | None, object | None]:
    rows = _rows(doc)
    return rows.get("Real-time Media (WebRTC SFU)"), rows.get("Live Video Ingest & Delivery")


def _catalog_media_names() -> list[tuple[str, re.Pattern[str]]]:
    """(layer, name pattern) of every catalog media technology: 'broadcast' for ingest/LL-HLS
    entries (they rule out two-way calls), 'calls' for SFUs."""
    out = []
    for t in technologies().layer("media"):
        kind = "broadcast" if any("two-way calls" in n for n in t.not_when) else "calls"
        words = [t.name.split(" (")[0], *t.aliases]
        out.append((kind, re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words), re.I)))
    return out


def _strings(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(obj, str):
        yield path, obj


def _mentions(doc) -> list[tuple[str, str]]:
    """(path, text) of every string outside the prompt's quotes and the media rows' own
    alternatives/justification (which name the options not taken, on purpose)."""
    data = doc.model_dump(mode="json")
    data.pop("input", None)
    out = []
    for path, text in _strings(data):
        if path.endswith(".evidence") or path.endswith(".alternative_considered"):
            continue
        if path.startswith(".overview.tech_stack") and path.endswith(".justification"):
            continue
        out.append((path, text))
    return out


@pytest.mark.parametrize("prompt", CALLS + BROADCAST)
def test_every_media_technology_named_in_the_document_is_the_stacks(prompt: str) -> None:
    doc = _doc(prompt)
    sfu, ingest = _media_rows(doc)
    assert sfu is not None or ingest is not None, "media prompt without a media layer"
    chosen = [r.technology for r in (sfu, ingest) if r is not None]
    vendor_checks = [(CALL_VENDORS, sfu), (BROADCAST_VENDORS, ingest)]
    catalog = _catalog_media_names()
    for path, text in _mentions(doc):
        for pattern, row in vendor_checks:
            if row is None:
                continue  # e.g. Mux for on-demand recordings beside a calls-only product
            for m in pattern.finditer(text):
                assert m.group(0).lower() in row.technology.lower(), (path, text, row.technology)
        for kind, pattern in catalog:
            row = sfu if kind == "calls" else ingest
            if row is None:
                continue
            for m in pattern.finditer(text):
                assert m.group(0).lower() in row.technology.lower(), (path, text, chosen)


@pytest.mark.parametrize("prompt", CALLS + BROADCAST)
def test_the_chosen_media_technology_is_a_guarded_dependency(prompt: str) -> None:
    doc = _doc(prompt)
    for row in _media_rows(doc):
        if row is None:
            continue
        breaker = next(
            (b for b in doc.scalability.circuit_breakers if b.service == row.technology), None
        )
        assert breaker is not None, [b.service for b in doc.scalability.circuit_breakers]
        # a call/stream outage is not an undelivered notification or a failed upload
        assert "Notifications from" not in breaker.fallback
        assert "Uploads through" not in breaker.fallback
        assert re.search(r"call|stream|room|session", breaker.fallback, re.I)
        runbooks = " ".join(
            c for r in doc.operations.incident_management.runbooks for c in r.common_causes
        )
        assert row.technology in runbooks


@pytest.mark.parametrize("prompt", CALLS + BROADCAST)
def test_a_managed_vendor_is_not_its_own_alternative(prompt: str) -> None:
    for row in _media_rows(_doc(prompt)):
        if row is None:
            continue
        head = row.technology.split(" (")[0].lower()
        assert head not in row.alternative_considered.lower(), row


# ------------------------------------------------------------------------ CSP


def _directive(doc, name: str) -> list[str]:
    csp = next(h.value for h in doc.security.headers if h.name == "Content-Security-Policy")
    for part in csp.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


@pytest.mark.parametrize("prompt", CALLS + BROADCAST)
def test_csp_lets_the_browser_reach_the_media_layer(prompt: str) -> None:
    doc = _doc(prompt)
    connect = _directive(doc, "connect-src")
    media = [o for o in connect if o.startswith(("wss://", "https://")) and "api." not in o]
    media = [o for o in media if "stripe" not in o and "sentry" not in o]
    assert media, connect
    sfu, ingest = _media_rows(doc)
    if sfu is not None:
        assert any(o.startswith("wss://") for o in media), connect
    if ingest is not None:
        # LL-HLS playback through Media Source Extensions needs blob: media
        assert "blob:" in _directive(doc, "media-src")


@pytest.mark.parametrize("prompt", NO_MEDIA)
def test_csp_has_no_media_origin_without_a_media_layer(prompt: str) -> None:
    doc = _doc(prompt)
    assert _media_rows(doc) == (None, None)
    connect = _directive(doc, "connect-src")
    assert not [o for o in connect if "media." in o or "sfu" in o], connect
    assert not _directive(doc, "media-src")


# ------------------------------------------------------------------------ costs


@pytest.mark.parametrize("prompt", CALLS + BROADCAST)
def test_cost_model_prices_the_chosen_media_option_and_shows_the_other(prompt: str) -> None:
    doc = _doc(prompt)
    sc = doc.scalability
    sfu, _ = _media_rows(doc)
    unit = "participant-minute" if sfu is not None else "viewer-minute"
    text = " ".join(sc.cost_assumptions)
    assert "self-hosted" in text and "managed" in text and unit in text, text
    for tier in sc.cost_model:
        comps = [li.component for li in tier.line_items]
        assert any("media" in c for c in comps), comps
        # the alternative is priced per tier, like the heavy-usage column
        assert tier.monthly_usd_media_alternative is not None
        assert tier.monthly_usd_media_alternative != tier.monthly_usd
    md = doc.to_markdown()
    assert unit in md


def test_managed_media_costs_more_per_seat_at_scale_and_is_cheaper_at_launch() -> None:
    from archwright.design import costs

    k = costs.knowledge()
    assert k.components.media_managed_participant_minute is not None
    assert k.components.media_managed_viewer_minute is not None
    rate = k.assumptions.requests_per_user_per_second.typical
    kw = {"cache_layer": True, "queue": True, "realtime": False}
    small_self = costs.monthly_cost(3, rate, media=("calls", "self_hosted"), **kw)[0]
    small_man = costs.monthly_cost(3, rate, media=("calls", "managed"), **kw)[0]
    big_self = costs.monthly_cost(100_000, rate, media=("calls", "self_hosted"), **kw)[0]
    big_man = costs.monthly_cost(100_000, rate, media=("calls", "managed"), **kw)[0]
    assert small_man < small_self and big_man > big_self


def test_a_managed_vendor_is_priced_managed_and_a_self_hosted_sfu_self_hosted() -> None:
    managed = _doc(CALLS[1])  # the archetype's managed video vendor
    own = _doc(CALLS[0])  # the catalog's SFU, run on the product's own servers
    assert "self-hosted" not in (_media_rows(managed)[0].version_tier or "")

    def comps(doc):
        return " ".join(li.component for t in doc.scalability.cost_model for li in t.line_items)

    assert "participant-minutes" in comps(managed) and "live media servers" not in comps(managed)
    assert "live media servers" in comps(own)


# ------------------------------------------------------------------------ Stage 1 visibility


@pytest.mark.parametrize("prompt", CALLS[:2] + BROADCAST[:2])
def test_stage1_table_shows_media_with_its_evidence(prompt: str) -> None:
    doc = _doc(prompt)
    md = doc.to_markdown()
    intake = md.split("## 1.", 1)[1].split("\n## ", 1)[0]
    row = next(li for li in intake.splitlines() if li.startswith("| Live media |"))
    assert any(v.replace("_", " ") in row for v in doc.signals.media.value), row
    assert doc.signals.media.evidence[:30] in row.replace("\\", "")


@pytest.mark.parametrize("prompt", NO_MEDIA[:2])
def test_stage1_table_says_when_no_live_media_was_stated(prompt: str) -> None:
    md = _doc(prompt).to_markdown()
    intake = md.split("## 1.", 1)[1].split("\n## ", 1)[0]
    row = next(li for li in intake.splitlines() if li.startswith("| Live media |"))
    assert "none" in row.lower()


def test_stage1_html_lists_media() -> None:
    from archwright.render.html import render_html

    html = render_html(_doc(CALLS[1]))
    intake = html.split('id="intake"', 1)[1].split("<section", 1)[0]
    assert "Media" in intake and "live calls" in intake.replace("_", " ")
