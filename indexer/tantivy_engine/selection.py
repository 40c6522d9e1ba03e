"""A request answered inside tantivy: the query tree and the filters as one tantivy query, counted,
faceted and ranked there; only the page's records are read out.

Reading a hit out of tantivy into Python costs more than tantivy takes to find it (~0.2 µs a hit: a
common character at 100× is 18,000 hits, 3.3 ms), so the sets' way (indexer.selection.SetSelection)
spends most of a common query turning hits into ordinals. Here the total is tantivy's count, each
facet is tantivy's term counts over the `f_<facet>` field under the query and every other facet's
filter, validity is the per-document counts of `doc` summed by today's statuses, and the ranking reads
only the best hits. `ordinals()` still reads every hit, for the orders that need them all (date, 文号).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import tantivy

from ..engine import DateFilter, FacetFilter, Filter, RankSpec, ValidityFilter, WenhaoFilter
from ..facets import FACET_BY_NAME
from .schema import day_number, facet_field

Q = tantivy.Query
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should


class TantivySelection:
    """Implements `indexer.engine.Selection` for a TantivyReader."""

    def __init__(
        self, reader, match: tantivy.Query, filters: Iterable[Filter], status_docs: Mapping[str, Sequence[str]]
    ):
        self.reader = reader
        self.schema = reader.schema
        self.searcher = reader.searcher
        self.match = match
        self.status_docs = status_docs
        by_name: dict[str, list[tantivy.Query]] = {}
        for spec in filters:
            by_name.setdefault(spec.name, []).append(self._query(spec))
        self.filters = {name: _all_of(queries) for name, queries in by_name.items()}
        self._under_cache: dict[str | None, tantivy.Query] = {}
        self._count: int | None = None
        self._ordinals: set[int] | None = None

    # -- filters as queries ----------------------------------------------------------------------
    def _query(self, spec: Filter) -> tantivy.Query:
        schema = self.schema
        if isinstance(spec, FacetFilter):
            field = facet_field(spec.name)
            return _any_of([Q.term_query(schema, field, value) for value in spec.values])
        if isinstance(spec, ValidityFilter):
            docs = [d for status in spec.statuses for d in self.status_docs.get(status, ())]
            return Q.term_set_query(schema, "doc", docs) if docs else Q.empty_query()
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
        under = self._under(name)
        if FACET_BY_NAME[name].computed:  # validity: records per document, summed by status
            counts: dict[str, int] = {}
            per_doc = self._per_doc(under)
            for status, docs in self.status_docs.items():
                total = sum(per_doc.get(d, 0) for d in docs)
                if total:
                    counts[status] = total
            return counts
        found = self.searcher.terms_with_prefix(facet_field(name), "", filter_query=under)
        return {value: count for value, count in found if count}

    def _per_doc(self, query: tantivy.Query) -> dict[str, int]:
        size = max(self.reader.count, 1)  # every document's bucket: the counts are exact
        agg = {"doc": {"terms": {"field": "doc", "size": size, "segment_size": size}}}
        buckets = self.searcher.aggregate(query, agg)["doc"]["buckets"]
        return {bucket["key"]: bucket["doc_count"] for bucket in buckets}

    def rank(self, spec: RankSpec, limit: int) -> list[tuple[int, float]]:
        return self.reader.rank_within(spec, self._under(), limit)

    def ordinals(self) -> set[int]:
        if self._ordinals is None:
            self._ordinals = self.reader.ordinals_of(self._under())
        return self._ordinals

    def clause_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        wanted = list(doc_ids)
        if not wanted:
            return {}
        clauses = _all_of([self._under(), Q.term_query(self.schema, "kind", "clause")])
        per_doc = self._per_doc(_all_of([clauses, Q.term_set_query(self.schema, "doc", wanted)]))
        return {d: per_doc.get(d, 0) for d in wanted}


def _all_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(MUST, q) for q in queries])


def _any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(SHOULD, q) for q in queries])
