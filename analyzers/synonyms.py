"""Synonyms (analyzers/synonyms.txt): the words government documents print for what a reader types in
everyday words (军嫂 → 随军家属, 当兵 → 入伍). Read only by a labelled fallback tier (indexer.tiers), never
by the literal reading: see the file's head for why."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .abbreviations import GUARDED_LENGTH, cut_across
from .normalize import normalize

__all__ = ["SYNONYMS_PATH", "synonym_table", "with_synonyms"]

SYNONYMS_PATH = Path(__file__).with_name("synonyms.txt")


@lru_cache(maxsize=1)
def synonym_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(typed form, its printed forms), normalized, the longest typed form first (新冠疫情 before 新冠)."""
    entries: dict[str, tuple[str, ...]] = {}
    for raw in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or "=>" not in line:
            continue
        typed, printed = line.split("=>", 1)
        forms = tuple(dict.fromkeys(normalize(f) for f in printed.split("|") if f.strip()))
        if typed.strip() and forms:
            entries[normalize(typed)] = forms
    return tuple(sorted(entries.items(), key=lambda kv: -len(kv[0])))


def with_synonyms(text: str) -> list[tuple[str, str, str]]:
    """For a normalized `text`: (typed form, printed form, the text with the typed form replaced by the
    printed one) for each entry whose typed form it holds, the longest first; a typed form inside a longer
    one already taken (新冠 in 新冠疫情) is not read again."""
    out: list[tuple[str, str, str]] = []
    taken: list[str] = []
    for typed, printed in synonym_table():
        at = _counted(typed, text)
        if not at or any(typed in t for t in taken):
            continue
        taken.append(typed)
        out.extend((typed, form, _replaced(text, at, len(typed), form)) for form in printed)
    return out


def _counted(typed: str, text: str) -> list[int]:
    """Where `typed` stands in `text` as what was typed: a form of two characters only where the words of
    the text do not cut it across, as a guarded abbreviation (开会 is not in 公开会计 nor 召开会议, 复员 not in
    恢复员工: each would be read as a word nobody typed)."""
    found = []
    at = text.find(typed)
    while at >= 0:
        if len(typed) > GUARDED_LENGTH or not cut_across(text, at, at + len(typed)):
            found.append(at)
        at = text.find(typed, at + len(typed))
    return found


def _replaced(text: str, at: list[int], length: int, form: str) -> str:
    """`text` with the occurrences at `at` (each `length` long) replaced by `form`."""
    pieces, last = [], 0
    for start in at:
        pieces += [text[last:start], form]
        last = start + length
    return "".join(pieces) + text[last:]
