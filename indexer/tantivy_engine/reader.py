"""Reading a tantivy build: exact substring matches from positional bigrams, BM25 over jieba words.

A term of three or more characters is a phrase of its bigrams (consecutive positions), a two-character
term one bigram, a one-character term one character: tantivy's answer IS the substring scan's, with no
confirming pass. Matches come back as keys (a fast field), mapped to record ordinals; the texts are read
from disk one record at a time (nothing but numbers stays in memory).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from typing import cast

import numpy as np
import tantivy

from analyzers.normalize import SEP
from analyzers.terms import bigrams

from ..matching import OfficeNames, dated_kinds
from ..querylang import And, Dated, Node, Not, Office, Or, Records, Rosters, Term
from ..ranking import ROSTER_LABEL_FORMS
from ..store import engine_bytes, engine_json, engine_path
from ..textstore import TextStoreReader
from .facetrows import ROWS_FILE, TERMS_FILE, FacetRows
from .gramsets import GRAMS_FILE, GramSets, term_grams
from .schema import FACETS_FIELD, day_number, facet_term
from .selection import TantivySelection, everything_but
from .writer import KEYS, STATUSES, TEXTS

Q = tantivy.Query
MUST, SHOULD, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
# Measured at 100×: reading a hit out of tantivy costs ~0.3 µs, a text from disk ~5 µs, and a key filter
# of n keys ~0.2 µs per key to build plus its evaluation; so a small bound set is tested on its texts,
# a mid-sized one becomes a filter when the term is much more common, and otherwise the term's own
# matches are read and intersected.
DIRECT = 48
MIXED = "\x00mixed"  # a document whose records carry different statuses: never equal to today's
FILTER_MAX = 1_000
KEY_TERMS = 400  # keys asked for by term look-ups up to this many; past it, by a term-set query
_first = itemgetter(0)


class DamagedEngineFiles(RuntimeError):
    """The engine files do not agree with the build's records."""


