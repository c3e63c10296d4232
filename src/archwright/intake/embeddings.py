"""Stage 1: the entity a similarity search reads gets an embedding (a field of type vector).

Archetypes built around retrieval (the RAG assistant's document chunks) carry their embedding in
the archetype file. Any other product whose prompt asks for similarity over its own records —
semantic search over a catalog, "find similar tickets", "recommend similar items", retrieval-
augmented answers, a named vector database — gets the field here, on the entity the prompt says
is searched (the one named nearest the ask, in the same sentence), else on the domain's main
content entity (``searched_entities`` in ``knowledge/embeddings.yaml``), else on a table of its
own. Stage 4 reads the field and adds the Vector Search row.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import Field

from archwright.catalog import load_model
from archwright.intake.scan import Hit, Scanner
from archwright.models.base import Model
from archwright.models.domain import DomainEntity, DomainField, DomainModel


class Intent(Model):
    name: str
    pattern: str


class NewEntity(Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    plural: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str


class EmbeddingKnowledge(Model):
    dimensions: int = Field(gt=0)
    model_note: str
    intents: list[Intent] = Field(min_length=1)
    searched_entities: list[str]
    new_entity: NewEntity


@cache
def knowledge() -> EmbeddingKnowledge:
    return load_model("embeddings.yaml", EmbeddingKnowledge)


@cache
def _regexes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (i.name, re.compile(rf"\b(?:{i.pattern})\b", re.IGNORECASE)) for i in knowledge().intents
    )


_SENTENCE = re.compile(r"[.;!?\n]+(?:\s|$)")


def asks(scan: Scanner) -> tuple[str, Hit] | None:
    """(the kind of ask, the first non-negated phrase) when the prompt asks for similarity."""
    found = [(h.start, name, h) for name, rx in _regexes() if (h := scan.first(rx)) is not None]
    if not found:
        return None
    _, name, hit = min(found, key=lambda f: (f[0], f[1]))
    return name, hit


def _sentence(text: str, at: int) -> tuple[int, int]:
    lo = 0
    for m in _SENTENCE.finditer(text):
        if m.end() <= at:
            lo = m.end()
        else:
            return lo, m.start()
    return lo, len(text)


def _mentions(e: DomainEntity) -> re.Pattern[str]:
    """The entity's name as a reader writes it: "support ticket(s)", and its head noun
    ("ticket(s)") for multi-word names ("kb_article" is searched as "articles")."""
    words = {e.name.replace("_", " "), e.plural.replace("_", " ")}
    head, head_plural = e.name.split("_")[-1], e.plural.split("_")[-1]
    if head not in ("item", "entry", "record", "data", "event", "log"):
        words |= {head, head_plural}
    alts = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)


def searched_entity(scan: Scanner, domain: DomainModel, hit: Hit) -> str | None:
    """The domain entity named nearest the ask in its sentence (after it first: "similar
    *tickets*", "semantic search over our *products*"), else the domain's main content."""
    lo, hi = _sentence(scan.text, hit.start)
    best: tuple[int, int, str] | None = None
    for e in domain.entities:
        if e.name == "user":
            continue
        for m in _mentions(e).finditer(scan.text, lo, hi):
            after = m.start() >= hit.start
            distance = m.start() - hit.end if after else hit.start - m.end()
            key = (0 if after else 1, max(distance, 0), e.name)
            if best is None or key < best:
                best = key
    if best is not None:
        return best[2]
    names = {e.name for e in domain.entities}
    return next((n for n in knowledge().searched_entities if n in names), None)


def _field(entity: str, kind: str, hit: Hit) -> DomainField:
    k = knowledge()
    return DomainField(
        name="embedding",
        type="vector",
        required=False,  # filled by the embedding job after the row is written
        description=(
            f"Embedding of the {entity.replace('_', ' ')} for similarity search "
            f"({k.dimensions:,} {k.model_note}). "
            f"INFERRED: the prompt asks for {kind} (“{hit.text}”), which compares meanings, "
            "not keywords"
        ),
    )


def with_embeddings(scan: Scanner, domain: DomainModel) -> DomainModel:
    """``domain`` with an embedding on the entity the prompt's similarity search reads; the same
    domain when it asks for none or already holds an embedding (the RAG assistant's chunks)."""
    if any(f.type == "vector" for e in domain.entities for f in e.fields):
        return domain
    found = asks(scan)
    if found is None:
        return domain
    kind, hit = found
    target = searched_entity(scan, domain, hit)
    if target is None:
        k = knowledge().new_entity
        item = DomainEntity(
            name=k.name,
            plural=k.plural,
            description=k.description,
            fields=[
                DomainField(
                    name="item_ref",
                    type="string",
                    description="The item's id in the caller's catalog",
                    unique=True,
                    indexed=True,
                    max_length=200,
                ),
                _field(k.name, kind, hit).model_copy(update={"required": True}),
                DomainField(
                    name="embedding_model",
                    type="string",
                    description="Model that produced the embedding (re-embed on change)",
                    max_length=100,
                ),
            ],
        )
        return domain.model_copy(update={"entities": [*domain.entities, item]})
    entities = []
    for e in domain.entities:
        if e.name == target and not any(f.name == "embedding" for f in e.fields):
            extra = [_field(e.name, kind, hit)]
            if not any(f.name == "embedding_model" for f in e.fields):
                extra.append(
                    DomainField(
                        name="embedding_model",
                        type="string",
                        required=False,
                        description="Model that produced the embedding (re-embed on change)",
                        max_length=100,
                    )
                )
            e = e.model_copy(update={"fields": [*e.fields, *extra]})
        entities.append(e)
    return domain.model_copy(update={"entities": entities})
