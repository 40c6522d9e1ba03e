"""The search page's whole state lives in its URL. These helpers turn a SearchRequest back into
canonical URL parameters and build the links that change one thing (a facet value, the tab, the page).
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import url_for

from indexer.api import SearchRequest

KIND_LABELS = {"document": "文件", "clause": "条款", "chronicle": "大事记"}
SORT_LABELS = {"relevance": "相关度", "-date": "日期（新→旧）", "date": "日期（旧→新）"}
DEFAULT_SIZE = SearchRequest().size
SINGLE = ("q", "kind", "wenhao", "cites", "from", "to", "sort", "size")  # at most one value each
MULTI = ("year", "office", "type", "issue")  # facets that take several values at once

Pairs = list[tuple[str, str]]


def state_pairs(req: SearchRequest) -> Pairs:
    """Canonical URL parameters for `req`, page excluded (any change of state goes back to page 1)."""
    pairs: Pairs = []
    for name, value in (("q", req.query), ("kind", req.kind), ("wenhao", req.wenhao), ("cites", req.cites)):
        if value:
            pairs.append((name, value))
    pairs += [("year", str(y)) for y in req.years]
    pairs += [("office", v) for v in req.offices]
    pairs += [("type", v) for v in req.types]
    pairs += [("issue", v) for v in req.issues]
    if req.date_from:
        pairs.append(("from", req.date_from.isoformat()))
    if req.date_to:
        pairs.append(("to", req.date_to.isoformat()))
    if req.sort != "relevance":
        pairs.append(("sort", req.sort))
    if req.size != DEFAULT_SIZE:
        pairs.append(("size", str(req.size)))
    return pairs


class SearchUrls:
    """Links derived from one request, to the HTML page or (endpoint="search.search_json") its twin."""

    def __init__(self, req: SearchRequest, endpoint: str = "search.search_page"):
        self.req = req
        self.endpoint = endpoint
        self.pairs = state_pairs(req)

    def url(self, pairs: Pairs, endpoint: str | None = None) -> str:
        base = url_for(endpoint or self.endpoint)
        return f"{base}?{urlencode(pairs)}" if pairs else base

    def current(self, endpoint: str | None = None) -> str:
        return self.url(self.pairs, endpoint)

    def is_selected(self, name: str, value: str) -> bool:
        return (name, value) in self.pairs

    def toggle(self, name: str, value: str) -> str:
        """Select `value` of facet `name`, or clear it when it is already selected."""
        if self.is_selected(name, value):
            return self.without(name, value)
        if name in SINGLE:
            return self.replace(name, value)
        return self.url(self.pairs + [(name, value)])

    def replace(self, name: str, value: str | None) -> str:
        pairs = [(k, v) for k, v in self.pairs if k != name]
        if value:
            pairs.append((name, value))
        return self.url(pairs)

    def without(self, name: str, value: str | None = None) -> str:
        return self.url([(k, v) for k, v in self.pairs if not (k == name and (value is None or v == value))])

    def page(self, number: int) -> str:
        return self.url(self.pairs + ([("page", str(number))] if number > 1 else []))
