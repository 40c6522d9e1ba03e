"""Issues → flat index records (documents, clauses, 大事记 entries) with the text each is matched on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import TypedDict

from analyzers.normalize import SEP
from corpus.models import Issue
from corpus.text import squash
from corpus.wenhao import citations_in


@dataclass
class IndexRecord:
    kind: str  # document | clause | chronicle
    id: str
    source: str
    issue_id: str
    doc_id: str | None
    wenhao: str | None
    title: str | None
    date: str | None
    end_date: str | None
    year: int | None
    offices: list[str]
    doc_type: str | None
    path: str | None
    anchor: str | None
    text: str  # display text (snippets are cut from it)
    cites: list[str] = field(default_factory=list)
    heading: str | None = None  # a clause's own heading: ranked like a title
    issued_type: str | None = None  # for 关于印发《…办法》的通知 and its clauses: 办法
    substance: int = 0  # characters of prose; 0 for a bare heading (see substance())
    persons: list[str] = field(default_factory=list)  # who has a role in a group this record sets up or lists

    @classmethod
    def from_row(cls, row: dict) -> IndexRecord:
        """The record a build wrote with asdict: the row becomes its attributes as they are (the
        dataclass __init__ costs 0.35 s per 40,000 records on opening an index)."""
        if len(row) != len(FIELD_NAMES):  # not a complete row: let __init__ say what is wrong
            return cls(**row)
        record = cls.__new__(cls)
        record.__dict__ = row
        return record

    def to_row(self) -> dict:
        """The record as a build writes it: dataclasses.asdict's dict (fields in order) without its
        deep copy of every list (a second of a 30× build); the row is only serialized."""
        values = self.__dict__
        return {name: values[name] for name in FIELD_NAMES}

    @property
    def match_parts(self) -> list[str]:
        """What a query term is matched against, as separate parts (no match spans two parts)."""
        if self.kind == "document":
            return [self.title or "", self.text]
        return [self.text]

    @property
    def match_text(self) -> str:
        return SEP.join(self.match_parts)

    @property
    def types(self) -> list[str]:
        """The document's type and, for a 印发 notice, the type of what it issues."""
        return [t for t in dict.fromkeys((self.doc_type, self.issued_type)) if t]

    @property
    def context(self) -> str:
        """What a clause is read under: its document's title and the headings above it ("" for other
        records). indexer.rankdata ranks it second to the clause's own words; the context tier matches on it."""
        if self.kind != "clause":
            return ""
        return "\n".join([self.title or "", *context_headings(self)])

    @property
    def series(self) -> str | None:
        """The 文号's 代字 (兴署办字 of 兴署办字〔2022〕5号)."""
        return self.wenhao.split("〔", 1)[0] if self.wenhao else None

    @property
    def ranked_title(self) -> str | None:
        """What is ranked as the record's title: a document's title, a clause's own heading."""
        return self.title if self.kind == "document" else self.heading


FIELD_NAMES = tuple(f.name for f in fields(IndexRecord))


def pack_rows(rows: list[dict]) -> list[dict]:
    """Rows as a build writes them: each holds only the fields that differ from the row before it (a
    clause repeats its document's title, 文号, offices, dates…; the file is a third of the size and is
    decoded in a third of the time). unpack_rows gives the rows back."""
    packed: list[dict] = []
    previous: dict = {}
    for row in rows:
        packed.append({k: v for k, v in row.items() if k not in previous or previous[k] != v})
        previous = row
    return packed


def unpack_rows(packed: list[dict]) -> list[dict]:
    rows: list[dict] = []
    previous: dict = {}
    for delta in packed:
        previous = {**previous, **delta}
        rows.append(previous)
    return rows


PATH_SEPARATOR = " › "  # between the headings of a clause's path


def context_headings(record: IndexRecord) -> list[str]:
    """The headings above a clause: its path without its own heading."""
    parts = record.path.split(PATH_SEPARATOR) if record.path else []
    return parts[:-1] if parts and parts[-1] == record.heading else parts


SENTENCE_END = re.compile(r"[。！？；!?;]")
HEADING_MAX = 40  # a line this short without a full stop is a heading, not a passage


def substance(text: str) -> int:
    """How much prose a record holds: its characters (no white space), or 0 for a bare heading — one
    short line without a full stop ("四、工作举措", "第十二条 投资监管") whose content sits in the
    clauses below it."""
    squashed = squash(text)
    if "\n" not in text.strip() and len(squashed) < HEADING_MAX and not SENTENCE_END.search(squashed):
        return 0
    return len(squashed)


def _persons(doc, text: str | None = None) -> list[str]:
    """Names of the document's group members (all of them for the document; those the text prints for
    a clause: its roster, or the sentence naming an office holder)."""
    names = [m.name for g in doc.groups for m in g.members if m.name]
    if text is None:
        return list(dict.fromkeys(names))
    squashed = squash(text)
    return [n for n in dict.fromkeys(names) if n in squashed]


class _DocumentFields(TypedDict):
    """What a document's record and its clauses' records share."""

    source: str
    issue_id: str
    doc_id: str
    wenhao: str | None
    title: str
    date: str | None
    end_date: None
    year: int | None
    offices: list[str]
    doc_type: str | None
    issued_type: str | None


def issue_records(issue: Issue) -> list[IndexRecord]:
    records: list[IndexRecord] = []
    for doc in issue.documents:
        date = doc.date.isoformat() if doc.date else None
        common = _DocumentFields(
            source=issue.source,
            issue_id=issue.id,
            doc_id=doc.id,
            wenhao=doc.wenhao_normalized,
            title=doc.title,
            date=date,
            end_date=None,
            year=doc.year or issue.year,
            offices=list(doc.offices),
            doc_type=doc.doc_type,
            issued_type=doc.issued_type,
        )
        records.append(
            IndexRecord(
                kind="document",
                id=doc.id,
                path=None,
                anchor=None,
                text=doc.body,
                cites=list(doc.citations),
                substance=substance(doc.body),
                persons=_persons(doc),
                **common,
            )
        )
        for clause in doc.clauses:
            cited = citations_in(clause.text, doc.wenhao_normalized)
            records.append(
                IndexRecord(
                    kind="clause",
                    id=f"{doc.id}#{clause.id}",
                    path=PATH_SEPARATOR.join(clause.path),
                    anchor=clause.id,
                    text=clause.text,
                    cites=cited,
                    heading=clause.heading,
                    substance=substance(clause.text),
                    persons=_persons(doc, clause.text),
                    **common,
                )
            )
    for entry in issue.chronicle:
        records.append(
            IndexRecord(
                kind="chronicle",
                id=entry.id,
                source=issue.source,
                issue_id=issue.id,
                doc_id=None,
                wenhao=None,
                title=None,
                date=entry.date.isoformat(),
                end_date=entry.end_date.isoformat() if entry.end_date else None,
                year=entry.date.year,
                offices=[],
                doc_type=None,
                path=None,
                anchor=None,
                text=entry.text,
                cites=citations_in(entry.text, None),
                substance=substance(entry.text),
            )
        )
    return records
