"""One document of an issue: metadata, repaired cover note, body and clauses."""

from __future__ import annotations

import datetime
import hashlib
import re

from ..dates import parse_compact_date, parse_date_line, parse_spaced_date
from ..elements.numbering import ATTACHMENT_HEADING, find_marker, starts_clause
from ..elements.paragraphs import Para, ends_open, is_roster_line, join_broken_lines, join_title
from ..elements.parts import SPEAKER as _SPEAKER
from ..elements.parts import undecorated
from ..models import Document
from ..offices import SHIPPED_REGISTRY, OfficeRegistry
from ..organs import (
    begins_an_organ,
    doc_kind,
    is_organ_line,
    is_unplaced,
    placed_by_code,
    places,
    split_organs,
    without_province,
)
from ..text import fold, squash
from ..wenhao import Wenhao, citations_in, parse_wenhao
from .clauses import split_clauses
from .heads import Head
from .tables import document_tables

# Printed office names → the canonical office, longest first (corpus/offices.json "names").
OFFICE_NAMES = list(SHIPPED_REGISTRY.names)
ISSUING = re.compile(r"关于(?:印发|转发|公布|颁布)《?(?P<issued>.+?)》?的(?:通知|决定)$")
PUBLIC_MARK = re.compile(r"^[（(]此件公开发布[）)]$")
_CLOSING_RUN_ON = re.compile(r"[。；](?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)[ \u3000]{0,4}[（(]此件公开发布[）)]$")
ATTACHMENT_LIST = re.compile(r"^附\s*件\s*[：:]\s*(?P<first>.*)$")
LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*")
SENTENCE_START = re.compile(r"^(?:经[^，,。]{0,12}[，,]\s*)?现将")
SIGNATURE_OFFICE = re.compile(r"^(内蒙古|中国人民解放军|兴安盟|军分区)[\u4e00-\u9fff]{0,16}$")


def offices_in(text: str, registry: OfficeRegistry = SHIPPED_REGISTRY) -> list[str]:
    """Canonical offices named in a title prefix such as 内蒙古兴安盟行政公署中国人民解放军内蒙古兴安军分区."""
    found: list[str] = []
    rest = squash(text)
    while rest:
        for printed, canonical in registry.names:
            if rest.startswith(printed):
                if canonical not in found:
                    found.append(canonical)
                rest = rest[len(printed) :]
                break
        else:
            rest = rest[1:]
    return found


# A signature: an issuing body's name alone on a line (鄂尔多斯市人民政府, 某某旗人民政府办公室).
SIGNATURE_NAME = re.compile(
    r"^[\u4e00-\u9fff]{2,30}(?:人民政府|行政公署|办公室|办公厅|委员会|人民代表大会常务委员会|局|厅|委|办|院|军分区)$"
)


# a line ending in an issuing body's name (the signature, maybe run on to the sentence above it)
_SIGNED_ABOVE = re.compile(r"(?:人民政府|行政公署|办公室|办公厅|委员会|局|厅|委|办|院)$")


