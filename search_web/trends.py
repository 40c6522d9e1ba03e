"""/trends and /crosstab (+ .json, .csv): a search's hits counted along time and across categories.

/trends?q=秸秆&q=禁烧&by=year|month|issue  one series per query (also `秸秆 | 禁烧` in one box, or one per line),
                                          drawn as an inline SVG chart, every point linking to its hits
/crosstab?q=统计&rows=year&cols=office     a table of counts, every cell linking to its hits

Both take the search page's filters (year, office, from, to, kind…), which narrow every count, and
`unit=documents` to count documents rather than hits (documents, clauses and 大事记 entries). The counts
come from the search service (SearchService.counts); nothing here reads the index."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace

from flask import Blueprint, current_app, request

from indexer.api import (
    COUNT_DIMENSIONS,
    COUNT_UNITS,
    MAX_QUERY_CHARS,
    MAX_SERIES,
    SearchError,
    SearchRequest,
    parse_request,
    shared_axis,
)
from indexer.facets import FACET_BY_NAME
from indexer.querylang import CLOSE_PARENS, OPEN_PARENS, QUOTES

from .chart import build_chart
from .engine import get_search, request_params
from .errors import show_errors_on
from .export import table_response
from .responses import respond
from .state import SearchUrls, state_pairs

bp = Blueprint("trends", __name__)
show_errors_on("trends.trends_page", "trends.html")
show_errors_on("trends.crosstab_page", "crosstab.html")

TREND_AXES = {"year": "逐年", "month": "逐月", "issue": "逐期"}
MAX_COLUMNS_SHOWN = 30  # a cross-table's page shows the columns with most hits; CSV and JSON have them all
MAX_ROWS_SHOWN = 300
OWN_PARAMS = ("q", "by", "unit", "rows", "cols", "page", "size", "sort", "_columns")
SEPARATORS = {"|", "｜"}


@bp.app_context_processor
def names() -> dict:
    """The choices the forms list, also for a page drawn with an error and nothing else."""
    return {"TREND_AXES": TREND_AXES, "COUNT_DIMENSIONS": COUNT_DIMENSIONS}


def split_series(texts: list[str]) -> list[str]:
    """The queries to compare: each value of `q`, cut at line breaks and at a `|` standing outside quotes
    and brackets (so `(医疗|卫生) | 统计` is two series, the first an OR); empty and repeated ones dropped."""
    out: list[str] = []
    for text in texts:
        for line in text.splitlines():
            depth, closing, start = 0, None, 0
            pieces = []
            for i, ch in enumerate(line):
                if closing is not None:
                    if ch == closing:
                        closing = None
                elif ch in QUOTES:
                    closing = QUOTES[ch]
                elif ch in OPEN_PARENS:
                    depth += 1
                elif ch in CLOSE_PARENS:
                    depth = max(0, depth - 1)
                elif ch in SEPARATORS and depth == 0:
                    pieces.append(line[start:i])
                    start = i + 1
            pieces.append(line[start:])
            for piece in (p.strip() for p in pieces):
                if piece and piece not in out:
                    out.append(piece)
    return out


def _one(params: dict[str, list[str]], name: str, default: str, choices: dict[str, str], label: str) -> str:
    values = [v.strip() for v in params.get(name, []) if v.strip()]
    value = values[-1] if values else default
    if value not in choices:
        shown = "、".join(f"{k}（{v}）" for k, v in choices.items())
        raise SearchError(f"{label}（{name}）“{value[:20]}”无效，可选：{shown}", name, "invalid_parameter")
    return value


def _asks_anything(params: dict[str, list[str]]) -> bool:
    """A query or a filter was given (the bare page, from the menu, shows its form only)."""
    return any(v.strip() for k, values in params.items() if k not in OWN_PARAMS[1:] for v in values)


def base_request(params: dict[str, list[str]]) -> SearchRequest:
    """The filters shared by every count: the search page's parameters without its query and paging."""
    return parse_request({k: v for k, v in params.items() if k not in OWN_PARAMS})


