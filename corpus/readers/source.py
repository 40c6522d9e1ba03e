"""Reading a source file into lines: PDF, HTML page (also saved as one .mhtml/.mht file), Word document (.docx)
or text (encoding detected), furniture removed."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GazetteParseError, os_reason
from .decoding import BIG5_NOTE, BOMS, decode_bytes
from .docx import DOCX_SUFFIXES, docx_html, is_docx
from .formats import unsupported
from .furniture import remove_furniture
from .html import read_html
from .mhtml import is_mhtml, page_of_mhtml
from .pdfmagic import looks_like_pdf
from .repairs import repair_lines, simplified

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype html|<html)", re.I)


@dataclass
class SourceText:
    path: str  # as given, for messages
    name: str  # file name
    lines: list[str]
    kind: str  # "text", "html" or "pdf"
    html_title: str | None = None
    warnings: list[str] = field(default_factory=list)  # "file:…: …" notes from reading (scanned pages, furniture)
    pages: list[int] | None = None  # for a PDF: the page each line comes from
    metadata: dict[str, str] = field(default_factory=dict)  # an HTML page's 索引号, 发文字号, … as printed
    # the lines left out as page furniture, as printed: a running head may be the only place that prints
    # the year and 期 ("鄂尔多斯市人民政府公报 2025  5  大事记")
    furniture: list[str] = field(default_factory=list)


def read_source(path: str | Path) -> SourceText:
    path = Path(path)
    source = str(path)
    data, cut = _read_bounded(path, source)
    if is_docx(data, path):  # a Word document: its body, written out as a page
        return _word_document(path, source)
    problem = unsupported(path, data[:64])
    if problem:
        raise GazetteParseError(source, problem)
    if path.suffix.lower() in DOCX_SUFFIXES:  # named .docx, and no archive at all
        raise GazetteParseError(
            source, "是 Word 文档（.docx），但已损坏、无法打开：请在 Word 或 WPS 中重新保存后再导入"
        )
    notes: list[str] = []
    if _is_pdf(path, data, source):
        from .pdf import pdf_text  # pdfplumber is loaded only for PDFs

        pdf = pdf_text(path)
        return _repaired(
            SourceText(
                source,
                path.name,
                pdf.lines,
                "pdf",
                warnings=pdf.warnings,
                pages=pdf.pages,
                metadata=pdf.metadata,
                furniture=pdf.furniture,
            )
        )
    if cut:
        data = _whole_lines(data)
    saved_whole = is_mhtml(path, data)
    if saved_whole:  # a page saved as one file (.mhtml/.mht): the page inside it
        data = page_of_mhtml(data, source)
    text = decode_bytes(data, source, notes)
    if cut:
        lines = text.count("\n") + 1
        size = f"{MAX_TEXT_BYTES >> 20} MB" if MAX_TEXT_BYTES >= 1 << 20 else f"{MAX_TEXT_BYTES:,} 字节"
        notes.append(f"文件超过 {size}，只读取了前 {size}（第 1–{lines} 行），其后的内容未读取：请把文件拆成几份再导入")
    if BIG5_NOTE in notes:  # traditional by its encoding, however few characters a short page changes
        text = simplified(text)
    read_as = [f"{path.name}: {note}" for note in notes]
    if saved_whole or path.suffix.lower() in HTML_SUFFIXES or HTML_START.match(text[:300]):
        page = read_html(text, source, path.name)
        return _without_furniture(
            _repaired(
                SourceText(
                    source,
                    path.name,
                    page.lines,
                    "html",
                    page.title,
                    warnings=read_as + page.warnings,
                    metadata=page.metadata,
                )
            )
        )
    return _without_furniture(_repaired(SourceText(source, path.name, split_lines(text), "text", warnings=read_as)))


def _word_document(path: Path, source: str) -> SourceText:
    page_html, notes = docx_html(path, source)
    page = read_html(page_html, source, path.name)
    lines, warnings = page.lines, notes + page.warnings
    return _without_furniture(_repaired(SourceText(source, path.name, lines, "html", warnings=warnings)))


def _is_pdf(path: Path, data: bytes, source: str) -> bool:
    """A PDF by its marker (%PDF- in its first KB, as readers accept it), or named .pdf and not text (a PDF
    whose head is lost: pdfminer says what it can). Text named .pdf is a page a site sent in the PDF's place."""
    if looks_like_pdf(data) or b"%PDF-" in data[:1024]:
        return True
    if path.suffix.lower() != ".pdf" or not data.strip():
        return False
    try:
        head = decode_bytes(data[:4096], source)
    except GazetteParseError:
        return True
    what = "网页（HTML）" if HTML_START.match(head[:300]) or "<html" in head[:1024].lower() else "文本"
    raise GazetteParseError(
        source,
        f"扩展名是 .pdf，内容却是{what}、不是 PDF（开头没有 %PDF- 标记）：多半是下载时网站返回的页面"
        "（如“页面不存在”、登录页）；请重新下载 PDF，或确是公文时改为 .html / .txt 再导入",
    )


