"""/doc/<id> (+ .json): one document — metadata, validity, the body with clause permalinks, tables,
every 文号 linked, the query that led here highlighted — its citations, cited-by, the 大事记 naming it."""

from __future__ import annotations

from flask import Blueprint, abort, request

from .engine import get_search
from .responses import json_error, respond

bp = Blueprint("documents", __name__)

MAX_ID_CHARS = 200


@bp.get("/doc/<doc_id>", defaults={"fmt": "html"}, endpoint="document_page")
@bp.get("/doc/<doc_id>.<any(json):fmt>", endpoint="document_json")
def document_page(doc_id: str, fmt: str = "html"):
    q = (request.args.get("q") or "")[:200]
    exact = request.args.get("exact") in ("1", "true")
    document = get_search().document(doc_id, q or None, exact=exact) if len(doc_id) <= MAX_ID_CHARS else None
    if document is None:
        if fmt == "json":
            return json_error(f"没有编号为 {doc_id[:MAX_ID_CHARS]} 的文件", 404, "id", "not_found")
        abort(404)
    blocks = document.pop("blocks")  # the page's rendering; the JSON twin keeps the text and body_links
    marked = document.pop("marked")
    return respond("document.html", {"document": document}, fmt=fmt, doc=document, blocks=blocks, q=q, marked=marked)