def series_requests(params: dict[str, list[str]], base: SearchRequest) -> list[SearchRequest]:
    queries = split_series(params.get("q", []))
    if len(queries) > MAX_SERIES:
        raise SearchError(f"一张图最多比较 {MAX_SERIES} 个检索式，现有 {len(queries)} 个", "q", "too_many_series")
    for query in queries:
        if len(query) > MAX_QUERY_CHARS:
            raise SearchError(f"检索式有 {len(query)} 个字符，上限为 {MAX_QUERY_CHARS}", "q", "query_too_long")
    return [replace(base, query=q) for q in queries] or [base]


def counted(req: SearchRequest, dimensions: tuple[str, ...], unit: str):
    """SearchService.counts, kept in the result cache beside the searches (same build, same request)."""
    service = get_search()
    cache = current_app.extensions.get("gazette_result_cache")
    version = getattr(service, "version", None)
    if cache is None or version is None:
        return service.counts(req, dimensions, unit)
    key = (version, "counts", req, dimensions, unit)
    found = cache.get(key)
    if found is None:
        found = service.counts(req, dimensions, unit)
        cache.put(key, found)
    return found


# -- links into the hits behind a count ------------------------------------------------------------


def narrowed(req: SearchRequest, choice: dict[str, str]) -> str | None:
    """The search page for `req` with each dimension set to one value (replacing what the request chose
    for it); None when a value is "" (hits with no value cannot be asked for)."""
    if any(not v for v in choice.values()):
        return None
    skip = set(choice) | ({"from", "to"} if "month" in choice else set()) | {"sort", "size"}
    pairs = [(k, v) for k, v in state_pairs(req) if k not in skip]
    for dimension, value in choice.items():
        if dimension == "month":
            first, last = _month_range(value, req)
            pairs += [("from", first), ("to", last)]
        else:
            pairs.append((dimension, value))
    return SearchUrls(req).url(pairs, "search.search_page")


def _month_range(month: str, req: SearchRequest) -> tuple[str, str]:
    year, number = map(int, month.split("-"))
    first, last = f"{month}-01", f"{month}-{calendar.monthrange(year, number)[1]:02d}"
    if req.date_from and req.date_from.isoformat() > first:
        first = req.date_from.isoformat()
    if req.date_to and req.date_to.isoformat() < last:
        last = req.date_to.isoformat()
    return first, last


def filter_summary(req: SearchRequest) -> list[str]:
    """The filters in words, for the page's heading (筛选：年份 2022 · 发文机关 …)."""
    out = [
        f"{FACET_BY_NAME[name].label} {'、'.join(FACET_BY_NAME[name].label_of(v) for v in values)}"
        for name, values in req.filters
    ]
    if req.date_from or req.date_to:
        out.append(f"日期 {req.date_from or '…'} 至 {req.date_to or '…'}")
    for label, value in (("文号", req.wenhao), ("引用", req.cites)):
        if value:
            out.append(f"{label} {value}")
    return out


# -- /trends ---------------------------------------------------------------------------------------


@dataclass
class Trend:
    by: str
    unit: str
    categories: list[str]  # values along the axis
    labels: list[str]
    series: list[dict]  # {"query", "total", "counts", "urls", "search_url"}


def compute_trend(params: dict[str, list[str]]) -> tuple[SearchRequest, Trend]:
    by = _one(params, "by", "year", TREND_AXES, "统计方式")
    unit = _one(params, "unit", "records", COUNT_UNITS, "计数单位")
    base = base_request(params)
    requests = series_requests(params, base)
    counts = [counted(req, (by,), unit) for req in requests]
    values = shared_axis(counts, by)
    series = []
    for req, c in zip(requests, counts):
        along = c.along(by)
        series.append(
            {
                "query": req.query,
                "total": c.total,
                "counts": [along.get(v, 0) for v in values],
                "urls": [narrowed(req, {by: v}) for v in values],
                "search_url": narrowed(req, {}),
            }
        )
    labels = [counts[0].label(by, v) for v in values]
    return base, Trend(by, unit, values, labels, series)


