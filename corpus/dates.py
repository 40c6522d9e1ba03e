"""Dates as the gazette writes them.

Issue and signing dates ("2023 年 6 月 28 日", "二〇二三年五月六日", "… 印发"),
大事记 (chronicle) entry heads ("●1月19-25日，赴…", "2月28日至3月6日，…") and
covered periods ("(1 月 1 至 3 月 31 日)"). PDF text puts spaces anywhere and
sometimes uses full-width digits, so every pattern tolerates both.

Standard library only: the corpus package must not depend on the indexer.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .text import han_to_int, squash, to_halfwidth_digits

# The Chinese numerals a date is written in (read by corpus.text.han_to_int): 〇 (U+3007) and ○
# (U+25CB, a common look-alike) are both used for zero.
DATE_NUMERALS = "〇○零一二三四五六七八九十"

_YEAR = rf"(?P<y>[0-9]{{4}}|[{DATE_NUMERALS}]{{4}})"
_MD = rf"[0-9]{{1,2}}|[{DATE_NUMERALS}]{{1,3}}"
_CN_DATE = re.compile(rf"(?:{_YEAR}年)?(?P<m>{_MD})月(?P<d>{_MD})[日号]")
_ISO_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")

# Marks some chronicles set before an entry: ● (the League's), △ □ ◇ ○ ▲ ★ … of other publishers.
_BULLETS = "●•·◆■△□◇○▲★☆▪▶►"
# A range separator: hyphens and dashes of every width, tildes, 至/到.
_RANGE = r"(?:——|[-－—–~～至到])"
PARTS_OF_DAY = ("上午", "下午", "晚上", "早上", "中午", "凌晨", "夜间", "全天")
_HAN_MD = "[一二三四五六七八九十]{1,3}"
_CHRONICLE = re.compile(
    # one optional run of bullets between white space: two adjacent \s* would split a long run of
    # spaces every possible way before failing (quadratic)
    rf"\s*(?:[{_BULLETS}]+\s*)?"
    # the year some chronicles print in each head ("2019年12月30日，…"); months and days in Arabic or
    # Chinese numerals ("一月四日", "十二月二十九日")
    r"(?:(?P<y>(?:19|20)[0-9]{2})\s*年\s*)?"
    rf"(?P<m1>[0-9]{{1,2}}|{_HAN_MD})\s*月\s*(?P<d1>[0-9]{{1,2}}|{_HAN_MD})\s*(?P<r1>日)?"
    rf"(?:\s*{_RANGE}\s*(?:(?P<m2>[0-9]{{1,2}}|{_HAN_MD})\s*月\s*)?(?P<d2>[0-9]{{1,2}}|{_HAN_MD})\s*(?P<r2>日)?)?"
    rf"(?:[\s，,]*(?P<part>{'|'.join(PARTS_OF_DAY)}))?"
)
# Under a month heading ("1月", "一月") entries give the day only: "4日 …", "3—4日，…", "1日" alone.
_DAY_ONLY = re.compile(
    rf"\s*(?:[{_BULLETS}]+\s*)?"
    r"(?P<d1>[0-9]{1,2})\s*(?P<r1>日)?"
    rf"(?:\s*{_RANGE}\s*(?P<d2>[0-9]{{1,2}})\s*(?P<r2>日)?)?(?![0-9月年])"
    rf"(?:[\s，,]*(?P<part>{'|'.join(PARTS_OF_DAY)}))?"
)
_PERIOD = re.compile(
    rf"(?:(?P<y1>[0-9]{{4}})年)?(?P<m1>[0-9]{{1,2}})月(?P<d1>[0-9]{{1,2}})日?"
    rf"{_RANGE}(?:(?P<y2>[0-9]{{4}})年)?(?:(?P<m2>[0-9]{{1,2}})月)?(?P<d2>[0-9]{{1,2}})日?"
)
_REST_LEAD = "，,、:：;；。 \t\u3000"


def _date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:  # 2月30日 and the like
        return None


# A zero typed as the letter O or the digit 0 among Chinese numerals (二OO九年, 二00五年), as web pages do.
_LATIN_ZERO = re.compile("(?<=[〇○零一二三四五六七八九])[OＯo0]|[OＯo0](?=[〇○零一二三四五六七八九])")


def parse_date(text: str, default_year: int | None = None) -> datetime.date | None:
    """The whole string is one date; "1月4日" needs default_year. Invalid → None."""
    s = to_halfwidth_digits(squash(text))
    if "年" in s and not s[:4].isdigit():
        s = _LATIN_ZERO.sub("〇", s)
    m = _CN_DATE.fullmatch(s) or _ISO_DATE.fullmatch(s)
    if not m:
        return None
    try:
        # a year digit by digit (二〇二三), a month or day with 十 (三十一)
        year = han_to_int(m["y"]) if m["y"] else default_year
        month, day = han_to_int(m["m"]), han_to_int(m["d"])
    except ValueError:  # malformed numerals such as 十十
        return None
    if year is None:
        return None
    return _date(year, month, day)


def parse_date_line(text: str) -> tuple[datetime.date, bool] | None:
    """A line holding only a date, maybe followed by 印发: (date, printed?)."""
    s = squash(text).rstrip("|")  # a date in a table's last cell (2021年4月21日 |)
    printed = s.endswith("印发")
    if printed:
        s = s[: -len("印发")]
    d = parse_date(s)
    return (d, printed) if d else None


# Four digits of month and day or three (2018525), or two with the 日 kept (202184日: 8月4日): two digits alone
# are as often a year's month (202112, 统计期 2021年12月) or a count beside a year (2020 15) as a day
_COMPACT = re.compile(r"((?:19|20)\d{2})(?:(\d{3,4})日?|(\d{2})日)")


def parse_compact_date(text: str, not_after: datetime.date | None = None) -> datetime.date | None:
    """A date whose 年 and 月 a converter dropped (2018525, 2021317, 20220315, 202184日): the one valid reading of
    its digits, or None when there is none or more than one (2021111: 1月11日 or 11月1日). `not_after`: a
    day it cannot follow (the page's posting date: 2020126 posted 2020-01-26 is 1月26日, not 12月6日)."""
    stripped = text.strip()
    if not stripped[:1].isdigit():
        return None  # most lines: no squashing them to learn it
    m = _COMPACT.fullmatch(squash(stripped))
    if not m:
        return None
    year, rest = int(m[1]), m[2] or m[3]
    readings = set()
    for cut in (1, 2):
        month, day = rest[:cut], rest[cut:]
        if 1 <= len(day) <= 2 and (d := _date(year, int(month), int(day))) is not None:
            if not_after is None or d <= not_after:
                readings.add(d)
    return readings.pop() if len(readings) == 1 else None


@dataclass(frozen=True)
class ChronicleDate:
    start: datetime.date
    end: datetime.date | None  # multi-day entries
    part_of_day: str | None  # 上午, 下午, … when written right after the date
    rest: str  # the entry text after the date (and part of day)


def parse_chronicle_date(text: str, year: int, month: int | None = None) -> ChronicleDate | None:
    """Read the date at the start of a 大事记 line; None if it does not start with one.

    `month`: the month a heading above set ("1月", "一月"), under which a line may give its day alone
    ("4日 …", "3—4日，…"); without it such a line has no date."""
    # Matching on a same-length copy keeps offsets valid for slicing `rest` from the original.
    digits = to_halfwidth_digits(text)
    m = _CHRONICLE.match(digits)
    if (not m or not (m["r1"] or m["d2"])) and month is not None:
        day = _DAY_ONLY.match(digits)
        if day and (day["r1"] or day["r2"]):  # "4日", "3—4日"; a bare "4" is no date head
            return _day_only(day, text, year, month)
    if not m or not (m["r1"] or m["d2"]):  # "1月5" alone is not a date head
        return None
    try:
        m1, d1 = han_to_int(m["m1"]), han_to_int(m["d1"])
        d2 = han_to_int(m["d2"]) if m["d2"] else None
        m2 = han_to_int(m["m2"]) if m["m2"] else m1
    except ValueError:  # 十十
        return None
    if m["y"]:
        # the head's own year ("2019年12月30日，…" in a chronicle of 2020); a full date running on into its
        # sentence ("2022年1月5日召开的…") is a line the print broke, not a head
        after = text[m.end() : m.end() + 1]
        if after and after not in _REST_LEAD and not m["part"]:
            return None
        year = int(m["y"])
    start = _date(year, m1, d1)
    if start is None:
        return None
    end = None
    if d2 is not None:
        if not m["m2"] and d2 < d1:  # "1月30-2日": the range runs into next month
            m2 = m2 % 12 + 1
        end = _date(year, m2, d2)
        if end is not None and end < start:  # a December–January span
            end = _date(year + 1, m2, d2)
        if end is None:
            return None
    rest = text[m.end() :].lstrip(_REST_LEAD)
    return ChronicleDate(start, end, m["part"], rest)


def _day_only(m: re.Match[str], text: str, year: int, month: int) -> ChronicleDate | None:
    start = _date(year, month, int(m["d1"]))
    if start is None:
        return None
    end = None
    if m["d2"]:
        d2 = int(m["d2"])
        end = _date(year, month if d2 >= start.day else month % 12 + 1, d2)
        if end is None or end < start:
            return None
    return ChronicleDate(start, end, m["part"], text[m.end() :].lstrip(_REST_LEAD))


# A month heading of a chronicle, alone on its line: "1月", "一月", "十二月份", "2019年3月".
_MONTH_HEADING = re.compile(rf"(?:(?:19|20)[0-9]{{2}}年)?(?P<m>[0-9]{{1,2}}|[{DATE_NUMERALS}]{{1,3}})月份?")


def parse_month_heading(text: str) -> int | None:
    """The month of a line that is only a month heading ("1月", "一月", "2019年3月"), else None."""
    m = _MONTH_HEADING.fullmatch(to_halfwidth_digits(squash(text)))
    if not m:
        return None
    try:
        month = han_to_int(m["m"])
    except ValueError:
        return None
    return month if 1 <= month <= 12 else None


def parse_period(text: str, year: int) -> tuple[datetime.date, datetime.date] | None:
    """A covered period such as "(1月1日至3月31日)"; the whole string, parentheses optional."""
    s = to_halfwidth_digits(squash(text))
    if len(s) > 1 and s[0] in "(（" and s[-1] in ")）":
        s = s[1:-1]
    m = _PERIOD.fullmatch(s)
    if not m:
        return None
    y1 = int(m["y1"]) if m["y1"] else year
    y2 = int(m["y2"]) if m["y2"] else y1
    m1 = int(m["m1"])
    start = _date(y1, m1, int(m["d1"]))
    end = _date(y2, int(m["m2"]) if m["m2"] else m1, int(m["d2"]))
    if start is None or end is None:
        return None
    if end < start and not m["y2"]:  # e.g. 12月1日至1月31日
        end = _date(y2 + 1, end.month, end.day)
    return (start, end) if end else None


_SPACED = re.compile(r"^[^\w\s]?\s*((?:19|20)\d{2})\s+(\d{1,2})\s+(\d{1,2})\s*[^\w\s]?$")


def parse_spaced_date(text: str) -> datetime.date | None:
    """A date whose 年, 月 and 日 a font lost, the spaces between its numbers kept ({ 2017 6 23): one reading."""
    stripped = text.strip()
    if len(stripped) > 16 or not stripped:
        return None
    m = _SPACED.match(stripped)
    return _date(int(m[1]), int(m[2]), int(m[3])) if m else None
