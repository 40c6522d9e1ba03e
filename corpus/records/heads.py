"""Where documents start: the heads found where several recognised parts agree.

A document's head is its 标题 with the parts GB/T 9704 sets around it: above it the 发文机关标志, the
发文字号 (or a 令's number) and the issuers' line; below it the 发文字号 or a 题注 in gazettes and web
reprints, then the 主送机关. A 政府信息公开 metadata block above it names the same title or number. No
single part decides: each title candidate (corpus.elements.parts) gathers the evidence of its
neighbours, and becomes a head when it has enough —

    发文字号 or 令 number next to it  3      题注 under it                      2
    metadata naming it               3      主送机关 after it                  2
    listed in the issue's 目录        3      发文机关标志 above it              2
    after the end of a document      1      a 公文's own kind (通知, 决定 …)    1

— and a number line with title lines above it (the layout of the League's gazette) is a head however
its title reads. Inside an open document a candidate that is the text it issues or forwards
(现将《X》印发给你们), or an attachment's title, is not a head. A title a web page prints two or three
times (page title, breadcrumb, the document itself) is one head, at its last printing, with the
evidence of all of them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import accumulate

from ..dates import parse_date_line
from ..elements.paragraphs import Para
from ..elements.parts import (
    ADDRESSEE,
    ATTACHMENT,
    ATTACHMENT_NOTE,
    COPY_TO,
    DATE,
    DIVIDER,
    IMPRINT,
    ISSUER_LINE,
    ISSUER_MARK,
    MASTHEAD,
    METADATA,
    NOTE,
    NUMBER,
    SIGNATURE,
    SPEAKER,
    TITLE,
    TITLE_NOTE,
    Part,
    Parts,
    is_chrome,
    is_index_number,
    is_page_tool,
    recognise,
    title_shape,
)
from ..models import TocEntry
from ..organs import OFFICIAL_KINDS, begins_an_organ, doc_kind, is_organ_line, split_organs
from ..text import fold, squash
from ..wenhao import Wenhao, find_wenhao, parse_wenhao

THRESHOLD = 3
CLOSING = {DATE, NOTE, IMPRINT, COPY_TO, SIGNATURE, ATTACHMENT_NOTE}
SUBSTANTIVE = 50  # characters: a paragraph this long (or ending a sentence) is text, not page chrome
_QUOTED = re.compile(r"《([^《》]{4,120})》")
_TITLE_WORDS = re.compile(r"^(?:关于|对|转发|批转|印发)")
# Where the title above a League gazette's number line begins (collected upwards, at most three lines).
_TITLE_OPENING = re.compile(r"^(兴安盟|内蒙古|中国人民解放军|关于)")
_ISSUER_TITLE_OPENING = re.compile(r"^[\u4e00-\u9fff]{2,30}?关于")


@dataclass
class Head:
    """Where a document starts and what its head holds."""

    start: int  # its first paragraph (the 发文机关标志, the number, the issuers' line or the title)
    body_start: int  # the first paragraph after the head
    title_at: tuple[int, int]  # paragraphs [a, b) of the title (the issuers' line included)
    number: Part | None = None  # 发文字号 / 令 number
    mark: Part | None = None
    note: Part | None = None  # 题注
    metadata: dict[str, str] | None = None
    issuers: list[str] = field(default_factory=list)  # an issuers' line above a title that names its own
    masthead: list[str] = field(default_factory=list)  # joint issuers one a line over the number (a 版头)
    table_at: int | None = None  # where a metadata table printed after the document's end begins
    lead: int | None = None  # where the title was first printed, when printed again before the document
    score: int = 0
    evidence: list[str] = field(default_factory=list)  # which parts agreed

    @property
    def wenhao(self) -> Wenhao | None:
        return self.number.value if self.number and isinstance(self.number.value, Wenhao) else None


def find_heads(
    body: list[Para],
    toc: list[TocEntry],
    warnings: list[str] | None = None,
    name: str = "",
    page_metadata: dict[str, str] | None = None,
) -> list[Head]:
    """The heads of the documents in `body`, in order. `page_metadata`: an HTML page's metadata table,
    read apart from its text (corpus.readers.html), evidence for the title or number it names."""
    parts = recognise(body)
    toc_titles = {fold(t.title) for t in toc}
    candidates = [
        _candidate(body, parts, part, toc_titles, page_metadata) for part in parts.parts if part.kind == TITLE
    ]
    candidates += _order_heads(body, parts, candidates)
    candidates += _number_under_title_heads(body, parts, toc, candidates, warnings, name)
    candidates += _kind_alone_heads(body, parts)
    candidates.sort(key=lambda h: h.start)
    chosen = _select(body, parts, candidates)
    chosen = _metadata_heads(body, parts, chosen)
    _trailing_tables(body, parts, chosen)
    headless = _headless_before(body, parts, chosen) or _titled_before(body, parts, chosen)
    return [headless, *chosen] if headless is not None else chosen


_HEADLESS_REACH = 6  # paragraphs of a page's chrome a headless document's 主送机关 may stand below


def _headless_before(body: list[Para], parts: Parts, chosen: list[Head]) -> Head | None:
    """A document printed before the first head without a title or number of its own: the page begins at
    its 主送机关 and it closes, signed and dated, right where the next document begins — a 转发 notice over
    the 批复 it forwards (和静县人民政府： / 现将《…的批复》转发你县。 / 某某州人民政府 / 二〇〇九年三月十八日)."""
    if not chosen:
        return None
    first = chosen[0].start if chosen[0].lead is None else chosen[0].lead
    addressed = next((k for k in range(min(first, _HEADLESS_REACH)) if parts.kind_at(k) == ADDRESSEE), None)
    if addressed is None or any(_substantive(p.text) for p in body[:addressed]):
        return None
    k = first - 1
    while k > addressed and (parts.kind_at(k) in {NOTE, COPY_TO, IMPRINT} or not body[k].text.strip()):
        k -= 1
    if parts.kind_at(k) != DATE or not any(_substantive(p.text) for p in body[addressed + 1 : k]):
        return None
    return Head(addressed, addressed, (addressed, addressed), score=0, evidence=["无标题", ADDRESSEE, DATE])


def _titled_before(body: list[Para], parts: Parts, chosen: list[Head]) -> Head | None:
    """A titled text printed before the first head without a number or 主送机关 of its own, closing where the
    next document begins (its 附件 line, its date): a page's own notice over the document it publishes (…的公示
    / 来源… / 现将《…方案》进行公示 / 附件: / the 方案's notice) — a document too, not the page's chrome."""
    if not chosen:
        return None
    first = chosen[0].start if chosen[0].lead is None else chosen[0].lead
    title = next((parts.at[k] for k in range(min(first, _HEADLESS_REACH)) if parts.kind_at(k) == TITLE), None)
    if title is None or any(_substantive(p.text) and not is_chrome(p.text) for p in body[: title.start]):
        return None
    k = first - 1
    while k > title.end and (not body[k].text.strip() or is_chrome(body[k].text)):
        k -= 1
    if parts.kind_at(k) not in {ATTACHMENT_NOTE, DATE, SIGNATURE}:
        return None
    if not any(_substantive(p.text) and not is_chrome(p.text) for p in body[title.end : k]):
        return None
    head = _candidate(body, parts, title, set())
    head.evidence.append("前文")
    return head


def _adjacent_before(parts: Parts, at: int, kinds: set[str], limit: int = 4) -> list[Part]:
    """The parts directly above paragraph `at` (no text between), nearest first, while their kind is one of `kinds`."""
    found: list[Part] = []
    i = at - 1
    while i >= 0 and len(found) < limit:
        part = parts.at[i]
        if part is None and is_chrome(parts.paras[i].text):
            i -= 1  # a page's chrome between the parts (来源：…, 打印本页)
            continue
        if part is None or part.kind not in kinds:
            break
        found.append(part)
        i = part.start - 1
    return found


def _adjacent_after(parts: Parts, at: int, kinds: set[str], limit: int = 3) -> list[Part]:
    """The parts directly from paragraph `at` on, in order, while their kind is one of `kinds`."""
    found: list[Part] = []
    i = at
    while i < len(parts.at) and len(found) < limit:
        part = parts.at[i]
        if part is None and is_chrome(parts.paras[i].text):
            i += 1
            continue
        if part is None or part.kind not in kinds:
            break
        found.append(part)
        i = part.end
    return found


# What each piece of evidence weighs (see the module docstring).
WEIGHTS = {
    NUMBER: 3,
    METADATA: 3,
    "网页元数据": 3,
    "目录": 3,
    TITLE_NOTE: 2,
    ISSUER_MARK: 2,
    ADDRESSEE: 2,
    ISSUER_LINE: 1,
    "公文种类": 1,
    "前文结束": 1,
    "通过": 1,  # a 题注 naming the meeting that adopted the text ((2011年1月22日…第四次会议通过)): as good as a number
    "数据库标题": 2,  # a law database's record: the title, its issuer field, the title again (关于… / 水利部 / 关于…)
}
_ADOPTED = re.compile(r"通过|批准|公布|发布|施行")


def _candidate(
    body: list[Para], parts: Parts, title: Part, toc_titles: set[str], page_metadata: dict[str, str] | None = None
) -> Head:
    """A title candidate with the evidence of the parts around it, scored."""
    head = Head(title.start, title.end, (title.start, title.end))
    text = _gather_above(body, parts, head, title.value)
    _gather_below(parts, head, text)
    if head.number is None and head.note is not None:
        head.number = _number_in_note(body, head.note)  # （…内蒙古自治区人民政府令第262号公布…）
    else:
        _agree(head, NUMBER, head.number is not None)
    _agree(head, TITLE_NOTE, head.note is not None)
    _agree(
        head,
        "通过",
        head.note is not None and bool(_ADOPTED.search("".join(p.text for p in body[head.note.start : head.note.end]))),
    )
    _agree(head, ISSUER_MARK, head.mark is not None)
    _agree(head, "数据库标题", _around_its_issuer_field(body, parts, title))
    _agree(head, ADDRESSEE, parts.kind_at(_skip_chrome(body, head.body_start)) == ADDRESSEE)
    _agree(
        head, "公文种类", doc_kind(text) in OFFICIAL_KINDS or bool(_TITLE_WORDS.match(squash(text))) or "关于" in text
    )
    _agree(head, "目录", fold(text) in toc_titles or fold(body[title.start].text) in toc_titles)
    if head.metadata is None:
        block = _metadata_before(parts, head.start)
        if block is not None and _names(block.value, text, head.wenhao, _first_title_after(parts, block, title)):
            head.metadata = block.value
    # an HTML page's table is applied to the page's single document by the caller
    named_by_page = page_metadata is not None and _names(page_metadata, text, head.wenhao, False)
    _agree(head, "网页元数据", head.metadata is None and named_by_page)
    _agree(head, METADATA, head.metadata is not None)
    _agree(head, "前文结束", _after_closing(parts, head.start))
    if head.number is not None and not isinstance(head.number.value, Wenhao) and _ANNOUNCEMENT.match(squash(text)):
        # 某某人民代表大会常务委员会公告 / 第23号 / …会议通过《X》，现予公布: as a 令, the document is X
        promulgated = _promulgated_title(body, head.body_start)
        if promulgated is not None:
            head.title_at = (head.title_at[0], head.title_at[0])
            head.metadata = {**(head.metadata or {}), "名称": promulgated}
            head.evidence.append("现予公布")
    return head


# A 公告 numbered as a 令 is (第23号), by which a congress or its standing committee promulgates a law or decision
# (a government's numbered 公告 announces, say, a land requisition: it stays the document).
_ANNOUNCEMENT = re.compile(r"^[\u4e00-\u9fff]{2,40}(?:常务委员会|人民代表大会|主席团)公告$")


# A government's own 公告 or 通告 (某某县人民政府公告), numbered or not: what it announces as approved is its text.
_GOVERNMENT_ANNOUNCEMENT = re.compile(r"^[\u4e00-\u9fff]{2,40}(?:人民政府|行政公署|政府)(?:办公室|办公厅)?[公通]告$")


def _government_announcement(body: list[Para], head: Head) -> bool:
    return bool(_GOVERNMENT_ANNOUNCEMENT.match(squash(_title_text(body, head))))


def _agree(head: Head, evidence: str, holds: bool) -> None:
    if holds:
        head.evidence.append(evidence)
        head.score += WEIGHTS[evidence]


def _gather_above(body: list[Para], parts: Parts, head: Head, text: str) -> str:
    """The parts set above the title (issuers' line, number, mark, metadata); the title's text, with the
    issuers' line when it is the title's beginning (…关于)."""
    for part in _adjacent_before(
        parts, title_start := head.title_at[0], {ISSUER_LINE, NUMBER, ISSUER_MARK, DIVIDER, METADATA}
    ):
        if part.kind == ISSUER_LINE and title_start == part.end:
            head.start = part.start
            if _TITLE_WORDS.match(squash(text)) or _continues_the_issuers(body[part.start].text, text):
                # 关于…: the line above is the title's beginning (or its issuers' names run on into the title)
                head.title_at = (part.start, head.title_at[1])
                text = body[part.start].text.strip() + text
            else:  # a title that names its own issuer, or a regulation's: the line says who issued it
                head.issuers = list(part.value)
            _agree(head, ISSUER_LINE, True)
        elif part.kind == NUMBER and head.number is None:
            head.number, head.start = part, part.start
            head.masthead = _masthead_above(body, part.start)
        elif part.kind == ISSUER_MARK and head.mark is None:
            head.mark, head.start = part, part.start
        elif part.kind == METADATA:
            head.metadata = part.value
    return text


_MASTHEAD_REACH = 12  # organs one a line a joint 版头 may list


def _masthead_above(body: list[Para], at: int) -> list[str]:
    """The organs printed one a line right above a number (a joint notice's 版头 without 文件: 常德市公安局 /
    常德市林业局 / … / 常民发〔2025〕16号), when two or more; else []."""
    found: list[str] = []
    i = at - 1
    while i >= 0 and len(found) < _MASTHEAD_REACH:
        text = body[i].text.strip()
        organs = split_organs(text) if len(text) <= 30 and is_organ_line(text) else []
        if len(organs) != 1:
            break
        found.append(organs[0])
        i -= 1
    return found[::-1] if len(found) >= 2 else []


def _around_its_issuer_field(body: list[Para], parts: Parts, title: Part) -> bool:
    """The title printed twice around an issuers' line (关于开展…的通知 / 水利部 / 关于开展…的通知), as a law
    database opens each record it holds: the record's head, even with no number or 主送 in view."""
    above = title.start - 1
    while above >= 0 and parts.at[above] is None and not body[above].text.strip():
        above -= 1
    issuer = parts.at[above] if above >= 0 else None
    if issuer is None or issuer.kind != ISSUER_LINE or issuer.start == 0:
        return False
    first = parts.at[issuer.start - 1]
    return first is not None and first.kind == TITLE and squash(first.value) == squash(title.value)


def _continues_the_issuers(issuers: str, title: str) -> bool:
    """The title's first line finishes the issuers' line above it: 国务院办公厅、中央军委 / 办公厅关于…"""
    before = squash(title).split("关于", 1)[0]
    if not before or "关于" not in title or begins_an_organ(before):
        return False  # 安徽省人民政府 / 安徽省人民政府关于…: the title names its issuer whole
    if len(before) >= 3 and squash(issuers).endswith(before) and is_organ_line(before):
        return False  # 浠水县人民政府 / 县人民政府关于…: the 版头 over a title naming its issuer short
    return is_organ_line(issuers.strip() + before)


def _gather_below(parts: Parts, head: Head, text: str) -> None:
    """The parts set under the title (number, 题注, a rule, the page's metadata table; a 令's mark over its
    number, as law databases print a regulation: 生猪屠宰管理条例 / 中华人民共和国国务院令 / 第238号)."""
    for part in _adjacent_after(parts, head.body_start, {NUMBER, TITLE_NOTE, DIVIDER, METADATA, ISSUER_MARK}):
        if part.kind == ISSUER_MARK:
            if head.mark is not None or head.number is not None or parts.kind_at(part.end) != NUMBER:
                break
            head.mark = part
        elif part.kind == NUMBER and head.number is None:
            head.number = part
        elif part.kind == TITLE_NOTE and head.note is None:
            head.note = part
        elif part.kind == METADATA and head.metadata is None and _names(part.value, text, None, True):
            head.metadata = part.value  # a page that prints the title, then its table
        head.body_start = part.end


def _skip_chrome(body: list[Para], i: int) -> int:
    while i < len(body) and is_chrome(body[i].text):
        i += 1
    return i


def _number_in_note(body: list[Para], note: Part) -> Part | None:
    """The 令 number a 题注 names (（2023年10月23日 内蒙古自治区人民政府令第262号公布…）), or the 文号 it prints
    alone after the date (（1985年5月4日皖政〔1985〕38号）, as law databases date a notice), as a part."""
    text = body[note.start].text
    found = find_wenhao(text)
    orders = [w for w, _, _ in found if w.is_order]
    if orders:
        return Part(NUMBER, note.start, note.end, orders[0])
    dated = _DATED_NUMBER.match(squash(text))
    printed = parse_wenhao(dated.group(1)) if dated else None
    own = [w for w, _, _ in found if printed is not None and w.canonical == printed.canonical]
    return Part(NUMBER, note.start, note.end, own[0]) if own else None


# A 题注 that is a date and a 文号, nothing else: the document's own number.
_DATED_NUMBER = re.compile(r"^[（(](?:19|20)\d{2}年\d{1,2}月\d{1,2}日([^（）()，,。；]{4,30}号)[）)]$")


def _names(metadata: dict[str, str], title: str, number: Wenhao | None, first: bool) -> bool:
    """Whether a metadata block names this document: by its title or its number, or — a table that
    gives no title — by being the first title after it (`first`)."""
    named = metadata.get("名称")
    if named:
        a, b = fold(squash(named)), fold(squash(title))
        if a == b or b.startswith(a) or a.startswith(b):
            return True
    listed = parse_wenhao(metadata.get("发文字号", ""))
    if number and listed:
        return listed.canonical == number.canonical
    return not named and first


def _metadata_before(parts: Parts, at: int, reach: int = 40) -> Part | None:
    """The metadata block ending at most `reach` paragraphs above `at`, the nearest."""
    blocks = parts.of_kind(METADATA)
    k = bisect.bisect_right(parts.bounds_of(METADATA)[1], at) - 1
    return blocks[k] if k >= 0 and at - blocks[k].end <= reach else None


def _first_title_after(parts: Parts, block: Part, title: Part) -> bool:
    """Whether `title` is the first title candidate after the metadata `block`."""
    titles = parts.of_kind(TITLE)
    k = bisect.bisect_left(parts.bounds_of(TITLE)[0], block.end)
    return k < len(titles) and titles[k].start == title.start


def _after_closing(parts: Parts, at: int) -> bool:
    """Whether the paragraph before `at` ends a document (a date, a 附注, the 版记) or `at` starts the body."""
    i = at - 1
    while i >= 0 and parts.kind_at(i) == DIVIDER:
        i -= 1
    return i < 0 or parts.kind_at(i) in CLOSING


# A promulgation: 《X》已经…通过，现予公布 / 现将修订后的《X》公布，自…起施行.
_PROMULGATED = re.compile(r"(?:现予|予以|现将[^。；]{0,40}?)(?:公布|发布)|公布施行")


def _promulgated_with(parts: Parts, titled: dict[str, tuple[list[int], list[Head]]], order: Head, title: str) -> None:
    """A text a 令 promulgates together with another (《A》和《B》已经…通过，现予公布): where its title is printed
    below, it begins a document of its own, under the same 令 number and mark, dated as the 令 is. `titled`: the
    candidates by their folded title, in order (_by_title) — each 令 looks up its titles, not every candidate."""
    number = order.number
    if number is None:
        return
    starts, found = titled.get(fold(squash(title)), ([], []))
    at = bisect.bisect_right(starts, number.end)
    if at == len(found):
        return
    head = found[at]
    head.number, head.mark, head.score = number, head.mark or order.mark, max(head.score, THRESHOLD)
    head.evidence += [NUMBER, "现予公布"]
    starts, _ = parts.bounds_of(DATE)
    first = bisect.bisect_left(starts, number.end)  # the first date under the 令's number, above the text
    dated = parts.of_kind(DATE)[first] if first < len(starts) and starts[first] < head.start else None
    if dated is not None and head.note is None:
        head.note = Part(TITLE_NOTE, dated.start, dated.end, dated.value)


def _by_title(body: list[Para], candidates: list[Head]) -> dict[str, tuple[list[int], list[Head]]]:
    """The candidates by their title, folded: (their starts, them), in order of start, for bisecting."""
    titled: dict[str, tuple[list[int], list[Head]]] = {}
    for head in sorted(candidates, key=lambda h: h.start):
        starts, heads = titled.setdefault(fold(squash(_title_text(body, head))), ([], []))
        starts.append(head.start)
        heads.append(head)
    return titled


def _order_heads(body: list[Para], parts: Parts, candidates: list[Head]) -> list[Head]:
    """Heads that are not a title: a 令 (宁夏回族自治区人民政府令 第103号, then 《X》已经…通过，现予公布 — the
    title is X), a promulgation without a number before its regulation, a 题注 naming a 令 at the
    top of a fragment, and a 文号 followed by its 主送机关 (a page that left the title out)."""
    taken = {h.number.start for h in candidates if h.number}
    titled = {h.start for h in candidates}
    # the candidates by title, made when a 令 promulgates several texts (_promulgated_with)
    by_title: dict[str, tuple[list[int], list[Head]]] | None = None
    heads = []
    for part in parts.parts:
        if part.start in taken or part.start in titled:
            continue
        if part.kind == NUMBER:
            number = part.value
            mark = parts.at[part.start - 1] if part.start and parts.kind_at(part.start - 1) == ISSUER_MARK else None
            title = _promulgated_title(body, part.end)
            first = mark.start if mark else part.start
            if title is not None and ((isinstance(number, Wenhao) and number.is_order) or mark is not None):
                head = Head(first, part.end, (part.start, part.start), number=part, mark=mark, score=4)
                head.evidence, head.metadata = [NUMBER, "现予公布"], {"名称": title}
                heads.append(head)
                for other in _promulgated_titles(body, part.end)[1:]:
                    by_title = _by_title(body, candidates) if by_title is None else by_title
                    _promulgated_with(parts, by_title, head, other)
            elif isinstance(number, Wenhao) and parts.kind_at(_skip_chrome(body, part.end)) == ADDRESSEE:
                head = Head(first, part.end, (part.start, part.start), number=part, mark=mark, score=THRESHOLD)
                head.evidence = [NUMBER, ADDRESSEE]
                above = _title_above(body, parts, first)
                if above is not None:  # the page printed the title whole a little above (and cut it here)
                    head.start, head.title_at = above.start, (above.start, above.end)
                    head.evidence.append(TITLE)
                    lines = [parts.at[k] for k in range(above.end, first)]
                    head.issuers = [o for p in lines if p is not None and p.kind == ISSUER_LINE for o in p.value]
                heads.append(head)
        elif part.kind == TITLE_NOTE and part.start == 0:
            number_part = _number_in_note(body, part)
            if number_part is not None:
                head = Head(
                    part.start, part.end, (part.start, part.start), number=number_part, note=part, score=THRESHOLD
                )
                head.evidence = [TITLE_NOTE, NUMBER]
                heads.append(head)
    # 《X》已经…通过，现予公布 opening the text: X is the document (unless a head stands over it, whose text it is:
    # 某某市人民政府公告 / 第3号 / 《…征收土地方案》已经…批准，现予公布)
    headed = {c.body_start for c in candidates if c.score >= THRESHOLD or _government_announcement(body, c)}
    for i, para in enumerate(body[:3]):
        if parts.at[i] is None and i not in titled and i not in headed and _PROMULGATED.search(para.text):
            quoted = _promulgated_quote(para.text)
            if quoted and not any(h.start <= i <= h.body_start for h in heads):  # a 令's own sentence: its text
                head = Head(i, i, (i, i), metadata={"名称": _as_title(quoted.group(1))}, score=THRESHOLD)
                head.evidence = ["现予公布"]
                heads.append(head)
                break
    return heads


# The kinds a page prints alone as a title (公告 / 为了保护草原，现就相关事宜公告如下：).
_KINDS_ALONE = {"公告", "通告", "通知", "决定", "命令", "公示", "声明"}


def _kind_alone_heads(body: list[Para], parts: Parts) -> list[Head]:
    """A kind's name alone on its line right after a document's end (its signature and date), with text
    under it: the next document, titled by its kind (one page printing a 通告, then a 公告)."""
    heads = []
    for i, para in enumerate(body):
        if (
            parts.at[i] is None
            and squash(para.text) in _KINDS_ALONE
            and i + 1 < len(body)
            and (_substantive(body[i + 1].text) or body[i + 1].text.rstrip().endswith(("：", ":")))
            and _ends_a_document(body, parts, i - 1)
        ):
            heads.append(Head(i, i + 1, (i, i + 1), score=THRESHOLD, evidence=["公文种类", "前文结束"]))
    return heads


def _ends_a_document(body: list[Para], parts: Parts, k: int) -> bool:
    """Paragraph k closes a document: its 附注 or 版记, or its date under the signature (某旗人民政府 / 2019年4月22日).
    A date alone in the text (一、检查时间 / 2020年3月1日) closes nothing."""
    if parts.kind_at(k) in (NOTE, IMPRINT):
        return True
    return parts.kind_at(k) == DATE and k > 0 and (parts.kind_at(k - 1) == SIGNATURE or is_organ_line(body[k - 1].text))


def _title_above(body: list[Para], parts: Parts, at: int, reach: int = 4) -> Part | None:
    """The nearest title candidate ending at most `reach` paragraphs above `at`, with nothing substantive
    between (an issuers' line, a title cut short, chrome)."""
    for i in range(at - 1, max(-1, at - reach - 1), -1):
        part = parts.at[i]
        if part is not None and part.kind == TITLE:
            return part
        if _substantive(body[i].text):
            return None
    return None


def _promulgated_title(body: list[Para], at: int) -> str | None:
    """X of a 《X》已经…通过，现予公布 sentence in the three paragraphs from `at`."""
    titles = _promulgated_titles(body, at)
    return titles[0] if titles else None


def _promulgated_titles(body: list[Para], at: int) -> list[str]:
    """The texts a 《A》和《B》已经…通过，现予公布 sentence in the three paragraphs from `at` promulgates, in order."""
    for k in range(at, min(at + 3, len(body))):
        text = body[k].text
        quoted = _promulgated_quote(text)
        if quoted:
            titles = [quoted.group(1)]
            start = quoted.start()
            while (joined := _JOINED_BEFORE.search(text, max(0, start - 130), start)) is not None:
                titles.insert(0, joined.group(1))  # 《A》和《B》已经…: A too
                start = joined.start()
            return [_as_title(t) for t in titles]
    return []


# A quoted title joined to the next one (《A》和《B》, 《A》、《B》): the texts promulgated together.
_JOINED_BEFORE = re.compile(r"《([^《》]{4,120})》\s*(?:和|及|以及|、)\s*$")


# A quoted title is the text a sentence promulgates when the sentence says it was adopted: 《X》已经…通过 / 《X》
# 业经…批准 (right after it), …会议审议通过了《X》 / 修订后的《X》 (right before it), or 现将《X》公布 names it.
# A title the sentence cites (依照《…选举法》第五十五条的规定，…的代表资格终止，现予公布) is none of these.
_ADOPTED_AFTER = re.compile(r"\s*(?:[（(][^（()）]{0,30}[）)])?\s*(?:已经|已由|已于|业经|经|于|由)")
_ADOPTED_BEFORE = re.compile(r"(?:通过|批准|审定|修订|修正|制定|修订后的|修正后的)了?\s*$")


def _promulgated_quote(text: str) -> re.Match | None:
    """The 《X》 a sentence of `text` promulgates: quoted before 现予公布 (or inside 现将…公布) in the same sentence,
    and said to be adopted (see _ADOPTED_AFTER). A title quoted in a sentence before (按照《…通知》的要求，…进行了
    清理。) is no promulgation of it, though the next sentence says 现将清理结果公布如下."""
    for sentence in re.split(r"(?<=[。；;])", text):
        if "征求意见" in sentence:
            continue  # a draft published for comment (现将征求意见稿全文公布) is promulgated by no one
        verb = _PROMULGATED.search(sentence)
        if verb is None:
            continue
        for quoted in _QUOTED.finditer(sentence, 0, verb.end()):
            if "草案" in sentence[quoted.start() : quoted.end() + 4]:
                continue  # 《X（草案）》, 《X》草案: a draft (a 草案 named elsewhere in the sentence is no matter)
            if (
                quoted.start() >= verb.start()  # 现将修订后的《X》公布
                or _ADOPTED_AFTER.match(sentence, quoted.end(), verb.start())
                or _ADOPTED_BEFORE.search(sentence, max(0, quoted.start() - 8), quoted.start())
            ):
                return quoted
    return None


def _as_title(quoted: str) -> str:
    """A title quoted in a sentence, as printed on its own: its inner 〈〉 are 《》 again."""
    return quoted.replace("〈", "《").replace("〉", "》").replace("<", "《").replace(">", "》")


def _number_under_title_heads(
    body: list[Para], parts: Parts, toc: list[TocEntry], candidates: list[Head], warnings, name: str
) -> list[Head]:
    """A line holding nothing but a 文号 under up to three lines that read as a title (the League's
    gazette sets every document so) is a head, however its title reads; a 文号 an extractor wrapped
    onto a line of its own inside a sentence is a citation, not a head (see `_cited`)."""
    taken = {h.number.start for h in candidates if h.number}
    heads: list[Head] = []
    floor = 0
    for part in parts.parts:
        i = part.start
        if part.kind != NUMBER or i == 0 or not isinstance(part.value, Wenhao):
            continue
        if i in taken:
            floor = part.end
            continue
        j = i - 1
        collected: list[int] = []
        while j >= floor and len(collected) < 3:
            text = body[j].text
            if (
                re.search(r"[。；;：:]$", text)
                or parse_date_line(text)
                or parse_wenhao(text)
                or MASTHEAD.search(squash(text))
                or is_index_number(text)
            ):
                break
            collected.insert(0, j)
            joined = squash("".join(body[k].text for k in collected))
            if (
                _TITLE_OPENING.match(joined)
                or _ISSUER_TITLE_OPENING.match(joined)
                or any(fold(t.title) == fold(joined) for t in toc)
            ):
                break
            j -= 1
        if not collected:
            continue
        if _cited(body, collected, i, toc):
            if warnings is not None:
                warnings.append(
                    f"{name}:{body[i].line}: 单独成行的文号 {body[i].text.strip()} 在句子中间，是引用，不是新公文"
                )
            continue
        head = Head(
            collected[0], part.end, (collected[0], i), number=part, score=THRESHOLD, evidence=[NUMBER, "标题行"]
        )
        mark = _short_mark(body, parts, collected, part.end)
        if mark is not None:  # 乡村振兴局 / 兴乡振函〔2022〕7号: an abbreviated 版头 over the number, no title
            head.title_at, head.mark = (part.end, part.end), mark
        for after in _adjacent_after(parts, part.end, {TITLE_NOTE, DIVIDER}):
            head.body_start = after.end
        heads.append(head)
        floor = part.end
    return heads


def _short_mark(body: list[Para], parts: Parts, collected: list[int], below: int) -> Part | None:
    """An organ's name alone over a number (乡村振兴局 / 兴乡振函〔2022〕7号): the 发文机关标志 printed short, not
    a title. As a mark, it names the organ in full where an issuers' line below the number does (兴安盟乡村振兴局)."""
    if len(collected) != 1 or not is_organ_line(body[collected[0]].text):
        return None
    organs = split_organs(body[collected[0]].text)
    if len(organs) != 1:
        return None
    for k in range(below, min(below + 3, len(body))):
        part = parts.at[k]
        if part is not None and part.kind == ISSUER_LINE and len(part.value) == 1 and part.value[0].endswith(organs[0]):
            organs = list(part.value)
            break
    return Part(ISSUER_MARK, collected[0], collected[0] + 1, organs)


# What starts a sentence, not a title; what goes on a sentence, not a document's first line.
SENTENCE_OPENER = re.compile(
    r"^(?:为|按照|根据|依据|依照|遵照|参照|经|现将|请|对|在|结合|贯彻|落实|执行|转发|同时|并|及|和|等|与)"
)
CONTINUATION = re.compile(r"^(?:[，、。；：,;:）)》”’]|要求|精神|文件|规定|等|的)")


def _cited(body: list[Para], collected: list[int], at: int, toc: list[TocEntry]) -> bool:
    """Whether the 文号 line at `at` is a citation wrapped onto a line of its own, not a document's."""
    title = squash("".join(body[k].text for k in collected))
    if any(fold(t.title) == fold(title) for t in toc):
        return False
    printed = body[at].text.strip()
    parenthesized = printed[:1] in "(（"
    following = body[at + 1].text.strip() if at + 1 < len(body) else ""
    if CONTINUATION.match(following):
        return True  # the sentence goes on after the number
    if parenthesized and (title.endswith("》") or not doc_kind(title)):
        return True  # 《…》（国发〔2022〕22号）: a title quoted with its number
    return bool(re.search(r"[，。；,;]", title) or SENTENCE_OPENER.match(title))


def _substantive(text: str) -> bool:
    """Text a reader would miss: a sentence or a long line — not a title printed again, not chrome, not a
    news headline naming the documents below it (南京印发《关于…的实施意见》和《关于…的实施意见》: no
    punctuation a sentence has)."""
    s = text.strip()
    if "《" in s and not _SENTENCE_MARKS.search(s):
        return False
    return (len(s) >= SUBSTANTIVE or s.endswith(("。", "；"))) and not title_shape(s)


_SENTENCE_MARKS = re.compile(r"[，,。；;：:！!？?]")


def _substantive_counts(body: list[Para]) -> list[int]:
    """counts[i]: substantive paragraphs before paragraph i (so any range is asked in constant time)."""
    return [0, *accumulate(1 if _substantive(p.text) else 0 for p in body)]


def _select(body: list[Para], parts: Parts, candidates: list[Head]) -> list[Head]:
    """The heads that start documents, in order (see the module docstring)."""
    counts = _substantive_counts(body)
    chosen: list[Head] = []
    issued: set[str] = set()  # titles the open document issues, forwards or quotes
    scanned = 0  # paragraphs of the open document read for its quoted titles
    for head in candidates:
        if chosen and head.start < chosen[-1].body_start and not _printed_under(chosen[-1], head):
            continue  # inside the last head (a title candidate within a head already taken)
        if chosen:
            for k in range(max(scanned, chosen[-1].body_start), head.start):
                issued.update(fold(squash(q)) for q in _QUOTED.findall(body[k].text))
            scanned = head.start
        title = _title_text(body, head)
        if head.score < THRESHOLD:
            continue
        own_number = head.number is not None and (head.note is None or head.number.start != head.note.start)
        if chosen and not own_number and head.mark is None and not _other_metadata(body, chosen[-1], head):
            if fold(squash(title)) in issued or _follows_attachment(parts, head.start):
                continue  # the text the open document issues, or an attachment's title
        previous = chosen[-1] if chosen else None
        if previous is not None and _same_document(body, counts, previous, head):
            chosen[-1] = _merged(previous, head)
            continue
        chosen.append(head)
        issued = set()
        scanned = head.body_start
    return chosen


def _printed_under(previous: Head, head: Head) -> bool:
    """`head`'s title stands below the parts `previous` took, sharing its number: a repost's heading, the
    文号, then the document's own title (乌兰浩特市公文…细则 / 乌政办发〔2013〕11号 / …办公室关于印发…的通知)."""
    return (
        head.title_at[0] >= previous.body_start
        and head.number is not None
        and previous.number is not None
        and head.number.start == previous.number.start
    )


def _other_metadata(body: list[Para], previous: Head, head: Head) -> bool:
    """Whether `head` has a metadata table of its own: one that numbers another document than the open
    one (a 令's page whose table gives the 令's number names the regulation it promulgates)."""
    if head.metadata is None:
        return False
    listed = parse_wenhao(head.metadata.get("发文字号", ""))
    number = previous.wenhao
    if number is None and previous.number is not None:  # 国务院令 / 第707号: the mark and the line together
        mark = body[previous.mark.start].text if previous.mark else ""
        number = parse_wenhao(mark + body[previous.number.start].text)
    return listed is None or number is None or listed.canonical != number.canonical


def _metadata_heads(body: list[Para], parts: Parts, chosen: list[Head]) -> list[Head]:
    """A metadata block naming a document (its 发文字号 or 名称) that no head took, followed by the
    document's text before the next head: the document starts there, its title from the table (a
    page whose title is printed only in its table, or a fragment that begins below the title)."""
    used = {id(h.metadata) for h in chosen if h.metadata is not None}
    starts = [h.start for h in chosen]
    counts = _substantive_counts(body)
    added = []
    for part in parts.of_kind(METADATA):
        if id(part.value) in used:
            continue
        values = part.value
        if not (parse_wenhao(values.get("发文字号", "")) or values.get("名称")):
            continue
        k = bisect.bisect_left(starts, part.end)
        following = starts[k] if k < len(starts) else len(body)
        inside = bisect.bisect_right(starts, part.start) - 1
        if inside >= 0 and part.start < chosen[inside].body_start:
            continue  # the block is part of a head already taken
        if counts[following] - counts[part.end] < 2:
            continue
        head = Head(part.start, part.end, (part.end, part.end), metadata=values, score=THRESHOLD, evidence=[METADATA])
        if not values.get("名称") and title_shape(values.get("内容概述", "")):
            head.metadata = {**values, "名称": values["内容概述"]}
        added.append(head)
    if not added:
        return chosen
    return sorted(chosen + added, key=lambda h: h.start)


def _trailing_tables(body: list[Para], parts: Parts, chosen: list[Head]) -> None:
    """A metadata table a page prints after the document's end (its date, signature or 附注), before the next
    document: the document's own (a 决定 whose 文号 stands only there), read as a table above it would be."""
    blocks = parts.of_kind(METADATA)
    starts = parts.bounds_of(METADATA)[0]
    for k, head in enumerate(chosen):
        if head.metadata is not None:
            continue
        following = chosen[k + 1].start if k + 1 < len(chosen) else len(parts.at)
        b = bisect.bisect_left(starts, head.body_start)
        block = blocks[b] if b < len(blocks) and blocks[b].start < following else None
        if block is None or not any(
            parts.kind_at(i) in CLOSING for i in range(max(head.body_start, block.start - 3), block.start)
        ):
            continue
        if block.value.get("名称") and not _names(block.value, _title_text(body, head), head.wenhao, False):
            continue  # another document's table
        head.metadata, head.table_at = block.value, block.start


def _title_text(body: list[Para], head: Head) -> str:
    a, b = head.title_at
    if a == b and head.metadata:
        return head.metadata.get("名称", "")
    return "".join(p.text for p in body[a:b])


def _follows_attachment(parts: Parts, at: int) -> bool:
    i = at - 1
    while i >= 0 and parts.kind_at(i) == DIVIDER:
        i -= 1
    return i >= 0 and parts.kind_at(i) == ATTACHMENT


def _same_document(body: list[Para], counts: list[int], first: Head, second: Head) -> bool:
    """A title printed again with nothing substantive between (a page's title, then the document's)."""
    if second.start > first.body_start and counts[second.start] - counts[first.body_start]:
        return False
    # (issuers printed apart on their line, 国务院 中央军委 / 关于…, are the 国务院、中央军委 of the other printing)
    a = fold(squash(_title_text(body, first))).replace("、", "")
    b = fold(squash(_title_text(body, second))).replace("、", "")
    same_number = first.wenhao and second.wenhao and first.wenhao.canonical == second.wenhao.canonical
    return bool(a and b and (a == b or a.endswith(b) or b.endswith(a))) or bool(same_number)


def _merged(first: Head, second: Head) -> Head:
    """The later printing, with the evidence of both (the number or metadata may stand at either)."""
    second.number = second.number or first.number
    second.mark = second.mark or first.mark
    second.note = second.note or first.note
    second.metadata = second.metadata or first.metadata
    second.evidence = sorted(set(first.evidence) | set(second.evidence))
    second.score = max(first.score, second.score)
    second.lead = first.start if first.lead is None else first.lead  # the document before ends there
    return second


# Where a page's article begins (a WeChat repost's 正文 under the account's blurbs): what stands above is the page's.
_ARTICLE_LABEL = re.compile(r"正文|全文|原文|正文内容")


def sole_title_head(body: list[Para], page_metadata: dict[str, str] | None = None) -> Head | None:
    """A page without a head that prints a title with text under it — a 人大常委会's 决定 (no 文号 exists
    for it), a 会议's 办法 under its 题注, a notice reposted without its number: the title begins the one
    document: the first such title (a page prints its document's title before anything it quotes)."""
    parts = recognise(body)
    counts = _substantive_counts(body)
    # text above a title, the page's chrome not counted (时间:2022-05-24 08:42:20 来源: 某某指挥部办公室)
    texts = [0, *accumulate(1 if _substantive(p.text) and not is_chrome(p.text) else 0 for p in body)]
    addressed_at = next((k for k in range(len(body)) if parts.kind_at(k) == ADDRESSEE), len(body))
    labels = [k for k, p in enumerate(body) if len(p.text) <= 12 and _ARTICLE_LABEL.fullmatch(squash(p.text))]
    for part in parts.of_kind(TITLE):
        below = bisect.bisect_left(labels, part.start)
        article = labels[below - 1] + 1 if below else 0
        if texts[part.start] - texts[article] or addressed_at < part.start:
            return None  # the page begins inside a document (its 主送机关, its text): the title is one it issues
        kind = doc_kind(part.value) or ""
        if len(squash(part.value)) < len(kind) + 2 and not (part.start == 0 and _LETTER_SPACED.match(body[0].text)):
            continue  # 公告, 通知: a kind's name alone says nothing of a document, but set as a title ('公 告') it is one
        head = _candidate(body, parts, part, set(), page_metadata)
        if counts[len(body)] - counts[head.body_start] < 1:
            continue  # nothing under it: a heading, a list's entry
        _trailing_tables(body, parts, [head])
        return head
    return None


# A document's own closing clause (本决定自公布之日起施行。): a text holding one is a document, however short.
_IN_FORCE = re.compile(
    r"^本(?:决定|办法|规定|细则|通知|意见|通告|公告|条例|规则|方案)自[^。；]{1,30}(?:施行|执行|生效)。?$"
)
_LETTER_SPACED = re.compile(r"^\s*[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,5}\s*$")

MIN_UNTITLED = 3  # substantive paragraphs a text without any head needs to be kept as one document


def _signed_at_the_end(body: list[Para]) -> bool:
    """A text that ends with its issuer's name over its date (国务院办公厅 / 2021年4月21日), a page's tools after
    them aside: a document's end, however little of the text above it the page kept."""
    k = len(body) - 1
    while k >= 0 and (not body[k].text.strip() or is_page_tool(body[k].text)):
        k -= 1
    if k < 1 or not any(_substantive(p.text) for p in body[:k]):
        return False
    dated = parse_date_line(body[k].text)
    return dated is not None and not dated[1] and is_organ_line(body[k - 1].text)


def untitled_head(body: list[Para]) -> Head | None:
    """A text with no head at all — a fragment that begins below its title, a page that lost it — kept
    as one document when it reads as one: an addressee in its first lines, or several paragraphs."""
    parts = recognise(body[:12])
    first = next(
        (
            i
            for i, p in enumerate(body)
            if (_substantive(p.text) and parts.kind_at(i) != METADATA) or parts.kind_at(i) == ADDRESSEE
        ),
        None,
    )
    if first is None:
        return None
    addressed = any(parts.kind_at(i) == ADDRESSEE for i in range(min(len(body), 12)))
    in_force = any(_IN_FORCE.match(squash(p.text)) for p in body)
    # a 题注 over the text naming the meeting that adopted it ((2021年3月17日…会议通过) / 经…审议，决定批准…): a
    # 决议 or 决定 whose title the page lost, dated by its 题注
    noted = parts.at[0] if parts.kind_at(0) == TITLE_NOTE and parts.at[0] is not None else None
    adopted = noted is not None and bool(_ADOPTED.search("".join(p.text for p in body[noted.start : noted.end])))
    if (
        not addressed
        and not in_force
        and not adopted
        and not _signed_at_the_end(body)
        and sum(1 for p in body if _substantive(p.text)) < MIN_UNTITLED
    ):
        return None
    if adopted and noted is not None:
        return Head(0, noted.end, (0, 0), note=noted, score=0, evidence=["无标题", TITLE_NOTE])
    if first and _LETTER_SPACED.match(body[0].text) and doc_kind(squash(body[0].text)) == squash(body[0].text):
        # 公 告 / 通 告 set alone over the text: the kind's name, letter-spaced, is the title printed
        return Head(0, 1, (0, 1), score=0, evidence=["无标题"])
    start = next((i for i in range(first) if parts.kind_at(i) == ADDRESSEE), first)
    if start and SPEAKER.match(squash(body[start - 1].text)):
        start -= 1  # a report whose title is lost begins at its speaker's line (包头市人民政府市长 某某某 / 各位代表：)
    # a metadata table above the text (索引号 | … | 发布机构 | 石哈河镇 | 成文日期 | 2024-06-24) is this document's
    table = next((p for p in reversed(parts.of_kind(METADATA)) if p.end <= start), None)
    return Head(start, start, (start, start), score=0, evidence=["无标题"], metadata=table.value if table else None)
