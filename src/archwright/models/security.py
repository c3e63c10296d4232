"""Stage 7 output: authentication, authorization, encryption, compliance, application security."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archwright.models.base import Model


class JwtSpec(Model):
    algorithm: str
    access_token_expiry: str
    refresh_token_expiry: str
    refresh_rotation: str
    storage: str
    claims: list[str]
    cookie_attributes: str


class AlternativeConsidered(Model):
    option: str
    requested_by_user: bool = False
    reason_rejected: str


class TokenStorage(Model):
    selected: str
    rationale: str
    alternatives_considered: list[AlternativeConsidered] = Field(default_factory=list)


class Mfa(Model):
    requirement: Literal["required", "recommended", "optional"]
    methods: list[str]
    rationale: str


class Sso(Model):
    protocols: list[str]
    idp_support: list[str]
    jit_provisioning: str
    scim: str


class AuthStrategy(Model):
    strategy: str
    summary: str
    oauth_providers: list[str] = Field(default_factory=list)
    oauth_flow: str | None = None
    jwt: JwtSpec
    token_storage: TokenStorage
    mfa: Mfa
    sso: Sso | None = None
    session_timeout: str  # automatic logoff


class Role(Model):
    name: str
    description: str
    permissions: list[str] = Field(min_length=1)


class RowLevelRule(Model):
    entity: str
    rule: str


class Authorization(Model):
    model: Literal["rbac", "abac"]
    roles: list[Role]
    enforcement: str
    row_level_rules: list[RowLevelRule]
    audit_log: str


class FieldEncryption(Model):
    table: str
    field: str
    reason: str


class Encryption(Model):
    tls_minimum: str
    tls_preferred: str
    hsts: str
    certificates: str
    at_rest: str
    field_level: list[FieldEncryption] = Field(default_factory=list)
    kms: str
    key_rotation: str
    secrets_manager: str
    secrets_rotation: str
    secrets_policy: str


class Control(Model):
    control: str
    provision: str | None = None  # e.g. "HIPAA §164.312(a)(2)(iv)"


class ComplianceRow(Model):
    regulation: str
    applicable: bool
    reason: str
    key_requirements: list[str]
    controls: list[Control]
    audit_logging: str
    data_residency: str
    vendor_assessment: str


class OwaspItem(Model):
    id: str  # "A01:2021"
    name: str
    mitigations: list[str] = Field(min_length=1)


class SecurityHeader(Model):
    name: str
    value: str


class RateLimitTier(Model):
    tier: str
    applies_to: str
    limit: str
    scope: str


class RateLimiting(Model):
    tool: str
    algorithm: str
    tiers: list[RateLimitTier]


class SecurityDesign(Model):
    auth: AuthStrategy
    authorization: Authorization
    encryption: Encryption
    compliance: list[ComplianceRow]
    owasp: list[OwaspItem]
    headers: list[SecurityHeader]
    rate_limiting: RateLimiting
    pii_log_masking: str
