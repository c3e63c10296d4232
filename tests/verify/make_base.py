"""Build ``base_document.json``: a small, complete document that passes every check.

Each YAML case under ``cases/`` is a patch on this document, so a case shows exactly what a
check looks at. Run ``python -m tests.verify.make_base`` to regenerate after a model change.
"""

from __future__ import annotations

import json
from pathlib import Path

from archwright.models.document import ArchitectureDocument

HERE = Path(__file__).parent
BASE = HERE / "base_document.json"


def leaf(value, evidence="set by the verify test base document"):
    return {"value": value, "inferred": False, "evidence": evidence}


def intensity(score):
    return {
        "score": score,
        "inferred": False,
        "evidence": "base document",
        "implication": "base document",
    }


SIGNALS = {
    "product": {
        "name": leaf("Chirp"),
        "product_type": leaf("consumer_app"),
        "stage": leaf("mvp"),
        "platform_targets": leaf(["web", "ios"]),
        "team_size": leaf("2-5"),
        "archetype": leaf("social_network"),
    },
    "behavior": {
        "read_intensity": intensity(4),
        "write_intensity": intensity(3),
        "real_time_intensity": intensity(2),
        "compute_intensity": intensity(2),
        "primary_behavior": leaf("read_heavy"),
        "secondary_behavior": leaf(None),
        "dominant_constraint": leaf("latency"),
    },
    "data": {
        "relationships": leaf("highly_relational"),
        "schema_stability": leaf("evolving_slowly"),
        "volume": leaf("1gb_1tb"),
        "sensitivity": leaf("pii"),
        "consistency": leaf("strong"),
    },
    "scale": {
        "launch_users": leaf(5000),
        "peak_concurrent_users": leaf(500),
        "traffic_pattern": leaf("steady"),
        "geo_distribution": leaf("single_region"),
        "growth": leaf("linear"),
    },
    "integration": {
        "third_party_services": leaf(["Stripe"]),
        "external_apis": leaf([]),
        "auth_provider_needed": leaf(True),
        "payments_needed": leaf(True),
        "webhooks": leaf("inbound"),
    },
    "constraints": {
        "budget_tier": leaf("seed"),
        "budget_monthly_usd": leaf(None),
        "compliance": leaf(["gdpr"]),
        "cloud_provider": leaf("aws"),
        "existing_infrastructure": leaf("greenfield"),
        "latency_requirement": leaf(None),
    },
}


def f(name, type_, desc, **kw):
    return {"name": name, "type": type_, "description": desc, **kw}


DOMAIN = {
    "archetype": "social_network",
    "entities": [
        {
            "name": "user",
            "plural": "users",
            "description": "An account.",
            "fields": [
                f("email", "email", "Login", unique=True, pii=True, indexed=True),
                f("display_name", "string", "Shown name", pii=True),
            ],
            "soft_delete": True,
            "hot": True,
        },
        {
            "name": "post",
            "plural": "posts",
            "description": "Published content.",
            "fields": [f("body", "text", "Text")],
            "relations": [{"target": "user", "field": "user_id", "label": "writes"}],
            "owner_field": "user_id",
            "hot": True,
        },
        {
            "name": "payment",
            "plural": "payments",
            "description": "A tip paid to a creator.",
            "fields": [f("amount_cents", "money", "Amount")],
            "relations": [{"target": "user", "field": "user_id", "label": "pays"}],
            "owner_field": "user_id",
            "append_only": True,
        },
    ],
    "endpoints": [
        {
            "method": "POST",
            "path": "/auth/login",
            "summary": "Log in",
            "action": "auth",
            "auth": "public",
        },
        {
            "method": "GET",
            "path": "/posts",
            "summary": "List posts",
            "entity": "post",
            "action": "list",
            "pagination": "cursor",
        },
        {
            "method": "POST",
            "path": "/posts",
            "summary": "Create a post",
            "entity": "post",
            "action": "create",
        },
        {
            "method": "GET",
            "path": "/posts/{post_id}",
            "summary": "Read a post",
            "entity": "post",
            "action": "read",
        },
        {
            "method": "POST",
            "path": "/payments",
            "summary": "Tip a creator",
            "entity": "payment",
            "action": "create",
            "money": True,
        },
    ],
    "roles": [
        {"name": "member", "description": "A user", "permissions": ["posts:create"]},
        {"name": "admin", "description": "Staff", "permissions": ["posts:delete"]},
    ],
    "default_role": "member",
    "jobs": [{"name": "send_receipt", "trigger": "payment.created", "description": "Email"}],
    "metrics": [],
    "third_parties": ["Stripe"],
}

