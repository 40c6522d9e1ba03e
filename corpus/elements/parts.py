"""The parts of an official document (GB/T 9704-2012 党政机关公文格式), recognised paragraph by paragraph.

Every 公文 is laid out the same way: the 版头 (发文机关标志 such as 兴安盟行政公署文件, the 发文字号 —
or for a 令 its number, 第707号 — and 签发人), the 主体 (标题, 主送机关, 正文, 附件说明, 发文机关署名,
成文日期, 附注 such as （此件公开发布）, 附件) and the 版记 (抄送, 印发机关和印发日期). Gazettes and web
pages reprint them with a 题注 under the title instead of the 版头 — （2023年10月23日 内蒙古自治区人民政府令
第262号公布）— and 政府信息公开 pages put a table of metadata (索引号, 发文字号, 成文日期 …) above them.

Each part has a small recogniser with `test()` (a cheap look at one paragraph) and `run()` (reads the
paragraphs from there, at most a few, and returns the Part or None), kept in a registry by priority, in
the style of Python-Markdown's block processors. `recognise` runs them over a document's paragraphs: a
paragraph is claimed by the first recogniser, in priority order, whose `run` returns a part; paragraphs
no recogniser claims are text. corpus.records.heads then finds where documents start from where several
parts agree. Every recogniser looks at a bounded number of paragraphs, so recognising is linear.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..dates import parse_compact_date, parse_date, parse_date_line, parse_spaced_date
from ..organs import begins_an_organ, doc_kind, is_organ_line, split_organs
from ..text import squash
from ..wenhao import parse_wenhao
from .metablock import read_metadata_block
from .numbering import ATTACHMENT_HEADING, starts_clause
from .paragraphs import Para, join_title

# The parts, named as GB/T 9704 names them.
ISSUER_MARK = "发文机关标志"
NUMBER = "发文字号"  # a 文号 line, or a 令's number (第707号, 国务院令 第707号)
TITLE = "标题"
ISSUER_LINE = "标题机关"  # the issuers' names set on a line of their own above 关于… (not a part of its own in the
#                           standard, where they begin the title; kept apart so a signature is not taken for one)
TITLE_NOTE = "题注"  # （2005年12月20日）, （2023年10月23日 …令第262号公布，自…起施行） under a title
DIVIDER = "分隔线"  # —— or a rule under a title or between 版头 and 主体
ADDRESSEE = "主送机关"
SIGNATURE = "发文机关署名"
DATE = "成文日期"
NOTE = "附注"  # （此件公开发布）
ATTACHMENT_NOTE = "附件说明"  # 附件：1. …
ATTACHMENT = "附件"  # 附件 / 附件 2 opening an attachment
COPY_TO = "抄送机关"
IMPRINT = "印发机关和印发日期"
METADATA = "元数据"  # a 政府信息公开 metadata table flattened into lines


@dataclass(frozen=True)
class Part:
    """A recognised part: paragraphs [start, end) of the list it was recognised in, and its value."""

    kind: str
    start: int
    end: int
    value: Any = None  # a Wenhao for 发文字号, a date, a list of organs, the metadata dict …


@dataclass
class Parts:
    """The parts recognised in a list of paragraphs: `at[i]` is the part paragraph i belongs to."""

    paras: Sequence[Para]
    parts: list[Part] = field(default_factory=list)
    at: list[Part | None] = field(default_factory=list)
    _by_kind: dict[str, list[Part]] = field(default_factory=dict, repr=False)
    _bounds: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict, repr=False)

    def kind_at(self, i: int) -> str | None:
        part = self.at[i] if 0 <= i < len(self.at) else None
        return part.kind if part else None

    def of_kind(self, kind: str) -> list[Part]:
        """The parts of one kind, in order (kept, so looking them up stays linear over a document)."""
        cached = self._by_kind.get(kind)
        if cached is None:
            cached = self._by_kind[kind] = [p for p in self.parts if p.kind == kind]
        return cached

    def bounds_of(self, kind: str) -> tuple[list[int], list[int]]:
        """(starts, ends) of the parts of one kind, in order, for bisecting."""
        cached = self._bounds.get(kind)
        if cached is None:
            found = self.of_kind(kind)
            cached = self._bounds[kind] = ([p.start for p in found], [p.end for p in found])
        return cached


class Recogniser:
    """Recognises one part of a document at a paragraph (see the module docstring)."""

    kind: ClassVar[str] = ""

    def test(self, text: str) -> bool:
        """A cheap look at one paragraph's text: could the part start here?"""
        raise NotImplementedError

    def run(self, paras: Sequence[Para], i: int) -> Part | None:
        """The part starting at paragraph i (reading at most a few paragraphs), or None."""
        raise NotImplementedError


