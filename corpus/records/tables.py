"""Tables of the print: which tab-separated blocks are lists set in columns, and a document's tables.

The extractor writes every block the PDF set in columns as tab-separated rows. Two kinds look alike:

- a real table (序号 | 牵头部门 | 具体职责 | 配合部门职责): its rows are records and stay rows;
- a roster set in two columns to save paper (王福顺 | 盟住建局局长 | 谢宏伟 | 国网兴安供电公司总经理):
  it is one list, read down the left column and then down the right one (the print's order: the
  League's departments first, the banner and county heads last). Reading its rows across puts two
  people on a line and carries a post broken over two lines ("政研室" / "(改革办) 主任") onto
  whoever stands beside it.

`corpus.elements.rosters` tells the second kind and reads it back in order; `document_tables`
builds the Table records of a document from the body lines that came from real tables.
"""

from __future__ import annotations

from ..elements.paragraphs import Para, TableRow
from ..models import Table


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
