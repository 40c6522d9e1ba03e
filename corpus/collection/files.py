"""Which files of a corpus folder are issues, and what else is there (reported, never skipped silently)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import GazetteParseError, shown
from ..offices import OFFICES_NAME
from ..readers.docx import DOCX_SUFFIXES
from ..readers.formats import unsupported_suffix
from ..readers.mhtml import MHTML_SUFFIXES
from .manifest import BUNDLED_CORPUS, MANIFEST_NAME

CORPUS_SUFFIXES = (
    {".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".pdf"} | MHTML_SUFFIXES | DOCX_SUFFIXES
)
# Files a corpus folder holds besides issues: read by the parser, not sources themselves.
CONFIG_FILES = {MANIFEST_NAME, OFFICES_NAME}
# A build keeps each issue as builds/…/issues/<file name>.json: with ".json" the name must fit the 255
# bytes a file name may have on Linux file systems.
MAX_NAME_BYTES = 250


def unsupported_type(suffix: str) -> str:
    """Why a file of this suffix is not read, in Chinese: what it is and what to do for the kinds
    researchers bring (Word, WPS, OFD, images …), else the suffixes read."""
    known = "、".join(sorted(CORPUS_SUFFIXES))
    return unsupported_suffix(suffix) or f"不支持的文件类型“{suffix or '（无后缀）'}”（支持 {known}）"


def name_problem(name: str) -> str | None:
    """Why a file of this name cannot be an issue of the corpus (in Chinese), or None when it can."""
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:
        return "文件名不是有效的 UTF-8 编码，未读取：请把文件改成 UTF-8 文件名"
    if size > MAX_NAME_BYTES:
        return f"文件名过长（{size} 字节，上限 {MAX_NAME_BYTES} 字节），未读取：请改用短一些的文件名"
    if not name.isprintable():
        return "文件名含有换行符或其他控制字符，未读取：请改名"
    return None


@dataclass
class SkippedFile:
    path: Path
    reason: str  # in Chinese, for the user

    def __str__(self) -> str:
        return f"{shown(str(self.path))}: {self.reason}"


class CorpusFiles(list):
    """The issue files of a corpus folder (a list of Paths, sorted), and `.skipped`: what else is there."""

    def __init__(self, files, skipped):
        super().__init__(files)
        self.skipped: list[SkippedFile] = skipped


def iter_corpus_files(directory: str | Path = BUNDLED_CORPUS) -> CorpusFiles:
    """Issue files (.txt, .html, .pdf…) of a corpus folder, sorted; `.skipped` lists the other files.

    Nothing is passed over silently: a file with another suffix, a hidden file, a folder inside the
    corpus folder, a symbolic link, a device or pipe, a name that is not UTF-8, too long or holds a
    control character each get a reason the caller can show. manifest.json and offices.json are not
    listed.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GazetteParseError(str(directory), "语料文件夹不存在")
    files, skipped = [], []
    for path in sorted(directory.iterdir()):
        if path.name in CONFIG_FILES:
            continue
        if path.is_symlink():  # a link could bring in any file of the machine: only what the folder holds is read
            skipped.append(SkippedFile(path, "是符号链接，未读取：语料文件夹只读取其中的普通文件"))
        elif path.is_dir():
            skipped.append(SkippedFile(path, "是文件夹：语料文件夹里的子文件夹不会被读取"))
        elif path.name.startswith("."):
            skipped.append(SkippedFile(path, "隐藏文件，未读取"))
        elif path.suffix.lower() not in CORPUS_SUFFIXES:
            skipped.append(SkippedFile(path, unsupported_type(path.suffix) + "，未读取"))
        elif not path.is_file():
            skipped.append(SkippedFile(path, "不是普通文件（设备、管道或套接字），未读取"))
        elif problem := name_problem(path.name):
            skipped.append(SkippedFile(path, problem))
        else:
            files.append(path)
    return CorpusFiles(files, skipped)
