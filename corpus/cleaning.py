"""Repairs for PDF-extraction damage that apply line by line.

Display text stays faithful to the print: only extraction artefacts are removed
(typesetting codes, table markup, the Mongolian-script header, repeated table headers);
width, punctuation and spacing are left as printed and normalized only for indexing.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import lxml.html
from lxml import etree

TYPESETTING_CODE = re.compile(r"〔[A-Z]{1,3}\d{0,3}〕")
MONGOLIAN = re.compile(r"[\u1800-\u18AF]")
BULLET = re.compile(r"^[-•·]\s+")
TABLE_RULE = re.compile(r"^[\s\-|:—]+$")
TERMINAL = set("。；;：:！!？?…")
CLOSERS = set("”’）)」』】〕>》")


@dataclass
class Para:
    """A non-blank line of text and the source line it starts on."""

    line: int
    text: str


def clean_lines(raw_lines: list[str], first_line: int = 1) -> list[Para]:
    """Non-blank, cleaned lines; table rows (tab-separated, <p> cells) become one line per cell paragraph."""
    paras: list[Para] = []
    table_header: str | None = None
    for offset, raw in enumerate(raw_lines):
        number = first_line + offset
        text = TYPESETTING_CODE.sub("", raw).strip(" \t\u3000\r")
        text = BULLET.sub("", text)  # markdown-style list bullets added by the extractor
        if not text:
            continue
        if "\t" in raw.strip("\r\n") and ("<p>" in raw or raw.count("\t") >= 2 or table_header):
            row = raw.strip("\r\n")
            if TABLE_RULE.match(row):
                continue
            cells = [c.strip() for c in row.split("\t")]
            if not any("<p>" in c for c in cells) and not any(ch.isdigit() for ch in cells[0]) and cells[0]:
                # a header row: PDFs repeat it on every page of a table; keep it once
                if row == table_header:
                    continue
                table_header = row
            for line_text in table_row_lines(cells):
                paras.append(Para(number, line_text))
            continue
        table_header = None
        paras.append(Para(number, text))
    return paras


def table_row_lines(cells: list[str]) -> list[str]:
    """Plain cells share one line; each <p> of a cell becomes a line of its own."""
    lines: list[str] = []
    plain: list[str] = []
    for cell in cells:
        if "<p>" in cell:
            if plain:
                lines.append(" ".join(plain))
                plain = []
            lines.extend(p for p in paragraphs_of_html(cell) if p)
        elif cell:
            plain.append(TYPESETTING_CODE.sub("", cell))
    if plain:
        lines.append(" ".join(plain))
    return lines


def paragraphs_of_html(fragment: str) -> list[str]:
    try:
        nodes = lxml.html.fragments_fromstring(fragment)
    except (etree.ParserError, ValueError):
        return [re.sub(r"</?p>", " ", fragment).strip()]
    out = []
    for node in nodes:
        text = node if isinstance(node, str) else node.text_content()
        text = TYPESETTING_CODE.sub("", text).strip()
        if text:
            out.append(text)
    return out


def strip_mongolian(text: str) -> str:
    return MONGOLIAN.sub("", text).strip()


def squash(text: str) -> str:
    """Text without any white space, for comparing titles the PDF broke differently."""
    return re.sub(r"\s+", "", text)


def fold(text: str) -> str:
    """squash() and full/half width folded: （试行） and (试行) compare equal."""
    return squash(unicodedata.normalize("NFKC", text))


_CJK = "\u4e00-\u9fff《》（）“”、，：；"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def join_title(parts: list[str]) -> str:
    """A title the PDF broke over lines: the breaks between Chinese characters go, spaces around numbers stay."""
    return _CJK_GAP.sub("", " ".join(p.strip() for p in parts))


def ends_open(text: str) -> bool:
    """True when a line stops mid-sentence (no terminal punctuation at its end)."""
    text = text.rstrip()
    if not text:
        return False
    last = text[-1]
    if last in TERMINAL:
        return False
    if last in CLOSERS:
        return False
    return True


ROSTER_LINE = re.compile(r"^\S{1,4}(\s+\S{1,2})?\s+\S")  # "王福顺 盟住建局局长", "苏 和 盟委副书记"


def is_roster_line(text: str) -> bool:
    return bool(ROSTER_LINE.match(text)) and not re.search(r"[。，,；;]", text)


def join_broken_lines(paras: list[Para], starts_block, standalone, keep: frozenset[int] = frozenset()) -> list[Para]:
    """Join lines the PDF broke mid-sentence at a page or column end.

    `starts_block(text)` is true for lines that begin a new unit (a clause marker…),
    `standalone(text)` for lines that are complete by themselves (dates, 文号, headings…),
    `keep` the indexes of lines known to stand alone (titles of issued documents and attachments).
    """
    out: list[Para] = []
    last_kept = False
    for index, para in enumerate(paras):
        if out:
            prev = out[-1]
            if (
                not last_kept
                and index not in keep
                and not _is_heading(prev.text, starts_block)
                and ends_open(prev.text)
                and len(squash(prev.text)) >= 12
                and not standalone(prev.text)
                and not starts_block(para.text)
                and not standalone(para.text)
                and not is_roster_line(prev.text)
                and not is_roster_line(para.text)
            ):
                out[-1] = Para(prev.line, prev.text + para.text)
                continue
        out.append(para)
        last_kept = index in keep
    return out


def _is_heading(text: str, starts_block) -> bool:
    """A numbered heading line (一、总体要求) rather than a numbered paragraph that broke mid-sentence."""
    return starts_block(text) and not re.search(r"[。；;]", text)
