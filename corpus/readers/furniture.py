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

from ..text import squash

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


def publication_in(lines: list[str], first: int = 12) -> str | None:
    """The publication's name as printed on the masthead: a line of the first few ending in 公报/政报."""
    seen = 0
    for line in lines:
        text = squash(line)
        if not text:
            continue
        if PUBLICATION_LINE.match(text):
            return text
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
            if _HEAD_EXTRA.match(extra):
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
