"""A frame without inner rules holding label/value cells: the 政府信息公开 metadata box as a browser
prints a page (索引号： 000014349/2019-00007 主题分类： 市场监管… in a bordered box whose cells have no
borders of their own).

Read line by line, such a box is a puzzle: the labels sit in narrow cells and wrap (索 引 / 号：),
each value is centred on its label's lines, and two label/value pairs share each row, so the lines
interleave `索 引 · 主题分`, `000014349/2019-00007 · 市场监管…`, `号： · 类：`. Read by its geometry it is
a table again:

- label columns: where fragments ending with a colon start (two or more at one x);
- a label cell: the fragments of a label column from one colon to the next (索 引 + 号：);
- rows: label cells whose lines overlap;
- a value: every other fragment, in the row its middle falls in, beside the label column to its left.

`read_grid` gives the rows as cells (label, value, label, value …) or None when the box is not such a
grid (fewer than two labels, or a fragment that fits nowhere): then its lines stay page text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import squash
from .pdflayout import Fragment, Line, baseline_lines

COLONS = "：:"
MAX_LABEL = 8  # characters (white space left out) of one printed piece of a label
NEAR = 3.0  # points: fragments starting this close start in one column


@dataclass
class _Piece:
    line: Line
    fragment: Fragment

    @property
    def top(self) -> float:
        return self.line.top

    @property
    def bottom(self) -> float:
        return self.line.bottom

    @property
    def middle(self) -> float:
        return (self.line.top + self.line.bottom) / 2


def read_grid(chars: list[dict], number: int) -> list[list[list[Line]]] | None:
    """The rows of a label/value box from its characters: each row's cells as lines, label then value
    for each label column; None when the characters do not make such a box."""
    pieces = [_Piece(line, f) for line in baseline_lines(chars, number) for f in _split(line.fragments)]
    columns = _label_columns(pieces)
    if not columns:
        return None
    labels: dict[int, list[list[_Piece]]] = {c: [] for c in range(len(columns))}  # column → its label cells
    values: list[_Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.fragment.x0)):
        column = next((c for c, x in enumerate(columns) if abs(piece.fragment.x0 - x) <= NEAR), None)
        if column is not None and len(squash(piece.fragment.text)) <= MAX_LABEL:
            cells = labels[column]
            if not cells or _closed(cells[-1]):
                cells.append([])
            cells[-1].append(piece)
        else:
            values.append(piece)
    rows = _rows([(c, cell) for c, cells in labels.items() for cell in cells])
    if sum(len(cells) for cells in labels.values()) < 2:
        return None
    filled: list[dict[int, list[_Piece]]] = [{} for _ in rows]
    for piece in values:
        place = _place(piece, rows, columns)
        if place is None:
            return None  # a fragment that is no label and beside no label: not this kind of box
        row, column = place
        filled[row].setdefault(column, []).append(piece)
    used = sorted({c for row in rows for c in row[2]})
    out = []
    for (_top, _bottom, members), given in zip(rows, filled):
        out_row: list[list[Line]] = []
        for column in used:
            out_row.append(_lines(members.get(column, [])))
            out_row.append(_lines(given.get(column, [])))
        out.append(out_row)
    return out


_LABEL_FIRST = re.compile(rf"^([^：:]{{1,{MAX_LABEL}}}[：:])\s*(\S.*)$")


def _split(fragments: list[Fragment]) -> list[Fragment]:
    """A label printed close to its value is one fragment (标题： 兴安盟行政公署关于…): two pieces, the
    value's start placed in proportion to the characters before it."""
    out = []
    for fragment in fragments:
        match = _LABEL_FIRST.match(fragment.text)
        if match is None or len(squash(match.group(1))) > MAX_LABEL:
            out.append(fragment)
            continue
        share = len(match.group(1)) / max(1, len(fragment.text))
        middle = fragment.x0 + share * (fragment.x1 - fragment.x0)
        out += [Fragment(fragment.x0, middle, match.group(1)), Fragment(middle, fragment.x1, match.group(2))]
    return out


def _label_columns(pieces: list[_Piece]) -> list[float]:
    """The x where label cells start: two or more short fragments ending with a colon start there."""
    starts = sorted(
        p.fragment.x0
        for p in pieces
        if p.fragment.text.rstrip()[-1:] in COLONS and len(squash(p.fragment.text)) <= MAX_LABEL
    )
    columns: list[list[float]] = []
    for x in starts:
        if columns and x - columns[-1][0] <= NEAR:
            columns[-1].append(x)
        else:
            columns.append([x])
    return [group[0] for group in columns if len(group) >= 2]


def _closed(cell: list[_Piece]) -> bool:
    return cell[-1].fragment.text.rstrip()[-1:] in COLONS


def _rows(cells: list[tuple[int, list[_Piece]]]) -> list[tuple[float, float, dict[int, list[_Piece]]]]:
    """Label cells whose lines overlap make one row: (top, bottom, label column → its label cell)."""
    rows: list[tuple[float, float, dict[int, list[_Piece]]]] = []
    for column, cell in sorted(cells, key=lambda item: item[1][0].top):
        top, bottom = cell[0].top, cell[-1].bottom
        if rows and top < rows[-1][1] - 1 and column not in rows[-1][2]:
            last_top, last_bottom, members = rows[-1]
            members[column] = cell
            rows[-1] = (min(last_top, top), max(last_bottom, bottom), members)
        else:
            rows.append((top, bottom, {column: cell}))
    return rows


def _place(piece: _Piece, rows, columns: list[float]) -> tuple[int, int] | None:
    """(row, label column) of a value: the row its middle falls in (else the nearest), beside the
    nearest label column to its left that has a label in that row."""
    middle = piece.middle
    row = min(
        range(len(rows)),
        key=lambda r: (
            0.0 if rows[r][0] <= middle <= rows[r][1] else min(abs(middle - rows[r][0]), abs(middle - rows[r][1]))
        ),
    )
    left = [c for c, x in enumerate(columns) if x < piece.fragment.x0 - NEAR and c in rows[row][2]]
    return (row, left[-1]) if left else None


def _lines(pieces: list[_Piece]) -> list[Line]:
    """The pieces of one cell as lines read with the cell's margins (so a wrapped label runs on)."""
    if not pieces:
        return []
    left = min(p.fragment.x0 for p in pieces)
    right = max(p.fragment.x1 for p in pieces)
    return [
        Line(p.line.page, p.top, p.bottom, p.line.size, [p.fragment], left=left, right=right)
        for p in sorted(pieces, key=lambda p: (p.top, p.fragment.x0))
    ]
