"""Repairs for PDF-extraction damage that apply line by line.

Display text stays faithful to the print: only extraction artefacts are removed
(typesetting codes, table markup, the Mongolian-script header, repeated table headers);
width, punctuation and spacing are left as printed and normalized only for indexing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

import lxml.html
from lxml import etree

from ..people import glued_entry, looks_like_post
from ..text import squash
from .rosters import roster_entries

TYPESETTING_CODE = re.compile(r"〔[A-Z]{1,3}\d{0,3}〕")
MONGOLIAN = re.compile(r"[\u1800-\u18AF]")
BULLET = re.compile(r"^[-•·]\s+")
TABLE_RULE = re.compile(r"^[\s\-|:—]+$")
TERMINAL = set("。；;：:！!？?…")
CLOSERS = set("”’）)」』】〕>》")


@dataclass(frozen=True)
class TableRow:
    """One row of a printed table, after a row the PDF broke over a page was merged back."""

    table: int  # source line of the table's first row: tells the tables of an issue apart
    line: int  # source line of the row
    cells: tuple[tuple[str, ...], ...]  # each cell's paragraphs (a plain cell is one paragraph, or none)
    header: bool  # the table's header row


@dataclass
class Para:
    """A non-blank line of text and the source line it starts on."""

    line: int
    text: str
    table: bool = False  # a line of a table row (its plain cells, or one <p> of a cell): never joined
    row: TableRow | None = None  # the table row this line is part of (None for rosters read back into a list)


def clean_lines(raw_lines: list[str], first_line: int = 1) -> list[Para]:
    """Non-blank, cleaned lines; table rows (tab-separated, <p> cells) become one line per cell paragraph.

    A row whose first cell is empty continues the row above it on the next page (the PDF repeats the
    header and breaks the cells mid-sentence): its cells are merged into that row's cells. A block of
    rows that is a roster set in two columns becomes one line per person, in reading order.
    """
    paras: list[Para] = []
    table_header: str | None = None
    # the rows of the table being read, (source line, cells, header?): a table is decided whole
    block: list[tuple[int, list[str], bool]] = []

    def flush():
        if block:
            paras.extend(_block_paras(block, paras))
            block.clear()

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
            header = False
            if not any("<p>" in c for c in cells) and not any(ch.isdigit() for ch in cells[0]) and cells[0]:
                # a header row: PDFs repeat it on every page of a table; keep it once
                if row == table_header:
                    continue
                table_header = row
                header = not block
            if block and not cells[0] and len(cells) == len(block[-1][1]) and any(cells):
                line, above, was_header = block[-1]
                block[-1] = (line, [merge_cells(a, b) for a, b in zip(above, cells)], was_header)
                continue
            block.append((number, cells, header))
            continue
        flush()
        table_header = None
        paras.append(Para(number, text))
    flush()
    return paras


def _block_paras(block: list[tuple[int, list[str], bool]], before: list[Para]) -> list[Para]:
    """The lines of one table block: one per person for a roster set in columns, else row by row."""
    entries = roster_entries([cells for _, cells, _ in block])
    out: list[Para] = []
    if entries is None:
        for line, cells, header in block:
            row = TableRow(block[0][0], line, tuple(tuple(cell_paragraphs(c)) for c in cells), header)
            out.extend(Para(line, text, table=True, row=row) for text in table_row_lines(cells))
        return out
    for index, name, post in entries:
        line = block[index][0]
        post = TYPESETTING_CODE.sub("", post)
        if name:
            out.append(Para(line, f"{name} {post}", table=True))
            continue
        # the rest of a post the print wrapped: it goes on the entry above, which for the first
        # entry is the roster line printed before the block ("徐继龙 盟委副秘书长、政研室")
        holder = out if out else before
        if holder and is_roster_line(holder[-1].text):
            holder[-1] = replace(holder[-1], text=holder[-1].text + post)
        else:
            out.append(Para(line, post, table=True))
    return out


def cell_paragraphs(cell: str) -> list[str]:
    """A cell's paragraphs: its <p> elements, or the plain cell itself (none when it is empty)."""
    if "<p>" in cell:
        return [p for p in paragraphs_of_html(cell) if p]
    cell = TYPESETTING_CODE.sub("", cell).strip()
    return [cell] if cell else []


