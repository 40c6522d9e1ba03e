"""Page furniture in extracted text: running heads, page footers and page numbers.

Text from other extractors keeps what was printed on every page: the publication's name at the top,
`— 12 —` at the bottom. Left in, they land inside document bodies and split sentences that cross a page
break. They are blanked (not deleted, so line numbers stay the file's) when they are unambiguous:

- footers by their form (`— 12 —`, `- 12 -`, `第 3 页`, `3/40`, `Page 3`);
- the publication's name (alone or with its year and 期) after the masthead;
- a short line repeated on three or more pages, each time right after a page break (a footer, a bare
  page number or a form feed), e.g. a section name printed as the running head of odd pages; lines
  right before a break are the page's last lines (a repeated （此件公开发布） stays);
- the issue alone (`2022年第1期`) right after a page break;
- a bare page number next to a page break.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..text import han_to_int, squash, to_halfwidth_digits

_DASH = "—–\\-－―~～"
FOOTER = re.compile(
    rf"^(?:[{_DASH}]{{1,2}}\s*\d{{1,4}}\s*[{_DASH}]{{1,2}}"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
PUBLICATION_LINE = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:公报|政报)$")
# What may stand beside the publication's name in a running head: its year, 期, 总期, a period.
_HEAD_EXTRA = re.compile(
    r"^(?:\d{4}年?)?(?:第\d{1,3}期)?(?:[（(]第[一二三四]季度[）)])?(?:[（(]?总第\d{1,4}期[）)]?)?$"
)
ISSUE_HEAD = re.compile(r"^\d{4}年第\d{1,3}期(?:[（(]总第\d{1,4}期[）)])?$")
MAX_HEAD = 40  # characters: a running head is short
NEAR = 2  # non-blank lines between a running head and its page break


@dataclass(frozen=True)
class Masthead:
    """What a masthead or running head line prints of its issue; None where it prints nothing."""

    publication: str | None
    year: int | None = None
    number: int | None = None  # 期; the first of a combined issue (1-3期 → 1)
    last_number: int | None = None  # the last 期 of a combined issue (1-3期 → 3)
    total: int | None = None  # 总期
    section: str | None = None  # the section a running head names (大事记)


_PUB = r"(?P<pub>[\u4e00-\u9fff]{2,30}?(?:公报|政报))"
_ISSUE_NO = r"(?P<num>\d{1,3}|[一二三四五六七八九十]{1,3})"
_RANGE = r"(?:\s?[-—–－~～至]\s?(?P<last>\d{1,3}))"
_TOTAL = r"(?:\s?[（(]?\s?总第\s?(?P<total>\d{1,4})\s?期\s?[）)]?)"
_SECTION = r"(?:\s(?P<section>[\u4e00-\u9fff]{2,12}))"
# After the name: "2019年1-3期(总第52期)", "2025年第5期", "第五期", or a running head's bare "2025  5  大事记"
# (year and 期 apart only by white space, then maybe the section). White space is one space here.
_AFTER_NAME = re.compile(
    rf"^\s?(?:(?P<year>(?:19|20)\d{{2}})(?:\s?年\s?第?|\s)\s?)?"
    rf"(?:第?\s?{_ISSUE_NO}{_RANGE}?\s?期|(?(year)(?<=\s)(?P<bare>\d{{1,2}})(?=\s|$)|(?!)))?"
    rf"{_TOTAL}?{_SECTION}?$"
)
_YEAR_ONLY = re.compile(r"^\s?(?P<year>(?:19|20)\d{2})\s?年?$")
# The issue first, then the name: "2025年第5期 鄂尔多斯市人民政府公报"
_NAME_AFTER = re.compile(rf"^(?P<year>(?:19|20)\d{{2}})\s?年\s?第\s?{_ISSUE_NO}{_RANGE}?\s?期{_TOTAL}?\s?{_PUB}$")
# a document's title that ends in 公报 (关于发布…的公报, 国民经济和社会发展统计公报) names no publication
_NOT_A_NAME = re.compile(r"关于|的|发布|印发|统计公报|公告")
# what a flipbook or web page puts before the name: "Page 23 - "
_PAGE_PREFIX = re.compile(r"^(?:Page|P\.)\s?\d{1,4}\s?[-—–:：]\s?")


def read_masthead(line: str) -> Masthead | None:
    """The publication, year, 期 and 总期 a masthead or running head line prints, or None for any other line.

    "兴安盟行政公署公报2019年1-3期(总第52期)" (a combined issue), "鄂尔多斯市人民政府公报 2025  5  大事记"
    (a running head: year and 期 apart by white space), "Page 23 - 鄂尔多斯市人民政府公报第五期",
    "2025年第5期 鄂尔多斯市人民政府公报", or the name alone.
    """
    text = re.sub(r"[\s\u3000]+", " ", to_halfwidth_digits(line)).strip()
    if len(text) > 80:
        return None
    text = _PAGE_PREFIX.sub("", text)
    before = _NAME_AFTER.match(text)
    if before and not _NOT_A_NAME.search(before["pub"]):
        return _masthead(before, before["pub"])
    named = re.match(_PUB, text)
    if not named or _NOT_A_NAME.search(named["pub"]):
        return None
    rest = text[named.end() :]
    after = _AFTER_NAME.match(rest) or _YEAR_ONLY.match(rest)
    if after is None:
        return None
    return _masthead(after, named["pub"])


def _masthead(match: re.Match[str], publication: str) -> Masthead:
    found = match.groupdict()
    number = found.get("num") or found.get("bare")
    try:
        first = han_to_int(number) if number else None
    except ValueError:  # a malformed numeral (十十)
        first = None
    last = int(found["last"]) if found.get("last") else None
    if first is not None and last is not None and last <= first:
        last = None  # "3-3期", "5-2期": not a range
    return Masthead(
        publication=publication,
        year=int(found["year"]) if found.get("year") else None,
        number=first,
        last_number=last,
        total=int(found["total"]) if found.get("total") else None,
        section=found.get("section"),
    )


def publication_in(lines: list[str], first: int = 12) -> str | None:
    """The publication's name as printed on the masthead or a running head among the first few lines:
    alone (兴安盟行政公署公报) or with its year and 期 (兴安盟行政公署公报2019年1-3期(总第52期))."""
    seen = 0
    for line in lines:
        text = squash(line)
        if not text:
            continue
        if PUBLICATION_LINE.match(text):
            return text
        head = read_masthead(line)
        if head is not None and head.publication:
            return head.publication
        seen += 1
        if seen >= first:
            break
    return None


def is_footer(text: str) -> bool:
    text = text.strip(" \t\u3000\r\f")
    return len(text) <= 24 and bool(FOOTER.match(text))


class _Breaks:
    """Page-break positions, doubled to integers, with a range test over the few positions asked."""

    def __init__(self) -> None:
        self.doubled: set[int] = set()

    def add(self, position: float) -> None:
        self.doubled.add(round(2 * position))

    def any_within(self, low: int, high: int) -> bool:
        return any(d in self.doubled for d in range(low, high + 1))


def remove_furniture(lines: list[str], publication: str | None = None) -> tuple[list[str], list[int]]:  # noqa: C901 - older than the limit; split it when it next changes
    """(lines with furniture blanked, 1-based numbers of the blanked lines)."""
    out = [line.replace("\f", "") for line in lines]
    publication = publication or publication_in(out)
    nonblank = [i for i, line in enumerate(out) if line.strip()]
    order = {i: k for k, i in enumerate(nonblank)}
    removed: set[int] = set()
    # positions (in `nonblank`) of page breaks, doubled: 2k for a break at line k, 2k ± 1 for one between
    # lines. A break is looked for in the few positions around a line (constant time), not among all
    # breaks (with a footer on every page that was pages² for the file).
    breaks = _Breaks()
    for k, i in enumerate(nonblank):
        if "\f" in lines[i]:
            breaks.add(k - 0.5 if lines[i].lstrip().startswith("\f") else k + 0.5)
        if is_footer(out[i]):
            removed.add(i)
            breaks.add(k)

    def near_break(k: int) -> bool:
        return breaks.any_within(2 * k - 2 * NEAR, 2 * k + 2 * NEAR)

    def after_break(k: int) -> bool:
        # a running head opens the next page: it follows the footer; a page's last line precedes it
        return breaks.any_within(2 * k - 2 * NEAR, 2 * k - 1)

    masthead = None  # the publication's name on the cover: the first not printed at a page break
    if publication:
        for i in nonblank[:12]:
            if squash(out[i]) == publication and "\f" not in lines[i] and not near_break(order[i]):
                masthead = i
                break
    groups: dict[str, list[int]] = defaultdict(list)
    for i in nonblank:
        if i in removed or "\t" in out[i]:
            continue
        text = squash(out[i])
        if not text or len(text) > MAX_HEAD:
            continue
        if publication and i != masthead and publication in text:
            extra = text.replace(publication, "", 1)
            head = read_masthead(out[i])
            if _HEAD_EXTRA.match(extra) or (head is not None and head.publication == publication):
                removed.add(i)
                breaks.add(order[i])
                continue
        if ISSUE_HEAD.match(text) and after_break(order[i]):
            removed.add(i)  # "2022年第1期" alone at a page break: the other page's running head
            breaks.add(order[i])
            continue
        groups[re.sub(r"\d", "#", text)].append(i)
    for members in groups.values():
        if len(members) < 3:
            continue
        beside = [i for i in members if after_break(order[i])]
        if len(beside) >= 3 and len(beside) * 5 >= len(members) * 4:
            for i in beside:
                removed.add(i)
                breaks.add(order[i])
    for k, i in enumerate(nonblank):
        if i not in removed and PAGE_NUMBER.match(out[i].strip()) and near_break(k):
            removed.add(i)
    for i in removed:
        out[i] = ""
    return out, sorted(i + 1 for i in removed)
