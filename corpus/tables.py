"""Tables of the print: which tab-separated blocks are lists set in columns, and a document's tables.

The extractor writes every block the PDF set in columns as tab-separated rows. Two kinds look alike:

- a real table (序号 | 牵头部门 | 具体职责 | 配合部门职责): its rows are records and stay rows;
- a roster set in two columns to save paper (王福顺 | 盟住建局局长 | 谢宏伟 | 国网兴安供电公司总经理):
  it is one list, read down the left column and then down the right one (the print's order: the
  League's departments first, the banner and county heads last). Reading its rows across puts two
  people on a line and carries a post broken over two lines ("政研室" / "(改革办) 主任") onto
  whoever stands beside it.

`roster_entries` tells the second kind and gives its entries in reading order; `document_tables`
builds the Table records of a document from the body lines that came from real tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Table
from .people import LONG_NAME, is_name, looks_like_post

if TYPE_CHECKING:  # corpus.cleaning imports this module: its types are for the checker only
    from .cleaning import Para, TableRow


def roster_entries(rows: list[list[str]]) -> list[tuple[int, str, str]] | None:
    """(row index, name, post) in reading order when the rows are a roster set in columns, else None.

    A roster block has an even number of plain cells per row (name, post, name, post…), every name
    cell reads as a name and most post cells end with a post word. An entry with an empty name cell
    is the rest of the post above it in the same column (the print wrapped it); it comes back with
    name "" and the caller appends it to the entry before it.
    """
    if not rows or any("<p>" in cell for row in rows for cell in row):
        return None
    width = len(rows[0])
    if width < 4 or width % 2 or any(len(row) != width for row in rows):
        return None
    entries: list[tuple[int, str, str]] = []
    named = posts = 0
    for column in range(0, width, 2):
        for index, row in enumerate(rows):
            name, post = row[column].strip(), row[column + 1].strip()
            if not name and not post:
                continue
            if name and (not is_name(name) or not post or (len(name) >= LONG_NAME and not looks_like_post(post))):
                return None
            if name:
                named += 1
                posts += looks_like_post(post)
            entries.append((index, name, post))
    # a list of people, not a table that happens to have short cells: at least two names, and at
    # least three posts in four end with a post word
    if named < 2 or posts * 4 < named * 3:
        return None
    return entries


def document_tables(body: list[Para]) -> list[Table]:
    """The tables of a document, from its body lines (corpus.cleaning.Para) that carry a table row.

    Consecutive lines of one source table make one Table; `body_start`/`body_end` are the indexes of
    its lines in the body text split at newlines, so a reader can put the table in their place.
    """
    # a body line may hold several text lines (the 附件：1. … 2. … list): count text lines, not paras
    at, count = [], 0
    for para in body:
        at.append(count)
        count += para.text.count("\n") + 1
    at.append(count)
    tables: list[Table] = []
    i = 0
    while i < len(body):
        first = body[i].row
        if first is None:
            i += 1
            continue
        start = i
        rows: list[TableRow] = []
        row_lines: list[int] = []
        while i < len(body) and (row := body[i].row) is not None and row.table == first.table:
            if not rows or rows[-1].line != row.line:
                rows.append(row)
                row_lines.append(at[i])
            i += 1
        header: list[str] = []
        if rows[0].header:
            header = [" ".join(cell) for cell in rows[0].cells]
            rows, row_lines = rows[1:], row_lines[1:]
        tables.append(
            Table(
                id=f"t{len(tables) + 1}",
                header=header,
                rows=[[list(cell) for cell in row.cells] for row in rows],
                line=first.line,
                body_start=at[start],
                body_end=at[i],
                row_lines=row_lines,
            )
        )
    return tables
