"""Files the reader does not read, or reads only in part, say so in Chinese (issue 19's kind): a Word, WPS,
OFD or image file says what it is and what to do with it; a pipe or device is refused at once (it blocked
the worker until the parse timeout); a text past the size the reader takes is read to its last whole line
within it, with a note; a web page saved under a PDF's name says it is not a PDF."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hostile_files import parse_error

from corpus import iter_corpus_files
from corpus.readers import source
from indexer.bounded import Limits, run_bounded

NOTICE = "兴安盟行政公署关于印发统计工作方案的通知\n兴署发〔2022〕6号\n\n各旗县市人民政府：\n现将《统计工作方案》印发给你们，请认真贯彻执行。\n\n兴安盟行政公署\n2022年3月1日\n"


def _zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return path


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        # a Word document is read (test_corpus_docx.py); one without its body is not
        (
            "通知.docx",
            lambda p: _zip(p, ["[Content_Types].xml", "word/styles.xml"]),
            "是 Word 或 WPS 文档（.docx），但其中没有正文",
        ),
        (
            "通知.txt",
            lambda p: _zip(p, ["[Content_Types].xml", "word/styles.xml"]),
            "是 Word 或 WPS 文档（.docx），但其中没有正文",
        ),
        ("公报.ofd", lambda p: _zip(p, ["OFD.xml", "Doc_0/Document.xml"]), "是 OFD 版式文件（.ofd）"),
        ("公报.pdf", lambda p: _zip(p, ["OFD.xml", "Doc_0/Document.xml"]), "是 OFD 版式文件（.ofd）"),  # renamed
        ("通知.doc", lambda p: p.write_bytes(OLE), "是 Word、WPS 或 Excel 的旧格式文档"),
        ("通知.wps", lambda p: p.write_bytes(OLE), "是 Word、WPS 或 Excel 的旧格式文档"),
        ("通知.txt", lambda p: p.write_bytes(b"{\\rtf1\\ansi \\u20851? }"), "是 RTF 文档"),
        ("扫描.txt", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100)), "是 JPEG 图片"),
        ("公报.zip", lambda p: _zip(p, ["a.pdf"]), "是压缩包（.zip）"),
    ],
)
def test_a_file_of_a_kind_not_read_says_what_it_is_and_what_to_do(tmp_path, name, make, says):
    """Before: `第 1 行有 NUL 字节：是二进制文件…` for a Word file, `PDF 文件已损坏（… No /Root object!）` for an OFD."""
    path = tmp_path / name
    make(path)
    message = parse_error(path)
    assert message.startswith(f"{path}: {says}"), message
    assert "不支持直接读取：" in message and "再导入" in message  # and what to do


def test_the_corpus_folder_names_what_a_word_file_is(tmp_path):
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "通知.doc").write_bytes(b"PK")
    (tmp_path / "公报.ofd").write_bytes(b"PK")
    skipped = {s.path.name: s.reason for s in iter_corpus_files(tmp_path).skipped}
    assert skipped["通知.doc"].startswith(
        "是 Word 97-2003 文档（.doc），不支持直接读取：请在 Word 或 WPS 中“另存为”PDF"
    )
    assert skipped["公报.ofd"].startswith("是 OFD 版式文件（.ofd），不支持直接读取：请用 OFD 阅读器")


def _parse_message(path: Path) -> str:
    return parse_error(path)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_given_as_a_file_is_refused_at_once(tmp_path, kind):
    """A named pipe no one writes to blocked the worker until it was killed at the parse timeout (300 s);
    /dev/zero would be read for ever. In a bounded worker here, so a regression fails instead of hanging."""
    if kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    [(outcome, message)] = run_bounded(_parse_message, [path], Limits(seconds=20, memory_mb=512))
    assert outcome == "ok", message  # the reader answered, not the time limit
    assert message == f"{path}: 不是普通文件（管道、设备或套接字），未读取"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_a_text_past_the_size_read_is_read_to_its_last_whole_line_with_a_note(tmp_path, monkeypatch, encoding):
    """A text is read up to MAX_TEXT_BYTES (a file that grows while it is read, or a 10 GB log renamed
    .txt, took the worker's memory): what follows its last whole line within them is left out, said."""
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 4_000)
    filler = "".join(f"第{k}行：本行是为了让文件变大而写的文字，没有别的意思。\n" for k in range(400))
    path = tmp_path / "big.txt"
    path.write_bytes((NOTICE + filler).encode(encoding))  # utf-16: with its BOM
    read = source.read_source(path)
    assert read.lines[0] == "兴安盟行政公署关于印发统计工作方案的通知"
    last = [line for line in read.lines if line][-1]
    assert last.startswith("第") and last.endswith("没有别的意思。")  # a whole line, nothing half-decoded
    assert "第399行" not in "\n".join(read.lines)
    [note] = [w for w in read.warnings if "只读取了" in w]
    assert (
        note
        == f"big.txt: 文件超过 4,000 字节，只读取了前 4,000 字节（第 1–{len(read.lines)} 行），其后的内容未读取：请把文件拆成几份再导入"
    )


def test_a_web_page_saved_under_a_pdf_s_name_says_it_is_not_a_pdf(tmp_path):
    """Before: `PDF 文件已损坏，无法读取（pdfminer 的说明：No /Root object! - Is this really a PDF?）`."""
    path = tmp_path / "公报.pdf"
    path.write_text("<!DOCTYPE html><html><head><title>404</title></head><body>页面不存在</body></html>", "utf-8")
    assert parse_error(path).startswith(f"{path}: 扩展名是 .pdf，内容却是网页（HTML）、不是 PDF")
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    assert parse_error(empty) == f"{empty}: 空文件：没有任何内容"


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("manifest.json", os.mkfifo, "不是普通文件（管道、设备或套接字），未读取"),  # before: every build hung
        ("offices.json", lambda p: p.symlink_to("/dev/zero"), "不是普通文件（管道、设备或套接字），未读取"),
        ("manifest.json", lambda p: p.write_bytes(b" " * (33 << 20)), "文件过大（超过 32 MB），未读取"),
    ],
)
def test_a_corpus_folder_s_json_file_that_is_no_small_file_is_an_error_naming_it(tmp_path, name, make, says):
    """manifest.json and offices.json are read by the build itself, not in a bounded worker: a named pipe
    in their place hung every build, a link to /dev/zero filled the memory (and the error blamed the
    issue file being parsed: `内存超限`)."""
    issue = tmp_path / "a.txt"
    issue.write_text(NOTICE, encoding="utf-8")
    make(tmp_path / name)
    [(outcome, message)] = run_bounded(_parse_message, [issue], Limits(seconds=20, memory_mb=512))
    assert outcome == "ok", message
    assert message.startswith(f"{tmp_path / name}: {says}")


def test_a_build_hashes_a_large_file_a_block_at_a_time(tmp_path):
    """A build hashes every corpus file itself (not in a bounded worker): read whole, a 10 GB file in the
    folder took 10 GB of the build's memory. 48 MB here; its hash is the file's."""
    import hashlib
    import tracemalloc

    from corpus.collection.manifest import file_sha256

    path = tmp_path / "big.txt"
    block = "兴安盟行政公署关于统计工作的通知。\n".encode() * 20_000
    with open(path, "wb") as fh:
        for _ in range(48 << 20 // len(block)):
            fh.write(block)
    tracemalloc.start()
    try:
        digest = file_sha256(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert peak < 4 << 20, peak
