"""Reading a source file into lines: encoding detection, binary rejection, HTML article extraction."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from .decoding import decode_bytes
from .errors import GazetteParseError
from .furniture import remove_furniture
from .pdfmagic import looks_like_pdf

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
# Where government CMSs put the article body; the first that holds text wins, else the densest block.
ARTICLE_XPATHS = (
    "//*[@id='zoom']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//article",
    "//*[contains(@class, 'article-content') or contains(@class, 'article_content')]",
    "//*[contains(@class, 'content') or contains(@id, 'content')]",
)
HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype html|<html)", re.I)
# lxml refuses a str that still carries its XML declaration (XHTML pages): it is dropped, the text is decoded.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article"}


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


def read_source(path: str | Path) -> SourceText:
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GazetteParseError(source, f"cannot read: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".pdf" or looks_like_pdf(data):
        from .pdf import pdf_text  # pdfplumber is loaded only for PDFs

        pdf = pdf_text(path)
        return SourceText(source, path.name, pdf.lines, "pdf", warnings=pdf.warnings, pages=pdf.pages)
    text = decode_bytes(data, source)
    if path.suffix.lower() in HTML_SUFFIXES or HTML_START.match(text[:300]):
        title, lines = extract_article(text, source)
        return _without_furniture(SourceText(source, path.name, lines, "html", title))
    return _without_furniture(SourceText(source, path.name, split_lines(text), "text"))


# Line breaks as editors count them; str.splitlines() would also break at form feeds and U+2028.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ODD_SEPARATORS = re.compile("[\x0b\x1c-\x1e\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Lines numbered like an editor numbers them; a form feed (page break) stays inside its line."""
    return [_ODD_SEPARATORS.sub(" ", line) for line in _LINE_BREAK.split(text)]


def _without_furniture(src: SourceText) -> SourceText:
    """Running heads, footers and page numbers another extractor left in the text, blanked."""
    src.lines, removed = remove_furniture(src.lines)
    if removed:
        shown = "、".join(str(n) for n in removed[:8]) + ("…" if len(removed) > 8 else "")
        src.warnings.append(f"{src.name}: 去掉了 {len(removed)} 行页眉、页脚或页码（第 {shown} 行）")
    return src


def extract_article(html: str, source: str) -> tuple[str | None, list[str]]:
    """The article's title and its text as lines, from a gazette page saved as HTML."""
    try:
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise GazetteParseError(source, f"not a readable HTML page: {exc}") from None
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        bad.drop_tree()
    article = None
    for xpath in ARTICLE_XPATHS:
        found = [el for el in root.xpath(xpath) if _text_len(el) >= 20]
        if found:
            article = max(found, key=_text_len)
            break
    if article is None:
        raise GazetteParseError(source, "HTML page has no article (no #zoom, .TRS_Editor, <article> or content block)")
    title = _first(root.xpath("//meta[@name='ArticleTitle']/@content")) or _first(
        [h.text_content() for h in root.xpath("//h1")]
    ) or _first(root.xpath("//title/text()"))
    title = re.sub(r"\s+", " ", title).strip() if title else None
    lines = _block_lines(article)
    if title and not any(_squash(title) == _squash(line) for line in lines[:5]):
        lines = [title, ""] + lines
    return title, lines


def _block_lines(element) -> list[str]:
    for el in element.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in ("td", "th"):
            el.tail = "\t" + (el.tail or "")
        elif tag in BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if tag != "br":
                el.text = "\n" + (el.text or "")
    text = element.text_content().replace("\xa0", " ")
    lines = []
    for raw in text.split("\n"):
        line = raw.strip(" \t\u3000")
        if line or (lines and lines[-1]):
            lines.append(line)
    return lines


def _text_len(el) -> int:
    return len(re.sub(r"\s+", "", el.text_content()))


def _first(values):
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