ARCHITECTURE = {
    "architecture_pattern": "monolith",
    "pattern_label": "Modular monolith",
    "rule_fired": {
        "rule": "MONOLITH.team_size",
        "field": "signals.product.team_size",
        "value": "2-5",
        "text": "team of 2-5",
    },
    "pattern_rationale": "Selected because team_size = 2-5.",
    "rejected_patterns": [{"pattern": "Microservices", "rejection_reason": "Team too small."}],
    "service_topology": {
        "core_services": ["api"],
        "async_workers": ["worker"],
        "real_time_layer": None,
        "cdn_layer": None,
        "edge_functions": [],
    },
    "scaling_strategy": "Horizontal scaling of stateless API containers.",
    "deployment_target": "AWS ECS Fargate",
}

DATA = {
    "primary_database": "PostgreSQL",
    "primary_database_family": "sql",
    "scores": {
        "sql": 6,
        "document": -2,
        "key_value": 2,
        "wide_column": 0,
        "time_series": 0,
        "graph": -2,
    },
    "score_breakdown": [{"family": "sql", "points": 2, "reason": "highly relational"}],
    "primary_db_rationale": "Relational data with strong consistency.",
    "primary_db_wrong_if": "Records stop being relational.",
    "caching_strategy": {
        "tool": "Redis",
        "pattern": "cache-aside",
        "entities_cached": ["post"],
        "ttl_policy": {"post": "60 s"},
        "invalidation_strategy": "on write",
    },
    "orm_or_query_builder": "SQLAlchemy",
    "migration_strategy": "Alembic",
    "backup_strategy": {
        "frequency": "daily",
        "retention": "30 days",
        "restore_test_schedule": "quarterly",
    },
}

NODES = [
    ("Client", "Client Layer", "Web and iOS apps", "client"),
    ("Gateway", "Load Balancer", "AWS ALB", "load_balancer"),
    ("App", "Application Server", "FastAPI on ECS Fargate", "service"),
    ("Queue", "Message Queue", "Amazon SQS", "queue"),
    ("Worker", "Async Worker", "Python worker on ECS Fargate", "worker"),
    ("DB", "Primary DB", "PostgreSQL 16 on RDS", "database"),
    ("Cache", "Cache", "Redis 7 on ElastiCache", "cache"),
    ("Stripe", "Payments", "Stripe API", "external"),
]
EDGES = [
    ("Client", "Gateway", "HTTPS"),
    ("Gateway", "App", "HTTP/REST"),
    ("App", "DB", "TCP/SQL"),
    ("App", "Cache", "TCP/RESP"),
    ("App", "Queue", "HTTPS/SQS"),
    ("Queue", "Worker", "SQS poll"),
    ("Worker", "DB", "TCP/SQL"),
    ("App", "Stripe", "HTTPS"),
]


def system_diagram() -> str:
    shapes = {"database": ('[("', '")]'), "cache": ('[("', '")]'), "queue": ('(["', '"])')}
    lines = ["graph TD"]
    for nid, label, tech, kind in NODES:
        o, c = shapes.get(kind, ('["', '"]'))
        lines.append(f"  {nid}{o}{label} - {tech}{c}")
    lines += [f'  {a} -->|"{p}"| {b}' for a, b, p in EDGES]
    return "\n".join(lines)


def row(layer, tech, just="Chosen for this two-person MVP team and its read-heavy load."):
    return {
        "layer": layer,
        "technology": tech,
        "version_tier": "current",
        "justification": just,
        "alternative_considered": "a managed alternative",
    }


