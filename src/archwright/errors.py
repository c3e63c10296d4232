"""One exception family. Messages say what went wrong, where, and how to fix it."""

from __future__ import annotations


class ArchwrightError(Exception):
    """Base of every error archwright raises on purpose."""

    exit_code = 1


class InputError(ArchwrightError):
    """Bad input or usage: the CLI prints one line and exits 2, writing nothing."""

    exit_code = 2


class KnowledgeError(ArchwrightError):
    """A knowledge file is invalid (a packaging bug, not a user error)."""
