"""Files the reader does not read — Word, WPS, OFD, images, archives … — told apart by name and first bytes,
so that the message says what the file is and what to do with it, in Chinese.

A Word document given as an issue used to be "第 1 行有 NUL 字节：是二进制文件…", an OFD renamed .pdf "PDF 文件
已损坏（pdfminer 的说明：No /Root object!）": true, but no help to the researcher who saved the file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_SAVE_AS = "请在 Word 或 WPS 中“另存为”PDF、网页（.html）或纯文本（.txt）后再导入"
_SCANNED = "图片没有文字层，需要先做 OCR 文字识别（如用 WPS、ABBYY 识别为文字后另存为 .txt 或 .pdf）再导入"

# suffix → (what it is, what to do)
_BY_SUFFIX = {
    ".doc": ("Word 97-2003 文档（.doc）", _SAVE_AS),
    ".dot": ("Word 模板（.dot）", _SAVE_AS),
    ".dotx": ("Word 模板（.dotx）", _SAVE_AS),
    ".wps": ("WPS 文字文档（.wps）", _SAVE_AS),
    ".wpt": ("WPS 文字模板（.wpt）", _SAVE_AS),
    ".rtf": ("RTF 文档（.rtf）", _SAVE_AS),
    ".odt": ("OpenDocument 文档（.odt）", _SAVE_AS),
    ".ofd": ("OFD 版式文件（.ofd）", "请用 OFD 阅读器（数科、福昕等）“另存为”或“打印”为 PDF 后再导入"),
    ".ceb": ("方正 CEB 文件（.ceb）", "请用方正 Apabi Reader 打印为 PDF 后再导入"),
    ".caj": ("知网 CAJ 文件（.caj）", "请用 CAJViewer 另存为 PDF 或文本后再导入"),
    ".kdh": ("知网 KDH 文件（.kdh）", "请用 CAJViewer 另存为 PDF 或文本后再导入"),
    ".nh": ("知网 NH 文件（.nh）", "请用 CAJViewer 另存为 PDF 或文本后再导入"),
    ".xls": ("Excel 表格（.xls）", "公报检索只读取公报的文字：请把表格所在的公文另存为 PDF、网页或文本"),
    ".xlsx": ("Excel 表格（.xlsx）", "公报检索只读取公报的文字：请把表格所在的公文另存为 PDF、网页或文本"),
    ".et": ("WPS 表格（.et）", "公报检索只读取公报的文字：请把表格所在的公文另存为 PDF、网页或文本"),
    ".ppt": ("PowerPoint 演示文稿（.ppt）", "请另存为 PDF 后再导入"),
    ".pptx": ("PowerPoint 演示文稿（.pptx）", "请另存为 PDF 后再导入"),
    ".dps": ("WPS 演示文稿（.dps）", "请另存为 PDF 后再导入"),
    ".jpg": ("图片（.jpg）", _SCANNED),
    ".jpeg": ("图片（.jpeg）", _SCANNED),
    ".png": ("图片（.png）", _SCANNED),
    ".tif": ("图片（.tif）", _SCANNED),
    ".tiff": ("图片（.tiff）", _SCANNED),
    ".gif": ("图片（.gif）", _SCANNED),
    ".bmp": ("图片（.bmp）", _SCANNED),
    ".webp": ("图片（.webp）", _SCANNED),
    ".zip": ("压缩包（.zip）", "请先解压，再导入其中的 PDF、网页或文本文件"),
    ".rar": ("压缩包（.rar）", "请先解压，再导入其中的 PDF、网页或文本文件"),
    ".7z": ("压缩包（.7z）", "请先解压，再导入其中的 PDF、网页或文本文件"),
    ".gz": ("压缩文件（.gz）", "请先解压，再导入其中的 PDF、网页或文本文件"),
}

# first bytes → (what it is, what to do), for a file whose name does not say (or says .txt / .pdf)
_BY_MAGIC = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        ("Word、WPS 或 Excel 的旧格式文档（OLE 复合文档，.doc/.wps/.xls）", _SAVE_AS),
    ),
    (b"{\\rtf", ("RTF 文档", _SAVE_AS)),
    (b"\xff\xd8\xff", ("JPEG 图片", _SCANNED)),
    (b"\x89PNG\r\n\x1a\n", ("PNG 图片", _SCANNED)),
    (b"II*\x00", ("TIFF 图片", _SCANNED)),
    (b"MM\x00*", ("TIFF 图片", _SCANNED)),
    (b"GIF8", ("GIF 图片", _SCANNED)),
    (b"Rar!", ("RAR 压缩包", "请先解压，再导入其中的 PDF、网页或文本文件")),
    (b"7z\xbc\xaf\x27\x1c", ("7z 压缩包", "请先解压，再导入其中的 PDF、网页或文本文件")),
    (b"\x1f\x8b", ("gzip 压缩文件", "请先解压，再导入其中的 PDF、网页或文本文件")),
)
_ZIP = b"PK\x03\x04"
MAX_ZIP_NAMES = 2_000  # what is looked at of an archive's listing (a Word document has a few dozen)


def unsupported(path: Path, head: bytes) -> str | None:
    """`是 Word 文档（.docx），不支持直接读取：请…` when the file is of a kind the reader does not read, by its
    first bytes (whatever its name) or else its name; None for what may be a PDF, a web page or text."""
    found = _by_content(path, head) or _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        return None
    return _message(*found)


def unsupported_suffix(suffix: str) -> str | None:
    """The same message from a name alone (a corpus folder's listing, before anything is read)."""
    found = _BY_SUFFIX.get(suffix.lower())
    return _message(*found) if found else None


def _message(what: str, todo: str) -> str:
    return f"是{' ' if what[0].isascii() else ''}{what}，不支持直接读取：{todo}"


def _by_content(path: Path, head: bytes) -> tuple[str, str] | None:
    for magic, found in _BY_MAGIC:
        if head.startswith(magic):
            return found
    if head.startswith(_ZIP):
        return _zip_kind(path)
    return None


def _zip_kind(path: Path) -> tuple[str, str]:
    """What a ZIP container holds: a Word/WPS document (word/document.xml), an OFD (OFD.xml), a sheet …"""
    names: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist()[:MAX_ZIP_NAMES]:
                names.append(info.filename)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        names = []
    if any(name.startswith("word/") for name in names):  # one with word/document.xml is read (docx.py)
        return ("Word 或 WPS 文档（.docx），但其中没有正文（word/document.xml）", _SAVE_AS)
    if any(name.rsplit("/", 1)[-1] == "OFD.xml" for name in names):
        return _BY_SUFFIX[".ofd"]
    if any(name.startswith("xl/") for name in names):
        return _BY_SUFFIX[".xlsx"]
    if any(name.startswith("ppt/") for name in names):
        return _BY_SUFFIX[".pptx"]
    if "content.xml" in names:
        return _BY_SUFFIX[".odt"]
    return _BY_SUFFIX[".zip"]
