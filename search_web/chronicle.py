"""/chronicle (+ .json): the 大事记, oldest first, grouped by month; filter by q, from, to, issue."""
from __future__ import annotations

from itertools import groupby
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for

from indexer.api import EXPORT_CAP, SearchError, parse_request

from .engine import get_search, request_params
from .responses import json_ok
from .state import state_pairs

bp = Blueprint("chronicle", __name__)


def chronicle_request():
    params = request_params(request.args)
    params.update(kind=["chronicle"], sort=["date"])  # this page shows 大事记 only, in date order
    for name in ("page", "size"):
        params.pop(name, None)
    return parse_request(params)


def by_month(hits) -> list[dict]:
    return [{"month": month, "entries": list(entries)}
            for month, entries in groupby(hits, key=lambda h: (h.date or "")[:7])]


@bp.get("/chronicle.json")
def chronicle_json():
    hits = get_search().export(chronicle_request())
    return json_ok({
        "total": len(hits),
        "capped": len(hits) >= EXPORT_CAP,
        "months": [{"month": m["month"], "entries": [h.to_dict() for h in m["entries"]]} for m in by_month(hits)],
    })


@bp.get("/chronicle")
def chronicle_page():
    try:
        req = chronicle_request()
        hits = get_search().export(req)
    except SearchError as exc:
        q = (request.args.getlist("q") or [""])[-1][:500]
        return render_template("chronicle.html", error=exc, req=None, q=q, months=[], total=0), 400
    pairs = [(k, v) for k, v in state_pairs(req) if k not in ("kind", "sort")]
    json_url = url_for("chronicle.chronicle_json") + (f"?{urlencode(pairs)}" if pairs else "")
    return render_template("chronicle.html", error=None, req=req, q=req.query, months=by_month(hits),
                           total=len(hits), capped=len(hits) >= EXPORT_CAP, json_url=json_url)
