"""The search API's data: requests in, plain results out. No engine object ever crosses this line.

`search_web` and the CLI use only this module, `indexer.facets` and `indexer.engine` (the protocol
and the factory that opens an index), so the engine behind them can change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import overload

from .facets import FACETS, MAX_VALUES

SORTS = ("relevance", "date", "-date", "wenhao", "cited")
SORT_LABELS = {
    "relevance": "相关度",
    "-date": "日期（新→旧）",
    "date": "日期（旧→新）",
    "wenhao": "文号（年份、序号）",
    "cited": "被引用次数",
}
NEAR_SCOPES = {"sentence": "同句", "paragraph": "同段", "clause": "同条"}
# 同句/同段/同条 typed between two terms, as 北大法宝 users type them (担保 同句 净资产): the scope, not a word
# to find — outside quotes, set apart by spaces, with a term on either side.
SCOPE_WORD = re.compile(r"(?<=\S)\s+(同句|同段|同条)(?=\s+\S)")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」|'[^']*'")
MAX_WITHIN = 5  # 在结果中检索: queries the results must also match
MAX_QUERY_CHARS = 200
MAX_PAGE = 1000
MAX_SIZE = 100
DEFAULT_SIZE = 10
EXPORT_CAP = 2000  # rows an export may hold
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class SearchError(ValueError):
    """A request that cannot be answered: says (in Chinese) what is wrong and with which parameter.

    `code` is stable for programs (the message may be reworded); `param` names the parameter."""

    def __init__(self, message: str, param: str | None = None, code: str = "invalid_parameter"):
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code


class IndexUnavailableError(RuntimeError):
    """The index cannot serve: `message` says why (in Chinese) and what to run."""

    code = "index_unavailable"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EngineUnavailableError(IndexUnavailableError):
    """The engine's server (a search cluster) cannot be reached or cannot answer in full."""

    code = "engine_unavailable"


class IndexMissingError(IndexUnavailableError):
    """No index has been built at the given directory."""

    code = "index_missing"


class StaleIndexError(IndexUnavailableError):
    """The index was built with another analyzer, dictionary or schema: it must be rebuilt."""

    code = "index_stale"


class IndexDamagedError(IndexUnavailableError):
    """A build's files do not match what the build recorded (missing, truncated, changed)."""

    code = "index_damaged"


Filters = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class SearchRequest:
    """Frozen and hashable (it keys the result cache). `filters` holds facet name → selected values,
    in `FACETS` order, only for facets with a selection."""

    query: str = ""
    filters: Filters = ()
    wenhao: str | None = None  # the document with this 文号 (any printed form)
    cites: str | None = None  # documents citing this 文号
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    size: int = DEFAULT_SIZE
    near: str | None = None  # every positive term in one sentence / paragraph / clause (NEAR_SCOPES)
    within: tuple[str, ...] = ()  # 在结果中检索: queries the results must also match
    exact: bool = False  # 精确检索: no equivalent names (aliases)

    @classmethod
    def make(cls, query: str = "", filters: Mapping[str, object] | None = None, **kwargs) -> SearchRequest:
        """A request from plain values: filters={"year": [2022], "kind": "clause"}."""
        pairs = []
        for facet in FACETS:
            value = (filters or {}).get(facet.name)
            if value is None or value == () or value == []:
                continue
            values = value if isinstance(value, (list, tuple)) else [value]
            pairs.append((facet.name, tuple(str(v) for v in values)))
        return cls(query=query, filters=tuple(pairs), **kwargs)

    def selected(self, name: str) -> tuple[str, ...]:
        for facet_name, values in self.filters:
            if facet_name == name:
                return values
        return ()

    @property
    def kind(self) -> str | None:
        values = self.selected("kind")
        return values[0] if values else None

    @property
    def has_filter(self) -> bool:
        return bool(self.filters or self.wenhao or self.cites or self.date_from or self.date_to)


