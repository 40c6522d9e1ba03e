"""Links inside the corpus: documents named by 《title》 or 文号 in a text, the text a 印发 notice
issues, 大事记 entries that name a document or a group.

Titles are compared folded (width and white space: 《…（试行）》 and 《…(试行)》 are one title) and
with nested quotation marks made alike (〈…〉, <…> and 《…》), since a title quoted inside another is
printed with 〈〉 and the PDF text sometimes closes it with ">".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import ChronicleEntry, Document, Group
from ..text import fold
from ..wenhao import find_wenhao

TITLE = re.compile(r"《(?P<title>[^《》\n]{1,160})》")
_QUOTES = str.maketrans("〈〉<>", "《》《》")


def title_key(text: str) -> str:
    """What two printings of one title share: folded, nested quotes alike, outer 《》 dropped."""
    key = fold(text).translate(_QUOTES)
    if key.startswith("《") and key.endswith("》"):
        key = key[1:-1]
    return key


def title_index(documents: Iterable[Document]) -> dict[str, list[str]]:
    """title key → ids of the documents it names: each document by its own title and, for a
    关于印发《X》的通知, by X too (the notice is the corpus's record of X)."""
    index: dict[str, list[str]] = {}
    for doc in documents:
        for title in (doc.title, doc.issued_title):
            if title:
                ids = index.setdefault(title_key(title), [])
                if doc.id not in ids:
                    ids.append(doc.id)
    return index


def wenhao_spans(text: str) -> list[tuple[int, int, str]]:
    """Every 文号 in `text`: (start, end, canonical 文号), offsets into `text`, for linking each one."""
    return [(start, end, wenhao.canonical) for wenhao, start, end in find_wenhao(text)]


def wenhao_links(text: str, documents: Iterable[Document]) -> list[tuple[int, int, str, str | None]]:
    """wenhao_spans with the id of the corpus document holding that 文号 (None when it is not in the corpus)."""
    by_wenhao = {d.wenhao_normalized: d.id for d in documents if d.wenhao_normalized}
    return [(start, end, canonical, by_wenhao.get(canonical)) for start, end, canonical in wenhao_spans(text)]


def title_spans(
    text: str, documents: Iterable[Document] = (), *, index: dict[str, list[str]] | None = None
) -> list[tuple[int, int, str]]:
    """Every 《title》 in `text` that names a corpus document: (start, end, doc id), the span taking
    in the brackets. A title naming two documents gives two spans. Pass `index` (title_index of the
    documents) when looking in many texts: building it reads every title."""
    if index is None:
        index = title_index(documents)
    out = []
    for match in TITLE.finditer(text):
        for doc_id in index.get(title_key(match.group("title")), []):
            out.append((match.start(), match.end(), doc_id))
    return out


def issued_links(documents: Iterable[Document]) -> dict[str, dict]:
    """For each 关于印发《X》的通知: where X is.

    {notice id: {"issued_title": X, "body_line": index in body.split("\\n") of the line printing X's
    title (the issued text follows it in the notice's own body) or None, "documents": ids of other
    corpus documents whose own title is X}}. The second case is rare: a gazette prints the issued text
    inside the notice.
    """
    documents = list(documents)
    own_titles: dict[str, list[str]] = {}
    for doc in documents:
        own_titles.setdefault(title_key(doc.title), []).append(doc.id)
    out = {}
    for doc in documents:
        if not doc.issued_title:
            continue
        key = title_key(doc.issued_title)
        line = next((i for i, text in enumerate(doc.body.split("\n")) if title_key(text) == key), None)
        out[doc.id] = {
            "issued_title": doc.issued_title,
            "body_line": line,
            "documents": [i for i in own_titles.get(key, []) if i != doc.id],
        }
    return out


def issued_by(documents: Iterable[Document]) -> dict[str, list[str]]:
    """The reverse of issued_links' "documents": id of a document printed on its own → the notices issuing it."""
    out: dict[str, list[str]] = {}
    for notice_id, link in issued_links(documents).items():
        for doc_id in link["documents"]:
            out.setdefault(doc_id, []).append(notice_id)
    return out


def chronicle_links(entries: Iterable[ChronicleEntry], documents: Iterable[Document]) -> dict[str, list[str]]:
    """大事记 entry id → the corpus documents it names by 《title》 or 文号, in the order named.

    Entries naming none are left out. "召开行署常务会（研究审议《兴安盟军人随军家属就业安置办法》）"
    names 兴署联发〔2022〕1号, the notice that issued that 办法.
    """
    documents = list(documents)
    by_wenhao = {d.wenhao_normalized: d.id for d in documents if d.wenhao_normalized}
    titles = title_index(documents)  # once: building it reads every title
    out: dict[str, list[str]] = {}
    for entry in entries:
        found = [(start, doc_id) for start, _, doc_id in title_spans(entry.text, index=titles)]
        found += [(start, by_wenhao[c]) for start, _, c in wenhao_spans(entry.text) if c in by_wenhao]
        ids: list[str] = []
        for _, doc_id in sorted(found):
            if doc_id not in ids:
                ids.append(doc_id)
        if ids:
            out[entry.id] = ids
    return out


def chronicle_group_links(entries: Iterable[ChronicleEntry], groups: Iterable[Group]) -> dict[str, list[str]]:
    """大事记 entry id → ids of the groups whose full name it prints ("主持召开阿尔山市创建国家级旅游度假区
    工作领导小组会议"). Only the full printed name counts: "领导小组会议" alone names no group."""
    names = [(g.id, fold(g.name)) for g in groups]  # folded once, not once per entry
    # Each entry is scanned once for names by their first two characters, not tested against every
    # group: entries × groups grew with the square of the corpus (at 100×: 6,800 × 800 tests).
    by_head: dict[str, set[str]] = {}
    short: set[str] = set()  # a name under two characters has no head: tested on each text
    for _, name in names:
        if len(name) < 2:
            short.add(name)
        else:
            by_head.setdefault(name[:2], set()).add(name)
    out: dict[str, list[str]] = {}
    for entry in entries:
        text = fold(entry.text)
        printed = {name for name in short if name in text}
        for at in range(len(text) - 1):
            for name in by_head.get(text[at : at + 2], ()):
                if text.startswith(name, at):
                    printed.add(name)
        if printed:
            out[entry.id] = [group_id for group_id, name in names if name in printed]
    return out


def chronicle_table_links(entries: Iterable[ChronicleEntry], documents: Iterable[Document]) -> dict[str, list[dict]]:
    """大事记 entry id → table rows whose cell is a 《title》 the entry prints.

    The 2022 目录 of 重大行政决策事项 (兴署办字〔2022〕5号) lists plans that the chronicle records
    the 常务会议 reviewing: 《兴安盟“十四五”残疾人事业发展规划》 is row 3 of that table. Each link is
    {"doc_id", "table_id", "row": index into Table.rows}; a title must equal the cell, not just resemble it.
    """
    cells: dict[str, list[dict]] = {}
    for doc in documents:
        for table in doc.tables:
            for r, row in enumerate(table.rows):
                for cell in row:
                    for paragraph in cell:
                        link = {"doc_id": doc.id, "table_id": table.id, "row": r}
                        if link not in cells.setdefault(title_key(paragraph), []):
                            cells[title_key(paragraph)].append(link)
    out: dict[str, list[dict]] = {}
    for entry in entries:
        found = [link for m in TITLE.finditer(entry.text) for link in cells.get(title_key(m.group("title")), [])]
        if found:
            out[entry.id] = found
    return out