def axis_short_label(by: str, value: str) -> str:
    """What the x axis prints under a point: the year, the issue's id, the month as 2022.03."""
    return value.replace("-", ".") if by == "month" else value


@bp.get("/trends", defaults={"fmt": "html"}, endpoint="trends_page")
@bp.get("/trends.<any(json, csv):fmt>", endpoint="trends_data")
def trends_page(fmt: str = "html"):
    params = request_params(request.args)
    if fmt == "html" and not _asks_anything(params):
        return respond("trends.html", None, fmt=fmt, q="")
    base, trend = compute_trend(params)
    unit_word = COUNT_UNITS[trend.unit]

    def data() -> dict:
        return {
            "by": trend.by,
            "unit": trend.unit,
            "categories": [{"value": v, "label": label} for v, label in zip(trend.categories, trend.labels)],
            "series": trend.series,
        }

    def csv():
        english = request.args.get("_columns") == "en"
        head = {"year": "年份", "month": "月份", "issue": "期号"}[trend.by]
        header = ["period" if english else head]
        with_label = trend.by == "issue"
        if with_label:
            header.append("label" if english else "期名")
        header += [s["query"] or ("(all)" if english else "（全部）") for s in trend.series]
        rows = []
        for i, value in enumerate(trend.categories):
            rows.append([value] + ([trend.labels[i]] if with_label else []) + [s["counts"][i] for s in trend.series])
        return table_response(header, rows, f"gazette-trends-{trend.by}.csv")

    def page() -> dict:
        categories = [(axis_short_label(trend.by, v), lab) for v, lab in zip(trend.categories, trend.labels)]
        chart = build_chart(categories, [(s["query"], s["counts"], s["urls"]) for s in trend.series], unit_word)
        urls = SearchUrls(base, "trends.trends_page")
        state = [(k, v) for k, v in urls.pairs if k not in ("sort", "size")]
        queries = [("q", s["query"]) for s in trend.series if s["query"]]
        own = queries + [("by", trend.by)] + ([("unit", trend.unit)] if trend.unit != "records" else [])
        return {
            "chart": chart,
            "trend": trend,
            "hidden": state,
            "by_links": {k: urls.url(state + queries + [("by", k)], "trends.trends_page") for k in TREND_AXES},
            "csv_url": urls.url(state + own, "trends.trends_data", fmt="csv"),
            "csv_en_url": urls.url(state + own + [("_columns", "en")], "trends.trends_data", fmt="csv"),
            "json_url": urls.url(state + own, "trends.trends_data", fmt="json"),
            "crosstab_url": urls.url(state + queries[:1], "trends.crosstab_page"),
            "filters": filter_summary(base),
            "unit_word": unit_word,
        }

    return respond(
        "trends.html",
        data,
        fmt=fmt,
        csv=csv,
        page=page,
        q=" | ".join(s["query"] for s in trend.series if s["query"]),
        req=base,
        by=trend.by,
        unit=trend.unit,
        error=None,
    )


# -- /crosstab -------------------------------------------------------------------------------------


