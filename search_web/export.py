"""CSV export of every hit (up to api.EXPORT_CAP), readable by Excel: UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io

from flask import Response, request

COLUMNS = [
    "kind",
    "id",
    "doc_id",
    "wenhao",
    "title",
    "date",
    "end_date",
    "offices",
    "doc_type",
    "path",
    "anchor",
    "issue_id",
    "url",
    "snippet",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A spreadsheet must not read corpus text as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def hit_row(hit) -> list[str]:
    url = ""
    if hit.doc_id:
        url = f"{request.host_url}doc/{hit.doc_id}" + (f"#{hit.anchor}" if hit.kind == "clause" and hit.anchor else "")
    values = [
        hit.kind,
        hit.id,
        hit.doc_id,
        hit.wenhao,
        hit.title,
        hit.date,
        hit.end_date,
        "、".join(hit.offices),
        hit.doc_type,
        hit.path,
        hit.anchor,
        hit.issue_id,
        url,
        hit.snippet.text,
    ]
    return [cell(v) for v in values]


def csv_response(hits, filename: str = "gazette-search.csv") -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(hit_row(h) for h in hits)
    body = "\ufeff" + out.getvalue()
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
