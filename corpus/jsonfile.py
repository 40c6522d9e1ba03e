"""Reading the corpus's small JSON files (manifest.json, offices.json) with errors that point into them."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from .errors import GazetteParseError, os_reason

MAX_DEPTH = 32  # objects and arrays inside each other: a manifest needs 3, offices.json 3
# bytes: a manifest of 100,000 files is ~10 MB; offices.json of every code in China far less
MAX_BYTES = 32 << 20
MAX_DIGITS = 18  # a year, 期 or part; Python refuses to read more than 4,300 digits as an int anyway
_DEPTH_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class _LongNumber(ValueError):
    def __init__(self, digits: str):
        super().__init__(digits)
        self.digits = digits


def _number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _LongNumber(text)
    return int(text)


def _too_deep(raw: str) -> int | None:
    """The offset where brackets first nest deeper than MAX_DEPTH (outside strings), or None. Checked
    before parsing: the json module recurses once per level (a deep file was a RecursionError)."""
    depth = 0
    for token in _DEPTH_TOKENS.finditer(raw):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif mark in "]}":
            depth -= 1
    return None


def _line_col(raw: str, at: int) -> tuple[int, int]:
    return raw.count("\n", 0, at) + 1, at - (raw.rfind("\n", 0, at) + 1) + 1


def _read_small(path: Path, source: str) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_BYTES: a named pipe in its place hung every
    build (it is read by the build itself, not a bounded worker), a link to /dev/zero filled the memory."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise GazetteParseError(source, "不是普通文件（管道、设备或套接字），未读取：应为 UTF-8 编码的 JSON 文件")
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise GazetteParseError(
            source, f"文件过大（超过 {MAX_BYTES >> 20} MB），未读取：它只需写各期、各文件和机关代字的信息"
        )
    return data


def read_json(path: Path) -> tuple[object, str]:
    """(parsed value, raw text); a broken file is `file:line:col: …`."""
    source = str(path)
    try:
        raw = _read_small(path, source).decode("utf-8-sig")
    except OSError as exc:
        raise GazetteParseError(source, f"无法读取：{os_reason(exc)}") from None
    except UnicodeDecodeError:
        raise GazetteParseError(source, "无法读取：应为 UTF-8 编码的 JSON") from None
    deep = _too_deep(raw)
    if deep is not None:
        raise GazetteParseError(source, f"JSON 嵌套过深（超过 {MAX_DEPTH} 层）", *_line_col(raw, deep))
    try:
        return json.loads(raw, parse_int=_number), raw
    except json.JSONDecodeError as exc:
        raise GazetteParseError(source, f"JSON 格式错误：{exc.msg}", exc.lineno, exc.colno) from None
    except _LongNumber as exc:
        at = raw.find(exc.digits)
        where = _line_col(raw, at) if at >= 0 else (None, None)
        raise GazetteParseError(source, f"数字过长（{len(exc.digits)} 位，最多 {MAX_DIGITS} 位）", *where) from None
    except (RecursionError, ValueError) as exc:  # a structure or value the json module cannot hold
        raise GazetteParseError(source, f"JSON 无法读取：{type(exc).__name__}") from None


def locate(raw: str, key: str) -> tuple[int | None, int | None]:
    """Line and column of the first `"key"` in the raw text, for messages."""
    at = raw.find(json.dumps(key, ensure_ascii=False))
    if at < 0:
        return None, None
    return raw.count("\n", 0, at) + 1, at - (raw.rfind("\n", 0, at) + 1) + 1
