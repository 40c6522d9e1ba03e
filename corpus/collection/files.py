"""Which files of a corpus folder are issues, and what else is there (reported, never skipped silently)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import GazetteParseError
from ..offices import OFFICES_NAME
from .manifest import BUNDLED_CORPUS, MANIFEST_NAME

CORPUS_SUFFIXES = {".txt", ".html", ".htm", ".shtml", ".xhtml", ".pdf"}
# Files a corpus folder holds besides issues: read by the parser, not sources themselves.
CONFIG_FILES = {MANIFEST_NAME, OFFICES_NAME}


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
        raise GazetteParseError(str(directory), "语料文件夹不存在")
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
            skipped.append(
                SkippedFile(path, f"不支持的文件类型“{path.suffix or '（无后缀）'}”，未读取（支持 {known}）")
            )
        elif path.is_file():
            files.append(path)
        else:
            skipped.append(SkippedFile(path, "不是普通文件，未读取"))
    return CorpusFiles(files, skipped)
