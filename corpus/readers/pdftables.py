"""Ruled tables of a PDF page → the tab-separated rows corpus.cleaning reads.

pdfplumber finds a table from its rules; each cell's characters are rebuilt into paragraphs like the
page text. A cell of several paragraphs is written `<p>…</p> <p>…</p>`, a cell of one as plain text.

Cells merged over several columns or rows are repeated into every place they cover, as the HTML
reader does with colspan/rowspan, so a column keeps its place in every row; a row that is one merged
cell (a heading inside the table) gives its text once. A table cut by a page end has no rule where it
was cut (a browser draws none): the ends of its rules close it there, so the rows on both sides of
the cut are read as rows, not as loose text. A character inside a table's frame that no cell holds
stays page text: nothing is lost.

A table that goes on over the next page is one table: the header rows the next page repeats are
dropped, a cell merged over rows that goes on over the page break (its text printed on one page)
covers its rows on both, and a row the page break cut (its first cell empty on the new page) is
merged back, its cells' lines joined so a paragraph cut by the page comes out whole.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from ..text import squash
from .html import META_LABELS
from .pdfgrid import find_band, read_grid
from .pdflayout import Line, baseline_lines, paragraphs

MIN_RULES = 4  # a page with fewer lines and rectangles holds no ruled table
TOLERANCE = 3.0  # points: a rule's end this close to another rule meets it (pdfplumber's own tolerance)
MIN_EDGE = 3.0  # points: shorter edges are the ends of a drawn rule, not rules

MIN_FRAME = (100.0, 24.0)  # points: a drawn rectangle this wide and tall may frame a label/value box
MAX_FRAME_CHARS = 2000  # a metadata box is a few hundred characters; a frame around a page is not one
MAX_FRAMES = 50  # rectangles of a page tried as label/value boxes
MAX_RULES = 1000  # vertical rules (pieces that touch joined) of a page past which no table is closed
# Horizontal × vertical rules of a page (pdfplumber's edges, pieces joined) past which no ruled table is
# sought: pdfplumber pairs every rule with every other and every crossing with every other, so a 10 KB page
# of 101 × 101 rules (grid paper) took 14 s, 200 × 200 minutes. A real page's tables: ~40 × 11.
MAX_RULE_CROSSINGS = 3_000

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom, as pdfplumber gives them


@dataclass(eq=False)
class Cell:
    """A cell as drawn: its frame, the lines read in it, and how many rows of its page's table it covers."""

    bbox: BBox
    lines: list[Line]
    rows: int = 1

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass
class TableRegion:
    page: int
    bbox: BBox
    widths: list[float]  # column widths, to tell a table continued on the next page
    places: list[list[Cell | None]]  # rows → columns → the cell covering the place (None: nothing drawn)
    last_page: int = 0  # the page it ends on, once continuations are merged in
    row_pages: list[int] = field(default_factory=list)  # the page each row starts on
    labels: bool = False  # a label/value box without inner rules (label, value, label, value … a row)

    def __post_init__(self):
        self.last_page = self.last_page or self.page
        if not self.row_pages:
            self.row_pages = [self.page] * len(self.places)

    @property
    def top(self) -> float:
        return self.bbox[1]


# What a PDF's pages are read into, in reading order: a table, or the lines of one text block.
PageItem = TableRegion | list[Line]


class TooManyRules(Exception):
    def __init__(self, horizontal: int, vertical: int):
        super().__init__(horizontal, vertical)
        self.horizontal, self.vertical = horizontal, vertical


@cache
def _bounded_finder():
    """pdfplumber's TableFinder, refusing a page whose rules cross more than MAX_RULE_CROSSINGS times
    before it pairs them (pdfplumber is imported only for PDFs)."""
    from pdfplumber.table import TableFinder

    class BoundedFinder(TableFinder):
        def get_edges(self):
            edges = super().get_edges()
            vertical = sum(1 for edge in edges if edge["orientation"] == "v")
            if vertical * (len(edges) - vertical) > MAX_RULE_CROSSINGS:
                raise TooManyRules(len(edges) - vertical, vertical)
            return edges

    return BoundedFinder


def _ruled_tables(page, number: int, notes: list[str] | None) -> list:
    from pdfplumber.table import TableSettings

    settings = TableSettings.resolve({"explicit_horizontal_lines": closing_edges(page.edges)})
    try:
        return _bounded_finder()(page, settings).tables  # what page.find_tables(settings) does, bounded
    except TooManyRules as rules:
        if notes is not None:
            notes.append(
                f"第 {number} 页的表格线过多（{rules.horizontal} 条横线、{rules.vertical} 条竖线，交叉超过 "
                f"{MAX_RULE_CROSSINGS:,} 处），未识别其中的表格，文字照常读取"
            )
        return []


