"""CSV exports, readable by Excel (UTF-8 with a BOM): every hit of a search (up to api.EXPORT_CAP), one row
per record with its whole text, and the count tables of /trends and /crosstab. Headers are Chinese;
`_columns=en` gives English headers and raw values (ids, `document`/`clause`/`chronicle`) for scripts."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from flask import Response, request

from indexer.api import Hit
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


@dataclass(frozen=True)
class Row:
    """One hit as a CSV row sees it: the hit, whether the columns are for scripts, how named documents read."""

    hit: Hit
    english: bool
    refs: dict[str, str]  # doc id → 《title》（文号）


# (Chinese header, English header, the column's value): one row per record
HIT_COLUMNS: list[tuple[str, str, Callable[[Row], object]]] = [
    ("类别", "kind", lambda row: row.hit.kind if row.english else KIND_LABELS[row.hit.kind]),
    ("文号", "wenhao", lambda row: row.hit.wenhao),
    ("标题", "title", lambda row: row.hit.title),
    ("条款", "path", lambda row: row.hit.path),
    ("日期", "date", lambda row: row.hit.date),
    ("结束日期", "end_date", lambda row: row.hit.end_date),
    ("发文机关", "offices", lambda row: "、".join(row.hit.offices)),
    ("文种", "doc_type", lambda row: row.hit.doc_type),
    ("时效性", "validity", lambda row: (row.hit.validity or {}).get("status")),
    ("被引用次数", "cited_by", lambda row: row.hit.cited_by if row.hit.kind != "chronicle" else None),
    ("提到的文件", "documents", lambda row: "；".join(row.refs.get(d, d) for d in row.hit.documents)),
    ("期号", "issue_id", lambda row: row.hit.issue_id),
    ("链接", "url", lambda row: permalink(row.hit)),
    ("全文", "text", lambda row: row.hit.text if row.hit.text is not None else row.hit.snippet.text),
    ("编号", "id", lambda row: row.hit.id),
]


def permalink(hit) -> str:
    """The hit's stable address: its document, the clause's anchor in it, or the 大事记 day."""
    return request.host_url.rstrip("/") + hit_url(hit)


def hits_csv(hits: Sequence, refs: dict[str, str], filename: str = "gazette-search.csv") -> Response:
    """`refs`: doc id → how a 大事记 entry's named document is written (《title》 文号)."""
    english = english_columns()
    header = [en if english else zh for zh, en, _ in HIT_COLUMNS]
    rows = ([value(Row(hit, english, refs)) for _, _, value in HIT_COLUMNS] for hit in hits)
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
