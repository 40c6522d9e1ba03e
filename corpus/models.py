"""The records a gazette issue is parsed into.

Plain dataclasses: the corpus package knows nothing of jieba or the index.
`to_dict()` gives the JSON shape used by `gazette parse --json` and by the indexer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@dataclass
class ManifestEntry:
    """What a corpus folder's manifest.json says of one file (corpus.collection.manifest reads it)."""

    publication: str | None = None  # None: the manifest does not say
    year: int | None = None
    number: int | None = None
    total_number: int | None = None
    period: str | None = None
    sha256: str | None = None
    issue: str | None = None  # the id of the issue this file is a piece of
    part: int | None = None  # the piece's place in its issue


@dataclass
class TocEntry:
    """One line of an issue's table of contents (目录)."""

    section: str  # e.g. 兴安盟行政公署文件
    title: str
    page: int | None
    number: int | None = None  # as printed ("2. …" → 2): each section numbers its entries from 1


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

    @classmethod
    def from_dict(cls, d: dict) -> Clause:
        return cls(d["id"], d["doc_id"], list(d["path_parts"]), d["level"], d["order"], d["marker"], d["text"])


@dataclass
class Table:
    """A table printed in a document (not a roster set in columns: that is read back into a list)."""

    id: str  # "t1", "t2"… in document order
    header: list[str]  # the header row's cells; [] when the table has none
    rows: list[list[list[str]]]  # rows of cells, each cell its paragraphs
    line: int  # source line of its first row
    body_start: int  # index of its first line in Document.body.split("\n")
    body_end: int  # one past its last line there
    row_lines: list[int] = field(default_factory=list)  # index in the body of each row's first line

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "header": list(self.header),
            "rows": [[list(cell) for cell in row] for row in self.rows],
            "line": self.line,
            "body_start": self.body_start,
            "body_end": self.body_end,
            "row_lines": list(self.row_lines),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Table:
        return cls(
            d["id"],
            list(d["header"]),
            [[list(c) for c in row] for row in d["rows"]],
            d["line"],
            d["body_start"],
            d["body_end"],
            list(d["row_lines"]),
        )


@dataclass
class Member:
    """One seat in a group: a person with their post, or a post / unit named without a person."""

    name: str | None  # without the print's padding ("苏 和" → "苏和"); None when only a post is named
    role: str  # 组长, 常务副组长, 副组长, 成员, 成员单位, 办公室主任, 办公室副主任, 联络员 …
    position: str | None  # the post as printed, line-wrap spaces removed
    printed: str  # the roster line or the phrase it was read from, as printed
    line: int  # index of that line in Document.body.split("\n")
    note: str | None = None  # a qualifier printed with the name: 刘海涛（科右前旗） → 科右前旗

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "position": self.position,
            "note": self.note,
            "printed": self.printed,
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Member:
        return cls(d["name"], d["role"], d["position"], d["printed"], d["line"], d["note"])


