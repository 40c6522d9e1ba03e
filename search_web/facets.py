"""Facets as the templates and the JSON twin see them: each value knows its count, whether it is
selected and the URL that toggles it (click to filter, click again to clear)."""
from __future__ import annotations

from dataclasses import dataclass, field

from indexer.api import SearchResult

from .state import KIND_LABELS, SearchUrls

FACET_TITLES = {"kind": "类别", "year": "年份", "office": "发文机关", "type": "文种", "issue": "期号"}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str

    def to_dict(self) -> dict:
        return {"value": self.value, "count": self.count, "selected": self.selected, "toggle_url": self.toggle_url}


@dataclass
class Facet:
    name: str  # also the URL parameter it sets
    title: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(o.selected for o in self.options)


def build_facets(result: SearchResult, urls: SearchUrls, issue_labels: dict[str, str] | None = None) -> list[Facet]:
    issue_labels = issue_labels or {}
    facets = []
    for name in FACET_TITLES:
        counts = {fv.value: fv.count for fv in result.facets.get(name, [])}
        # A selected value stays visible (count 0 if need be) so that it can always be cleared.
        for param, value in urls.pairs:
            if param == name:
                counts.setdefault(value, 0)
        facet = Facet(name, FACET_TITLES[name])
        for value, count in counts.items():
            label = KIND_LABELS.get(value, value) if name == "kind" else issue_labels.get(value, value)
            facet.options.append(
                FacetOption(str(value), label, count, urls.is_selected(name, str(value)), urls.toggle(name, str(value)))
            )
        facets.append(facet)
    return facets


def facets_json(result: SearchResult, urls: SearchUrls) -> dict[str, list[dict]]:
    return {f.name: [o.to_dict() for o in f.options] for f in build_facets(result, urls)}
