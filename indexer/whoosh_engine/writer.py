"""Writing records into a whoosh index; the jieba words arrive already cut and joined (engine.Segmented's
rank_text and title_rank_text, given to the analyzer as PreSegmented values).

A full build writes on every core: the records are cut into contiguous chunks, forked workers each
write one chunk as a whoosh segment of its own, and the parent commits the segments in chunk order —
so whoosh's document numbers still run in record order (the reader maps nothing). This is what
whoosh's own MpWriter does with multisegment=True, without pickling the documents (the workers
inherit them) and without its round-robin order. An incremental build adds few records and writes
them in the parent.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import queue
import shutil
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.writing import SegmentWriter

from analyzers.normalize import normalize

from ..forked import ForkedTaskError, exit_status
from .analysis import PreSegmented
from .chars import CHARS, write_char_postings
from .schema import build_schema

_cached_reader = whoosh3.W3PerDocReader._cached_reader


def _cached_reader_remembering_none(self, fieldname, column):
    """whoosh looks for the lengths column of a field that has none (our unscored bigram field) on disk,
    an os.stat per posting, for millions of postings while writing; a column that is missing stays missing."""
    if fieldname not in self._readers:
        self._readers[fieldname] = _cached_reader(self, fieldname, column)
    return self._readers[fieldname]


whoosh3.W3PerDocReader._cached_reader = _cached_reader_remembering_none

DOCIDS = "docids.json"  # record id per whoosh document number (null where deleted): read at open
LIMIT_MB = 1024  # per writer: postings stay in memory while building, no pickled runs to spill and merge
PARALLEL_MIN_RECORDS = 2000  # below this, forking writers costs more than it saves
# records per segment of a full build: a writer's postings for this many stay within LIMIT_MB (measured: the
# 100× corpus in two segments of 19,800 does not spill; the 300× one in two of 54,300 spills and merges
# runs, 8.9× jieba's time against 4.7×). Larger builds write more segments, `workers` at a time.
SEGMENT_RECORDS = 20_000
# postings per block (whoosh's default is 128). The reader reads whole postings block by block, and a
# block costs ~20 µs to find, inflate and unpickle whatever its length: larger blocks, fewer of them.
BLOCK_POSTINGS = 1024


def _codec():
    return whoosh3.W3Codec(blocklimit=BLOCK_POSTINGS)


def _fields(item) -> dict:
    record = item.record
    fields = dict(
        id=record.id,
        kind=record.kind,
        source=record.source,
        words=PreSegmented.from_rank_text(record.text, item.rank_text),
        grams=record.match_text,
    )
    if record.wenhao:
        fields["wenhao"] = record.wenhao
    if record.cites:
        fields["cites"] = ",".join(record.cites)
    title = record.ranked_title
    if title and item.title_rank_text is not None:
        fields["title_words"] = PreSegmented.from_rank_text(title, item.title_rank_text)
    return fields


def _write_chunk(engine_dir: str, items, results, slot: int, limitmb: int) -> None:
    """In a forked worker: one chunk of records as one finished segment, sent back to the parent."""
    try:
        ix = whoosh_index.open_dir(engine_dir)
        writer = SegmentWriter(ix, _lk=False, limitmb=limitmb, codec=_codec())  # the parent holds the index lock
        for item in items:
            writer.add_document(**_fields(item))
        results.put((slot, "ok", writer._finalize_segment()))
    except OSError as exc:
        results.put((slot, "oserror", (exc.errno, exc.strerror, exc.filename)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it: a worker must not die silently
        results.put((slot, "error", f"{type(exc).__name__}: {exc}"))


def _next_result(results, procs: list) -> tuple:
    """The next worker's report; a ForkedTaskError when a worker died without one (killed, out of
    memory), where waiting for it would wait for ever."""
    while True:
        try:
            return results.get(timeout=0.5)
        except queue.Empty:
            dead = [proc for proc in procs if proc.exitcode not in (None, 0)]
            if dead:
                for proc in procs:
                    proc.kill()
                    proc.join()
                raise ForkedTaskError(f"写入索引的子进程意外退出（{exit_status(dead[0].exitcode)}）") from None


class WhooshWriter:
    def __init__(self, engine_dir: Path, base: Path | None):
        if base is not None:
            shutil.copytree(base, engine_dir)
            (engine_dir / DOCIDS).unlink(missing_ok=True)
            self.ix = whoosh_index.open_dir(str(engine_dir))
        else:
            engine_dir.mkdir(parents=True, exist_ok=True)
            self.ix = whoosh_index.create_in(str(engine_dir), build_schema())
        self.engine_dir = engine_dir
        self.writer = self.ix.writer(limitmb=LIMIT_MB, codec=_codec())
        self.pending: list | None = [] if base is None else None
        self.added: list = []  # every record added, for the character postings at commit
        self.kept_texts: dict[str, str] = {}

    def use_kept_texts(self, kept: dict[str, str]) -> None:
        """An incremental build's records that stay, id → match text: the character postings
        (chars.py) are written for the whole index, kept records included."""
        self.kept_texts = kept

    def delete_source(self, source: str) -> None:
        self.writer.delete_by_term("source", source)

    def add(self, item) -> None:
        self.added.append(item.record)
        if self.pending is not None:
            self.pending.append(item)  # a full build: written on every core at commit
        else:
            self.writer.add_document(**_fields(item))

    def commit(self) -> int:
        workers = min(os.cpu_count() or 1, 8)
        if self.pending is not None and len(self.pending) >= PARALLEL_MIN_RECORDS and workers > 1:
            self._commit_in_parallel(self.pending, workers)
        else:
            for item in self.pending or []:
                self.writer.add_document(**_fields(item))
            self.writer.commit()
        self.pending = None
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            docids: list[str | None] = [None] * reader.doc_count_all()
            for docnum, stored in reader.iter_docs():
                docids[docnum] = stored["id"]
        (self.engine_dir / DOCIDS).write_text(json.dumps(docids, ensure_ascii=False), encoding="utf-8")
        texts = dict(self.kept_texts)
        texts.update((record.id, record.match_text) for record in self.added)
        missing = [d for d in docids if d is not None and d not in texts]
        if missing:  # an incremental build that did not say what it keeps
            raise RuntimeError(f"字符倒排缺少 {len(missing)} 条记录的文本（例如 {missing[0]}）")
        write_char_postings(self.engine_dir / CHARS, [normalize(texts[d]) if d is not None else "" for d in docids])
        return sum(d is not None for d in docids)

    def _commit_in_parallel(self, items: list, workers: int) -> None:
        count = max(workers, -(-len(items) // SEGMENT_RECORDS))
        size = -(-len(items) // count)
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        outcomes = {}
        for first in range(0, len(chunks), workers):  # `workers` segments at a time
            procs = [
                context.Process(target=_write_chunk, args=(str(self.engine_dir), chunks[n], results, n, LIMIT_MB))
                for n in range(first, min(first + workers, len(chunks)))
            ]
            for proc in procs:
                proc.start()
            for _ in procs:
                slot, status, value = _next_result(results, procs)
                outcomes[slot] = (status, value)
            for proc in procs:
                proc.join()
            if any(status != "ok" for status, _ in outcomes.values()):
                break
        for status, value in (outcomes[n] for n in sorted(outcomes)):
            if status == "oserror":
                raise OSError(*value[:2], value[2]) if value[2] else OSError(value[0] or errno.EIO, value[1])
            if status == "error":
                raise RuntimeError(f"写入索引的子进程出错：{value}")
        writer = self.writer
        writer._close_segment()  # the parent's own segment stays empty
        writer._commit_toc([outcomes[n][1] for n in range(len(chunks))])  # in chunk order: docnums in record order
        writer._finish()

    def cancel(self) -> None:
        if not self.writer.is_closed:  # after whoosh's commit there is nothing to cancel: the build dir goes
            self.writer.cancel()