class TantivyReader:
    def __init__(self, engine_dir: Path, records: Sequence, meta: dict):
        self.index = tantivy.Index.open(str(engine_dir))
        self.index.config_reader(reload_policy="manual")  # a build never changes: no watcher thread
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        keys = engine_json(engine_dir, KEYS, meta)
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
        self.text_store = TextStoreReader(engine_dir, TEXTS)
        if self.text_store.slots != len(keys):
            raise DamagedEngineFiles(f"文本库有 {self.text_store.slots} 条，键表有 {len(keys)} 条")
        self.count = len(records)
        try:
            self.facet_rows = FacetRows(
                engine_json(engine_dir, TERMS_FILE, meta), engine_bytes(engine_dir, ROWS_FILE, meta)
            )
        except (
            ValueError,
            KeyError,
            TypeError,
        ) as exc:  # the hash matched, the layout does not: written by something else
            raise DamagedEngineFiles(f"{ROWS_FILE}：{exc}") from None
        if self.facet_rows.rows != len(keys):
            raise DamagedEngineFiles(f"{ROWS_FILE} 有 {self.facet_rows.rows} 行，键表有 {len(keys)} 条")
        try:  # a build before 2026-12-07, or past gramsets.KEYS_MAX keys, has none: hits are read out
            grams_path = engine_path(engine_dir, GRAMS_FILE, meta)
            self.gram_sets = GramSets(grams_path, len(keys)) if grams_path is not None else None
        except ValueError as exc:
            raise DamagedEngineFiles(f"{GRAMS_FILE}：{exc}") from None
        self._live_keys = None if self.identity else np.array(self.ordinal_of_key, dtype=np.int64) >= 0
        self.has_title = bytes(record.kind == "document" for record in records)
        self.offices = OfficeNames(office for record in records for office in record.offices)
        # the status each document's records carry (writer.STATUSES); MIXED where its sources differ
        self.written_statuses: dict[str, str | None] = {}
        for doc_id, by_source in engine_json(engine_dir, STATUSES, meta).items():
            carried = set(by_source.values())
            self.written_statuses[doc_id] = (carried.pop() or None) if len(carried) == 1 else MIXED
        self._changes: tuple[object, dict[str, str | None]] | None = None
        self._roster_queries: dict[frozenset[int], tantivy.Query] = {}  # see _rosters

    # -- tantivy plumbing ---------------------------------------------------------------------
    def _ordinals(self, query, limit: int | None = None) -> set[int]:
        if not self.count:
            return set()  # tantivy refuses a limit of 0
        hits = self.searcher.search(query, limit=limit or self.count, count=False, order_by_field="key").hits
        if self.identity:
            return set(map(_first, hits))
        of = self.ordinal_of_key
        return {of[k] for k, _ in hits}

    def _estimate(self, norm: str) -> int:
        """At most this many records contain `norm`: its rarest bigram's (or character's) count."""
        field = "b1" if len(norm) == 1 else "b2"
        grams = term_grams(norm)
        title_field = "t" + field[1]
        return min(self.searcher.doc_freq(field, g) + self.searcher.doc_freq(title_field, g) for g in grams)

    def keys_filter(self, ordinals) -> tantivy.Query:
        """A filter (adding nothing to scores) for the records `ordinals`."""
        return self._keys_filter(ordinals)

    def _keys_filter(self, ordinals) -> tantivy.Query:
        key_of = self.key_of
        return Q.const_score_query(self._with_keys([key_of[o] for o in ordinals]), 0.0)

    def _records(self, ordinals) -> tantivy.Query:
        """The records `ordinals` (those of this build; any other is left out)."""
        key_of = self.key_of
        return self._with_keys([key_of[o] for o in ordinals if 0 <= o < len(key_of)])

    def _with_keys(self, keys: list[int]) -> tantivy.Query:
        """The records with these keys: up to KEY_TERMS, one term look-up each (64 keys and a common
        word: 0.17–0.19 ms at 100×); a term-set query walks the key field's term dictionary (1.2 ms for
        the same), which pays off only past several hundred keys (1,000: 4.1 against 5.4 ms)."""
        if not keys:
            return Q.empty_query()
        if len(keys) > KEY_TERMS:
            return Q.term_set_query(self.schema, "key", keys)
        return Q.boolean_query([(SHOULD, Q.term_query(self.schema, "key", key)) for key in keys])

    def _term_query(self, norm: str, part: str | None) -> tantivy.Query:
        prefixes = ("t", "b") if part is None else ("t",) if part == "title" else ("b",)
        if len(norm) == 1:
            queries = [Q.term_query(self.schema, p + "1", norm) for p in prefixes]
        elif len(norm) == 2:
            queries = [Q.term_query(self.schema, p + "2", norm) for p in prefixes]
        else:
            grams: list[str | tuple[int, str]] = list(bigrams(norm))  # phrase_query also takes (offset, word)
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
                return {o for o in within if _contains(self.match_text(o), norm, part, bool(self.has_title[o]))}
            if len(within) <= FILTER_MAX and len(within) * 8 < self._estimate(norm):
                query = Q.boolean_query([(MUST, self._term_query(norm, part)), (MUST, self._keys_filter(within))])
                return self._ordinals(query, len(within)) & within
            return self._ordinals(self._term_query(norm, part)) & within
        return self._ordinals(self._term_query(norm, part))

    def select(self, tree: Node | None, filters, context) -> TantivySelection | None:
        """The request answered inside tantivy (selection.py); None when its tree holds a node that
        is evaluated on the records or texts (the service then uses sets)."""
        match = Q.all_query() if tree is None else self._compile(tree)
        if match is None:
            return None
        answerable = self.gram_sets is not None and not filters and tree is not None and _gram_answerable(tree)
        return TantivySelection(self, match, filters, context, tree if answerable else None)

    def candidate_keys(self, tree: Node) -> np.ndarray:
        """The live records' keys (ascending) of a set holding every record `tree` matches, from the
        gram sets (gramsets.py; _gram_answerable(tree))."""
        keys = self._gram_candidates(tree)
        return keys if self._live_keys is None else keys[self._live_keys[keys]]

    def candidates_query(self, node: Node) -> tantivy.Query:
        """The records candidate_keys(node) gives, as a tantivy query: each term's grams (in the title
        or in the text) where the term was."""
        if isinstance(node, Term):
            grams = [
                _any_of([Q.term_query(self.schema, p + str(len(g)), g) for p in ("t", "b")])
                for g in sorted(term_grams(node.norm))
            ]
            return grams[0] if len(grams) == 1 else Q.boolean_query([(MUST, g) for g in grams])
        if isinstance(node, Records):
            return cast(tantivy.Query, self._compile(node))  # rosters by their labels, other records by key
        if isinstance(node, Or):
            return Q.boolean_query([(SHOULD, self.candidates_query(c)) for c in node.children])
        assert isinstance(node, And)
        return Q.boolean_query(
            [
                (MUST_NOT, self.candidates_query(c.child)) if isinstance(c, Not) else (MUST, self.candidates_query(c))
                for c in node.children
            ]
        )

    def keys_of(self, query: tantivy.Query, limit: int) -> np.ndarray:
        """The keys (ascending) of up to `limit` records `query` matches."""
        if limit <= 0:
            return np.zeros(0, dtype=np.int64)
        hits = self.searcher.search(query, limit=limit, count=False, order_by_field="key").hits
        return np.sort(np.fromiter(map(_first, hits), dtype=np.int64, count=len(hits)))

    def _gram_candidates(self, node: Node) -> np.ndarray:
        grams = self.gram_sets
        assert grams is not None
        if isinstance(node, Term):
            return grams.candidates(term_grams(node.norm))
        if isinstance(node, Records):
            key_of, count = self.key_of, len(self.key_of)
            keys = [key_of[o] for o in node.ordinals if 0 <= o < count]
            return np.sort(np.array(keys, dtype=np.int64))
        if isinstance(node, Or):
            return grams.union([self._gram_candidates(c) for c in node.children])
        assert isinstance(node, And)
        found = grams.intersect([self._gram_candidates(c) for c in node.children if not isinstance(c, Not)])
        for child in node.children:
            if isinstance(child, Not):  # a term of one or two characters: its records exactly
                found = grams.minus(found, grams.candidates(term_grams(cast(Term, child.child).norm)))
        return found

    def status_changes(self, status_docs) -> dict[str, str | None]:
        """The documents whose status today (`status_docs`) differs from the one their records carry
        in their `validity:` facet terms, with today's status (None: none today). Usually empty: a build writes today's."""
        cached = self._changes  # read once: another thread may be asking for another day
        if cached is None or cached[0] is not status_docs:
            today = {doc: status for status, docs in status_docs.items() for doc in docs}
            written = self.written_statuses
            changed = {d: today.get(d) for d in today.keys() | written.keys() if today.get(d) != written.get(d)}
            cached = (status_docs, changed)
            self._changes = cached
        return cached[1]

    def ordinals_of(self, query: tantivy.Query, limit: int | None = None) -> set[int]:
        return self._ordinals(query, limit)

    def matching(self, node: Node) -> set[int] | None:
        """The records matching a boolean tree of terms (AND, OR, NOT), as ONE tantivy query: only the
        answer's records are read out of tantivy, not each term's (reading a hit costs more than
        evaluating it: "工作 管理" reads 1,910 hits instead of 17,700). None when the tree holds a node
        evaluated on the records or texts (NEAR, 文号代字): the Matcher does those."""
        query = self._compile(node)
        return None if query is None else self._ordinals(query)

    def _rosters(self, ordinals: frozenset[int]) -> tantivy.Query:
        """The rosters (querylang.Rosters: the service's Snapshot.rosters) as the query most of them were
        found by — clauses holding a member-list label (组长:, 成员: …) — and the others by key. Asked by
        key alone, thousands of rosters at 300× made every run of a roster question's query walk the key
        field's terms (8–10 ms a run, four runs a search). Checked once per set: the same records."""
        query = self._roster_queries.get(ordinals)
        if query is None:
            labels = Q.boolean_query(
                [(SHOULD, cast(tantivy.Query, self._compile(Term(f)))) for f in ROSTER_LABEL_FORMS]
            )
            labelled = Q.boolean_query([(MUST, labels), (MUST, Q.term_query(self.schema, "kind", "clause"))])
            found = self._ordinals(labelled)
            if not found <= ordinals:  # not the service's rosters: by key, as any set of records
                query = self._records(ordinals)
            elif found != ordinals:
                query = Q.boolean_query([(SHOULD, labelled), (SHOULD, self._records(ordinals - found))])
            else:
                query = labelled
            if len(self._roster_queries) < 8:  # one set a build (the snapshot's rosters); bounded all the same
                self._roster_queries[ordinals] = query
        return query

    def _compile(self, node: Node) -> tantivy.Query | None:
        if isinstance(node, Term):
            if node.guarded:
                return None  # a short form is checked against the words of the text: the Matcher does it
            if not node.norm or SEP in node.norm:
                return Q.empty_query()
            query = self._term_query(node.norm, node.field)
            if node.wenhao:  # as Matcher._term: its own records and those citing it, however printed
                canonical, schema = node.wenhao.canonical, self.schema
                own = [Q.term_query(schema, "wenhao", canonical), Q.term_query(schema, "cites", canonical)]
                query = Q.boolean_query([(SHOULD, q) for q in [query, *own]])
            return query
        if isinstance(node, Rosters):
            return self._rosters(node.ordinals)
        if isinstance(node, Office):  # the offices whose name holds it (matching.OfficeNames), by their facet terms
            held = self.offices.holding(node.text)
            if not held:
                return Q.empty_query()
            return _any_of([Q.term_query(self.schema, FACETS_FIELD, facet_term("office", o)) for o in held])
        if isinstance(node, Records):
            return self._records(node.ordinals)
        if isinstance(node, Dated):
            # as matching.dated_matches: documents and entries (a span: clauses too), by overlap
            dated = [
                Q.range_query(self.schema, "d_from", tantivy.FieldType.Integer, None, day_number(node.high)),
                Q.range_query(self.schema, "d_to", tantivy.FieldType.Integer, day_number(node.low), None),
                Q.boolean_query([(SHOULD, Q.term_query(self.schema, "kind", k)) for k in dated_kinds(node)]),
            ]
            return Q.boolean_query([(MUST, q) for q in dated])
        if isinstance(node, Not):
            excluded = self._compile(node.child)
            return None if excluded is None else everything_but(excluded)
        if isinstance(node, (And, Or)):
            clauses = []
            for child in node.children:
                negated = isinstance(node, And) and isinstance(child, Not)
                compiled = self._compile(child.child if isinstance(child, Not) and negated else child)
                if compiled is None:
                    return None
                clauses.append((MUST_NOT if negated else MUST if isinstance(node, And) else SHOULD, compiled))
            if all(occur == MUST_NOT for occur, _ in clauses):
                clauses.append((MUST, Q.all_query()))
            return Q.boolean_query(clauses)
        return None

    def match_text(self, ordinal: int) -> str:
        return self.text_store.match(self.key_of[ordinal])

    def text(self, ordinal: int) -> str:
        return self.text_store.display(self.key_of[ordinal])

    def texts(self, ordinals) -> list[str]:
        display, key_of = self.text_store.display, self.key_of
        return [display(key_of[o]) for o in ordinals]

    def match_texts(self, ordinals) -> list[str]:
        match, key_of = self.text_store.match, self.key_of
        return [match(key_of[o]) for o in ordinals]

    def snippet_texts(self, ordinals, max_bytes: int) -> list[tuple[str, str | None, bool]]:
        out: list[tuple[str, str | None, bool]] = []
        store, key_of, has_title = self.text_store, self.key_of, self.has_title
        for ordinal in ordinals:
            slot = key_of[ordinal]
            display, norm = store.both_head(slot, max_bytes)
            if norm is None:
                out.append((display, None, False))
            else:
                out.append((display, norm.partition(SEP)[2] if has_title[ordinal] else norm, True))
        return out

    def with_wenhao(self, canonical: str) -> set[int]:
        return self._ordinals(Q.term_query(self.schema, "wenhao", canonical))

    def citing(self, canonical: str) -> set[int]:
        return self._ordinals(Q.term_query(self.schema, "cites", canonical))

    def rank(self, spec, allowed: set[int], limit: int) -> list[tuple[int, float]]:
        query = self._scoring_query(spec)
        if query is None or not allowed or limit <= 0:
            return []
        if len(allowed) <= FILTER_MAX:
            query = Q.boolean_query([(MUST, query), (MUST, self._keys_filter(allowed))])
        return self._top(query, limit, allowed)

    def rank_within(self, spec, selected: tantivy.Query, limit: int) -> list[tuple[int, float]]:
        """As rank, over the records `selected` matches (a filter that adds nothing to the scores)."""
        query = self._scoring_query(spec)
        if query is None or limit <= 0:
            return []
        return self._top(Q.boolean_query([(MUST, query), (MUST, Q.const_score_query(selected, 0.0))]), limit, None)

    def _scoring_query(self, spec) -> tantivy.Query | None:
        """BM25 with the whoosh reader's boosts: its own document ×100, its records ×20, citing ×5,
        title words ×4, body words ×3."""
        schema = self.schema
        parts: list[tantivy.Query] = []
        for canonical in spec.wenhao:
            own = Q.boolean_query(
                [(MUST, Q.term_query(schema, "wenhao", canonical)), (MUST, Q.term_query(schema, "kind", "document"))]
            )
            parts.append(Q.boost_query(own, 100.0))
            parts.append(Q.boost_query(Q.term_query(schema, "wenhao", canonical), 20.0))
            parts.append(Q.boost_query(Q.term_query(schema, "cites", canonical), 5.0))
        if spec.words:
            for field, boost in (("words", 3.0), ("title_words", 4.0)):
                either = Q.boolean_query([(SHOULD, Q.term_query(schema, field, w)) for w in spec.words])
                parts.append(Q.boost_query(either, boost))
        return Q.boolean_query([(SHOULD, p) for p in parts]) if parts else None

    def _top(self, query: tantivy.Query, limit: int, allowed: set[int] | None) -> list[tuple[int, float]]:
        # Read deeper until the `limit`-th allowed score is above every score not read yet, so that
        # ties are broken by ordinal over all of them: page 2 then continues page 1 exactly.
        fetch = max(limit * 2, 32)
        while True:
            hits = self.searcher.search(query, limit=fetch, count=False).hits
            scored = self._allowed(hits, allowed)
            if len(hits) < fetch or (len(scored) >= limit and scored[limit - 1][1] > hits[-1][0]):
                return scored[:limit]
            fetch *= 4

    def _allowed(self, hits, allowed: set[int] | None) -> list[tuple[int, float]]:
        if not hits:
            return []
        # "key" is an unsigned integer fast field (tantivy_engine.schema): its values are ints
        keys = cast(list[int], self.searcher.fast_field_values("key", [address for _, address in hits]))
        of = self.ordinal_of_key
        if allowed is None:
            out = [(of[key], score) for (score, _), key in zip(hits, keys)]
        else:
            out = [(of[key], score) for (score, _), key in zip(hits, keys) if of[key] in allowed]
        out.sort(key=lambda pair: (-pair[1], pair[0]))
        return out

    def close(self) -> None:
        self.text_store.close()


