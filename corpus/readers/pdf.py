"""Reading a gazette PDF that has a text layer, with pdfplumber.

Every character comes with its position and size, so the reader can do what text extractors do
badly: leave out running heads, footers and page numbers; read two-column pages (the 大事记, some
rosters) column by column; rebuild paragraphs from wrapped lines, whole across page and column ends;
give ruled tables as tab-separated rows whose cells hold <p> paragraphs, one table across pages. The
result is the line shape the text parser reads (one paragraph a line, a blank line between), so
corpus.issue does the rest. A PDF without a text layer (a scan) is an error: it needs OCR first.

Line numbers in messages about a PDF count lines of that reconstructed text (`pdf_text` gives it).
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GazetteParseError
from ..text import squash
from . import pdfguard, pdfnotes, pdfrepair
from .html import META_LABELS
from .pdflayout import Block, Line, baseline_lines, find_furniture, page_blocks, paragraphs
from .pdftables import PageItem, TableRegion, cell_text, find_tables, merge_continued_tables, table_lines


class _NoFontBBoxWarning(logging.Filter):
    """pdfminer warns in English, on the console, of what it repairs on its own and the reader never needs:
    a font without a usable /FontBBox (pages printed by Chromium have none: ~100 lines a run; it then sizes
    glyphs from the font's ascent, descent and /Widths), a page whose MediaBox is not four numbers (it takes
    US Letter), a Flate stream whose last bytes are damaged (it keeps what inflated). Other warnings stay."""

    REPAIRED = {
        "pdfminer.pdffont": ("Could not get FontBBox",),
        "pdfminer.pdfpage": ("Invalid MediaBox", "MediaBox missing from /Page", "Invalid CropBox"),
        "pdfminer.pdftypes": ("Data-loss while decompressing corrupted data",),
    }

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.REPAIRED.get(record.name, ()))


for _name in _NoFontBBoxWarning.REPAIRED:
    _log = logging.getLogger(_name)
    if not any(isinstance(f, _NoFontBBoxWarning) for f in _log.filters):  # once, however often imported
        _log.addFilter(_NoFontBBoxWarning())


@dataclass
class PdfText:
    lines: list[str]
    pages: list[int]  # the page each line comes from
    last_pages: list[int] = field(default_factory=list)  # the page each line's paragraph ends on
    warnings: list[str] = field(default_factory=list)
    page_count: int = 0
    metadata: dict[str, str] = field(default_factory=dict)  # a printed page's metadata box (as HtmlPage's)
    furniture: list[str] = field(default_factory=list)  # running heads and footers left out, as printed


def _open(path: Path, source: str):
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
        from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        raise GazetteParseError(source, "读取 PDF 需要 pdfplumber（pip install pdfplumber）") from None
    pdfguard.install()
    pdfrepair.install()
    pdfguard.new_document()
    try:
        pdf = pdfplumber.open(path)
        count = pdfguard.count_pages(pdf.doc)  # from the page tree's pages, not the /Count it declares
        if count > pdfguard.MAX_PAGES:
            pdf.stream.close()  # not pdf.close(): it makes every page first
            raise GazetteParseError(source, f"PDF 超过 {pdfguard.MAX_PAGES} 页，不像一期公报，未读取")
        pages = pdf.pages  # parses the page tree: a broken file fails here, not later
    except GazetteParseError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise GazetteParseError(source, "PDF 已加密，需要密码才能读取；请先解密后再导入") from None
    except pdfguard.PdfLimitError as exc:
        raise GazetteParseError(source, str(exc)) from None
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise GazetteParseError(source, "PDF 已加密，需要密码才能读取；请先解密后再导入") from None
        if isinstance(cause, pdfguard.PdfLimitError):
            raise GazetteParseError(source, str(cause)) from None
        raise GazetteParseError(source, _damaged(cause)) from None
    except RecursionError:  # pdfplumber resolving a structure that nests too deep
        raise GazetteParseError(source, _damaged(RecursionError())) from None
    except MalformedPDFException as exc:  # pdfplumber: a page's boxes or structure are not what PDF allows
        raise GazetteParseError(source, _damaged(exc)) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise GazetteParseError(source, _damaged(exc)) from None
    return pdf, pages


def pdf_text(path: str | Path) -> PdfText:
    """The reconstructed text of a PDF issue: lines in the text parser's shape, and the page of each."""
    path = Path(path)
    source = str(path)
    try:
        with pdfnotes.collected() as logged:  # pdfminer's warnings: one Chinese note, not a flood in English
            pdf, pages = _open(path, source)
            with pdf:
                text = _read_or_error(pages, source, path.name, logged)
    except GazetteParseError as exc:
        if _cut_short(path):  # whatever failed, the likely reason is this
            raise GazetteParseError(exc.source, exc.message + CUT_SHORT, exc.line) from None
        raise
    note = pdfnotes.note(logged)
    if note:
        text.warnings.append(f"{path.name}: {note}")
    if _cut_short(path):
        text.warnings.append(f"{path.name}: 已读出能读的部分{CUT_SHORT}")
    return text