def merge_cells(first: str, rest: str) -> str:
    """A table cell the PDF broke over a page: the paragraph cut at the page end goes on."""
    if not rest:
        return first
    if not first:
        return rest
    if "<p>" in first or "<p>" in rest:
        head, tail = first.rstrip(), rest.lstrip()
        last = paragraphs_of_html(head)
        if head.endswith("</p>") and tail.startswith("<p>") and last and ends_open(last[-1]):
            return head[: -len("</p>")] + tail[len("<p>") :]
        return head + " " + tail
    if _CJK_CHAR.match(first[-1]) and _CJK_CHAR.match(rest[0]):
        return first + rest
    return first + " " + rest


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


_CJK = "\u4e00-\u9fff《》（）“”、，：；"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_CJK_CHAR = re.compile(f"[{_CJK}]")


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


# "王福顺 盟住建局局长", "苏 和 盟委副书记": a name of 2-4 Chinese characters, or a spaced one ("苏 和"),
# then a title. A single character followed by a long word is not a name ("部 总政治部军人随军家属就业安置办法"),
# nor is a list number ("4. 立功受奖(通知、通报、喜报、证").
ROSTER_LINE = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2})\s+\S")
# "组长：盟行署分管生态环境工作副盟长": a short label, a colon and its value on the same line.
LABEL_LINE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,7}[：:]\s*\S")
# The end of a roster entry the PDF pushed to a line of its own ("葛双鹏 盟发展改革委副" / "主任").
ROSTER_TAIL = re.compile(r"^[\u4e00-\u9fff]{1,4}$")
# What no paragraph starts with: the line goes on the sentence above even after a closing 》.
CONTINUATION_START = re.compile(r"^[，、。；：,;:）)》”’]")
# 《title》 then, on the next line, its 文号 in parentheses: "(中发〔2019〕30 号)，《…"
CITATION_START = re.compile(r"^[（(][^（()）]{1,20}[〔\[［]\s*\d{4}")
BRACKET_PAIRS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "〔": "〕", "【": "】", "[": "]"}


# A Mongolian name written in Han characters runs to 5 or 6 ("额尔敦巴雅尔 盟林草局局长"): such a first
# word counts as a name only when the rest reads as a post, or prose would pass for a roster.
LONG_NAME_LINE = re.compile(r"^[\u4e00-\u9fff]{5,6}\s+(?P<post>\S.*)$")


def is_roster_line(text: str) -> bool:
    if re.search(r"[。，,；;]", text):
        return False
    if ROSTER_LINE.match(text):
        return True
    long = LONG_NAME_LINE.match(text)
    return (long is not None and looks_like_post(long.group("post"))) or glued_entry(text) is not None


SEAT_LABEL = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,7}[：:][ \u3000]*(?P<seat>\S.*)$")


def is_seat_label(text: str) -> bool:
    """A roster's role with its first seat on one line: "组　长：韩　正　　国务院副总理"."""
    match = SEAT_LABEL.match(text)
    return match is not None and is_roster_line(match.group("seat"))


def is_label_line(text: str) -> bool:
    return bool(LABEL_LINE.match(text))


def unbalanced(text: str) -> bool:
    """True when a bracket or quotation opened in `text` is not closed in it ("喜报、证" … "书)复印件")."""
    depth = {opener: 0 for opener in BRACKET_PAIRS}
    closers = {closer: opener for opener, closer in BRACKET_PAIRS.items()}
    for ch in text:
        if ch in BRACKET_PAIRS:
            depth[ch] += 1
        elif ch in closers and depth[closers[ch]]:
            depth[closers[ch]] -= 1
    return any(depth.values())


# A paragraph rebuilt from broken lines ends at this many characters, the next line starting another:
# every line joined is tested against the paragraph it would join, so without a bound a text of lines
# with no sentence end cost lines² (12,000 lines: 25 s and 2.9 GB). The longest real paragraph at hand
# (bundled issues, gov.cn pages, their PDFs) has 915 characters.
MAX_JOINED = 2000


