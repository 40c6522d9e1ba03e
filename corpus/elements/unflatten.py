"""Documents flattened onto one line, cut back into paragraphs.

List pages (政策文件 lists, search results) and some reposts print a whole document on one line: its
paragraphs separated by a run of spaces, or by one space after a sentence's end —

    鄂尔多斯市人民政府关于…的通知, 鄂府发〔2025〕8号 各旗区人民政府,…: 《…》已经…,请认真组织实施。 鄂尔多斯市人民政府
    2025年3月21日 鄂尔多斯市区域合作深化行动方案 为全面贯彻…制定本方案。 一、以互助共进为基础创新市域合作 (一)…

A long line with that signature is cut where a paragraph ended (a run of spaces; a space after 。；：
or a colon), around a 文号 at its head, before a signature and its date, and before numbering
(一、 （一） 第一条). Each piece keeps the line number of the line it came from. Chinese prose puts no
spaces after its punctuation, so a line of an ordinary document never has the signature; table rows
are left alone. One pass over each long line: linear.
"""

from __future__ import annotations

import re

from ..dates import parse_date_line
from ..organs import is_organ_line
from ..text import squash
from ..wenhao import find_wenhao
from .paragraphs import Para
from .parts import title_shape

LONG = 80  # characters: a shorter line is left as it is
_RUN = re.compile(r"[ \u3000\xa0]{3,}")
_AFTER_END = re.compile(r"(?<=[。；！？：:;!?])[ \u3000\xa0]+(?=\S)")
# Both start at the first blank of a run and the signing office at a character that is not one: tried at
# every blank of a run, with the office free to hold blanks, one run of 120 spaces cost 1.2 s (its length cubed).
_BEFORE_NUMBERING = re.compile(
    r"(?<![ \u3000\xa0])[ \u3000\xa0]+"
    r"(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十百]{1,4}[章条]))"
)
_SIGNED = re.compile(
    r"(?<![ \u3000\xa0])[ \u3000\xa0]+(?P<organ>[\u4e00-\u9fff、][\u4e00-\u9fff、 ]{3,39}?)[ \u3000\xa0]+"
    r"(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?=[ \u3000\xa0]|$)"
)
MIN_SIGNS = 3  # paragraph breaks a line must show to be taken for a flattened document
_SERIAL_AFTER = re.compile(r"[ \u3000\xa0]*[（(](?:(?:19|20)\d{2}年)?第?\d{1,4}号[）)](?=[ \u3000\xa0])")


def _flattened(text: str) -> bool:
    if len(text) <= LONG:
        return False
    signs = len(_RUN.findall(text)) + len(_AFTER_END.findall(text))
    # a space before numbering (… 一、切实加强…) or after a title (…的通知 各旗市区人民政府…) is a paragraph's break too,
    # and so is a signature set with its date at the line's end (…法律责任。 南平市延平区人民政府 2025年1月8日)
    signs += len(_BEFORE_NUMBERING.findall(text)) + bool(_title_at_head(text))
    return signs + (signs < MIN_SIGNS and _signed_at_end(text)) >= MIN_SIGNS


def _signed_at_end(text: str) -> bool:
    tail = text[-80:]
    return any(is_organ_line(m["organ"]) for m in _SIGNED.finditer(tail))


def _title_at_head(text: str) -> int | None:
    """Where a title opening the line ends, when a space follows it (…的通知 各旗市区人民政府,…)."""
    space = text.find(" ", 4, 200)
    return space if space > 0 and title_shape(text[:space]) else None


def _cuts(text: str) -> list[int]:
    """Where the line's paragraphs begin (offsets), without 0."""
    cuts = set()
    for pattern in (_RUN, _AFTER_END, _BEFORE_NUMBERING):
        for m in pattern.finditer(text):
            cuts.add(m.end())
    for m in _SIGNED.finditer(text):
        if is_organ_line(m["organ"]):
            cuts.add(m.start("organ"))
            cuts.add(m.start("date"))
            cuts.add(m.end("date"))
    # a title opening a piece (the text a notice issues, after its date): 鄂尔多斯市…行动方案 为全面贯彻…
    for cut in sorted(cuts):
        space = text.find(" ", cut + 4, cut + 80)
        if space > 0 and title_shape(text[cut:space]):
            cuts.add(space)
    head = _title_at_head(text)
    if head is not None:
        cuts.add(head)
        serial = _SERIAL_AFTER.match(text, head)  # 某某禁火令 (2025年第2号) 我区…: the title's serial on its own
        if serial is not None:
            cuts.add(serial.end())
    # the head: a 文号 within the first part of the line stands on a line of its own
    for _, start, end in find_wenhao(text[: LONG + 60])[:1]:
        before = text[:start].rstrip(" \u3000\xa0,，")
        cuts.add(len(before) if before else start)
        cuts.add(end)
    return sorted(c for c in cuts if 0 < c < len(text))


