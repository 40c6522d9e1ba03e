"""Writing records into a tantivy index: tokens made in Python, jieba words already cut and joined
(engine.Segmented's rank_text and title_rank_text).

Each record gets a *key*, the engine's own number for it (never reused): keys.json maps keys to record
ids (null once deleted), and the display and match texts are appended to the text store under the
same number. An incremental build copies the live build's engine directory and goes on from there.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import tantivy

from analyzers.normalize import normalize

from ..textstore import TextStoreWriter
from .facetrows import FacetRowsWriter
from .gramsets import GramSetsWriter
from .schema import (
    FACETS_FIELD,
    STORED_FACETS,
    bigram_tokens,
    build_schema,
    char_tokens,
    day_number,
    facet_term,
)

KEYS = "keys.json"  # [[record id, source] | null] by key
TEXTS = "texts"  # the text store's file names (texts.bin, texts.idx)
# document id → {source → the validity status that source's records of it carry as `validity:` facet terms ("" for
# none)}, as of the day the build that wrote them ran. Kept per source: one document's records can come
# from two files written on different days (a reprint adding a clause). The reader compares what each
# document's records carry with today's statuses, so a status that changed since (a date passed, a
# later issue repealed the document) is counted from today's statuses instead.
STATUSES = "statuses.json"
HEAP_BYTES = 1_000_000_000  # shared by the indexing threads: few segments, no merging to wait for
THREADS = 2


class TantivyWriter:
    def __init__(self, engine_dir: Path, base: Path | None):
        if base is not None:
            shutil.copytree(base, engine_dir)
            self.index = tantivy.Index.open(str(engine_dir))
            self.keys = json.loads((engine_dir / KEYS).read_text(encoding="utf-8"))
            (engine_dir / KEYS).unlink()
            self.written: dict[str, dict[str, str]] = json.loads((engine_dir / STATUSES).read_text(encoding="utf-8"))
            (engine_dir / STATUSES).unlink()
        else:
            engine_dir.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(build_schema(), path=str(engine_dir))
            self.keys = []
            self.written = {}
        self.statuses: dict[str, str] = {}
        self.engine_dir = engine_dir
        self.texts = TextStoreWriter(engine_dir, TEXTS, append=base is not None)
        if self.texts.slots != len(self.keys):
            raise RuntimeError(f"{engine_dir}: {self.texts.slots} texts for {len(self.keys)} keys")
        self.rows = FacetRowsWriter(engine_dir, append=base is not None)
        if self.rows.rows != len(self.keys):
            raise RuntimeError(f"{engine_dir}: {self.rows.rows} facet rows for {len(self.keys)} keys")
        self.grams = GramSetsWriter(engine_dir, append=base is not None, base_texts=self._stored_match_texts)
        # tantivy's writer starts its indexing threads, and the builder forks its segmenting pool
        # after making this object: the writer is made at the first add or commit, after the fork
        self._writer: tantivy.IndexWriter | None = None
        self._deleted_sources: list[str] = []

    def _stored_match_texts(self):
        """The copied build's match texts in key order (its gram sets made afresh: see gramsets.py)."""
        from ..textstore import TextStoreReader

        store = TextStoreReader(self.engine_dir, TEXTS)
        try:
            for slot in range(len(self.keys)):
                yield store.match(slot)
        finally:
            store.close()

    def writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=HEAP_BYTES, num_threads=THREADS)
            for source in self._deleted_sources:
                self._writer.delete_documents_by_term("source", source)
        return self._writer

    def use_statuses(self, statuses: dict[str, str]) -> None:
        """Today's validity status of each document (the build's facts), for the records added next."""
        self.statuses = statuses

    def delete_source(self, source: str) -> None:
        if self._writer is None:
            self._deleted_sources.append(source)  # applied when the writer is made, before any add
        else:
            self._writer.delete_documents_by_term("source", source)
        self.keys = [None if k is not None and k[1] == source else k for k in self.keys]
        for doc_id in [d for d, by_source in self.written.items() if source in by_source]:
            del self.written[doc_id][source]
            if not self.written[doc_id]:
                del self.written[doc_id]

    def add(self, item) -> None:
        record = item.record
        key = len(self.keys)
        self.keys.append([record.id, record.source])
        body = normalize(record.text)
        title = normalize(record.title or "") if record.kind == "document" else None
        match_text = body if title is None else f"{title}\x00{body}"
        self.texts.add(record.text, match_text)
        self.grams.add(key, match_text)
        doc = tantivy.Document()
        doc.add_unsigned("key", key)
        doc.add_text("source", record.source)
        doc.add_text("kind", record.kind)
        doc.add_text("b2", bigram_tokens(body))
        doc.add_text("b1", char_tokens(body))
        if title:
            doc.add_text("t2", bigram_tokens(title))
            doc.add_text("t1", char_tokens(title))
        doc.add_text("words", item.rank_text)
        if record.ranked_title and item.title_rank_text is not None:
            doc.add_text("title_words", item.title_rank_text)
        if record.wenhao:
            doc.add_text("wenhao", record.wenhao)
        for cited in record.cites:
            doc.add_text("cites", cited)
        terms = [facet_term(facet.name, value) for facet in STORED_FACETS for value in facet.values_of(record)]
        if record.doc_id:
            doc.add_text("doc", record.doc_id)
            if record.kind != "chronicle":  # as the service's validity sets: 大事记 entries have none
                status = self.statuses.get(record.doc_id, "")
                if status:
                    terms.append(facet_term("validity", status))
                self.written.setdefault(record.doc_id, {})[record.source] = status
        for term in terms:
            doc.add_text(FACETS_FIELD, term)
        self.rows.add(terms, record.doc_id if record.kind == "clause" else None)
        if record.date:
            doc.add_integer("d_from", day_number(record.date))
            doc.add_integer("d_to", day_number(max(record.date, record.end_date or record.date)))
        self.writer().add_document(doc)

    def commit(self) -> int:
        writer = self.writer()
        writer.commit()
        writer.wait_merging_threads()
        self._writer = None  # its indexing heap let go (with the last reference below) before the grams are sorted
        del writer
        self.texts.close()
        self.rows.close()
        self.grams.close()
        (self.engine_dir / KEYS).write_text(json.dumps(self.keys, ensure_ascii=False), encoding="utf-8")
        (self.engine_dir / STATUSES).write_text(json.dumps(self.written, ensure_ascii=False), encoding="utf-8")
        return sum(k is not None for k in self.keys)

    def cancel(self) -> None:
        self.texts.cancel()
        self.grams.cancel()
        try:
            if self._writer is not None:
                self._writer.rollback()
        except Exception:  # noqa: BLE001 - already consumed by a failed commit: nothing left to undo
            pass
