"""Build whole documents from chosen Stage 1 signals and domain models, without depending on the
wording the intake understands today: the stress tests fix the signals the seed says Stage 1
detects, then run every later stage exactly as ``api.generate`` does."""

from __future__ import annotations

from typing import Any

from tests.factories import set_field

from archwright.design.api_contract import build_api
from archwright.design.operations import build_operations
from archwright.design.overview import build_overview
from archwright.design.scalability import build_scalability
from archwright.design.schema import build_schema
from archwright.design.security import build_security
from archwright.design.stack import select_stack
from archwright.models.document import ArchitectureDocument, InputInfo
from archwright.models.domain import (
    BusinessMetric,
    DomainEndpoint,
    DomainEntity,
    DomainField,
    DomainJob,
    DomainModel,
    DomainRelation,
    DomainRole,
)
from archwright.models.signals import Directive, Preference, Signals


def build_doc(signals: Signals, domain: DomainModel, prompt: str = "test") -> ArchitectureDocument:
    from archwright.decide import select_architecture, select_data_strategy

    architecture = select_architecture(signals, domain)
    data = select_data_strategy(signals, domain)
    stack = select_stack(signals, architecture, data)
    api = build_api(signals, domain, architecture, data)
    schema = build_schema(signals, domain, data)
    return ArchitectureDocument(
        archwright_version="test",
        input=InputInfo(prompt=prompt),
        signals=signals,
        domain=domain,
        architecture=architecture,
        data_strategy=data,
        overview=build_overview(signals, domain, architecture, data, stack),
        api=api,
        schema=schema,
        security=build_security(
            signals, domain, api, schema, stack=stack, orm=data.orm_or_query_builder
        ),
        scalability=build_scalability(signals, domain, architecture, data, stack),
        operations=build_operations(signals, domain, architecture, stack),
    )


def with_fields(signals: Signals, **fields: Any) -> Signals:
    for path, value in fields.items():
        signals = set_field(signals, path.replace("__", "."), value)
    return signals


def add_preference(signals: Signals, subject: str, requested: str, quote: str) -> Signals:
    pref = Preference(
        subject=subject,
        requested=requested,
        evidence=quote,
        decision="rejected",
        reason="XSS exposure of tokens",
    )
    return signals.model_copy(update={"preferences": [*signals.preferences, pref]})


def add_directive(signals: Signals, kind: str, text: str) -> Signals:
    return signals.model_copy(
        update={"directives": [*signals.directives, Directive(kind=kind, text=text)]}
    )


def _f(name: str, type_: str, **kw: Any) -> DomainField:
    return DomainField(name=name, type=type_, description=name.replace("_", " "), **kw)


def _crud(path: str, entity: str, **kw: Any) -> list[DomainEndpoint]:
    return [
        DomainEndpoint(method="GET", path=path, summary=f"List {entity}", entity=entity, action="list", pagination="cursor", **kw),
        DomainEndpoint(method="POST", path=path, summary=f"Create {entity}", entity=entity, action="create", events=[f"{entity}.created"], **kw),
        DomainEndpoint(method="PATCH", path=path + "/{" + entity + "_id}", summary=f"Update {entity}", entity=entity, action="update", **kw),
    ]  # fmt: skip


_AUTH = [
    DomainEndpoint(method="POST", path="/auth/login", summary="Log in", entity="user", action="auth", auth="public"),
    DomainEndpoint(method="POST", path="/auth/refresh", summary="Refresh", entity="user", action="auth", auth="public"),
]  # fmt: skip

_USER = DomainEntity(
    name="user",
    plural="users",
    description="An account",
    hot=True,
    fields=[
        _f("email", "email", pii=True, unique=True),
        _f("password_hash", "string"),
        _f("full_name", "string", pii=True),
    ],
)


