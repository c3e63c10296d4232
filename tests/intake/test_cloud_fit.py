"""Inferred third-party services follow the stated cloud: an archetype's AWS-flavoured defaults
(Amazon S3, Amazon SES, AWS IoT Core) must not appear beside an Azure or GCP stack."""

from __future__ import annotations

import pytest

from archwright.clouds import fit_services_to_cloud
from archwright.intake import extract


@pytest.mark.parametrize(
    ("cloud", "kept", "dropped"),
    [
        ("azure", ["Google Workspace", "Slack"], ["Amazon S3"]),
        ("gcp", ["Google Workspace", "Slack"], ["Amazon S3"]),
        ("aws", ["Google Workspace", "Slack", "Amazon S3"], []),
        ("self_hosted", ["Google Workspace", "Slack"], ["Amazon S3"]),
    ],
)
def test_other_clouds_services_are_left_out(cloud, kept, dropped):
    assert fit_services_to_cloud(["Google Workspace", "Slack", "Amazon S3"], cloud) == (
        kept,
        dropped,
    )


def test_each_clouds_own_names():
    services = ["AWS IoT Core", "Azure Event Hubs", "Google Cloud Pub/Sub", "Twilio"]
    assert fit_services_to_cloud(services, "azure")[0] == ["Azure Event Hubs", "Twilio"]
    assert fit_services_to_cloud(services, "gcp")[0] == ["Google Cloud Pub/Sub", "Twilio"]
    assert fit_services_to_cloud(services, "aws")[0] == ["AWS IoT Core", "Twilio"]


@pytest.mark.parametrize(
    "prompt",
    [
        "Internal tool for our HR team to track onboarding checklists and signed contracts. "
        "We're on Azure.",
        "Greenhouse sensors report temperature every minute; growers get alerts. "
        "We host everything on Google Cloud.",
    ],
)
def test_stated_cloud_filters_inferred_defaults(prompt):
    s = extract(prompt)[0]
    services = s.integration.third_party_services
    assert services.inferred
    assert not any(x.startswith(("Amazon", "AWS")) for x in services.value), services.value