OVERVIEW = {
    "topology": {
        "nodes": [{"id": i, "label": lb, "technology": t, "kind": k} for i, lb, t, k in NODES],
        "edges": [{"source": a, "target": b, "protocol": p} for a, b, p in EDGES],
    },
    "system_diagram": system_diagram(),
    "tech_stack": [
        row("Runtime / Language", "Python 3.12"),
        row("Web Framework", "FastAPI"),
        row("API Style", "REST"),
        row("Primary Database", "PostgreSQL"),
        row("Cache Layer", "Redis"),
        row("Message Queue", "Amazon SQS"),
        row("Auth Provider", "Built-in JWT auth"),
        row("Email/Notification Service", "Amazon SES"),
        row("Cloud Provider", "AWS"),
        row("Container Orchestration", "ECS Fargate"),
        row("CI/CD Platform", "GitHub Actions"),
        row("Monitoring / Observability", "Datadog"),
        row("Error Tracking", "Sentry"),
    ],
    "environments": [
        {
            "name": n,
            "purpose": "p",
            "data_policy": "d",
            "access_control": "a",
            "parity_to_prod": "x",
        }
        for n in ("local", "staging", "production")
    ],
}

ERR = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    409: "CONFLICT",
    422: "VALIDATION_FAILED",
    429: "RATE_LIMIT_EXCEEDED",
    500: "INTERNAL_ERROR",
}


def errors(*codes):
    return [{"status": c, "error": ERR[c], "condition": "condition"} for c in codes]


POST_SCHEMA = {
    "type": "object",
    "properties": {"id": {"type": "string", "format": "uuid"}, "body": {"type": "string"}},
}
UUID_PARAM = {
    "name": "post_id",
    "schema": {"type": "string", "format": "uuid"},
    "description": "Post id",
    "validation": "UUID v4",
}


def ep(
    op,
    method,
    path,
    tag,
    auth,
    role,
    body,
    success,
    errs,
    *,
    rl=("user", 600, "standard"),
    se=None,
    **kw,
):
    return {
        "operation_id": op,
        "method": method,
        "path": path,
        "tag": tag,
        "priority": "P0",
        "description": f"{op} endpoint.",
        "auth": auth,
        "required_role": role,
        "rate_limit": {"requests": rl[1], "per": "minute", "scope": rl[0], "tier": rl[2]},
        "request": {"body": body, **kw.pop("request", {})},
        "responses": {"success": success, "errors": errors(*errs)},
        "side_effects": se or {"db_reads": ["posts"]},
        **kw,
    }