def health_domain() -> DomainModel:
    """Doctors accessing patient records (stress test 3)."""
    patient = DomainEntity(
        name="patient",
        plural="patients",
        description="A patient record",
        owner_field="primary_doctor_id",
        hot=True,
        relations=[DomainRelation(target="user", field="primary_doctor_id", label="treats")],
        fields=[
            _f("date_of_birth", "date", pii=True, sensitive=True),
            _f("diagnosis", "text", sensitive=True),
            _f("medical_record_number", "string", pii=True, sensitive=True),
        ],
    )
    note = DomainEntity(
        name="clinical_note",
        plural="clinical_notes",
        description="A doctor's note",
        owner_field="author_id",
        relations=[
            DomainRelation(target="patient", field="patient_id", label="about"),
            DomainRelation(target="user", field="author_id", label="writes"),
        ],
        fields=[_f("body", "text", sensitive=True)],
    )
    return DomainModel(
        archetype="test_health",
        entities=[_USER, patient, note],
        endpoints=[*_AUTH, *_crud("/patients", "patient"), *_crud("/patients/{patient_id}/notes", "clinical_note")],
        roles=[
            DomainRole(name="doctor", description="Treats patients", permissions=["patient:read:own", "patient:update:own", "clinical_note:create", "clinical_note:read:own"]),
            DomainRole(name="nurse", description="Assists doctors", permissions=["patient:read:own"]),
            DomainRole(name="admin", description="Practice admin", permissions=["user:update", "role:assign"]),
        ],
        default_role="doctor",
        jobs=[DomainJob(name="records.export", trigger="export requested", description="Export", compute_heavy=True)],
        metrics=[
            BusinessMetric(name="patient_records_viewed_total", type="counter", description="Records viewed"),
            BusinessMetric(name="clinical_notes_created_total", type="counter", description="Notes"),
            BusinessMetric(name="active_doctors", type="gauge", description="Doctors active"),
        ],
        third_parties=["Epic FHIR API", "Twilio"],
    )  # fmt: skip


def fintech_domain() -> DomainModel:
    account = DomainEntity(
        name="account",
        plural="accounts",
        description="A brokerage account",
        owner_field="user_id",
        hot=True,
        relations=[DomainRelation(target="user", field="user_id", label="owns")],
        fields=[_f("balance_cents", "money"), _f("account_number", "string", sensitive=True)],
    )
    order = DomainEntity(
        name="order",
        plural="orders",
        description="A trade order",
        owner_field="user_id",
        append_only=True,
        relations=[DomainRelation(target="account", field="account_id", label="places"), DomainRelation(target="user", field="user_id", label="owns")],
        fields=[_f("symbol", "string"), _f("quantity", "integer"), _f("limit_price_cents", "money")],
    )  # fmt: skip
    return DomainModel(
        archetype="test_trading",
        entities=[_USER, account, order],
        endpoints=[
            *_AUTH,
            *_crud("/accounts", "account"),
            DomainEndpoint(method="POST", path="/orders", summary="Place order", entity="order", action="create", money=True, events=["order.placed"]),
        ],
        roles=[
            DomainRole(name="trader", description="Places trades", permissions=["account:read:own", "order:create:own"]),
            DomainRole(name="compliance_officer", description="Reviews trades", permissions=["order:read", "account:read"]),
        ],
        default_role="trader",
        jobs=[DomainJob(name="orders.settle", trigger="order.placed", description="Settle", external="Alpaca brokerage API")],
        metrics=[
            BusinessMetric(name="orders_placed_total", type="counter", description="Orders"),
            BusinessMetric(name="order_fill_seconds", type="histogram", description="Fill latency"),
            BusinessMetric(name="deposits_cents_total", type="counter", description="Deposits"),
        ],
        third_parties=["Stripe", "Alpaca brokerage API", "Polygon market data"],
    )  # fmt: skip


def iot_domain() -> DomainModel:
    device = DomainEntity(
        name="device",
        plural="devices",
        description="A sensor",
        owner_field="owner_id",
        hot=True,
        relations=[DomainRelation(target="user", field="owner_id", label="owns")],
        fields=[_f("serial", "string", unique=True), _f("location", "geo_point")],
    )
    reading = DomainEntity(
        name="reading",
        plural="readings",
        description="A measurement",
        append_only=True,
        relations=[DomainRelation(target="device", field="device_id", label="emits")],
        fields=[_f("value", "decimal"), _f("measured_at", "timestamp")],
    )
    return DomainModel(
        archetype="test_iot",
        entities=[_USER, device, reading],
        endpoints=[*_AUTH, *_crud("/devices", "device"), DomainEndpoint(method="POST", path="/devices/{device_id}/readings", summary="Ingest", entity="reading", action="create", auth="api_key")],
        roles=[DomainRole(name="operator", description="Runs a fleet", permissions=["device:read:own", "device:update:own", "reading:read:own"])],
        default_role="operator",
        jobs=[DomainJob(name="readings.rollup", trigger="every 5 minutes", description="Aggregate", compute_heavy=True)],
        metrics=[
            BusinessMetric(name="readings_ingested_total", type="counter", description="Readings"),
            BusinessMetric(name="devices_online", type="gauge", description="Online devices"),
            BusinessMetric(name="ingest_lag_seconds", type="histogram", description="Lag"),
        ],
        third_parties=["Mapbox", "SendGrid"],
    )  # fmt: skip
