"""The search API's data: requests in, plain results out. No whoosh object ever crosses this line.

`search_web` and the CLI use only this module and `indexer.search.GazetteSearch`, so another engine
can be put behind the same API later.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Mapping

KINDS = ("document", "clause", "chronicle")
SORTS = ("relevance", "date", "-date")
MAX_QUERY_CHARS = 200
MAX_PAGE = 1000
MAX_SIZE = 100
EXPORT_CAP = 2000  # rows an export may hold


class SearchError(ValueError):
    """A request that cannot be answered: says what is wrong and with which parameter."""

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.message = message
        self.param = param


class IndexMissingError(RuntimeError):
    """No index has been built at the given directory."""


class StaleIndexError(RuntimeError):
    """The index was built with another analyzer or dictionary: it must be rebuilt."""


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    kind: str | None = None  # one of KINDS, or None for all
    wenhao: str | None = None  # the document with this 文号 (any printed form)
    cites: str | None = None  # documents citing this 文号
    years: tuple[int, ...] = ()
    offices: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    size: int = 10

    @property
    def has_filter(self) -> bool:
        return bool(
            self.kind or self.wenhao or self.cites or self.years or self.offices or self.types
            or self.issues or self.date_from or self.date_to
        )


@dataclass
class Hit:
    kind: str
    id: str  # unique over the index; for a clause "<doc_id>#<clause anchor>"
    doc_id: str | None  # the document (None for 大事记 entries)
    wenhao: str | None
    title: str | None  # the document's title (None for 大事记)
    date: str | None  # YYYY-MM-DD: 成文日期, or the 大事记 day
    end_date: str | None  # multi-day 大事记 entries
    offices: list[str]
    doc_type: str | None
    path: str | None  # clause heading path, "四、工作举措 › （一）推进统计工作法治化"
    anchor: str | None  # clause anchor inside the document page
    issue_id: str
    snippet: str  # HTML: text escaped, matches wrapped in <mark>; nothing else is markup
    score: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class FacetValue:
    value: str
    count: int

    def to_dict(self) -> dict:
        return {"value": self.value, "count": self.count}


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)  # year, office, type, kind, issue
    took_ms: float = 0.0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.size))

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "page": self.request.page,
            "size": self.request.size,
            "pages": self.pages,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {name: [v.to_dict() for v in values] for name, values in self.facets.items()},
            "took_ms": round(self.took_ms, 2),
        }


def _one(params: Mapping, name: str):
    value = params.get(name)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _many(params: Mapping, name: str) -> list[str]:
    value = params.get(name)
    if value is None:
        return []
    values = value if isinstance(value, (list, tuple)) else [value]
    out = []
    for item in values:
        for part in str(item).split(","):
            if part.strip() and part.strip() not in out:
                out.append(part.strip())
    return out


def _date(params: Mapping, name: str) -> date | None:
    value = _one(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SearchError(f"{name}: '{value}' is not a date (use YYYY-MM-DD)", name) from None


def _int(params: Mapping, name: str, default: int, low: int, high: int) -> int:
    value = _one(params, name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SearchError(f"{name}: '{value}' is not a whole number", name) from None
    if not low <= number <= high:
        raise SearchError(f"{name}: {number} is out of range ({low}–{high})", name)
    return number


def parse_request(params: Mapping, *, max_size: int = MAX_SIZE) -> SearchRequest:
    """Build a SearchRequest from CLI options or URL parameters (q, kind, wenhao, cites, year, office,
    type, issue, from, to, sort, page, size). Raises SearchError naming the bad parameter."""
    query = _one(params, "q") or ""
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"q: the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}", "q")
    kind = _one(params, "kind")
    if kind in ("all", ""):
        kind = None
    if kind is not None and kind not in KINDS:
        raise SearchError(f"kind: '{kind}' is not one of {', '.join(KINDS)} (or all)", "kind")
    sort = _one(params, "sort") or "relevance"
    if sort not in SORTS:
        raise SearchError(f"sort: '{sort}' is not one of {', '.join(SORTS)}", "sort")
    years = []
    for value in _many(params, "year"):
        if not (value.isdigit() and len(value) == 4):
            raise SearchError(f"year: '{value}' is not a year", "year")
        years.append(int(value))
    date_from, date_to = _date(params, "from"), _date(params, "to")
    if date_from and date_to and date_from > date_to:
        raise SearchError(f"from: {date_from} is after to: {date_to}", "from")
    return SearchRequest(
        query=query,
        kind=kind,
        wenhao=_one(params, "wenhao"),
        cites=_one(params, "cites"),
        years=tuple(years),
        offices=tuple(_many(params, "office")),
        types=tuple(_many(params, "type")),
        issues=tuple(_many(params, "issue")),
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=_int(params, "page", 1, 1, MAX_PAGE),
        size=_int(params, "size", 10, 1, max_size),
    )
