"""Reading a whoosh build: bigram candidates confirmed by substring, BM25F ranking over jieba words.

Whoosh numbers its documents itself; everything leaving this module is a record ordinal. A full
build writes records in ordinal order into one segment, so the two agree and no mapping is applied;
after an incremental build (deleted documents, a new segment) each set is mapped.
"""

from __future__ import annotations

import heapq
import json
import threading
from collections.abc import Sequence
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq

from analyzers.normalize import SEP, normalize
from analyzers.terms import bigrams

from .writer import DOCIDS

WITHIN_FACTOR = 20  # a bound set this much smaller than the index is tested directly
RAREST = 3  # bigrams of a long term whose postings are read; the rest is left to the substring test


class DamagedEngineFiles(RuntimeError):
    """The engine files do not agree with the build's records."""


class WhooshReader:
    def __init__(self, engine_dir: Path, records: Sequence):
        self.ix = whoosh_index.open_dir(str(engine_dir))
        self.local = threading.local()
        docids = json.loads((engine_dir / DOCIDS).read_text(encoding="utf-8"))
        ordinal_of_id = {record.id: i for i, record in enumerate(records)}
        self.ordinal_of: list[int] = [ordinal_of_id.get(d, -1) if d is not None else -1 for d in docids]
        self.docnum_of: list[int] = [-1] * len(records)
        for docnum, ordinal in enumerate(self.ordinal_of):
            if ordinal >= 0:
                self.docnum_of[ordinal] = docnum
        missing = [records[i].id for i, d in enumerate(self.docnum_of) if d < 0]
        if missing:
            raise DamagedEngineFiles(f"{len(missing)} 条记录不在引擎文件中（例如 {missing[0]}）")
        self.identity = len(docids) == len(records) and all(o == i for i, o in enumerate(self.ordinal_of))
        self.display = [record.text for record in records]
        # normalized match text (title SEP body for documents); the body starts after the title
        self.texts = [normalize(record.match_text) for record in records]
        self.body_start = [
            len(normalize(record.title or "")) + 1 if record.kind == "document" else 0 for record in records
        ]
        self.all = set(range(len(records)))

    # -- whoosh plumbing ----------------------------------------------------------------------
    def searcher(self):
        """One whoosh searcher per thread: searchers read files and are not shared between threads."""
        searcher = getattr(self.local, "searcher", None)
        if searcher is None:
            searcher = self.ix.searcher()
            self.local.searcher = searcher
        return searcher

    def _ordinals(self, docnums) -> set[int]:
        if self.identity:
            return set(docnums)
        of = self.ordinal_of
        return {of[d] for d in docnums if of[d] >= 0}

    def _docs(self, q: wq.Query) -> set[int]:
        return self._ordinals(self.searcher().docs_for_query(q))

    def _rarest(self, grams: list[str]) -> list[str]:
        reader = self.searcher().reader()
        return sorted(grams, key=lambda g: reader.doc_frequency("grams", g))[:RAREST]

    # -- IndexReader ----------------------------------------------------------------------------
    def containing(self, norm: str, part: str | None = None, within: set[int] | None = None) -> set[int]:
        if not norm or SEP in norm:
            return set()
        if within is not None and len(within) * WITHIN_FACTOR < len(self.texts):
            candidates = within  # testing a few records beats reading postings
        elif len(norm) == 1:
            candidates = self.all if within is None else within
        else:
            grams = sorted(set(bigrams(norm)))
            if len(grams) > RAREST:
                grams = self._rarest(grams)
            q = wq.Term("grams", grams[0]) if len(grams) == 1 else wq.And([wq.Term("grams", g) for g in grams])
            candidates = self._docs(q)
            if within is not None:
                candidates &= within
            if len(norm) == 2 and part is None:
                return candidates  # a bigram's postings are exact
        texts = self.texts
        if part is None:
            return {d for d in candidates if norm in texts[d]}
        starts = self.body_start
        if part == "title":
            return {d for d in candidates if starts[d] and norm in texts[d][: starts[d] - 1]}
        return {d for d in candidates if texts[d].find(norm, starts[d]) >= 0}

    def match_text(self, ordinal: int) -> str:
        return self.texts[ordinal]

    def with_wenhao(self, canonical: str) -> set[int]:
        return self._docs(wq.Term("wenhao", canonical))

    def citing(self, canonical: str) -> set[int]:
        return self._docs(wq.Term("cites", canonical))

    def text(self, ordinal: int) -> str:
        return self.display[ordinal]

    def rank(self, spec, allowed: set[int], limit: int) -> list[tuple[int, float]]:
        parts: list[wq.Query] = []
        for canonical in spec.wenhao:
            parts.append(wq.And([wq.Term("wenhao", canonical), wq.Term("kind", "document")], boost=100.0))
            parts.append(wq.Term("wenhao", canonical, boost=20.0))
            parts.append(wq.Term("cites", canonical, boost=5.0))
        if spec.words:
            parts.append(wq.Or([wq.Term("words", w) for w in spec.words], boost=3.0))
            parts.append(wq.Or([wq.Term("title_words", w) for w in spec.words], boost=4.0))
        if not parts or not allowed:
            return []
        if self.identity:
            wanted = allowed
        else:
            docnum_of = self.docnum_of
            wanted = {docnum_of[o] for o in allowed}
        scored = _top_scores(self.searcher(), wq.Or(parts), wanted, limit)
        of = self.ordinal_of
        return scored if self.identity else [(of[d], s) for d, s in scored]

    def close(self) -> None:
        searcher = getattr(self.local, "searcher", None)
        if searcher is not None:
            searcher.close()


def _top_scores(searcher, q: wq.Query, allowed: set[int], limit: int) -> list[tuple[int, float]]:
    """The `limit` best-scoring allowed documents (BM25F via whoosh's own matchers and weighting).

    A narrow set is scored by skipping each matcher straight to its members; whoosh's collector
    would score every document any ranking word occurs in and only then drop the ones not allowed."""
    terms = list(q.iter_all_terms())
    postings = sum(searcher.doc_frequency(field, text) for field, text in terms)
    if postings < len(allowed) * len(terms):  # reading every posting is the cheaper way
        return [(hit.docnum, hit.score) for hit in searcher.search(q, filter=allowed, limit=limit)]
    context = searcher.context(weighting=searcher.weighting, top_query=q)
    scores: list[tuple[float, int]] = []
    wanted = sorted(allowed)
    for sub, offset in searcher.leaf_searchers():
        matcher = q.matcher(sub, context)
        end = offset + sub.doc_count_all()
        for docnum in wanted:
            if docnum < offset or docnum >= end:
                continue
            if not matcher.is_active():
                break
            local = docnum - offset
            if matcher.id() < local:
                matcher.skip_to(local)
                if not matcher.is_active():
                    break
            if matcher.id() == local:
                scores.append((matcher.score(), -docnum))
    return [(-d, score) for score, d in heapq.nlargest(limit, scores)]