CUT_SHORT = "（文件末尾没有 %%EOF 结束标记：文件不完整，多半是下载或复制时中断了，请重新获取）"


def _cut_short(path: Path) -> bool:
    """Whether the file lacks the %%EOF every PDF writer ends it with (in its last KB: some add bytes after)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            fh.seek(max(0, fh.tell() - 1024))
            return b"%%EOF" not in fh.read()
    except OSError:
        return False


def _read_or_error(pages, source: str, name: str, logged) -> PdfText:
    """_read, where any failure but a bound is a damaged file (pdfminer raises many kinds)."""
    try:
        return _read(pages, source, name, logged)
    except GazetteParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged content streams
        limit = _limit_in(exc)
        if limit is not None:
            raise GazetteParseError(source, str(limit)) from None
        raise GazetteParseError(source, _damaged(exc)) from None


def _damaged(exc: BaseException) -> str:
    """`PDF 文件已损坏…` in Chinese, what pdfminer said after it (in English: it names the part that is damaged)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc  # PdfminerException(error)
    if isinstance(inner, RecursionError) or "maximum recursion depth" in str(inner):
        return "PDF 文件已损坏，无法读取：结构嵌套过深（数组、字典或引用一层套一层，超过 Python 的递归上限）"
    if isinstance(inner, MemoryError):
        return "PDF 文件已损坏，无法读取：读取时内存不足（文件中某个结构过大）"
    detail = str(inner) or type(inner).__name__
    for english, chinese in _SAID:
        if detail.startswith(english):
            return f"PDF 文件已损坏，无法读取：{chinese}"
    return f"PDF 文件已损坏，无法读取（pdfminer 的说明：{detail[:200]}）"


# What pdfminer says of the damage users meet most, in Chinese (the rest is quoted as it says it).
_SAID = (
    ("No /Root object!", "找不到文档目录（/Root），文件不完整或不是 PDF"),
    ("Unexpected EOF", "文件在中途就结束了（不完整）"),
)


def _limit_in(exc: BaseException) -> pdfguard.PdfLimitError | None:
    """The bound a failure comes from, also when pdfplumber wrapped it (PdfminerException(error))."""
    seen = 0
    current: object = exc
    while isinstance(current, BaseException) and seen < 8:
        if isinstance(current, pdfguard.PdfLimitError):
            return current
        inner = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        current, seen = inner or current.__cause__ or current.__context__, seen + 1
    return None


@dataclass
class _Page:
    number: int
    height: float
    lines: list[Line]
    tables: list[TableRegion]
    image_area: float  # share of the page covered by images


