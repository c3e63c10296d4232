"""``compose.yaml``: the local environment with the chosen services.

App, worker (when there is a queue), the real-time process (when it is separate), the primary
database, the cache and the queue broker as chosen in Stages 3, 4 and 8. No secret is written:
credentials come from ``.env`` (``${VAR:?…}`` fails fast when one is missing) and the file
documents the variables it needs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from archwright.render.text import slug
from archwright.render.yaml_text import dump_yaml_shared

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument
    from archwright.models.operations import RuntimeFacts

_HEALTH = {"interval": "5s", "timeout": "5s", "retries": 10}


#: the PostgreSQL image with the pgvector extension, for a Vector Search row on pgvector (the
#: official postgres image does not ship it); same major line as the rows' "PostgreSQL 16"
PGVECTOR_IMAGE = "pgvector/pgvector:pg16"


def _pgvector(doc: ArchitectureDocument) -> bool:
    """Stage 4 put similarity search in PostgreSQL (the pgvector extension)."""
    return any(
        r.layer == "Vector Search" and "pgvector" in (r.technology or "").lower()
        for r in doc.overview.tech_stack
    )


def _database(
    rt: RuntimeFacts, *, pgvector: bool = False
) -> tuple[dict[str, Any], dict[str, str], str] | None:
    low = rt.database.lower()
    if "mongo" in low:
        return (
            {
                "image": "mongo:8",
                "environment": {
                    "MONGO_INITDB_ROOT_USERNAME": "${MONGO_USER:?set MONGO_USER in .env}",
                    "MONGO_INITDB_ROOT_PASSWORD": "${MONGO_PASSWORD:?set MONGO_PASSWORD in .env}",
                },
                "ports": ["127.0.0.1:27017:27017"],
                "volumes": ["db-data:/data/db"],
                "healthcheck": {
                    "test": ["CMD", "mongosh", "--quiet", "--eval", "db.runCommand({ ping: 1 })"],
                    **_HEALTH,
                },
            },
            {
                "DATABASE_URL": "mongodb://${MONGO_USER}:${MONGO_PASSWORD}@db:27017/app?authSource=admin"
            },
            "db",
        )
    if "mysql" in low or "maria" in low:
        return (
            {
                "image": "mysql:8.4",
                "environment": {
                    "MYSQL_DATABASE": "app",
                    "MYSQL_USER": "${DB_USER:?set DB_USER in .env}",
                    "MYSQL_PASSWORD": "${DB_PASSWORD:?set DB_PASSWORD in .env}",
                    "MYSQL_RANDOM_ROOT_PASSWORD": "yes",
                },
                "ports": ["127.0.0.1:3306:3306"],
                "volumes": ["db-data:/var/lib/mysql"],
                "healthcheck": {
                    "test": ["CMD", "mysqladmin", "ping", "-h", "localhost"],
                    **_HEALTH,
                },
            },
            {"DATABASE_URL": "mysql://${DB_USER}:${DB_PASSWORD}@db:3306/app"},
            "db",
        )
    if "cassandra" in low or "scylla" in low:
        return (
            {
                "image": "scylladb/scylla:6.2" if "scylla" in low else "cassandra:5",
                "ports": ["127.0.0.1:9042:9042"],
                "volumes": ["db-data:/var/lib/cassandra"],
                "healthcheck": {
                    "test": ["CMD-SHELL", "cqlsh -e 'describe keyspaces' || exit 1"],
                    **_HEALTH,
                    "start_period": "60s",
                },
            },
            {"CASSANDRA_CONTACT_POINTS": "db:9042"},
            "db",
        )
    if "neo4j" in low:
        return (
            {
                "image": "neo4j:5",
                "environment": {
                    "NEO4J_AUTH": "${NEO4J_AUTH:?set NEO4J_AUTH=neo4j/<password> in .env}"
                },
                "ports": ["127.0.0.1:7687:7687"],
                "volumes": ["db-data:/data"],
            },
            {"NEO4J_URL": "bolt://db:7687"},
            "db",
        )
    if "dynamo" in low:
        return (
            {"image": "amazon/dynamodb-local:2.5.2", "ports": ["127.0.0.1:8000:8000"]},
            {"DYNAMODB_ENDPOINT": "http://db:8000"},
            "db",
        )
    image = "postgres:17-alpine"
    if "timescale" in low:
        image = "timescale/timescaledb:latest-pg17"
    elif pgvector:
        image = PGVECTOR_IMAGE
    return (
        {
            "image": image,
            "environment": {
                "POSTGRES_DB": "app",
                "POSTGRES_USER": "${POSTGRES_USER:?set POSTGRES_USER in .env}",
                "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}",
            },
            "ports": ["127.0.0.1:5432:5432"],
            "volumes": ["db-data:/var/lib/postgresql/data"],
            "healthcheck": {
                "test": ["CMD-SHELL", 'pg_isready -U "$${POSTGRES_USER}" -d app'],
                **_HEALTH,
            },
        },
        {"DATABASE_URL": "postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@db:5432/app"},
        "db",
    )


def _needs_redis(rt: RuntimeFacts) -> bool:
    q = (rt.queue or "").lower()
    return (
        bool(rt.cache)
        or any(k in q for k in ("redis", "bullmq", "celery", "rq", "sidekiq"))
        or rt.realtime_service is not None
    )


def _broker(rt: RuntimeFacts) -> tuple[str, dict[str, Any], dict[str, str]] | None:
    q = (rt.queue or "").lower()
    if not q:
        return None
    if "kafka" in q:
        return (
            "kafka",
            {
                "image": "apache/kafka:3.9.1",
                "environment": {
                    "KAFKA_NODE_ID": "1",
                    "KAFKA_PROCESS_ROLES": "broker,controller",
                    "KAFKA_LISTENERS": "PLAINTEXT://:9092,CONTROLLER://:9093",
                    "KAFKA_ADVERTISED_LISTENERS": "PLAINTEXT://kafka:9092",
                    "KAFKA_CONTROLLER_LISTENER_NAMES": "CONTROLLER",
                    "KAFKA_CONTROLLER_QUORUM_VOTERS": "1@kafka:9093",
                    "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1",
                },
                "ports": ["127.0.0.1:9092:9092"],
            },
            {"KAFKA_BROKERS": "kafka:9092"},
        )
    if "rabbit" in q:
        return (
            "rabbitmq",
            {
                "image": "rabbitmq:4-management-alpine",
                "environment": {
                    "RABBITMQ_DEFAULT_USER": "${RABBITMQ_USER:?set RABBITMQ_USER in .env}",
                    "RABBITMQ_DEFAULT_PASS": "${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD in .env}",
                },
                "ports": ["127.0.0.1:5672:5672", "127.0.0.1:15672:15672"],
                "healthcheck": {"test": ["CMD", "rabbitmq-diagnostics", "-q", "ping"], **_HEALTH},
            },
            {"AMQP_URL": "amqp://${RABBITMQ_USER}:${RABBITMQ_PASSWORD}@rabbitmq:5672"},
        )
    if "sqs" in q:
        return (
            "sqs",
            {"image": "softwaremill/elasticmq-native:1.6.11", "ports": ["127.0.0.1:9324:9324"]},
            {"SQS_ENDPOINT": "http://sqs:9324", "AWS_REGION": "us-east-1"},
        )
    if "pub/sub" in q or "pubsub" in q:
        return (
            "pubsub",
            {
                "image": "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators",
                "command": [
                    "gcloud",
                    "beta",
                    "emulators",
                    "pubsub",
                    "start",
                    "--host-port=0.0.0.0:8085",
                ],
                "ports": ["127.0.0.1:8085:8085"],
            },
            {"PUBSUB_EMULATOR_HOST": "pubsub:8085"},
        )
    if "service bus" in q:
        return None  # no local emulator wired here; tests use an in-memory transport
    return None  # Redis-backed queues (BullMQ, Celery, RQ) use the redis service


def _process(
    command: list[str] | None, env: dict[str, str], depends: dict[str, Any], port: int | None
) -> dict[str, Any]:
    svc: dict[str, Any] = {
        "build": {"context": "."},
        "env_file": [{"path": ".env", "required": False}],
    }
    if command:
        svc["command"] = command
    if env:
        svc["environment"] = dict(sorted(env.items()))
    if port:
        svc["ports"] = [f"127.0.0.1:{port}:{port}"]
    if depends:
        svc["depends_on"] = depends
    svc["restart"] = "unless-stopped"
    return svc


_WORKER_CMD = {
    "typescript": ["node", "dist/worker.js"],
    "python": ["python", "-m", "app.worker"],
    "go": ["/app/worker"],
    "java": ["java", "-jar", "/app/worker.jar"],
    "kotlin": ["java", "-jar", "/app/worker.jar"],
    "csharp": ["dotnet", "Worker.dll"],
    "ruby": ["bundle", "exec", "sidekiq"],
    "php": ["php", "artisan", "queue:work"],
    "elixir": ["bin/app", "start"],
    "rust": ["/app/worker"],
}


def _name(text: str, role: str = "") -> str:
    return slug(text, role=role, default="svc")


def build_compose(doc: ArchitectureDocument) -> dict[str, Any] | None:
    ops = doc.operations
    if ops is None or ops.runtime is None:
        return None
    rt = ops.runtime
    services: dict[str, Any] = {}
    env: dict[str, str] = {"APP_ENV": "local", "LOG_FORMAT": "json"}
    depends: dict[str, Any] = {}
    db = _database(rt, pgvector=_pgvector(doc))
    if db is not None:
        spec, db_env, name = db
        services[name] = spec
        env.update(db_env)
        depends[name] = {
            "condition": "service_healthy" if "healthcheck" in spec else "service_started"
        }
    if _needs_redis(rt):
        services["redis"] = {
            "image": "redis:7-alpine",
            "command": ["redis-server", "--appendonly", "yes"],
            "ports": ["127.0.0.1:6379:6379"],
            "volumes": ["redis-data:/data"],
            "healthcheck": {"test": ["CMD", "redis-cli", "ping"], **_HEALTH},
        }
        env["REDIS_URL"] = "redis://redis:6379/0"
        depends["redis"] = {"condition": "service_healthy"}
    broker = _broker(rt)
    if broker is not None:
        bname, bspec, benv = broker
        services[bname] = bspec
        env.update(benv)
        depends[bname] = {
            "condition": "service_healthy" if "healthcheck" in bspec else "service_started"
        }
    if rt.object_storage:
        services["minio"] = {
            "image": "minio/minio:RELEASE.2025-04-22T22-12-26Z",
            "command": ["server", "/data", "--console-address", ":9001"],
            "environment": {
                "MINIO_ROOT_USER": "${MINIO_ROOT_USER:?set MINIO_ROOT_USER in .env}",
                "MINIO_ROOT_PASSWORD": "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD in .env}",
            },
            "ports": ["127.0.0.1:9000:9000", "127.0.0.1:9001:9001"],
            "volumes": ["object-data:/data"],
        }
        env["S3_ENDPOINT"] = "http://minio:9000"
        depends["minio"] = {"condition": "service_started"}
    app_name = _name(rt.services[0]) if rt.services else "app"
    apps: dict[str, Any] = {app_name: _process(None, env, depends, 8080)}
    for extra in rt.services[1:]:
        name = _name(extra)
        if name not in apps and name not in services:
            apps[name] = _process(None, {**env, "SERVICE": extra}, depends, None)
    if rt.realtime_service:
        name = _name(rt.realtime_service)
        if name not in apps and name not in services:
            apps[name] = _process(None, {**env, "SERVICE": rt.realtime_service}, depends, 8081)
    for w in rt.workers:
        name = _name(w, "worker")
        if name not in apps and name not in services:
            apps[name] = _process(
                _WORKER_CMD.get(rt.language), {**env, "SERVICE": w}, depends, None
            )
    volumes: dict[str, Any] = {}
    for svc in services.values():
        for v in svc.get("volumes", []):
            volumes[v.split(":")[0]] = {}
    return {
        "name": rt.app_slug,
        "services": {**apps, **services},
        **({"volumes": dict(sorted(volumes.items()))} if volumes else {}),
    }


def render_compose(doc: ArchitectureDocument) -> dict[str, str]:
    spec = build_compose(doc)
    if spec is None:
        return {}
    header = (
        "# Local environment generated by archwright. No secrets here: copy .env.example to\n"
        "# .env and fill the variables marked ${VAR:?...}; `docker compose up` fails fast\n"
        "# when one is missing.\n"
    )
    body = dump_yaml_shared(spec)
    names = sorted(set(re.findall(r"\$\{([A-Z][A-Z0-9_]*):\?", body)))
    example = "# Local-only values for compose.yaml; never commit the filled-in .env.\n" + "".join(
        f"{n}=\n" for n in names
    )
    return {"compose.yaml": header + body, ".env.example": example}
