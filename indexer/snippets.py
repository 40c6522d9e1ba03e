"""Snippets: up to three fragments of a record's text around its matches, as data (text + marked spans).

Matches are found on the normalized text (the same normalization the index matches on) and mapped
back to the displayed characters, so a match broken by a PDF line break or typed in another width is
still marked whole. Nothing here is markup: each edge formats `Snippet.parts()` its own way.

What a snippet shows: the fewest fragments (at most three) that together hold every query term the
record contains, each fragment cut where the text itself pauses — after punctuation or a line break,
else between two words as jieba cuts them — never inside a word or a number, and never inside a match.
Fragments are joined by "…".

What it costs is bounded and does not depend on having seen the record before: the terms are found
in the record's normalized text (which the engines keep beside the display text) by `str.find`, and
positions are mapped back by counting the characters normalization removes (line breaks, spaces) with
`str.count` up to the last position needed, both C loops; only the fragments themselves are looked at
character by character. A text whose characters do not each normalize to one character or none (a
ligature, "…" → "...", a combining accent) is mapped by the characters that differ, found by one
regular-expression search; failing that, exactly, over its first EXACT characters. A record longer
than the engine's bound is given as its first characters only, normalized here (HEAD).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence

from analyzers.abbreviations import counts_at, is_guarded
from analyzers.normalize import SEP, normalize, normalize_with_spans

from .api import Snippet
from .offsetmap import CountingMap, ExactMap, counting_map

WINDOW = 90  # characters of text in a snippet of one fragment
WIDTHS = (WINDOW, 60, 46)  # each fragment's width when a snippet has one, two, three fragments
ELLIPSIS = "…"
SLACK = 20  # how far past a fragment's nominal edge a pause in the text is looked for
EDGE = 8  # a fragment this close to the text's start or end runs to it (no "…" to save a few characters)
MERGE_GAP = 6  # fragments closer than this are shown as one
MAX_OCCURRENCES = 64  # occurrences of one term considered for choosing fragments (bounded work)
HEAD = 20_000  # characters normalized here when a text comes without its normalized form
EXACT = 20_000  # characters mapped exactly when the counting does not hold
SNIPPET_BYTES = 600_000  # an engine gives a record's whole text (and its normalized form) up to this size
WHOLE_MAX = 2_000  # whole_text shows a text up to this long whole

# A fragment may start after, or end at, one of these: white space and punctuation of every script.
_PAUSE_RANGES = ((0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x3000, 0x3040), (0xFE10, 0xFE70), (0xFF00, 0xFF66))
_PAUSES = "".join(
    chr(c)
    for low, high in _PAUSE_RANGES
    for c in range(low, high)
    if chr(c).isspace() or unicodedata.category(chr(c))[0] in "PZ" or chr(c) in "~|^`+=<>～｜￣"
)
_PAUSE = re.compile("[" + re.escape(_PAUSES) + "\n\r\t]")
_OPENING = frozenset(c for c in _PAUSES if unicodedata.category(c) in ("Ps", "Pi"))  # （ “ 《 【 …
_ASCII_WORD = re.compile(r"[0-9A-Za-z]")
# what jieba cuts as one run (jieba.re_han_default); anything else separates runs
_NOT_JIEBA_RUN = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")
WORD_REACH = 48  # characters each side of a cut that jieba is given, when no pause is near


def snippet_of(source: tuple[str, str | None, bool], terms: Sequence[str], whole: bool = False) -> Snippet:
    """The snippet of one record from what its reader's `snippet_texts` gave (display text, its normalized
    form or None, whether the text is whole); `whole`: all of a short text, for 大事记 entries."""
    text, norm, complete = source
    if whole and complete:
        return whole_text(text, terms, norm)
    return make_snippet(text, terms, norm, complete=complete)


def make_snippet(text: str, terms: Sequence[str], norm: str | None = None, *, complete: bool = True) -> Snippet:
    """The snippet of `text` (a record's display text) for the normalized query `terms`.

    `norm`: normalize(text), when the caller has it (an engine keeps it); without it the first HEAD
    characters are normalized here. `complete`: False when `text` is only the start of the record's
    text (the snippet then ends with "…")."""
    if not text:
        return Snippet("", ())
    wanted = _usable(terms)
    view = _View.of(text, norm, complete)
    snippet = view.snippet(wanted)
    return snippet if snippet is not None else view.exact().snippet(wanted) or Snippet("", ())


def whole_text(text: str, terms: Sequence[str], norm: str | None = None) -> Snippet:
    """All of a short text (a 大事记 entry), its matches marked; a long one as make_snippet cuts it."""
    if len(text) > WHOLE_MAX:
        return make_snippet(text, terms, norm)
    wanted = _usable(terms)
    view = _View.of(text, norm, True)
    spans = view.spans_of(wanted)
    if spans is None:
        view = view.exact()
        spans = view.spans_of(wanted) or []
    return Snippet(view.text.replace("\n", " "), tuple(_merged(spans)))


def match_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) in `text` for every occurrence of each normalized term, overlaps merged (a
    document's page marks every match of the query that led there). Exact past EXACT characters only
    where the counting map holds."""
    wanted = _usable(terms)
    if not wanted or not text:
        return []
    norm = normalize(text)
    view = _View(text, norm, counting_map(text, norm), True)
    if view.align is None:
        view = view.exact()
    found = view.occurrences(wanted, 0, len(view.norm), 1 << 30)
    spans = view.locate(found)
    if spans is None:
        view = view.exact()
        found = view.occurrences(wanted, 0, len(view.norm), 1 << 30)
        spans = view.locate(found) or []
    merged: list[tuple[int, int, str]] = []
    for (start, end), (_, _, index) in sorted(zip(spans, found)):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, wanted[index]))
    return merged


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _usable(terms: Sequence[str]) -> list[str]:
    """Distinct non-empty terms, longest first (a longer term's mark covers a shorter one inside it)."""
    return sorted({t for t in terms if t and SEP not in t}, key=lambda t: (-len(t), t))