def find_tables(
    page, number: int, chars: list[dict], notes: list[str] | None = None
) -> tuple[list[TableRegion], list[dict]]:
    """The ruled tables of a page, and the characters of `chars` no table cell holds. A page whose rules
    are too many to pair is read without ruled tables, with a note added to `notes`."""
    found = []
    taken: set[int] = set()
    if len(page.lines) + len(page.rects) >= MIN_RULES:
        for table in _ruled_tables(page, number, notes):
            if _inline(table.bbox, chars):
                continue
            region = _region(table, number, chars, taken)
            if region is not None:
                found.append(region)
    frames = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects]
    frames = [f for f in frames if f[2] - f[0] >= MIN_FRAME[0] and f[3] - f[1] >= MIN_FRAME[1]]
    for frame in frames[:MAX_FRAMES]:  # each reads the page's characters: a bounded number of them
        region = _label_box(frame, number, chars, taken)
        if region is not None:
            found.append(region)
    if number == 1 and not any(region.labels for region in found):
        region = _unframed_label_box(number, chars, taken)  # a saved page's table printed without borders
        if region is not None:
            found.append(region)
    found.sort(key=lambda region: region.top)
    return found, [c for i, c in enumerate(chars) if i not in taken]


def _inline(bbox: BBox, chars: list[dict]) -> bool:
    """Boxes drawn around characters inside a line of text (（二） with a border on each character):
    a frame no taller than two lines of its text, with text of the same line beside it."""
    x0, top, x1, bottom = bbox
    inside = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom and x0 <= c["x0"] and c["x1"] <= x1]
    if not inside:
        return False
    size = max(c["size"] for c in inside)
    if bottom - top > 2 * size:
        return False
    middle = (top + bottom) / 2
    return any(
        abs((c["top"] + c["bottom"]) / 2 - middle) <= size / 2 and (c["x1"] <= x0 or c["x0"] >= x1)
        for c in chars
        if c["text"].strip()
    )


