"""Decoding every way a gazette file comes (UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030),
errors that name the line of a stray byte or a NUL, and a broken manifest.json reported as
`manifest.json:line:col: …` instead of a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import corpus
from corpus import BUNDLED_CORPUS, GazetteParseError
from corpus.collection.manifest import load_manifest
from corpus.readers.decoding import decode_bytes

CORPUS = BUNDLED_CORPUS
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"
SMALL = (
    "兴安盟行政公署关于印发实施方案的通知\n\n兴署发〔2022〕7号\n\n各旗县市人民政府：\n\n"
    "现将实施方案印发给你们，请认真贯彻执行。\n\n2022年2月1日\n"
)


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
        ("gb18030", b""),
    ],
)
def test_every_supported_encoding_reads_the_same(tmp_path, encoding, bom):
    text = ISSUE_2023.read_text(encoding="utf-8")
    path = tmp_path / ISSUE_2023.name
    path.write_bytes(bom + text.encode(encoding))
    assert decode_bytes(path.read_bytes(), str(path)) == text
    issue = corpus.parse_file(path)
    assert [d.wenhao_normalized for d in issue.documents] == [
        "兴署发〔2023〕41号",
        "兴署发〔2023〕55号",
        "兴署联发〔2023〕3号",
        "兴署办发〔2023〕14号",
        "兴署办发〔2023〕18号",
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_read_with_a_note(tmp_path, encoding):
    """Windows' 记事本 saves "Unicode" as UTF-16LE; without its BOM the file was `第 2 行有 NUL 字节：是二进制文件…`."""
    text = ISSUE_2023.read_text(encoding="utf-8")
    path = tmp_path / ISSUE_2023.name
    path.write_bytes(text.encode(encoding))
    notes: list[str] = []
    assert decode_bytes(path.read_bytes(), str(path), notes) == text
    name = encoding.upper().replace("-LE", "LE").replace("-BE", "BE").replace("UTF-", "UTF-")
    assert notes == [f"文本为不带字节顺序标记（BOM）的 {name} 编码，已按 {name} 读取"]
    assert _read(path) == _read(ISSUE_2023)  # the same documents as the UTF-8 file


def test_a_file_of_utf8_and_gb18030_lines_is_read_line_by_line_with_a_note(tmp_path):
    """Two files joined, one UTF-8 and one GB18030: `既不是 UTF-8 也不是 GB18030：第 2 行有无法解码的字节`."""
    text = ISSUE_2023.read_text(encoding="utf-8")
    lines = text.split("\n")
    half = len(lines) // 2
    path = tmp_path / "joined.txt"
    path.write_bytes("\n".join(lines[:half]).encode("utf-8") + b"\n" + "\n".join(lines[half:]).encode("gb18030"))
    notes: list[str] = []
    assert decode_bytes(path.read_bytes(), str(path), notes) == text
    [note] = notes
    assert note.startswith(f"文件混用了 UTF-8 和 GB18030 两种编码（多半是几个文件拼在一起）：第 {half + 1}、")
    assert _read(path) == _read(ISSUE_2023)  # the same documents as the UTF-8 file
    # a UTF-8 text with one stray byte is not such a file: still an error naming the line
    broken = lines[:]
    path.write_bytes("\n".join(broken[:7]).encode("utf-8") + b"\n\xff" + "\n".join(broken[7:]).encode("utf-8"))
    with pytest.raises(GazetteParseError, match="无法解码的字节 0xFF"):
        decode_bytes(path.read_bytes(), str(path))


def test_gb18030_four_byte_characters_are_read_as_themselves(tmp_path):
    """Characters outside GB2312 and GBK (CJK Extension A and B, emoji) take four bytes in GB18030."""
    text = SMALL.replace("实施方案", "㐀𠀀𪚥实施方案😀")
    assert decode_bytes(text.encode("gb18030"), "x.txt") == text


def test_invisible_marks_inside_words_are_taken_out(tmp_path):
    """A BOM in the middle (files joined), zero-width spaces, a right-to-left override: 统\ufeff计 was
    not found by 统计, and U+202E printed a title reversed."""
    text = SMALL.replace("实施方案", "实\ufeff施\u200b方\u202e案").replace("各旗县市", "\ufeff各旗县市")
    path = tmp_path / "marks.txt"
    path.write_text(text, encoding="utf-8")
    issue = corpus.parse_file(path)
    [document] = issue.documents
    assert document.title == "兴安盟行政公署关于印发实施方案的通知"
    assert "实施方案印发给你们" in document.body and not any(ch in document.body for ch in "\ufeff\u200b\u202e")
    assert any("去掉了 7 个控制字符" in w for w in issue.warnings)


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("gb18030", b""), ("utf-16-le", b"\xff\xfe")])
def test_a_file_cut_in_its_last_character_is_read_without_it_with_a_note(tmp_path, encoding, bom):
    """A download cut short in the middle of a character: the stray byte at its very end refused the whole
    file (`UTF-8 文本中有无法解码的字节 0xE5（第 44 行）`)."""
    text = ISSUE_2023.read_text(encoding="utf-8").rstrip() + "兴"
    data = bom + text.encode(encoding)
    notes: list[str] = []
    assert decode_bytes(data[:-1], "cut.txt", notes) == text[:-1]
    assert notes == ["文件在最后一个字符的中间结束（文件不完整，多半是下载或复制时中断了），这半个字符已略去"]
    # a stray byte inside the text is still an error naming its line
    inside = text[:200].encode(encoding)[:-1] + text[200:].encode(encoding)
    with pytest.raises(GazetteParseError):
        decode_bytes(bom + inside, "stray.txt")