# The page's own posting line above the text (发布时间:2020-01-26, 日期：2024-12-03 14:28): no document on
# the page was signed after it.
_POSTED = re.compile(r"(?:发布时间|发布日期|时间|日期)[：:]\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_POSTING_REACH = 6  # paragraphs from the top a page prints its posting line within


def _posted_on(body: list[Para]) -> datetime.date | None:
    for para in body[:_POSTING_REACH]:
        match = _POSTED.search(para.text)
        if match:
            try:
                return datetime.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


def _signing_date(body: list[Para], k: int, posted: datetime.date | None = None):
    """The date paragraph k prints, as parse_date_line reads it, or a date whose 年 and 月 a converter dropped
    under the signature (东宁市人民政府办公室 / 2018525), or whose 年月日 a font lost under the signature or
    its 附注 (（此件公开发布） / { 2017 6 23)."""
    text = body[k].text
    parsed = parse_date_line(text)
    if parsed is None and k and text.strip()[:1] in "0123456789{[【(（<":
        above = squash(body[k - 1].text)
        signed = bool(_SIGNED_ABOVE.search(above))
        if signed and (compact := parse_compact_date(text, posted)) is not None:
            parsed = (compact, False)
        elif (signed or PUBLIC_MARK.match(above)) and (spaced := parse_spaced_date(text)) is not None:
            parsed = (spaced, False)
    return parsed


_SENTENCE = re.compile(r"[。；！？]")


def _page_dated(body: list[Para]) -> frozenset[int]:
    """Dates above the text's first sentence when another stands below it: the page's (a 信息公开 strip whose
    labels were lost prints the posting organ and date under the title), not the document's signing; and
    dates under a label of their own (Published / 2025-05-09, 发布时间 / 2024-01-02)."""
    first_sentence = next((k for k, p in enumerate(body[:40]) if _SENTENCE.search(p.text)), None)
    dated = [
        k
        for k in range(len(body))
        if len(body[k].text) <= 40 and (parsed := parse_date_line(body[k].text)) and not parsed[1]
    ]  # a date line is short: a long paragraph is never squashed to learn it
    labelled = {k for k in dated if k and _DATE_LABEL.search(squash(body[k - 1].text))}  # Published / 2025-05-09
    if first_sentence is None:
        return frozenset(labelled)
    above = [k for k in dated if k < first_sentence]
    return frozenset(labelled | (set(above) if above and any(k > first_sentence for k in dated) else set()))


# A page's label over a date it prints on the next line: its posting or updating, never a signing.
# (at the end of the line above the date, maybe run on to an English line: …Autonomous Region.Published)
_DATE_LABEL = re.compile(
    r"(?:^|[^\u4e00-\u9fff])(?:(?:发布|公开|更新|上传|发表|录入|生成)?(?:时间|日期)[：:]?|Published|Updated|Date|Posted)$",
    re.IGNORECASE,
)


def signature_offices(body: list[Para], registry: OfficeRegistry = SHIPPED_REGISTRY) -> list[str]:
    """Offices signing above the first signing date, for documents whose title names none (关于…的通知)."""
    page_dated = _page_dated(body)
    date_at = next(
        (
            i
            for i, p in enumerate(body)
            if i not in page_dated and (parsed := parse_date_line(p.text)) and not parsed[1]
        ),
        None,
    )
    if date_at is None:
        return []
    found: list[str] = []
    for para in reversed(body[max(0, date_at - 3) : date_at]):
        name = squash(para.text)
        if not SIGNATURE_NAME.match(name):
            break
        here = offices_in(name, registry) or [name]
        found = [office for office in here if office not in found] + found
    return found


def doc_type_of(title: str | None) -> str | None:
    """The kind of 公文 (or of issued text) a title names (corpus.organs.doc_kind), its serial aside."""
    return doc_kind(_SERIAL.sub("", title.strip())) if title else doc_kind(title)


def document_id(
    wenhao: Wenhao | None, year: int | None, title: str, registry: OfficeRegistry = SHIPPED_REGISTRY
) -> str:
    if wenhao:
        slug = registry.slug_of_code(wenhao.code)
        return f"{slug}-{wenhao.year}-{wenhao.number}" if slug else wenhao.slug
    digest = hashlib.sha1(f"{year}|{squash(title)}".encode()).hexdigest()[:10]
    return f"doc-{digest}"


def scheme_of(text: str) -> str | None:
    marker = find_marker(text)
    return marker.scheme if marker else None


def is_date_para(text: str) -> bool:
    return parse_date_line(text) is not None or parse_compact_date(text) is not None


def is_meta_para(text: str) -> bool:
    """Lines that are complete by themselves and must never be joined to a neighbour."""
    if is_date_para(text):
        return True
    squashed = squash(text)  # once, for the three tests below that compare without white space
    return (
        bool(PUBLIC_MARK.match(squashed))
        or parse_wenhao(text) is not None
        or bool(ATTACHMENT_LIST.match(text.split("\n")[0]))
        or bool(ATTACHMENT_HEADING.match(text))
        or squashed.endswith("文电科")
        or bool(SIGNATURE_OFFICE.match(squashed))
        or bool(_SPEAKER.match(squashed))
    )


def parse_document(
    title_paras: list[Para],
    wenhao_para: Para | None,
    body: list[Para],
    *,
    issue_id: str,
    source: str,
    issue_year: int | None,
    registry: OfficeRegistry = SHIPPED_REGISTRY,
    head: Head | None = None,
) -> Document:
    title = _title(title_paras, head)
    wenhao = _number(wenhao_para, head)
    issued = ISSUING.search(title)  # on the joined title: spaces around numbers stay as printed
    issued_title = issued.group("issued").strip() if issued else None

    body = _repair_cover_note(body, issued_title)
    body = _merge_attachment_list(body)
    body = _restore_displaced_tail(body)
    body = join_broken_lines(body, starts_clause, is_meta_para, _standalone_lines(body, issued_title, title), scheme_of)

    date = printed_date = None
    date_line = None
    public = False
    page_dated = _page_dated(body)
    posted = _posted_on(body)
    for k, para in enumerate(body):
        parsed = _signing_date(body, k, posted)
        if parsed:
            day, printed = parsed
            if printed and printed_date is None:
                printed_date = day
            elif not printed and date is None and k not in page_dated:
                date, date_line = day, para.line
        elif PUBLIC_MARK.match(squash(para.text)):
            public = True
        elif (closing := _CLOSING_RUN_ON.search(para.text)) is not None:
            # a list page's item: the whole text on one line, ending …工作。2025年3月17日 (此件公开发布)
            public = True
            if date is None and (parsed := parse_date_line(closing.group("date"))) and not parsed[1]:
                date, date_line = parsed[0], para.line

    if date is None and head is not None and head.note is not None:
        date = head.note.value  # （2005年12月20日）under the title: the gazette's 成文日期
        date_line = head.note.start  # an index into the body the head was found in: made a line below
        if date is None:  # ——在…会议上 without its date: the date in parentheses under the speaker's line
            for para in body[:2]:
                inner = squash(para.text)
                if inner[:1] in "（(" and inner[-1:] in "）)" and (parsed := parse_date_line(inner[1:-1])):
                    date, date_line = parsed[0], para.line
                    break
    offices, offices_from = _offices(title, wenhao, body, head, registry)

    own = wenhao.canonical if wenhao else None
    body_text = "\n".join(p.text for p in body)
    citations = citations_in(body_text, own)

    doc_id = document_id(wenhao, issue_year, title, registry)
    doc = Document(
        id=doc_id,
        issue_id=issue_id,
        source=source,
        line=title_paras[0].line if title_paras else (body[0].line if body else 0),
        title=title,
        wenhao=(wenhao_para.text.strip() if wenhao_para and wenhao_para.text.strip() != "" else None)
        if wenhao
        else None,
        wenhao_normalized=own,
        offices=offices,
        doc_type=doc_type_of(title),
        issued_type=doc_type_of(issued_title),
        issued_title=issued_title,
        date=date,
        printed_date=printed_date,
        public=public,
        attachments=_attachments(body),
        addressee=_addressee(body),
        body=body_text,
        citations=citations,
    )
    doc.clauses = split_clauses(doc_id, body, _unheaded_attachments(body, doc.attachments), is_meta_para)
    doc.tables = document_tables(body)
    doc.provenance = _provenance(title_paras, wenhao_para, head, date_line, offices_from)
    return doc


def _provenance(
    title_paras: list[Para], wenhao_para: Para | None, head: Head | None, date_line: int | None, offices_from: str
) -> dict[str, str]:
    """Where each field was read (lines of the source file), and which parts agreed on the document."""
    out: dict[str, str] = {}
    if title_paras:
        out["标题"] = f"第{title_paras[0].line}行"
    elif head is not None and head.metadata and head.metadata.get("名称"):
        out["标题"] = "元数据" if "现予公布" not in head.evidence else "公布语"
    if wenhao_para is not None:
        out["发文字号"] = f"第{wenhao_para.line}行"
    if date_line is not None and (head is None or head.note is None or date_line != head.note.start):
        out["成文日期"] = f"第{date_line}行"
    elif head is not None and head.note is not None:
        out["成文日期"] = "题注"
    out["发文机关"] = offices_from
    if head is not None and head.evidence:
        out["依据"] = "、".join(head.evidence)
    return out


# What a title's issuers are followed by: 关于 (关于…的通知), 转发/批转/印发 (国务院办公厅转发民政部…), 对 (…对
# 第4626号提案的答复); a run of organs before one of them is who issued the document.
# 贯彻/落实 open a title as 关于 does (浙江省人民政府贯彻国务院关于…的实施意见: the province issues it).
_ISSUER_END = re.compile(r"关于|转发|批转|印发|对|贯彻|落实")
# 令 codes that name a national issuer by its short form (国令, 主席令): the issuer as printed in full.
_NATIONAL_ISSUERS = {"国": ["国务院"], "主席": ["中华人民共和国主席"]}
# What a 令's issuer is shortened to on a reprint (政府令〔2010〕第15号): the issuers' line says whose.
_GENERIC_ISSUERS = {"政府", "市政府", "省政府", "区政府", "县政府", "人民政府", "府"}
# A report titled by who reports and the year it covers (某某局2025年政府信息公开工作年度报告), as every office
# publishes one a year: the organ before the year.
_REPORTING_ORGAN = re.compile(
    r"^(?!关于|转发|批转|印发)([\u4e00-\u9fff]{2,30}?(?:办公室|办公厅|人民政府|行政公署|委员会|局|厅|中心))(?=(?:19|20)\d{2}年)"
)  # not 关于某某局2022年工作情况的报告: a report about the office, its writer signs it
_LEADING_ORGAN = re.compile(
    r"^(?!关于|转发|批转|印发)([\u4e00-\u9fff]{2,20}?(?:人民政府|行政公署)(?:办公厅|办公室)?)(?=[\u4e00-\u9fff]{2})"
)


# A 通告, 公告 or 令 titled by its issuer alone (某某县疫情防控工作指挥部办公室通告, 某某市人民政府令), maybe with
# its serial after it ((第1号), (2025年第2号)).
_ANNOUNCING_ORGAN = re.compile(r"^(?!关于|转发|批转|印发)([\u4e00-\u9fff]{4,40}?)(?:通告|公告|命令)$")
_SERIAL = re.compile(r"[（(](?:(?:19|20)\d{2}年)?第?[0-9０-９]{1,4}号[）)]$")

UNTITLED = "（无标题）"


def _title(title_paras: list[Para], head: Head | None) -> str:
    """The title as printed, over its lines: the issuers' line above 关于… kept (as printed, its joint
    issuers' separator too), a trailing —— dropped; a 令's title from its promulgation sentence; for a
    text that prints none, the table's 名称 (filled later) or （无标题）."""
    if not title_paras:
        named = (head.metadata or {}).get("名称", "") if head else ""
        return named or UNTITLED
    lines = [p.text.strip() for p in title_paras]
    if len(lines) > 1 and is_organ_line(lines[0]):
        title = re.sub(r"\s+", " ", without_province(lines[0])) + join_title(lines[1:])
    else:
        title = join_title(lines)
    title = undecorated(re.sub(r"\s*[—－\-]{2,}$", "", title).strip())
    issuers = (head.mark.value if head.mark is not None else None) or head.issuers if head is not None else None
    if issuers and _ISSUER_END.match(title):
        title = (
            "、".join(issuers) + title
        )  # 关于… under 贵州省国土资源厅文件 (or its issuers' line): cited with its issuer
    return title


def _number(wenhao_para: Para | None, head: Head | None) -> Wenhao | None:
    """The document's 文号 or 令 number: a 令's number printed alone (第707号) takes its issuer from the
    发文机关标志 above it (中华人民共和国国务院令)."""
    if head is not None and head.number is not None:
        value = head.number.value
        if isinstance(value, Wenhao):
            if value.is_order and value.code[:-1] in _GENERIC_ISSUERS and head.issuers:
                return Wenhao(head.issuers[0] + "令", value.year, value.number)  # 政府令 under 河北省人民政府
            return value
        if head.mark is not None and head.mark.value:
            return parse_wenhao(f"{head.mark.value[0]}令{value}")
        return None
    return parse_wenhao(wenhao_para.text) if wenhao_para else None


def _offices(
    title: str, wenhao: Wenhao | None, body: list[Para], head: Head | None, registry: OfficeRegistry
) -> tuple[list[str], str]:
    """Who issued the document, and where that was read: the organs its title opens with, else its
    令's issuer, the 发文机关标志, the issuers' line above the title, its 代字 (the office registry), the
    organ a regulation's title opens with, the signature above its date."""
    issuer_end = _ISSUER_END.search(title)
    printed = title[: issuer_end.start()].strip() if issuer_end else ""
    prefix = squash(printed)
    named = split_organs(printed, registry) if printed else []
    if not named and prefix:
        named = offices_in(prefix, registry)
    if head is not None and head.masthead and (not named or _place_of_all(prefix, head.masthead)):
        return list(head.masthead), "版头"  # 常德市关于…的通告 under 常德市公安局 / 常德市林业局 / …: those organs
    if named:
        if len(named) == 1 and is_unplaced(named[0]):
            return [_placed(named[0], wenhao, body, registry)], "标题"
        return _completed_by_signature(named, body, registry), "标题"
    if wenhao is not None and wenhao.is_order:
        issuer = wenhao.code[:-1]
        named = _NATIONAL_ISSUERS.get(issuer) or split_organs(issuer, registry)
        if not named and head is not None and head.issuers:
            return list(head.issuers), "标题机关"  # 政府令〔2010〕第15号, 沈政令 under the issuers' line
        return named or [issuer], "令号"
    if head is not None and head.mark is not None and head.mark.value:
        return list(head.mark.value), "发文机关标志"
    if head is not None and head.issuers:
        return [_as_titled(organ, title) for organ in head.issuers], "标题机关"
    # a joint 文号 (联发) names no single office by its 代字
    if wenhao is not None and not registry.is_joint(wenhao.code) and registry.offices_of_code(wenhao.code):
        return list(registry.offices_of_code(wenhao.code)), "发文字号代字"
    if prefix:
        return _completed_by_signature([prefix], body, registry), "标题"
    leading = _LEADING_ORGAN.match(squash(title))  # 镇巴县人民政府工作规则: a regulation named after its issuer
    if leading:
        return _completed_by_signature([leading.group(1)], body, registry), "标题"
    announcing = _ANNOUNCING_ORGAN.match(_SERIAL.sub("", squash(title)))  # 某某指挥部办公室通告(第1号)
    # an ad hoc body's name may hold 的 (新型冠状病毒感染的肺炎疫情防控工作指挥部), which no standing organ's does
    if announcing and begins_an_organ(announcing.group(1)) and is_organ_line(announcing.group(1).replace("的", "")):
        return _completed_by_signature([announcing.group(1)], body, registry), "标题"
    reporting = _REPORTING_ORGAN.match(squash(title))  # 兴安盟行署外事办公室2025年政府信息公开工作年度报告
    if reporting and title.endswith("报告"):
        return [reporting.group(1)], "标题"
    speaker = next((m for p in body[:3] if (m := _SPEAKER.match(squash(p.text)))), None)
    if speaker is not None:  # 正蓝旗人民政府代旗长 刘晓敏 under a report's title: the government reports
        return [speaker.group("organ")], "报告人"
    return signature_offices(body, registry), "署名"


def _place_of_all(prefix: str, organs: list[str]) -> bool:
    """Whether a title's issuer is only the place each of the 版头's organs belongs to (常德市 of 常德市公安局 …)."""
    return bool(prefix) and not is_organ_line(prefix) and all(o.startswith(prefix) and o != prefix for o in organs)


def _as_titled(organ: str, title: str) -> str:
    """An issuers' line abbreviating the organ its text's title names in full (广东省深圳市人大常委会 over
    深圳市人民代表大会常务委员会听证条例): the organ as the title names it."""
    full = organ.replace("人大常委会", "人民代表大会常务委员会")
    return full if full != organ and squash(title).startswith(full) else organ


def _placed(organ: str, wenhao: Wenhao | None, body: list[Para], registry: OfficeRegistry) -> str:
    """An organ its own gazette prints without its place (市人民政府关于…, 省人民政府关于…): as signed under the text
    (津市市人民政府), else as the office map names its 代字 (内政办发 → 内蒙古自治区人民政府办公厅; a publisher's
    offices.json may name its own), else as a province's 代字 names it (鄂政发〔2018〕26号: 湖北省人民政府)."""
    coded = list(registry.offices_of_code(wenhao.code)) if wenhao is not None else []
    for named in (signature_offices(body, registry), coded, _source_government(body)):
        if len(named) == 1 and places(named[0], organ):
            return named[0]
    return placed_by_code(organ, wenhao.code) if wenhao is not None else organ


# The page's source line (来源: 苏州市人民政府办公室): the government whose office posted the text.
_SOURCE = re.compile(
    r"来源[：:]\s*(?P<government>[\u4e00-\u9fff]{2,20}?(?:人民政府|行政公署))(?:办公室|办公厅)?(?![\u4e00-\u9fff])"
)


def _source_government(body: list[Para]) -> list[str]:
    """The government a page's source line names (or whose office it names), among its first paragraphs."""
    for para in body[:_POSTING_REACH]:
        match = _SOURCE.search(para.text)
        if match:
            return [match["government"]]
    return []


def _completed_by_signature(named: list[str], body: list[Para], registry: OfficeRegistry) -> list[str]:
    """A title's issuer printed short of its organ (佛山市高明区明城镇关于…的通知), signed in full under the text
    (佛山市高明区明城镇人民政府): the organ as signed. A whole organ in the title stays as printed, unless the
    signature is that organ with its city before it (延平区人民政府 signed 南平市延平区人民政府)."""
    if len(named) != 1:
        return named
    signed = signature_offices(body, registry)
    if len(signed) != 1:
        return named
    if SIGNATURE_NAME.match(named[0]):
        # 延平区人民政府森林防火禁火令 signed 南平市延平区人民政府: the same organ, its city before it
        prefix = signed[0][: -len(named[0])] if signed[0].endswith(named[0]) else ""
        return signed if _CITY.fullmatch(prefix) else named
    if signed[0].startswith(named[0]) and signed[0][len(named[0]) :] in _GOVERNMENT_ORGANS:
        return signed
    return named


_CITY = re.compile(r"[\u4e00-\u9fff]{1,6}(?:市|盟|州|地区)")


# What a place printed alone as a title's issuer (某某镇关于…) is the government of. A sub-office signing under
# it (某某县关于…的决定 signed 某某县人民政府办公室) is no fuller name of the issuer: the title's place stays.
_GOVERNMENT_ORGANS = ("人民政府", "行政公署")


def _standalone_lines(body: list[Para], issued_title: str | None, title: str = "") -> frozenset[int]:
    """The issued document's title, the document's own title printed again in its text (a 令's page: the
    promulgation, then the regulation under its title), each attachment's title: headings without a
    number, never joined to the sentence under them; and the signature, organs alone on their lines over
    the date, never run on to the line above it (联系电话：…, 邮箱：…@qq.com end no sentence)."""
    keep = set()
    own = {fold(squash(t)) for t in (issued_title, title) if t}
    closed = None  # where a closing formula (特此通告) stood: the short lines under it sign and date the text
    for i, para in enumerate(body):
        if _CLOSING_FORMULA.fullmatch(squash(para.text)):
            keep.add(i)
            closed = i
        elif closed is not None and i - closed <= MAX_SIGNATURE_LINES + 1 and _SHORT_LINE.fullmatch(squash(para.text)):
            keep.add(i)  # 鹤庆县…疫情 / 防控工作指挥部办公室 / 2020126: a signature over two lines, its date
        elif fold(squash(para.text)) in own:
            keep.add(i)
        elif i and ATTACHMENT_HEADING.match(body[i - 1].text):
            keep.add(i)
        elif i and is_date_para(para.text):
            k = i - 1
            while k >= 0 and i - k <= MAX_SIGNATURE_LINES and SIGNATURE_NAME.match(squash(body[k].text)):
                keep.add(k)
                k -= 1
    return frozenset(keep)


MAX_SIGNATURE_LINES = 3  # joint issuers sign one to a line
_CLOSING_FORMULA = re.compile(r"特此(?:通告|公告|通知|函告|批复|函复|报告)[。！!]?|此复[。]?")
_SHORT_LINE = re.compile(r"[\u4e00-\u9fff0-9０-９年月日○〇零一二三四五六七八九十]{2,30}")


def _unheaded_attachments(body: list[Para], attachments: list[str]) -> dict[int, str]:
    """Attachments printed with their title but no "附件 N" line: index of the title line → title."""
    if not attachments or any(ATTACHMENT_HEADING.match(p.text) for p in body):
        return {}
    listed = next((i for i, p in enumerate(body) if ATTACHMENT_LIST.match(p.text.split("\n")[0])), None)
    if listed is None:
        return {}
    found: dict[int, str] = {}
    wanted = [fold(name) for name in attachments]
    for i in range(listed + 1, len(body)):
        if wanted and fold(body[i].text) == wanted[0]:
            found[i] = attachments[len(found)]
            wanted.pop(0)
    return found


def _addressee(body: list[Para]) -> str | None:
    for para in body[:3]:
        text = para.text.strip()
        if re.search(r"[：:∶]$", text) and not SENTENCE_START.match(text) and len(text) <= 200:
            return text.rstrip("：:∶")
    return None


def _attachments(body: list[Para]) -> list[str]:
    for para in body:
        first_line, *more_lines = para.text.split("\n")
        match = ATTACHMENT_LIST.match(first_line)
        if match:
            items = [match.group("first")] + more_lines
            return [LIST_ITEM.sub("", item).strip() for item in items if item.strip()]
    names = []
    for i, para in enumerate(body[:-1]):
        if ATTACHMENT_HEADING.match(para.text):
            names.append(body[i + 1].text.strip())
    return names


def _merge_attachment_list(body: list[Para]) -> list[Para]:
    """`附件：1. …` and its `2. …` lines are one list, not clauses."""
    out: list[Para] = []
    in_list = False
    for para in body:
        if listing := ATTACHMENT_LIST.match(para.text):
            in_list = bool(LIST_ITEM.match(listing.group("first")))
            out.append(para)
            continue
        if in_list and LIST_ITEM.match(para.text):
            out[-1] = Para(out[-1].line, out[-1].text + "\n" + para.text)
            continue
        in_list = False
        out.append(para)
    return out


def _restore_displaced_tail(body: list[Para]) -> list[Para]:
    """Put back the end of the main text that the PDF printed inside its attachment.

    The signing date closes the main text, before any attachment. When the first date line comes
    after an attachment heading (附件 / 附件 1), pages were interleaved: the run from the clause that
    resumes the main text's numbering ((四) … then (五)) through the date and a (此件公开发布) mark
    belongs before the attachment.
    """
    att = next((i for i, p in enumerate(body) if ATTACHMENT_HEADING.match(p.text)), None)
    if att is None:
        return body
    dates = [i for i, p in enumerate(body) if (parsed := parse_date_line(p.text)) and not parsed[1]]
    if not dates or dates[0] < att:
        return body
    date_at = dates[0]
    last: dict[str, int] = {}  # numbering scheme → its last number before the attachment
    for para in body[:att]:
        marker = find_marker(para.text)
        if marker:
            last[marker.scheme] = marker.number
    start = None
    for i in range(date_at - 1, att, -1):
        marker = find_marker(body[i].text)
        if marker and marker.scheme in last and marker.number == last[marker.scheme] + 1:
            start = i
            break
    if start is None:
        return body
    end = date_at + 1
    if end < len(body) and PUBLIC_MARK.match(squash(body[end].text)):
        end += 1
    return body[:att] + body[start:end] + body[att:start] + body[end:]


def _repair_cover_note(body: list[Para], issued_title: str | None) -> list[Para]:
    """Undo the two-column interleaving of a 印发 cover note.

    The PDF prints the addressee, the 现将《…》印发给你们 sentence, the signatures and the date in
    two columns; extraction interleaves them, so the sentence comes out in pieces, in the wrong order,
    or glued to the end of an addressee line. We find the sentence's start (现将 / 经…同意，现将) and
    put back the pieces that continue it. Every character is kept.
    """
    start = next((i for i, p in enumerate(body[:8]) if SENTENCE_START.match(p.text)), None)
    if start is None:
        return _move_early_heading(body)
    head = body[start]
    title_spill: list[str] = []
    spill: list[str] = []
    addressee: list[Para] = []
    after: list[Para] = []  # signatures, dates: printed beside the sentence, kept after it
    tails: list[str] = []
    lead: list[str] = []
    addressee_done = False
    for para in body[:start]:
        left, right, from_title = _split_spill(para.text, head.text, issued_title)
        if right:
            (title_spill if from_title else spill).append(right)
        if not left:
            continue
        if not addressee_done:
            addressee.append(Para(para.line, left))
            addressee_done = bool(re.search(r"[：:]$", left))
        elif _is_tail(left):
            tails.append(left)
        elif ends_open(left) and not is_meta_para(left) and not is_roster_line(left):
            lead.append(left)  # the sentence began before 现将 (为…，经盟行署同意，现将…)
        else:
            after.append(Para(para.line, left))
    sentence = "".join(lead) + head.text + "".join(title_spill)
    end = start + 1
    while end < len(body) and end < start + 5:
        text = body[end].text
        if starts_clause(text) or (issued_title and fold(text) == fold(issued_title)):
            break
        if is_meta_para(text) or is_roster_line(text):
            after.append(body[end])
        elif ends_open(sentence):
            sentence += text
        else:
            break
        end += 1
    if ends_open(sentence):
        sentence += "".join(spill + tails)
    else:
        after = [Para(head.line, t) for t in spill + tails] + after
    return _move_early_heading(addressee + [Para(head.line, sentence)] + after + body[end:])


def _is_tail(text: str) -> bool:
    """A fragment that ends a sentence begun elsewhere: short, ends with 。, no addressee colon."""
    return text.endswith("。") and len(text) <= 30 and not re.search(r"[：:]", text)


def _split_spill(line: str, head: str, issued_title: str | None) -> tuple[str, str, bool]:
    """Split an addressee line into (addressee part, spilled right-column text, spill continues the title)."""
    if issued_title and "《" in head and "》" not in head.split("《")[-1]:
        begun = squash(head.split("《")[-1])
        rest_of_title = squash(issued_title)[len(begun) :]
        if rest_of_title and begun and squash(issued_title).startswith(begun):
            at = line.find(rest_of_title + "》")
            if at > 0:
                return line[:at], line[at:], True
    match = re.match(r"^(.*?[：:])\s*(\S.*)$", line)
    if match:
        return match.group(1), match.group(2), False
    match = re.match(r"^(.*[，、,])\s+(\S+。)$", line)
    if match:
        return match.group(1), match.group(2), False
    return line, "", False


def _move_early_heading(body: list[Para]) -> list[Para]:
    """A section heading extracted before the addressee belongs after the lead paragraph."""
    if len(body) < 3 or not starts_clause(body[0].text) or not re.search(r"[：:]$", body[1].text):
        return body
    heading = body[0]
    rest = body[1:]
    for i, para in enumerate(rest[1:], start=1):
        if re.search(r"[：:]$", para.text):
            return rest[: i + 1] + [heading] + rest[i + 1 :]
    return body
