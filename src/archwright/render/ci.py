"""``.github/workflows/ci.yml``: the Stage 9 pipeline as a real GitHub Actions workflow.

Built as a Python structure and serialized by ``render.yaml_text``, so no user text is ever spliced into
YAML; the only product-derived token is the DNS-safe slug. Jobs follow the seed's order — lint,
test with the coverage gate, SAST + dependency + secret scan, image build + scan, (integration,)
automatic staging deploy on main, (E2E + performance,) production behind an ``environment:``
with required reviewers, health check and rollback — plus a nightly IaC drift check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archwright.render.yaml_text import dump_yaml_shared

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument
    from archwright.models.operations import CiLanguage, RuntimeFacts

RUNNER = "ubuntu-24.04"
CHECKOUT = "actions/checkout@v6"
TRIVY_IMAGE = "aquasec/trivy:0.58.1"
GITLEAKS_IMAGE = "ghcr.io/gitleaks/gitleaks:v8.21.2"


def _setup(lang: CiLanguage) -> list[dict[str, Any]]:
    step: dict[str, Any] = {"name": f"Set up {lang.name}", "uses": lang.setup.uses}
    if lang.setup.with_:
        step["with"] = dict(lang.setup.with_)
    return [
        {"uses": CHECKOUT},
        step,
        {"name": "Install dependencies", "run": lang.install},
    ]


def _db_service(rt: RuntimeFacts) -> tuple[dict[str, Any], dict[str, str]] | None:
    """A disposable service container for tests, and the env vars pointing the tests at it."""
    fam = rt.database_family
    low = rt.database.lower()
    if fam in ("sql", "time_series") and "mysql" not in low:
        image = "timescale/timescaledb:latest-pg17" if "timescale" in low else "postgres:17-alpine"
        return (
            {
                "image": image,
                "env": {
                    "POSTGRES_USER": "app",
                    "POSTGRES_PASSWORD": "ci-only-password",
                    "POSTGRES_DB": "app_test",
                },
                "ports": ["5432:5432"],
                "options": "--health-cmd pg_isready --health-interval 5s --health-timeout 5s --health-retries 10",
            },
            {"DATABASE_URL": "postgresql://app:ci-only-password@localhost:5432/app_test"},
        )
    if "mysql" in low:
        return (
            {
                "image": "mysql:8.4",
                "env": {"MYSQL_ROOT_PASSWORD": "ci-only-password", "MYSQL_DATABASE": "app_test"},
                "ports": ["3306:3306"],
                "options": '--health-cmd "mysqladmin ping -h localhost" --health-interval 5s --health-retries 10',
            },
            {"DATABASE_URL": "mysql://root:ci-only-password@localhost:3306/app_test"},
        )
    if fam == "document" and "mongo" in low:
        return (
            {"image": "mongo:8", "ports": ["27017:27017"]},
            {"DATABASE_URL": "mongodb://localhost:27017/app_test"},
        )
    return None


def _services(rt: RuntimeFacts) -> tuple[dict[str, Any], dict[str, str]]:
    services: dict[str, Any] = {}
    env: dict[str, str] = {}
    db = _db_service(rt)
    if db is not None:
        services["db"], env = db[0], dict(db[1])
    needs_redis = bool(rt.cache) or (
        rt.queue is not None
        and any(k in rt.queue.lower() for k in ("redis", "bullmq", "celery", "rq"))
    )
    if needs_redis:
        services["redis"] = {
            "image": "redis:7-alpine",
            "ports": ["6379:6379"],
            "options": '--health-cmd "redis-cli ping" --health-interval 5s --health-retries 10',
        }
        env["REDIS_URL"] = "redis://localhost:6379/0"
    return services, env


def _deploy_steps(rt: RuntimeFacts, env_name: str, image_ref: str) -> list[dict[str, Any]]:
    """Cloud login by OIDC (no long-lived keys) and the rollout command for the target."""
    svc = f"{rt.app_slug}-{env_name}"
    orch = (rt.orchestration or "").lower()
    kube = any(k in orch for k in ("kubernetes", "eks", "gke", "aks", "k8s"))
    if rt.cloud == "aws":
        login = {
            "name": "Configure AWS credentials (OIDC)",
            "uses": "aws-actions/configure-aws-credentials@v6",
            "with": {
                "role-to-assume": "${{ vars.AWS_DEPLOY_ROLE_ARN }}",
                "aws-region": "${{ vars.AWS_REGION }}",
            },
        }
        if rt.serverless:
            cmd = (
                f'aws lambda update-function-code --function-name "{svc}" --image-uri "{image_ref}"\n'
                f'aws lambda wait function-updated --function-name "{svc}"'
            )
        elif kube:
            cmd = (
                'aws eks update-kubeconfig --name "${{ vars.EKS_CLUSTER }}"\n'
                f'kubectl -n "{env_name}" set image deployment/api api="{image_ref}"\n'
                f'kubectl -n "{env_name}" rollout status deployment/api --timeout=10m'
            )
        else:
            cmd = (
                f'aws ecs update-service --cluster "${{{{ vars.ECS_CLUSTER }}}}" --service "{svc}" --force-new-deployment\n'
                f'aws ecs wait services-stable --cluster "${{{{ vars.ECS_CLUSTER }}}}" --services "{svc}"'
            )
        return [login, {"name": f"Deploy to {env_name}", "env": {"IMAGE": image_ref}, "run": cmd}]
    if rt.cloud == "gcp":
        return [
            {
                "name": "Authenticate to Google Cloud (workload identity federation)",
                "uses": "google-github-actions/auth@v3",
                "with": {
                    "workload_identity_provider": "${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}",
                    "service_account": "${{ vars.GCP_DEPLOY_SERVICE_ACCOUNT }}",
                },
            },
            {"name": "Set up gcloud", "uses": "google-github-actions/setup-gcloud@v3"},
            {
                "name": f"Deploy to {env_name}",
                "run": f'gcloud run deploy "{svc}" --image "{image_ref}" --region "${{{{ vars.GCP_REGION }}}}" --quiet',
            },
        ]
    if rt.cloud == "azure":
        return [
            {
                "name": "Azure login (OIDC)",
                "uses": "azure/login@v3",
                "with": {
                    "client-id": "${{ vars.AZURE_CLIENT_ID }}",
                    "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
                    "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
                },
            },
            {
                "name": f"Deploy to {env_name}",
                "run": f'az containerapp update --name "{svc}" --resource-group "${{{{ vars.AZURE_RESOURCE_GROUP }}}}" --image "{image_ref}"',
            },
        ]
    return [
        {"name": "Set up kubectl", "uses": "azure/setup-kubectl@v4"},
        {
            "name": f"Deploy to {env_name}",
            "env": {"KUBECONFIG_DATA": "${{ secrets.KUBECONFIG }}"},
            "run": (
                'printf "%s" "$KUBECONFIG_DATA" > "$RUNNER_TEMP/kubeconfig"\n'
                'export KUBECONFIG="$RUNNER_TEMP/kubeconfig"\n'
                f'kubectl -n "{env_name}" set image deployment/api api="{image_ref}"\n'
                f'kubectl -n "{env_name}" rollout status deployment/api --timeout=10m'
            ),
        },
    ]


def _health(url: str) -> dict[str, Any]:
    return {
        "name": "Health check",
        "run": f'curl --fail --silent --show-error --retry 10 --retry-delay 6 --retry-all-errors "{url}/v1/healthz"',
    }


def build_workflow(doc: ArchitectureDocument) -> dict[str, Any] | None:
    from archwright.design.operations import ci_knowledge

    ops = doc.operations
    if ops is None or ops.runtime is None:
        return None
    rt = ops.runtime
    ci = ops.ci_cd
    langs = {c.id: c for c in ci_knowledge().languages}
    lang = langs.get(rt.language, langs["typescript"])
    full = ci.tier == "full"
    cov = ci.coverage_gate_percent
    slug = rt.app_slug
    image_local = f"{slug}:${{{{ github.sha }}}}"
    image_ref = "ghcr.io/${{ github.repository }}:${{ github.sha }}"
    staging_url = f"https://staging.{slug}.example"
    prod_url = f"https://app.{slug}.example"
    services, svc_env = _services(rt)
    jobs: dict[str, Any] = {}
    jobs["lint"] = {
        "name": "Lint + format check",
        "if": "github.event_name != 'schedule'",
        "runs-on": RUNNER,
        "timeout-minutes": 10,
        "steps": [*_setup(lang), {"name": "Lint", "run": lang.lint}],
    }
    test: dict[str, Any] = {
        "name": f"Unit tests + coverage gate ({cov}%)",
        "needs": "lint",
        "runs-on": RUNNER,
        "timeout-minutes": 20,
    }
    if services and not full:
        # minimum-viable pipeline: integration tests run in the same job against real services
        test["services"] = services
        test["env"] = svc_env
    test["steps"] = [
        *_setup(lang),
        {
            "name": f"Tests with coverage gate {cov}%",
            "run": lang.test.replace("{coverage}", str(cov)),
        },
    ]
    if services and not full:
        test["steps"].append({"name": "Integration tests", "run": lang.integration})
    jobs["test"] = test
    jobs["security-scan"] = {
        "name": "SAST + dependency + secret scan",
        "needs": "lint",
        "runs-on": RUNNER,
        "timeout-minutes": 15,
        "steps": [
            {"uses": CHECKOUT, "with": {"fetch-depth": 0}},
            *_setup(lang)[1:],
            {"name": "Dependency audit", "run": lang.dependency_audit},
            {
                "name": "SAST (Semgrep)",
                "run": 'docker run --rm -v "$PWD:/src" -w /src semgrep/semgrep semgrep scan --config p/default --error',
            },
            {
                "name": "Secret scan (gitleaks)",
                "run": f'docker run --rm -v "$PWD:/repo" {GITLEAKS_IMAGE} detect --source /repo --no-banner --redact',
            },
        ],
    }
    build_needs = ["test", "security-scan"]
    jobs["build"] = {
        "name": "Build image + vulnerability scan",
        "needs": build_needs,
        "runs-on": RUNNER,
        "timeout-minutes": 20,
        "permissions": {"contents": "read", "packages": "write"},
        "steps": [
            {"uses": CHECKOUT},
            {"name": "Build image", "run": f'docker build --pull -t "{image_local}" .'},
            {
                "name": "Scan image (Trivy, fail on HIGH/CRITICAL)",
                "run": (
                    "docker run --rm -v /var/run/docker.sock:/var/run/docker.sock "
                    f'{TRIVY_IMAGE} image --exit-code 1 --severity HIGH,CRITICAL --ignore-unfixed "{image_local}"'
                ),
            },
            {
                "name": "Push image",
                "if": "github.ref == 'refs/heads/main' && github.event_name == 'push'",
                "env": {"REGISTRY_TOKEN": "${{ secrets.GITHUB_TOKEN }}"},
                "run": (
                    'echo "$REGISTRY_TOKEN" | docker login ghcr.io -u "${{ github.actor }}" --password-stdin\n'
                    'IMAGE="ghcr.io/${GITHUB_REPOSITORY,,}:${GITHUB_SHA}"\n'
                    f'docker tag "{image_local}" "$IMAGE"\n'
                    'docker push "$IMAGE"'
                ),
            },
        ],
    }
    staging_needs = ["build"]
    if full:
        integ: dict[str, Any] = {
            "name": "Integration tests",
            "needs": "build",
            "runs-on": RUNNER,
            "timeout-minutes": 30,
        }
        if services:
            integ["services"] = services
            integ["env"] = svc_env
        integ["steps"] = [*_setup(lang), {"name": "Integration tests", "run": lang.integration}]
        jobs["integration"] = integ
        staging_needs = ["build", "integration"]
    deploy_perms = {"contents": "read", "id-token": "write"}
    jobs["deploy-staging"] = {
        "name": "Deploy to staging (automatic on main)",
        "if": "github.ref == 'refs/heads/main' && github.event_name == 'push'",
        "needs": staging_needs,
        "runs-on": RUNNER,
        "timeout-minutes": 20,
        "permissions": deploy_perms,
        "environment": {"name": "staging", "url": staging_url},
        "concurrency": {"group": "deploy-staging", "cancel-in-progress": False},
        "steps": [
            {"uses": CHECKOUT},
            *_deploy_steps(rt, "staging", image_ref),
            {**_health(staging_url), "name": "Smoke test staging"},
        ],
    }
    prod_needs = ["deploy-staging"]
    if full:
        jobs["e2e-staging"] = {
            "name": "E2E + performance regression on staging",
            "needs": "deploy-staging",
            "runs-on": RUNNER,
            "timeout-minutes": 30,
            "steps": [
                {"uses": CHECKOUT},
                {
                    "name": "Set up Node.js for Playwright",
                    "uses": "actions/setup-node@v6",
                    "with": {"node-version": "22"},
                },
                {
                    "name": "E2E tests",
                    "env": {"BASE_URL": staging_url},
                    "run": "npx --yes playwright@1 install --with-deps chromium\nnpx --yes playwright@1 test",
                },
                {
                    "name": "Performance regression (k6)",
                    "env": {"BASE_URL": staging_url},
                    "run": "docker run --rm -i -e BASE_URL grafana/k6 run - < tests/load/smoke.js",
                },
            ],
        }
        prod_needs = ["deploy-staging", "e2e-staging"]
    strategy = ci.deployment_strategy.split(" ")[0]
    prod_steps = [
        {"uses": CHECKOUT},
        *_deploy_steps(rt, "production", image_ref),
        _health(prod_url),
    ]
    rollback_ref = "ghcr.io/${{ github.repository }}:${{ github.event.before }}"
    rollback = _deploy_steps(rt, "production", rollback_ref)[-1]
    rollback = {**rollback, "name": "Roll back to the previous release", "if": "failure()"}
    prod_steps.append(rollback)
    jobs["deploy-production"] = {
        "name": f"Deploy to production ({strategy}, requires approval)",
        "if": "github.ref == 'refs/heads/main' && github.event_name == 'push'",
        "needs": prod_needs,
        "runs-on": RUNNER,
        "timeout-minutes": 45 if strategy == "canary" else 20,
        "permissions": deploy_perms,
        # required reviewers on the `production` environment make this the manual approval gate
        "environment": {"name": "production", "url": prod_url},
        "concurrency": {"group": "deploy-production", "cancel-in-progress": False},
        "env": {"DEPLOY_STRATEGY": strategy},
        "steps": prod_steps,
    }
    jobs["drift-detection"] = {
        "name": "IaC drift detection (nightly terraform plan)",
        "if": "github.event_name == 'schedule'",
        "runs-on": RUNNER,
        "timeout-minutes": 15,
        "permissions": deploy_perms,
        "steps": [
            {"uses": CHECKOUT},
            {"uses": "hashicorp/setup-terraform@v3"},
            *[s for s in _deploy_steps(rt, "production", image_ref)[:-1] if "uses" in s],
            {
                "name": "terraform plan (exit code 2 = drift)",
                "working-directory": "infra",
                "run": "terraform init -input=false\nterraform plan -input=false -lock=false -detailed-exitcode",
            },
        ],
    }
    return {
        "name": "CI/CD",
        "on": {
            "push": {"branches": ["main"]},
            "pull_request": {"branches": ["main"]},
            "schedule": [{"cron": "0 3 * * *"}],
            "workflow_dispatch": {},
        },
        "permissions": {"contents": "read"},
        "concurrency": {
            "group": "${{ github.workflow }}-${{ github.ref }}",
            "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
        },
        "jobs": jobs,
    }


def render_ci(doc: ArchitectureDocument) -> dict[str, str]:
    wf = build_workflow(doc)
    if wf is None:
        return {}
    header = (
        "# Generated by archwright from the Stage 9 pipeline. Production deploys wait for the\n"
        "# required reviewers of the `production` environment (Settings > Environments).\n"
    )
    body = dump_yaml_shared(wf)
    return {".github/workflows/ci.yml": header + body}
