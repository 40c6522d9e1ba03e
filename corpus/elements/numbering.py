"""The numbering that opens a paragraph: 第一章, 第一条, 一、, （一）, （1）, 1., 一是, and 附件 N.

Built like Python-Markdown's block processors: one small processor per numbering scheme, each with
`marker()` (the marker its scheme prints at the start of a line, or None), tried in priority order.
corpus.records.clauses nests the clauses they open; the element recognisers use them to tell a
numbered heading from a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import HAN_NUMERALS, han_to_int

# A line that opens an attachment: "附件", "附件 2" (the title follows on the next line).
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<n>\d{0,2})\s*$")


@dataclass
class Marker:
    scheme: str  # which processor matched
    printed: str  # the numbering as printed
    number: int
    anchor: str  # this level's part of the clause id


class MarkerProcessor:
    """Recognizes one numbering scheme at the start of a paragraph."""

    scheme = ""
    pattern: re.Pattern
    anchor_prefix = ""

    def marker(self, text: str) -> Marker | None:
        match = self.pattern.match(text)
        if match is None:
            return None
        try:
            number = self.number(match.group("n"))
        except ValueError:  # a malformed numeral (第十十条) is not numbering
            return None
        return Marker(self.scheme, match.group(0).strip(), number, f"{self.anchor_prefix}{number}")

    def number(self, digits: str) -> int:
        return han_to_int(digits)


class ChapterProcessor(MarkerProcessor):
    scheme, anchor_prefix = "chapter", "ch"
    pattern = re.compile(rf"^第(?P<n>[{HAN_NUMERALS}]+)章(?=\s|$|[\u4e00-\u9fff])")


class ArticleProcessor(MarkerProcessor):
    scheme, anchor_prefix = "article", "a"
    pattern = re.compile(rf"^第(?P<n>[{HAN_NUMERALS}]+)条(?=\s|$|[\u4e00-\u9fff])")


class HanCommaProcessor(MarkerProcessor):  # 一、
    scheme = "han-comma"
    pattern = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})、")


class HanParenProcessor(MarkerProcessor):  # （一）
    scheme = "han-paren"
    pattern = re.compile(r"^[（(]\s*(?P<n>[一二三四五六七八九十]{1,3})\s*[）)]")


class DigitDotProcessor(MarkerProcessor):  # 1. 1、 1．
    scheme = "digit-dot"
    pattern = re.compile(r"^(?P<n>\d{1,2})\s*[.．、](?!\d)")


class DecimalProcessor(MarkerProcessor):
    """Outline numbering as 应急预案 and 规划 print it: 1.2 等级划分, 4.3.1 出现省级…; one scheme per depth, so
    1.2.1 nests under 1.2 under 1 whatever order the schemes first appear in. A space follows the number
    (a paragraph opening with 1.5亿元 is no heading)."""

    def __init__(self, depth: int):
        self.depth = depth
        self.scheme = f"decimal-{depth}"
        dots = r"\.\d{1,2}" * (depth - 1)
        self.pattern = re.compile(rf"^(?P<n>\d{{1,2}}{dots})(?![.．]?\d)[ \t\u3000]+(?=\S)")

    def number(self, digits: str) -> int:
        return int(digits.rsplit(".", 1)[-1])


class DecimalHeadingProcessor(DecimalProcessor):
    """The top of such an outline: 1　总则, 4　应急响应 — a number, a space and a short heading alone on
    its line (a paragraph that opens with a number, 12345 政务服务便民热线…, is no heading)."""

    MAX_HEADING = 16

    def __init__(self):
        super().__init__(1)

    def marker(self, text: str) -> Marker | None:
        found = super().marker(text)
        if found is None:
            return None
        rest = text.strip()[len(found.printed) :].strip()
        if not rest or len(rest) > self.MAX_HEADING or re.search(r"[，。；：,;:0-9\s]", rest):
            return None
        return found


class DigitParenProcessor(MarkerProcessor):  # （1）
    scheme = "digit-paren"
    pattern = re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[）)]")


class OrdinalProcessor(MarkerProcessor):  # 一是
    scheme = "ordinal"
    pattern = re.compile(r"^(?P<n>[一二三四五六七八九十]{1,3})是")


class AttachmentProcessor(MarkerProcessor):  # a line "附件" / "附件 2" opening an attachment
    scheme, anchor_prefix = "attachment", "att"
    pattern = ATTACHMENT_HEADING

    def number(self, digits: str) -> int:
        return int(digits) if digits else 1


# Priority order: the more specific first (第一条 before anything that could read 第…).
PROCESSORS: list[MarkerProcessor] = [
    AttachmentProcessor(),
    ChapterProcessor(),
    ArticleProcessor(),
    HanCommaProcessor(),
    HanParenProcessor(),
    DigitParenProcessor(),
    DecimalProcessor(4),
    DecimalProcessor(3),
    DecimalProcessor(2),
    DecimalHeadingProcessor(),
    DigitDotProcessor(),
    OrdinalProcessor(),
]


# Every processor's pattern in one (their "n" groups unnamed): most paragraphs start with no marker,
# and one regex match says so where asking each processor in turn took eight calls (~5 µs a paragraph).
_ANY_MARKER = re.compile("|".join(f"(?:{p.pattern.pattern.replace('(?P<n>', '(?:')})" for p in PROCESSORS))


def find_marker(text: str) -> Marker | None:
    if _ANY_MARKER.match(text) is None:
        return None
    for processor in PROCESSORS:
        marker = processor.marker(text)
        if marker is not None:
            return marker
    return None


def starts_clause(text: str) -> bool:
    return find_marker(text) is not None
