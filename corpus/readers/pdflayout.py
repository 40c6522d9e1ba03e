"""Characters with positions → the text parser's line shape (one paragraph a line, tables as rows).

Pure geometry over the character dicts pdfplumber gives (x0, x1, top, bottom, size, text), so it
can be tested without a PDF. The steps, each a function below:

1. `baseline_lines`: characters → lines of one baseline, split into fragments at wide gaps;
2. `find_furniture`: lines printed at the same place on many pages (running heads, footers) and page
   numbers in the top or bottom band;
3. `page_blocks`: a page's lines in reading order, two-column regions read column by column (the
   gutter is found per page from lines whose two fragments straddle the middle);
4. `paragraphs`: wrapped lines rebuilt into paragraphs across page and column ends: a line that runs to
   its block's right margin goes on, an indented one starts a paragraph;
5. tables come in as rows of cells, each cell's characters rebuilt the same way (corpus.pdftables).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..text import squash

BAND = 0.08  # running heads and footers sit in the top and bottom 8% of the page
GAP_SPLIT = 1.0  # a horizontal gap of this many ems splits a line into fragments
GAP_SPACE = 0.4  # a smaller gap still stands for a space the PDF did not print
FULL = 2.0  # a line ending within this many ems of its right margin runs on
INDENT = 0.8  # a line starting this many ems right of its left margin starts a paragraph
PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－―~～]{1,2}\s*\d{1,4}\s*[—–\-－―~～]{1,2}|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}(?:\s*/\s*\d{1,4})?|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)


@dataclass
class Fragment:
    x0: float
    x1: float
    text: str


@dataclass
class Line:
    """Characters on one baseline of one page (or of one table cell)."""

    page: int
    top: float
    bottom: float
    size: float
    fragments: list[Fragment]
    left: float = 0.0  # margins of the block the line is read in
    right: float = 0.0

    @property
    def x0(self) -> float:
        return self.fragments[0].x0

    @property
    def x1(self) -> float:
        return self.fragments[-1].x1

    @property
    def text(self) -> str:
        return " ".join([f.text.rstrip() for f in self.fragments[:-1]] + [self.fragments[-1].text])


def baseline_lines(chars: list[dict], page: int) -> list[Line]:
    """Group characters by baseline (top to bottom), each line's characters left to right."""
    chars = [c for c in chars if c.get("upright", True) and c["text"] and c["text"] not in "\x00\ufffd"]
    chars.sort(key=lambda c: (c["bottom"], c["x0"]))
    groups: list[list[dict]] = []
    for char in chars:
        if groups:
            first = groups[-1][0]
            if abs(char["bottom"] - first["bottom"]) <= 0.35 * max(char["size"], first["size"]):
                groups[-1].append(char)
                continue
        groups.append([char])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        common = Counter(round(c["size"], 1) for c in group if c["text"].strip()).most_common(1)
        size: float = common[0][0] if common else group[0]["size"]
        fragments: list[Fragment] = []
        parts: list[str] = []
        start: float | None = None  # x0 of the fragment's first printed character
        end: float | None = None  # x1 of the last printed character read
        for char in group:
            if end is not None and char["x0"] - end > GAP_SPLIT * size:
                if start is not None:  # else nothing printed since the last split: no fragment
                    fragments.append(Fragment(start, end, "".join(parts).strip()))
                parts, start = [], None
            elif (
                end is not None
                and char["x0"] - end > GAP_SPACE * size
                and parts
                and parts[-1] != " "
                and char["text"] != " "
            ):
                parts.append(" ")
            if start is None:
                if not char["text"].strip():
                    continue  # a line or fragment does not start with a space
                start = char["x0"]
            parts.append(char["text"])
            if char["text"].strip():
                end = char["x1"]
        if start is not None and end is not None:  # end is set with start, by a printed character
            # a trailing space is kept: it may be the space a line was wrapped at
            fragments.append(Fragment(start, end, "".join(parts)))
        fragments = [f for f in fragments if f.text.strip()]
        if fragments:
            top = min(c["top"] for c in group)
            bottom = max(c["bottom"] for c in group)
            lines.append(Line(page, top, bottom, size, fragments))
    return lines


def _band(line: Line, height: float) -> str | None:
    if line.bottom < BAND * height:
        return "top"
    if line.top > (1 - BAND) * height:
        return "bottom"
    return None