@dataclass(frozen=True)
class Snippet:
    """A window of a record's text with the matched spans: data, formatted by each edge
    (HTML <mark> in templates, 【】 in the CLI, plain text in CSV)."""

    text: str  # as printed, line breaks as spaces; "…" where the window cuts the record's text
    marks: tuple[tuple[int, int], ...] = ()  # (start, end) offsets into `text`, sorted, disjoint

    def parts(self) -> Iterator[tuple[str, bool]]:
        """(piece, marked) in order; the pieces concatenate to `text`."""
        cursor = 0
        for start, end in self.marks:
            if start > cursor:
                yield self.text[cursor:start], False
            yield self.text[start:end], True
            cursor = end
        if cursor < len(self.text):
            yield self.text[cursor:], False

    def to_dict(self) -> dict:
        return {"text": self.text, "marks": [list(m) for m in self.marks]}


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
    snippet: Snippet
    score: float | None = None
    validity: dict | None = None  # documents and clauses: {status, effective, expires, by, by_doc_id, sentence}
    cited_by: int = 0  # corpus documents citing this record's document
    documents: list[str] = field(default_factory=list)  # a 大事记 entry: the documents it names
    text: str | None = None  # the record's whole text, when an export asks for it (else left out of to_dict)
    # which reading found it (indexer.tiers): "text" (its own text), "reading" (only a 文号 series or a date
    # the query was also read as, indexer.understand), "context" (with its document's title or the headings
    # above it), "synonym" (everyday words as the documents word them: analyzers/synonyms.txt), "words" (the
    # jieba words of a phrase), "most" (most of the words)
    match: str = "text"
    context_terms: list[str] = field(default_factory=list)  # "context": the terms found only in the context

    def to_dict(self) -> dict:
        out = {
            "kind": self.kind,
            "id": self.id,
            "doc_id": self.doc_id,
            "wenhao": self.wenhao,
            "title": self.title,
            "date": self.date,
            "end_date": self.end_date,
            "offices": list(self.offices),
            "doc_type": self.doc_type,
            "path": self.path,
            "anchor": self.anchor,
            "issue_id": self.issue_id,
            "snippet": self.snippet.to_dict(),
            "score": self.score,
            "validity": self.validity,
            "cited_by": self.cited_by,
            "documents": list(self.documents),
            "match": self.match,
            "context_terms": list(self.context_terms),
        }
        if self.text is not None:
            out["text"] = self.text
        return out


def _same_passage(document: Hit, clause: Hit) -> bool:
    """Whether a document's snippet shows the passage a clause's snippet shows (a stretch of 12
    characters of the one in the other)."""
    a, b = document.snippet.text.strip("…"), clause.snippet.text.strip("…")
    probe = 12
    return any(b[i : i + probe] in a for i in range(0, max(1, len(b) - probe + 1), probe))


@dataclass(slots=True)
class FacetValue:
    """One value of a facet with its count. Not frozen: a search makes one per value of every facet
    (hundreds on a large corpus), and a frozen dataclass's __init__ costs 3× as much."""

    value: str
    label: str
    count: int

    def to_dict(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count}