def test_a_big5_file_is_read_as_big5_and_simplified(tmp_path):
    """Big5 bytes are valid GB18030 too, as mojibake (测试 reads 代刚): the issue in traditional characters saved
    as Big5 was read so and found no document. Read as Big5 with a note, then simplified, it is the issue."""
    import opencc

    text = ISSUE_2023.read_text(encoding="utf-8")
    path = tmp_path / "big5.txt"
    path.write_bytes(opencc.OpenCC("s2t").convert(text).encode("cp950", errors="replace"))
    issue = corpus.parse_file(path)
    assert [d.wenhao_normalized for d in issue.documents] == [
        "兴署发〔2023〕41号",
        "兴署发〔2023〕55号",
        "兴署联发〔2023〕3号",
        "兴署办发〔2023〕14号",
        "兴署办发〔2023〕18号",
    ]
    assert any("BIG5" in w for w in issue.warnings)


def test_a_short_big5_page_is_simplified_too(tmp_path):
    """A page of a few lines changes too few characters for the traditional-text repair (a quotation is not a
    converted page); read as Big5 it is traditional by its encoding: 興署發〔2022〕1號 is 兴署发〔2022〕1号."""
    page = (
        '<html><head><meta charset="big5"></head><body><div id="zoom"><p>興安盟行政公署關於做好工作的通知</p>'
        "<p>興署發〔2022〕1號</p><p>各旗縣市人民政府：</p><p>現將有關事項通知如下，請認真貫徹執行。</p>"
        "<p>2022年1月1日</p></div></body></html>"
    )
    path = tmp_path / "big5.html"
    path.write_bytes(page.encode("cp950"))
    [document] = corpus.parse_file(path).documents
    assert (document.wenhao_normalized, document.title) == ("兴署发〔2022〕1号", "兴安盟行政公署关于做好工作的通知")