# --- shapes ---------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？；;!?]")
_OPENS_SENTENCE = re.compile(
    r"^(?:为|按照|根据|依据|依照|遵照|参照|经|现将|请|各|对|在|结合|贯彻|落实|执行|同时|并|及|和|等|与|以|由|如|凡|本)"
)
MAX_TITLE = 160  # characters: the longest real titles hold a quoted title of their own
TITLE_LINES = 4  # lines a title may be set over
_ORDER_LINE = re.compile(r"^[（(]?\s*第\s*[0-9０-９]{1,5}\s*号\s*[）)]?$")
_PROMULGATES = re.compile(r"(?:现予|予以)(?:公布|发布)|(?:公布|发布)施行")  # a 令's sentence: 《…》已经…通过，现予公布
_ISSUER_MARK = re.compile(r"^(?P<organs>\S.{1,60}?)\s*(?:文件|文\s*件)$")
_TITLE_NOTE = re.compile(r"^[（(].{0,80}?(?:19|20)\d{2}\s*年.{0,120}[）)]$")
_DIVIDER = re.compile(r"^[\-—─━_=＝－―·.\s]{2,}$")
_PUBLIC_MARK = re.compile(r"^[（(](?:此件|本件)[^）)]{0,12}[）)]$")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[：:]")
_COPY_TO = re.compile(r"^抄\s*送\s*[：:]")
_SIGNER = re.compile(r"签\s*发\s*人\s*[：:]\s*\S{2,8}")
# What a web page's chrome holds and a title never does: labels with colons, links, times, menus.
_CHROME = re.compile(
    r"[:：>|@【】]|www|https?|\d{1,2}:\d{2}|来源|浏览|作者|发布时间|发布日期|打印|位置|首页|分享|阅读|点击|下载|字体|收藏|扫一扫|返回|关闭|顶部"
)
# A website's column name printed over the document (规范性文件 / 关于印发…的通知): a label, never a title's
# first line nor a title of its own.
_SECTION_LABEL = re.compile(
    r"(?:行政)?规范性文件|(?:政策|政府|部门|其他|法规|重要|最新|本级|上级)文件|文件通知|通知公告|公示公告|公告公示"
    r"|政策法规|政策解读|政府令|政府规章|部门规章|政府信息公开|信息公开|法定主动公开内容|政府公报|正文|全文"
)
# A title quoting a title in ASCII angle brackets (《关于印发<…方案>的通知》): its > is no breadcrumb's.
_ANGLED = re.compile(r"<[^<>]{1,120}>")


def _chrome_in(text: str) -> bool:
    return bool(_CHROME.search(_ANGLED.sub("〈〉", text) if "<" in text else text))


_INDEX_NUMBER = re.compile(r"[0-9A-Za-z\-]{4,40}/\d{4}-\d{3,}")  # 索引号 000014349/2018-00206, the value alone
_DIGITS_ONLY = re.compile(r"(?:19|20)\d{5,6}日?")
_LISTING = re.compile(r"[,，].*[,，]")
_CHROME_WORDS = re.compile(r"来源|浏览|作者|发布时间|发布日期|打印|字体|分享|阅读|点击|收藏|扫一扫")
_ADDRESSEE_WORDS = re.compile(
    r"各|人民政府|行政公署|部门|单位|机构|办公厅|办公室|委员会|局|厅|委|办|军区|党委|企业|院"
    r"|牧场|农场|林场|公司|中心|学校|协会|嘎查|村民委员会|居民委员会"  # 兴安盟国有某某牧场：(a 征地 notice's addressee)
)


def _squashed(text: str) -> str:
    return squash(text)


