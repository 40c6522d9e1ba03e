"""Gazette text → Issue / Document / Clause / ChronicleEntry records.

Knows nothing of jieba or the index. Entry points: `parse_file`, `parse_files`, `iter_corpus_files`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import GazetteParseError
from .issue import parse_issue
from .manifest import BUNDLED_CORPUS, MANIFEST_NAME, load_manifest
from .offices import OFFICES_NAME
from .models import ChronicleEntry, Clause, Document, Issue, TocEntry
from .reader import read_source

CORPUS_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".xhtml", ".pdf"}
# Files a corpus folder holds besides issues: read by the parser, not sources themselves.
CONFIG_FILES = {MANIFEST_NAME, OFFICES_NAME}

__all__ = [
    "BUNDLED_CORPUS", "ChronicleEntry", "Clause", "CorpusFiles", "Document", "GazetteParseError", "Issue",
    "SkippedFile", "TocEntry", "iter_corpus_files", "parse_file", "parse_files",
]


def parse_file(path: str | Path) -> Issue:
    """Parse one issue file (text, saved HTML page or PDF). Raises GazetteParseError naming the file."""
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


@dataclass
class SkippedFile:
    path: Path
    reason: str  # in Chinese, for the user

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class CorpusFiles(list):
    """The issue files of a corpus folder (a list of Paths, sorted), and `.skipped`: what else is there."""

    def __init__(self, files, skipped):
        super().__init__(files)
        self.skipped: list[SkippedFile] = skipped


def iter_corpus_files(directory: str | Path = BUNDLED_CORPUS) -> CorpusFiles:
    """Issue files (.txt, .html, .pdf…) of a corpus folder, sorted; `.skipped` lists the other files.

    Nothing is passed over silently: a file with another suffix, a hidden file, a folder inside the
    corpus folder each get a reason the caller can show. manifest.json and offices.json are not listed.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GazetteParseError(str(directory), "corpus directory does not exist")
    files, skipped = [], []
    for path in sorted(directory.iterdir()):
        if path.name in CONFIG_FILES:
            continue
        if path.is_dir():
            skipped.append(SkippedFile(path, "是文件夹：语料文件夹里的子文件夹不会被读取"))
        elif path.name.startswith("."):
            skipped.append(SkippedFile(path, "隐藏文件，未读取"))
        elif path.suffix.lower() not in CORPUS_SUFFIXES:
            known = "、".join(sorted(CORPUS_SUFFIXES))
            skipped.append(SkippedFile(path, f"不支持的文件类型“{path.suffix or '（无后缀）'}”，未读取（支持 {known}）"))
        elif path.is_file():
            files.append(path)
        else:
            skipped.append(SkippedFile(path, "不是普通文件，未读取"))
    return CorpusFiles(files, skipped)
