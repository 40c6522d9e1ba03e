"""Reading a whoosh build: bigram candidates confirmed by substring, BM25F ranking over jieba words.

Whoosh numbers its documents itself; everything leaving this module is a record ordinal. A full
build writes records in ordinal order into one segment, so the two agree and no mapping is applied;
after an incremental build (deleted documents, a new segment) each set is mapped.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from analyzers.normalize import SEP, normalize
from analyzers.terms import bigrams

from ..store import engine_bytes, engine_json
from .chars import CHARS, CharPostings
from .writer import DOCIDS

WITHIN_FACTOR = 20  # a bound set this much smaller than the index is tested directly
RAREST = 3  # bigrams of a long term whose postings are read; the rest is left to the substring test
SKIP_FACTOR = 256  # fewer wanted records than postings ÷ this: skip to each rather than read every block
_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


class DamagedEngineFiles(RuntimeError):
    """The engine files do not agree with the build's records."""


class WhooshReader:
    def __init__(self, engine_dir: Path, records: Sequence, meta: dict):
        self.ix = whoosh_index.open_dir(str(engine_dir))
        self.local = threading.local()
        docids = engine_json(engine_dir, DOCIDS, meta)
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
        self.norm_texts = [normalize(record.match_text) for record in records]
        self.body_start = [
            len(normalize(record.title or "")) + 1 if record.kind == "document" else 0 for record in records
        ]
        try:
            self.chars = CharPostings(engine_bytes(engine_dir, CHARS, meta))
        except ValueError as exc:  # the hash matched, the layout does not: written by something else
            raise DamagedEngineFiles(f"{CHARS}：{exc}") from None
        self._field_lengths: dict[tuple[int, str], np.ndarray] = {}

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

    def _term_docs(self, field: str, text: str) -> set[int]:
        """The records holding one term: its postings read by blocks. A deleted document has no
        ordinal (docids.json holds null for it), so _ordinals drops it."""
        found: set[int] = set()
        for sub, offset in self.searcher().leaf_searchers():
            for ids, _ in _blocks(sub.reader(), field, text, weights=False):
                found.update((ids + offset if offset else ids).tolist())
        return self._ordinals(found)

    def _all_terms_docs(self, field: str, texts: list[str]) -> set[int]:
        result: set[int] | None = None
        for text in texts:
            docs = self._term_docs(field, text)
            result = docs if result is None else result & docs
            if not result:
                break
        return result or set()

    def _rarest(self, grams: list[str]) -> list[str]:
        reader = self.searcher().reader()
        return sorted(grams, key=lambda g: reader.doc_frequency("grams", g))[:RAREST]

    # -- IndexReader ----------------------------------------------------------------------------
    def containing(self, norm: str, part: str | None = None, within: set[int] | None = None) -> set[int]:
        if not norm or SEP in norm:
            return set()
        if within is not None and len(within) * WITHIN_FACTOR < len(self.norm_texts):
            candidates = within  # testing a few records beats reading postings
        elif len(norm) == 1:
            candidates = self._ordinals(self.chars.docs(norm).tolist())
            if within is not None:
                candidates &= within
            if part is None:
                return candidates  # the character postings are exact
        else:
            grams = sorted(set(bigrams(norm)))
            if len(grams) > RAREST:
                grams = self._rarest(grams)
            candidates = self._all_terms_docs("grams", grams)
            if within is not None:
                candidates &= within
            if len(norm) == 2 and part is None:
                return candidates  # a bigram's postings are exact
        texts = self.norm_texts
        if part is None:
            return {d for d in candidates if norm in texts[d]}
        starts = self.body_start
        if part == "title":
            return {d for d in candidates if starts[d] and norm in texts[d][: starts[d] - 1]}
        return {d for d in candidates if texts[d].find(norm, starts[d]) >= 0}

    def match_text(self, ordinal: int) -> str:
        return self.norm_texts[ordinal]

    def with_wenhao(self, canonical: str) -> set[int]:
        return self._term_docs("wenhao", canonical)

    def citing(self, canonical: str) -> set[int]:
        return self._term_docs("cites", canonical)

    def texts(self, ordinals) -> list[str]:
        display = self.display
        return [display[o] for o in ordinals]

    def match_texts(self, ordinals) -> list[str]:
        texts = self.norm_texts
        return [texts[o] for o in ordinals]

    def text(self, ordinal: int) -> str:
        return self.display[ordinal]

    def snippet_texts(self, ordinals, max_bytes: int) -> list[tuple[str, str | None, bool]]:
        """The texts are in memory: only their size is bounded (by characters, at three bytes each)."""
        out: list[tuple[str, str | None, bool]] = []
        display, norm_texts, body_start = self.display, self.norm_texts, self.body_start
        for ordinal in ordinals:
            text = display[ordinal]
            if len(text) * 3 > max_bytes:
                out.append((text[: max_bytes // 3], None, False))
            else:
                out.append((text, norm_texts[ordinal][body_start[ordinal] :], True))
        return out

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
        searcher = self.searcher()
        scored = None
        if not spec.wenhao:
            scored = self._word_scores(searcher, spec.words, wanted, limit)
        if scored is None:
            scored = _top_scores(searcher, wq.Or(parts), wanted, limit)
        of = self.ordinal_of
        return scored if self.identity else [(of[d], s) for d, s in scored]

    def _word_scores(self, searcher, words, wanted: set[int], limit: int) -> list[tuple[int, float]] | None:
        """The `limit` best of `wanted` by BM25F over the words (×3 in the body, ×4 in the title), as
        whoosh's own matchers score `Or(words)^3 | Or(title words)^4`, but computed from whole posting
        blocks as array arithmetic: whoosh's matchers cost ~15 µs a record in Python (`工作 管理` at
        100×: 1,910 records, 30 ms), a posting read by blocks and scored by numpy a few ns. None when
        very few records are wanted from long postings (skipping to each is then cheaper) or the
        weighting is not BM25F."""
        weighting = searcher.weighting
        if type(weighting) is not BM25F:
            return None
        reader = searcher.reader()
        fields = (("words", 3.0), ("title_words", 4.0))
        postings = sum(reader.doc_frequency(field, w) for field, _ in fields for w in words)
        if len(wanted) * SKIP_FACTOR < postings:
            return None
        k1 = weighting.K1
        if len(words) == 1:
            # whoosh's CompoundQuery.matcher hands a one-subquery Or its subquery's matcher, dropping
            # the Or's boost: one word is scored unboosted in both fields (the ranking was judged so)
            fields = (("words", 1.0), ("title_words", 1.0))
        k1_1 = k1 + 1
        size = searcher.doc_count_all()
        scores = np.zeros(size)
        touched = np.zeros(size, dtype=bool)
        for field, boost in fields:
            b = weighting._field_B.get(field, weighting.B)
            avgfl = searcher.avg_field_length(field) or 1
            # whoosh.scoring.bm25 is idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))); a
            # length is stored as one byte, so the part that depends on it is one of 256 values
            norm = np.array([k1 * ((1 - b) + b * length / avgfl) for length in _LENGTH_OF_BYTE])
            for word in words:
                idf = searcher.idf(field, word)
                for sub, offset in searcher.leaf_searchers():
                    reader = sub.reader()
                    length_bytes = self._length_bytes(reader, offset, field)
                    for ids, weights in _blocks(reader, field, word, weights=True):
                        tf = np.asarray(weights, dtype=np.float64)
                        # each term's score as whoosh computes it, in float64; the sum over terms may
                        # differ from whoosh's in the last bit (whoosh adds within each field first)
                        score = idf * ((tf * k1_1) / (tf + norm[length_bytes[ids]]))
                        docnums = ids + offset if offset else ids
                        scores[docnums] += boost * score  # a term's postings hold each document once
                        touched[docnums] = True
        if len(wanted) < size:
            allowed = np.zeros(size, dtype=bool)
            allowed[np.fromiter(wanted, dtype=np.int64, count=len(wanted))] = True
            touched &= allowed
        candidates = np.flatnonzero(touched)
        values = scores[candidates]
        if len(candidates) > limit:
            # every candidate scoring at least the limit-th best (ties at the edge included), then sorted
            edge = np.partition(values, len(values) - limit)[len(values) - limit]
            keep = values >= edge
            candidates, values = candidates[keep], values[keep]
        order = np.lexsort((candidates, -values))[:limit]  # best first, ties by document number
        return list(zip(candidates[order].tolist(), values[order].tolist()))

    def _length_bytes(self, segment_reader, offset: int, field: str):
        """Each document's length in `field` as whoosh stores it (a byte; whoosh.util.numeric
        byte_to_length), the whole column read once per segment."""
        key = (offset, field)
        lengths = self._field_lengths.get(key)
        if lengths is None:
            column = segment_reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            loaded = column.load() if column is not None else bytes(segment_reader.doc_count_all())
            lengths = np.frombuffer(bytes(loaded), dtype=np.uint8)
            self._field_lengths[key] = lengths
        return lengths

    def close(self) -> None:
        searcher = getattr(self.local, "searcher", None)
        if searcher is not None:
            searcher.close()


def _blocks(segment_reader, field: str, text: str, weights: bool):
    """A term's postings in one segment, block by block: (ids as a numpy int64 array, weights or None)
    per block, read from whoosh's W3 codec directly (its matchers cost a Python call or more per
    posting). Weights are anything numpy reads as float: a block whose weights are all equal stores one
    number, or none for 1.0. Deleted documents are included: they map to no record ordinal, and are
    never among the documents a ranking wants."""
    if (field, text) not in segment_reader:
        return
    matcher = segment_reader.postings(field, text)
    while isinstance(matcher, FilterMatcher):  # the deletions filter: see above
        matcher = matcher.child
    while True:
        if matcher._data is None:
            matcher._read_data()
        ids = np.asarray(matcher._data[0], dtype=np.int64)
        if not matcher._byteids:  # delta-coded within the block
            ids = np.cumsum(ids)
        stored = matcher._data[1] if weights else None
        yield ids, (1.0 if stored is None else stored) if weights else None
        if matcher._lastblock:
            return
        matcher._next_block()


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
