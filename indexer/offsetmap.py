"""Offsets in a normalized text (analyzers.normalize.normalize) mapped back to the text it came from,
without mapping the whole text.

`counting_map`: for a text whose characters each normalize to one character, except white space that
normalization removes (counted with `str.count`, a C loop) and a few others found by one regular-expression
search (those that normalize to several characters or none: "…" → "...", "⑩" → "10", a zero-width space),
the display offset of normalized offset a is found by walking forward from the start, counting, up to a:
the work is a few C calls per position asked, and nothing is kept. It refuses (None) a text whose counts do
not add up to the normalized length (a combining accent composed with its letter, a character outside the
BMP that changes): `ExactMap` maps those from normalize_with_spans, character by character.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence

from analyzers.normalize import normalize

# Characters normalization removes that are common enough to be counted, not searched for.
COUNTED = ("\n", " ", "\u3000", "\r", "\t", "\xa0")
MAX_EVENTS = 4096  # characters found apart; a text with more is mapped exactly


class CountingMap:
    """Normalized offset → display offset for a text whose characters each normalize to one character,
    except those in `removed` (to none) and the few `events` (position, normalized length) found apart."""

    def __init__(self, text: str, removed: tuple[str, ...], events: list[tuple[int, int]]):
        self.text = text
        self.removed = removed
        self.events = events

    def starts(self, targets: Sequence[int]) -> list[int]:
        """The display offset of the character each normalized offset came from; `targets` ascending."""
        text, removed, events = self.text, self.removed, self.events
        count = text.count
        if len(removed) == 1:  # the usual case (line breaks only): one C call a step, no generator
            only = removed[0]

            def gone_between(low: int, high: int) -> int:
                return count(only, low, high)
        else:

            def gone_between(low: int, high: int) -> int:
                return sum(count(c, low, high) for c in removed)

        n, out = len(text), []
        p = g = 0  # display offset p; g = len(normalize(text[:p]))
        ev = 0
        for a in targets:
            while True:
                stop = events[ev][0] if ev < len(events) else n
                q = min(p + (a - g), stop)
                if q > p:
                    gone = gone_between(p, q)
                    g += (q - p) - gone
                    p = q
                    if gone:
                        continue
                if g == a:
                    while p < stop and text[p] in removed:
                        p += 1
                    if p < stop:
                        out.append(p)
                        break
                if p >= n:
                    out.append(n)
                    break
                if p < stop:  # g < a can only stop at an event
                    continue  # pragma: no cover - defensive: the loop above reaches `stop`
                length = events[ev][1]
                if g + length > a:
                    out.append(p)
                    break
                g += length
                p += 1
                ev += 1
        return out

    def spans(self, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Display (start, end) of normalized [a, b) ranges; a range ends where its last character's source ends."""
        points = sorted({x for a, b in ranges for x in (a, b - 1)})
        at = dict(zip(points, self.starts(points)))
        return [(at[a], at[b - 1] + 1) for a, b in ranges]


class ExactMap:
    """The same from normalize_with_spans: every character's source (clusters of several included)."""

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts_of, self.ends_of = starts, ends

    def starts(self, targets: Sequence[int]) -> list[int]:
        return [self.starts_of[a] for a in targets]

    def spans(self, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(self.starts_of[a], self.ends_of[b - 1]) for a, b in ranges]


def counting_map(text: str, norm: str) -> CountingMap | None:
    """A counting map when the counts add up to `norm`'s length, else None (map exactly)."""
    counts = [(c, text.count(c)) for c in COUNTED]
    removed = tuple(c for c, k in counts if k)
    expected = len(text) - sum(k for _, k in counts)
    if expected == len(norm):
        return CountingMap(text, removed, [])
    events = []
    lengths = _rare_lengths()
    for found in _rare_pattern().finditer(text):
        events.append((found.start(), lengths[found.group()]))
        expected += lengths[found.group()] - 1
        if len(events) > MAX_EVENTS:
            return None
    return CountingMap(text, removed, events) if expected == len(norm) else None


_rare_lock = threading.Lock()
_rare: tuple[re.Pattern, dict[str, int]] | None = None


def _rare_table() -> tuple[re.Pattern, dict[str, int]]:
    """Every BMP character outside COUNTED that normalizes to other than one character, with its normalized
    length: made once per process, when a text first needs it (~50 ms)."""
    global _rare
    if _rare is None:
        with _rare_lock:
            if _rare is None:
                nfkc = unicodedata.normalize
                lengths = {}
                for code in range(0x10000):
                    if 0xD800 <= code < 0xE000:
                        continue
                    ch = chr(code)
                    if ch.isprintable() and ch != " " and nfkc("NFKC", ch) == ch and ch.casefold() == ch:
                        continue  # one character, kept (traditional → simplified is one to one)
                    size = len(normalize(ch))
                    if size != 1 and ch not in COUNTED:
                        lengths[ch] = size
                pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(lengths)) + "]")
                _rare = (pattern, lengths)
    return _rare


def _rare_pattern() -> re.Pattern:
    return _rare_table()[0]


def _rare_lengths() -> dict[str, int]:
    return _rare_table()[1]
