"""Reading a tantivy build: exact substring matches from positional bigrams, BM25 over jieba words.

A term of three or more characters is a phrase of its bigrams (consecutive positions), a two-character
term one bigram, a one-character term one character: tantivy's answer IS the substring scan's, with no
confirming pass. Matches come back as keys (a fast field), mapped to record ordinals; the texts are read
from disk one record at a time (nothing but numbers stays in memory).
"""
from __future__ import annotations

import json
from operator import itemgetter
from pathlib import Path
from typing import Sequence

import tantivy

from analyzers.normalize import SEP
from analyzers.terms import bigrams

from ..textstore import TextStoreReader
from .writer import KEYS, TEXTS

Q = tantivy.Query
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should
DIRECT = 16  # a bound set this small is tested on its texts instead of asking the index
FILTER_MAX = 20_000  # a bound set up to this size is handed to tantivy as a filter on keys
_first = itemgetter(0)


class DamagedEngineFiles(RuntimeError):
    """The engine files do not agree with the build's records."""


class TantivyReader:
    def __init__(self, engine_dir: Path, records: Sequence):
        self.index = tantivy.Index.open(str(engine_dir))
        self.index.config_reader(reload_policy="manual")  # a build never changes: no watcher thread
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        keys = json.loads((engine_dir / KEYS).read_text(encoding="utf-8"))
        ordinal_of_id = {record.id: i for i, record in enumerate(records)}
        self.ordinal_of_key = [ordinal_of_id.get(k[0], -1) if k is not None else -1 for k in keys]
        self.key_of = [-1] * len(records)
        for key, ordinal in enumerate(self.ordinal_of_key):
            if ordinal >= 0:
                self.key_of[ordinal] = key
        missing = [records[i].id for i, k in enumerate(self.key_of) if k < 0]
        if missing:
            raise DamagedEngineFiles(f"{len(missing)} 条记录不在引擎文件中（例如 {missing[0]}）")
        if self.searcher.num_docs != len(records):
            raise DamagedEngineFiles(f"引擎中有 {self.searcher.num_docs} 条记录，索引记录表中有 {len(records)} 条")
        self.identity = len(keys) == len(records) and all(o == i for i, o in enumerate(self.ordinal_of_key))
        self.texts = TextStoreReader(engine_dir, TEXTS)
        if self.texts.slots != len(keys):
            raise DamagedEngineFiles(f"文本库有 {self.texts.slots} 条，键表有 {len(keys)} 条")
        self.count = len(records)
        self.has_title = bytes(record.kind == "document" for record in records)

    # -- tantivy plumbing ---------------------------------------------------------------------
    def _ordinals(self, query, limit: int | None = None) -> set[int]:
        hits = self.searcher.search(query, limit=limit or self.count, count=False, order_by_field="key").hits
        if self.identity:
            return set(map(_first, hits))
        of = self.ordinal_of_key
        return {of[k] for k, _ in hits}

    def _keys_filter(self, ordinals) -> tantivy.Query:
        key_of = self.key_of
        return Q.const_score_query(Q.term_set_query(self.schema, "key", [key_of[o] for o in ordinals]), 0.0)

    def _term_query(self, norm: str, part: str | None) -> tantivy.Query:
        prefixes = ("t", "b") if part is None else ("t",) if part == "title" else ("b",)
        if len(norm) == 1:
            queries = [Q.term_query(self.schema, p + "1", norm) for p in prefixes]
        elif len(norm) == 2:
            queries = [Q.term_query(self.schema, p + "2", norm) for p in prefixes]
        else:
            grams = bigrams(norm)
            queries = [Q.phrase_query(self.schema, p + "2", grams) for p in prefixes]
        return queries[0] if len(queries) == 1 else Q.boolean_query([(SHOULD, q) for q in queries])

    # -- IndexReader ----------------------------------------------------------------------------
    def containing(self, norm: str, part: str | None = None, within: set[int] | None = None) -> set[int]:
        if not norm or SEP in norm:
            return set()
        if within is not None:
            if not within:
                return set()
            if len(within) <= DIRECT:
                return {o for o in within if _contains(self.match_text(o), norm, part, self.has_title[o])}
            if len(within) <= FILTER_MAX and len(within) * 4 < self.count:
                query = Q.boolean_query([(MUST, self._term_query(norm, part)), (MUST, self._keys_filter(within))])
                return self._ordinals(query, len(within)) & within
            return self._ordinals(self._term_query(norm, part)) & within
        return self._ordinals(self._term_query(norm, part))

    def match_text(self, ordinal: int) -> str:
        return self.texts.match(self.key_of[ordinal])

    def text(self, ordinal: int) -> str:
        return self.texts.display(self.key_of[ordinal])

    def with_wenhao(self, canonical: str) -> set[int]:
        return self._ordinals(Q.term_query(self.schema, "wenhao", canonical))

    def citing(self, canonical: str) -> set[int]:
        return self._ordinals(Q.term_query(self.schema, "cites", canonical))

    def rank(self, spec, allowed: set[int], limit: int) -> list[tuple[int, float]]:
        """BM25 with the whoosh reader's boosts: its own document ×100, its records ×20, citing ×5,
        title words ×4, body words ×3."""
        schema = self.schema
        parts: list[tantivy.Query] = []
        for canonical in spec.wenhao:
            own = Q.boolean_query([(MUST, Q.term_query(schema, "wenhao", canonical)),
                                   (MUST, Q.term_query(schema, "kind", "document"))])
            parts.append(Q.boost_query(own, 100.0))
            parts.append(Q.boost_query(Q.term_query(schema, "wenhao", canonical), 20.0))
            parts.append(Q.boost_query(Q.term_query(schema, "cites", canonical), 5.0))
        if spec.words:
            for field, boost in (("words", 3.0), ("title_words", 4.0)):
                either = Q.boolean_query([(SHOULD, Q.term_query(schema, field, w)) for w in spec.words])
                parts.append(Q.boost_query(either, boost))
        if not parts or not allowed or limit <= 0:
            return []
        query = Q.boolean_query([(SHOULD, p) for p in parts])
        if len(allowed) <= FILTER_MAX and len(allowed) * 4 < self.count:
            query = Q.boolean_query([(MUST, query), (MUST, self._keys_filter(allowed))])
            return self._scored(query, limit, allowed)
        # a large allowed set: most top hits are in it; read deeper until `limit` of them are found
        fetch = limit * 2
        while True:
            scored = self._scored(query, fetch, allowed)
            if len(scored) >= limit or fetch >= self.count:
                return scored[:limit]
            fetch *= 4

    def _scored(self, query, fetch: int, allowed: set[int]) -> list[tuple[int, float]]:
        hits = self.searcher.search(query, limit=fetch, count=False).hits
        if not hits:
            return []
        keys = self.searcher.fast_field_values("key", [address for _, address in hits])
        of = self.ordinal_of_key
        out = []
        for (score, _), key in zip(hits, keys):
            ordinal = of[key]
            if ordinal in allowed:
                out.append((ordinal, score))
        out.sort(key=lambda pair: (-pair[1], pair[0]))
        return out

    def close(self) -> None:
        self.texts.close()


def _contains(match_text: str, norm: str, part: str | None, has_title: bool) -> bool:
    """The reference semantics on one record: a document's match text is "title SEP body"."""
    if part is None:
        return norm in match_text
    if not has_title:
        return part == "text" and norm in match_text
    title, _, body = match_text.partition(SEP)
    return norm in (title if part == "title" else body)
