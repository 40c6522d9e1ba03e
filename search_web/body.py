"""A document's body as paragraphs, each clause's first paragraph carrying the clause's anchor."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Paragraph:
    text: str
    anchor: str | None = None  # clause anchor ("c4.1") when a clause starts here
    level: int = 0  # the clause's level (1 = top), 0 for plain text
    path: str = ""  # the clause's heading path, for the permalink's title
    extra_anchors: tuple[str, ...] = ()  # clauses whose first line could not be found: kept linkable


def paragraphs(document: dict) -> list[Paragraph]:
    """Split the body into lines and find each clause's first line in order. Clauses follow the body's
    order, so a forward scan suffices; a clause not found still gets its anchor (on the next paragraph)."""
    lines = [line for line in (document.get("body") or "").split("\n")]
    out = [Paragraph(line) for line in lines if line.strip()]
    texts = [p.text for p in out]
    position, pending = 0, []
    for clause in document.get("clauses") or []:
        first = (clause.get("text") or "").split("\n", 1)[0]
        try:
            index = texts.index(first, position)
        except ValueError:
            pending.append(clause["id"])
            continue
        para = out[index]
        if para.anchor is None:
            para.anchor, para.level, para.path = clause["id"], clause.get("level", 1), clause.get("path", "")
        else:  # two clauses starting on one line: keep both linkable
            pending.append(clause["id"])
        if pending:
            para.extra_anchors += tuple(pending)
            pending = []
        position = index + 1
    if pending and out:
        out[-1].extra_anchors += tuple(pending)
    return out
