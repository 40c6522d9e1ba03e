"""Traditional → simplified Chinese, character by character, from OpenCC's own dictionary.

Applied inside both normalizations, at index time and at query time, so 統計 finds 统计 and 统计 finds
統計, in text and titles alike, while recall stays substring-exact for every form searched. A
character-to-character table (not OpenCC's phrase conversion) keeps every offset valid, which the
snippets and the bigram fields rely on; a character OpenCC maps to several characters is left alone.

The table is read from OpenCC (the `opencc` package: the project's own Python binding, with its
dictionaries in the wheel) once per process; its version is part of the analysis fingerprint.
"""

from __future__ import annotations

import re
import threading

import opencc

__all__ = ["OPENCC_VERSION", "t2s_table", "to_simplified"]

OPENCC_VERSION: str = getattr(opencc, "__version__", "unknown")
# CJK Unified Ideographs, Extension A and the compatibility block: where traditional forms live.
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_lock = threading.Lock()
_table: dict[int, str] | None = None
_traditional: re.Pattern | None = None


def t2s_table() -> dict[int, str]:
    """{code point: simplified character} for every character OpenCC's t2s changes into one character."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                chars = "".join(chr(c) for low, high in _RANGES for c in range(low, high))
                # one conversion of all characters at once: no two of them form a phrase OpenCC knows
                converted = opencc.OpenCC("t2s").convert(chars)
                if len(converted) != len(chars):  # pragma: no cover - would mean a phrase matched
                    converted = "".join(opencc.OpenCC("t2s").convert(ch) for ch in chars)
                _table = {ord(a): b for a, b in zip(chars, converted) if a != b and len(b) == 1}
    return _table


def _traditional_pattern() -> re.Pattern:
    """A character class of every character the table changes: a search for it is a C loop over a
    bitmap, some thirty times faster than str.translate's dict lookup per character, and most texts
    hold no traditional character at all."""
    global _traditional
    if _traditional is None:
        chars = "".join(re.escape(chr(c)) for c in sorted(t2s_table()))
        _traditional = re.compile(f"[{chars}]")
    return _traditional


def to_simplified(text: str) -> str:
    found = _traditional_pattern().search(text)
    if found is None:
        return text
    start = found.start()
    return text[:start] + text[start:].translate(t2s_table())
