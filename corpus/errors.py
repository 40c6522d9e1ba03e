"""Errors that name the file (and line) they are about."""
from __future__ import annotations


class GazetteParseError(Exception):
    """Bad input: str() reads `file:line: message` (or `file: message` without a line)."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")
