"""/doc/<id> (+ .json): one document with metadata, clause permalinks, citations and cited-by."""
from __future__ import annotations

from flask import Blueprint, abort

from .body import paragraphs
from .engine import get_search
from .responses import json_error, request_format, respond

bp = Blueprint("documents", __name__)

MAX_ID_CHARS = 200


@bp.get("/doc/<doc_id>", defaults={"fmt": "html"}, endpoint="document_page")
@bp.get("/doc/<doc_id>.<any(json):fmt>", endpoint="document_json")
def document_page(doc_id: str, fmt: str = "html"):
    document = get_search().document(doc_id) if len(doc_id) <= MAX_ID_CHARS else None
    if document is None:
        if request_format() == "json":
            return json_error(f"没有编号为 {doc_id[:MAX_ID_CHARS]} 的文件", 404, "id", "not_found")
        abort(404)
    return respond("document.html", {"document": document}, doc=document, paragraphs=paragraphs(document))