def join_broken_lines(
    paras: list[Para], starts_block, standalone, keep: frozenset[int] = frozenset(), scheme_of=None
) -> list[Para]:
    """Join lines the PDF broke mid-sentence at a page or column end.

    `starts_block(text)` is true for lines that begin a new unit (a clause marker…),
    `standalone(text)` for lines that are complete by themselves (dates, 文号, headings…),
    `keep` the indexes of lines known to stand alone (titles of issued documents and attachments),
    `scheme_of(text)` names the numbering scheme of a numbered line ("han-paren", "digit-dot"…):
    with it, a numbered line without a full stop is told apart as a heading ("（一）适用范围") or a
    numbered paragraph the PDF broke ("2. 生态环境部门负责对医疗废物收" / "集、运输…") by its siblings.
    """
    headings = _heading_flags(paras, starts_block, scheme_of)
    # each line is asked about as the next line and again as the previous one: answered once (a
    # bounded cache: every growing paragraph is asked about too, and keeping each was quadratic memory)
    standalone = functools.lru_cache(maxsize=1024)(standalone)
    out: list[Para] = []
    first_of: list[int] = []  # index in `paras` of the line each joined line starts with
    last_kept = False
    for index, para in enumerate(paras):
        if out:
            prev = out[-1]
            if (
                not last_kept
                and index not in keep
                and not prev.table
                and not para.table
                and len(prev.text) + len(para.text) <= MAX_JOINED
                and _continues(prev.text, para.text, headings[first_of[-1]], starts_block, standalone)
            ):
                out[-1] = Para(prev.line, prev.text + para.text)
                continue
        out.append(para)
        first_of.append(index)
        last_kept = index in keep
    return out


def _continues(prev: str, text: str, prev_is_heading: bool, starts_block, standalone) -> bool:
    """Whether line `text` goes on the sentence the line `prev` broke off."""
    if prev_is_heading or standalone(prev) or starts_block(text) or standalone(text):
        return False
    if is_roster_line(prev):
        # only the tail of its own entry goes on a roster line, never the next entry
        return bool(ROSTER_TAIL.match(text)) and ends_open(prev)
    if is_seat_label(prev):
        # a role with its first seat: the rest of a post it broke off ("…副部长、" / "外宣办(新闻办)主任"),
        # never the next seat nor the 署名 printed under a roster's last seat ("国务院办公厅")
        broken = bool(ROSTER_TAIL.match(text)) or prev.rstrip()[-1] in "、，,（(—"
        return broken and ends_open(prev) and not is_roster_line(text)
    if is_roster_line(text) or (is_label_line(prev) and is_label_line(text)):
        return False
    if prev.rstrip().endswith("》") and CITATION_START.match(text):
        return True
    if CONTINUATION_START.match(text):
        return True
    return ends_open(prev) and len(squash(prev)) >= 12


def _heading_flags(paras: list[Para], starts_block, scheme_of) -> list[bool]:
    """For each line: is it a numbered heading (一、总体要求) rather than a numbered paragraph?

    A numbered line with a full stop is a paragraph; one with an unclosed bracket broke off. Otherwise
    its list decides: when the nearest sibling before it (or, for the first item, after it) is a
    paragraph of its own ("1. 各地政府负责…医疗废物。"), the list is one of paragraphs, not headings.
    """
    schemes = [scheme_of(p.text) if scheme_of else None for p in paras]
    flags = []
    for i, para in enumerate(paras):
        text = para.text
        if not starts_block(text) or re.search(r"[。；;]", text) or unbalanced(text) or _long_clause(text):
            flags.append(False)
            continue
        sibling = None
        if schemes[i]:
            before = (j for j in range(i - 1, -1, -1) if schemes[j] == schemes[i])
            after = (j for j in range(i + 1, len(paras)) if schemes[j] == schemes[i])
            sibling = next(before, None)
            if sibling is None:
                sibling = next(after, None)
        flags.append(sibling is None or not _paragraph_item(paras[sibling].text))
    return flags


def _long_clause(text: str) -> bool:
    """A numbered line too long, and with too many commas, for a heading: a sentence a page break cut."""
    return len(squash(text)) >= 40 and len(re.findall(r"[，,、]", text)) >= 2


def _paragraph_item(text: str) -> bool:
    """A numbered line that holds a sentence of its own, not just a heading ("（三）工作原则。")."""
    return bool(re.search(r"[。；;]", text)) and len(squash(text)) >= 12