API = {
    "style": "rest",
    "style_rationale": "CRUD dominates.",
    "base_path": "/v1",
    "endpoints": [
        ep(
            "login",
            "POST",
            "/v1/auth/login",
            "auth",
            "public",
            "public",
            {
                "type": "object",
                "properties": {"email": {"type": "string"}, "password": {"type": "string"}},
            },
            {
                "status": 200,
                "reason": "session created",
                "body": {"type": "object", "properties": {"expires_at": {"type": "string"}}},
            },
            (400, 401, 422, 429, 500),
            rl=("ip", 10, "auth"),
            se={"db_reads": ["users"], "db_writes": ["auth_events"]},
        ),
        ep(
            "listPosts",
            "GET",
            "/v1/posts",
            "posts",
            "jwt",
            "member",
            None,
            {
                "status": 200,
                "reason": "page of posts",
                "body": {
                    "type": "object",
                    "properties": {
                        "data": {"type": "array", "items": POST_SCHEMA},
                        "next_cursor": {"type": "string"},
                    },
                },
            },
            (400, 401, 429, 500),
            pagination="cursor",
            request={
                "query_params": [
                    {
                        "name": "limit",
                        "schema": {"type": "integer"},
                        "required": False,
                        "description": "Page size",
                        "validation": "1-100",
                    },
                    {
                        "name": "cursor",
                        "schema": {"type": "string"},
                        "required": False,
                        "description": "Cursor",
                        "validation": "opaque",
                    },
                ]
            },
        ),
        ep(
            "createPost",
            "POST",
            "/v1/posts",
            "posts",
            "jwt",
            "member",
            {"type": "object", "properties": {"body": {"type": "string"}}},
            {"status": 201, "reason": "created", "body": POST_SCHEMA},
            (400, 401, 422, 429, 500),
            se={"db_writes": ["posts"], "cache": ["feed"]},
        ),
        ep(
            "getPost",
            "GET",
            "/v1/posts/{post_id}",
            "posts",
            "jwt",
            "member",
            None,
            {"status": 200, "reason": "the post", "body": POST_SCHEMA},
            (401, 403, 404, 429, 500),
            request={"path_params": [UUID_PARAM]},
        ),
        ep(
            "createPayment",
            "POST",
            "/v1/payments",
            "payments",
            "jwt",
            "member",
            {"type": "object", "properties": {"amount_cents": {"type": "integer"}}},
            {
                "status": 201,
                "reason": "created",
                "body": {"type": "object", "properties": {"id": {"type": "string"}}},
            },
            (400, 401, 409, 422, 429, 500),
            se={"db_writes": ["payments"], "events": ["payment.created"]},
            idempotency_key=True,
            request={
                "headers": [
                    {"name": "Idempotency-Key", "required": True, "description": "Retry key"}
                ]
            },
        ),
    ],
    "governance": {
        "versioning": "URL versioning (/v1/).",
        "deprecation_policy": "6 months notice with a Sunset header.",
        "pagination": {
            "cursor": "feeds",
            "offset": "admin",
            "page_size_min": 1,
            "page_size_default": 20,
            "page_size_max": 100,
            "envelope": {"type": "object"},
        },
        "error_envelope": {
            "type": "object",
            "properties": {
                k: {"type": "string"} for k in ("error", "message", "request_id", "timestamp")
            },
        },
        "idempotency": {
            "header": "Idempotency-Key",
            "applies_to": "money writes",
            "storage": "Redis",
            "expiry": "24 h",
        },
    },
}


def col(name, type_, purpose="p", **kw):
    return {"name": name, "type": type_, "purpose": purpose, **kw}


PK = col("id", "UUID", primary_key=True, constraints=["PK"], default="gen_random_uuid()")
TS = [
    col("created_at", "TIMESTAMPTZ", default="now()"),
    col("updated_at", "TIMESTAMPTZ", default="now()"),
]


def fk(name, table):
    return col(name, "UUID", references={"table": table})


SCHEMA = {
    "database": "PostgreSQL",
    "family": "sql",
    "tables": [
        {
            "name": "users",
            "entity": "user",
            "purpose": "Accounts",
            "database": "PostgreSQL",
            "fields": [
                PK,
                col("email", "VARCHAR(254)", pii=True, unique=True),
                col("display_name", "TEXT", pii=True),
                col("role", "user_role"),
                *TS,
                col("deleted_at", "TIMESTAMPTZ", nullable=True),
            ],
            "soft_delete": True,
            "contains_pii": True,
        },
        {
            "name": "posts",
            "entity": "post",
            "purpose": "Posts",
            "database": "PostgreSQL",
            "fields": [PK, fk("user_id", "users"), col("body", "TEXT"), *TS],
            "indexes": [
                {
                    "name": "idx_posts_user_id",
                    "fields": ["user_id", "created_at"],
                    "justification": "posts of a user, newest first",
                }
            ],
        },
        {
            "name": "payments",
            "entity": "payment",
            "purpose": "Tips",
            "database": "PostgreSQL",
            "fields": [PK, fk("user_id", "users"), col("amount_cents", "BIGINT"), *TS],
            "indexes": [
                {
                    "name": "idx_payments_user_id",
                    "fields": ["user_id"],
                    "justification": "payments of a user",
                }
            ],
        },
    ],
    "enums": [{"name": "user_role", "values": ["member", "admin"]}],
    "relationships": [
        {"parent": "users", "child": "posts", "cardinality": "||--o{", "label": "writes"},
        {"parent": "users", "child": "payments", "cardinality": "||--o{", "label": "pays"},
    ],
    "erd": "\n".join(
        [
            "erDiagram",
            "  users {",
            "    uuid id PK",
            '    string email UK "PII"',
            "  }",
            "  posts {",
            "    uuid id PK",
            "    uuid user_id FK",
            "  }",
            "  payments {",
            "    uuid id PK",
            "    uuid user_id FK",
            "    bigint amount_cents",
            "  }",
            "  users ||--o{ posts : writes",
            "  users ||--o{ payments : pays",
        ]
    ),
    "migration_strategy": {
        "tool": "Alembic",
        "convention": "V{n}__{desc}",
        "backward_compatibility": ["expand, migrate, contract"],
        "rollback": "down migration",
    },
    "lifecycle": [
        {
            "entity": "user",
            "retention": "account life + 30 d",
            "archival": "none",
            "deletion": "anonymization",
            "gdpr_erasure": "null personal columns",
        }
    ],
}