@pytest.mark.parametrize("name", ["000_50af7b231d7ea85e.txt", "002_aec23d992a7ebbae.txt"])
def test_gb18030_text_is_never_taken_for_big5(name):
    """The 2022 issue prints Mongolian script (GB18030's four-byte forms) beside its Chinese."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    notes: list[str] = []
    assert decode_bytes(text.encode("gb18030"), name, notes) == text and notes == []


def test_crlf_copy_parses_identically(tmp_path):
    text = ISSUE_2023.read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b" / "x.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert (
        corpus.parse_file(tmp_path / "a" / "x.txt").to_dict() == corpus.parse_file(tmp_path / "b" / "x.txt").to_dict()
    )


def error_of(path: Path) -> GazetteParseError:
    with pytest.raises(GazetteParseError) as info:
        corpus.parse_file(path)
    return info.value


def test_a_stray_byte_in_utf8_text_names_its_line(tmp_path):
    lines = SMALL.encode("utf-8").split(b"\n")
    lines[6] = lines[6][:9] + b"\xff" + lines[6][9:]  # inside 现将实施方案…, line 7
    path = tmp_path / "stray.txt"
    path.write_bytes(b"\n".join(lines))
    error = error_of(path)
    assert error.line == 7
    assert str(error).startswith(f"{path}:7: ")
    assert "0xFF" in error.message


def test_a_stray_byte_in_gb18030_text_names_its_line(tmp_path):
    data = SMALL.encode("gb18030").split(b"\n")
    data[4] = data[4] + b"\xff"  # line 5
    path = tmp_path / "gb.txt"
    path.write_bytes(b"\n".join(data))
    error = error_of(path)
    assert (error.line, str(error).startswith(f"{path}:5: ")) == (5, True)


@pytest.mark.parametrize("where", [3, 9])
def test_a_nul_anywhere_names_its_line(tmp_path, where):
    lines = SMALL.split("\n")
    lines[where - 1] += "\x00"
    path = tmp_path / "nul.txt"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    error = error_of(path)
    assert error.line == where and "NUL" in error.message


def test_a_nul_far_into_a_large_file_is_found(tmp_path):
    text = ISSUE_2023.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[600] = lines[600] + "\x00"
    path = tmp_path / "late.txt"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    assert error_of(path).line == 601


def test_a_bad_utf16_sequence_names_its_line(tmp_path):
    body = SMALL.encode("utf-16-le")
    cut = len("\n".join(SMALL.split("\n")[:4]).encode("utf-16-le"))  # the end of line 4
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + body[:cut] + b"\x00\xd8" + body[cut:])  # a lone high surrogate
    error = error_of(path)
    assert error.line == 4
    assert "UTF-16" in error.message


# --- manifest.json -----------------------------------------------------------------------------


def write_corpus(tmp_path, manifest_text):
    (tmp_path / "a.txt").write_text(SMALL, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(manifest_text, encoding="utf-8")
    return tmp_path / "a.txt"


def test_broken_manifest_names_line_and_column(tmp_path):
    path = write_corpus(tmp_path, '{\n  "files": {\n    "a.txt": {"year": 2022,}\n  }\n}\n')
    error = error_of(path)
    manifest = str(tmp_path / "manifest.json")
    assert error.source == manifest
    assert (error.line, error.column) == (3, 28)
    assert str(error).startswith(f"{manifest}:3:28: ")
    assert "JSON" in error.message


def test_manifest_value_of_the_wrong_type(tmp_path):
    path = write_corpus(tmp_path, json.dumps({"files": {"a.txt": {"year": "2022"}}}, indent=2))
    error = error_of(path)
    assert "year" in error.message and "整数" in error.message
    assert error.line == 4  # where "year" is written


@pytest.mark.parametrize("year, says", [(99999999999, "1949 到 2100"), (-5, "1949 到 2100"), (10000, "1949 到 2100")])
def test_a_manifest_year_no_gazette_has_is_an_error_where_it_is_written(tmp_path, year, says):
    """A 大事记 dated by its manifest: 99999999999 stopped the parse with 解析出错（OverflowError: signed integer is
    greater than maximum，dates.py:61）, -5 and 10000 made an issue -5-… whose entries lost their dates."""
    (tmp_path / "a.txt").write_text("大事记\n\n1月1日 盟行署召开测试工作会议。\n", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps({"files": {"a.txt": {"year": year}}}, indent=2), encoding="utf-8"
    )
    error = error_of(tmp_path / "a.txt")
    assert error.source == str(tmp_path / "manifest.json") and error.line == 4 and says in error.message


def test_manifest_numbers_are_not_negative(tmp_path):
    error = error_of(write_corpus(tmp_path, json.dumps({"files": {"a.txt": {"number": -1}}}, indent=2)))
    assert "负数" in error.message and error.line == 4


def test_manifest_text_with_control_characters_is_an_error_where_it_is_written(tmp_path):
    """ "publication": "\u001b]0;…\u0007公报" retitled the terminal of whoever ran gazette parse (the label
    prints it as it is)."""
    manifest = {"publication": "\u001b[2J\u001b]0;x\u0007公报", "files": {"a.txt": {"year": 2022}}}
    error = error_of(write_corpus(tmp_path, json.dumps(manifest, indent=2)))
    assert "publication 含有控制字符" in error.message and "\\u001b" in error.message and error.line == 2
    assert "\x1b" not in str(error)


def test_office_names_with_control_characters_are_an_error_where_they_are_written(tmp_path):
    from corpus.offices import load_offices

    (tmp_path / "offices.json").write_text(
        json.dumps({"codes": {"某政发": {"offices": ["某\u001b[2J政府"]}}}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    with pytest.raises(GazetteParseError) as info:
        load_offices(tmp_path)
    assert "不含控制字符" in str(info.value) and info.value.line == 3


def test_manifest_that_is_not_an_object(tmp_path):
    error = error_of(write_corpus(tmp_path, "[1, 2]"))
    assert (error.line, error.column) == (1, 1)


def test_manifest_issue_facts_are_shared_by_its_files(tmp_path):
    write_corpus(
        tmp_path,
        json.dumps(
            {
                "publication": "兴安盟行政公署公报",
                "issues": {"2022-1": {"year": 2022, "number": 1, "total_number": 77}},
                "files": {"a.txt": {"issue": "2022-1", "part": 2}, "b.txt": {"issue": "2022-1", "number": 3}},
            }
        ),
    )
    entries = load_manifest(tmp_path)
    assert (entries["a.txt"].year, entries["a.txt"].number, entries["a.txt"].part) == (2022, 1, 2)
    assert entries["b.txt"].number == 3  # the file's own fact wins
    assert entries["a.txt"].publication == "兴安盟行政公署公报"


def test_the_bundled_manifest_loads():
    entries = load_manifest(CORPUS)
    assert entries["000_50af7b231d7ea85e.txt"].year == 2022
    assert entries["002_aec23d992a7ebbae.txt"].number is None


def _read(path: Path) -> list[tuple]:
    return [(d.title, d.wenhao_normalized, d.offices, d.date, d.body) for d in corpus.parse_file(path).documents]
