"""Two columns an extractor interleaved line by line, read back column by column.

Some PDF-to-text tools (and the text layer of flipbook pages) write a page set in two columns as
lines that each hold a piece of the left column, a wide gap of spaces, and a piece of the right column:

                   5 月 13 日  中国矿业大学(北京) 内蒙古研          5 月 25 日  创建第三批全国法治政府建设
               究院第一届理事会第三次会议在北京召开。 市委           示范市工作部署会议召开。 市委副书记、市长于

Read as lines, the right column's entries are glued into the left one's. A run of such lines is read
back as the left column's pieces, in order, then the right column's. A run is only taken for columns
when it looks like a page set in two: at least `MIN_PAIRS` lines hold two long pieces, the right
pieces start at one place on the line (give or take an indent), and most pieces of each column end at one
place (a column set justified). A roster line (韩　正　　国务院副总理)
holds short pieces and a table row is marked as one already: neither is touched. A line holding only a
right-column piece (the left column ended) is told by its indent; a page break (a form feed, or three
blank lines) ends a run, so each page's columns are read in turn.

Line numbers stay the file's: each piece keeps the number of the line it was printed on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from statistics import median

from .paragraphs import Para

GAP = re.compile(r"[ \u3000]{2,}")
MIN_GAP = 4  # display columns of white space between two columns
MIN_PIECE = 12  # display columns (6 Chinese characters) each piece of a column line holds
MIN_PAIRS = 4  # lines with a piece in each column, for a run to be read as columns
SLACK = 10  # display columns a piece may start away from its column's usual start (first-line indents)
PAGE_GAP = 3  # blank lines in a row that end a page
JUSTIFIED = 6  # display columns within which most pieces of a column end
# a metadata table's cell: a short label and a colon (发文机关：, 成文日期：)
LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")


def width(text: str) -> int:
    """Display width as a monospaced extractor lays text out: Chinese characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass(frozen=True)
class _Shape:
    indent: int  # display columns before the line's text
    left: str  # the text before the gap, or the whole line
    right: str | None  # the text after the gap, or None
    right_at: int | None  # display column the right piece starts at


def _shape(para: Para, raw: str) -> _Shape:
    stripped = raw.replace("\f", "").rstrip()
    indent = width(stripped[: len(stripped) - len(stripped.lstrip(" \t\u3000"))])
    text = para.text
    widest = None
    for gap in GAP.finditer(text):
        if width(gap.group()) >= MIN_GAP and (widest is None or width(gap.group()) > width(widest.group())):
            widest = gap
    if widest is None:
        return _Shape(indent, text, None, None)
    left, right = text[: widest.start()].rstrip(), text[widest.end() :].lstrip()
    return _Shape(indent, left, right, indent + width(text[: widest.end()]))


def read_columns(paras: list[Para], raw_lines: list[str], first_line: int = 1) -> list[Para]:
    """`paras` with each run of interleaved two-column lines read column by column (see the module)."""
    if len(paras) < MIN_PAIRS:
        return paras
    shapes: list[_Shape | None] = []
    for para in paras:
        index = para.line - first_line
        raw = raw_lines[index] if 0 <= index < len(raw_lines) else para.text
        shapes.append(None if para.table or "\t" in raw else _shape(para, raw))
    pairs = [
        s for s in shapes if s and s.right is not None and width(s.left) >= MIN_PIECE and width(s.right) >= MIN_PIECE
    ]
    if len(pairs) < MIN_PAIRS:
        return paras
    left_at = median(s.indent for s in pairs)
    right_at = median(s.right_at for s in pairs if s.right_at is not None)
    if right_at - left_at < 2 * MIN_PIECE:
        return paras
    out: list[Para] = []
    run: list[tuple[Para, str | None, str | None]] = []  # (para, left piece, right piece)

    def flush() -> None:
        if _justified([(p, left, right) for p, left, right in run if left and right], shapes_of):
            out.extend(replace(p, text=left) for p, left, _ in run if left)
            out.extend(replace(p, text=right) for p, _, right in run if right)
        else:
            out.extend(p for p, _, _ in run)
        run.clear()

    shapes_of = {id(p): s for p, s in zip(paras, shapes)}
    previous_line = None
    for para, shape in zip(paras, shapes):
        if run and previous_line is not None and _page_break(raw_lines, previous_line, para.line, first_line):
            flush()
        previous_line = para.line
        pieces = _pieces(shape, left_at, right_at)
        if pieces is None:
            flush()
            out.append(para)
            continue
        run.append((para, *pieces))
    flush()
    return out


def _justified(pairs: list[tuple[Para, str | None, str | None]], shapes_of: dict[int, _Shape | None]) -> bool:
    """Enough lines with a piece in each column, both columns filled: most pieces of each column end at one
    place (set justified), where the cells of a table laid out with spaces end anywhere; and the pieces are
    text, not a metadata table's "label：value" pairs (发文机关：…　　成文日期：…)."""
    if len(pairs) < MIN_PAIRS:
        return False
    left_ends, right_ends, labelled = [], [], 0
    for para, left, right in pairs:
        shape = shapes_of[id(para)]
        if shape is None or not left or not right or shape.right_at is None:
            continue
        left_ends.append(shape.indent + width(left))
        right_ends.append(shape.right_at + width(right))
        labelled += bool(LABELLED.match(left)) + bool(LABELLED.match(right))
    if labelled * 2 >= len(left_ends):
        return False
    return _mostly_at_one_place(left_ends) and _mostly_at_one_place(right_ends)


def _mostly_at_one_place(ends: list[int]) -> bool:
    if not ends:
        return False
    usual = median(ends)
    return sum(1 for end in ends if abs(end - usual) <= JUSTIFIED) * 5 >= len(ends) * 3


def _pieces(shape: _Shape | None, left_at: float, right_at: float) -> tuple[str | None, str | None] | None:
    """(left piece, right piece) of a line in a two-column run, or None for a line that is not one."""
    if shape is None:
        return None
    if shape.right is not None and shape.right_at is not None:
        if abs(shape.right_at - right_at) <= SLACK and abs(shape.indent - left_at) <= SLACK:
            return shape.left, shape.right
        return None
    if abs(shape.indent - right_at) <= SLACK:
        return None, shape.left  # the left column has ended: a right piece alone
    if abs(shape.indent - left_at) <= SLACK and shape.indent + width(shape.left) <= right_at + SLACK:
        return shape.left, None  # the right column has ended (or has a blank line here)
    return None


def _page_break(raw_lines: list[str], before: int, line: int, first_line: int) -> bool:
    """Whether a page ends between source lines `before` and `line`: a form feed or several blank lines."""
    between = raw_lines[before - first_line + 1 : line - first_line]
    if "\f" in raw_lines[line - first_line] or any("\f" in raw for raw in between):
        return True
    blank = 0
    for raw in between:
        blank = blank + 1 if not raw.strip() else 0
        if blank >= PAGE_GAP:
            return True
    return False
