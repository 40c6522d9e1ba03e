"""/ and /search (+ .json, .csv): the query box, tabs, facets, hits and pagination."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request, url_for

from indexer.api import EXPORT_CAP, MAX_PAGE, NEAR_SCOPES, SORT_LABELS, parse_request
from indexer.facets import FACET_BY_NAME, KIND_LABELS, UNDATED

from .cache import cached_search
from .chart import build_chart
from .engine import get_search, request_params
from .errors import show_errors_on
from .export import hits_csv
from .facets import EXPAND, build_facets, facets_json
from .feeds import FEED_SIZE, absolute, feed
from .responses import json_ok, respond
from .state import TOGGLE, SearchUrls, apply_toggles
from .templating import hit_url

bp = Blueprint("search", __name__)
show_errors_on("search.search_page", "search.html")

RECENT_DOCUMENTS = 10
# chips for the filters that are not facets (facets take their titles from the facet table)
PARAM_TITLES = {
    "from": "起始日期",
    "to": "截止日期",
    "wenhao": "文号",
    "cites": "引用文号",
    "within": "在结果中检索",
    "near": "范围",
    "exact": "精确检索",
}
VALUE_LABELS = {"near": NEAR_SCOPES, "exact": {"1": "不检索等价名称"}}


@bp.get("/")
def home():
    return search_page()


@bp.get("/search", defaults={"fmt": "html"}, endpoint="search_page")
@bp.get("/search.<any(json, csv, atom):fmt>", endpoint="search_json")
def search_page(fmt: str = "html"):
    params = request_params(request.args)
    if TOGGLE in params:  # a facet or chip button: apply it, then show the canonical URL
        pairs = apply_toggles(params)
        # in the format asked for: /search.json?_toggle=… redirected to the HTML page
        target = url_for("search.search_page") if fmt == "html" else url_for("search.search_json", fmt=fmt)
        return redirect(target + (f"?{urlencode(pairs)}" if pairs else ""), 303)
    req = parse_request(params)  # SearchError → the page with the message by the box, or a 400 envelope
    if fmt == "csv":
        hits = get_search().export(req, full_text=True)
        return hits_csv(hits, {d: ref_text(r) for d, r in document_refs(hits).items()})
    if fmt == "atom":
        return search_feed(req)
    if fmt == "json" and request.args.get("_export"):
        return export_json()
    if fmt == "html" and not req.query and not req.has_filter:
        return render_template("home.html", q="", **start_page_data())
    result = cached_search(req)
    flat = request.args.get("view") == "flat"
    expanded = tuple(dict.fromkeys(v for v in request.args.getlist(EXPAND) if v in FACET_BY_NAME))
    extra = ([("view", "flat")] if flat else []) + [(EXPAND, name) for name in expanded]
    urls = SearchUrls(req, extra=extra)

    def data():
        twin = SearchUrls(req, "search.search_json", fmt="json")
        out = result.to_dict(facets=facets_json(result, twin, expanded))
        refs = document_refs(result.hits)
        for hit in out["hits"]:
            if hit["documents"]:
                hit["document_refs"] = [refs[d] for d in hit["documents"] if d in refs]
        return out

    def page() -> dict:
        last_page = min(result.pages, MAX_PAGE)
        return {
            "facets": [f for f in build_facets(result, urls, expanded=expanded) if f.name != "kind"],
            "kind_tabs": kind_tabs(urls, result),
            "pages": page_numbers(min(req.page, last_page), last_page),
            "last_page": last_page,
            "chips": filter_chips(urls, result),
            "exact_url": urls.replace("exact", "1") if result.also_searched or result.readings else None,
            "groups": None if flat else group_by_document(result),
            "view_url": urls.replace("view", None if flat else "flat"),
            "doc_refs": document_refs(result.hits),
            "trend": year_trend(result, urls),
            "undated_url": undated_url(urls) if result.undated_outside else None,
        }

    return respond(
        "search.html",
        data,
        fmt=fmt,
        page=page,
        q=req.query,
        req=req,
        result=result,
        urls=urls,
        sort_labels=SORT_LABELS,
        flat=flat,
        highlight=" ".join([req.query, *req.within]).strip(),
    )


@bp.get("/export.json")
def export_json():
    req = parse_request(request_params(request.args))
    hits = get_search().export(req)
    return json_ok(
        {"total": len(hits), "cap": EXPORT_CAP, "capped": len(hits) >= EXPORT_CAP, "hits": [h.to_dict() for h in hits]}
    )


def document_refs(hits) -> dict[str, dict]:
    """doc id → {"doc_id", "wenhao", "title", "date"} of every document the 大事记 hits name."""
    named = dict.fromkeys(d for h in hits for d in h.documents)
    return {ref["doc_id"]: ref for ref in get_search().document_refs(named)} if named else {}


def ref_text(ref: dict) -> str:
    return f"《{ref['title']}》" + (f"（{ref['wenhao']}）" if ref.get("wenhao") else "")


def year_trend(result, urls: SearchUrls) -> dict | None:
    """The hits per year as a small chart above the results, from the year facet the search counted
    anyway (under every filter but the year's own); links to the fuller /trends page."""
    counts = {v.value: v.count for v in result.facets.get("year", []) if v.value.isdigit()}  # not 未注明日期
    if not counts:
        return None
    years = [str(y) for y in range(int(min(counts)), int(max(counts)) + 1)]
    state = [(k, v) for k, v in urls.pairs if k not in ("sort", "size", "view", EXPAND)]
    links: list[str | None] = [urls.url([(k, v) for k, v in state if k != "year"] + [("year", y)]) for y in years]
    chart = build_chart([(y, f"{y}年") for y in years], [("", [counts.get(y, 0) for y in years], links)])
    return {
        "chart": chart,
        "by_links": {by: urls.url(state + [("by", by)], "trends.trends_page") for by in ("year", "month", "issue")},
        "crosstab_url": urls.url(state, "trends.crosstab_page"),
    }


def group_by_document(result) -> list[dict]:
    """The page's hits grouped by document (SearchResult.groups: one group per document, the
    document's own hit at its head when it is on the page, the right count of its further clauses)."""
    return result.groups()


def search_feed(req):
    """The search as an Atom feed: the page's query and filters, newest first (an alert for new hits)."""
    req = replace(req, sort="-date", page=1, size=FEED_SIZE)
    result = cached_search(req)
    flat = request.args.get("view") == "flat"
    urls = SearchUrls(req, extra=[("view", "flat")] if flat else [])
    pairs = [(k, v) for k, v in urls.pairs if k not in ("sort", "size")]
    page_url = absolute(urls.url(pairs))
    self_url = absolute(urls.url(pairs, "search.search_json", fmt="atom"))
    entries = [
        {
            "title": _hit_title(h),
            "link": absolute(hit_url(h)),
            "updated": h.date,
            "summary": h.snippet.text,
            "category": KIND_LABELS[h.kind],
        }
        for h in result.hits
    ]
    return feed(f"检索：{req.query or '（浏览）'} · 兴安盟行政公署公报", self_url, page_url, entries)


def _hit_title(hit) -> str:
    if hit.kind == "chronicle":
        return f"大事记 · {hit.date}"
    head = hit.title or ""
    return f"{head} › {hit.path}" if hit.kind == "clause" and hit.path else head


def start_page_data() -> dict:
    """Newest documents and the issues, for an empty query without filters."""
    issues = get_search().issues()
    documents = [dict(d, issue_id=i["id"]) for i in issues for d in i["documents"]]
    documents.sort(key=lambda d: d.get("date") or "", reverse=True)
    return {"issues": issues, "recent": documents[:RECENT_DOCUMENTS]}


def kind_tabs(urls: SearchUrls, result) -> list[dict]:
    counts = {v.value: v.count for v in result.facets.get("kind", [])}
    tabs = [
        {
            "label": "全部",
            "url": urls.replace("kind", None),
            "selected": urls.req.kind is None,
            "count": sum(counts.values()) if counts else None,
        }
    ]
    for kind, label in KIND_LABELS.items():
        tabs.append(
            {
                "label": label,
                "url": urls.replace("kind", kind),
                "selected": urls.req.kind == kind,
                "count": counts.get(kind),
            }
        )
    return tabs


def filter_chips(urls: SearchUrls, result) -> list[dict]:
    """The active filters other than the query and the tab, each with the toggle that removes it.
    Labels come with the result (an issue's label is its title, not its id)."""
    chips = []
    for name, value in urls.pairs:
        facet = FACET_BY_NAME.get(name)
        if facet is not None and facet.multi:
            label = result.selected_labels.get(name, {}).get(value) or facet.label_of(value)
            chips.append({"name": name, "title": facet.label, "label": label, "toggle": f"{name}:{value}"})
        elif name in PARAM_TITLES:
            label = VALUE_LABELS.get(name, {}).get(value, value)
            chips.append({"name": name, "title": PARAM_TITLES[name], "label": label, "toggle": f"{name}:{value}"})
    return chips


def page_numbers(current: int, last: int, window: int = 2) -> list[int]:
    first = max(1, current - window)
    return list(range(first, min(last, current + window) + 1))


def undated_url(urls: SearchUrls) -> str:
    """The same search without its date range, narrowed to the documents that print no date."""
    pairs = [(k, v) for k, v in urls.pairs if k not in ("from", "to", "page")] + [("year", UNDATED)]
    return urls.url(pairs)
