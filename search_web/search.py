"""/ and /search (+ .json, .csv, export): the query box, tabs, facets, hits and pagination."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from indexer.api import EXPORT_CAP, MAX_PAGE, SearchError, parse_request

from .cache import cached_search
from .engine import get_search, request_params
from .export import csv_response
from .facets import build_facets, facets_json
from .responses import json_error, json_ok
from .state import KIND_LABELS, SORT_LABELS, SearchUrls

bp = Blueprint("search", __name__)

RECENT_DOCUMENTS = 10


@bp.get("/")
def home():
    return search_page()


@bp.get("/search")
def search_page():
    try:
        req = parse_request(request_params(request.args))
    except SearchError as exc:
        return render_search_error(exc)
    if not req.query and not req.has_filter:
        return render_template("home.html", q="", **start_page_data())
    engine = get_search()
    try:
        result = cached_search(req)
    except SearchError as exc:  # the query itself cannot be parsed, e.g. an unbalanced quote
        return render_search_error(exc)
    urls = SearchUrls(req)
    issue_labels = {i["id"]: i["label"] for i in engine.issues()}
    facets = build_facets(result, urls, issue_labels)
    return render_template(
        "search.html",
        q=req.query,
        req=req,
        result=result,
        urls=urls,
        facets=[f for f in facets if f.name != "kind"],
        kind_tabs=kind_tabs(urls, facets),
        pages=page_numbers(req.page, min(result.pages, MAX_PAGE)),
        last_page=min(result.pages, MAX_PAGE),
        chips=filter_chips(urls, issue_labels),
        sort_labels=SORT_LABELS,
    )


@bp.get("/search.json")
def search_json():
    req = parse_request(request_params(request.args))  # SearchError → 400 envelope (errors.py)
    if request.args.get("_export"):
        return export_json()
    result = cached_search(req)
    data = result.to_dict()
    data["facets"] = facets_json(result, SearchUrls(req, "search.search_json"))
    return json_ok(data)


@bp.get("/export.json")
def export_json():
    req = parse_request(request_params(request.args))
    hits = get_search().export(req)
    return json_ok({"total": len(hits), "cap": EXPORT_CAP, "capped": len(hits) >= EXPORT_CAP,
                    "hits": [h.to_dict() for h in hits]})


@bp.get("/search.csv")
def search_csv():
    req = parse_request(request_params(request.args))
    return csv_response(get_search().export(req))


def render_search_error(exc: SearchError):
    """The page again, with the message next to the query box, and status 400."""
    if request.path.endswith(".json"):
        return json_error(exc.message, 400, exc.param)
    q = (request.args.getlist("q") or [""])[-1][:500]
    return render_template("search.html", q=q, error=exc, req=None, result=None, sort_labels=SORT_LABELS), 400


def start_page_data() -> dict:
    """Newest documents and the issues, for an empty query without filters."""
    issues = get_search().issues()
    documents = [dict(d, issue_id=i["id"]) for i in issues for d in i["documents"]]
    documents.sort(key=lambda d: d.get("date") or "", reverse=True)
    return {"issues": issues, "recent": documents[:RECENT_DOCUMENTS]}


def kind_tabs(urls: SearchUrls, facets) -> list[dict]:
    counts = {o.value: o.count for f in facets if f.name == "kind" for o in f.options}
    tabs = [{"label": "全部", "url": urls.replace("kind", None), "selected": urls.req.kind is None,
             "count": sum(counts.values()) if counts else None}]
    for kind, label in KIND_LABELS.items():
        tabs.append({"label": label, "url": urls.replace("kind", kind), "selected": urls.req.kind == kind,
                     "count": counts.get(kind)})
    return tabs


def filter_chips(urls: SearchUrls, issue_labels: dict[str, str]) -> list[dict]:
    """The active filters other than the query and the tab, each with a link that removes it."""
    names = {"year": "年份", "office": "发文机关", "type": "文种", "issue": "期号", "from": "起始日期",
             "to": "截止日期", "wenhao": "文号", "cites": "引用文号"}
    chips = []
    for name, value in urls.pairs:
        if name in names:
            label = issue_labels.get(value, value) if name == "issue" else value
            chips.append({"name": name, "title": names[name], "label": label, "value": value,
                          "remove_url": urls.without(name, value)})
    return chips


def page_numbers(current: int, last: int, window: int = 2) -> list[int]:
    first = max(1, current - window)
    return list(range(first, min(last, current + window) + 1))
