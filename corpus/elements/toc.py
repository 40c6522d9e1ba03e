"""An issue's front matter: header lines, the table of contents (目录), where the body starts.

TOC entries are `1. title  13`, with the page number after white space or leaders (`……13`, `···13`);
the number printed before the title is kept (each section numbers its entries from 1; a section's
heading is not an entry).
An entry the extractor wrapped over two or three lines is joined back (its title and page are on
different lines), and the header before 目录 stays the header whatever the entries look like.
"""

from __future__ import annotations

import re

from ..models import TocEntry
from ..text import fold, squash
from .paragraphs import Para, join_title

TOC_HEAD = "目录"
TOC_SECTION = re.compile(r"^\S{2,20}(文件|大事记)$")
NUMBERING = re.compile(r"^\d{1,2}\s*[.．、]\s*")
LEADERS = " \t\u3000.…·．⋯_"
WRAPPED = 3  # lines one entry may be wrapped over


def toc_item(text: str) -> tuple[str, int] | None:
    """(title, page) of a TOC line, or None. String operations only: linear on any line."""
    text = text.strip()
    body = text.rstrip("0123456789")
    digits = len(text) - len(body)
    if not 1 <= digits <= 3 or not body:
        return None
    title = body.rstrip(LEADERS)
    if title == body:
        return None  # the page number must follow white space or leaders
    numbering = NUMBERING.match(title)
    if numbering:
        title = title[numbering.end() :]
    title = title.strip()
    if not title:
        return None
    return title, int(text[len(body) :])


# Lines that belong to a document, not to an issue's front matter: a 目录 after one of them is the
# document's own (a 实施方案 with a table of contents), not the issue's.
_DOCUMENT_LINE = re.compile(
    r"[〔\[［]\s*(?:19|20)\d{2}\s*[〕\]］]\s*\d{1,5}\s*号|[：:]$|^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$|[。；]$"
)


def split_front_matter(paras: list[Para]) -> tuple[list[Para], list[TocEntry], list[Para], bool]:
    """(header lines, table of contents, the rest, whether there was a 目录 line).

    A 目录 counts as the issue's only before any line of a document (a 文号, an addressee, a date, a
    sentence): after one, it is a document's own table of contents and stays in its text.
    """
    toc_at = next((i for i, p in enumerate(paras[:40]) if squash(p.text) == TOC_HEAD), None)
    if toc_at is not None and any(_DOCUMENT_LINE.search(squash(p.text)) for p in paras[:toc_at]):
        toc_at = None
    if toc_at is None:
        return [], [], paras, False
    toc: list[TocEntry] = []
    section = ""
    i = toc_at + 1
    while i < len(paras):
        text = paras[i].text
        if toc and any(fold(text) == fold(t.title) for t in toc):
            break  # the first document's title: the body starts here
        item = toc_item(text)
        if TOC_SECTION.match(squash(text)) and not item:
            section = text
            i += 1
            continue
        taken = 1
        if item is None:
            for more in range(2, WRAPPED + 1):
                if i + more > len(paras) or any(p.table for p in paras[i : i + more]):
                    break
                item = toc_item(join_title([p.text for p in paras[i : i + more]]))
                if item:
                    taken = more
                    break
        if item is None:
            break
        numbered = NUMBERING.match(paras[i].text.strip())
        number = int(re.sub(r"\D", "", numbered.group(0))) if numbered else None
        toc.append(TocEntry(section=section, title=item[0], page=item[1], number=number))
        i += taken
    if not toc:  # no entry with its page: a document's own 目录 under its title (第一章 … / 第一节 …), in its text
        return [], [], paras, False
    return paras[:toc_at], toc, paras[i:], True


OWN_TOC_REACH = 400  # lines a document's own 目录 may run over before its first entry comes back
OWN_TOC_ENTRY = 60  # characters: an entry is a heading, never a sentence


def _entry_key(text: str) -> str:
    """An entry as its heading reads: white space folded, dot leaders and a page number dropped."""
    item = toc_item(text)
    return squash(item[0] if item else text)


def own_contents(paras: list[Para]) -> frozenset[int]:
    """The lines of a document's own 目录: a 目录 line and the headings listed under it, up to the line
    where the first listed heading comes back as the start of the text (a 预案 printed with its
    contents, 1 总则 / 1.1 编制目的及依据 … then 1 总则 again with its body). Without that return it is
    not taken for a 目录 (nothing is dropped on a guess). Each 目录 line looks ahead a bounded reach,
    so the whole is linear in the lines."""
    lines: set[int] = set()
    for at, para in enumerate(paras):
        if squash(para.text) != TOC_HEAD or at in lines:
            continue
        first = None
        for i in range(at + 1, min(len(paras), at + 1 + OWN_TOC_REACH)):
            text = paras[i].text.strip()
            if not text or len(text) > OWN_TOC_ENTRY or re.search(r"[。；;]", text):
                break
            key = _entry_key(text)
            if first is None:
                first = key
            elif key == first:
                if i - at > 2:  # two entries at least
                    lines.update(range(at, i))
                break
    return frozenset(lines)
