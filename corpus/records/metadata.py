"""A 政府信息公开 page's metadata table, used and checked against the document's text.

The table (索引号, 发文机关, 成文日期, 发文字号, 发布日期 …) is typed into the CMS by hand, the text
is the document itself: where both give a fact and they disagree, the text's value is kept and the
disagreement is an Issue.warnings note (`file:line: …`), never a silent choice. Where the text lacks
a fact (no 文号 line under the title, no signing date), the table's value is used and said so.
All labelled values are kept as printed in Document.metadata.
"""

from __future__ import annotations

import re

from ..dates import parse_date
from ..models import Document, Issue
from ..organs import places, split_organs
from ..text import fold, squash
from ..wenhao import find_wenhao, parse_wenhao
from .document import UNTITLED, document_id, offices_in


def apply_metadata(issue: Issue, metadata: dict[str, str], name: str) -> None:
    """Check the page's table (an HTML page's) against its single document, filling what the text lacks."""
    if not metadata:
        return
    if len(issue.documents) != 1:
        if issue.documents:
            issue.warnings.append(f"{name}: 网页元数据只对应一件公文，但正文有 {len(issue.documents)} 件：未核对")
        return
    doc = issue.documents[0]
    apply_to_document(doc, metadata, issue.year, issue.warnings, f"{name}:{doc.line}")


_WEBSITE = re.compile(r"(?:门户)?网站$")
# A place opening a title that names no issuer (甘州区村级干部管理办法): whose text it is.
_TITLE_PLACE = re.compile(r"^(?!关于)([\u4e00-\u9fff]{2,8}?(?:自治区|省|市|盟|州|县|区|旗))(?!政府|人民政府|行政公署)")
# A township's or village's organ (大满镇, 某某乡人民政府, 某某街道办事处, 某某村民委员会): a table naming one over a
# title that opens with another place (甘州区…办法) is the column that reposted a county's or a city's text. A
# title's 2 to 8 characters before 市 or 区 are often no place at all (促进全市…, 推进城市…): a table naming any
# other organ (某某市人民政府, 盟住房和城乡建设局) is its issuer.
_TOWN_ORGAN = re.compile(r"(?:镇|乡|苏木|街道|嘎查|村|社区)(?:人民政府|政府|办事处|党委|(?:村民|居民)?委员会)?$")
_DATE_PREFIX = re.compile(r"^\s*((?:19|20)\d{2}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*日?)")


def _table_date(printed: str):
    """A table's date, a time after it ignored (2024年04月06日 16:40, 2020-09-30 15:34)."""
    match = _DATE_PREFIX.match(printed)
    text = re.sub(r"[./]", "-", match.group(1)) if match else printed
    return parse_date(text)


def apply_to_document(
    doc: Document, metadata: dict[str, str], year: int | None, warnings: list[str], where: str
) -> None:
    """Fill the document's missing facts from a metadata table naming it and note every disagreement
    (`where` is `file:line` for the notes). The text's own value is kept where both give one."""
    doc.metadata = {**metadata, **doc.metadata}
    notes = _Notes(warnings, where)
    if metadata.get("发文字号"):
        _number_from(doc, metadata["发文字号"], year, notes)
    if metadata.get("成文日期"):
        _date_from(doc, metadata["成文日期"], notes)
    if metadata.get("发文机关"):
        printed = _WEBSITE.sub("", metadata["发文机关"].strip())  # 宜兴市人民政府网站: the site of the organ
        named = split_organs(printed) or offices_in(printed) or [squash(printed)]
        place = _TITLE_PLACE.match(squash(doc.title or ""))
        if (
            not doc.offices
            and place
            and not any(place.group(1) in organ for organ in named)
            and all(_TOWN_ORGAN.search(organ) for organ in named)
        ):
            # 甘州区…管理办法 in a town's column (发布机构 大满镇): the table names who posted it, not its maker
            notes.say(f"网页元数据的发文机关“{metadata['发文机关']}”不是标题所称的{place.group(1)}，未采用")
        elif not doc.offices or (len(doc.offices) == len(named) == 1 and places(named[0], doc.offices[0])):
            doc.offices = [_by_its_series(organ, doc.wenhao_normalized) for organ in named]
            # none in the text, or its 市政府/县人民政府 without the place the table names
            doc.provenance["发文机关"] = "网页元数据"
        elif set(named) != set(doc.offices):
            notes.disagree("发文机关", metadata["发文机关"], "、".join(doc.offices))
    if metadata.get("名称"):
        if not doc.title or doc.title == UNTITLED:
            doc.title = metadata["名称"].strip()
            doc.provenance["标题"] = "网页元数据"
        elif fold(squash(metadata["名称"])) != fold(squash(doc.title)):
            notes.disagree("名称", metadata["名称"], doc.title)


_GOVERNMENT_OFFICE = re.compile(r"^(?P<government>.{2,20}?(?:人民政府|行政公署))(?:办公室|办公厅)$")


def _by_its_series(organ: str, wenhao: str | None) -> str:
    """The organ a table names, or the government whose office it names when the document's 代字 is the
    government's own (南阳市人民政府办公室 posting 宛政〔2011〕7号: the 代字 has no 办, the government issued it)."""
    office = _GOVERNMENT_OFFICE.match(organ)
    number = parse_wenhao(wenhao) if wenhao else None
    if office is None or number is None or number.is_order or "办" in number.code:
        return organ
    return office["government"]


class _Notes:
    def __init__(self, warnings: list[str], where: str):
        self.warnings, self.where = warnings, where

    def say(self, text: str) -> None:
        self.warnings.append(f"{self.where}: {text}")

    def disagree(self, label: str, table, text) -> None:
        self.say(f"网页元数据的{label}“{table}”与正文“{text}”不一致，采用正文")


def _number_from(doc: Document, printed: str, year: int | None, notes: _Notes) -> None:
    wenhao = parse_wenhao(printed)
    if wenhao is None:  # a value with more in it (齐政办发〔2019〕29号   上 载 日 期 …)
        found = find_wenhao(printed)
        wenhao = found[0][0] if found else None
    if wenhao is None:
        notes.say(f"网页元数据的发文字号“{printed}”不是可识别的文号，未采用")
    elif doc.wenhao_normalized is None:
        doc.wenhao, doc.wenhao_normalized = printed.strip(), wenhao.canonical
        doc.id = document_id(wenhao, year, doc.title)
        for clause in doc.clauses:
            clause.doc_id = doc.id
        doc.provenance["发文字号"] = "网页元数据"
        notes.say(f"正文没有文号，采用网页元数据的发文字号 {wenhao.canonical}")
    elif wenhao.canonical != doc.wenhao_normalized:
        notes.disagree("发文字号", printed, doc.wenhao_normalized)


def _date_from(doc: Document, printed: str, notes: _Notes) -> None:
    signed = _table_date(printed)
    if signed is None:
        notes.say(f"网页元数据的成文日期“{printed}”无法识别，未采用")
    elif doc.date is None:
        doc.date = signed
        doc.provenance["成文日期"] = "网页元数据"
        notes.say(f"正文没有成文日期，采用网页元数据的 {signed.isoformat()}")
    elif signed != doc.date:
        notes.disagree("成文日期", printed, doc.date.isoformat())