# A text or web page is read up to this many bytes (~21 million Chinese characters in UTF-8, parsed in about
# a minute and 500 MB); past it, what follows the last whole line is left out with a note. Reading it all
# first let a file that grows while it is read (or a 10 GB log renamed .txt) take the worker's memory.
MAX_TEXT_BYTES = 64 << 20


def _read_bounded(path: Path, source: str) -> tuple[bytes, bool]:
    """The file's first MAX_TEXT_BYTES (a PDF is read by pdfminer from the path), and whether there is
    more. Only a regular file is read: a named pipe (FIFO) would block for ever, a device never end."""
    try:
        # O_NONBLOCK: opening a FIFO no one writes to returns at once (and is refused below), not never
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise GazetteParseError(source, f"无法读取：{os_reason(exc)}") from None
    with os.fdopen(fd, "rb") as fh:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise GazetteParseError(source, "不是普通文件（管道、设备或套接字），未读取")
            data = _read_up_to(fh, MAX_TEXT_BYTES + 1)
        except OSError as exc:
            raise GazetteParseError(source, f"无法读取：{os_reason(exc)}") from None
    if len(data) > MAX_TEXT_BYTES:
        return data[:MAX_TEXT_BYTES], True
    return data, False


_CHUNK = 1 << 20


def _read_up_to(fh, limit: int) -> bytes:
    """At most `limit` bytes, read a megabyte at a time: read(limit) allocates its whole buffer first, so every
    small page cost 64 MB of memory while it was read (a parse's peak)."""
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = fh.read(min(_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _whole_lines(data: bytes) -> bytes:
    """Bytes cut at a size, back to the end of their last whole line, in the encoding the BOM names (a
    newline byte never stands inside a UTF-8 or GB18030 character; in UTF-16/32 it is a whole unit)."""
    for bom, encoding, _ in BOMS:
        if data.startswith(bom):
            width = 4 if "32" in encoding else 2
            newline = "\n".encode(encoding)
            at = len(data) - width
            while at >= len(bom):
                at = data.rfind(newline, len(bom), at + width)
                if at < 0 or (at - len(bom)) % width == 0:
                    break
                at -= 1
            return data[: at + width] if at >= len(bom) else data[: len(data) - (len(data) - len(bom)) % width]
    end = data.rfind(b"\n") + 1
    if 0 < end < len(data) and data[end] == 0 and b"\x00" in data[:4096]:
        end += 1  # UTF-16LE without its BOM: the newline's second byte
    return data[:end] if end else data


def _repaired(src: SourceText) -> SourceText:
    """The damage done before the file reached us (Founder punctuation, converted characters, tags) undone."""
    src.lines, notes = repair_lines(src.lines, markup=src.kind == "text")
    src.warnings.extend(f"{src.name}: {note}" for note in notes)
    return src


# Line breaks as editors count them; str.splitlines() would also break at form feeds and U+2028.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ODD_SEPARATORS = re.compile("[\x0b\x1c-\x1e\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Lines numbered like an editor numbers them; a form feed (page break) stays inside its line."""
    return [_ODD_SEPARATORS.sub(" ", line) for line in _LINE_BREAK.split(text)]


def _without_furniture(src: SourceText) -> SourceText:
    """Running heads, footers and page numbers another extractor left in the text, blanked."""
    printed = src.lines
    src.lines, removed = remove_furniture(src.lines)
    src.furniture = [printed[n - 1].strip() for n in removed]
    if removed:
        shown = "、".join(str(n) for n in removed[:8]) + ("…" if len(removed) > 8 else "")
        src.warnings.append(f"{src.name}: 去掉了 {len(removed)} 行页眉、页脚或页码（第 {shown} 行）")
    return src


def extract_article(html: str, source: str) -> tuple[str | None, list[str]]:
    """The article's title and its text as lines, from a gazette page saved as HTML."""
    page = read_html(html, source, Path(source).name)
    return page.title, page.lines
