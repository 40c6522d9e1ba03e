"""A request answered inside tantivy: the query tree and the filters as one tantivy query, counted,
faceted and ranked there; only the page's records are read out.

Reading a hit out of tantivy into Python costs more than tantivy takes to find it (~0.2 µs a hit: a
common character at 100× is 18,000 hits, 3.3 ms), so the sets' way (indexer.selection.SetSelection)
spends most of a common query turning hits into ordinals. Here the total is tantivy's count, each
facet is tantivy's term counts over the `facets` field under the query and every other facet's
filter (validity: the status each record was written with, and for the few documents whose status has
changed since, their per-document counts summed by today's status), and the ranking reads only the
best hits. A small selection (READ_MAX) is the exception: its keys are read out and its facets and a
page's clause counts counted from the facet rows kept beside the index (facetrows.py), which costs
less than tantivy's aggregation handing every bucket to Python. `ordinals()` still reads every hit, for the orders that need them all (文号, citations;
the date order after an incremental build, see first_by_date).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from operator import itemgetter

import numpy as np
import tantivy

from ..engine import Context, DateFilter, FacetFilter, Filter, RankSpec, ValidityFilter, WenhaoFilter
from ..facets import FACET_BY_NAME, FACETS
from ..querylang import Node
from ..selection import fill_from, first_in
from .schema import FACETS_FIELD, day_number, facet_prefix, facet_term, group_facet_terms

Q = tantivy.Query
_first = itemgetter(0)
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should
# Two ways to count every facet not filtered on (all of them under the request's whole query), each
# one call: a walk of the `facets` field's terms (terms_with_prefix), which runs the query into a
# bitset and then reads every term's postings, so it costs about the same for any query (at 100×,
# ~0.9 ms for 39,600 records); or one aggregation, which reads each hit's values (~0.1 µs a hit), so
# is cheap for few hits. Either way the counts are the same (tests force each); only the time
# differs. The clauses of each document (clause_counts) are not a sub-aggregation: under `kind` they
# doubled its time (兴安盟 at 100×: 1.3 → 2.6 ms), where counting them for the page's ten documents
# alone costs one more run of the query (~0.4 ms).
WALK_FIXED_MS = 0.05
WALK_PER_RECORD_MS = 2.3e-5
AGG_FIXED_MS = 0.1
AGG_PER_HIT_MS = 1e-4
# Selection.fill's kinds in order: the service's fill_key (indexer.service), which the tests hold equal
FILL_KINDS = ("document", "clause", "chronicle")
# Up to this many selected records, their keys are read out of tantivy and their facets (and a page's
# clause counts) counted from the facet rows (facetrows.py): at 100× ~0.07 ms for 65 hits and ~0.4 ms for
# 1,750, against ~0.3 and ~0.85 ms for the aggregation; past a few thousand, reading keys costs more.
READ_MAX = 3_000
# A selection whose keys the gram sets gave (gramsets.py: nothing read out of tantivy) counts its facets
# from their facet rows up to this many records (工作 at 300×, 24,000: 2.5 ms against a 4.8 ms walk);
# past it, a walk of the facet terms costs less (的, 64,000: 5.1 against 4.4 ms).
KNOWN_ROWS_MAX = 50_000
# Candidates that hold a term's bigrams apart (领导小 at 300×: 9,239 records, a few hundred more holding 领导 and
# 导小 elsewhere) are read out of tantivy, up to this many, and taken out: ~0.5 µs each
APART_MAX = 2_000
AGG_BUCKETS = 65_000  # tantivy's own cap on one aggregation request's buckets (all of its facets together)


class TantivySelection:
    """Implements `indexer.engine.Selection` for a TantivyReader."""

    def __init__(
        self,
        reader,
        match: tantivy.Query,
        filters: Iterable[Filter],
        context: Context,
        grams_tree: Node | None = None,
    ):
        self.reader = reader
        self.schema = reader.schema
        self.searcher = reader.searcher
        self.match = match
        self.context = context
        self.changed = reader.status_changes(context.status_docs)
        self._changed_docs = _one_of(self.schema, "doc", list(self.changed)) if self.changed else Q.empty_query()
        by_name: dict[str, list[tantivy.Query]] = {}
        for spec in filters:
            by_name.setdefault(spec.name, []).append(self._query(spec))
        self.filters = {name: _all_of(queries) for name, queries in by_name.items()}
        self._under_cache: dict[str | None, tantivy.Query] = {}
        self._count: int | None = None
        self.plan = ""  # how the facets not filtered on were counted: "rows", "walk" or "aggregation"
        self._batch: dict[str, dict[str, int]] | None = None
        self._ordinals: set[int] | None = None
        self._selected_keys: np.ndarray | None = None
        # a tree the gram sets give a superset of (reader.candidate_keys): its keys are the selection's
        # when tantivy counts as many, or once the few it does not match are taken out (_known)
        self.grams_tree = grams_tree
        self._known_keys: bool | None = None if grams_tree is not None else False

    # -- filters as queries ----------------------------------------------------------------------
    def _query(self, spec: Filter) -> tantivy.Query:
        schema = self.schema
        if isinstance(spec, FacetFilter):
            return _any_of([Q.term_query(schema, FACETS_FIELD, facet_term(spec.name, v)) for v in spec.values])
        if isinstance(spec, ValidityFilter):
            carried = _any_of([Q.term_query(schema, FACETS_FIELD, facet_term(spec.name, s)) for s in spec.statuses])
            if not self.changed:
                return carried
            now = [d for d, status in self.changed.items() if status in spec.statuses]
            unchanged = _all_of([carried, everything_but(self._changed_docs)])
            return _any_of([unchanged, _one_of(schema, "doc", now)]) if now else unchanged
        if isinstance(spec, WenhaoFilter):
            return Q.term_query(schema, "cites" if spec.cites else "wenhao", spec.canonical)
        if isinstance(spec, DateFilter):
            # dated no later than `high` and lasting at least until `low`: overlap, as SetSelection
            low, high = day_number(spec.low), day_number(spec.high)
            return _all_of(
                [
                    Q.range_query(schema, "d_from", tantivy.FieldType.Integer, None, high),
                    Q.range_query(schema, "d_to", tantivy.FieldType.Integer, low, None),
                ]
            )
        raise TypeError(spec)  # pragma: no cover - every filter kind is handled above

    def _under(self, excluded: str | None = None) -> tantivy.Query:
        """The query under every filter but those of the facet `excluded`."""
        key = excluded if excluded in self.filters else None
        query = self._under_cache.get(key)
        if query is None:
            others = [q for name, q in self.filters.items() if name != key]
            query = _all_of([self.match, *others]) if others else self.match
            self._under_cache[key] = query
        return query

    # -- Selection -------------------------------------------------------------------------------
    def count(self) -> int:
        if self._count is None:
            self._count = self.searcher.search(self._under(), limit=1, count=True).count
        return self._count

    def facet_counts(self, name: str) -> dict[str, int]:
        if self.count() == 0 and name not in self.filters:
            return {}
        batch = self._batched()
        if name in batch:
            return batch[name]
        under = self._under(name)
        if FACET_BY_NAME[name].computed and self.changed:  # validity, some documents' changed since
            counts = self._terms([name], _all_of([under, everything_but(self._changed_docs)]))[name]
            changed_docs = self._per_doc(_all_of([under, self._changed_docs]))
            for doc, count in changed_docs.items():
                status = self.changed.get(doc)
                if status and count:
                    counts[status] = counts.get(status, 0) + count
            return counts
        return self._terms([name], under)[name]

    def _known(self) -> bool:
        """Whether the selection's keys came from the gram sets (then kept as `_selected_keys`): their
        candidates, when tantivy counts as many records (a superset of the same size is the set); or,
        when it counts up to APART_MAX fewer (领导 and 导小 apart), the candidates without those few,
        read out of tantivy as the candidates' query without the match."""
        if self._known_keys is None:
            assert self.grams_tree is not None
            reader = self.reader
            keys = reader.candidate_keys(self.grams_tree)
            extra = len(keys) - self.count()
            if 0 < extra <= APART_MAX:
                apart = _all_of([reader.candidates_query(self.grams_tree), everything_but(self._under())])
                left_out = reader.keys_of(apart, extra + 1)
                if len(left_out) == extra:  # else the grams and tantivy's terms differ: its hits are read
                    keys = reader.gram_sets.minus(keys, left_out)
            self._known_keys = len(keys) == self.count()
            if self._known_keys:
                self._selected_keys = keys
        return self._known_keys

    def _batched(self) -> dict[str, dict[str, int]]:
        """The counts of every facet counted under the request's whole query (those not filtered on):
        from the selected keys' facet rows when few records are selected, else by one aggregation or one
        walk of the facet terms, whichever costs less (see above)."""
        if self._batch is None:
            names = [f.name for f in FACETS if f.name not in self.filters and not (f.computed and self.changed)]
            if names and (self.count() <= READ_MAX or (self.count() <= KNOWN_ROWS_MAX and self._known())):
                self.plan = "rows"
                self._batch = self.reader.facet_rows.facet_counts(self._keys(), names)
                return self._batch
            walk = WALK_FIXED_MS + self.reader.count * WALK_PER_RECORD_MS
            batch = None
            if names and AGG_FIXED_MS + self.count() * AGG_PER_HIT_MS < walk:
                batch = self._aggregate(names)
            self.plan = "aggregation" if batch is not None else "walk" if names else ""  # "": all filtered
            self._batch = batch if batch is not None else self._terms(names, self._under()) if names else {}
        return self._batch

    def _keys(self) -> np.ndarray:
        """Every selected record's key: the gram sets' (_known), or one search read out (for small
        selections only)."""
        if self.grams_tree is not None:
            self._known()  # sets the keys when the gram sets give them
        if self._selected_keys is None:
            count = self.count()
            hits = (
                self.searcher.search(self._under(), limit=count, count=False, order_by_field="key").hits
                if count
                else []
            )
            self._selected_keys = np.fromiter(map(_first, hits), dtype=np.int64, count=len(hits))
        return self._selected_keys

    def _aggregate(self, names: list[str]) -> dict[str, dict[str, int]] | None:
        size = {"size": AGG_BUCKETS, "segment_size": AGG_BUCKETS}
        try:
            found = self.searcher.aggregate(self._under(), {"f": {"terms": {"field": FACETS_FIELD, **size}}})["f"]
        except ValueError:  # past tantivy's bucket limit for one request (65,000 buckets)
            return None  # walked instead
        if found.get("sum_other_doc_count"):  # more values than buckets
            return None
        return group_facet_terms(((b["key"], b["doc_count"]) for b in found["buckets"]), names)

    def _terms(self, names: list[str], query: tantivy.Query) -> dict[str, dict[str, int]]:
        """The facets `names` counted under `query` by one walk of their terms (one facet's alone)."""
        prefix = facet_prefix(names[0]) if len(names) == 1 else ""
        return group_facet_terms(self.searcher.terms_with_prefix(FACETS_FIELD, prefix, filter_query=query), names)

    def _per_doc(self, query: tantivy.Query) -> dict[str, int]:
        size = max(self.reader.count, 1)  # every document's bucket: the counts are exact
        agg = {"doc": {"terms": {"field": "doc", "size": size, "segment_size": size}}}
        buckets = self.searcher.aggregate(query, agg)["doc"]["buckets"]
        return {bucket["key"]: bucket["doc_count"] for bucket in buckets}

    def rank(self, spec: RankSpec, limit: int) -> list[tuple[int, float]]:
        return self.reader.rank_within(spec, self._under(), limit)

    def members(self, ordinals: list[int]) -> set[int]:
        """Which of `ordinals` the request selects: from the selected keys when few are selected (read
        once for the facets), else one search bounded to their keys."""
        if not ordinals:
            return set()
        if self._known():  # the keys, ascending: looked up, no set of them made
            keys, key_of = self._keys(), self.reader.key_of
            asked = np.fromiter((key_of[o] for o in ordinals), dtype=np.int64, count=len(ordinals))
            at = np.minimum(np.searchsorted(keys, asked), max(len(keys) - 1, 0))
            held = keys[at] == asked if len(keys) else np.zeros(len(asked), dtype=bool)
            return {o for o, is_held in zip(ordinals, held.tolist()) if is_held}
        if self.count() <= READ_MAX:
            selected = self.ordinals()
            return {o for o in ordinals if o in selected}
        bounded = _all_of([self._under(), self.reader.keys_filter(ordinals)])
        return self.reader.ordinals_of(bounded, len(ordinals))

    def ordinals(self) -> set[int]:
        """Every selected record, read out of tantivy (not part of the seam); a small selection from the
        keys its facets were counted from."""
        if self._ordinals is None:
            if self.count() <= READ_MAX or self._known():
                keys = self._keys().tolist()
                of = self.reader.ordinal_of_key
                self._ordinals = set(keys) if self.reader.identity else {of[k] for k in keys}
            else:
                self._ordinals = self.reader.ordinals_of(self._under())
        return self._ordinals

    def ordinal_array(self) -> np.ndarray:
        """ordinals() as a numpy array (not part of the seam): what scoring and masking use, without a
        Python set of thousands of records made and read back."""
        if self._ordinals is not None and self._selected_keys is None:  # read out already, not as keys
            return np.fromiter(self._ordinals, dtype=np.int64, count=len(self._ordinals))
        keys = self._keys()  # read once, kept (a small selection's are its facets')
        if self.reader.identity:
            return keys
        of = self.reader.ordinal_of_key  # an incremental build: only the selected keys mapped
        return np.fromiter((of[k] for k in keys.tolist()), dtype=np.int64, count=len(keys))

    def first(self, order: str, count: int) -> list[int]:
        if order in ("date", "-date"):
            return self.first_by_date(count, order == "-date", self.context.orders["date"])
        return first_in(self.context, order, self.ordinals(), count)

    def fill(self, seen: Collection[int], count: int) -> list[int]:
        """The service's fill order (documents, then clauses, then 大事记, each newest first with the
        undated last, ties by ordinal) kind by kind from the `d_from` fast field and the key, reading out
        only the first `count`: the records of a substring across words (务业 at 100×, ~2,000 hits, no
        ranking word) were every one read out and sorted in Python. Ties need keys in ordinal order
        (reader.identity: a full build); otherwise the context's fill order sorts every selected record.
        A small selection (READ_MAX) is sorted by that order too: its keys are read out for its facets
        anyway, and the runs of the query per kind here cost more (~1–4 ms for a phrase at 100×)."""
        if count <= 0:
            return []
        if self._known():
            return fill_from(self.context, self.ordinal_array(), seen, count)
        if not self.reader.identity or self.count() <= READ_MAX:
            return fill_from(self.context, self.ordinals(), seen, count)
        under = self._under()
        if seen:
            under = _all_of([under, everything_but(self.reader.keys_filter(seen))])
        out: list[int] = []
        for kind in FILL_KINDS:
            if len(out) >= count:
                break
            of_kind = _all_of([under, Q.term_query(self.schema, "kind", kind)])
            out += self._newest_first(_all_of([of_kind, self._dated]), count - len(out))
            if len(out) < count:
                undated = _all_of([of_kind, everything_but(self._dated)])
                out += self._by_key(undated, count - len(out), tantivy.Order.Asc)
        return out

    def _newest_first(self, query: tantivy.Query, count: int) -> list[int]:
        """The first `count` of `query` by day, newest first, ties by ordinal ascending (see _by_day)."""
        if count <= 0:
            return []
        desc = tantivy.Order.Desc
        hits = self.searcher.search(query, limit=count, count=False, order_by_field="d_from", order=desc).hits
        edge = hits[-1][0] if len(hits) == count else None
        before = [(day, address) for day, address in hits if day != edge]
        keys = self.searcher.fast_field_values("key", [address for _, address in before]) if before else []
        out = [key for _, key in sorted(zip([-day for day, _ in before], keys))]
        if edge is not None:
            on_edge = Q.range_query(self.schema, "d_from", tantivy.FieldType.Integer, edge, edge)
            out += self._by_key(_all_of([query, on_edge]), count - len(out), tantivy.Order.Asc)
        return out

    def first_by_date(self, count: int, newest_first: bool, by_date) -> list[int]:
        """From the `d_from` fast field: tantivy orders the hits and only the first `count` are read out,
        where walking `by_date` needs every selected record (sort=date 工作 at 100×: 8,711 read, ~2 ms).
        Ties (one day, or no date) are broken by ordinal, which is the key order only while keys are
        ordinals (reader.identity: a full build); otherwise `by_date` is walked."""
        if count <= 0:
            return []
        if not self.reader.identity:
            return by_date.first(self.ordinals(), count, reverse=newest_first)
        under = self._under()
        dated = _all_of([under, self._dated])
        undated = _all_of([under, everything_but(self._dated)])
        order = tantivy.Order.Desc if newest_first else tantivy.Order.Asc
        if newest_first:  # newest first, ties by ordinal descending, the undated last
            out = self._by_day(dated, count, order)
            return out + self._by_key(undated, count - len(out), order) if len(out) < count else out
        out = self._by_key(undated, count, order)
        return out + self._by_day(dated, count - len(out), order) if len(out) < count else out

    @property
    def _dated(self) -> tantivy.Query:
        return Q.range_query(self.schema, "d_from", tantivy.FieldType.Integer, 0, None)

    def _by_key(self, query: tantivy.Query, count: int, order) -> list[int]:
        """The first `count` of `query` by key, i.e. by ordinal (identity)."""
        if count <= 0:
            return []
        hits = self.searcher.search(query, limit=count, count=False, order_by_field="key", order=order).hits
        return [key for key, _ in hits]

    def _by_day(self, query: tantivy.Query, count: int, order) -> list[int]:
        """The first `count` of `query` by day, ties by ordinal. Tantivy breaks ties its own way, so only
        the hits before the last one's day are taken from its order; that day's are asked for by key."""
        if count <= 0:
            return []
        hits = self.searcher.search(query, limit=count, count=False, order_by_field="d_from", order=order).hits
        edge = hits[-1][0] if len(hits) == count else None  # fewer: every dated hit, nothing cut off
        before = [(day, address) for day, address in hits if day != edge]
        keys = self.searcher.fast_field_values("key", [address for _, address in before]) if before else []
        pairs = sorted(zip([day for day, _ in before], keys), reverse=order == tantivy.Order.Desc)
        out = [key for _, key in pairs]
        if edge is not None:
            on_edge = Q.range_query(self.schema, "d_from", tantivy.FieldType.Integer, edge, edge)
            out += self._by_key(_all_of([query, on_edge]), count - len(out), order)
        return out

    def clause_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        wanted = list(doc_ids)
        if not wanted:
            return {}
        if self.count() <= READ_MAX or self._known():  # from the selected keys' facet rows: no second run
            return self.reader.facet_rows.clause_counts(self._keys(), wanted)
        clauses = _all_of([self._under(), Q.term_query(self.schema, "kind", "clause")])
        per_doc = self._per_doc(_all_of([clauses, _one_of(self.schema, "doc", wanted)]))
        return {d: per_doc.get(d, 0) for d in wanted}


FEW_TERMS = 64


def _one_of(schema, field: str, values: list[str]) -> tantivy.Query:
    """Records whose raw `field` is one of `values`. A page's ten documents are ten term look-ups:
    a term-set query walks the field's term dictionary (~0.2 ms on `doc` at 100×, a clause count
    0.35 → 0.13 ms in all); past FEW_TERMS values it is the cheaper one."""
    if len(values) > FEW_TERMS:
        return Q.term_set_query(schema, field, values)
    return _any_of([Q.term_query(schema, field, value) for value in values])


def _all_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(MUST, q) for q in queries])


def everything_but(query: tantivy.Query) -> tantivy.Query:
    """Every record `query` does not match (tantivy has no bare negation)."""
    return Q.boolean_query([(MUST, Q.all_query()), (tantivy.Occur.MustNot, query)])


def _any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(SHOULD, q) for q in queries])