# What mirrors and aggregators add around a title: the province in parentheses before it, (全文) after it —
# (内蒙古)2022年正蓝旗人民政府工作报告(全文).
_DECORATION = re.compile(
    r"^[（(][\u4e00-\u9fff]{2,4}[）)]\s*(?=\S)|\s*[（(](?:附?全文|原文|图文|图解|附图|附解读|含解读|附件)[）)]$"
)


# A reply titled by what it answers, under its issuer's line: 兴安盟某某局 / 对盟政协第十届第一次会议第0026号 /
# 提案的答复 (对 opens sentences, but a sentence never ends in 的答复 without its full stop).
_REPLY = re.compile(r"^对[^，,；;：:]{2,80}的(?:答复|批复|复函)$")


def undecorated(title: str) -> str:
    """`title` without a mirror's decorations (see _DECORATION)."""
    return _DECORATION.sub("", title) if title[:1] in "(（" or title[-1:] in ")）" else title


def title_shape(text: str) -> bool:
    """Does `text` (one paragraph, or a title's lines joined) read as a document's title?

    A title names a kind of 公文 or of issued text at its end (…的通知, …管理办法（试行）) and holds no
    sentence: no 。！？；, not opening as a sentence does, no numbering at its start.
    """
    s = undecorated(_squashed(text)).rstrip("—－-")
    if not 4 <= len(s) <= MAX_TITLE or _SENTENCE_END.search(s) or s.endswith(("：", ":")):
        return False
    if starts_clause(text.strip()) or (_OPENS_SENTENCE.match(s) and not _REPLY.match(s)) or s[0] in '《“‘"(（':
        return False
    if parse_date_line(s) or parse_wenhao(s):
        return False
    return doc_kind(_SERIAL.sub("", s)) is not None


# A 通告's or 令's serial after its title (…办公室通告(第1号), 禁火令 (2025年第2号)): the title still ends in its kind.
_SERIAL = re.compile(r"[（(](?:(?:19|20)\d{2}年)?第?[0-9０-９]{1,4}号[）)]$")


_HAN = re.compile(r"[\u4e00-\u9fff]")


# --- recognisers --------------------------------------------------------------------------------------


class NumberRecogniser(Recogniser):
    """发文字号: a line holding a 文号 (兴署发〔2022〕6号, （内政发〔2023〕12号）), maybe with 签发人, or a 令's
    number (第707号, 中华人民共和国国务院令 第707号, 河北省人民政府令〔2010〕第15号)."""

    kind = NUMBER

    def test(self, text: str) -> bool:
        return "号" in text and len(text) <= 80

    def run(self, paras, i):
        text = paras[i].text.strip()
        signer = _SIGNER.search(text)
        if signer:  # 兴署发〔2022〕6号    签发人：苏和
            text = (text[: signer.start()] + text[signer.end() :]).strip()
        number = parse_wenhao(text)
        if number is not None:
            return Part(self.kind, i, i + 1, number)
        if _ORDER_LINE.match(squash(text)):  # 第707号 alone: the 令 line is above it, or the title is
            return Part(self.kind, i, i + 1, squash(text).strip("（）()"))
        return None


class IssuerMarkRecogniser(Recogniser):
    """发文机关标志: 兴安盟行政公署文件, 中共乌兰察布市委 乌兰察布市人民政府文件; or 国务院令 over a 令's number."""

    kind = ISSUER_MARK

    def test(self, text: str) -> bool:
        s = squash(text)
        return s.endswith(("文件", "令")) and len(s) <= 64

    def run(self, paras, i):
        text = paras[i].text.strip()
        s = squash(text)
        if s.endswith("令"):
            organs = split_organs(re.sub(r"^中华人民共和国", "", s[:-1]))
            if organs and i + 1 < len(paras) and _ORDER_LINE.match(squash(paras[i + 1].text)):
                return Part(self.kind, i, i + 1, organs)
            return None
        if _SECTION_LABEL.fullmatch(s):
            return None  # 政府文件, 部门文件: a website's column, not an issuer's mark
        match = _ISSUER_MARK.match(text)
        organs = split_organs(match["organs"]) if match else []
        return Part(self.kind, i, i + 1, organs) if organs else None


