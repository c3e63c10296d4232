"""architecture.json as the bytes to write.

The API and schema sections are over half of the file (~240 of ~450 kB for a typical product)
and a batch's neighbouring documents often share them. Inside a document scope their content
digests are already taken (the OpenAPI fingerprint and the Markdown sections key on them), so
their indented text is kept by digest and spliced into the rest of the document: a repeat
serialises ~half the file. The bytes are exactly :meth:`ArchitectureDocument.to_json_bytes`'s
(tests/test_document_json.py compares them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from archwright.render.memo import SharedCache, content_digest, in_scope

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument

# (field, content digest) -> the section's JSON as it sits in the file (one level in)
_SECTIONS = SharedCache(16)
# the spliced sections, in the document's field order, and the top-level key that follows them
_SPLICED = (("api", "api"), ("schema_", "schema"))
_AFTER = b'\n  "security": '


def architecture_json(doc: ArchitectureDocument) -> bytes:
    parts = [getattr(doc, name) for name, _ in _SPLICED]
    if not in_scope() or any(part is None for part in parts):
        return doc.to_json_bytes()
    try:
        rest = type(doc).__pydantic_serializer__.to_json(
            doc, indent=2, by_alias=True, exclude={name for name, _ in _SPLICED}
        )
        sections = [
            _SECTIONS.get((name, content_digest(part)), lambda part=part: _section(part))
            for (name, _), part in zip(_SPLICED, parts, strict=True)
        ]
    except PydanticSerializationError:
        return doc.to_json_bytes()  # its own fallback escapes what UTF-8 cannot carry
    at = rest.index(_AFTER) + 1  # top-level keys alone sit two spaces in
    spliced = b"".join(
        b'  "%s": %s,\n' % (key.encode(), text)
        for (_, key), text in zip(_SPLICED, sections, strict=True)
    )
    return rest[:at] + spliced + rest[at:] + b"\n"


def _section(part: BaseModel) -> bytes:
    # a raw line break in pydantic's JSON is always layout (breaks in strings are escaped)
    return (
        type(part)
        .__pydantic_serializer__.to_json(part, indent=2, by_alias=True)
        .replace(b"\n", b"\n  ")
    )