@bp.get("/crosstab", defaults={"fmt": "html"}, endpoint="crosstab_page")
@bp.get("/crosstab.<any(json, csv):fmt>", endpoint="crosstab_data")
def crosstab_page(fmt: str = "html"):
    params = request_params(request.args)
    if fmt == "html" and not _asks_anything(params):
        return respond("crosstab.html", None, fmt=fmt, q="")
    rows_dim = _one(params, "rows", "year", COUNT_DIMENSIONS, "行")
    cols_dim = _one(params, "cols", "office", COUNT_DIMENSIONS, "列")
    if rows_dim == cols_dim:
        raise SearchError(f"行与列不能是同一维度（{COUNT_DIMENSIONS[rows_dim]}）", "cols", "invalid_parameter")
    unit = _one(params, "unit", "records", COUNT_UNITS, "计数单位")
    queries = split_series(params.get("q", []))
    if len(queries) > 1:
        raise SearchError("交叉表只统计一个检索式；比较多个检索式请用“趋势”", "q", "too_many_series")
    base = base_request(params)
    req = replace(base, query=queries[0] if queries else "")
    if len(req.query) > MAX_QUERY_CHARS:
        raise SearchError(f"检索式有 {len(req.query)} 个字符，上限为 {MAX_QUERY_CHARS}", "q", "query_too_long")
    counts = counted(req, (rows_dim, cols_dim), unit)
    rows, cols = counts.values(rows_dim), counts.values(cols_dim)
    row_totals, col_totals = counts.along(rows_dim), counts.along(cols_dim)

    def cell_url(row: str | None, col: str | None) -> str | None:
        choice = {}
        if row is not None:
            choice[rows_dim] = row
        if col is not None:
            choice[cols_dim] = col
        return narrowed(req, choice)

    def data() -> dict:
        return {
            "rows": rows_dim,
            "cols": cols_dim,
            "unit": unit,
            "total": counts.total,
            "row_values": [
                {"value": r, "label": counts.label(rows_dim, r), "count": row_totals[r], "url": cell_url(r, None)}
                for r in rows
            ],
            "col_values": [
                {"value": c, "label": counts.label(cols_dim, c), "count": col_totals[c], "url": cell_url(None, c)}
                for c in cols
            ],
            "cells": [
                {"row": r, "col": c, "count": counts.count(r, c), "url": cell_url(r, c)}
                for r in rows
                for c in cols
                if counts.count(r, c)
            ],
        }

    def csv():
        english = request.args.get("_columns") == "en"
        corner = rows_dim if english else f"{COUNT_DIMENSIONS[rows_dim]} \\ {COUNT_DIMENSIONS[cols_dim]}"
        name = (lambda _dimension, value: value) if english else counts.label
        header = [corner] + [name(cols_dim, c) for c in cols] + ["total" if english else "合计"]
        body = [[name(rows_dim, r)] + [counts.count(r, c) for c in cols] + [row_totals[r]] for r in rows]
        body.append(["total" if english else "合计"] + [col_totals[c] for c in cols] + [counts.total])
        return table_response(header, body, f"gazette-crosstab-{rows_dim}-{cols_dim}.csv")

    def page() -> dict:
        shown_cols = sorted(cols, key=lambda c: -col_totals[c])[:MAX_COLUMNS_SHOWN]
        shown_cols = [c for c in cols if c in set(shown_cols)]  # in the axis's own order
        urls = SearchUrls(base, "trends.crosstab_page")
        state = [(k, v) for k, v in urls.pairs if k not in ("sort", "size")]
        own = ([("q", req.query)] if req.query else []) + [("rows", rows_dim), ("cols", cols_dim)]
        own += [("unit", unit)] if unit != "records" else []
        return {
            "rows": rows[:MAX_ROWS_SHOWN],
            "hidden_rows": max(0, len(rows) - MAX_ROWS_SHOWN),
            "cols": shown_cols,
            "hidden_cols": len(cols) - len(shown_cols),
            "counts": counts,
            "row_totals": row_totals,
            "col_totals": col_totals,
            "cell_url": cell_url,
            "hidden": state,
            "csv_url": urls.url(state + own, "trends.crosstab_data", fmt="csv"),
            "csv_en_url": urls.url(state + own + [("_columns", "en")], "trends.crosstab_data", fmt="csv"),
            "json_url": urls.url(state + own, "trends.crosstab_data", fmt="json"),
            "trends_url": urls.url(state + own[:1], "trends.trends_page"),
            "filters": filter_summary(base),
            "unit_word": COUNT_UNITS[unit],
        }

    return respond(
        "crosstab.html",
        data,
        fmt=fmt,
        csv=csv,
        page=page,
        q=req.query,
        req=base,
        rows_dim=rows_dim,
        cols_dim=cols_dim,
        unit=unit,
        error=None,
    )