# -- choosing fragments (on the normalized text) ---------------------------------------------------


def _choose(found: list[tuple[int, int, int]], length: int) -> list[tuple[int, int]]:
    """Fragments as normalized [start, end): one when a window of WINDOW holds every term the text
    contains, else two or three narrower ones, chosen greedily (the most terms not yet shown first)."""
    if not found:
        return [(0, min(length, WINDOW))]
    present = {t for _, _, t in found}
    chosen: list[tuple[int, int]] = []
    for count, width in enumerate(WIDTHS, 1):
        chosen, covered = [], set[int]()
        for _ in range(count):
            best = _best_window(found, width, covered)
            if best is None:
                break
            start, end, terms = best
            chosen.append((start, min(end, length)))
            covered |= terms
            if covered >= present:
                break
        if covered >= present:
            break
    return sorted(chosen)


def _best_window(found, width: int, covered: set[int]) -> tuple[int, int, set[int]] | None:
    """The window of `width`, starting a quarter of it before a match, that holds the most terms not in
    `covered` (earliest on ties), as (start, end, its terms); None when none adds a term."""
    lead = width // 4
    best, best_new = None, 0
    wanted = len({t for _, _, t in found} - covered)
    candidates = found[: MAX_OCCURRENCES * 4]
    for i, (anchor, anchor_end, _) in enumerate(candidates):
        start = max(0, anchor - lead)
        limit = start + width
        terms, last = set(), anchor_end
        for s, e, term in candidates[i : i + 32]:
            if s >= limit:
                break
            if e <= limit or s == anchor:
                terms.add(term)
                last = max(last, e)
        new = len(terms - covered)
        if new > best_new:
            best, best_new = (start, max(last, limit), terms), new
            if new == wanted:  # no window can add more: the earliest that does is the answer
                break
    return best


# -- a record's text, its normalized form and the map between them -----------------------------------


