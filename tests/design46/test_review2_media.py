"""Live video/voice gets a media layer (Stage 1 signals.media -> stack, diagram, cost model);
on-demand video does not get a WebRTC SFU."""

from __future__ import annotations

import pytest

from archwright import generate
from archwright.intake.extract import extract

CALLS = [
    "A telehealth app where patients book appointments and join video visits with their doctor.",
    "Therapists meet their clients over video; clients book and pay for sessions in the app.",
    "An online tutoring marketplace: tutors hold live lessons with students, with screen sharing.",
    "Internal video conferencing for our 300 staff, with chat and meeting recordings.",
]
BROADCAST = [
    "Our church wants to stream Sunday services live to members and take donations.",
    "An app where indie musicians go live for their fans and receive tips during the show.",
    "A platform for live streaming amateur football matches to parents.",
]
ON_DEMAND = [
    "Creators upload cooking videos and viewers watch them on demand with a subscription.",
    "A course platform with recorded video lessons, quizzes and certificates.",
    "Build me a backend for a social app.",
]


@pytest.mark.parametrize("prompt", CALLS)
def test_live_calls_are_read_from_the_prompt(prompt: str) -> None:
    s, _ = extract(prompt)
    assert s.media is not None and "live_calls" in s.media.value
    assert not s.media.inferred and s.media.evidence in prompt


@pytest.mark.parametrize("prompt", BROADCAST)
def test_live_broadcast_is_read_from_the_prompt(prompt: str) -> None:
    s, _ = extract(prompt)
    assert s.media is not None and s.media.value == ["live_broadcast"]


@pytest.mark.parametrize("prompt", ON_DEMAND)
def test_on_demand_video_is_not_live_media(prompt: str) -> None:
    s, _ = extract(prompt)
    assert s.media is None


def _rows(doc) -> dict[str, object]:
    return {r.layer: r for r in doc.overview.tech_stack}


def test_video_visits_get_a_webrtc_sfu_in_stack_diagram_and_costs() -> None:
    # Stripe is named, so no archetype provider is assumed: the catalog's SFU is chosen
    doc = generate(
        "A telehealth app where patients pay with Stripe and join video visits with their doctor."
    )
    row = _rows(doc)["Real-time Media (WebRTC SFU)"]
    assert row.technology == "LiveKit (WebRTC SFU)"
    assert row.justification.startswith("media = live_calls (“")  # traced to Stage 1
    assert "mediasoup" in row.alternative_considered
    nodes = {n.id: n for n in doc.overview.topology.nodes}
    assert nodes["media_sfu"].technology == "LiveKit (WebRTC SFU)"
    assert any(
        e.target == "media_sfu" and e.protocol.startswith("WebRTC")
        for e in doc.overview.topology.edges
    )
    assert "media_sfu" in doc.overview.system_diagram
    # the archetype's usual video vendor is not drawn beside the SFU that replaces it
    assert "Twilio Video" not in {n.technology for n in nodes.values()}
    lines = [li.component for t in doc.scalability.cost_model for li in t.line_items]
    assert any("live media servers" in c for c in lines)
    assert any("Live media (media = live_calls)" in a for a in doc.scalability.cost_assumptions)


@pytest.mark.parametrize(
    ("prompt", "vendor", "stated"),
    [
        (CALLS[0], "Twilio Video", False),  # the healthcare archetype's usual provider
        (
            "Our tutoring app uses Agora for live lessons between tutors and students.",
            "Agora",
            True,
        ),
    ],
)
def test_a_media_provider_already_in_the_signals_is_the_media_layer(prompt, vendor, stated):
    doc = generate(prompt)
    row = _rows(doc)["Real-time Media (WebRTC SFU)"]
    assert row.technology == vendor
    assert ("named by the user" in row.justification) is stated
    techs = [n.technology for n in doc.overview.topology.nodes]
    assert techs.count(vendor) == 1  # drawn once, as the media layer


@pytest.mark.parametrize(
    ("prompt", "tech"),
    [
        (BROADCAST[0], "Amazon IVS (Interactive Video Service)"),
        (
            "Our choir wants to livestream rehearsals to families and take Stripe donations. We run on Google Cloud.",
            "Mux Live Streaming",
        ),
    ],
)
def test_live_broadcast_gets_ingest_and_ll_hls_for_its_cloud(prompt: str, tech: str) -> None:
    doc = generate(prompt)
    rows = _rows(doc)
    assert rows["Live Video Ingest & Delivery"].technology == tech
    assert "Real-time Media (WebRTC SFU)" not in rows
    assert "live_ingest" in {n.id for n in doc.overview.topology.nodes}


@pytest.mark.parametrize("prompt", ON_DEMAND[:2])
def test_on_demand_video_gets_no_sfu(prompt: str) -> None:
    doc = generate(prompt)
    assert not any("WebRTC" in r.technology for r in doc.overview.tech_stack)
    assert "media_sfu" not in doc.overview.system_diagram
    lines = [li.component for t in doc.scalability.cost_model for li in t.line_items]
    assert not any("live media" in c for c in lines)


def test_live_calls_allow_camera_and_microphone() -> None:
    doc = generate(CALLS[3])
    policy = next(h.value for h in doc.security.headers if h.name == "Permissions-Policy")
    assert "camera=(self)" in policy and "microphone=(self)" in policy
