"""Facets as the templates and the JSON twin see them, from the indexer's facet table.

Each value knows its count, whether it is selected, and how to toggle it: on the page a button
`_toggle=name:value` inside one form that carries the state once (so a page grows with its input, not
with its square); in the JSON twin a `toggle_url`."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.api import SearchResult
from indexer.facets import FACETS

from .state import SearchUrls

SHOWN = 30  # values listed per facet (the most frequent; selected values are always listed)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    toggle: str  # "name:value", submitted as _toggle
    toggle_url: str | None = None

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "label": self.label,
            "count": self.count,
            "selected": self.selected,
            "toggle_url": self.toggle_url,
        }


@dataclass
class FacetView:
    name: str  # also the URL parameter it sets
    title: str
    options: list[FacetOption] = field(default_factory=list)
    more: int = 0  # values not listed

    @property
    def has_selection(self) -> bool:
        return any(o.selected for o in self.options)


def build_facets(result: SearchResult, urls: SearchUrls, with_urls: bool = False) -> list[FacetView]:
    views = []
    for facet in FACETS:
        values = result.facets.get(facet.name, [])
        listed = values[:SHOWN]
        selected = set(result.request.selected(facet.name))
        shown = {v.value for v in listed}
        # a selected value stays listed (count 0 if need be) so that it can always be cleared
        extra = [v for v in values[SHOWN:] if v.value in selected]
        view = FacetView(facet.name, facet.label, more=len(values) - len(listed) - len(extra))
        for v in listed + extra:
            view.options.append(_option(facet.name, v.value, v.label, v.count, urls, with_urls))
        for value in result.request.selected(facet.name):
            if value not in shown and not any(v.value == value for v in extra):
                view.options.append(_option(facet.name, value, facet.label_of(value), 0, urls, with_urls))
        views.append(view)
    return views


def _option(name, value, label, count, urls: SearchUrls, with_urls: bool) -> FacetOption:
    return FacetOption(
        str(value),
        label,
        count,
        urls.is_selected(name, str(value)),
        f"{name}:{value}",
        urls.toggle(name, str(value)) if with_urls else None,
    )


def facets_json(result: SearchResult, urls: SearchUrls) -> dict[str, list[dict]]:
    return {f.name: [o.to_dict() for o in f.options] for f in build_facets(result, urls, with_urls=True)}