class _View:
    def __init__(self, text: str, norm: str, align, complete: bool):
        self.text, self.norm, self.align, self.complete = text, norm, align, complete

    @classmethod
    def of(cls, text: str, norm: str | None, complete: bool) -> _View:
        if norm is None and len(text) > HEAD:
            text, complete = text[:HEAD], False
        if norm is None:
            norm = normalize(text)
        view = cls(text, norm, counting_map(text, norm), complete)
        return view if view.align is not None else view.exact()

    def exact(self) -> _View:
        """The same text mapped exactly, over its first EXACT characters."""
        text = self.text[:EXACT]
        norm, starts, ends = normalize_with_spans(text)
        return _View(text, norm, ExactMap(starts, ends), self.complete and len(self.text) <= EXACT)

    def occurrences(self, terms: list[str], low: int, high: int, cap: int) -> list[tuple[int, int, int]]:
        """(start, end, term index) of each term in norm[low:high], at most `cap` a term, sorted."""
        norm, out = self.norm, []
        for index, term in enumerate(terms):
            at, seen = norm.find(term, low, high), 0
            guarded = is_guarded(term)  # 国企 is not marked in 共和国企业 (analyzers/abbreviations.txt)
            while at >= 0 and seen < cap:
                if not guarded or counts_at(term, norm, at):
                    out.append((at, at + len(term), index))
                    seen += 1
                at = norm.find(term, at + 1, high)
        out.sort()
        return out

    def locate(self, found: list[tuple[int, int, int]], extra: Sequence[tuple[int, int]] = ()):
        """Display spans of `found` (then of the `extra` normalized ranges); None when a counted map
        does not check out (the first and last match must normalize to what was found)."""
        spans = self.align.spans([(a, b) for a, b, _ in found] + list(extra))
        if found and isinstance(self.align, CountingMap):
            text, norm = self.text, self.norm
            for (s, e), (a, b, _) in ((spans[0], found[0]), (spans[len(found) - 1], found[-1])):
                if normalize(text[s:e]) != norm[a:b]:
                    return None
        return spans

    def spans_of(self, terms: list[str]) -> list[tuple[int, int]] | None:
        found = self.occurrences(terms, 0, len(self.norm), 1 << 30)
        return self.locate(found)

    def snippet(self, terms: list[str]) -> Snippet | None:
        """Fragments chosen on the normalized text, mapped back, cut at pauses; None when the map
        does not check out."""
        norm, text = self.norm, self.text
        fragments = [(a, b) for a, b in _choose(self.occurrences(terms, 0, len(norm), MAX_OCCURRENCES), len(norm))]
        fragments = [(a, b) for a, b in fragments if b > a]
        if not fragments:
            return Snippet(text[:WINDOW].replace("\n", " "), ()) if text else Snippet("", ())
        # every match in or near the fragments: to mark them, and never to cut one
        found = sorted(
            {o for a, b in fragments for o in self.occurrences(terms, max(0, a - 2 * SLACK), b + 2 * SLACK, 1 << 30)}
        )
        spans = self.locate(found, fragments)
        if spans is None:
            return None
        matches, frames = spans[: len(found)], spans[len(found) :]
        cut = []
        for (start, end), (a, b) in zip(frames, fragments):
            inside = [span for span, (x, y, _) in zip(matches, found) if x >= a and y <= b]
            first = min((s for s, _ in inside), default=start)
            last = max((e for _, e in inside), default=start)
            cut.append(_cut(text, start, end, first, last, matches, self.complete))
        return _assemble(text, _merge(cut), matches, self.complete)


# -- cutting at pauses -----------------------------------------------------------------------------


def _cut(text: str, start: int, end: int, first: int, last: int, matches, complete: bool) -> tuple[int, int]:
    """Move a fragment's edges to where the text pauses: its start after punctuation or a line break,
    its end after one; else between jieba's words; never inside a match nor past `first`/`last` (the
    matches it was chosen for)."""
    n = len(text)
    start = 0 if start <= EDGE else _start_at_pause(text, start, first)
    if end >= n - EDGE and complete:
        end = n
    else:
        end = _end_at_pause(text, max(end, last), last)
    for s, e in matches:  # a match the edges cut: taken whole
        if s < start < e:
            start = s
        if s < end < e:
            end = e
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_pause(text: str, at: int) -> bool:
    """A point or comma inside a number or a word ("3.5", "1,000") is no pause."""
    return not (0 < at < len(text) - 1 and _ASCII_WORD.match(text[at - 1]) and _ASCII_WORD.match(text[at + 1]))


def _edge(text: str, at: int) -> int:
    """Where a fragment may begin or end at the pause text[at]: before an opening bracket or quote,
    after any other pause."""
    return at if text[at] in _OPENING else at + 1


def _first_pause(text: str, low: int, high: int) -> int | None:
    for found in _PAUSE.finditer(text, low, high):
        if _is_pause(text, found.start()):
            return _edge(text, found.start())
    return None