SECURITY = {
    "auth": {
        "strategy": "JWT",
        "summary": "JWT in cookies",
        "jwt": {
            "algorithm": "RS256",
            "access_token_expiry": "15 min",
            "refresh_token_expiry": "14 days",
            "refresh_rotation": "rotate on use",
            "storage": "httpOnly Secure SameSite=Strict cookie",
            "claims": ["sub", "role", "iat", "exp", "jti"],
            "cookie_attributes": "HttpOnly; Secure; SameSite=Strict",
        },
        "token_storage": {"selected": "httpOnly cookie", "rationale": "XSS-proof"},
        "mfa": {"requirement": "recommended", "methods": ["TOTP"], "rationale": "PII"},
        "session_timeout": "30 min idle",
    },
    "authorization": {
        "model": "rbac",
        "roles": [
            {
                "name": "member",
                "description": "user",
                "permissions": ["posts:create", "posts:read"],
            },
            {"name": "admin", "description": "staff", "permissions": ["posts:delete"]},
        ],
        "enforcement": "API layer",
        "row_level_rules": [],
        "audit_log": "all escalations",
    },
    "encryption": {
        "tls_minimum": "TLS 1.2",
        "tls_preferred": "TLS 1.3",
        "hsts": "max-age=63072000",
        "certificates": "ACM",
        "at_rest": "AES-256",
        "kms": "AWS KMS",
        "key_rotation": "annual",
        "secrets_manager": "AWS Secrets Manager",
        "secrets_rotation": "automated",
        "secrets_policy": "no secrets in git",
    },
    "compliance": [
        {
            "regulation": "GDPR",
            "applicable": True,
            "reason": "EU users",
            "key_requirements": ["erasure"],
            "controls": [{"control": "erasure job"}],
            "audit_logging": "yes",
            "data_residency": "EU",
            "vendor_assessment": "DPA",
        }
    ],
    "owasp": [
        {"id": f"A{n:02d}:2021", "name": f"risk {n}", "mitigations": ["m"]} for n in range(1, 11)
    ],
    "headers": [
        {"name": n, "value": "v"}
        for n in (
            "Content-Security-Policy",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Strict-Transport-Security",
        )
    ],
    "rate_limiting": {
        "tool": "Redis sliding window",
        "algorithm": "sliding window",
        "tiers": [
            {"tier": "auth", "applies_to": "auth", "limit": "10/min", "scope": "ip"},
            {"tier": "standard", "applies_to": "api", "limit": "600/min", "scope": "user"},
        ],
    },
    "pii_log_masking": "emails masked",
}