class FacetValues(Sequence[FacetValue]):
    """One facet's counted values in the order shown, each made a FacetValue only when read: a search
    counts every value its records have (an issue facet at 300×: ~400 values a query, ~200 a query in
    all at 100×), and a page lists the first SHOWN (30) of each. Compares equal to the list it reads as."""

    __slots__ = ("_items", "_labels")

    def __init__(self, items: list[tuple[str, int]], labels: Mapping[str, str]):
        self._items = items  # (value, count), in the order shown
        self._labels = labels  # value → label; a value without one is its own label

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> FacetValue: ...

    @overload
    def __getitem__(self, index: slice) -> list[FacetValue]: ...

    def __getitem__(self, index):
        label = self._labels.get
        if isinstance(index, slice):
            return [FacetValue(value, label(value, value), count) for value, count in self._items[index]]
        value, count = self._items[index]
        return FacetValue(value, label(value, value), count)

    def __iter__(self) -> Iterator[FacetValue]:
        label = self._labels.get
        return (FacetValue(value, label(value, value), count) for value, count in self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (FacetValues, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, as the list it stands for

    def __repr__(self) -> str:
        return repr(list(self))


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, Sequence[FacetValue]] = field(default_factory=dict)  # by facet name, FACETS order
    took_ms: float = 0.0
    also_searched: list[str] = field(default_factory=list)  # forms added by equivalent names (同时检索)
    clauses_by_doc: dict[str, int] = field(default_factory=dict)  # for each document on the page: its matching clauses
    # each chosen facet value's label ({facet name: {value: label}}), those with no hit left included:
    # an issue is labelled by its title, which only the corpus knows
    selected_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # milliseconds per stage of the search (parse, select, facets, rank, snippets, clauses): where `took_ms` went
    stages_ms: dict[str, float] = field(default_factory=dict)
    # how parts of the query were also read (indexer.understand): [{"kind": "series"|"date", "typed", "label"}]
    readings: list[dict] = field(default_factory=list)
    # the tiers that answered, in rank order (indexer.tiers): [{"kind", "count", "words", "need"}]
    tiers: list[dict] = field(default_factory=list)
    notice: str | None = None  # what was searched instead, when the literal reading found few (Chinese)
    # with a date range: how many records would match but print no date (left out of the range)
    undated_outside: int = 0

    def groups(self) -> list[dict]:
        """The page's hits grouped by document, each group where its first hit ranks: {"lead": the
        document's own hit when it is on the page, else its first clause; "children": its other clause
        hits in rank order; "more": how many more of its clauses match (the count of its matching
        clauses less those shown)}. A document is one group however its hits interleave with others'
        (it never shows twice); a 大事记 entry is a group of its own."""
        groups: list[dict] = []
        of_doc: dict[str, dict] = {}
        for hit in self.hits:
            group = of_doc.get(hit.doc_id) if hit.doc_id and hit.kind != "chronicle" else None
            if group is None:
                group = {"lead": hit, "children": [], "more": 0}
                groups.append(group)
                if hit.doc_id and hit.kind != "chronicle":
                    of_doc[hit.doc_id] = group
            elif hit.kind == "document":  # its clause came first: the document heads the group
                group["children"].insert(0, group["lead"])
                group["lead"] = hit
            else:
                group["children"].append(hit)
        for doc_id, group in of_doc.items():
            shown = sum(1 for h in [group["lead"], *group["children"]] if h.kind == "clause")
            group["more"] = max(0, self.clauses_by_doc.get(doc_id, 0) - shown)
        for group in groups:
            # a document's snippet that shows a passage one of its clauses below shows again: said once
            lead = group["lead"]
            group["repeats"] = lead.kind == "document" and any(_same_passage(lead, c) for c in group["children"])
        return groups

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.size))

    @property
    def past_the_end(self) -> bool:
        """A page after the last one was asked for (the answer is empty, not an error)."""
        return self.request.page > self.pages

    def to_dict(self, facets: dict | None = None) -> dict:
        """The result as plain data; `facets` replaces the facet table (the web twin's, with links)."""
        if facets is None:
            facets = {name: [v.to_dict() for v in values] for name, values in self.facets.items()}
        return {
            "total": self.total,
            "page": self.request.page,
            "size": self.request.size,
            "pages": self.pages,
            "hits": [h.to_dict() for h in self.hits],
            "facets": facets,
            "also_searched": list(self.also_searched),
            "readings": list(self.readings),
            "tiers": list(self.tiers),
            "notice": self.notice,
            "undated_outside": self.undated_outside,
            "clauses_by_doc": dict(self.clauses_by_doc),
            "groups": [
                {
                    "lead": g["lead"].id,
                    "children": [h.id for h in g["children"]],
                    "more": g["more"],
                    "repeats": g["repeats"],
                }
                for g in self.groups()
            ],
            "took_ms": round(self.took_ms, 2),
            "stages_ms": dict(self.stages_ms),
        }


# what hits can be counted by (SearchService.counts): trends over time and cross-tables
COUNT_DIMENSIONS = {
    "year": "年份",
    "month": "月份",
    "issue": "期号",
    "office": "发文机关",
    "type": "文种",
    "series": "发文字号",
    "validity": "时效性",
    "kind": "类别",
}
COUNT_UNITS = {"records": "条", "documents": "件"}  # hits (documents, clauses, 大事记 entries) or documents
MAX_SERIES = 6  # queries compared on one chart (each is a count of its own)
_ORDERED_BY_VALUE = ("year", "month")  # along time; the issue dimension keeps the catalog's order


