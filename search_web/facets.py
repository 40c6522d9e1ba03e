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
SHOWN_EXPANDED = 1000  # values listed for a facet the page was asked to show in full (_all=name)
EXPAND = "_all"  # the parameter naming a facet to list in full


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
    expanded: bool = False  # listed in full (up to SHOWN_EXPANDED) because the page asked for it


def _listed(result: SearchResult, facet, expanded: bool = False) -> tuple[list[tuple[str, str, int]], int]:
    """(value, label, count) of the values a facet lists, and how many more it has."""
    values = result.facets.get(facet.name, [])
    listed = list(values[: SHOWN_EXPANDED if expanded else SHOWN])  # only these are read (indexer.api.FacetValues)
    selected = result.request.selected(facet.name)
    chosen = set(selected)
    # a selected value stays listed (count 0 if need be) so that it can always be cleared
    extra = [v for v in values[SHOWN:] if v.value in chosen] if chosen else []
    rows = [(str(v.value), v.label, v.count) for v in listed + extra]
    if chosen:
        shown = {v.value for v in listed} | {v.value for v in extra}
        labels = result.selected_labels.get(facet.name, {})
        rows += [
            (str(value), labels.get(value) or facet.label_of(value), 0) for value in selected if value not in shown
        ]
    return rows, len(values) - len(listed) - len(extra)


def build_facets(
    result: SearchResult, urls: SearchUrls, with_urls: bool = False, expanded: tuple[str, ...] = ()
) -> list[FacetView]:
    """The facets as the page lists them; those named in `expanded` with every value (up to SHOWN_EXPANDED)."""
    views = []
    for facet in FACETS:
        rows, more = _listed(result, facet, facet.name in expanded)
        view = FacetView(facet.name, facet.label, more=more, expanded=facet.name in expanded)
        for value, label, count in rows:
            view.options.append(
                FacetOption(
                    value,
                    label,
                    count,
                    urls.is_selected(facet.name, value),
                    f"{facet.name}:{value}",
                    urls.toggle(facet.name, value) if with_urls else None,
                )
            )
        views.append(view)
    return views


def facets_json(result: SearchResult, urls: SearchUrls, expanded: tuple[str, ...] = ()) -> dict[str, list[dict]]:
    """What FacetOption.to_dict gives for every listed value, built as dicts directly (the JSON twin
    lists ~70 values a request; the views and their dataclasses were a tenth of its time)."""
    out = {}
    for facet in FACETS:
        name = facet.name
        rows, _ = _listed(result, facet, name in expanded)
        out[name] = [
            {
                "value": value,
                "label": label,
                "count": count,
                "selected": urls.is_selected(name, value),
                "toggle_url": urls.toggle(name, value),
            }
            for value, label, count in rows
        ]
    return out