def _read(pages, source: str, name: str, logged) -> PdfText:  # noqa: C901 - older than the limit; split it when it next changes
    read: list[_Page] = []
    page_notes: list[str] = []
    unmapped: dict[int, int] = {}  # page → characters drawn in a font that maps them to no text
    for number, page in enumerate(pages, start=1):
        logged.page = number
        try:
            with pdfguard.page_budget():
                chars = _mapped(page.chars, number, unmapped)
                tables, free = find_tables(page, number, chars, page_notes) if chars else ([], chars)
                images = page.images
        except Exception as exc:
            limit = _limit_in(exc)
            if limit is None:
                raise
            raise GazetteParseError(source, f"第 {number} 页：{limit}") from None
        area = sum(max(0.0, (i["x1"] - i["x0"]) * (i["bottom"] - i["top"])) for i in images)
        share = area / float(page.width * page.height) if page.width and page.height else 0.0
        read.append(_Page(number, float(page.height), baseline_lines(free, number), tables, share))
        page.close()  # pdfplumber's layout of the page, kept otherwise until the file is closed
        if pdfguard.glyphs_read() > pdfguard.MAX_DOCUMENT_GLYPHS and number < len(pages):
            page_notes.append(
                f"PDF 的文字超过 {pdfguard.MAX_DOCUMENT_GLYPHS:,} 个字符：只读取了第 1–{number} 页（共 {len(pages)} 页），"
                f"第 {number + 1}–{len(pages)} 页未读取；请把文件拆成几份再导入"
            )
            break
    furniture = find_furniture([p.lines for p in read], [p.height for p in read])
    left_out = [read[index].lines[i].text for index, i in sorted(furniture)]
    for index, page in enumerate(read):
        page.lines = [line for i, line in enumerate(page.lines) if (index, i) not in furniture]
    warnings = [f"{name}: {note}" for note in page_notes]
    scanned = [
        p.number for p in read if p.image_area >= 0.5 and sum(len(line.text) for line in p.lines) < 40 and not p.tables
    ]
    if not any(p.lines or p.tables for p in read if p.number not in scanned):
        if unmapped:
            raise GazetteParseError(source, UNMAPPED_ERROR)
        if scanned:
            raise GazetteParseError(source, "PDF 没有文字层（扫描件，只有图像）：需要先做 OCR 文字识别再导入")
        raise GazetteParseError(source, "PDF 里没有任何文字")
    if unmapped:
        warnings.append(f"{name}: {_unmapped_note(unmapped)}")
    for number in scanned:
        warnings.append(f"{name}: 第 {number} 页只有图像、没有文字层（扫描页），该页内容未读取，需要 OCR")
        read[number - 1].lines = []

    body_size = _body_size(read)
    metadata = _metadata_box(read, body_size)
    apart = _apart(read, body_size)
    margins = _margins(read, apart)
    items: list[PageItem] = []  # in reading order
    gutter: tuple[float, float] | None = None
    for page in read:
        left, right = margins[page.number]
        pieces: list[tuple[float, str, TableRegion | list[Block]]] = [(t.top, "table", t) for t in page.tables]
        # lines between two tables (or a table and the page edge) are read as one region
        edges = sorted(t.top for t in page.tables)
        regions: dict[int, list[Line]] = {}
        for line in page.lines:
            regions.setdefault(sum(1 for e in edges if e < line.top), []).append(line)
        for key, region in regions.items():
            for alone, lines in _runs(region, apart):
                if alone:  # a page's chrome left of the text column (扫一扫在手机打开当前页): a paragraph alone
                    pieces.extend((line.top, "alone", [Block([line], line.x0, line.x1)]) for line in lines)
                    continue
                blocks, gutter = page_blocks(lines, left, right, gutter if key == 0 else None)
                for block in blocks:
                    for line in block.lines:
                        line.left, line.right = block.left, block.right
                pieces.append((lines[0].top, "lines", blocks))
        pieces.sort(key=lambda piece: (piece[0], piece[1] != "table"))
        for _, kind, value in pieces:
            if isinstance(value, TableRegion):
                items.append(value)
            elif kind == "alone":
                items.append(_Alone(value[0].lines))
            else:
                items.extend(block.lines for block in value)
    items = merge_continued_tables(items)

    out: list[str] = []
    out_pages: list[int] = []
    last_pages: list[int] = []
    pending: list[Line] = []

    def flush():
        for para in paragraphs(pending, body_size):
            out.extend([para.text, ""])
            out_pages.extend([para.page, para.page])
            last_pages.extend([para.lines[-1].page] * 2)
        pending.clear()

    for item in items:
        if isinstance(item, _Alone):
            flush()
            pending.extend(item)
            flush()
            continue
        if isinstance(item, list):
            pending.extend(item)
            continue
        flush()
        for row, page in table_lines(item, body_size):
            out.append(row)
            out_pages.append(page)
            last_pages.append(page)
        out.append("")
        out_pages.append(item.last_page)
        last_pages.append(item.last_page)
    flush()
    return PdfText(out, out_pages, last_pages, warnings, len(read), metadata, left_out)


UNMAPPED_ERROR = (
    "PDF 的文字无法提取：所用字体没有到 Unicode 的映射表（ToUnicode），读出的只是字形编号 (cid:…) 或私用区字符，不是文字；"
    "需要先做 OCR 文字识别（或用原始文档重新导出 PDF）再导入"
)


# A glyph read as "(cid:3990)" (its font maps it to nothing), or as a private-use code point (U+E000–U+F8FF:
# fonts that map their Chinese characters to codes of their own, as some Founder fonts do): nothing to search.
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff]")


# A symbol font's glyphs mapped to private-use codes are list bullets and check boxes (Word writes Symbol's
# bullet as U+F0B7, Wingdings' boxes as U+F06F…): left out as the others, but no text is lost and no note said
# to OCR a page for them.
_SYMBOL_FONT = re.compile(r"symbol|wingding|webding|dingbat|marlett", re.IGNORECASE)
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


def _mapped(chars: list[dict], number: int, unmapped: dict[int, int]) -> list[dict]:
    """The page's characters that are text: pdfminer writes a glyph its font maps to nothing as
    "(cid:3990)", which went into the index as text (a page of them: nothing but (cid:…) to search)."""
    kept = [c for c in chars if not _UNMAPPED.fullmatch(c.get("text", ""))]
    if len(kept) < len(chars):
        symbols = sum(
            1
            for c in chars
            if _PRIVATE_USE.fullmatch(c.get("text", "")) and _SYMBOL_FONT.search(str(c.get("fontname", "")))
        )
        if len(chars) - len(kept) > symbols:
            unmapped[number] = len(chars) - len(kept) - symbols
    return kept


