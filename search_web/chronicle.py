"""/chronicle (+ .json): the 大事记, oldest first, grouped by month; filter by q, from, to, issue."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlencode

from flask import Blueprint, request, url_for

from indexer.api import EXPORT_CAP, parse_request

from .engine import get_search, request_params
from .errors import show_errors_on
from .responses import respond
from .state import state_pairs

bp = Blueprint("chronicle", __name__)
show_errors_on("chronicle.chronicle_page", "chronicle.html")


def chronicle_request():
    params = request_params(request.args)
    params.update(kind=["chronicle"], sort=["date"])  # this page shows 大事记 only, in date order
    for name in ("page", "size"):
        params.pop(name, None)
    return parse_request(params)


def by_month(hits) -> list[dict]:
    return [
        {"month": month, "entries": list(entries)} for month, entries in groupby(hits, key=lambda h: (h.date or "")[:7])
    ]


@bp.get("/chronicle", defaults={"fmt": "html"}, endpoint="chronicle_page")
@bp.get("/chronicle.<any(json):fmt>", endpoint="chronicle_json")
def chronicle_page(fmt: str = "html"):
    req = chronicle_request()  # SearchError → the page with the message by its box, or a 400 envelope
    hits = get_search().export(req)
    months = by_month(hits)
    capped = len(hits) >= EXPORT_CAP
    pairs = [(k, v) for k, v in state_pairs(req) if k not in ("kind", "sort")]
    json_url = url_for("chronicle.chronicle_json", fmt="json") + (f"?{urlencode(pairs)}" if pairs else "")
    named = dict.fromkeys(d for h in hits for d in h.documents)
    refs = {r["doc_id"]: r for r in get_search().document_refs(named)} if named else {}
    data = {
        "total": len(hits),
        "capped": capped,
        "months": [
            {
                "month": m["month"],
                "entries": [
                    dict(h.to_dict(), document_refs=[refs[d] for d in h.documents if d in refs]) for h in m["entries"]
                ],
            }
            for m in months
        ],
    }
    return respond(
        "chronicle.html",
        data,
        fmt=fmt,
        error=None,
        req=req,
        q=req.query,
        months=months,
        total=len(hits),
        capped=capped,
        json_url=json_url,
        doc_refs=refs,
    )
