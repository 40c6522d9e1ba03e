"""Errors that name the file (and line) they are about, the name shown escaped."""

from __future__ import annotations

import errno
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


# What the operating system says of a file it cannot open or read, in Chinese (strerror is English).
_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在（或已被移走、删除）",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "操作不被允许（权限不足）",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.ELOOP: "符号链接成环（或层数过多）",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读取出错（磁盘或网络文件系统的输入输出错误）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.EMFILE: "打开的文件过多",
    errno.ENXIO: "设备不存在或未就绪",
    errno.ETIMEDOUT: "读取超时（网络文件系统无响应）",
}


def os_reason(exc: OSError) -> str:
    """Why an OSError happened, in Chinese, with the errno's name for anything not listed."""
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason:
        return reason
    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    return f"系统错误 {name or type(exc).__name__}（{exc.strerror or exc}）"


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