class _Texts(Sequence[str]):
    """The paragraphs' texts as a sequence, without copying them (a recogniser runs at every paragraph)."""

    def __init__(self, paras: Sequence[Para]):
        self.paras = paras

    def __len__(self) -> int:
        return len(self.paras)

    def __getitem__(self, i):
        return self.paras[i].text


class MetadataRecogniser(Recogniser):
    """元数据: a 政府信息公开 table flattened into lines (索引号：…, 发文字号 / 鄂府发〔2025〕1号 …)."""

    kind = METADATA

    def test(self, text: str) -> bool:
        return len(text) <= 400

    def run(self, paras, i):
        found = read_metadata_block(_Texts(paras), i)
        if found is None:
            return None
        end, values = found
        return Part(self.kind, i, end, values)


_PROMULGATED_ON = re.compile(r"((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[^，,；;。\d]{0,40}?令[^，,；;。]{0,12}?公布")


_SPOKEN_ON = re.compile(
    r"^[—－\-]{0,2}((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)在[^。；，,]{2,80}?(?:上|时)(?:的(?:讲话|报告))?$"
)


# The occasion a report or speech was given at, printed without its date (——在科右前旗第十八届人民代表大会第三次
# 会议上), the date on the next line in parentheses ((2024年3月12日)) or nowhere.
_OCCASION = re.compile(r"^[—－\-]{1,2}在[^。；，,]{2,80}?(?:会议|大会)上(?:的(?:讲话|报告))?$")


class TitleNoteRecogniser(Recogniser):
    """题注: a parenthesized line with a date under a title: （2005年12月20日）, （2023年10月23日 内蒙古自治区
    人民政府令第262号公布，自2023年12月1日起施行）, (2022年1月4日行署第3次常务会议审议通过)."""

    kind = TITLE_NOTE

    def test(self, text: str) -> bool:
        s = text.strip()
        return s[:1] in "（(—－-12"

    def run(self, paras, i):
        text = paras[i].text.strip()
        end = i + 1
        if text[:1] in "12" and (bare := _bare_notes(paras, i)) is not None:
            return bare
        if text[:1] in "（(" and text[-1:] not in "）)":
            # a 题注 wrapped onto a second line: (2011 年 1 月 22 日内蒙古自治区第十一届人民代表大会 / 第四次会议通过)
            after = paras[i + 1].text.strip() if i + 1 < len(paras) else ""
            if not (after[-1:] in "）)" and not re.search(r"[（(]", after) and len(text) + len(after) <= 200):
                return None
            text, end = text + after, i + 2
        spoken = _SPOKEN_ON.match(squash(text))
        if spoken:  # ——2024年1月22日在九原区第十八届人民代表大会第三次会议上: a report's or speech's date
            day = parse_date(spoken.group(1))
            return Part(self.kind, i, i + 1, day) if day else None
        if _OCCASION.match(squash(text)):
            after = paras[i + 1].text.strip() if i + 1 < len(paras) else ""
            day = parse_date(squash(after)[1:-1]) if _TITLE_NOTE.match(after) else None
            return Part(self.kind, i, i + 2, day) if day else Part(self.kind, i, i + 1, None)
        if not _TITLE_NOTE.match(text):
            return None
        inner = squash(text)[1:-1]
        date = parse_date(inner)
        if date is None:
            # a 令's regulation is dated by its promulgation (…通过 2001年12月10日…令第332号公布), not the meeting
            promulgated = _PROMULGATED_ON.search(inner)
            head = promulgated or re.match(r"((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)", inner)
            date = parse_date(head.group(1)) if head else None
        return Part(self.kind, i, end, date) if date else None


# A 题注 printed without its parentheses (a law database's: 1949年10月18日…第一次会议通过), or whose opening one and
# whose date's 年 and 月 a page's font lost (202184日宿州市第五届人民代表大会 / 常务委员会第三十一次会议通过)): a date,
# the meeting, and what it did, with no sentence's punctuation.
_BARE_NOTE = re.compile(
    r"^(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|(?:19|20)\d{4,6}日)"
    r"[^，,。；;：:！？!?（(）)]{2,120}?(?:通过|批准|修订|修正)[）)]?$"
)
_BARE_NOTES = 4  # a text's history: adopted, then revised, each on its own line or two


