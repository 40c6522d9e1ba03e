"""The files of one issue, parsed one by one, put together again.

A corpus folder may hold an issue in pieces: one file per document (web pages, per-document PDFs),
the 大事记 on its own. The manifest names them pieces of one issue (`"issue": "2022-1"`, `"part": n`);
each piece is parsed alone and gets that issue's id and header facts, so an index of pieces already
files every record under the right issue. `merge_pieces` gives the whole issue as one Issue, for
display: documents and 大事记 entries in part order, the TOC of whichever piece has one.
"""

from __future__ import annotations

from pathlib import Path

from ..models import Issue
from ..text import fold
from .manifest import load_manifest


def merge_pieces(issues: list[Issue], directory: str | Path | None = None) -> list[Issue]:
    """One Issue per id, pieces in manifest part order (then file name); single-file issues unchanged."""
    parts = {}
    if directory is not None:
        parts = {name: entry.part for name, entry in load_manifest(directory).items()}
    groups: dict[str, list[Issue]] = {}
    for issue in issues:
        groups.setdefault(issue.id, []).append(issue)
    out = []
    for pieces in groups.values():
        if len(pieces) == 1:
            out.append(pieces[0])
            continue
        pieces = sorted(pieces, key=lambda i: (parts.get(i.source) or 0, i.source))
        first = pieces[0]
        whole = Issue(
            id=first.id,
            source=first.source,
            publication=next((p.publication for p in pieces if p.publication), ""),
            year=next((p.year for p in pieces if p.year), None),
            number=next((p.number for p in pieces if p.number), None),
            total_number=next((p.total_number for p in pieces if p.total_number), None),
            period=next((p.period for p in pieces if p.period), None),
            toc=next((p.toc for p in pieces if p.toc), []),
            chronicle_title=next((p.chronicle_title for p in pieces if p.chronicle_title), None),
        )
        per_day: dict[str, int] = {}
        for piece in pieces:
            whole.documents.extend(piece.documents)
            for entry in piece.chronicle:
                day = entry.date.isoformat()
                per_day[day] = per_day.get(day, 0) + 1
                entry.id = f"dsj-{day}-{per_day[day]}"  # a day's entries may be split over two pieces
                whole.chronicle.append(entry)
            whole.warnings.extend(piece.warnings)
        for doc in whole.documents:
            for listed in whole.toc:
                if doc.section is None and fold(listed.title) == fold(doc.title):
                    doc.section, doc.toc_page = listed.section, listed.page
        out.append(whole)
    return out
