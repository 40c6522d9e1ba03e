"""The way one file becomes an Issue: readers → elements → records → facts.

`corpus.readers` turn a file into numbered lines, `corpus.elements` turn lines into paragraphs and
recognise the parts of an official document in them, `corpus.records` assemble the Issue with its
documents, clauses, tables and 大事记 entries, and `corpus.facts` read what the records state
(leading groups here; validity and links across issues at build time). Each stage imports only the
stages before it.
"""

from __future__ import annotations

from .collection.manifest import file_sha256
from .facts.groups import find_groups
from .models import Issue, ManifestEntry
from .offices import OfficeRegistry
from .readers.source import SourceText
from .records.issue import assemble_issue


def parse_issue(
    src: SourceText,
    manifest: ManifestEntry | None = None,
    *,
    offices: OfficeRegistry | None = None,
    year: int | None = None,
) -> Issue:
    """The issue in `src`. `manifest`: what the corpus folder knows of the file; `offices`: the 代字 map
    (the shipped one by default); `year`: the year when neither the text nor the manifest gives one
    (a 大事记 printed on its own)."""
    issue = assemble_issue(src, manifest, offices=offices, year=year)
    if manifest and src.kind == "text" and manifest.sha256 and file_sha256(src.path) != manifest.sha256:
        issue.warnings.insert(
            len(src.warnings), f"{src.name}: 文件与 manifest.json 记录的 sha256 不同，manifest 中的信息可能不适用"
        )
    for doc in issue.documents:
        doc.groups = find_groups(doc)
    return issue
