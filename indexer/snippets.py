"""Snippets: a window of the record's text around its matches, as data (text + marked spans).

Matches are found on the normalized text (the same normalization the index matches on) and mapped
back to the original characters, so a match broken by a PDF line break or typed in another width is
still marked whole. Nothing here is markup: each edge formats `Snippet.parts()` its own way.
"""

from __future__ import annotations

from array import array

from analyzers.normalize import normalize_with_offsets

from .api import Snippet
from .lru import BoundedLRU

WINDOW = 90  # characters of text in a snippet
LEAD = 24  # characters shown before the first match in the window
ELLIPSIS = "…"


# Normalized text and offsets of recently shown records (a record shown again costs nothing), kept
# by bytes: a tuple of Python ints took ~36 bytes a character, so 2,048 long documents held hundreds
# of MB; offsets now take 4 bytes a character and the whole cache at most CACHE_BYTES.
CACHE_ENTRIES = 2048
CACHE_BYTES = 24 * 1024 * 1024
# the key is the display text itself, about as long as the normalized one: 4 + 4 bytes a character
_cache: BoundedLRU[str, tuple[str, array]] = BoundedLRU(
    CACHE_ENTRIES, CACHE_BYTES, lambda v: 200 + len(v[0]) * 8 + len(v[1]) * v[1].itemsize
)


def _normalized(text: str) -> tuple[str, array]:
    found = _cache.get(text)
    if found is None:
        norm, offsets = normalize_with_offsets(text)
        found = (norm, array("I", offsets))
        _cache.put(text, found)
    return found


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) in `text` for every occurrence of each normalized term; overlaps merged."""
    if not terms:
        return []
    norm, offsets = _normalized(text)
    spans = []
    for term in terms:
        at = norm.find(term)
        while at >= 0:
            spans.append((offsets[at], offsets[at + len(term) - 1] + 1, term))
            at = norm.find(term, at + 1)
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, term in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, term))
    return merged


def make_snippet(text: str, terms: list[str], window: int = WINDOW) -> Snippet:
    spans = match_spans(text, terms)
    if not spans:
        start, end = 0, min(len(text), window)
    else:
        start = _best_window(spans, window)
        start = max(0, start - LEAD)
        if start <= 8:
            start = 0  # don't open with "…" to save a handful of characters
        end = min(len(text), start + window)
        end = max([end] + [e for s, e, _ in spans if s < end])  # never cut a match in two
    lead = ELLIPSIS if start > 0 else ""
    body = text[start:end].replace("\n", " ")
    tail = ELLIPSIS if end < len(text) else ""
    shift = len(lead) - start
    marks = tuple((max(s, start) + shift, min(e, end) + shift) for s, e, _ in spans if e > start and s < end)
    return Snippet(lead + body + tail, marks)


def whole_text(text: str, terms: list[str]) -> Snippet:
    """All of a short text (a 大事记 entry), its matches marked."""
    return make_snippet(text, terms, window=max(WINDOW, len(text)))


def _best_window(spans, window: int) -> int:
    """Start of the match whose window holds the most distinct terms (earliest on ties)."""
    best_start, best_score = spans[0][0], -1
    spans = spans[:64]  # enough to find a good window; bounded work for very common terms
    for i, (start, _, _) in enumerate(spans):
        terms = {t for s, e, t in spans[i : i + 16] if s < start + window - LEAD}
        if len(terms) > best_score:
            best_start, best_score = start, len(terms)
    return best_start
