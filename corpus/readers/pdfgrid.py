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
    columns = _label_columns(_pieces(chars, number))
    if not columns:
        return None
    pieces = _pieces(chars, number, columns)
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
        if _label_like(piece) or _LABEL_INSIDE.search(piece.fragment.text):
            return None  # a label outside the label columns (pairs flattened into lines): no grid explains it
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


_LABEL_INSIDE = re.compile(rf"(?:^|[\s|｜])[^\s：:|｜]{{1,{MAX_LABEL}}}[：:]")  # …|主题分类:|… in a value
_LABEL_AHEAD = re.compile(rf"^[^\s：:]{{1,{MAX_LABEL}}}[：:]")
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


def _pieces(chars: list[dict], number: int, columns: list[float] | None = None) -> list[_Piece]:
    """The printed pieces of the box: fragments of its lines, cut where a label starts after a gap (a
    value whose cell ends just before the next label, …00039 主题分类：, is two pieces) or, once the
    label columns are known, where one starts after a gap (…防灭 发文字, the label still to wrap); a
    value running across the columns (标题's over the whole row) stays one piece, and a label glued to
    its value is split off."""
    out = []
    for row in _rows_of(chars):
        run: list[dict] = []
        for i, char in enumerate(row):
            if run:
                gap = char["x0"] - run[-1]["x1"] > 0.3 * char["size"]
                at_column = bool(columns) and any(
                    run[-1]["x1"] <= x + NEAR and abs(char["x0"] - x) <= NEAR for x in columns or ()
                )
                label = _LABEL_AHEAD.match("".join(c["text"] for c in row[i : i + MAX_LABEL + 1]))
                # a label starts: after a gap, or at a label column even when the value before fills its cell
                if (gap and (at_column or label)) or (at_column and label):
                    out += _run_pieces(run, number)
                    run = []
            run.append(char)
        out += _run_pieces(run, number)
    return out


def _run_pieces(run: list[dict], number: int) -> list[_Piece]:
    return [_Piece(line, f) for line in baseline_lines(run, number) for f in _split(line.fragments)]


def _rows_of(chars: list[dict]) -> list[list[dict]]:
    """Characters by baseline (as pdflayout.baseline_lines groups them), each row left to right."""
    rows: list[list[dict]] = []
    for char in sorted((c for c in chars if c["text"].strip()), key=lambda c: (c["bottom"], c["x0"])):
        if rows and abs(char["bottom"] - rows[-1][0]["bottom"]) <= 0.35 * max(char["size"], rows[-1][0]["size"]):
            rows[-1].append(char)
        else:
            rows.append([char])
    return [sorted(row, key=lambda c: c["x0"]) for row in rows]


def find_band(chars: list[dict], number: int) -> list[int] | None:
    """Indexes of the characters of a label/value box printed without a frame (a table without borders):
    the lines around three or more labels ending with a colon, in columns, close one under another —
    and no line above the first label's piece (a breadcrumb above the box is not in it)."""
    pieces = _pieces(chars, number)
    columns = _label_columns(pieces)
    if not columns:
        return None
    at_column = [
        p
        for p in pieces
        if any(abs(p.fragment.x0 - x) <= NEAR for x in columns) and len(squash(p.fragment.text)) <= MAX_LABEL
    ]
    colons = sorted((p for p in at_column if p.fragment.text.rstrip()[-1:] in COLONS), key=lambda p: p.top)
    if len(colons) < 3:
        return None
    height = colons[0].bottom - colons[0].top
    stray = [p.middle for p in pieces if _label_like(p) and not any(abs(p.fragment.x0 - x) <= NEAR for x in columns)]
    group: list[_Piece] = []
    for piece in colons:
        # a row with a label outside the columns (发布时间：… 来源：… under the box) is past its end
        astray = any(abs(m - piece.middle) <= height / 2 for m in stray)
        if astray or (group and piece.top - group[-1].bottom > 4 * height):
            if len(group) >= 3:
                break
            group = []
            if astray:
                continue
        group.append(piece)
    if len(group) < 3:
        return None
    top, bottom = group[0].top, group[-1].bottom
    for piece in sorted(at_column, key=lambda p: -p.top):  # a label's first pieces above its colon
        if piece.bottom <= top and top - piece.bottom <= 1.5 * height:
            top = piece.top
    top, bottom = top - 0.6 * height, bottom + 0.6 * height
    return [i for i, c in enumerate(chars) if top <= (c["top"] + c["bottom"]) / 2 <= bottom]


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


def _label_like(piece: _Piece) -> bool:
    return piece.fragment.text.rstrip()[-1:] in COLONS and len(squash(piece.fragment.text)) <= MAX_LABEL


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
