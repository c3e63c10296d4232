"""CI/CD checks (seed Stage 10 "CI/CD CHECKS" and Stage 9C)."""

from __future__ import annotations

from typing import ClassVar

from archwright.models.document import ArchitectureDocument
from archwright.verify.base import Check, Finding
from archwright.verify.helpers import blank, words

_DEPLOY = {"deploy", "deployment", "release", "rollout", "promote", "canary", "ship"}


def step_rank(step) -> int | None:
    """Where a pipeline step belongs: lint/test 0, build 1, staging deploy 2, production
    deploy 3; checks that run against a deployed environment (smoke, E2E, performance,
    approvals) are unranked — they belong wherever the pipeline puts them after a deploy."""
    name = words(step.name)
    if name & _DEPLOY or (step.phase == "cd" and name & {"production", "prod"}):
        if name & {"production", "prod", "canary"}:
            return 3
        if name & {"staging", "stage", "preprod", "uat"}:
            return 2
        return None
    if step.phase == "cd":
        return None
    if name & {"build", "image", "docker", "package", "bundle"}:
        return 1
    if name & {"lint", "format", "test", "tests", "unit", "typecheck", "sast", "static"}:
        return 0
    return None


def _order_problems(steps) -> list[str]:
    out = []
    highest = -1
    prev = ""
    labels = {0: "test", 1: "build", 2: "staging deploy", 3: "production deploy"}
    for s in steps:
        r = step_rank(s)
        if r is None:
            continue
        if r < highest and not (r == 0 and highest == 1 and words(s.name) & {"integration", "e2e"}):
            out.append(f"{labels[r]} step {s.name!r} comes after {prev!r}")
        if r >= highest:
            highest, prev = r, s.name
    return out


class PipelineOrder(Check):
    """Pipeline stages are in order: test before build, build before deploy, staging before production.

    Anti-pattern: deploy to production, then run the tests.

    Best practice: lint → unit tests → build → integration tests → staging → approval →
    production.
    """

    code = "AW-CI-001"
    name = "cicd.pipeline_order"
    area = "cicd"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        steps = doc.operations.ci_cd.pipeline
        out = [self.finding(p, "operations.ci_cd.pipeline") for p in _order_problems(steps)]
        ranks = {step_rank(s) for s in steps}
        for r, label in (
            (0, "test"),
            (1, "build"),
            (2, "staging deploy"),
            (3, "production deploy"),
        ):
            if r not in ranks:
                out.append(self.finding(f"no {label} step", "operations.ci_cd.pipeline"))
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is None:
            return doc
        steps = doc.operations.ci_cd.pipeline
        if not _order_problems(steps):
            return doc
        # a stable sort on rank, carrying unranked steps with their predecessor
        keyed = []
        last = 0
        for i, s in enumerate(steps):
            r = step_rank(s)
            last = r if r is not None else last
            keyed.append((last, i, s))
        doc.operations.ci_cd.pipeline = [s for _, _, s in sorted(keyed, key=lambda k: (k[0], k[1]))]
        return doc


class CoverageGate(Check):
    """A coverage gate percentage is set (at least 60%; 80% for full pipelines).

    Anti-pattern: tests "encouraged", coverage unmeasured, and it drifts to 20%.

    Best practice: the pipeline fails under a stated coverage threshold.
    """

    code = "AW-CI-002"
    name = "cicd.coverage_gate"
    area = "cicd"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        pct = doc.operations.ci_cd.coverage_gate_percent
        return (
            [
                self.finding(
                    f"coverage gate {pct}% is below 60%", "operations.ci_cd.coverage_gate_percent"
                )
            ]
            if pct < 60
            else []
        )

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is not None and doc.operations.ci_cd.coverage_gate_percent < 60:
            doc.operations.ci_cd.coverage_gate_percent = 80
        return doc


class SecurityScanning(Check):
    """A security scanning step (SAST / dependency / image scan) is in the pipeline.

    Anti-pattern: a known-vulnerable dependency shipped because nothing looked.

    Best practice: SAST plus dependency and container-image scanning on every change.
    """

    code = "AW-CI-003"
    name = "cicd.security_scanning"
    area = "cicd"

    _WORDS: ClassVar[frozenset[str]] = frozenset(
        {
            "sast",
            "security",
            "scan",
            "scanning",
            "vulnerability",
            "audit",
            "codeql",
            "trivy",
            "semgrep",
            "snyk",
            "bandit",
            "dependabot",
        }
    )

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        ci = doc.operations.ci_cd
        out = []
        if blank(ci.security_scanning):
            out.append(
                self.finding("security scanning undefined", "operations.ci_cd.security_scanning")
            )
        if not any((words(s.name) | words(s.description)) & self._WORDS for s in ci.pipeline):
            out.append(
                self.finding(
                    "no security scanning step in the pipeline", "operations.ci_cd.pipeline"
                )
            )
        return out


