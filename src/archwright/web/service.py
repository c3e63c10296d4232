"""What a request asks of archwright: generate, render every file, store; read back; zip."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from pydantic import Field

from archwright.models.base import Model

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument
    from archwright.web.store import DocumentSummary, Store

#: Name of the zip of every file, offered beside the files themselves.
ARCHIVE_NAME = "architecture.zip"
#: The self-contained report: rendered from the stored document when asked for, not stored,
#: because it inlines mermaid.js (2.7 MB) and would multiply every stored document's size.
HTML_NAME = "architecture.html"

_MEDIA_TYPES = {
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json",
    ".yaml": "application/yaml; charset=utf-8",
    ".yml": "application/yaml; charset=utf-8",
    ".sql": "application/sql; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".mmd": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class GenerateOptions(Model):
    """Options of one generation; the same as the CLI's flags."""

    llm: str | None = Field(
        default=None,
        max_length=200,
        description="Optional PROVIDER:MODEL that may propose Stage 1 signals. Off (null) by "
        "default: the offline rules engine decides alone.",
    )
    set: dict[str, str] = Field(
        default_factory=dict,
        max_length=50,
        description='Stage 1 overrides, like the CLI\'s --set: {"product.team_size": "5-20"}.',
    )


def media_type(name: str) -> str:
    dot = name.rfind(".")
    return _MEDIA_TYPES.get(name[dot:].lower() if dot >= 0 else "", "text/plain; charset=utf-8")


def render_stored(doc: ArchitectureDocument) -> dict[str, str]:
    """The files kept with a document: every artifact of ``generate --out`` (not the report)."""
    from archwright.render.files import render_files

    return render_files(doc)


def render_report(document_json: str) -> str | None:
    """``architecture.html`` of a stored document; None when this version cannot read it."""
    from pydantic import ValidationError

    from archwright.models.document import ArchitectureDocument
    from archwright.render.html import render_html

    try:
        doc = ArchitectureDocument.model_validate_json(document_json)
    except ValidationError:
        return None
    return render_html(doc)


def generate_and_store(
    store: Store, prompt: str, options: GenerateOptions
) -> tuple[DocumentSummary, ArchitectureDocument]:
    """CPU-bound: called in a worker thread. Raises InputError for an unusable prompt."""
    from archwright.api import generate
    from archwright.render.memo import document_scope

    with document_scope():  # the stored files are the contract and DDL the gate validated
        doc = generate(prompt, overrides=dict(options.set) or None, llm=options.llm)
        files = render_stored(doc)
    summary = store.save(
        document_json=files["architecture.json"],
        files=files,
        product_name=str(doc.signals.product.name.value),
        verification_passed=doc.verification.passed,
        archwright_version=doc.archwright_version,
    )
    return summary, doc


def build_zip(files: dict[str, str], folder: str = "architecture") -> bytes:
    """A zip of every file under one folder; fixed timestamps so the same files give the same
    bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name].encode("utf-8"))
    return buf.getvalue()
