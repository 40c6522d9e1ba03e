"""Splitting an issue's text into header, table of contents, documents and 大事记."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..elements.columns import read_columns
from ..elements.paragraphs import MONGOLIAN, Para, clean_lines, strip_mongolian
from ..elements.parts import is_page_tool
from ..elements.toc import split_front_matter
from ..elements.unflatten import unflatten
from ..errors import GazetteParseError
from ..models import Issue, ManifestEntry
from ..offices import SHIPPED_REGISTRY, OfficeRegistry
from ..readers.furniture import Masthead, publication_in, read_masthead
from ..readers.source import SourceText
from ..text import fold, han_to_int, squash
from .chronicle import find_chronicle, read_chronicle
from .document import parse_document
from .heads import Head, _substantive, find_heads, sole_title_head, untitled_head
from .metadata import apply_metadata, apply_to_document

ISSUE_NUMBER = re.compile(r"(?<!总)第\s*(\d{1,3})\s*期")
# on the header page the 期 may be written in Chinese numerals (第五期); elsewhere that is a title's text
HEADER_ISSUE_NUMBER = re.compile(r"(?<!总)第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*期")
TOTAL_NUMBER = re.compile(r"总第\s*(\d{1,4})\s*期")
PERIOD = re.compile(r"[（(]\s*(第[一二三四]季度|[上下]半年|第[一二三四五六七八九十]+期)\s*[）)]")
YEAR_LINE = re.compile(r"^((?:19|20)\d{2})(?!\s*卷)\s*年?")
# A yearbook's volume (内蒙古年鉴 2021卷) records the year before: its 大事记 and reports are of 2020.
VOLUME_LINE = re.compile(r"^((?:19|20)\d{2})\s*卷$")


def assemble_issue(  # noqa: C901 - older than the limit; split it when it next changes
    src: SourceText,
    manifest: ManifestEntry | None = None,
    *,
    offices: OfficeRegistry | None = None,
    year: int | None = None,
) -> Issue:
    """The issue in `src`. `manifest`: what the corpus folder knows of the file; `offices`: the 代字 map
    (the shipped one by default); `year`: the year when neither the text (its header, a 大事记's heading,
    its documents' 文号) nor the manifest gives one (a 大事记 printed on its own)."""
    registry = offices or SHIPPED_REGISTRY
    year_hint = year
    warnings: list[str] = list(src.warnings)
    lines = src.lines
    paras = []
    for para in read_columns(clean_lines(lines), lines):  # two columns interleaved line by line, read apart
        if MONGOLIAN.search(para.text):
            kept = strip_mongolian(para.text)
            warnings.append(f"{src.name}:{para.line}: 蒙古文刊头行未计入正文")
            if not kept:
                continue
            para = Para(para.line, kept, para.table)
        paras.append(para)

    paras = unflatten(paras)
    header, toc, body, has_toc = split_front_matter(paras)
    heads = find_heads(body, toc, warnings, src.name, page_metadata=src.metadata)
    chronicle = find_chronicle(body, heads[0].start if heads else 0, documents=bool(heads))
    chronicle_at = chronicle.at if chronicle else None
    if chronicle_at is not None:
        heads = [h for h in heads if h.start < chronicle_at]
    if not heads and chronicle_at is None and (sole := sole_title_head(body, src.metadata)) is not None:
        heads = [sole]
        warnings.append(
            f"{src.name}:{body[sole.start].line}: 标题没有文号、题注或主送机关相互印证，标题下有正文，作为一件公文收录"
        )
    if not heads and chronicle_at is None and (untitled := untitled_head(body)) is not None:
        heads = [untitled]
        a, b = untitled.title_at
        warnings.append(
            f"{src.name}:{body[untitled.start].line}: 标题只有文种（{squash(body[a].text)}），没有文号、发文机关，全文作为一件公文收录"
            if b > a
            else f"{src.name}:{body[untitled.start].line}: 找不到标题和文号（片段或缺页？），全文作为一件无标题文件收录"
        )
    if not heads and chronicle_at is None:
        raise GazetteParseError(
            src.path,
            "找不到公文：没有哪一处标题与发文字号、令号、题注、主送机关或网页元数据相互印证，也没有大事记",
            body[0].line if body else None,
        )
    first = (heads[0].start if heads[0].lead is None else heads[0].lead) if heads else chronicle_at
    if not has_toc:
        header = body[:first]  # no 目录: the header page, if any, is what comes before the first record
    printed = _read_header(header, src.furniture)
    year, number, total, period = printed.year, printed.number, printed.total, printed.period
    publication = printed.publication
    if year is None and chronicle is not None:
        year = _chronicle_year(body[chronicle.at : chronicle.at + chronicle.heading])
    if manifest:
        year = year or manifest.year
        number = number or manifest.number
        total = total or manifest.total_number
        period = period or manifest.period
        publication = publication or manifest.publication
    if year is None:
        year = _infer_year(heads)
    year = year or year_hint  # the caller's year (gazette add --year) only where the file gives none
    if year is None and chronicle_at is not None:
        raise GazetteParseError(
            src.path,
            "大事记没有年份：刊头、manifest.json 和文号都没有给出；请在 manifest.json 里写明 year，"
            "或导入时给出年份（gazette add --year）",
            body[chronicle_at].line,
        )
    publication = publication or ""
    last = printed.last_number if number == printed.number else None  # a combined issue's range, as printed
    issue_id = make_issue_id(publication, year, number, "", registry, manifest.issue if manifest else None, last)
    issue = Issue(
        id=issue_id,
        source=src.name,
        publication=publication,
        year=year,
        number=number,
        last_number=last,
        total_number=total,
        period=period,
        toc=toc,
        warnings=warnings,
    )
    if first and any(_substantive(p.text) for p in body[:first]):
        # text, not a page's chrome (menus, breadcrumbs, the title printed again): say it is not indexed
        for p in body[:first]:
            warnings.append(f"{src.name}:{p.line}: 第一件公文之前的文字未归入任何记录：{p.text[:30]}")

    # a document ends where the next one's title was first printed (a list page prints it, then the document)
    boundaries = [h.start if h.lead is None else h.lead for h in heads]
    boundaries += ([chronicle_at] if chronicle_at is not None else []) + [len(body)]
    ids: dict[str, int] = {}  # the documents' ids so far (_distinct_id)
    for head, end in zip(heads, boundaries[1:]):
        if head.table_at is not None:
            end = head.table_at  # the page's table after the document: read as its metadata, no part of its text
        while end > head.body_start and is_page_tool(body[end - 1].text):
            end -= 1  # the page's tools after the document (扫一扫在手机打开当前页, 打印本页): no part of it
        a, b = head.title_at
        doc = parse_document(
            body[a:b],
            body[head.number.start] if head.number else None,
            body[head.body_start : end],
            issue_id=issue_id,
            source=src.name,
            issue_year=year,
            registry=registry,
            head=head,
        )
        if head.metadata:
            apply_to_document(doc, head.metadata, year, warnings, f"{src.name}:{doc.line}")
        for entry in toc:
            if fold(entry.title) == fold(doc.title):
                doc.section, doc.toc_page = entry.section, entry.page
        _distinct_id(doc, ids)
        issue.documents.append(doc)

    if chronicle is not None:
        assert year is not None  # a 大事记 without a year was refused above
        issue.chronicle_title, issue.chronicle, notes = read_chronicle(
            body[chronicle.at :], chronicle, year=year, issue_id=issue_id, source=src.name
        )
        warnings.extend(notes)
    apply_metadata(issue, src.metadata, src.name)
    if not number and not (manifest and manifest.issue):  # no 期: the issue is named by what it holds
        _rename(issue, make_issue_id(publication, year, None, records_key(issue), registry))
    return issue


def _distinct_id(doc, ids: dict[str, int]) -> None:
    """A document sharing its id with one before it in the issue — texts a 令 promulgates together
    (《A》和《B》…现予公布) carry its one number — is told apart by its place among them (…-2). `ids`: the
    issue's ids so far, each with the next suffix to try, kept across calls so that a file of thousands of
    documents (or of one number printed thousands of times) is not looked through again for each."""
    base = doc.id
    if base in ids:
        n = ids[base]
        while f"{base}-{n}" in ids:
            n += 1
        ids[base] = n + 1
        doc.id = f"{base}-{n}"
        for clause in doc.clauses:
            clause.doc_id = doc.id
    ids.setdefault(doc.id, 2)


@dataclass
class Header:
    """What an issue's header page and running heads print of it."""

    year: int | None = None
    number: int | None = None
    last_number: int | None = None  # a combined issue (1-3期): its last 期
    total: int | None = None
    period: str | None = None
    publication: str | None = None


def _read_header(header: list[Para], running_heads: Sequence[str] = ()) -> Header:
    """The header page's lines first (the masthead on one line — 兴安盟行政公署公报2019年1-3期(总第52期) — or
    name, year and 期 on lines of their own), then the running heads page furniture held
    (鄂尔多斯市人民政府公报 2025  5  大事记) for what the header does not print."""
    found = Header(publication=publication_in([p.text for p in header]))
    for para in header:
        masthead = read_masthead(para.text)
        if masthead is not None:
            _take(found, masthead)
            continue
        text = squash(para.text)
        if found.year is None and (m := VOLUME_LINE.match(text)):
            found.year = int(m.group(1)) - 1
        if found.year is None and (m := YEAR_LINE.match(text)):
            found.year = int(m.group(1))
        if found.number is None and (m := HEADER_ISSUE_NUMBER.search(text)):
            found.number = _numeral(m.group(1))
        if found.total is None and (m := TOTAL_NUMBER.search(text)):
            found.total = int(m.group(1))
        if found.period is None and (m := PERIOD.search(text)):
            found.period = m.group(1)
    for line in running_heads:
        masthead = read_masthead(line)
        if masthead is not None and (found.publication is None or masthead.publication == found.publication):
            _take(found, masthead)
    return found


def _take(found: Header, masthead: Masthead) -> None:
    """Fill what is still unknown from one masthead line (the first line that prints a fact wins)."""
    found.publication = found.publication or masthead.publication
    found.year = found.year or masthead.year
    if found.number is None and masthead.number is not None:
        found.number, found.last_number = masthead.number, masthead.last_number
    found.total = found.total or masthead.total


def _numeral(text: str) -> int | None:
    try:
        return han_to_int(text)
    except ValueError:
        return None


def _chronicle_year(paras: list[Para]) -> int | None:
    """The year a 大事记 printed on its own names in its heading or period line (2022年…大事记, (2022年1月…))."""
    for para in paras:
        m = re.search(r"((?:19|20)\d{2})\s*年", para.text)
        if m:
            return int(m.group(1))
    return None


def records_key(issue: Issue) -> str:
    """Eight hex digits of the SHA-1 of what the issue holds: each document's 文号 (its title, folded, where it
    has none) and each 大事记 entry's dates. The same issue read from its text, its PDF or a copy under another
    name, encoding or line ending gives the same key; bodies are left out, so that a better reading of a
    paragraph does not rename the issue."""
    digest = hashlib.sha1(usedforsecurity=False)
    for doc in issue.documents:
        digest.update((doc.wenhao_normalized or fold(doc.title)).encode("utf-8") + b"\x1e")
    digest.update(b"\x1d" + fold(issue.chronicle_title or "").encode("utf-8"))
    for entry in issue.chronicle:
        digest.update(f"{entry.date}|{entry.end_date}".encode() + b"\x1e")
    return digest.hexdigest()[:8]


def _rename(issue: Issue, issue_id: str) -> None:
    issue.id = issue_id
    for doc in issue.documents:
        doc.issue_id = issue_id
    for entry in issue.chronicle:
        entry.issue_id = issue_id


def make_issue_id(
    publication: str,
    year: int | None,
    number: int | None,
    key: str,
    registry: OfficeRegistry = SHIPPED_REGISTRY,
    group: str | None = None,
    last_number: int | None = None,
) -> str:
    """`2022-1` for the League's gazette; other publications get their prefix (`eeds-2025-8`); a combined
    issue keeps its range (`2019-1-3` for 2019年1-3期).

    A manifest's "issue" wins (the pieces of one issue share it). Without a 期 what the issue holds stands
    in: `key` (see `records_key`) gives `2023-5f0c1e2a`, never the file's name.
    """
    if group:
        return group
    prefix = registry.id_prefix(publication)
    if prefix is None:
        prefix = (
            ("p" + hashlib.sha1(publication.encode("utf-8")).hexdigest()[:6])
            if publication
            else ("u" if number else "")
        )
    year_part = year if year is not None else "undated"
    if number:
        tail = f"{year_part}-{number}-{last_number}" if last_number else f"{year_part}-{number}"
    else:
        tail = f"{year_part}-{key}"
    return f"{prefix}-{tail}" if prefix else tail


def _infer_year(heads: list[Head]) -> int | None:
    """Without a header: the most common year among the documents' 文号."""
    years: Counter[int] = Counter(h.wenhao.year for h in heads if h.wenhao and h.wenhao.year)
    return years.most_common(1)[0][0] if years else None
