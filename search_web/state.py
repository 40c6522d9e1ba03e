"""The search page's whole state lives in its URL. These helpers turn a SearchRequest back into
canonical URL parameters, build the few links that change one thing (the tab, the page), and apply
`_toggle=name:value` (a facet value, a chip) so that facet buttons need not each carry the state.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote_plus, urlencode

from flask import url_for

from indexer.api import DEFAULT_SIZE, SearchRequest
from indexer.facets import FACET_BY_NAME, FACETS

# facet names and values recur from request to request (years, offices, issues): quoted once each
_quoted = lru_cache(maxsize=8192)(quote_plus)

SINGLE = ("q", "wenhao", "cites", "from", "to", "near", "exact", "sort", "size")  # parameters that hold one value
TOGGLE = "_toggle"

Pairs = list[tuple[str, str]]


def state_pairs(req: SearchRequest) -> Pairs:
    """Canonical URL parameters for `req`, page excluded (any change of state goes back to page 1)."""
    pairs: Pairs = [("q", req.query)] if req.query else []
    for facet in FACETS:
        pairs += [(facet.name, v) for v in req.selected(facet.name)]
    for name, value in (("wenhao", req.wenhao), ("cites", req.cites)):
        if value:
            pairs.append((name, value))
    if req.date_from:
        pairs.append(("from", req.date_from.isoformat()))
    if req.date_to:
        pairs.append(("to", req.date_to.isoformat()))
    if req.near:
        pairs.append(("near", req.near))
    pairs += [("within", w) for w in req.within]
    if req.exact:
        pairs.append(("exact", "1"))
    if req.sort != "relevance":
        pairs.append(("sort", req.sort))
    if req.size != DEFAULT_SIZE:
        pairs.append(("size", str(req.size)))
    return pairs


def apply_toggles(params: dict[str, list[str]]) -> Pairs:
    """The parameters with each `_toggle=name:value` applied: a selected value is removed, another
    one added (replacing the old value of a single-valued parameter); page resets to 1."""
    pairs: Pairs = [(k, v) for k, values in params.items() if k not in (TOGGLE, "page") for v in values]
    for token in params.get(TOGGLE, []):
        name, sep, value = token.partition(":")
        if not sep or not value:
            continue
        if (name, value) in pairs:
            pairs.remove((name, value))
        elif name in SINGLE or (name in FACET_BY_NAME and not FACET_BY_NAME[name].multi):
            pairs = [(k, v) for k, v in pairs if k != name] + [(name, value)]
        else:
            pairs.append((name, value))
    return pairs


class SearchUrls:
    """Links derived from one request, to the HTML page or (endpoint="search.search_json") its twin."""

    def __init__(self, req: SearchRequest, endpoint: str = "search.search_page", extra: Pairs | None = None, **values):
        self.req = req
        self.endpoint = endpoint
        self.values = values  # the endpoint's own URL values (fmt="json")
        self.pairs = state_pairs(req) + list(extra or [])  # extra: the page's own view settings (view=flat)
        self._pair_set = set(self.pairs)
        # a JSON twin carries a link per facet value: the route and the encoded state are made once
        self._bases: dict[tuple, str] = {}
        self._encoded: str | None = None

    def _base(self, endpoint: str | None, values: dict) -> str:
        key = (endpoint, tuple(sorted(values.items())))
        base = self._bases.get(key)
        if base is None:
            base = url_for(endpoint or self.endpoint, **(values if endpoint else {**self.values, **values}))
            self._bases[key] = base
        return base

    def url(self, pairs: Pairs, endpoint: str | None = None, **values) -> str:
        base = self._base(endpoint, values)
        return f"{base}?{urlencode(pairs)}" if pairs else base

    def _with(self, name: str, value: str) -> str:
        """The current state plus one parameter: what urlencode(pairs + [(name, value)]) gives."""
        if self._encoded is None:
            encoded = urlencode(self.pairs)
            self._encoded = f"{self._base(None, {})}?{encoded}&" if encoded else f"{self._base(None, {})}?"
        return f"{self._encoded}{_quoted(name)}={_quoted(value)}"  # as urlencode writes one pair

    def current(self, endpoint: str | None = None, **values) -> str:
        return self.url(self.pairs, endpoint, **values)

    def hidden(self, *skip: str) -> Pairs:
        """The state as hidden form fields, without the parameters the form itself sets."""
        return [(k, v) for k, v in self.pairs if k not in skip]

    def is_selected(self, name: str, value: str) -> bool:
        return (name, value) in self._pair_set

    def toggle(self, name: str, value: str) -> str:
        """Select `value` of `name`, or clear it when it is already selected (the JSON twin's links)."""
        if self.is_selected(name, value):
            return self.without(name, value)
        facet = FACET_BY_NAME.get(name)
        if name in SINGLE or (facet is not None and not facet.multi):
            return self.replace(name, value)
        return self._with(name, value)

    def replace(self, name: str, value: str | None) -> str:
        pairs = [(k, v) for k, v in self.pairs if k != name]
        if value:
            pairs.append((name, value))
        return self.url(pairs)

    def without(self, name: str, value: str | None = None) -> str:
        return self.url([(k, v) for k, v in self.pairs if not (k == name and (value is None or v == value))])

    def page(self, number: int) -> str:
        return self.url(self.pairs + ([("page", str(number))] if number > 1 else []))
