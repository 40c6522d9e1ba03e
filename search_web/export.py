"""CSV exports, readable by Excel (UTF-8 with a BOM): every hit of a search (up to api.EXPORT_CAP), one row
per record with its whole text, and the count tables of /trends and /crosstab. Headers are Chinese;
`_columns=en` gives English headers and raw values (ids, `document`/`clause`/`chronicle`) for scripts."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence

from flask import Response, request

from indexer.facets import KIND_LABELS

from .templating import hit_url

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel keeps at most 32,767 characters in a cell; a longer text (a whole document's body) is cut there
# and says so, the row's link leading to all of it.
MAX_CELL_CHARS = 32_000
CUT_NOTE = "…（全文见链接）"


def cell(value) -> str:
    """A spreadsheet must not read corpus text as a formula, nor lose the end of a long text silently."""
    text = "" if value is None else str(value)
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS] + CUT_NOTE
    return "'" + text if text.startswith(FORMULA_START) else text


def english_columns() -> bool:
    return request.args.get("_columns") == "en"


# (Chinese header, English header, value of a hit for each): one row per record
HitColumn = tuple[str, str, Callable]
HIT_COLUMNS: list[HitColumn] = [
    ("类别", "kind", lambda h, en, refs: h.kind if en else KIND_LABELS[h.kind]),
    ("文号", "wenhao", lambda h, en, refs: h.wenhao),
    ("标题", "title", lambda h, en, refs: h.title),
    ("条款", "path", lambda h, en, refs: h.path),
    ("日期", "date", lambda h, en, refs: h.date),
    ("结束日期", "end_date", lambda h, en, refs: h.end_date),
    ("发文机关", "offices", lambda h, en, refs: "、".join(h.offices)),
    ("文种", "doc_type", lambda h, en, refs: h.doc_type),
    ("时效性", "validity", lambda h, en, refs: (h.validity or {}).get("status")),
    ("被引用次数", "cited_by", lambda h, en, refs: h.cited_by if h.kind != "chronicle" else None),
    ("提到的文件", "documents", lambda h, en, refs: "；".join(refs.get(d, d) for d in h.documents)),
    ("期号", "issue_id", lambda h, en, refs: h.issue_id),
    ("链接", "url", lambda h, en, refs: permalink(h)),
    ("全文", "text", lambda h, en, refs: h.text if h.text is not None else h.snippet.text),
    ("编号", "id", lambda h, en, refs: h.id),
]


def permalink(hit) -> str:
    """The hit's stable address: its document, the clause's anchor in it, or the 大事记 day."""
    return request.host_url.rstrip("/") + hit_url(hit)


def hits_csv(hits: Sequence, refs: dict[str, str], filename: str = "gazette-search.csv") -> Response:
    """`refs`: doc id → how a 大事记 entry's named document is written (《title》 文号)."""
    en = english_columns()
    header = [english if en else chinese for chinese, english, _ in HIT_COLUMNS]
    rows = ([value(h, en, refs) for _, _, value in HIT_COLUMNS] for h in hits)
    return table_response(header, rows, filename)


def table_response(header: list[str], rows: Iterable[list], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    body = "\ufeff" + out.getvalue()
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
