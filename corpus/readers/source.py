"""Reading a source file into lines: PDF, HTML page or text (encoding detected), furniture removed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GazetteParseError, os_reason
from .decoding import BIG5_NOTE, decode_bytes
from .furniture import remove_furniture
from .html import read_html
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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GazetteParseError(source, f"无法读取：{os_reason(exc)}") from None
    if path.suffix.lower() == ".pdf" or looks_like_pdf(data):
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
    notes: list[str] = []
    text = decode_bytes(data, source, notes)
    if BIG5_NOTE in notes:  # traditional by its encoding, however few characters a short page changes
        text = simplified(text)
    read_as = [f"{path.name}: {note}" for note in notes]
    if path.suffix.lower() in HTML_SUFFIXES or HTML_START.match(text[:300]):
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