def _bare_note(paras, i) -> tuple[int, datetime.date] | None:
    """A 题注 without parentheses at paragraph i, on one line or two: (end, date)."""
    text = squash(paras[i].text)
    if not text[:1].isdigit() or len(text) > 130:
        return None
    end = i + 1
    match = _BARE_NOTE.match(text)
    if match is None and i + 1 < len(paras) and len(squash(paras[i + 1].text)) <= 60:
        match, end = _BARE_NOTE.match(text + squash(paras[i + 1].text)), i + 2
    if match is None:
        return None
    printed = match["date"]
    day = parse_date(printed) if "月" in printed else parse_compact_date(printed)
    return (end, day) if day else None


def _bare_notes(paras, i) -> Part | None:
    """One or more 题注 without parentheses from paragraph i: the text's latest version dates it."""
    found = _bare_note(paras, i)
    if found is None:
        return None
    end, day = found
    for _ in range(_BARE_NOTES - 1):
        more = _bare_note(paras, end) if end < len(paras) else None
        if more is None:
            break
        end, day = more[0], max(day, more[1])
    return Part(TITLE_NOTE, i, end, day)


class DateRecogniser(Recogniser):
    """成文日期 (2022年1月4日, 一九九六年六月二十九日), or with 印发 after it: the 印发日期 of the 版记."""

    kind = DATE

    def test(self, text: str) -> bool:
        return (
            "日" in text
            or "-" in text
            or _DIGITS_ONLY.fullmatch(text.strip()) is not None
            or (len(text) <= 16 and parse_spaced_date(text) is not None)
        )

    def run(self, paras, i):
        parsed = parse_date_line(paras[i].text)
        if parsed is None and i > 0 and (compact := parse_compact_date(paras[i].text)) is not None:
            # under the issuer's name, a date whose 年 and 月 the converter dropped (东宁市人民政府办公室 / 2018525);
            # asked in this order: most lines are no such date, and is_organ_line is the costlier question
            parsed = (compact, False) if is_organ_line(paras[i - 1].text) else None
        if parsed is None and i > 0 and (spaced := parse_spaced_date(paras[i].text)) is not None:
            # under the signature or its 附注, a date whose 年月日 a font lost ({ 2017 6 23)
            above = paras[i - 1].text
            parsed = (spaced, False) if _PUBLIC_MARK.match(squash(above)) or is_organ_line(above) else None
        if parsed is None:
            return None
        day, printed = parsed
        return Part(IMPRINT if printed else self.kind, i, i + 1, day)


class ImprintRecogniser(Recogniser):
    """印发机关和印发日期: 兴安盟行政公署办公室 2022年1月5日印发 (the last line of a document)."""

    kind = IMPRINT
    _LINE = re.compile(r"^(?P<organ>\S.{1,40}?)\s+(?P<date>\S.{5,20}?)\s*印\s*发$")

    def test(self, text: str) -> bool:
        return text.rstrip().endswith("发")

    def run(self, paras, i):
        match = self._LINE.match(paras[i].text.strip())
        if not match:
            return None
        day = parse_date(match["date"])
        return Part(self.kind, i, i + 1, day) if day and split_organs(match["organ"]) else None


class CopyToRecogniser(Recogniser):
    """抄送机关: 抄送：盟委各部门，…"""

    kind = COPY_TO

    def test(self, text: str) -> bool:
        return text.lstrip().startswith("抄")

    def run(self, paras, i):
        return Part(self.kind, i, i + 1) if _COPY_TO.match(paras[i].text.strip()) else None


class NoteRecogniser(Recogniser):
    """附注: （此件公开发布）, （此件主动公开）."""

    kind = NOTE

    def test(self, text: str) -> bool:
        return "件" in text and len(text) <= 24

    def run(self, paras, i):
        return Part(self.kind, i, i + 1) if _PUBLIC_MARK.match(squash(paras[i].text)) else None


