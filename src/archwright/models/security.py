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


class EndpointAccess(Model):
    """Who may call one endpoint, how it is throttled and which rows it may touch."""

    method: str
    path: str
    required_role: str
    rate_limit_tier: str
    ownership: str | None = None  # row-level rule applied, e.g. "posts.author_id = jwt.sub"


class CorsPolicy(Model):
    """Which browser origins may call the API and how (the allow-list the OpenAPI contract's
    ``Access-Control-Allow-Origin`` header pins)."""

    allowed_origins: list[str]
    allow_credentials: bool
    allowed_methods: list[str]
    allowed_headers: list[str]
    exposed_headers: list[str]
    max_age_seconds: int
    rationale: str


class SecurityDesign(Model):
    auth: AuthStrategy
    authorization: Authorization
    encryption: Encryption
    compliance: list[ComplianceRow]
    owasp: list[OwaspItem]
    headers: list[SecurityHeader]
    rate_limiting: RateLimiting
    pii_log_masking: str
    endpoint_access: list[EndpointAccess] = Field(default_factory=list)
    privilege_audit_fields: list[str] = Field(default_factory=list)
    cors: CorsPolicy | None = None


# ---------------------------------------------------------------- knowledge file types
# compliance.yaml and owasp.yaml load into these (``catalog.load_model``).


class ApplicabilityRule(Model):
    """All given conditions must hold (AND); a regulation applies when any rule matches (OR)."""

    sensitivity_in: list[str] | None = None
    geo_in: list[str] | None = None
    product_type_in: list[str] | None = None
    budget_tier_in: list[str] | None = None
    payments: bool | None = None
    because: str = Field(min_length=10)


class ControlSpec(Model):
    control: str = Field(min_length=10)
    provision: str | None = None
    # only emitted when the product has this trait (see design.security._traits)
    when: str | None = None


class RegulationSpec(Model):
    id: Literal["gdpr", "ccpa", "hipaa", "pci", "soc2"]
    name: str
    source: str = Field(min_length=5)  # where the provisions come from
    applies_if: list[ApplicabilityRule] = Field(default_factory=list)
    not_applicable_reason: str = Field(min_length=10)
    key_requirements: list[str] = Field(min_length=2)
    controls: list[ControlSpec] = Field(min_length=3)
    audit_logging: str
    data_residency: str
    vendor_assessment: str


class ComplianceKnowledge(Model):
    regulations: list[RegulationSpec] = Field(min_length=5)


class OwaspMitigation(Model):
    text: str = Field(min_length=10)  # str.format template over the product context
    when: str | None = None  # product trait required, None = always


class OwaspEntry(Model):
    id: str = Field(pattern=r"^A(0[1-9]|10):2021$")
    name: str
    rationale: str = Field(min_length=10)
    mitigations: list[OwaspMitigation] = Field(min_length=2)


class OwaspKnowledge(Model):
    edition: Literal["2021"]
    source: str
    items: list[OwaspEntry] = Field(min_length=10, max_length=10)


class CloudServices(Model):
    id: Literal["aws", "gcp", "azure", "self_hosted"]
    name: str
    kms: str
    kms_rotation: str
    secrets_manager: str
    certificates: str
    log_tooling: str
    tracing: str
    iac_state: str
    object_storage_origin: str
    cdn: str
    rationale: str = Field(min_length=10)


class CloudServicesKnowledge(Model):
    clouds: list[CloudServices] = Field(min_length=4)
