"""Stage 10 — the verification gate: run every check, apply fixes, repeat to a fixed point.

Like sqlfluff's linter loop: each pass evaluates every check; failing checks that can fix
correct the document; the loop stops when a pass applies no fix (the fixed point) or after
:data:`MAX_ITERATIONS` passes (the runaway limit). Checks are pure, so a document that passes
is never copied; a pass that fixes works on one validated copy. Expensive artifact checks
(rendering and validating OpenAPI/DDL) run once, and again only when a fix touched a section
they read.
"""

from __future__ import annotations

from archwright.models.document import ArchitectureDocument
from archwright.models.verification import CheckResult, Verification
from archwright.verify.base import Check, Finding
from archwright.verify.registry import Registry, default_registry

#: Passes before the gate gives up: fixes never undo each other, so 2-3 passes reach the fixed
#: point; the limit only stops a buggy fix that keeps "changing" the document.
MAX_ITERATIONS = 6
_ALL_SECTIONS = frozenset(
    {"overview", "api", "schema", "security", "scalability", "operations", "architecture", "data"}
)


def _evaluate(check: Check, doc: ArchitectureDocument) -> list[Finding]:
    try:
        return check.evaluate(doc)
    except Exception as exc:  # a crashing check is a failed check, never a crashed gate
        return [Finding(check.code, f"check crashed: {type(exc).__name__}: {exc}", "")]


def _summary(findings: list[Finding]) -> str:
    first = findings[0]
    where = f" at {first.location}" if first.location else ""
    more = f" (+{len(findings) - 1} more)" if len(findings) > 1 else ""
    return f"{first.message}{where}{more}"


def _clone(doc: ArchitectureDocument) -> ArchitectureDocument:
    """A validated deep copy (a JSON round trip is ~3x faster than ``deepcopy``)."""
    return ArchitectureDocument.model_validate_json(doc.model_dump_json(by_alias=True))


def _fix_pass(
    checks: list[Check],
    work: ArchitectureDocument,
    last: dict[str, list[Finding]],
    broken: set[str],
) -> tuple[ArchitectureDocument, list[str], set[str]]:
    """Apply every failing check's fix to one copy; returns (document, fixes, sections)."""
    if not any(last[c.code] and c.code not in broken and c.fixable() for c in checks):
        return work, [], set()
    trial = _clone(work)
    fixes: list[str] = []
    touched: set[str] = set()
    for check in checks:
        found = last[check.code]
        if not found or check.code in broken or not check.fixable():
            continue
        try:
            trial = check.fix(trial)
        except Exception:  # a broken fix: start the pass again without it
            broken.add(check.code)
            return _fix_pass(checks, work, last, broken)
        if _evaluate(check, trial) == found:
            continue  # the fix changed nothing this check can see: not progress
        fixes.append(f"{check.code} {check.name}: {_summary(found)}")
        touched |= set(check.touches) or _ALL_SECTIONS
    if not fixes:
        return work, [], set()
    try:
        return _clone(trial), fixes, touched  # re-validate: a fix must leave a valid document
    except Exception:
        broken.update(f.split(" ", 1)[0] for f in fixes)
        return work, [], set()


def run_gate(doc: ArchitectureDocument, registry: Registry | None = None) -> ArchitectureDocument:
    """Verify ``doc``, fixing what can be fixed; returns a new document carrying
    ``verification`` (the input is never mutated)."""
    checks = list(registry if registry is not None else default_registry())
    work = doc
    first: dict[str, list[Finding]] = {}
    last: dict[str, list[Finding]] = {}
    fixes: list[str] = []
    broken: set[str] = set()
    touched: set[str] | None = None  # None: first pass, evaluate everything
    iterations = 0
    while True:
        iterations += 1
        for check in checks:
            if (
                check.expensive
                and touched is not None
                and not (set(check.reads) & touched)
                and check.code in last
            ):
                continue
            found = _evaluate(check, work)
            last[check.code] = found
            first.setdefault(check.code, found)
        if iterations >= MAX_ITERATIONS:
            break
        work, applied, touched = _fix_pass(checks, work, last, broken)
        if not applied:
            break
        fixes += applied
    results: list[CheckResult] = []
    passed = True
    for check in checks:
        now, before = last[check.code], first[check.code]
        if now:
            status = "fail"
            message = _summary(now)
            if check.severity == "error":
                passed = False
        elif before:
            status = "fixed"
            message = f"fixed: {_summary(before)}"
        else:
            status = "pass"
            message = check.explain_pass(work)
        results.append(
            # every value comes from the registry and the gate itself, already typed: skip the
            # validation of ~90 results a document
            CheckResult.trusted(
                code=check.code,
                name=check.name,
                category=check.area,
                title=check.title(),
                status=status,
                message=message,
                locations=[f.location for f in (now or before) if f.location][:20],
            )
        )
    verification = Verification(
        passed=passed, iterations=iterations, checks=results, fixes_applied=fixes
    )
    return work.model_copy(update={"verification": verification})