def _unmapped_note(unmapped: dict[int, int]) -> str:
    pages = sorted(unmapped)
    shown = "、".join(str(p) for p in pages[:8]) + ("…" if len(pages) > 8 else "")
    return (
        f"第 {shown} 页有 {sum(unmapped.values()):,} 个字符无法识别（字体没有到 Unicode 的映射表，读出的只是字形"
        "编号 (cid:…) 或私用区字符），已略去：这些页的文字可能不全，需要时请对这些页做 OCR"
    )


def _metadata_box(pages: list[_Page], body_size: float) -> dict[str, str]:
    """The metadata box a 政府信息公开 page prints above its document (索引号, 发文机关, 成文日期,
    发文字号 …), when the page was saved as a PDF: read as the HTML reader reads the page's table, and
    taken out of the text as the HTML reader takes it (the first box naming three known labels; a box
    of other labels — a form inside a document — stays a table of the text)."""
    for page in pages:
        for table in page.tables:
            if not table.labels:
                continue
            found: dict[str, str] = {}
            for row in table.places:
                for label, value in zip(row[::2], row[1::2]):
                    key = META_LABELS.get(squash(cell_text(label.lines, body_size) if label else "").rstrip("：:"))
                    text = cell_text(value.lines, body_size) if value else ""
                    if key and text and key not in found:
                        found[key] = text
            if len(found) >= 3:
                page.tables.remove(table)
                return found
    return {}


def _body_size(pages: list[_Page]) -> float:
    sizes = [round(line.size, 1) for page in pages for line in page.lines for _ in line.text]
    return statistics.mode(sizes) if sizes else 10.0


class _Alone(list):
    """Lines read as a paragraph of their own, never joined to the text around them."""


def _usual_left(pages: list[_Page]) -> float:
    """Where the text column starts: the leftmost place many lines start at (5% of them, 3 at least).
    Body lines start at the margin or an indent, a second column at its gutter; a line starting left
    of all of them is the page's chrome printed outside the article (a saved web page's)."""
    starts = Counter(round(line.x0) for page in pages for line in page.lines)
    total = sum(starts.values())
    frequent = [x for x, n in starts.items() if n >= max(3, 0.05 * total)]
    return float(min(frequent)) if frequent else 0.0


def _apart(pages: list[_Page], body_size: float) -> set[int]:
    """ids of the lines printed apart from the text column: starting left of it (a page's chrome printed
    outside the article, 扫一扫在手机打开当前页), not going on from a line that ran to the right margin
    (the last line of a paragraph starts at the margin, however few lines the page has there)."""
    outside = _usual_left(pages) - body_size
    found = set()
    for page in pages:
        full = max((line.x1 for line in page.lines), default=0.0) - 2 * body_size
        previous: Line | None = None
        for line in page.lines:
            if line.x0 < outside and (previous is None or previous.x1 < full):
                found.add(id(line))
            previous = line
    return found


def _runs(lines: list[Line], apart: set[int]) -> list[tuple[bool, list[Line]]]:
    """The lines in runs of (printed apart from the text column?, lines), in order."""
    runs: list[tuple[bool, list[Line]]] = []
    for line in lines:
        alone = id(line) in apart
        if runs and runs[-1][0] == alone:
            runs[-1][1].append(line)
        else:
            runs.append((alone, [line]))
    return runs


def _margins(pages: list[_Page], apart: set[int] | None = None) -> dict[int, tuple[float, float]]:
    """Each page's text margins: the usual ones of pages on its side, widened to its own lines' extent.

    A page of indented roster lines has no line at the left margin, a page ending a document may have
    no full line: the usual margins of the pages on the same side (left and right pages may mirror
    them) are the reference, taken from pages whose lines span most of the width.
    """
    own = {}  # each page's extent, lines printed apart from the text column left out
    for p in pages:
        inside = [line for line in p.lines if id(line) not in (apart or ())]
        if inside:
            own[p.number] = (min(line.x0 for line in inside), max(line.x1 for line in inside))
    widths = [right - left for left, right in own.values()]
    usual = statistics.median(widths) if widths else 0
    full = {number: v for number, v in own.items() if v[1] - v[0] >= 0.9 * usual}
    # the reference of each side, once (it depends on the side, not on the page: once per page was pages²)
    anywhere = list(full.values())
    typical_of = {}
    for parity in (0, 1):
        side = [v for number, v in full.items() if number % 2 == parity] or anywhere
        typical_of[parity] = (
            (statistics.median(left for left, _ in side), statistics.median(right for _, right in side))
            if side
            else (0.0, 0.0)
        )
    out = {}
    for page in pages:
        typical = typical_of[page.number % 2]
        mine = own.get(page.number, typical)
        out[page.number] = (min(mine[0], typical[0]), max(mine[1], typical[1]))
    return out
