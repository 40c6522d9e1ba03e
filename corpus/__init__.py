"""Gazette text → Issue / Document / Clause / ChronicleEntry records.

Knows nothing of jieba or the index. Entry points: `parse_file`, `parse_files`, `iter_corpus_files`.
"""
from __future__ import annotations

from pathlib import Path

from .errors import GazetteParseError
from .issue import parse_issue
from .manifest import BUNDLED_CORPUS, load_manifest
from .models import ChronicleEntry, Clause, Document, Issue, TocEntry
from .reader import read_source

CORPUS_SUFFIXES = {".txt", ".html", ".htm"}
# Bump when the parser reads the same file into different records: indexes built before are rebuilt.
PARSER_VERSION = "3"

__all__ = [
    "BUNDLED_CORPUS", "PARSER_VERSION", "ChronicleEntry", "Clause", "Document", "GazetteParseError", "Issue", "TocEntry",
    "iter_corpus_files", "parse_file", "parse_files",
]


def parse_file(path: str | Path) -> Issue:
    """Parse one issue file (text or saved HTML page). Raises GazetteParseError naming the file."""
    path = Path(path)
    manifest = load_manifest(path.parent).get(path.name)
    return parse_issue(read_source(path), manifest)


def parse_files(paths) -> tuple[list[Issue], list[GazetteParseError]]:
    """Parse several files; a bad file is reported, the good ones are still parsed."""
    issues, errors = [], []
    for path in paths:
        try:
            issues.append(parse_file(path))
        except GazetteParseError as exc:
            errors.append(exc)
    return issues, errors


def iter_corpus_files(directory: str | Path = BUNDLED_CORPUS) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        raise GazetteParseError(str(directory), "corpus directory does not exist")
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in CORPUS_SUFFIXES and p.is_file())
