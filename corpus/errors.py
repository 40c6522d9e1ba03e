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

    def __reduce__(self):
        # pickled as its arguments, so that it crosses a process boundary as itself (the default
        # would call __init__ with the formatted message alone)
        return type(self), (self.source, self.message, self.line, self.column)