@dataclass
class Counts:
    """Hits counted by the values of one or more dimensions (SearchService.counts)."""

    request: SearchRequest
    dimensions: tuple[str, ...]
    cells: dict[tuple[str, ...], int]  # one value per dimension → hits ("" where a hit has no value)
    labels: dict[str, dict[str, str]]  # dimension → value → label (issues: in the catalog's order)
    total: int  # hits selected (records, or documents: see unit)
    unit: str = "records"
    # dimension → value → hits with that value, each counted once: a hit of several values of the other
    # dimension (a document issued jointly) is in several cells of a row, so the cells may add up to more
    margins: dict[str, dict[str, int]] = field(default_factory=dict)

    def label(self, dimension: str, value: str) -> str:
        if not value:
            return "（未注明）"
        if dimension == "month":
            year, _, month = value.partition("-")
            return f"{year}年{int(month)}月" if month.isdigit() else value
        return self.labels.get(dimension, {}).get(value, value)

    def values(self, dimension: str) -> list[str]:
        """The values found along `dimension`: by time for years and months (every month or year between the
        first and the last, counted or not), issues in the catalog's order, others most hits first."""
        totals = self.margins[dimension]
        found = [v for v in totals if v]
        if dimension in _ORDERED_BY_VALUE:
            found = fill_range(sorted(found), dimension)
        elif dimension == "issue":
            order = {issue_id: n for n, issue_id in enumerate(self.labels.get("issue", {}))}
            found.sort(key=lambda v: (order.get(v, len(order)), v))
        else:
            found.sort(key=lambda v: (-totals[v], v))
        return found + ([""] if "" in totals else [])

    def count(self, *values: str) -> int:
        return self.cells.get(tuple(values), 0)

    def along(self, dimension: str) -> dict[str, int]:
        """value → hits with that value (whatever their values of the other dimensions), in order."""
        margin = self.margins[dimension]
        return {value: margin.get(value, 0) for value in self.values(dimension)}


def shared_axis(counts: list[Counts], dimension: str) -> list[str]:
    """The values along `dimension` of several counts drawn together (queries compared on one chart): their
    union in the axis's order, empty years and months between filled in, hits without a value left out."""
    if len(counts) == 1:
        return [v for v in counts[0].values(dimension) if v]
    found = {v for c in counts for v in c.values(dimension) if v}
    if dimension == "issue":
        order = {issue_id: n for n, issue_id in enumerate(counts[0].labels.get("issue", {}))}
        return sorted(found, key=lambda v: (order.get(v, len(order)), v))
    if dimension in _ORDERED_BY_VALUE:
        return fill_range(sorted(found), dimension)
    return sorted(found, key=lambda v: (-sum(c.margins[dimension].get(v, 0) for c in counts), v))


def fill_range(found: list[str], dimension: str) -> list[str]:
    """Every year (or month) from the first found to the last: a trend shows the empty ones as 0."""
    if not found:
        return []
    if dimension == "year":
        return [str(y) for y in range(int(found[0]), int(found[-1]) + 1)]
    first_year, first_month = map(int, found[0].split("-"))
    last_year, last_month = map(int, found[-1].split("-"))
    return [
        f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(first_year * 12 + first_month - 1, last_year * 12 + last_month)
    ]


# -- parsing parameters (URL arguments or CLI options) -------------------------------------------


def _values(params: Mapping, name: str) -> list[str]:
    value = params.get(name)
    if value is None:
        return []
    values = value if isinstance(value, (list, tuple)) else [value]
    return [str(v) for v in values if v is not None]


def _one(params: Mapping, name: str) -> str | None:
    values = _values(params, name)
    value = values[-1].strip() if values else ""
    return value or None


def _many(params: Mapping, name: str, label: str) -> list[str]:
    """Every value of a repeatable parameter, split on commas, de-duplicated, capped."""
    out: list[str] = []
    for item in _values(params, name):
        for part in item.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
                if len(out) > MAX_VALUES:
                    raise SearchError(f"{label}（{name}）最多可选 {MAX_VALUES} 个值", name, "too_many_values")
    return out


def _date(params: Mapping, name: str, label: str) -> date | None:
    value = _one(params, name)
    if value is None:
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise SearchError(f"{label}（{name}）“{value[:40]}”不是有效日期，请写作 YYYY-MM-DD", name) from None