def _set_apart(lines: list[Line], index: int, band: str) -> bool:
    """The first (last) line of its page with more than a line's space below (above) it: a head (footer)."""
    line = lines[index]
    if band == "top":
        if index != 0:
            return False
        return len(lines) == 1 or lines[1].top - line.bottom > 1.2 * max(line.size, lines[1].size)
    if index != len(lines) - 1:
        return False
    return len(lines) == 1 or line.top - lines[index - 1].bottom > 1.2 * max(line.size, lines[index - 1].size)


# What a browser prints in the margins of a saved page (Chrome, Edge, Firefox): the date and time at the
# top left (with the page's title beside it), the address at the bottom left (with 1/3 or Page 1 of 3).
BROWSER_HEAD = re.compile(
    r"^(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\s*(?:[上下]午)?\s*\d{1,2}:\d{2}(?::\d{2})?)$"
)
BROWSER_FOOT = re.compile(r"^(?:file|https?)://\S+$")


def _browser_margin(line: Line, band: str) -> bool:
    """A browser's print header (its first piece a date and time) or footer (its first piece an address)."""
    first = unicodedata.normalize("NFKC", line.fragments[0].text.strip())  # ﬁle:// (a ligature) is file://
    return bool((BROWSER_HEAD if band == "top" else BROWSER_FOOT).match(first))


def find_furniture(pages: list[list[Line]], heights: list[float]) -> set[tuple[int, int]]:
    """(page index, line index) of running heads, footers and page numbers, in the top or bottom band.

    A line there is furniture when it reads as a page number; when its text (digits folded: page
    numbers change) is printed at the same height on two or more pages; or when it stands apart above
    (below) the page's text at the same height as such a line on another page: left and right pages
    often carry different heads (the publication, the issue) at the same place.
    """
    banded = []  # (page, line index, place, text key, set apart) of each line in the top or bottom band
    by_text: dict[tuple, set[int]] = defaultdict(set)
    by_place: dict[tuple, set[int]] = defaultdict(set)
    found = set()
    for p, lines in enumerate(pages):
        for i, line in enumerate(lines):
            band = _band(line, heights[p])
            if band is None:
                continue
            place = (band, round(line.top / 3))
            key = place + (re.sub(r"\d+", "#", squash(line.text)),)
            apart = _set_apart(lines, i, band)
            banded.append((p, i, place, key, apart))
            by_text[key].add(p)
            if apart:
                by_place[place].add(p)
            if PAGE_NUMBER.match(re.sub(r"\s+", " ", line.text.strip())) or _browser_margin(line, band):
                found.add((p, i))
    for p, i, place, key, apart in banded:
        if len(by_text[key]) >= 2 or (apart and len(by_place[place]) >= 2):
            found.add((p, i))
    return found


@dataclass
class Block:
    """Lines read as one column of one page region, in order."""

    lines: list[Line]
    left: float
    right: float
    columns: int = 1


def _gutter(lines: list[Line], left: float, right: float) -> tuple[float, float] | None:
    """The gap between two columns: from lines whose two fragments straddle the page's middle."""
    width = right - left
    pairs = []
    for line in lines:
        if len(line.fragments) != 2:
            continue
        a, b = line.fragments
        middle = (a.x1 + b.x0) / 2
        if left + 0.3 * width <= middle <= left + 0.7 * width and b.x0 - a.x1 >= GAP_SPLIT * line.size:
            pairs.append((a.x1, b.x0))
    if len(pairs) < 2:
        return None
    g0 = max(p[0] for p in pairs)
    g1 = min(p[1] for p in pairs)
    return (g0, g1) if g1 > g0 else None


