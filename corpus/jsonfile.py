"""Reading the corpus's small JSON files (manifest.json, offices.json) with errors that point into them."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import GazetteParseError


def read_json(path: Path) -> tuple[object, str]:
    """(parsed value, raw text); a broken file is `file:line:col: …`."""
    source = str(path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise GazetteParseError(source, f"无法读取：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise GazetteParseError(source, "无法读取：应为 UTF-8 编码的 JSON") from None
    try:
        return json.loads(raw), raw
    except json.JSONDecodeError as exc:
        raise GazetteParseError(source, f"JSON 格式错误：{exc.msg}", exc.lineno, exc.colno) from None


def locate(raw: str, key: str) -> tuple[int | None, int | None]:
    """Line and column of the first `"key"` in the raw text, for messages."""
    at = raw.find(json.dumps(key, ensure_ascii=False))
    if at < 0:
        return None, None
    return raw.count("\n", 0, at) + 1, at - (raw.rfind("\n", 0, at) + 1) + 1