class StagingAutoProductionApproval(Check):
    """Staging deploys automatically; production requires an approval.

    Anti-pattern: every merge straight to production, or staging deployed by hand.

    Best practice: merge → automatic staging deploy → smoke tests → manual approval → production.
    """

    code = "AW-CI-004"
    name = "cicd.staging_auto_production_approval"
    area = "cicd"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        ci = doc.operations.ci_cd
        out = []
        if not ci.staging_automatic:
            out.append(
                self.finding(
                    "staging deploy is not automatic", "operations.ci_cd.staging_automatic"
                )
            )
        if not ci.production_approval:
            out.append(
                self.finding(
                    "production deploy has no approval gate", "operations.ci_cd.production_approval"
                )
            )
        return out

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is not None:
            doc.operations.ci_cd.staging_automatic = True
            doc.operations.ci_cd.production_approval = True
        return doc


class RollbackDefined(Check):
    """A rollback strategy is defined.

    Anti-pattern: a bad deploy, and the fix is "write a revert and wait for CI".

    Best practice: automated rollback on failed health checks or error-rate spikes, to the
    previous image/release.
    """

    code = "AW-CI-005"
    name = "cicd.rollback"
    area = "cicd"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None or not blank(doc.operations.ci_cd.rollback):
            return []
        return [self.finding("no rollback strategy", "operations.ci_cd.rollback")]


class InfrastructureAsCode(Check):
    """Infrastructure as Code is required, with state management and drift detection.

    Anti-pattern: production built by console clicks nobody can reproduce.

    Best practice: Terraform / Pulumi / CDK, a locked remote state, scheduled drift detection.
    """

    code = "AW-CI-006"
    name = "cicd.iac"
    area = "cicd"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        ci = doc.operations.ci_cd
        return [
            self.finding(f"{f} undefined", f"operations.ci_cd.{f}")
            for f in ("iac", "iac_state", "drift_detection")
            if blank(getattr(ci, f))
        ]


class BranchStrategy(Check):
    """The branch strategy is documented.

    Anti-pattern: long-lived branches merged the night before release.

    Best practice: trunk-based development with short-lived branches and feature flags (or a
    defined GitFlow for slow enterprise cadences).
    """

    code = "AW-CI-007"
    name = "cicd.branch_strategy"
    area = "cicd"

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None or not blank(doc.operations.ci_cd.branch_strategy):
            return []
        return [self.finding("no branch strategy", "operations.ci_cd.branch_strategy")]


_STRATEGY = {
    "mvp": ("rolling", "Rolling deployment"),
    "growth": ("blue", "Blue/green deployment"),
    "scale": ("canary", "Canary deployment (5% → 25% → 100%)"),
}


class DeploymentMatchesStage(Check):
    """The deployment strategy matches the product stage (MVP rolling, Growth blue/green, Scale canary).

    Anti-pattern: a two-person MVP maintaining a canary pipeline with traffic splitting.

    Best practice: pipeline sophistication scaled to the stage and team size.
    """

    code = "AW-CI-008"
    name = "cicd.deployment_matches_stage"
    area = "cicd"
    touches = ("operations",)

    def evaluate(self, doc: ArchitectureDocument) -> list[Finding]:
        if doc.operations is None:
            return []
        stage = doc.signals.product.stage.value
        want = _STRATEGY.get(stage)
        got = doc.operations.ci_cd.deployment_strategy
        if want and want[0] not in got.lower():
            return [
                self.finding(
                    f"stage {stage} calls for {want[1]}, got {got!r}",
                    "operations.ci_cd.deployment_strategy",
                )
            ]
        return []

    def fix(self, doc: ArchitectureDocument) -> ArchitectureDocument:
        if doc.operations is not None:
            want = _STRATEGY.get(doc.signals.product.stage.value)
            if want and want[0] not in doc.operations.ci_cd.deployment_strategy.lower():
                doc.operations.ci_cd.deployment_strategy = want[1]
        return doc
