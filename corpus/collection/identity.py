"""Telling two files apart: the same issue (a PDF and its text, a CRLF or GB18030 copy) or not.

`Issue.id` comes from publication + year + 期, not from the file, so two copies of a numbered issue
share it; `issue_fingerprint` hashes what the records hold (documents' 文号, dates, titles and bodies,
大事记 entries), folded so that width, white space and line numbers do not count. Two files with the
same fingerprint hold the same records: index one of them. Pieces of one issue share an id but not a
fingerprint.
"""

from __future__ import annotations

import hashlib

from ..models import Issue
from ..text import fold


def issue_fingerprint(issue: Issue) -> str:
    digest = hashlib.sha256()
    for doc in issue.documents:
        for part in (doc.wenhao_normalized, doc.date and doc.date.isoformat(), fold(doc.title), fold(doc.body)):
            digest.update((part or "").encode("utf-8") + b"\x1f")
        digest.update(b"\x1e")
    digest.update(b"\x1d" + fold(issue.chronicle_title or "").encode("utf-8"))
    for entry in issue.chronicle:
        digest.update(f"{entry.date}|{entry.end_date}|{fold(entry.text)}".encode() + b"\x1e")
    return digest.hexdigest()


def same_issue(a: Issue, b: Issue) -> bool:
    """The same issue with the same records: equal fingerprints and ids (or one of them without a 期)."""
    return issue_fingerprint(a) == issue_fingerprint(b) and (a.id == b.id or a.number is None or b.number is None)


def duplicates(issues: list[Issue]) -> list[tuple[Issue, Issue]]:
    """(kept, duplicate) pairs among parsed issues, the first of each set kept: for the index builder."""
    seen: dict[str, Issue] = {}
    out = []
    for issue in issues:
        key = issue_fingerprint(issue)
        if key in seen and same_issue(seen[key], issue):
            out.append((seen[key], issue))
        else:
            seen.setdefault(key, issue)
    return out