class AttachmentNoteRecogniser(Recogniser):
    """附件说明: 附件：1. …"""

    kind = ATTACHMENT_NOTE

    def test(self, text: str) -> bool:
        return text.lstrip().startswith("附")

    def run(self, paras, i):
        text = paras[i].text.strip()
        if ATTACHMENT_HEADING.match(text):
            return Part(ATTACHMENT, i, i + 1)
        return Part(self.kind, i, i + 1) if _ATTACHMENT_NOTE.match(text) else None


class DividerRecogniser(Recogniser):
    """分隔线: —— under a title, a rule between 版头 and 主体."""

    kind = DIVIDER

    def test(self, text: str) -> bool:
        return len(text.strip()) <= 80

    def run(self, paras, i):
        return Part(self.kind, i, i + 1) if _DIVIDER.match(paras[i].text.strip()) else None


class TitleRecogniser(Recogniser):
    """标题: one to four lines that read as a title together, with the issuers' line set above 关于… kept
    as a part of its own (标题机关) just before it. A line of organs alone before a date is a signature."""

    kind = TITLE

    def test(self, text: str) -> bool:
        return len(text) <= MAX_TITLE + 20 and not _SENTENCE_END.search(text)

    def run(self, paras, i):
        text = paras[i].text
        # a line without Chinese (The Beginning, a page's Latin chrome) begins no title
        if paras[i].table or MASTHEAD.search(squash(text)) or _chrome_in(text) or not _HAN.search(text):
            return None
        if _SECTION_LABEL.fullmatch(squash(text)) or is_index_number(text):
            return None
        if is_organ_line(text):
            organs = self._organs(paras, i)
            if organs is not None:
                return organs  # else the names run on into a title on the next lines
        best = None
        for lines in range(1, TITLE_LINES + 1):
            if i + lines > len(paras) or any(p.table for p in paras[i : i + lines]):
                break
            last = paras[i + lines - 1].text
            if lines > 1 and (_another_part(last) or _chrome_in(last) or _order_mark(paras, i + lines - 1)):
                break
            if lines > 1 and _SECTION_LABEL.fullmatch(squash(last)):
                break  # a website's column name (政府文件) under a line of the page's tools begins no title
            if lines > 1 and _LISTING.search(text):
                break  # a line listing words (a mirror's keywords: 国产…,国产…,…) begins no title
            if lines > 1 and _starts_own_title(last) and _begins_anew(last, paras[i + lines - 2].text, best):
                break  # a new title begins (…人民政府关于…), not the rest of a name broken over lines
            if best is not None and is_organ_line(last):
                break  # a title, then an issuers' line: the line begins the next title
            joined = join_title([p.text for p in paras[i : i + lines]])
            if len(squash(joined)) > MAX_TITLE or (lines > 1 and _SENTENCE_END.search(paras[i + lines - 1].text)):
                break
            if lines > 1 and (_two_titles(joined) or _repeats(paras, i, lines)):
                break
            if title_shape(joined):
                best = Part(self.kind, i, i + lines, joined)  # the longest: a title line may end in 制度
        return best

    def _organs(self, paras, i):
        """An issuers' line: 标题机关 when a title follows, 发文机关署名 when a date does."""
        organs = split_organs(paras[i].text)
        if not organs:
            return None
        after = paras[i + 1].text if i + 1 < len(paras) else ""
        if _ORDER_LINE.match(squash(after)) and any(_PROMULGATES.search(p.text) for p in paras[i + 2 : i + 4]):
            # 吉林省长春市人民政府 / 第63号 / (a date) / 《…》…现予发布施行: a law database's issuer field over a 令's number,
            # the words 人民政府令 lost — the 令's mark, as 长春市人民政府令 would be. Only over the 令's own
            # sentence: an office over a 公告's number (某某局 / 第3号 / 关于…的公告) issues no 令
            return Part(ISSUER_MARK, i, i + 1, organs)
        if (
            parse_date_line(after)
            or parse_compact_date(after)
            or (i + 2 < len(paras) and is_organ_line(after) and parse_date_line(paras[i + 2].text))
        ):
            return Part(SIGNATURE, i, i + 1, organs)
        if after and (squash(after).startswith(("关于", "对", "转发", "批转", "印发")) or title_shape(after)):
            return Part(ISSUER_LINE, i, i + 1, organs)
        return Part(SIGNATURE, i, i + 1, organs) if i + 1 >= len(paras) or is_organ_line(after) else None


