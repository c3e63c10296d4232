"""Pydantic types of every stage's output."""

from archwright.models.document import ArchitectureDocument, Assumption, OpenQuestion

__all__ = ["ArchitectureDocument", "Assumption", "OpenQuestion"]
