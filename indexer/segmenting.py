"""jieba segmentation for the builder: each distinct line once, on every core, before any writer runs.

Engines receive finished words (`engine.Segmented`), so no engine runs jieba itself and the same
text is never segmented twice (a clause's lines are lines of its document).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence

from analyzers.normalize import rank_normalize
from analyzers.segment import cut_words, get_tokenizer

from .engine import Segmented
from .records import IndexRecord

POOL_MIN_CHARS = 300_000  # below this, starting worker processes costs more than it saves
Words = tuple[tuple[str, int, int], ...]


def _lines_of(record: IndexRecord) -> list[str]:
    title = record.ranked_title
    return record.text.split("\n") + ([title] if title else [])


def _segment_lines(lines: list[str]) -> list[tuple[int, list[tuple[str, int, int]]]]:
    out = []
    for line in lines:
        norm = rank_normalize(line)
        out.append((len(norm), cut_words(norm)))
    return out


def _segment_all(lines: list[str], chars: int, workers: int | None):
    workers = workers or os.cpu_count() or 1
    if workers < 2 or chars < POOL_MIN_CHARS:
        return _segment_lines(lines)
    size = max(1, len(lines) // (workers * 8))
    chunks = [lines[i : i + size] for i in range(0, len(lines), size)]
    get_tokenizer()  # load jieba's dictionary once; the forked workers inherit it
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_segment_lines, chunks)
    return [item for chunk in results for item in chunk]


def _words(text: str, segmented) -> Words:
    """The words of a multi-line text from its lines' words (offsets shifted past each newline)."""
    words: list[tuple[str, int, int]] = []
    offset = 0
    for line in text.split("\n"):
        length, line_words = segmented[line]
        words.extend((w, s + offset, e + offset) for w, s, e in line_words)
        offset += length + 1
    return tuple(words)


def segment_records(
    records: Sequence[IndexRecord], workers: int | None = None, progress: Callable | None = None
) -> tuple[list[Segmented], int]:
    """(each record with its words, characters segmented)."""
    lines = sorted({line for record in records for line in _lines_of(record)})
    chars = sum(len(line) for line in lines)
    if progress:
        progress("segment", 0, 1)
    segmented = dict(zip(lines, _segment_all(lines, chars, workers)))
    if progress:
        progress("segment", 1, 1)
    out = []
    for record in records:
        title = record.ranked_title
        out.append(Segmented(record, _words(record.text, segmented), _words(title, segmented) if title else None))
    return out, chars
