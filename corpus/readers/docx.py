"""Word documents (.docx, also as WPS saves them): 政府信息公开 pages often give a document's text, or its 附件,
as a .docx to download. Its body (word/document.xml) is written out as a small HTML page — a paragraph a
<p>, a table a <table> with its merged cells as colspan/rowspan — and read as any saved page is (html.py), so
tables, titles and the GB/T 9704 parts are found the same way.

What is read: the body's paragraphs and tables in order (also inside content controls; text boxes inside a
paragraph read with it, once; a table inside a cell as a table); inserted text of tracked changes, not deleted
text. Not read: headers, footers,
footnotes, comments, and the numbers of automatically numbered lists (Word keeps them in numbering.xml, not in
the text: a note says so when the document uses them). The archive is read within bounds — the body's declared
and actual size (a zip bomb), no entity expansion and no network access in the XML — and a damaged file is a
Chinese error naming it.
"""

from __future__ import annotations

import html
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import GazetteParseError

DOCX_SUFFIXES = {".docx", ".docm"}
BODY = "word/document.xml"
MAX_BODY_BYTES = 64 << 20  # the body's XML (a 500-page document is ~10 MB); a larger one is refused, unread
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T, _TAB, _BR, _CR = (_W + n for n in ("p", "tbl", "tr", "tc", "t", "tab", "br", "cr"))
_NUMPR, _GRIDSPAN, _VMERGE, _TCPR, _VAL = (_W + n for n in ("numPr", "gridSpan", "vMerge", "tcPr", "val"))
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# blocks that hold paragraphs and tables of their own: a content control's content, custom XML
_WRAPPERS = {_W + "sdtContent", _W + "customXml", _W + "sdt"}
_SAVE_AS = "请在 Word 或 WPS 中打开，“另存为”PDF、网页（.html）或纯文本（.txt）后再导入"


def is_docx(data: bytes, path: Path) -> bool:
    """A ZIP archive holding word/document.xml (whatever the file is named)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            archive.getinfo(BODY)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False
    return True


def docx_html(path: Path, source: str) -> tuple[str, list[str]]:
    """The document's body as a small HTML page, and notes ("file: …") on what was not read."""
    body = _body_bytes(path, source)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise GazetteParseError(source, f"Word 文档（.docx）已损坏，正文无法读取（{exc.msg}）：{_SAVE_AS}") from None
    # Word writes a text box twice, as DrawingML and as VML for older readers (mc:Fallback): read once
    for fallback in list(root.iter(_MC + "Fallback")):
        fallback.getparent().remove(fallback)
    container = root.find(_W + "body")
    if container is None:
        raise GazetteParseError(source, f"Word 文档（.docx）里没有正文：{_SAVE_AS}")
    out: list[str] = ["<html><body><div id='docx-body'>"]
    numbered = _blocks(container, out)
    out.append("</div></body></html>")
    notes = []
    if numbered:
        notes.append(
            f"{path.name}: 有 {numbered} 段使用 Word 的自动编号，编号（如“一、”“（一）”）不在文字中、未读出；"
            "需要时请在 Word 中把编号转换为文本后另存为 PDF 或网页再导入"
        )
    return "".join(out), notes


def _body_bytes(path: Path, source: str) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(BODY)
            if info.file_size > MAX_BODY_BYTES:
                raise GazetteParseError(
                    source, f"Word 文档正文解压后超过 {MAX_BODY_BYTES >> 20} MB，未读取：{_SAVE_AS}"
                )
            with archive.open(info) as member:
                data = member.read(MAX_BODY_BYTES + 1)  # the size a member declares is not trusted
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise GazetteParseError(source, f"Word 文档（.docx）已损坏，无法打开（{exc}）：{_SAVE_AS}") from None
    if len(data) > MAX_BODY_BYTES:
        raise GazetteParseError(source, f"Word 文档正文解压后超过 {MAX_BODY_BYTES >> 20} MB，未读取：{_SAVE_AS}")
    return data


def _blocks(container, out: list[str]) -> int:
    """Each paragraph and table of `container` (the body, a cell) as HTML, in order, iteratively (a
    table inside a cell inside a table… as deep as the XML goes, without recursion); returns how many
    paragraphs are automatically numbered."""
    numbered = 0
    stack: list[tuple] = [(iter(container), "")]  # (a container's children still to write, its closing tag)
    while stack:
        children, closing = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            out.append(closing)
        elif isinstance(child, _Cell):
            out.append(f"<td colspan='{child.colspan}' rowspan='{child.rowspan}'>")
            stack.append((iter(child.element), "</td>"))
        elif isinstance(child, str):  # a row's <tr> or </tr>
            out.append(child)
        elif child.tag == _P:
            if child.find(f"{_W}pPr/{_NUMPR}") is not None:
                numbered += 1
            out.append(f"<p>{_paragraph_text(child)}</p>")
        elif child.tag == _TBL:
            out.append("<table>")
            stack.append((_table_cells(child), "</table>"))
        elif child.tag in _WRAPPERS:  # its paragraphs and tables, in place
            stack.append((iter(child), ""))
    return numbered


@dataclass
class _Cell:
    """A table cell to write, with the columns and rows it covers."""

    element: etree._Element
    colspan: int
    rowspan: int


def _table_cells(table):
    """A table's rows and cells, in order: a cell merged down (vMerge) is written once, with the rows it
    covers as its rowspan; the cells it continues into are left out (as HTML leaves them)."""
    rows = [[c for c in tr if c.tag == _TC] for tr in table if tr.tag == _TR]
    # each row's cells with the grid column each starts at and its span
    placed = []
    for cells in rows:
        column, row = 0, []
        for cell in cells:
            span = _int(cell.find(f"{_TCPR}/{_GRIDSPAN}"), 1)
            merge = cell.find(f"{_TCPR}/{_VMERGE}")
            state = None if merge is None else ("restart" if merge.get(_VAL) == "restart" else "continue")
            row.append((column, span, state, cell))
            column += span
        placed.append(row)
    continued = [{column for column, _, state, _ in row if state == "continue"} for row in placed]
    for r, row in enumerate(placed):
        yield "<tr>"
        for column, span, state, cell in row:
            if state == "continue":
                continue
            down = 1
            if state == "restart":  # the rows below continuing it, up to the first that does not
                while r + down < len(placed) and column in continued[r + down]:
                    down += 1
            yield _Cell(cell, span, down)
        yield "</tr>"


def _int(element, default: int) -> int:
    try:
        return max(1, min(int(element.get(_VAL)), 200)) if element is not None else default
    except (TypeError, ValueError):
        return default


def _paragraph_text(paragraph) -> str:
    """A paragraph's text (runs, inserted text, text boxes), escaped; a line break inside it as <br>."""
    pieces = []
    for element in paragraph.iter(_T, _TAB, _BR, _CR):
        if element.tag == _T:
            pieces.append(html.escape(element.text or ""))
        elif element.tag == _TAB:
            pieces.append(" ")
        else:
            pieces.append("<br>")
    return "".join(pieces)
