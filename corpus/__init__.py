"""Gazette text → Issue / Document / Clause / ChronicleEntry records.

Knows nothing of jieba or the index. Entry points: `parse_file`, `parse_files`, `iter_corpus_files`,
`add_to_corpus` (for `gazette add`), `issue_fingerprint` / `same_issue` (one issue in two files),
`merge_pieces` (an issue kept in several files).
"""

from __future__ import annotations

from pathlib import Path

from .collection.files import CORPUS_SUFFIXES, CorpusFiles, SkippedFile, iter_corpus_files
from .collection.identity import duplicates, issue_fingerprint, same_issue
from .collection.manifest import BUNDLED_CORPUS, load_manifest
from .collection.pieces import merge_pieces
from .errors import GazetteParseError
from .models import ChronicleEntry, Clause, Document, Issue, TocEntry
from .offices import load_offices
from .pipeline import parse_issue
from .readers.source import read_source

# Bump when the parser reads the same file into different records: indexes built before are rebuilt.
PARSER_VERSION = "11"

__all__ = [
    "BUNDLED_CORPUS",
    "CORPUS_SUFFIXES",
    "PARSER_VERSION",
    "ChronicleEntry",
    "Clause",
    "CorpusFiles",
    "Document",
    "GazetteParseError",
    "Issue",
    "SkippedFile",
    "TocEntry",
    "add_to_corpus",
    "duplicates",
    "issue_fingerprint",
    "iter_corpus_files",
    "merge_pieces",
    "parse_file",
    "parse_files",
    "same_issue",
]


def parse_file(path: str | Path, year: int | None = None) -> Issue:
    """Parse one issue file (text, saved HTML page or PDF). Raises GazetteParseError naming the file.

    The folder's manifest.json and offices.json apply; `year` is used when neither the file nor the
    manifest gives one (a 大事记 printed on its own).
    """
    path = Path(path)
    manifest = load_manifest(path.parent).get(path.name)
    return parse_issue(read_source(path), manifest, offices=load_offices(path.parent), year=year)


def parse_files(paths) -> tuple[list[Issue], list[GazetteParseError]]:
    """Parse several files; a bad file is reported, the good ones are still parsed."""
    issues, errors = [], []
    for path in paths:
        try:
            issues.append(parse_file(path))
        except GazetteParseError as exc:
            errors.append(exc)
    return issues, errors


def add_to_corpus(files, corpus_dir, year=None, **options):
    """See corpus.ingest.add_to_corpus."""
    from .ingest import add_to_corpus as add

    return add(files, corpus_dir, year, **options)
