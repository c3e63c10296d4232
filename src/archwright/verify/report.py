"""Text and JSON reports of a verification result (for ``archwright verify``)."""

from __future__ import annotations

import json

from archwright.models.verification import Verification


def format_text(v: Verification) -> str:
    lines = []
    for c in v.checks:
        if c.status == "pass":
            continue
        where = f" [{', '.join(c.locations[:5])}]" if c.locations else ""
        lines.append(f"{c.status.upper():5} {c.code} {c.name}: {c.message}{where}")
    for i, fix in enumerate(v.fixes_applied, 1):
        lines.append(f"fix {i}: {fix}")
    fixed = sum(c.status == "fixed" for c in v.checks)
    failed = sum(c.status == "fail" for c in v.checks)
    verdict = "VERIFICATION PASSED" if v.passed else "VERIFICATION FAILED"
    lines.append(
        f"{verdict}: {len(v.checks)} checks, {fixed} fixed, {failed} failed, "
        f"{v.iterations} pass{'es' if v.iterations != 1 else ''}"
    )
    return "\n".join(lines) + "\n"


def format_json(v: Verification) -> str:
    return json.dumps(v.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
