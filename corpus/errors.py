"""Errors that name the file (and line) they are about, the name shown escaped."""

from __future__ import annotations

import unicodedata


def shown(name: str) -> str:
    """A file name (or path) as it can be printed on one line: a control, format or separator
    character (a newline in a name forged extra lines of `file:line:` messages), a lone surrogate (a
    name that is not UTF-8) or a backslash is written as an escape (\\n, \\x1b, \\udcff, \\\\)."""
    if name.isprintable() and "\\" not in name and not _has_surrogate(name):
        return name
    out = []
    for ch in name:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(ch)
        elif unicodedata.category(ch) == "Zs":  # a space (U+3000…) is printable enough
            out.append(ch)
        else:
            surrogate = 0xD800 <= ord(ch) <= 0xDFFF
            out.append(f"\\u{ord(ch):04x}" if surrogate else ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class GazetteParseError(Exception):
    """Bad input: str() reads `file:line: message`, `file:line:col: message` or `file: message`."""

    def __init__(self, source: str, message: str, line: int | None = None, column: int | None = None):
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        where = shown(source)
        if line:
            where += f":{line}"
            if column:
                where += f":{column}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        # pickled as its arguments, so that it crosses a process boundary as itself (the default
        # would call __init__ with the formatted message alone)
        return type(self), (self.source, self.message, self.line, self.column)