# Who gives a report or speech, under its title: an organ, the post, the name (区人民政府区长 刘小平).
SPEAKER = re.compile(
    r"^(?P<organ>[\u4e00-\u9fff]{0,20}?(?:人民政府|行政公署|政府|委员会))(?:代|常务副|副)?(?:[\u4e00-\u9fff]{1,2}长|主席|主任)"
    r"[\u4e00-\u9fff·]{2,6}$"
)


# A line of a gazette's masthead or running head: its name, its year, its 期 (never part of a title); a
# yearbook's volume (2002卷, which reprints the year before's reports).
MASTHEAD = re.compile(
    r"^[\u4e00-\u9fff]{2,30}(?:公报|政报)|^(?:19|20)\d{2}\s*[年卷]?$|第\s*\d{1,3}\s*(?:[-—－~]\s*\d{1,3}\s*)?期"
    r"|总第\s*\d{1,4}\s*期"
)


def _another_part(text: str) -> bool:
    """A line that is a part of its own and never a title's continuation: a date, a number, a note …"""
    s = squash(text)
    return bool(
        MASTHEAD.search(s)
        or parse_date_line(s)
        or parse_wenhao(s)
        or _ORDER_LINE.match(s)
        or _DIGITS_ONLY.fullmatch(s)
        or _INDEX_NUMBER.fullmatch(s)
        or _PUBLIC_MARK.match(s)
        or _COPY_TO.match(s)
        or _ATTACHMENT_NOTE.match(s)
        or ATTACHMENT_HEADING.match(s)
        or _DIVIDER.match(text.strip())
        or starts_clause(text.strip())
        or s.endswith(("：", ":"))
        or (s[:1] in "（(" and _TITLE_NOTE.match(s))
    )


def _order_mark(paras, k: int) -> bool:
    """Paragraph k is a 令's mark over its number (中华人民共和国国务院令 / 第238号): never a title's last line,
    though 令 ends it as it ends a title."""
    return (
        k + 1 < len(paras)
        and squash(paras[k].text).endswith("令")
        and bool(_ORDER_LINE.match(squash(paras[k + 1].text)))
    )


def is_index_number(text: str) -> bool:
    """A 索引号's value alone on its line (000014349/2018-00206): never part of a title."""
    return bool(_INDEX_NUMBER.fullmatch(squash(text)))


def is_chrome(text: str) -> bool:
    """A short line of a web page's chrome (发布时间：…, 来源：…, 打印本页), never a document's text."""
    s = text.strip()
    if s.endswith(("。", "；")):  # a sentence
        return False
    if s.endswith(("：", ":")):  # an addressee, unless the line names several of a page's fields (来源:… 浏览次数:)
        return len(s) <= 80 and len(_CHROME_WORDS.findall(s)) >= 2
    return len(s) <= 80 and _chrome_in(s)


# The tools a web page prints after its document, each line nothing but them: 扫一扫在手机打开当前页, 打印本页,
# 关闭窗口, 【我要纠错】, 责任编辑：…, 分享到…, 【字体：大 中 小】 (a page saved as a PDF keeps them).
_PAGE_TOOL = re.compile(
    r"^(?:扫一扫在手机打开当前页|【?(?:打印本页|打印|关闭窗口|关闭|我要纠错|收藏本页|收藏|字体[：:]?[大中小]?)】?"
    r"|[大中小]】?|责任编辑[：:]\S{1,10}|分享到[：:]?\S{0,20})$"
)


def is_page_tool(text: str) -> bool:
    """A line of a web page's tools (扫一扫在手机打开当前页, 打印本页 关闭窗口): after a document's last part it is
    the page's, not the document's (narrower than is_chrome: 抄送：… and 联系人：… end documents)."""
    words = text.split()
    return 0 < len(text) <= 80 and all(_PAGE_TOOL.match(word) for word in words)


_ISSUER_THEN_ABOUT = re.compile(r"^[\u4e00-\u9fff、 ]{2,60}?关于")