def _gram_answerable(node: Node) -> bool:
    """Whether the gram sets give a superset of `node`'s records: terms matched anywhere in the text (no
    field, no 文号, no short form checked against words) and records named by the service (rosters, a
    tier's) under AND and OR, and under AND the exclusion of a term of one or two characters (whose records
    they give exactly), beside a term kept."""
    if isinstance(node, Term):
        return not (node.guarded or node.wenhao or node.field) and bool(node.norm) and SEP not in node.norm
    if isinstance(node, Records):  # rosters, a tier's records: their keys exactly
        return True
    if isinstance(node, Or):
        return all(_gram_answerable(c) for c in node.children)
    if isinstance(node, And):
        kept = [c for c in node.children if not isinstance(c, Not)]
        excluded = [c.child for c in node.children if isinstance(c, Not)]
        return (
            bool(kept)
            and all(_gram_answerable(c) for c in kept)
            and all(isinstance(c, Term) and len(c.norm) <= 2 and _gram_answerable(c) for c in excluded)
        )
    return False


def _any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(SHOULD, q) for q in queries])


def _contains(match_text: str, norm: str, part: str | None, has_title: bool) -> bool:
    """The reference semantics on one record: a document's match text is "title SEP body"."""
    if part is None:
        return norm in match_text
    if not has_title:
        return part == "text" and norm in match_text
    title, _, body = match_text.partition(SEP)
    return norm in (title if part == "title" else body)