@dataclass
class Group:
    """A leading group, task force or headquarters set up by a document, with its members."""

    id: str  # "<doc_id>.g1", "<doc_id>.g2"… in document order
    name: str
    doc_id: str
    wenhao: str | None
    date: datetime.date | None  # the document's 成文日期
    parent: str | None  # id of the group it was set up under (下设…专项工作组)
    office: str | None  # where its office sits (办公室设在盟统计局 → 盟统计局)
    line: int  # index in Document.body.split("\n") of the line its roster starts on
    members: list[Member] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "doc_id": self.doc_id,
            "wenhao": self.wenhao,
            "date": _iso(self.date),
            "parent": self.parent,
            "office": self.office,
            "line": self.line,
            "members": [m.to_dict() for m in self.members],
        }

    @classmethod
    def from_dict(cls, d: dict) -> Group:
        return cls(
            d["id"],
            d["name"],
            d["doc_id"],
            d["wenhao"],
            _day(d["date"]),
            d["parent"],
            d["office"],
            d["line"],
            [Member.from_dict(m) for m in d["members"]],
        )


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
    date: datetime.date | None  # 成文日期
    printed_date: datetime.date | None  # 印发日期
    public: bool  # carries (此件公开发布)
    attachments: list[str]
    addressee: str | None  # 主送机关
    body: str
    citations: list[str]  # other documents' 文号 quoted in the text, canonical
    clauses: list[Clause] = field(default_factory=list)
    section: str | None = None  # the table-of-contents section it is listed in
    toc_page: int | None = None
    tables: list[Table] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # a web page's 索引号, 发布日期, … as printed
    # where each field was read: {"标题": "第12行", "发文字号": "网页元数据", "依据": "标题、发文字号、主送机关"}
    provenance: dict[str, str] = field(default_factory=dict)

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
            "provenance": dict(self.provenance),
            "body": self.body,
            "clauses": [c.to_dict() for c in self.clauses],
            "tables": [t.to_dict() for t in self.tables],
            "groups": [g.to_dict() for g in self.groups],
        }

    @classmethod
    def from_dict(cls, d: dict) -> Document:
        """The inverse of to_dict (the index keeps issues as JSON; corpus-wide facts are read from them)."""
        return cls(
            id=d["id"],
            issue_id=d["issue_id"],
            source=d["source"],
            line=d["line"],
            title=d["title"],
            wenhao=d["wenhao_printed"],
            wenhao_normalized=d["wenhao"],
            offices=list(d["offices"]),
            doc_type=d["doc_type"],
            issued_type=d["issued_type"],
            issued_title=d["issued_title"],
            date=_day(d["date"]),
            printed_date=_day(d["printed_date"]),
            public=d["public"],
            attachments=list(d["attachments"]),
            addressee=d["addressee"],
            body=d["body"],
            citations=list(d["citations"]),
            clauses=[Clause.from_dict(c) for c in d["clauses"]],
            section=d["section"],
            toc_page=d["toc_page"],
            tables=[Table.from_dict(t) for t in d.get("tables", [])],
            groups=[Group.from_dict(g) for g in d.get("groups", [])],
            metadata=dict(d.get("metadata", {})),
            provenance=dict(d.get("provenance", {})),
        )


@dataclass
class ChronicleEntry:
    """One dated 大事记 entry."""

    id: str
    issue_id: str
    source: str
    line: int
    date: datetime.date
    end_date: datetime.date | None  # for multi-day entries
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

    @classmethod
    def from_dict(cls, d: dict) -> ChronicleEntry:
        return cls(
            d["id"],
            d["issue_id"],
            d["source"],
            d["line"],
            datetime.date.fromisoformat(d["date"]),
            _day(d["end_date"]),
            d["part_of_day"],
            d["text"],
        )


@dataclass
class Issue:
    id: str
    source: str
    publication: str
    year: int | None
    number: int | None  # 期; of a combined issue (合刊, 1-3期) the first
    total_number: int | None  # 总期
    period: str | None  # e.g. 第一季度
    toc: list[TocEntry] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    chronicle: list[ChronicleEntry] = field(default_factory=list)
    chronicle_title: str | None = None
    warnings: list[str] = field(default_factory=list)  # "file:line: …" notes on repaired damage
    last_number: int | None = None  # the last 期 of a combined issue (1-3期 → 3), else None

    @property
    def label(self) -> str:
        parts = [self.publication or "（刊物不详）"]
        if self.year:
            parts.append(f"{self.year}年")
        if self.number and self.last_number:
            parts.append(f"第{self.number}-{self.last_number}期")
        elif self.number:
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
            "last_number": self.last_number,
            "total_number": self.total_number,
            "period": self.period,
            "toc": [{"section": t.section, "title": t.title, "page": t.page, "number": t.number} for t in self.toc],
            "documents": [d.to_dict() for d in self.documents],
            "chronicle_title": self.chronicle_title,
            "chronicle": [e.to_dict() for e in self.chronicle],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Issue:
        return cls(
            id=d["id"],
            source=d["source"],
            publication=d["publication"],
            year=d["year"],
            number=d["number"],
            total_number=d["total_number"],
            period=d["period"],
            toc=[TocEntry(t["section"], t["title"], t["page"], t.get("number")) for t in d["toc"]],
            documents=[Document.from_dict(doc) for doc in d["documents"]],
            chronicle=[ChronicleEntry.from_dict(e) for e in d["chronicle"]],
            chronicle_title=d["chronicle_title"],
            warnings=list(d["warnings"]),
            last_number=d.get("last_number"),
        )
