"""PDFs built to break the reader (issue 19) fail fast with a clear `file: …` error instead of looping,
exploding or overflowing the stack; each is generated here (tests/hostile_files.py). They run in a
bounded worker (indexer.bounded), so a regression fails the test instead of hanging the suite."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile_files import (
    array_cycle,
    character_map_range,
    contents_many_times,
    declared_pages,
    flate_bomb,
    glyph_flood,
    long_string,
    many_pages,
    mediabox_cycle,
    operator_flood,
    parse_error,
    reference_chain,
    rule_grid,
    shared_character_maps,
    xobject_bomb,
    xobject_fan,
    xref_stream_overclaim,
)

from corpus.readers import pdfguard
from indexer.bounded import Limits, run_bounded


def parse_bounded(path: Path, seconds: float = 60) -> str:
    [(kind, value)] = run_bounded(parse_error, [path], Limits(seconds=seconds, memory_mb=1024))
    assert kind == "ok", value  # the reader answered (with its error) within the limits
    return str(value)


@pytest.mark.alone  # timed (at once: under 30 s): run after the parallel run, not beside another worker
@pytest.mark.parametrize(
    ("make", "says"),
    [
        (mediabox_cycle, "对象引用成环"),  # before: 100% CPU for ever
        (reference_chain, "间接引用链过长"),  # before: MalformedPDFException traceback naming no file
        (xobject_bomb, "XObject 嵌套超过"),  # before: 2^30 draws, memory growing ~19 MB/s
        (xobject_fan, "绘制 XObject 超过"),  # 8^8 draws within the depth bound
        (array_cycle, "PDF 文件已损坏"),
        (flate_bomb, "数据流解压后超过 64 MB"),  # before: 200 MB inflated, then past the parse timeout
        (long_string, "超过 4 MB 的单个字符串"),  # before: a 20 MB string past the timeout at 1.3 GB
        (character_map_range, "字符映射表超过 200,000 项"),  # before: MemoryError after 35 s at 1.6 GB
        (glyph_flood, "页面的字符超过 50,000 个"),  # before: 200,000 glyphs in 23 s, 400 KB of file
        (xref_stream_overclaim, "PDF 里没有任何文字"),
        (
            lambda p: contents_many_times(p, 20_000),
            "页面的内容流超过 10,000 个",
        ),  # an empty stream, named 20,000 times  # before: 2^31 declared objects walked, past the timeout
    ],
)
def test_a_hostile_pdf_is_one_clear_error_at_once(tmp_path, make, says):
    path = make(tmp_path / "hostile.pdf")
    started = time.monotonic()
    message = parse_bounded(path)
    assert time.monotonic() - started < 30
    assert message.startswith(f"{path}: ") and says in message, message


def test_a_page_past_its_operators_is_refused_with_its_number(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfguard, "MAX_PAGE_TOKENS", 20_000)
    message = parse_bounded(operator_flood(tmp_path / "flood.pdf", 50_000))
    assert "第 1 页" in message and "绘制指令超过 20,000 个" in message


def test_the_whole_files_operators_are_bounded_too(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfguard, "MAX_DOCUMENT_TOKENS", 2_000)
    message = parse_bounded(many_pages(tmp_path / "pages.pdf", 400))
    assert "全部页面的绘制指令超过 2,000 个" in message


def test_the_whole_files_character_maps_are_bounded_too(tmp_path, monkeypatch):
    """Fonts sharing one full map each read it again (0.15 s a font: a thousand fonts in a 100 KB file ran
    past the parse timeout); all of a file's maps together are bounded."""
    monkeypatch.setattr(pdfguard, "MAX_DOCUMENT_MAP_ENTRIES", 300_000)
    message = parse_bounded(shared_character_maps(tmp_path / "fonts.pdf", 8))  # 8 × 65,536 entries
    assert "全部字体的字符映射表合计超过 300,000 项" in message, message

    declared = declared_pages(tmp_path / "declared.pdf", 100_000)  # one page that says it is 100,000
    assert "超过" not in parse_bounded(declared)
    many = many_pages(tmp_path / "many.pdf", pdfguard.MAX_PAGES + 1)
    started = time.monotonic()
    assert f"PDF 超过 {pdfguard.MAX_PAGES} 页" in parse_bounded(many)
    assert time.monotonic() - started < 30  # refused from the page tree, before any page is read


@pytest.mark.alone  # timed: run after the parallel run, not beside another worker
def test_a_damaged_flate_stream_is_read_in_linear_time_as_pdfminer_read_it():
    """pdfminer reads a Flate stream with a wrong checksum byte by byte, joining its output each time
    (quadratic: a 4 MB page's content took minutes); the bounded reading gives what it gave."""
    import zlib

    def damaged(n: int) -> bytes:
        return zlib.compress(b"BT (x) Tj ET " * n)[:-4] + b"\0\0\0\0"

    for n in (1, 50, 5_000):
        assert pdfguard._decompress_corrupted(damaged(n)) == b"BT (x) Tj ET " * n
    with pytest.raises(zlib.error):  # damage before the last bytes is an error, as pdfminer has it
        pdfguard._decompress_corrupted(b"x\x9c" + b"\xff" * 100)

    def cost(n: int) -> float:
        data = damaged(n)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            pdfguard._decompress_corrupted(data)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = cost(100_000), cost(400_000)  # 1.3 and 5.2 MB inflated
    assert large <= 8 * max(small, 0.005), (small, large)


