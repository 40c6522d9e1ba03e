"""The records a gazette issue is parsed into.

Plain dataclasses: the corpus package knows nothing of jieba or the index.
`to_dict()` gives the JSON shape used by `gazette parse --json` and by the indexer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class TocEntry:
    """One line of an issue's table of contents (目录)."""

    section: str  # e.g. 兴安盟行政公署文件
    title: str
    page: int | None


@dataclass
class Clause:
    """A numbered section of a document (一、 （一） 1. 一是 第一章 第一条, attachments)."""

    id: str  # anchor inside the document, stable across rebuilds, e.g. "c4.1"
    doc_id: str
    path: list[str]  # heading labels from the top level down to this clause
    level: int  # 1 = top level
    order: int  # position in the document, from 1
    marker: str  # the numbering as printed: "四、", "（一）", "第三条", "附件1"
    text: str

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "path": " › ".join(self.path),
            "path_parts": list(self.path),
            "level": self.level,
            "order": self.order,
            "marker": self.marker,
            "text": self.text,
        }


@dataclass
class Document:
    id: str  # stable: derived from the 文号 when there is one
    issue_id: str
    source: str  # file name of the issue it was parsed from
    line: int  # line of its title in the source
    title: str
    wenhao: str | None  # as printed
    wenhao_normalized: str | None  # canonical form, e.g. 兴署办字〔2022〕5号
    offices: list[str]
    doc_type: str | None  # 通知, 意见, 方案, …
    issued_type: str | None  # for 关于印发《…》的通知: the type of what it issues
    issued_title: str | None
    date: date | None  # 成文日期
    printed_date: date | None  # 印发日期
    public: bool  # carries (此件公开发布)
    attachments: list[str]
    addressee: str | None  # 主送机关
    body: str
    citations: list[str]  # other documents' 文号 quoted in the text, canonical
    clauses: list[Clause] = field(default_factory=list)
    section: str | None = None  # the table-of-contents section it is listed in
    toc_page: int | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # a web page's 索引号, 发布日期, … as printed

    @property
    def year(self) -> int | None:
        if self.date:
            return self.date.year
        if self.wenhao_normalized:
            from .wenhao import parse_wenhao

            parsed = parse_wenhao(self.wenhao_normalized)
            return parsed.year if parsed else None
        return None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "issue_id": self.issue_id,
            "source": self.source,
            "line": self.line,
            "title": self.title,
            "wenhao": self.wenhao_normalized,
            "wenhao_printed": self.wenhao,
            "offices": list(self.offices),
            "doc_type": self.doc_type,
            "issued_type": self.issued_type,
            "issued_title": self.issued_title,
            "date": _iso(self.date),
            "printed_date": _iso(self.printed_date),
            "year": self.year,
            "public": self.public,
            "attachments": list(self.attachments),
            "addressee": self.addressee,
            "section": self.section,
            "toc_page": self.toc_page,
            "citations": list(self.citations),
            "metadata": dict(self.metadata),
            "body": self.body,
            "clauses": [c.to_dict() for c in self.clauses],
        }


@dataclass
class ChronicleEntry:
    """One dated 大事记 entry."""

    id: str
    issue_id: str
    source: str
    line: int
    date: date
    end_date: date | None  # for multi-day entries
    part_of_day: str | None  # 上午 / 下午 / 晚上 / 早上 …
    text: str

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "issue_id": self.issue_id,
            "source": self.source,
            "line": self.line,
            "date": _iso(self.date),
            "end_date": _iso(self.end_date),
            "part_of_day": self.part_of_day,
            "text": self.text,
        }


@dataclass
class Issue:
    id: str
    source: str
    publication: str
    year: int | None
    number: int | None  # 期
    total_number: int | None  # 总期
    period: str | None  # e.g. 第一季度
    toc: list[TocEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    chronicle: list[ChronicleEntry] = field(default_factory=list)
    chronicle_title: str | None = None
    warnings: list[str] = field(default_factory=list)  # "file:line: …" notes on repaired damage

    @property
    def label(self) -> str:
        parts = [self.publication or "（刊物不详）"]
        if self.year:
            parts.append(f"{self.year}年")
        if self.number:
            parts.append(f"第{self.number}期")
        if self.period:
            parts.append(f"（{self.period}）")
        if self.total_number:
            parts.append(f"（总第{self.total_number}期）")
        return "".join(parts)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "publication": self.publication,
            "label": self.label,
            "year": self.year,
            "number": self.number,
            "total_number": self.total_number,
            "period": self.period,
            "toc": [{"section": t.section, "title": t.title, "page": t.page} for t in self.toc],
            "documents": [d.to_dict() for d in self.documents],
            "chronicle_title": self.chronicle_title,
            "chronicle": [e.to_dict() for e in self.chronicle],
            "warnings": list(self.warnings),
        }
