"""Errors that name the file (and line) they are about."""

from __future__ import annotations


class GazetteParseError(Exception):
    """Bad input: str() reads `file:line: message`, `file:line:col: message` or `file: message`."""

    def __init__(self, source: str, message: str, line: int | None = None, column: int | None = None):
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        where = source
        if line:
            where += f":{line}"
            if column:
                where += f":{column}"
        super().__init__(f"{where}: {message}")