def _number_then_text(text: str) -> int | None:
    """Where a 文号 opening a line ends, when a run of spaces follows it (a list page's entry:
    鄂府任字〔2024〕4号   各旗区人民政府,市人民政府各...)."""
    found = find_wenhao(text[:60])
    if not found:
        return None
    _, start, end = found[0]
    if text[:start].strip() or not _RUN.match(text, end) or not text[end:].strip():
        return None
    return end


# The 主送机关 run on after a 文号 at a line's head, the text after its colon (汕府办[2015]29号各县(市、区)人民政府,
# 市政府各部门、各直属机构:现将…): a reprint that lost the document's line breaks.
_ADDRESSEES_RUN_ON = re.compile(r"各[^。；;：:]{2,80}?[：:](?=\S)")


def _number_then_addressees(text: str) -> list[int]:
    """Where a 文号 opening a line ends and where the 主送机关 run on after it end: [] unless both."""
    found = find_wenhao(text[:40])
    if not found:
        return []
    _, start, end = found[0]
    addressees = _ADDRESSEES_RUN_ON.match(text, end)
    if text[:start].strip() or addressees is None:
        return []
    return [end, addressees.end()]


# A news item reposting a document after 全文如下: on one line: the document's title runs on into its 主送机关.
_IN_FULL = re.compile(r"(?:全文|原文|通知全文|内容)如下[：:]")
_TITLE_THEN_ADDRESSEES = re.compile(
    r"[^。；;！？!?：:]{4,150}?的(?:通知|决定|意见|批复|通报|公告|通告|函|报告|复函)(?=各[^。；;：:]{2,80}?[：:])"
)


def _reposted_in_full(text: str) -> list[int]:
    """Where a repost's lead ends (…全文如下:), where the document's title ends and where its 主送机关 end,
    on a line that holds them all run together; [] unless all three are there."""
    marker = _IN_FULL.search(text)
    if marker is None:
        return []
    title = _TITLE_THEN_ADDRESSEES.match(text, marker.end())
    addressees = _ADDRESSEES_RUN_ON.match(text, title.end()) if title else None
    if title is None or addressees is None or not title_shape(title.group(0)):
        return []
    return [marker.end(), title.end(), addressees.end()]


_CLOSES = {"（": "）", "(": ")", "[": "]", "【": "】"}


def _title_then_number(text: str) -> int | None:
    """Where a title ends when its 文号 is set after it on the same line, as reposts print it:
    关于…的通知（岳办发〔2017〕2号）, 关于…的通知 兴署发〔2022〕3号. None unless the rest of the line is
    that one 文号 and the text before it reads as a title."""
    if len(text) > 260 or "号" not in text[-4:]:
        return None
    found = find_wenhao(text[-60:])
    if not found:
        return None
    _, start, end = found[-1]
    offset = len(text) - len(text[-60:])
    start, end = start + offset, end + offset
    tail = text[end:].strip()
    before = text[:start].rstrip(" \u3000\xa0")
    opened = before[-1:] if before else ""
    if opened in _CLOSES:
        if tail != _CLOSES[opened]:
            return None
        before = before[:-1].rstrip(" \u3000\xa0")
    elif tail:
        return None
    if not before or not title_shape(before):
        return None
    return len(before)


_GAP = re.compile(r"[ \u3000\xa0]{2,}")


def _signed_then_dated(text: str) -> int | None:
    """Where the signature ends when the date is set on its line after a run of spaces, as a page
    right-aligning both prints them (国 务 院          一九八九年十二月十七日): the names before the last gap
    are organs and what follows it is a date alone."""
    if len(text) > 120 or "日" not in text[-3:]:
        return None
    # one space will do on a short line (陆丰市人民政府 2019年1月21日, a forum's reflowed signature)
    gaps = list((_GAP if len(text.strip()) > 40 else _SPACE).finditer(text.strip()))
    if not gaps:
        return None
    stripped = text.strip()
    gap = gaps[-1]
    organ, date = stripped[: gap.start()], stripped[gap.end() :]
    if all(len(word) == 1 for word in organ.split()):
        organ = organ.replace(" ", "")  # 国 务 院: a name letter-spaced
    if not organ or not is_organ_line(organ) or parse_date_line(date) is None:
        return None
    return text.index(stripped) + gap.start()


