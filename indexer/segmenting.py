"""jieba segmentation for the builder: each distinct line once, on every core, before any writer runs.

Engines receive finished words (`engine.Segmented`), so no engine runs jieba itself and the same
text is never segmented twice (a clause's lines are lines of its document). The words come as each
record's ranking text (analyzers.terms.rank_text: filtered and joined with spaces in the worker), all
that either engine's ranking fields need: one string per line comes back from the workers, where
the words with their offsets were a tuple per word (at 30×: ~1 M tuples to pickle, unpickle, shift
and filter in the parent, and 40% of a whoosh build's peak memory).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from analyzers.normalize import rank_normalize
from analyzers.segment import bulk_cutter
from analyzers.terms import rank_text

from .engine import Segmented
from .forked import ForkedTask
from .records import IndexRecord, context_headings

POOL_MIN_CHARS = 300_000  # below this, starting worker processes costs more than it saves


def _lines_of(record: IndexRecord) -> list[str]:
    title = record.ranked_title
    lines = record.text.split("\n") + (title.split("\n") if title else [])  # as _rank_text reads them
    return lines + _context_lines(record)


def _context_lines(record: IndexRecord) -> list[str]:
    """A clause's context as lines: its document's title and the headings above it (the same lines as
    the document's title and its ancestors' headings, so nothing is segmented twice)."""
    return (record.title or "").split("\n") + context_headings(record) if record.kind == "clause" else []


def _segment_lines(lines: list[str]) -> list[str]:
    """Each line's ranking text."""
    bulk_cutter()  # cut_words then runs jieba-rs (the same words as jieba, ~10× faster)
    return [rank_text(rank_normalize(line)) for line in lines]


class _Pool:
    """Lines being segmented on every core: a forked child per core (with the bulk cutter made, which
    it inherits) takes every `workers`-th line, so the caller goes on with other work meanwhile. A
    child that dies (killed, out of memory) is a ForkedTaskError at `result()`, never a wait for ever
    (a multiprocessing.Pool replaces a dead worker and waits for its lost task)."""

    def __init__(self, lines: list[str], workers: int):
        bulk_cutter()  # load jieba's dictionary and jieba-rs's copy once; the forked children inherit them
        self.workers = workers
        self.tasks: list[ForkedTask] = []
        try:
            for k in range(workers):
                self.tasks.append(ForkedTask(_segment_lines, lines[k::workers], label="分词子进程"))
        except BaseException:
            self.close()
            raise

    def result(self) -> list:
        try:
            parts = [task.result() for task in self.tasks]
        finally:
            self.close()
        out: list = [None] * sum(len(part) for part in parts)
        for k, part in enumerate(parts):
            out[k :: self.workers] = part
        return out

    def close(self) -> None:
        for task in self.tasks:  # done by now, or abandoned: a caller that failed meanwhile
            task.close()


def _rank_text(text: str, segmented) -> str:
    """A multi-line text's ranking text from its lines' (lines with no ranking word add nothing)."""
    return " ".join(t for t in map(segmented.__getitem__, text.split("\n")) if t)


class Segmenting:
    """Every line of `records` segmented once, started at construction: on every core (a forked
    pool) when there is enough text, so the builder does other work until `result()`; in this
    process otherwise (then at construction). `close()` stops it when the builder fails meanwhile."""

    def __init__(self, records: Sequence[IndexRecord], workers: int | None = None, progress: Callable | None = None):
        self.records, self.progress = records, progress
        self.lines = sorted({line for record in records for line in _lines_of(record)})
        self.chars = sum(len(line) for line in self.lines)
        if progress:
            progress("segment", 0, 1)
        workers = workers or os.cpu_count() or 1
        self.pool: _Pool | None = None
        self.done: list[str] | None = None
        if workers < 2 or self.chars < POOL_MIN_CHARS:
            self.done = _segment_lines(self.lines)
        else:
            self.pool = _Pool(self.lines, workers)

    def result(self) -> tuple[list[Segmented], int]:
        """(each record with its ranking texts, characters segmented)."""
        per_line = self.pool.result() if self.pool is not None else self.done
        assert per_line is not None  # segmented at construction when there is no pool
        segmented = dict(zip(self.lines, per_line))
        if self.progress:
            self.progress("segment", 1, 1)
        out = []
        for record in self.records:
            title = record.ranked_title
            titled = _rank_text(title, segmented) if title else None
            context = _context_lines(record)
            in_context = " ".join(t for t in map(segmented.__getitem__, context) if t) if context else None
            out.append(Segmented(record, _rank_text(record.text, segmented), titled, in_context))
        return out, self.chars

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


def segment_records(
    records: Sequence[IndexRecord], workers: int | None = None, progress: Callable | None = None
) -> tuple[list[Segmented], int]:
    """(each record with its ranking texts, characters segmented), at once."""
    return Segmenting(records, workers, progress).result()
