"""Abbreviations (analyzers/abbreviations.txt): short forms and what they stand for, searched together as
the equivalent names of aliases.txt are (analyzers.aliases.other_forms reads both files).

A form of two characters (国企, 人社, 环保) is *guarded*: it counts only where the text does not cut it
across words, so 国企 finds 国企改革 but not 中华人民共和国企业国有资产法 (共和国 / 企业). Where the
words fall is jieba's cut of the few characters around the occurrence: the same function decides for
the index (indexer.matching) and for the tests' reference evaluation, so they agree by construction.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .normalize import SEP, normalize
from .segment import cut_words

__all__ = [
    "ABBREVIATIONS_PATH",
    "GUARDED_LENGTH",
    "abbreviation_groups",
    "contains_form",
    "cut_across",
    "is_guarded",
]

ABBREVIATIONS_PATH = Path(__file__).with_name("abbreviations.txt")
GUARDED_LENGTH = 2  # forms this short are guarded
WINDOW = 6  # characters on each side of an occurrence that jieba reads to find the words around it


@lru_cache(maxsize=1)
def abbreviation_groups() -> tuple[tuple[str, ...], ...]:
    """Each group's forms, normalized, longest first."""
    groups = []
    for raw in ABBREVIATIONS_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        forms = [normalize(f) for f in line.split("=") if f.strip()]
        if len(forms) > 1:
            groups.append(tuple(sorted(dict.fromkeys(forms), key=len, reverse=True)))
    return tuple(groups)


@lru_cache(maxsize=1)
def _guarded() -> frozenset[str]:
    return frozenset(f for group in abbreviation_groups() for f in group if len(f) <= GUARDED_LENGTH)


def is_guarded(form: str) -> bool:
    """Whether a normalized form counts only where the text's words do not cut it (see the module)."""
    return form in _guarded()


def contains_form(form: str, text: str) -> bool:
    """Whether the normalized `text` holds the normalized `form`: anywhere, or for a guarded form, at
    least once where no word of the text begins inside it."""
    if not is_guarded(form):
        return form in text
    at = text.find(form)
    while at >= 0:
        if not cut_across(text, at, at + len(form)):
            return True
        at = text.find(form, at + 1)
    return False


def counts_at(form: str, text: str, at: int) -> bool:
    """Whether the occurrence of the normalized `form` at `at` of the normalized `text` counts: always,
    or for a guarded form where no word of the text begins inside it (国企 not in 共和国企业)."""
    return not is_guarded(form) or not cut_across(text, at, at + len(form))


def cut_across(text: str, start: int, end: int) -> bool:
    """Whether a word of the normalized `text` begins after `start` and before `end` (jieba's cut of the
    characters around: 共和国|企业 cuts 国企 across)."""
    low = max(text.rfind(SEP, 0, start) + 1, start - WINDOW)
    stop = text.find(SEP, end)
    high = min(len(text) if stop < 0 else stop, end + WINDOW)
    return any(start < low + begin < end for _, begin, _ in cut_words(text[low:high]))
