"""A request answered by OpenSearch, page-level: one request counts the total and every facet (each
under every filter but its own, as aggregations), one ranks or orders the page, one counts the page's
documents' clauses; only the page's ids come back.

Validity: each record carries its document's status as of the build (`validity`); the documents whose
status has changed since (a date passed) are counted and filtered by today's status instead, by id.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ..engine import Context, DateFilter, FacetFilter, Filter, RankSpec, ValidityFilter, WenhaoFilter
from ..facets import FACET_BY_NAME, FACETS, VALIDITY_STATUSES
from .mapping import PAGE, day_number, facet_field

SORTS: dict[str, list] = {
    "date": [{"d_from": {"order": "asc", "missing": "_first"}}, {"seq": "asc"}],
    "-date": [{"d_from": {"order": "desc", "missing": "_last"}}, {"seq": "desc"}],
    "wenhao": [
        {"wh_year": {"order": "asc", "missing": "_last"}},
        {"wh_num": {"order": "asc", "missing": "_last"}},
        {"wh_code": {"order": "asc", "missing": "_last"}},
        {"seq": "asc"},
    ],
    "cited": [{"cited": {"order": "desc", "missing": 0}}, {"seq": "asc"}],
    # Selection.fill: documents first, newest first, then by ordinal
    "fill": [{"kind_rank": "desc"}, {"d_from": {"order": "desc", "missing": "_last"}}, {"seq": "asc"}],
}


def _all_of(queries: list[dict]) -> dict:
    if not queries:
        return {"match_all": {}}
    return queries[0] if len(queries) == 1 else {"bool": {"filter": queries}}


def _any_of(queries: list[dict]) -> dict:
    return queries[0] if len(queries) == 1 else {"bool": {"should": queries, "minimum_should_match": 1}}


class OpenSearchSelection:
    """Implements `indexer.engine.Selection` for an OpenSearchReader."""

    def __init__(self, reader, match: dict, filters: Iterable[Filter], context: Context):
        self.reader = reader
        self.match = match
        self.context = context
        self.changed = reader.status_changes(context.status_docs)
        by_name: dict[str, list[dict]] = {}
        for spec in filters:
            by_name.setdefault(spec.name, []).append(self._query(spec))
        self.filters = {name: _all_of(queries) for name, queries in by_name.items()}
        self._summary: tuple[int, dict[str, dict[str, int]]] | None = None

    def _query(self, spec: Filter) -> dict:
        if isinstance(spec, FacetFilter):
            return {"terms": {facet_field(spec.name): list(spec.values)}}
        if isinstance(spec, ValidityFilter):
            return _any_of([self._status(s) for s in spec.statuses])
        if isinstance(spec, WenhaoFilter):
            return {"term": {"cites" if spec.cites else "wenhao": spec.canonical}}
        if isinstance(spec, DateFilter):  # overlap, as SetSelection
            return _all_of(
                [
                    {"range": {"d_from": {"lte": day_number(spec.high)}}},
                    {"range": {"d_to": {"gte": day_number(spec.low)}}},
                ]
            )
        raise TypeError(spec)  # pragma: no cover - every filter kind is handled above

    def _status(self, status: str) -> dict:
        """Records whose document has `status` today."""
        carried = {"term": {"validity": status}}
        if not self.changed:
            return carried
        unchanged = {"bool": {"filter": [carried], "must_not": [{"terms": {"doc": list(self.changed)}}]}}
        now = [doc for doc, s in self.changed.items() if s == status]
        return _any_of([unchanged, {"terms": {"doc": now}}]) if now else unchanged

    def _under(self, excluded: str | None = None) -> list[dict]:
        return [self.match] + [q for name, q in self.filters.items() if name != excluded]

    # -- Selection -------------------------------------------------------------------------------
    def _counted(self) -> tuple[int, dict[str, dict[str, int]]]:
        """The total and every facet's counts, in one request."""
        if self._summary is not None:
            return self._summary
        sizes = self.reader.facet_sizes
        under_all: dict[str, dict] = {}
        aggs: dict[str, dict] = {}
        for facet in FACETS:
            name = facet.name
            counted: dict
            if facet.computed:
                counted = {"filters": {"filters": {s: self._status(s) for s in VALIDITY_STATUSES}}}
            else:
                counted = {"terms": {"field": facet_field(name), "size": sizes[name], "min_doc_count": 1}}
            if name in self.filters:
                others = [q for n, q in self.filters.items() if n != name]
                aggs[f"x_{name}"] = {"filter": _all_of(others), "aggs": {"v": counted}}
            else:
                under_all[name] = counted
        aggs["all"] = {"filter": _all_of(list(self.filters.values())), "aggs": under_all}
        body: dict = {"query": {"bool": {"filter": [self.match]}}, "size": 0, "track_total_hits": False, "aggs": aggs}
        answer = self.reader.search(body)["aggregations"]
        counts: dict[str, dict[str, int]] = {}
        for facet in FACETS:
            name = facet.name
            found = answer[f"x_{name}"]["v"] if name in self.filters else answer["all"][name]
            if facet.computed:
                counts[name] = {k: b["doc_count"] for k, b in found["buckets"].items() if b["doc_count"]}
            else:
                counts[name] = {str(b["key"]): b["doc_count"] for b in found["buckets"] if b["doc_count"]}
        self._summary = (answer["all"]["doc_count"], counts)
        return self._summary

    def count(self) -> int:
        return self._counted()[0]

    def facet_counts(self, name: str) -> dict[str, int]:
        FACET_BY_NAME[name]  # an unknown facet is a KeyError, as with the sets
        return dict(self._counted()[1][name])

    def rank(self, spec: RankSpec, limit: int) -> list[tuple[int, float]]:
        return self.reader.rank_within(spec, self._under(), limit)

    def first(self, order: str, count: int) -> list[int]:
        return self._sorted(SORTS[order], count)

    def members(self, ordinals: list[int]) -> set[int]:
        """Which of `ordinals` the request selects: one search bounded to their ids."""
        if not ordinals:
            return set()
        return set(self._sorted(SORTS["fill"], len(ordinals), [self.reader.ids_query(ordinals)]))

    def fill(self, seen: Collection[int], count: int) -> list[int]:
        extra = [{"bool": {"must_not": [self.reader.ids_query(seen)]}}] if seen else []
        return self._sorted(SORTS["fill"], count, extra)

    def _sorted(self, sort: list, count: int, extra: list[dict] | None = None) -> list[int]:
        """The first `count` in `sort`, a page of at most PAGE ids per request (search_after on the sort
        values, which end with `seq`, unique): a count past the index's result window (every hit of a
        trend, an export) is read in pages, never refused."""
        out: list[int] = []
        after = None
        query = {"bool": {"filter": self._under() + (extra or [])}}
        while len(out) < count:
            size = min(count - len(out), PAGE)
            body = {"query": query, "size": size, "_source": False, "sort": sort, "track_total_hits": False}
            if after is not None:
                body["search_after"] = after
            hits = self.reader.search(body)["hits"]["hits"]
            out += self.reader.ordinals_of_hits(hits)
            if len(hits) < size:
                break
            after = hits[-1]["sort"]
        return out

    def clause_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        wanted = list(doc_ids)
        if not wanted:
            return {}
        query = self._under() + [{"term": {"kind": "clause"}}, {"terms": {"doc": wanted}}]
        body = {
            "query": {"bool": {"filter": query}},
            "size": 0,
            "track_total_hits": False,
            "aggs": {"doc": {"terms": {"field": "doc", "size": len(wanted)}}},
        }
        buckets = self.reader.search(body)["aggregations"]["doc"]["buckets"]
        per_doc = {b["key"]: b["doc_count"] for b in buckets}
        return {d: per_doc.get(d, 0) for d in wanted}