def _int(params: Mapping, name: str, label: str, default: int, low: int, high: int) -> int:
    value = _one(params, name)
    if value is None:
        return default
    if not WHOLE_NUMBER.fullmatch(value):
        raise SearchError(f"{label}（{name}）“{value[:40]}”不是整数", name)
    number = int(value)
    if not low <= number <= high:
        raise SearchError(f"{label}（{name}）{number} 超出范围（{low}–{high}）", name, "out_of_range")
    return number


def _within(params: Mapping) -> tuple[str, ...]:
    """在结果中检索: the queries the results must also match, each checked like the query."""
    within = tuple(v.strip() for v in _values(params, "within") if v.strip())
    if len(within) > MAX_WITHIN:
        raise SearchError(f"在结果中检索（within）最多 {MAX_WITHIN} 次", "within", "too_many_values")
    for value in within:
        if len(value) > MAX_QUERY_CHARS:
            raise SearchError(
                f"在结果中检索（within）的检索式有 {len(value)} 个字符，上限为 {MAX_QUERY_CHARS}",
                "within",
                "query_too_long",
            )
    return within


def typed_scope(query: str) -> tuple[str, str | None]:
    """(the query without the 同句/同段/同条 typed between its terms, the scope they ask for — the narrowest
    when several are typed), or (the query, None). A request read so carries the scope as its `near`: the
    page shows the query with 范围 set, as if chosen there."""
    quoted = [m.span() for m in QUOTED.finditer(query)]
    found = [m for m in SCOPE_WORD.finditer(query) if not any(a <= m.start() < b for a, b in quoted)]
    if not found:
        return query, None
    order = list(NEAR_SCOPES.values())
    word = min((m.group(1) for m in found), key=order.index)
    for m in reversed(found):  # each with the white space before it: the space after it stays
        query = query[: m.start()] + query[m.end() :]
    return query, next(k for k, v in NEAR_SCOPES.items() if v == word)


def parse_request(params: Mapping, *, max_size: int = MAX_SIZE) -> SearchRequest:
    """Build a SearchRequest from CLI options or URL parameters: q, wenhao, cites, from, to, sort,
    page, size and one parameter per facet (see indexer.facets). Raises SearchError naming the bad one."""
    query = _one(params, "q") or ""
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"检索式有 {len(query)} 个字符，上限为 {MAX_QUERY_CHARS}", "q", "query_too_long")
    filters = []
    for facet in FACETS:
        values = _many(params, facet.name, facet.label)
        if not facet.multi:
            values = [v for v in values if v != "all"][-1:]
        for value in values:
            problem = facet.check(value)
            if problem:
                raise SearchError(problem, facet.name)
        if values:
            filters.append((facet.name, tuple(values)))
    sort = _one(params, "sort") or "relevance"
    if sort not in SORTS:
        raise SearchError(f"排序（sort）“{sort[:40]}”无效，可选：{'、'.join(SORTS)}", "sort")
    date_from, date_to = _date(params, "from", "起始日期"), _date(params, "to", "截止日期")
    if date_from and date_to and date_from > date_to:
        raise SearchError(f"起始日期 {date_from} 晚于截止日期 {date_to}", "from")
    near = _one(params, "near")
    if near is not None and near not in NEAR_SCOPES:
        choices = "、".join(f"{k}（{v}）" for k, v in NEAR_SCOPES.items())
        raise SearchError(f"范围（near）“{near[:40]}”无效，可选：{choices}", "near")
    if near is None:
        query, near = typed_scope(query)
    within = _within(params)
    exact = _one(params, "exact")
    if exact not in (None, "0", "1", "true", "false"):
        raise SearchError(f"精确检索（exact）的值“{exact[:20]}”无效，可选：1、0", "exact")
    wenhao, cites = _one(params, "wenhao"), _one(params, "cites")
    for name, given in (("wenhao", wenhao), ("cites", cites)):
        if given and len(given) > MAX_QUERY_CHARS:
            raise SearchError(f"{name} 的值过长：{len(given)} 个字符", name)
    return SearchRequest(
        query=query,
        filters=tuple(filters),
        wenhao=wenhao,
        cites=cites,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=_int(params, "page", "页码", 1, 1, MAX_PAGE),
        size=_int(params, "size", "每页条数", DEFAULT_SIZE, 1, max_size),
        near=near,
        within=within,
        exact=exact in ("1", "true"),
    )
