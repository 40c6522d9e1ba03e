"""大事记 (chronicle): where it starts in an issue, and its entries.

Where: a heading line (兴安盟行政公署大事记, 2020年1月大事记, 西乌珠穆沁旗2024年壹周大事记(第四期), 大事记)
maybe followed by the period it covers ((1月1日至3月31日), (2019年1—12月)); or, on a page that prints no
heading and holds no document, the first of its dated entries (a 大事记 page on its own, which may even
start in the middle of an entry the page before began).

Entries: one per dated line, in the forms publishers print — "●1月5日下午，…", "5 月 13 日  …",
"1月1日,…", "1月4—8日，…", "1月11日-12日 …"; under a month heading ("1月", "一月") the day alone
("4日 …", "3—4日，…", or "1日" on a line of its own with numbered items under it); "是日"/"同日" (the
day of the entry above); a marked line with no date (△ …) is another entry of the same day. Undated
lines continue the entry above. Entries a web page flattened onto one line ("…子女。 1月6日 乐清市…")
are cut apart again; a page's posting stamp glued to the first entry ("发布日期:2020-01-31
18:23:541月1日,…") is cut off and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..dates import ChronicleDate, parse_chronicle_date, parse_month_heading
from ..elements.paragraphs import Para, ends_open
from ..elements.toc import toc_item
from ..models import ChronicleEntry
from ..readers.furniture import read_masthead
from ..text import squash

BULLET = re.compile(r"^[●•·◆■△□◇○▲★☆▪▶►]\s*")
MARKED = re.compile(r"^[△□◇○▲★☆▪▶►]")  # a mark that may stand for "the same day" when no date follows
# A chronicle's heading: short, ending in 大事记 (or 大事記, from a traditional-character page), maybe with
# a parenthesised note (杂志版, 第四期); not a sentence, not a table-of-contents line.
HEADING = re.compile(r"^[^，。；：:、,;]{0,28}?大事[记記](?:[（(][^（()）]{1,12}[）)])?$")
# The period a heading covers, on the next line: (1月1日至3月31日), (2019年1—12月)
PERIOD_LINE = re.compile(r"^[（(][^（()）]{2,24}月[^（()）]{0,12}[）)]$")
SAME_DAY = re.compile(r"^\s*(?:[●•·◆■△□◇○▲★☆▪▶►]\s*)?(?:是日|同日|当日)")
# A web page's posting stamp glued in front of the first entry
POSTED = re.compile(
    r"^(?:发布日期|发布时间|发布于|日期|时间)\s*[:：]\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*"
)
# Where a page flattened two entries onto one line: a sentence's end, white space, a date head.
FLATTENED = re.compile(r"(?<=[。！？!?；;”」』）)])[ \t\u3000]+(?=[●•·◆■△□◇○▲★☆▪▶►]?\s?\d{1,2}\s?月\s?\d{1,2}\s?日)")
HEADLESS_MIN = 2  # dated entries that make a page without a heading or a document a 大事记
# ... when the first of them (or a month heading) comes this early: lines before it are the end of an entry
# the page before began, or the page's chrome; a notice's text with dated lines further down is no 大事记
HEADLESS_LEAD = 3


@dataclass(frozen=True)
class ChronicleStart:
    """Where an issue's 大事记 starts: `at` indexes the body; `heading` lines there are its heading (0 when
    none is printed, 2 with the period line)."""

    at: int
    heading: int


def find_chronicle(body: list[Para], start: int, *, documents: bool) -> ChronicleStart | None:
    """The 大事记 of an issue's body, looked for from `start` (the first document): its heading, or, when
    the body holds no document, a run of dated entries."""
    for i in range(start, len(body)):
        if is_heading(body[i].text):
            following = body[i + 1].text if i + 1 < len(body) else ""
            return ChronicleStart(i, 2 if PERIOD_LINE.match(squash(following)) else 1)
    if documents:
        return None
    dated, month, first = 0, None, None
    for i, para in enumerate(body):
        if first is None and i > HEADLESS_LEAD:
            return None
        heading_month = parse_month_heading(para.text)
        if heading_month is not None:
            month = heading_month
            first = i if first is None else first
            continue
        for piece in _pieces(para.text):
            if parse_chronicle_date(POSTED.sub("", piece), 2000, month) is not None:
                dated += 1
                first = i if first is None else first
    if dated < HEADLESS_MIN or first is None or first > HEADLESS_LEAD:
        return None
    return ChronicleStart(first, 0)


def is_heading(text: str) -> bool:
    s = squash(text)
    return bool(HEADING.match(s)) and read_masthead(text) is None and toc_item(text) is None


def heading_month(text: str) -> int | None:
    """The month a heading names first (2020年1月大事记 → 1, 3月至4月大事记 → 3), for entries giving a day alone."""
    m = re.search(r"(?<![0-9])([0-9]{1,2})\s*月", squash(text))
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else None


def read_chronicle(
    paras: list[Para], start: ChronicleStart, *, year: int, issue_id: str, source: str
) -> tuple[str | None, list[ChronicleEntry], list[str]]:
    """(title, entries, warnings) of the 大事记 whose heading (if any) is `paras[0 : start.heading]`."""
    title = "".join(p.text for p in paras[: start.heading]) or None
    month = heading_month(title) if title else None
    entries, warnings = parse_chronicle(
        paras[start.heading :], year=year, issue_id=issue_id, source=source, month=month
    )
    return title, entries, warnings


def parse_chronicle(
    paras: list[Para], *, year: int, issue_id: str, source: str, month: int | None = None
) -> tuple[list[ChronicleEntry], list[str]]:
    """Entries in order, and warnings (`file:line: …`) for text that had to be attached or dropped.

    `month`: the month a heading names, until a month heading says another."""
    entries: list[ChronicleEntry] = []
    warnings: list[str] = []
    bare = False  # the last entry is a date printed alone so far ("1日"): what follows starts a line
    for para in _split_flattened(paras):
        posted = POSTED.match(para.text)
        if posted and posted.end() < len(para.text):
            warnings.append(f"{source}:{para.line}: 条目前的网页发布时间不属于大事记，已去掉：{posted.group().strip()}")
            para = replace(para, text=para.text[posted.end() :])
        heading = parse_month_heading(para.text)
        if heading is not None:
            month = heading
            continue
        text = BULLET.sub("", para.text)
        parsed = parse_chronicle_date(para.text, year, month)
        if parsed is None and entries and (SAME_DAY.match(para.text) or MARKED.match(para.text)):
            last = entries[-1]  # 是日, 同日, or a marked line with no date: another entry of that day
            parsed = ChronicleDate(last.date, last.end_date if SAME_DAY.match(para.text) else None, None, text)
        if parsed is None:
            if not entries:
                warnings.append(f"{source}:{para.line}: 大事记第一条日期之前的文字没有归入任何条目")
                continue
            last = entries[-1]
            joiner = "\n" if bare or not ends_open(last.text) else ""
            last.text = last.text + joiner + text
            bare = False
            continue
        bare = not parsed.rest.strip()
        entries.append(
            ChronicleEntry(
                id="",
                issue_id=issue_id,
                source=source,
                line=para.line,
                date=parsed.start,
                end_date=parsed.end,
                part_of_day=parsed.part_of_day,
                text=text,
            )
        )
    return _unique(entries, warnings, source), warnings


def _unique(entries: list[ChronicleEntry], warnings: list[str], source: str) -> list[ChronicleEntry]:
    """Entries printed twice (a PDF's repeat) kept once; ids count a day's entries after that, so they do not
    depend on repeats."""
    seen: set[tuple] = set()
    unique: list[ChronicleEntry] = []
    for entry in entries:
        key = (entry.date, entry.end_date, squash(entry.text))
        if key in seen:
            warnings.append(f"{source}:{entry.line}: 重复的大事记条目（PDF 印了两次），只保留一条")
            continue
        seen.add(key)
        unique.append(entry)
    per_day: dict[str, int] = {}
    for entry in unique:
        day = entry.date.isoformat()
        per_day[day] = per_day.get(day, 0) + 1
        entry.id = f"dsj-{day}-{per_day[day]}"
    return unique


def _pieces(text: str) -> list[str]:
    return FLATTENED.split(text)


def _split_flattened(paras: list[Para]) -> list[Para]:
    """Entries a page flattened onto one line, one line each again (each keeps the line's number)."""
    out: list[Para] = []
    for para in paras:
        pieces = _pieces(para.text)
        out.extend([para] if len(pieces) == 1 else [replace(para, text=piece) for piece in pieces])
    return out