SCALABILITY = {
    "caching": [
        {
            "resource": "post",
            "location": "Application (Redis)",
            "key_format": "post:{post_id}",
            "ttl_seconds": 60,
            "ttl_rationale": "fresh",
            "invalidation": "on-write",
            "pattern": "cache-aside",
            "miss_behavior": "read DB",
            "stampede_protection": "mutex",
        }
    ],
    "cache_anti_patterns": ["no infinite TTL"],
    "queue": {
        "technology": "Amazon SQS",
        "rationale": "managed",
        "jobs": [
            {
                "name": "send_receipt",
                "trigger": "payment.created",
                "worker": "worker",
                "timeout_seconds": 30,
                "retry_policy": "exp backoff x5",
                "dead_letter": "receipts-dlq",
                "idempotency": "keyed on payment id",
            }
        ],
    },
    "error_handling": {"operational": "4xx", "system": "500"},
    "circuit_breakers": [
        {
            "service": "Stripe",
            "failure_threshold": "5 in 30 s",
            "open_duration": "30 s",
            "fallback": "queue the tip",
            "connect_timeout_ms": 2000,
            "read_timeout_ms": 5000,
        }
    ],
    "database_timeouts": "statement_timeout 5 s",
    "horizontal_scaling": {"stateless": "yes"},
    "database_scaling_path": [{"phase": str(i), "load": "x", "actions": "y"} for i in (1, 2, 3)],
    "sharding_key": "user_id",
}

OPERATIONS = {
    "observability": {
        "logging": {
            "format": "structured JSON",
            "required_fields": [
                "timestamp",
                "level",
                "service",
                "request_id",
                "user_id",
                "message",
                "context",
            ],
            "levels": {"INFO": "normal"},
            "retention": {"prod": "90d"},
            "tooling": "Datadog Logs",
            "pii_scrubbing": "scrub emails",
        },
        "metrics": {
            "red_services": ["api"],
            "use_resources": ["PostgreSQL", "Redis", "Amazon SQS"],
            "business": [
                {"name": n, "type": "counter", "description": "d"}
                for n in ("posts_created", "tips_paid", "signups")
            ],
            "alerts": [
                {
                    "metric": "error rate",
                    "warning": "> 1%",
                    "critical": "> 5%",
                    "response": "page",
                    "runbook": "rb-error-rate",
                },
                {"metric": "queue depth", "warning": "> 1000", "critical": "", "response": "alert"},
            ],
            "tooling": "Datadog",
        },
        "tracing": {
            "required": False,
            "standard": "OpenTelemetry",
            "propagation": "W3C",
            "sampling": "10%",
            "tooling": "Datadog APM",
        },
        "uptime_monitoring": "Datadog Synthetics",
        "error_tracking": "Sentry",
    },
    "incident_management": {
        "on_call": "weekly rotation",
        "alerting_tool": "PagerDuty",
        "severities": [
            {"level": f"P{n}", "definition": "d", "response_time": "t"} for n in (1, 2, 3, 4)
        ],
        "runbooks": [
            {
                "name": "rb-error-rate",
                "alert": "error rate",
                "triage": ["t"],
                "common_causes": ["c"],
                "escalation": "e",
                "post_incident": "p",
            }
        ],
        "postmortem_policy": "blameless",
    },
    "ci_cd": {
        "platform": "GitHub Actions",
        "pipeline": [
            {"name": n, "phase": ph, "description": "d"}
            for n, ph in (
                ("Lint", "ci"),
                ("Unit tests", "ci"),
                ("SAST scan", "ci"),
                ("Build image", "ci"),
                ("Integration tests", "ci"),
                ("Deploy to staging", "cd"),
                ("Deploy to production", "cd"),
            )
        ],
        "coverage_gate_percent": 80,
        "security_scanning": "CodeQL",
        "deployment_strategy": "Rolling deployment",
        "staging_automatic": True,
        "production_approval": True,
        "rollback": "redeploy previous image",
        "branch_strategy": "trunk-based",
        "iac": "Terraform",
        "iac_state": "S3 + DynamoDB",
        "drift_detection": "nightly plan",
    },
}


def build() -> dict:
    doc = {
        "archwright_version": "0.0.0-test",
        "input": {"prompt": "verify test base document"},
        "signals": SIGNALS,
        "domain": DOMAIN,
        "architecture": ARCHITECTURE,
        "data_strategy": DATA,
        "overview": OVERVIEW,
        "api": API,
        "schema": SCHEMA,
        "security": SECURITY,
        "scalability": SCALABILITY,
        "operations": OPERATIONS,
    }
    return ArchitectureDocument.model_validate(doc).model_dump(mode="json", by_alias=True)


if __name__ == "__main__":
    BASE.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {BASE}")