def _last_pause(text: str, low: int, high: int) -> int | None:
    """The last pause in text[low:high], searched from its end (the span is short)."""
    piece = text[low:high][::-1]
    for found in _PAUSE.finditer(piece):
        at = high - 1 - found.start()
        if _is_pause(text, at):
            return _edge(text, at)
    return None


def _start_at_pause(text: str, p: int, first: int) -> int:
    """The start nearest `p` at a pause (within SLACK before it, or up to `first` after it); else at a
    word boundary jieba finds there; else at `first`."""
    low = max(0, p - SLACK)
    options = [
        x
        for x in (_last_pause(text, low, p), _first_pause(text, p, max(p, min(first, p + SLACK))))
        if x is not None and x <= first
    ]
    if options:
        return min(options, key=lambda x: (abs(x - p), x > p))
    return _word_edge(text, low, max(first, p), p, at_most=first)


def _end_at_pause(text: str, q: int, last: int) -> int:
    """The end nearest `q` at a pause (within SLACK after it, or back to `last`); else at a word
    boundary; else at `last`."""
    n = len(text)
    low = max(last, q - SLACK)
    options = [
        x for x in (_first_pause(text, q, min(n, q + SLACK)), _last_pause(text, low, q)) if x is not None and x >= last
    ]
    if options:
        return min(options, key=lambda x: (abs(x - q), x < q))
    return _word_edge(text, low, min(n, q + SLACK), q, at_least=last)


def _word_edge(
    text: str, low: int, high: int, near: int, at_most: int | None = None, at_least: int | None = None
) -> int:
    """The word boundary nearest `near` as jieba cuts the run of text around it (never inside a run
    of ASCII letters and digits), within the bound given; the bound itself when there is none.

    jieba cuts each run of Han characters, letters and digits on its own, so cutting the whole run
    (up to WORD_REACH each side of `near`) gives the words a cut of the whole text gives."""
    from analyzers.segment import cut_words

    bound = at_most if at_most is not None else at_least
    assert bound is not None
    reach_low, reach_high = max(0, near - WORD_REACH), min(len(text), near + WORD_REACH)
    before = [m.end() for m in _NOT_JIEBA_RUN.finditer(text, reach_low, near)]
    after = _NOT_JIEBA_RUN.search(text, near, reach_high)
    run_low = before[-1] if before else reach_low
    run_high = after.start() if after else reach_high
    edges = {run_low, run_high} | {run_low + x for _, s, e in cut_words(text[run_low:run_high]) for x in (s, e)}
    if run_low == reach_low and reach_low > 0:
        edges.discard(run_low)  # the run goes on past what was cut: not known to be an edge
    if run_high == reach_high and reach_high < len(text):
        edges.discard(run_high)
    edges = {e for e in edges if low <= e <= high and not _inside_ascii_word(text, e)}
    if at_most is not None:
        edges = {e for e in edges if e <= at_most}
    if at_least is not None:
        edges = {e for e in edges if e >= at_least}
    if not edges:
        return bound
    return min(edges, key=lambda e: (abs(e - near), e))


def _inside_ascii_word(text: str, at: int) -> bool:
    """`at` falls between two ASCII letters or digits."""
    return 0 < at < len(text) and bool(_ASCII_WORD.match(text[at - 1])) and bool(_ASCII_WORD.match(text[at]))


def _merge(cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(cut):
        if out and start <= out[-1][1] + MERGE_GAP:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _assemble(text: str, fragments: list[tuple[int, int]], matches, complete: bool) -> Snippet:
    pieces: list[str] = []
    marks: list[tuple[int, int]] = []
    at = 0
    spans = sorted(set(matches))
    for i, (start, end) in enumerate(fragments):
        if i > 0 or start > 0:
            pieces.append(ELLIPSIS)
            at += 1
        piece = text[start:end].replace("\n", " ")
        first = bisect_left(spans, (start, start))
        for s, e in spans[first:]:
            if s >= end:
                break
            if e <= end:
                mark = (at + s - start, at + e - start)
                if marks and mark[0] < marks[-1][1]:
                    marks[-1] = (marks[-1][0], max(marks[-1][1], mark[1]))
                else:
                    marks.append(mark)
        pieces.append(piece)
        at += len(piece)
    if not fragments or fragments[-1][1] < len(text) or not complete:
        pieces.append(ELLIPSIS)
    return Snippet("".join(pieces), tuple(marks))