_QUOTED = re.compile(r"^《(?P<title>[^《》]{4,160})》$")


def _number_then_quoted_title(text: str) -> int | None:
    """Where a 文号 ends when a mirror's heading glues the title in 《》 to it: 筑府办发〔2018〕10号《…的通知》."""
    if "《" not in text[:40] or not text.rstrip().endswith("》"):
        return None
    found = find_wenhao(text[:40])
    if not found:
        return None
    _, start, end = found[0]
    rest = text[end:].strip()
    if text[:start].strip() or not _QUOTED.match(rest) or not title_shape(rest[1:-1]):
        return None
    return end


_SPACE = re.compile(r"[ \u3000\xa0]+")


def _number_then_title(text: str) -> int | None:
    """Where a 文号 ends when a page's heading sets the title after it, a space between (盘政发〔2010〕22号
    盘锦市人民政府关于…的决定, as a 信息公开 page's 标题 prints it over the body)."""
    found = find_wenhao(text[:40])
    if not found:
        return None
    _, start, end = found[0]
    gap = _SPACE.match(text, end)
    if text[:start].strip() or gap is None or not title_shape(text[gap.end() :]):
        return None
    return end


# A 附注 and the date set on one line, right-aligned after a run of spaces: (此件发至乡)          2017年6月13日
_MARK_THEN_DATE = re.compile(r"^[（(]此件[^（）()]{1,16}[）)](?=[ \u3000\xa0]{2,}(?P<date>\S.{4,20})$)")


def _mark_then_dated(text: str) -> int | None:
    """Where a 附注 (此件发至乡) ends when the signing date follows it on its line."""
    match = _MARK_THEN_DATE.match(text.strip())
    if match is None or parse_date_line(match["date"]) is None:
        return None
    return text.index(match.group(0)) + match.end()


# A 题注 with a date opening a line, the text run on after a run of spaces: (1985年5月4日皖政〔1985〕38号)  根据…
_NOTE_THEN_TEXT = re.compile(
    r"^[（(][^（）()]{0,20}?(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[^（）()]{0,80}[）)](?=[ \u3000\xa0]{2,}\S)"
)


def _note_then_text(text: str) -> int | None:
    """Where a 题注 opening a line ends when the text's first paragraph is run on after it."""
    match = _NOTE_THEN_TEXT.match(text)
    return match.end() if match else None


# a text has begun at its first sentence or at a line ending in a colon (its 主送机关, 决定废止下列文件：)
_TEXT_BEGUN = re.compile(r"[。；！？]|[：:]\s*$")


def _unquoted_title(text: str) -> str | None:
    """A title set alone in 《》 on its line, as mirrors print a document's name over it: the title."""
    match = _QUOTED.match(text.strip())
    return match["title"] if match and title_shape(match["title"]) else None


def unflatten(paras: list[Para]) -> list[Para]:
    """`paras` with every flattened line cut into its paragraphs (see the module docstring); a short line
    holding two parts (a title and its 文号, a signature and its date) cut in two."""
    out: list[Para] = []
    begun = False  # the text begun: below, a line in 《》 is a text the document cites, kept as printed
    for para in paras:
        if para.table:
            out.append(para)
            continue
        heading, begun = not begun, begun or _TEXT_BEGUN.search(para.text) is not None
        if (heading and (run_on := _number_then_addressees(para.text))) or (run_on := _reposted_in_full(para.text)):
            at = 0
            for end in [*run_on, len(para.text)]:
                out.append(Para(para.line, para.text[at:end].strip()))
                at = end
            continue
        if not _flattened(para.text):
            cut = _number_then_text(para.text)
            # 文号《…》 cut in two only at a page's head: in a text, it is a line of a list (废止下列文件：);
            # so is 文号 title (a page's heading): in a text, a 文号 opening a line opens its sentence
            heads = (_number_then_quoted_title, _number_then_title) if heading else ()
            rules = (_title_then_number, _signed_then_dated, _mark_then_dated, _note_then_text) + heads
            for rule in rules:
                if cut is None:
                    cut = rule(para.text)
            pieces = (
                [para]
                if cut is None
                else [Para(para.line, para.text[:cut].strip()), Para(para.line, para.text[cut:].strip())]
            )
            for kept in pieces:
                title = _unquoted_title(kept.text) if heading and kept.text.lstrip().startswith("《") else None
                out.append(kept if title is None else Para(kept.line, title))
            continue
        text = para.text
        start = 0
        for cut in _cuts(text) + [len(text)]:
            piece = text[start:cut].strip(" \u3000\xa0,，")
            if squash(piece):
                out.append(Para(para.line, piece))
            start = cut
    return out
