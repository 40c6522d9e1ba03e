"""A small typesetter for test PDFs (reportlab canvas): pages as a gazette prints them.

Paragraphs wrap character by character and run on over column and page ends; two-column regions
(the 大事记, rosters); ruled tables whose rows split over a page break, with the header row repeated;
running heads and `— N —` footers on every page but the cover; image-only (scanned) pages.

The CJK font is WenQuanYi Zen Hei (Debian's fonts-wqy-zenhei, installed by .ci/run): embedded as a
TrueType subset with a ToUnicode map, so pdfminer reads back every character typeset (reportlab's
built-in STSong-Light CID font reads back U+2014 — as another character).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FONT_FILES = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
]
FONT = "WQYZenHei"


def font_path() -> str | None:
    return next((p for p in FONT_FILES if os.path.exists(p)), None)


def register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = font_path()
        if path is None:
            raise RuntimeError("fonts-wqy-zenhei is not installed (apt-get install fonts-wqy-zenhei)")
        pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=0))


def require_typesetting():
    reason = None
    try:
        import reportlab  # noqa: F401
    except ImportError:
        reason = "reportlab is not installed (pip install -e '.[test]')"
    if reason is None:
        if font_path() is None:
            reason = "the CJK font for test PDFs is missing (apt-get install fonts-wqy-zenhei)"
    if reason:
        if os.environ.get("GAZETTE_REQUIRE_CJK_FONT") == "1":
            pytest.fail(f"GAZETTE_REQUIRE_CJK_FONT=1 but {reason}")
        pytest.skip(reason)


@dataclass
class Style:
    size: float = 10.5
    align: str = "left"  # left | center | right
    indent: float = 2.0  # first line, in ems
    hanging: float = 0.0  # other lines, in ems
    before: float = 0.0  # space above, in ems
    leading: float = 1.6


STYLES = {
    "body": Style(),
    "flush": Style(indent=0),
    "masthead": Style(size=26, align="center", indent=0, before=4),
    "year": Style(size=20, align="center", indent=0, before=1),
    "issue-number": Style(size=13, align="center", indent=0, before=0.5),
    "toc-head": Style(size=16, align="center", indent=0, before=2),
    "toc-section": Style(size=12, indent=0, before=0.6),
    "title": Style(size=15, align="center", indent=0, before=1.2, leading=1.5),
    "center": Style(align="center", indent=0),
    "right": Style(align="right", indent=0),
    "chronicle-head": Style(size=15, align="center", indent=0, before=0.5),
}


@dataclass
class Cell:
    paragraphs: list[str]
    indented: bool = False  # paragraphs with a first-line indent (a cell of several paragraphs)


@dataclass
class Typesetter:
    path: Path
    heads: tuple[str, str] | None = ("兴安盟行政公署公报", "2022年第1期")
    footers: bool = True
    cover: bool = True  # the first page carries no running head or footer
    width: float = 595.0
    height: float = 842.0
    margin_x: float = 70.0
    margin_top: float = 80.0
    margin_bottom: float = 80.0
    gutter: float = 24.0
    pages: int = 0
    _widths: dict = field(default_factory=dict)

    def __post_init__(self):
        from reportlab.pdfgen import canvas

        register_font()
        self.canvas = canvas.Canvas(str(self.path), pagesize=(self.width, self.height), pageCompression=0)
        self.columns = 1
        self.region_top = self.margin_top
        self.column = 0
        self.y = self.margin_top  # top of the next line, from the page top
        self.page_used = False
        self.scanned = False  # a scanned page carries no text at all

    # --- geometry ----------------------------------------------------------------------------------

    @property
    def left(self) -> float:
        return self.margin_x

    @property
    def right(self) -> float:
        return self.width - self.margin_x

    def column_box(self) -> tuple[float, float]:
        if self.columns == 1:
            return self.left, self.right
        w = (self.right - self.left - self.gutter) / 2
        x = self.left + self.column * (w + self.gutter)
        return x, x + w

    def char_width(self, ch: str, size: float) -> float:
        from reportlab.pdfbase import pdfmetrics

        key = (ch, size)
        if key not in self._widths:
            self._widths[key] = pdfmetrics.stringWidth(ch, FONT, size)
        return self._widths[key]

    def text_width(self, text: str, size: float) -> float:
        return sum(self.char_width(ch, size) for ch in text)

    def wrap(self, text: str, size: float, first: float, rest: float) -> list[str]:
        """Greedy, character by character, a run of Latin letters and digits kept whole (as typesetters
        do); a space never starts a line (it ends the one before)."""
        lines, current, width, avail = [], "", 0.0, first
        for token in re.findall(r"[A-Za-z0-9]+|.", text, re.S):
            w = self.text_width(token, size)
            if current and width + w > avail + 0.01 and token != " ":
                lines.append(current)
                current, width, avail = "", 0.0, rest
            current += token
            width += w
        if current:
            lines.append(current)
        return lines or [""]

    # --- pages ---------------------------------------------------------------------------------------

    def _finish_page(self):
        self.pages += 1
        c = self.canvas
        furnished = not (self.cover and self.pages == 1) and not self.scanned
        if furnished and self.heads:
            c.setFont(FONT, 9)
            head = self.heads[self.pages % 2]
            if self.pages % 2 == 0:
                c.drawString(self.left, self.height - 48, head)
            else:
                c.drawRightString(self.right, self.height - 48, head)
            c.setLineWidth(0.5)
            c.line(self.left, self.height - 54, self.right, self.height - 54)
        if furnished and self.footers:
            c.setFont(FONT, 10)
            c.drawCentredString(self.width / 2, 40, f"— {self.pages} —")
        c.showPage()
        self.y = self.region_top = self.margin_top
        self.column = 0
        self.page_used = False
        self.scanned = False

    def page_break(self):
        if self.page_used:
            self._finish_page()

    def set_columns(self, n: int):
        """Start a region of n columns below what is on the page."""
        self.columns = n
        self.column = 0
        self.region_top = self.y

    def _slot(self, height: float) -> tuple[float, float, float]:
        """Room for one line of `height`: (column left, column right, line top), moving on as needed."""
        if self.y + height > self.height - self.margin_bottom:
            if self.columns > 1 and self.column + 1 < self.columns:
                self.column += 1
                self.y = self.region_top
            else:
                self._finish_page()
        left, right = self.column_box()
        top = self.y
        self.y += height
        self.page_used = True
        return left, right, top

    # --- content -------------------------------------------------------------------------------------

    def paragraph(self, text: str, style: str | Style = "body"):
        st = STYLES[style] if isinstance(style, str) else style
        size = st.size
        if st.before and self.page_used and self.y > self.region_top:
            self.y += st.before * size
        left, right = self.column_box()
        width = right - left
        lines = self.wrap(text, size, width - st.indent * size, width - st.hanging * size)
        for i, line in enumerate(lines):
            left, right, top = self._slot(st.leading * size)
            baseline = self.height - (top + size)
            c = self.canvas
            c.setFont(FONT, size)
            if st.align == "center":
                c.drawCentredString((left + right) / 2, baseline, line.rstrip(" ") if len(lines) == 1 else line)
            elif st.align == "right":
                c.drawRightString(right, baseline, line)
            else:
                x = left + (st.indent if i == 0 else st.hanging) * size
                c.drawString(x, baseline, line)

    def toc_entry(self, number: str, title: str, page: int, size: float = 10.5):
        """`1. title……… 7`: leaders to the page number; a long title wraps under itself (hanging)."""
        left, right = self.column_box()
        label = f"{number} " if number else ""
        hang = self.text_width(label, size)
        page_text = str(page)
        room = right - left - self.text_width(page_text, size) - 3 * size
        lines = self.wrap(label + title, size, room, room - hang)
        for i, line in enumerate(lines):
            slot_left, slot_right, top = self._slot(1.6 * size)
            baseline = self.height - (top + size)
            x = slot_left + (0 if i == 0 else hang)
            self.canvas.setFont(FONT, size)
            self.canvas.drawString(x, baseline, line)
            if i == len(lines) - 1:
                used = x + self.text_width(line, size)
                end = slot_right - self.text_width(page_text, size)
                dots = "·" * max(2, int((end - used - 2) / self.char_width("·", size)))
                self.canvas.drawString(used + 1, baseline, dots)
                self.canvas.drawRightString(slot_right, baseline, page_text)

    def table(self, rows: list[list[Cell]], widths: list[float], repeat_header: bool = False, size: float = 9.5):  # noqa: C901 - older than the limit; split it when it next changes
        """A ruled table over the text width; a row that does not fit is split, the rest on the next page."""
        pad = 3.0
        leading = 1.5 * size
        total = self.right - self.left
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + total * w / sum(widths))

        def cell_lines(row: list[Cell]) -> list[list[str]]:
            out = []
            for k, cell in enumerate(row):
                width = xs[k + 1] - xs[k] - 2 * pad
                lines: list[tuple[str, float]] = []
                for para in cell.paragraphs:
                    indent = 2 * size if cell.indented else 0.0
                    for j, line in enumerate(self.wrap(para, size, width - indent, width)):
                        lines.append((line, indent if j == 0 else 0.0))
                out.append(lines)
            return out

        def draw(part: list[list[tuple[str, float]]], n: int):
            height = n * leading + 2 * pad
            if self.y + height > self.height - self.margin_bottom:
                self._finish_page()
            top = self.y
            c = self.canvas
            c.setLineWidth(0.6)
            for k in range(len(xs) - 1):
                c.rect(xs[k], self.height - top - height, xs[k + 1] - xs[k], height, stroke=1, fill=0)
                c.setFont(FONT, size)
                for j, (line, indent) in enumerate(part[k][:n]):
                    c.drawString(xs[k] + pad + indent, self.height - (top + pad + j * leading + size), line)
            self.y = top + height
            self.page_used = True

        header = cell_lines(rows[0]) if repeat_header else None
        for index, row in enumerate(rows):
            remaining = cell_lines(row)
            while True:
                n = max(len(lines) for lines in remaining) or 1
                room = int((self.height - self.margin_bottom - self.y - 2 * pad) // leading)
                if n <= room:
                    draw(remaining, n)
                    break
                if room < 2:
                    self._finish_page()
                    if header and index:
                        draw(header, max(len(lines) for lines in header))
                    continue
                draw([lines[:room] for lines in remaining], room)
                remaining = [lines[room:] for lines in remaining]
                self._finish_page()
                if header:
                    draw(header, max(len(lines) for lines in header))

    def image_page(self, seed: int = 1):
        """A page that is only a picture (a scanned page: no text layer)."""
        from PIL import Image, ImageDraw
        from reportlab.lib.utils import ImageReader

        self.page_break()
        image = Image.new("L", (400, 560), 255)
        draw = ImageDraw.Draw(image)
        for k in range(40):
            y = 40 + k * 12
            draw.rectangle([40, y, 360 - (k * 37 + seed) % 120, y + 6], fill=40)
        self.canvas.drawImage(
            ImageReader(image),
            self.left,
            self.margin_bottom,
            self.right - self.left,
            self.height - self.margin_top - self.margin_bottom,
        )
        self.page_used = True
        self.scanned = True
        self._finish_page()

    def save(self):
        if self.page_used:
            self._finish_page()
        self.canvas.save()
