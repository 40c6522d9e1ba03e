"""Ruled tables of a PDF page → the tab-separated rows corpus.cleaning reads.

pdfplumber finds a table from its rules; each cell's characters are rebuilt into paragraphs like the
page text. A cell of several paragraphs is written `<p>…</p> <p>…</p>`, a cell of one as plain text.
A table that goes on over the next page is one table: the header row the next page repeats is
dropped, and a row the page break cut (its first cell empty on the new page) is merged back, its cells'
lines joined so a paragraph cut by the page comes out whole.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .pdflayout import Line, baseline_lines, paragraphs

MIN_RULES = 4  # a page with fewer lines and rectangles holds no ruled table

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom, as pdfplumber gives them


@dataclass
class TableRegion:
    page: int
    bbox: BBox
    widths: list[float]  # column widths, to tell a table continued on the next page
    rows: list[list[list[Line]]]  # rows → cells → the cell's lines
    cell_boxes: list[list[BBox | None]]  # None for a cell the row does not have
    last_page: int = 0  # the page it ends on, once continuations are merged in
    row_pages: list[int] = field(default_factory=list)  # the page each row starts on

    def __post_init__(self):
        self.last_page = self.last_page or self.page
        if not self.row_pages:
            self.row_pages = [self.page] * len(self.rows)

    @property
    def top(self) -> float:
        return self.bbox[1]


# What a PDF's pages are read into, in reading order: a table, or the lines of one text block.
PageItem = TableRegion | list[Line]


def find_tables(page, number: int) -> list[TableRegion]:
    if len(page.lines) + len(page.rects) < MIN_RULES:
        return []
    found = []
    chars = page.chars
    for table in page.find_tables():
        rows = table.rows
        if not rows or max(len(r.cells) for r in rows) < 2:
            continue
        columns = max(len(r.cells) for r in rows)
        region_rows: list[list[list[Line]]] = []
        boxes: list[list[BBox | None]] = []
        for row in rows:
            cells: list[BBox | None] = list(row.cells) + [None] * (columns - len(row.cells))
            region_rows.append([_cell_lines(chars, box, number) if box else [] for box in cells])
            boxes.append(cells)
        widths = _column_widths(boxes, columns)
        found.append(TableRegion(number, tuple(table.bbox), widths, region_rows, boxes))
    return found


def _cell_lines(chars: list[dict], box: BBox, number: int) -> list[Line]:
    x0, top, x1, bottom = box
    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    lines = baseline_lines(inside, number)
    if lines:
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines) if len(lines) > 1 else x1
        for line in lines:
            line.left, line.right = left, right
    return lines


def _column_widths(boxes: list[list[BBox | None]], columns: int) -> list[float]:
    widths = []
    for col in range(columns):
        spans = [box[2] - box[0] for row in boxes if (box := row[col])]
        widths.append(min(spans) if spans else 0.0)
    return widths


def _same_columns(a: TableRegion, b: TableRegion) -> bool:
    return len(a.widths) == len(b.widths) and all(abs(x - y) <= 3 for x, y in zip(a.widths, b.widths))


def _texts(row: list[list[Line]]) -> list[str]:
    return ["".join(line.text for line in cell) for cell in row]


def merge_continued_tables(items: list[PageItem]) -> list[PageItem]:
    """Join a table with its continuation on the next page (nothing but furniture between them)."""
    out: list[PageItem] = []
    for value in items:
        if isinstance(value, list) and not value:
            continue
        prev = out[-1] if out else None
        if isinstance(value, TableRegion) and isinstance(prev, TableRegion):
            if value.page == prev.last_page + 1 and _same_columns(prev, value):
                rows = list(value.rows)
                if rows and _texts(rows[0]) == _texts(prev.rows[0]):
                    rows = rows[1:]  # the header row printed again on the new page
                if rows and not _texts(rows[0])[0].strip() and any(t.strip() for t in _texts(rows[0])):
                    last = prev.rows[-1]
                    prev.rows[-1] = [a + b for a, b in zip(last, rows[0])]  # a row the page break cut
                    rows = rows[1:]
                prev.rows.extend(rows)
                prev.row_pages.extend([value.page] * len(rows))
                prev.last_page = value.page
                continue
        out.append(value)
    return out


def cell_text(lines: list[Line], body_size: float) -> str:
    paras = paragraphs(lines, body_size) if lines else []
    texts = [p.text.replace("\t", " ") for p in paras]
    if len(texts) <= 1:
        return texts[0] if texts else ""
    return " ".join(f"<p>{html.escape(t, quote=False)}</p>" for t in texts)


def table_lines(table: TableRegion, body_size: float) -> list[tuple[str, int]]:
    """(tab-separated row, the page it starts on) for each row that holds any text."""
    rows = []
    for row, page in zip(table.rows, table.row_pages):
        cells = [cell_text(lines, body_size) for lines in row]
        if any(cells):
            rows.append(("\t".join(cells), page))
    return rows