def closing_edges(edges: list[dict]) -> list[dict]:
    """Horizontal edges where a ruled table is open: between two vertical rules that end at the same
    height with no rule across the gap between them. A browser draws no rule where the page end cuts
    a table, or under a cell merged over rows whose last row went to the next page; closed, the rows
    on both sides of the cut are cells. Only two rules of one ruled structure are joined (a horizontal
    rule elsewhere reaches from one to the other), so two boxes side by side do not become a table."""
    vertical = _joined_rules([e for e in edges if e["orientation"] == "v"])
    vertical = [(x, top, bottom) for x, top, bottom in vertical if bottom - top >= MIN_EDGE]
    if len(vertical) > MAX_RULES:  # not a page of tables (a ruled table's cells share a few long rules)
        return []
    horizontal = sorted(
        (e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= MIN_EDGE
    )
    if len(vertical) < 2 or not horizontal:
        return []
    heights = [h[0] for h in horizontal]

    def across(low: float, high: float) -> list[tuple[float, float, float]]:
        """The horizontal rules between two heights."""
        return horizontal[bisect_left(heights, low - TOLERANCE) : bisect_right(heights, high + TOLERANCE)]

    ends: dict[int, list[tuple[float, float, float]]] = defaultdict(list)  # rounded height → rules ending there
    for rule in vertical:
        ends[round(rule[1])].append(rule)
        ends[round(rule[2])].append(rule)
    out = []
    for y, rules in ends.items():
        rules.sort()
        at_y = sorted((x0, x1) for _, x0, x1 in across(y, y))
        for a, b in zip(rules, rules[1:]):
            xa, xb = a[0], b[0]
            if xb - xa < MIN_EDGE or _covered(at_y, xa + TOLERANCE, xb - TOLERANCE):
                continue
            low, high = max(a[1], b[1]), min(a[2], b[2])
            if any(x0 <= xa + TOLERANCE and x1 >= xb - TOLERANCE for _, x0, x1 in across(low, high)):
                out.append(_edge(xa, xb, y))
    return out


def _covered(intervals: list[tuple[float, float]], start: float, end: float) -> bool:
    """Whether the sorted intervals cover [start, end] without a gap wider than the tolerance."""
    reached = start
    for x0, x1 in intervals:
        if x0 > reached + TOLERANCE:
            break
        reached = max(reached, x1)
        if reached >= end:
            return True
    return reached >= end


def _edge(x0: float, x1: float, y: float) -> dict:
    return {
        "object_type": "closing_edge",
        "orientation": "h",
        "x0": x0,
        "x1": x1,
        "top": float(y),
        "bottom": float(y),
        "width": x1 - x0,
        "height": 0.0,
    }


def _joined_rules(edges: list[dict]) -> list[tuple[float, float, float]]:
    """Vertical edges as the rules they draw: (x, top, bottom), pieces on one line that touch joined
    (a browser draws each cell's border apart, so a rule ends at every row)."""
    pieces = sorted(((e["x0"] + e["x1"]) / 2, e["top"], e["bottom"]) for e in edges)
    rules: list[tuple[float, float, float]] = []
    line: list[tuple[float, float, float]] = []  # the pieces at one x, in order of x

    def flush():
        line.sort(key=lambda piece: piece[1])
        for _x, top, bottom in line:
            if rules and rules[-1][0] == line[0][0] and top <= rules[-1][2] + TOLERANCE:
                rules[-1] = (rules[-1][0], rules[-1][1], max(rules[-1][2], bottom))
            else:
                rules.append((line[0][0], top, bottom))
        line.clear()

    for piece in pieces:
        if line and piece[0] - line[0][0] > TOLERANCE / 3:
            flush()
        line.append(piece)
    flush()
    return rules


def _region(table, number: int, chars: list[dict], taken: set[int]) -> TableRegion | None:
    cells = list(table.cells)
    xs = sorted({round(c[0], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells})
    if len(xs) < 2 or not ys:
        return None
    places: list[list[Cell | None]] = [[None] * len(xs) for _ in ys]
    drawn: list[Cell] = []
    for box in cells:
        cols = range(bisect_right(xs, round(box[0], 1)) - 1, bisect_right(xs, box[2] - TOLERANCE / 2))
        rows = range(bisect_right(ys, round(box[1], 1)) - 1, bisect_right(ys, box[3] - TOLERANCE / 2))
        new = Cell(tuple(box), [], max(1, len(rows)))
        drawn.append(new)
        for r in rows:
            for c in cols:
                places[r][c] = new
    x0, top, x1, bottom = table.bbox
    inside: dict[int, list[dict]] = defaultdict(list)  # id of a cell → its characters
    for i, char in enumerate(chars):
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        r, c = bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1
        place = places[r][c] if r >= 0 and c >= 0 else None
        if place is not None and place.bbox[0] <= cx <= place.bbox[2] and place.bbox[1] <= cy <= place.bbox[3]:
            inside[id(place)].append(char)
            taken.add(i)
    for cell in drawn:
        cell.lines = _cell_lines(inside.get(id(cell), []), cell.bbox, number)
    widths = [b - a for a, b in zip(xs, xs[1:] + [x1])]
    return TableRegion(number, tuple(table.bbox), widths, places)


def _label_box(frame: BBox, number: int, chars: list[dict], taken: set[int]) -> TableRegion | None:
    """A frame (a drawn rectangle) with no rules inside whose text is label/value cells
    (corpus.readers.pdfgrid): the metadata box of a printed 政府信息公开 page, read as the table it is."""
    x0, top, x1, bottom = frame
    mine = [
        i
        for i, c in enumerate(chars)
        if i not in taken and x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    if not mine or len(mine) > MAX_FRAME_CHARS:
        return None
    rows = read_grid([chars[i] for i in mine], number)
    if rows is None:
        return None
    taken.update(mine)
    places: list[list[Cell | None]] = [[Cell((x0, top, x1, bottom), lines) for lines in row] for row in rows]
    return TableRegion(number, (x0, top, x1, bottom), [0.0] * len(places[0]), places, labels=True)


def _unframed_label_box(number: int, chars: list[dict], taken: set[int]) -> TableRegion | None:
    free = [i for i in range(len(chars)) if i not in taken]
    band = find_band([chars[i] for i in free], number)
    if not band or len(band) > MAX_FRAME_CHARS:
        return None
    mine = [free[k] for k in band]
    rows = read_grid([chars[i] for i in mine], number)
    if rows is None or len(_metadata_labels(rows)) < 3:
        return None  # without a frame, only a 政府信息公开 table is read as a grid: other lines stay text
    taken.update(mine)
    x0 = min(chars[i]["x0"] for i in mine)
    x1 = max(chars[i]["x1"] for i in mine)
    top = min(chars[i]["top"] for i in mine)
    bottom = max(chars[i]["bottom"] for i in mine)
    frame = (x0, top, x1, bottom)
    places: list[list[Cell | None]] = [[Cell(frame, lines) for lines in row] for row in rows]
    return TableRegion(number, frame, [0.0] * len(places[0]), places, labels=True)


def _metadata_labels(rows: list[list[list[Line]]]) -> set[str]:
    """The known metadata labels (索引号, 发文字号 …) among a grid's label cells."""
    labels = ("".join(line.text for line in row[k]) for row in rows for k in range(0, len(row), 2))
    return {key for label in labels if (key := META_LABELS.get(squash(label).strip("：:|")))}


def _cell_lines(inside: list[dict], box: BBox, number: int) -> list[Line]:
    lines = baseline_lines(inside, number)
    if lines:
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines) if len(lines) > 1 else box[2]
        for line in lines:
            line.left, line.right = left, right
    return lines


def _same_columns(a: TableRegion, b: TableRegion) -> bool:
    return len(a.widths) == len(b.widths) and all(abs(x - y) <= 3 for x, y in zip(a.widths, b.widths))


def _texts(row: list[Cell | None]) -> list[str]:
    return [cell.text if cell else "" for cell in row]


def merge_continued_tables(items: list[PageItem]) -> list[PageItem]:
    """Join a table with its continuation on the next page (nothing but furniture between them)."""
    out: list[PageItem] = []
    for value in items:
        if isinstance(value, list) and not value:
            continue
        prev = out[-1] if out else None
        if (
            isinstance(value, TableRegion)
            and isinstance(prev, TableRegion)
            and value.page == prev.last_page + 1
            and _same_columns(prev, value)
        ):
            _continue(prev, value)
            continue
        out.append(value)
    return out


def _continue(prev: TableRegion, value: TableRegion) -> None:
    rows = list(value.places)
    repeated = 0  # the header rows printed again on the new page
    while repeated < min(len(rows), len(prev.places)) and _texts(rows[repeated]) == _texts(prev.places[repeated]):
        repeated += 1
    rows = rows[repeated:]
    if rows and prev.places:
        last = prev.places[-1]
        for col, cell in enumerate(rows[0]):
            above = last[col]
            # a cell merged over rows that goes on over the break: its text is on the page before
            # (on one side of the break it covers several rows: a row the break cut is one row on both)
            if (
                cell is not None
                and not cell.text
                and above is not None
                and above.text
                and max(above.rows, cell.rows) > 1
            ):
                rows = [[above if place is cell else place for place in row] for row in rows]
        first = _texts(rows[0])
        if not first[0].strip() and any(t.strip() for t in first):
            # a row the page break cut: its cells go on in the row above
            prev.places[-1] = [_joined(a, b) for a, b in zip(last, rows[0])]
            rows = rows[1:]
    prev.places.extend(rows)
    prev.row_pages.extend([value.page] * len(rows))
    prev.last_page = value.page


def _joined(above: Cell | None, below: Cell | None) -> Cell | None:
    if above is None or below is None or above is below or not below.lines:
        return above or below
    return Cell(above.bbox, above.lines + below.lines, above.rows)


def cell_text(lines: list[Line], body_size: float) -> str:
    paras = paragraphs(lines, body_size) if lines else []
    texts = [p.text.replace("\t", " ") for p in paras]
    if len(texts) <= 1:
        return texts[0] if texts else ""
    return " ".join(f"<p>{html.escape(t, quote=False)}</p>" for t in texts)


def table_lines(table: TableRegion, body_size: float) -> list[tuple[str, int]]:
    """(tab-separated row, the page it starts on) for each row that holds any text."""
    rows = []
    texts: dict[int, str] = {}  # id of a cell → its text, rebuilt once however many places it covers
    seen: set[int] = set()
    for row, page in zip(table.places, table.row_pages):
        for cell in row:
            if cell is not None and id(cell) not in texts:
                texts[id(cell)] = cell_text(cell.lines, body_size)
        cells = [texts[id(cell)] if cell else "" for cell in row]
        owners = {id(cell) for cell in row if cell}
        if len(row) > 1 and len(owners) == 1 and all(row):
            (owner,) = owners
            # one cell across the row (a heading inside the table): its text once, and not again in
            # the further rows it covers
            cells = [cells[0] if owner not in seen else ""] + [""] * (len(row) - 1)
        seen |= owners
        if any(cells):
            rows.append(("\t".join(cells), page))
    return rows