def _notes(path: Path) -> list[str]:
    from corpus.readers.pdf import pdf_text

    text = pdf_text(path)
    assert "ruled" in " ".join(text.lines)
    return text.warnings


def test_a_page_ruled_like_grid_paper_is_read_without_seeking_tables(tmp_path):
    """pdfplumber pairs every rule of a page with every other and every crossing with every other: a 6 KB
    page of 101 × 101 rules took 14 s, 401 × 401 hours. Past MAX_RULE_CROSSINGS (horizontal × vertical)
    the page's text is read without ruled tables, with a note; a real table's rules are paired as before."""
    from corpus.readers.pdftables import MAX_RULE_CROSSINGS

    for rules in (25, 400):
        started = time.monotonic()
        [(kind, notes)] = run_bounded(_notes, [rule_grid(tmp_path / f"{rules}.pdf", rules)], Limits(60, 1024))
        assert kind == "ok", notes  # read within the limits (before: past the time limit)
        assert time.monotonic() - started < 30
        assert any("表格线过多" in note for note in notes) == ((rules + 1) ** 2 > MAX_RULE_CROSSINGS)


def test_a_pdf_past_the_characters_read_is_read_to_the_page_that_passes_them_with_a_note(tmp_path, monkeypatch):
    """5,000 pages of 2,400 characters were stopped only by the parse timeout (~10 minutes of work):
    the pages are read until their characters pass MAX_DOCUMENT_GLYPHS, and a note says which were not."""
    from hostile_files import dense_pages

    from corpus.readers.pdf import pdf_text

    monkeypatch.setattr(pdfguard, "MAX_DOCUMENT_GLYPHS", 5_000)  # a page here draws ~2,400
    text = pdf_text(dense_pages(tmp_path / "dense.pdf", 12))
    body = "\n".join(text.lines)
    assert "page 00002 line 20" in body and "page 00003" not in body
    cut = "dense.pdf: PDF 的文字超过 5,000 个字符：只读取了第 1–3 页（共 12 页），第 4–12 页未读取；请把文件拆成几份再导入"
    assert cut in text.warnings


@pytest.mark.parametrize(
    "make",
    [
        "shifted_xref",  # before: `PDF 里没有任何文字` (pdfminer trusted the table and found no pages)
        "looping_prev",  # before: `结构嵌套过深` (the chain of tables read until the stack ran out)
    ],
)
def test_a_pdf_whose_cross_reference_table_is_wrong_is_read_from_its_objects(tmp_path, make):
    import hostile_files

    from corpus.readers.pdf import pdf_text

    text = pdf_text(getattr(hostile_files, make)(tmp_path / "damaged.pdf"))
    assert text.lines[0] == "hello gazette"


def test_a_pdf_cut_short_reads_what_it_holds_or_says_it_is_incomplete(tmp_path):
    """Before: `No /Root object! - Is this really a PDF?` for a file missing only its trailer."""
    from hostile_files import text_page

    from corpus.readers.pdf import pdf_text

    whole = text_page(tmp_path / "whole.pdf").read_bytes()
    tail = tmp_path / "tail.pdf"
    tail.write_bytes(whole[: whole.index(b"trailer")])  # every object, no table, no trailer
    text = pdf_text(tail)
    assert text.lines[0] == "hello gazette"
    assert text.warnings == [
        "tail.pdf: 已读出能读的部分（文件末尾没有 %%EOF 结束标记：文件不完整，多半是下载或复制时中断了，请重新获取）"
    ]
    half = tmp_path / "half.pdf"
    half.write_bytes(whole[: len(whole) // 3])
    message = parse_bounded(half)  # what fails depends on where the cut falls: the likely reason is said
    assert message.startswith(f"{half}: ") and message.endswith("文件不完整，多半是下载或复制时中断了，请重新获取）")
    assert "Root" not in message and "EOF" not in message.replace("%%EOF", "")  # nothing in pdfminer's English


def test_an_object_stream_said_to_hold_itself_is_one_clear_error(tmp_path):
    """Before: `结构嵌套过深（…超过 Python 的递归上限）`, after recursing to the stack's end."""
    from hostile_files import object_stream_holding_itself

    path = object_stream_holding_itself(tmp_path / "self.pdf")
    assert parse_bounded(path) == f"{path}: 第 1 页：PDF 的对象 7 要先读它自己才能读出（对象流或引用成环），无法读取"


@pytest.mark.parametrize(
    ("content", "data"),
    [
        (b"abc EI Q", b"abc "),  # as pdfminer reads it: a line end before EI is left out, a space kept
        (b"abc\nEI Q", b"abc"),  # the line end before EI is not data
        (b"aEIbEIcEI\nQ", b"aEIbEIc"),  # EI not followed by white space is data
        (b"EEEEEEEEEEEEEEEEEEEI Q", b"EEEEEEEEEEEEEEEEEE"),  # an EI across the parser's buffers
        (b"x" * 100 + b"\nEI Q", b"x" * 100),
    ],
)
def test_an_inline_image_s_data_is_read_up_to_its_ei(content, data):
    """pdfminer's reading, in linear time (tests/test_linear_time_parsers.py): through buffers of 7 bytes,
    so that EI falls across two of them."""
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import KWD

    pdfguard.install()
    parser = PDFContentParser([PDFStream({}, b"BI /W 1 ID " + content)])
    parser.BUFSIZ = 7
    position, read = parser.get_inline_data(len(b"BI /W 1 ID "))
    assert (position, read) == (len(b"BI /W 1 ID "), data)
    assert parser.nexttoken()[1] is KWD(b"Q")  # the parser goes on after EI