def _starts_own_title(text: str) -> bool:
    """A line that begins a title of its own (…人民政府关于…): never the continuation of the line above."""
    if text.lstrip().startswith(("、", "，")):
        return False  # 、乌兰察布市人民政府关于…: the names above go on
    match = _ISSUER_THEN_ABOUT.match(text.strip())
    return bool(match and is_organ_line(match.group(0)[:-2]))


def _begins_anew(line: str, previous: str, best) -> bool:
    """Whether `line` (…关于… after issuers' names) begins a title of its own rather than finishing the
    names above it: after a complete title it does; so it does when its names open as a new organ's
    (安徽省人民政府 / 安徽省人民政府关于…), unless the line above broke off inside a name (中共兴安盟委员会、兴 /
    安盟行政公署关于…). 国务院办公厅、中央军委 / 办公厅关于… and 内蒙古自治区 / 人民政府 / 办公厅关于… go on."""
    if best is not None:
        return True
    names = squash(line).split("关于", 1)[0]
    text = previous.strip()
    broken = bool(re.fullmatch("[\u4e00-\u9fff、]{1,40}", text)) and not is_organ_line(text)
    return begins_an_organ(names) and not broken


def _two_titles(joined: str) -> bool:
    """Two titles run together (a page title, then the document's): 关于 twice outside quotes (a quote
    still open at the end of the lines joined so far counts as a quote)."""
    depth = count = 0
    for i, ch in enumerate(joined):
        if ch in "《〈“":
            depth += 1
        elif ch in "》〉”" and depth:
            depth -= 1
        elif ch == "关" and depth == 0 and joined.startswith("关于", i):
            count += 1
    return count > 1


def _repeats(paras, i, lines) -> bool:
    """The last line begins the title above again (a page prints its title twice)."""
    last = squash(paras[i + lines - 1].text)
    return bool(last) and squash(paras[i].text).startswith(last[:8])


class AddresseeRecogniser(Recogniser):
    """主送机关: 各旗县市人民政府，盟直有关部门： (a line of organs ending with a colon)."""

    kind = ADDRESSEE

    def test(self, text: str) -> bool:
        return text.rstrip().endswith(("：", ":", "∶"))

    def run(self, paras, i):
        s = squash(paras[i].text)[:-1]
        if not 2 <= len(s) <= 200 or _SENTENCE_END.search(s) or starts_clause(paras[i].text.strip()):
            return None
        if _OPENS_SENTENCE.match(s) and not s.startswith("各") and not is_organ_line(s):
            return None  # 对…、经…: a sentence; 和静县人民政府 (a place opening as 和 does) is an organ
        if is_chrome(paras[i].text):  # 来源:…办公室 发布时间:… 浏览次数: 【字体:
            return None
        return Part(self.kind, i, i + 1) if _ADDRESSEE_WORDS.search(s) else None


# Priority order: the most specific first. A 文号 line is never a title; a metadata block is read
# before its labelled lines could look like anything else.
REGISTRY: list[tuple[int, Recogniser]] = sorted(
    [
        (100, MetadataRecogniser()),
        (90, NumberRecogniser()),
        (85, IssuerMarkRecogniser()),
        (80, DateRecogniser()),
        (75, ImprintRecogniser()),
        (70, CopyToRecogniser()),
        (65, NoteRecogniser()),
        (60, AttachmentNoteRecogniser()),
        (55, TitleNoteRecogniser()),
        (50, DividerRecogniser()),
        (40, AddresseeRecogniser()),
        (30, TitleRecogniser()),
    ],
    key=lambda item: -item[0],
)


def recognise(paras: Sequence[Para], registry: list[tuple[int, Recogniser]] = REGISTRY) -> Parts:
    """The parts of `paras` (see the module docstring)."""
    found = Parts(paras, [], [None] * len(paras))
    i = 0
    while i < len(paras):
        text = paras[i].text
        part = None
        for _, recogniser in registry:
            if recogniser.test(text):
                part = recogniser.run(paras, i)
                if part is not None:
                    break
        if part is None:
            i += 1
            continue
        found.parts.append(part)
        for k in range(part.start, part.end):
            found.at[k] = part
        i = part.end
    return found