def page_blocks(
    lines: list[Line], left: float, right: float, gutter_hint: tuple[float, float] | None = None
) -> tuple[list[Block], tuple[float, float] | None]:
    """A page's lines as blocks in reading order, and the gutter of its last two-column region."""
    gutter = _gutter(lines, left, right) or gutter_hint
    if gutter is None:
        return [Block(lines, left, right)], None
    centre = (gutter[0] + gutter[1]) / 2
    runs: list[tuple[bool, list[Line]]] = []  # (two-column?, lines)
    for line in lines:
        crossing = any(f.x0 < centre < f.x1 for f in line.fragments)
        if runs and runs[-1][0] == (not crossing):
            runs[-1][1].append(line)
        else:
            runs.append((not crossing, [line]))
    blocks: list[Block] = []
    last_gutter: tuple[float, float] | None = None
    for index, (split, run) in enumerate(runs):
        lefts = [Line(ln.page, ln.top, ln.bottom, ln.size, [f for f in ln.fragments if f.x1 <= centre]) for ln in run]
        rights = [Line(ln.page, ln.top, ln.bottom, ln.size, [f for f in ln.fragments if f.x0 >= centre]) for ln in run]
        lefts = [ln for ln in lefts if ln.fragments]
        rights = [ln for ln in rights if ln.fragments]
        both = sum(
            1 for ln in run if any(f.x1 <= centre for f in ln.fragments) and any(f.x0 >= centre for f in ln.fragments)
        )
        # a column run on from the page before may hold lines on one side only (its second column short)
        carried = gutter_hint is not None and index == 0
        if split and ((lefts and rights and both) or carried):
            if lefts:
                blocks.append(Block(lefts, left, max([gutter[0]] + [ln.x1 for ln in lefts]), 2))
            if rights:
                blocks.append(Block(rights, min([gutter[1]] + [ln.x0 for ln in rights]), right, 2))
            last_gutter = gutter
        else:
            if blocks and blocks[-1].columns == 1:
                blocks[-1].lines.extend(run)
            else:
                blocks.append(Block(list(run), left, right))
            last_gutter = None
    return blocks, last_gutter


@dataclass
class Paragraph:
    text: str
    page: int
    lines: list[Line] = field(default_factory=list)


LEADERS = "·.．…⋯"
# What a line cannot be broken inside: a Latin word or number, with the brackets and 号 around it that
# stay with it (〔2017〕150号 goes to the next line whole).
_LEADING_WORD = re.compile(r"[〔［\[（(【]?[A-Za-z0-9][A-Za-z0-9.\-/]{0,39}(?:[〕］\]）)】][A-Za-z0-9]{0,10}号?)?")


def ends_with_page_number(text: str) -> bool:
    """A table-of-contents line: leaders, then a page number (`标题……… 13`)."""
    stripped = text.rstrip()
    body = stripped.rstrip("0123456789")
    if not body or len(stripped) - len(body) > 3 or body == stripped:
        return False
    body = body.rstrip()
    return len(body) - len(body.rstrip(LEADERS)) >= 3


def continues(prev: Line, line: Line, body_size: float) -> bool:
    """Whether `line` goes on the paragraph whose last line is `prev` (each read with its block's margins)."""
    em = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.1 * em or ends_with_page_number(prev.text):
        return False
    if prev.page == line.page and prev.left == line.left and line.top - prev.bottom > 1.2 * em:
        return False  # a blank line's worth of space: a new paragraph
    if prev.x0 - prev.left > 0.5 * (prev.right - prev.left):
        return False  # set to the right (a signature, a date): a line of its own, however near the margin it ends
    # full: the line ran to its margin, or the next line's first word would not have fitted after it
    first_word = _LEADING_WORD.match(line.text)
    word = sum(0.55 * em if ch.isascii() else em for ch in first_word.group(0)) if first_word else em
    if prev.right - prev.x1 > max(FULL * em, word + em):
        return False
    if line.x0 <= line.left + INDENT * em:
        return True
    # a title wrapped over two centred lines: the first runs the whole width, the second is centred
    return (
        prev.size >= 1.15 * body_size
        and abs((prev.x0 - prev.left) - (prev.right - prev.x1)) <= em
        and abs((line.x0 - line.left) - (line.right - line.x1)) <= 1.5 * em
    )


def join_text(head: str, tail: str) -> str:
    """A wrapped line's text goes on without a space, except between two Latin words or numbers."""
    if not head:
        return tail
    if head[-1].isascii() and head[-1].isalnum() and tail[:1].isascii() and tail[:1].isalpha() and head[-1].isalpha():
        return head + " " + tail
    return head + tail


def paragraphs(lines: list[Line], body_size: float) -> list[Paragraph]:
    out: list[Paragraph] = []
    prev = None
    for line in lines:
        if prev is not None and continues(prev, line, body_size):
            out[-1].text = join_text(out[-1].text, line.text)
            out[-1].lines.append(line)
        else:
            out.append(Paragraph(line.text, line.page, [line]))
        prev = line
    for para in out:
        para.text = para.text.strip()
    return out
