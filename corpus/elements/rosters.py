"""Rosters set in columns to save paper, told apart from real tables and read back in reading order.

The extractor writes every block the PDF set in columns as tab-separated rows. A roster set in two
columns (王福顺 | 盟住建局局长 | 谢宏伟 | 国网兴安供电公司总经理) is one list, read down the left column
and then down the right one; a real table (序号 | 牵头部门 | 具体职责) stays rows (corpus.records.tables).
"""

from __future__ import annotations

from ..people import LONG_NAME, is_name, looks_like_post


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
