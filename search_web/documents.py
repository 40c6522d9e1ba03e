"""/doc/<id> (+ .json): one document with metadata, clause permalinks, citations and cited-by."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from .body import paragraphs
from .engine import get_search
from .responses import json_error, json_ok

bp = Blueprint("documents", __name__)

MAX_ID_CHARS = 200


def load(doc_id: str) -> dict | None:
    if len(doc_id) > MAX_ID_CHARS:
        return None
    return get_search().document(doc_id)


@bp.get("/doc/<doc_id>.json")
def document_json(doc_id: str):
    document = load(doc_id)
    if document is None:
        return json_error(f"没有编号为 {doc_id[:MAX_ID_CHARS]} 的文件", 404, "id")
    return json_ok({"document": document})


@bp.get("/doc/<doc_id>")
def document_page(doc_id: str):
    document = load(doc_id)
    if document is None:
        abort(404)
    return render_template("document.html", doc=document, paragraphs=paragraphs(document))
