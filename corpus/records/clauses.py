"""Splitting a document body into numbered clauses.

The numbering is recognised by corpus.elements.numbering (one processor per scheme). Nesting is not
fixed per scheme: a scheme seen for the first time under the current
heading nests below it, a scheme already on the stack closes everything opened after it
(so 一、 › （一） › 1. and 第一章 › 第一条 both work).
"""

from __future__ import annotations

import re

from ..elements.numbering import Marker, find_marker
from ..elements.paragraphs import Para, TableRow, join_title
from ..elements.toc import own_contents
from ..models import Clause


def heading_label(text: str, marker: Marker) -> str:
    """A clause's label in its path: the heading line, or the lead sentence of a numbered paragraph."""
    text = text.strip()
    cut = re.search(r"[。；;：:]", text[len(marker.printed) :])
    if cut:
        text = text[: len(marker.printed) + cut.start()]
    return text if len(text) <= 60 else text[:60] + "…"


def _row_clauses(paras: list[Para]) -> tuple[dict[int, Marker], frozenset[int]]:
    """The table rows that are clauses: (index of each row's first line → its marker, all their lines).

    A table whose cells carry their own numbering (1. 发挥牵头部门作用 … in every row of a task
    table) would otherwise have that numbering read as the document's outline, and the items of
    different rows would pile up as siblings. Such a table gets one clause per row instead, numbered
    by its 序号 cell ("r1", "r2"…), and the numbering inside the cells stays in the row's text.
    Tables without numbered lines are left to the body as before.
    """
    tables: dict[int, list[tuple[int, TableRow]]] = {}  # table → (index, row) of each of its lines
    for index, para in enumerate(paras):
        if para.row is not None:
            tables.setdefault(para.row.table, []).append((index, para.row))
    starts: dict[int, Marker] = {}
    inside: set[int] = set()
    for lines in tables.values():
        if not any(find_marker(paras[i].text) for i, row in lines if not row.header):
            continue
        inside.update(i for i, _ in lines)
        last_row, count = None, 0
        for i, row in lines:
            if row.header or row.line == last_row:
                continue
            last_row, count = row.line, count + 1
            first = row.cells[0][0] if row.cells and row.cells[0] else ""
            number = int(first) if first.isdigit() else count
            starts[i] = Marker("table-row", first if first.isdigit() else "", number, f"r{number}")
    return starts, frozenset(inside)


def split_clauses(  # noqa: C901 - older than the limit; split it when it next changes
    doc_id: str, paras: list[Para], attachment_titles: dict[int, str] | None = None, closes=None
) -> list[Clause]:
    """Clauses in document order. Text before the first marker belongs to no clause (it stays in the body).

    `attachment_titles` maps the index of a line that opens an attachment printed without a
    "附件 N" line above its title (the title named in a 附件：… list) to that title;
    `closes(text)` is true for lines that end the clause above and belong to none (the signing date,
    signatures, the 附件：… list, (此件公开发布), the 印发 line).
    Lines of a table whose cells carry their own numbering make one clause per row (see _row_clauses).
    The entries of a document's own 目录 open no clause (elements.toc.own_contents).
    """
    attachment_titles = attachment_titles or {}
    clauses: list[Clause] = []
    stack: list[tuple[Marker, str, str]] = []  # (marker, label, anchor) from the top down
    used: set[str] = set()
    next_suffix: dict[str, int] = {}  # anchor → the k of its next anchor-k
    current: list[str] | None = None
    pending_attachment: int | None = None  # an attachment line waits for its title on the next line

    def open_clause(marker: Marker, label: str, text: str) -> list[str]:
        schemes = [m.scheme for m, _, _ in stack]
        if marker.scheme == "attachment":
            stack.clear()
        elif marker.scheme in schemes:
            del stack[schemes.index(marker.scheme) :]
        anchor_parts = [a for _, _, a in stack] + [marker.anchor]
        anchor = "c" + ".".join(anchor_parts)
        # the next free -k of this anchor is remembered: counting up from 2 each time made a text of
        # repeated 第一条 lines quadratic
        unique, k = anchor, next_suffix.get(anchor, 2)
        if unique in used:
            unique = f"{anchor}-{k}"
            while unique in used:
                k += 1
                unique = f"{anchor}-{k}"
            next_suffix[anchor] = k + 1
        used.add(unique)
        stack.append((marker, label, marker.anchor))
        body = [text]
        clauses.append(
            Clause(
                id=unique,
                doc_id=doc_id,
                path=[lab for _, lab, _ in stack],
                level=len(stack),
                order=len(clauses) + 1,
                marker=marker.printed,
                text="",
            )
        )
        return body

    def close():
        if clauses and current is not None:
            clauses[-1].text = "\n".join(current)

    row_starts, in_rows = _row_clauses(paras)
    contents = own_contents(paras)  # a document's own 目录: its entries are not the clauses they list
    attachments_opened = 0
    in_table = False  # the line before was a line of a table whose rows are clauses
    for index, para in enumerate(paras):
        if in_table and index not in in_rows:
            # out of the table: its last row is closed; what follows is not part of any row
            close()
            schemes = [m.scheme for m, _, _ in stack]
            if "table-row" in schemes:
                del stack[schemes.index("table-row") :]
            current = None
        in_table = index in in_rows
        if in_table and pending_attachment is None:
            if index in row_starts:
                close()
                row_marker = row_starts[index]
                current = open_clause(row_marker, heading_label(para.text, row_marker), para.text)
            elif current is not None:
                current.append(para.text)
            continue
        if pending_attachment is not None and current is not None:
            # the line after "附件 1" is the attachment's title: it names the clause
            clauses[-1].path[-1] = f"附件{pending_attachment} {join_title([para.text])}"
            stack[-1] = (stack[-1][0], clauses[-1].path[-1], stack[-1][2])
            current.append(para.text)
            pending_attachment = None
            continue
        if index in attachment_titles:
            close()
            attachments_opened += 1
            n = attachments_opened
            listed = Marker("attachment", "附件", n, f"att{n}")
            current = open_clause(listed, f"附件{n} {join_title([attachment_titles[index]])}", para.text)
            continue
        marker = None if index in contents else find_marker(para.text)
        if marker is None:
            if closes is not None and closes(para.text):
                close()
                current = None
            elif current is not None:
                current.append(para.text)
            continue
        close()
        if marker.scheme == "attachment":
            attachments_opened += 1
            label = f"附件{marker.number}"
            current = open_clause(marker, label, para.text)
            pending_attachment = marker.number
        else:
            current = open_clause(marker, heading_label(para.text, marker), para.text)
    close()
    return clauses
