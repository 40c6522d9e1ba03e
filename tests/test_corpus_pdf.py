"""Reading PDFs with a text layer: running heads and footers left out, two-column pages read column by
column, paragraphs whole across page and column ends, ruled tables as one table across pages, a
wrapped TOC entry, scanned pages, encrypted and broken files. The PDFs are typeset here (tests/
pdf_typeset.py); the whole bundled issues as PDFs are compared record by record in test_corpus_forms.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from pdf_typeset import require_typesetting

import corpus
from corpus import GazetteParseError
from corpus.readers.pdf import pdf_text
from corpus.text import squash

ENTRY = "●{m}月{d}日上午，主持召开盟行署常务会议，研究部署全盟安全生产、森林草原防灭火和疫情防控等重点工作，听取第{n}项议题汇报。"
BODY = (
    "为认真贯彻落实自治区关于进一步优化营商环境的部署要求，切实解决企业和群众办事过程中的堵点难点问题，"
    "结合我盟实际，现就有关事项通知如下，请各地各部门认真抓好贯彻落实，确保各项措施落地见效。"
)


@pytest.fixture(scope="module")
def ts(tmp_path_factory):
    require_typesetting()
    from pdf_typeset import Cell, Typesetter

    folder = tmp_path_factory.mktemp("pdfs")

    def make(name, build, **options):
        t = Typesetter(folder / name, **options)
        build(t, Cell)
        t.save()
        return folder / name, t

    return make


def notice(t, number=7):
    t.paragraph("兴安盟行政公署关于进一步优化营商环境的通知", "title")
    t.paragraph(f"兴署发〔2022〕{number}号", "center")
    t.paragraph("各旗县市人民政府，盟直有关部门：", "flush")


# --- running heads, footers, paragraphs across pages ---------------------------------------------


@pytest.fixture(scope="module")
def long_notice(ts):
    def build(t, Cell):
        notice(t)
        for n in range(1, 31):
            t.paragraph(f"（{n}）第{n}项措施。" + BODY)
        t.paragraph("兴安盟行政公署", "right")
        t.paragraph("2022年2月1日", "right")

    return ts("notice.pdf", build, heads=("兴安盟行政公署公报", "2022年第1期"), cover=False)


def test_running_heads_and_footers_are_left_out(long_notice):
    path, t = long_notice
    assert t.pages >= 3
    text = pdf_text(path)
    joined = "\n".join(text.lines)
    assert "兴安盟行政公署公报" not in joined and "2022年第1期" not in joined
    assert not any(line.startswith("—") for line in text.lines)
    (doc,) = corpus.parse_file(path).documents
    assert doc.wenhao_normalized == "兴署发〔2022〕7号" and doc.date == date(2022, 2, 1)
    assert "公报" not in doc.body and "—" not in doc.body


def test_paragraphs_broken_by_a_page_end_come_out_whole(long_notice):
    path, t = long_notice
    text = pdf_text(path)
    paragraphs = [line for line in text.lines if line.startswith("（")]
    assert paragraphs == [f"（{n}）第{n}项措施。" + BODY for n in range(1, 31)]
    pages = {text.pages[text.lines.index(p)] for p in paragraphs}
    assert len(pages) == t.pages  # the paragraphs run over every page, so several cross a page end
    (doc,) = corpus.parse_file(path).documents
    assert [c.text for c in doc.clauses] == paragraphs


def test_lines_are_numbered_in_the_reconstructed_text(long_notice):
    path, _ = long_notice
    text = pdf_text(path)
    (doc,) = corpus.parse_file(path).documents
    assert text.lines[doc.line - 1] == "兴安盟行政公署关于进一步优化营商环境的通知"
    assert text.pages[doc.line - 1] == 1


# --- two columns ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chronicle_pdf(ts):
    def build(t, Cell):
        t.paragraph("兴安盟行政公署公报", "masthead")
        t.paragraph("2022", "year")
        t.paragraph("第1期（第一季度）（总第77期）", "issue-number")
        t.page_break()
        t.paragraph("兴安盟行政公署大事记", "chronicle-head")
        t.paragraph("(1月1日至3月31日)", "center")
        t.set_columns(2)
        for n in range(1, 41):
            t.paragraph(ENTRY.format(m=1 + (n - 1) // 14, d=1 + (n - 1) % 14, n=n))

    return ts("dsj.pdf", build)


def test_two_column_chronicle_is_read_column_by_column(chronicle_pdf):
    path, t = chronicle_pdf
    assert t.pages >= 3
    issue = corpus.parse_file(path)
    assert issue.year == 2022 and issue.number == 1 and issue.total_number == 77
    assert issue.chronicle_title == "兴安盟行政公署大事记(1月1日至3月31日)"
    expected = [ENTRY.format(m=1 + (n - 1) // 14, d=1 + (n - 1) % 14, n=n)[1:] for n in range(1, 41)]
    assert [e.text for e in issue.chronicle] == expected  # in order, none mixed with its neighbour
    assert [e.date for e in issue.chronicle][:2] == [date(2022, 1, 1), date(2022, 1, 2)]


def test_entries_crossing_a_column_end_are_whole(chronicle_pdf):
    path, _ = chronicle_pdf
    text = pdf_text(path)
    entries = [line for line in text.lines if line.startswith("●")]
    assert len(entries) == 40
    assert all(line.endswith("汇报。") for line in entries)


def test_a_two_column_roster_is_read_column_by_column(ts):
    left = [f"张{n:02d} 盟发改委副主任" for n in range(1, 13)]
    right = [f"李{n:02d} 盟财政局副局长" for n in range(1, 13)]

    def build(t, Cell):
        notice(t, 9)
        t.paragraph("领导小组组成人员如下：")
        t.set_columns(2)
        for line in left + right:
            t.paragraph(line, "flush")
        t.set_columns(1)

    path, _ = ts("roster.pdf", build)
    lines = [line for line in pdf_text(path).lines if line]
    assert lines[lines.index("领导小组组成人员如下：") + 1 :] == left + right


# --- tables --------------------------------------------------------------------------------------

DUTY = (
    "负责牵头抓好固定资产投资项目预计、协调、调度工作，定期将调度预计的全盟投资完成情况分送盟统计局，并做好跟踪监测。"
)


@pytest.fixture(scope="module")
def table_pdf(ts):
    def build(t, Cell):
        notice(t, 11)
        for _ in range(14):
            t.paragraph(BODY)
        header = [Cell(["序号"]), Cell(["牵头部门"]), Cell(["具体职责"])]
        rows = [header] + [
            [
                Cell([str(n)]),
                Cell([f"盟第{n}局"]),
                Cell([f"{n}.1 {DUTY}", f"{n}.2 {DUTY}", f"{n}.3 {DUTY}"], indented=True),
            ]
            for n in range(1, 9)
        ]
        t.table(rows, [1, 2, 8], repeat_header=True)
        t.paragraph("2022年3月1日", "right")

    return ts("table.pdf", build)


def test_a_table_across_pages_is_one_table(table_pdf):
    path, t = table_pdf
    text = pdf_text(path)
    rows = [line for line in text.lines if "\t" in line]
    assert len({text.pages[text.lines.index(r)] for r in rows}) >= 2  # it does run over a page break
    assert rows[0] == "序号\t牵头部门\t具体职责"
    assert rows.count("序号\t牵头部门\t具体职责") == 1  # the header printed again is dropped
    assert [r.split("\t")[0] for r in rows[1:]] == [str(n) for n in range(1, 9)]  # a cut row is merged back
    for n, row in enumerate(rows[1:], start=1):
        assert row == f"{n}\t盟第{n}局\t" + " ".join(f"<p>{n}.{k} {DUTY}</p>" for k in (1, 2, 3))


def test_table_cells_reach_the_document_body(table_pdf):
    path, _ = table_pdf
    (doc,) = corpus.parse_file(path).documents
    body = doc.body.split("\n")
    assert body.count("序号 牵头部门 具体职责") == 1
    for n in range(1, 9):
        assert f"{n} 盟第{n}局" in body
        assert all(f"{n}.{k} {DUTY}" in body for k in (1, 2, 3))
    assert doc.date == date(2022, 3, 1)


# --- table of contents -----------------------------------------------------------------------------


def test_a_wrapped_toc_entry_keeps_the_header(ts):
    long_title = "内蒙古兴安盟行政公署中国人民解放军内蒙古兴安军分区关于印发《兴安盟军人随军家属就业安置办法》的通知"

    def build(t, Cell):
        t.paragraph("兴安盟行政公署公报", "masthead")
        t.paragraph("2022", "year")
        t.paragraph("第1期（第一季度）（总第77期）", "issue-number")
        t.paragraph("目 录", "toc-head")
        t.paragraph("兴安盟行政公署文件", "toc-section")
        t.toc_entry("1.", "兴安盟行政公署关于进一步优化营商环境的通知", 1)
        t.toc_entry("2.", long_title, 13)
        t.page_break()
        notice(t, 7)
        t.paragraph(BODY)
        t.paragraph("2022年2月1日", "right")
        t.paragraph(long_title, "title")
        t.paragraph("兴署联发〔2022〕1号", "center")
        t.paragraph("各旗县市人民政府：", "flush")
        t.paragraph(BODY)
        t.paragraph("2022年2月16日", "right")

    path, _ = ts("toc.pdf", build)
    text = pdf_text(path)
    assert sum(1 for line in text.lines if "安置办法" in line and "·" in line) == 1  # wrapped in the PDF
    issue = corpus.parse_file(path)
    assert (issue.year, issue.number, issue.total_number, issue.period) == (2022, 1, 77, "第一季度")
    assert [(t.title, t.page) for t in issue.toc] == [
        ("兴安盟行政公署关于进一步优化营商环境的通知", 1),
        (long_title, 13),
    ]
    assert [d.toc_page for d in issue.documents] == [1, 13]
    assert issue.documents[1].title == long_title
    assert issue.id == "2022-1"


# --- scans, encryption, damage -------------------------------------------------------------------


def test_a_scanned_page_among_text_pages_is_reported(ts):
    def build(t, Cell):
        notice(t)
        t.paragraph(BODY)
        t.paragraph("2022年2月1日", "right")
        t.image_page()

    path, t = ts("partly_scanned.pdf", build)
    issue = corpus.parse_file(path)
    assert len(issue.documents) == 1
    assert any(w.startswith("partly_scanned.pdf: 第 2 页") and "OCR" in w for w in issue.warnings)


def test_a_scan_without_text_layer_is_an_error_saying_it_needs_ocr(ts):
    path, _ = ts("scan.pdf", lambda t, _cell: (t.image_page(), t.image_page(2)))
    with pytest.raises(GazetteParseError) as info:
        corpus.parse_file(path)
    assert "OCR" in info.value.message and str(info.value).startswith(f"{path}: ")


def test_an_encrypted_pdf_is_a_clear_error(tmp_path):
    require_typesetting()
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canModify=0))
    c.drawString(72, 720, "text")
    c.save()
    with pytest.raises(GazetteParseError) as info:
        corpus.parse_file(path)
    assert "加密" in info.value.message


@pytest.mark.parametrize("damage", ["garbage", "truncated", "no_trailer"])
def test_a_damaged_pdf_is_an_error_or_still_read_never_a_traceback(long_notice, tmp_path, damage):
    path, _ = long_notice
    data = path.read_bytes()
    broken = {
        "garbage": b"%PDF-1.4\n" + bytes(range(256)) * 8,
        "truncated": data[: len(data) // 3],
        "no_trailer": data[: data.rfind(b"trailer")],
    }[damage]
    bad = tmp_path / f"{damage}.pdf"
    bad.write_bytes(broken)
    try:
        issue = corpus.parse_file(bad)
    except GazetteParseError as exc:
        assert exc.source == str(bad) and "PDF" in exc.message
    else:
        assert issue.documents  # pdfminer rebuilt what it could: what it gives is still a document


def test_a_pdf_is_recognized_by_its_first_bytes_whatever_its_name(long_notice, tmp_path):
    path, _ = long_notice
    copy = tmp_path / "notice.txt"
    copy.write_bytes(path.read_bytes())
    assert corpus.parse_file(copy).documents[0].wenhao_normalized == "兴署发〔2022〕7号"


def test_bundled_pdfs_have_no_running_head_in_any_body(parsed_pdfs):
    for _, issue in parsed_pdfs.values():
        for doc in issue.documents:
            assert "兴安盟行政公署公报" not in doc.body, doc.id
            assert not any(squash(line) in ("2022年", "2023年") for line in doc.body.split("\n"))
        for entry in issue.chronicle:
            assert "公报" not in entry.text


def test_a_pdf_in_the_corpus_folder_is_read_and_other_files_are_reported(long_notice, tmp_path):
    path, _ = long_notice
    (tmp_path / "notice.pdf").write_bytes(path.read_bytes())
    (tmp_path / "scan.tiff").write_bytes(b"II*\x00")
    (tmp_path / "notes.doc").write_bytes(b"PK")
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    (tmp_path / "old").mkdir()
    files = corpus.iter_corpus_files(tmp_path)
    assert [f.name for f in files] == ["notice.pdf"]
    assert [(s.path.name, "不支持" in s.reason or "文件夹" in s.reason) for s in files.skipped] == [
        ("notes.doc", True),
        ("old", True),
        ("scan.tiff", True),
    ]
    assert str(files.skipped[0]).startswith(str(tmp_path / "notes.doc") + ": ")
    issues, errors = corpus.parse_files(files)
    assert errors == [] and issues[0].documents[0].wenhao_normalized == "兴署发〔2022〕7号"


def test_pdfminer_s_missing_font_box_warning_is_silenced_and_nothing_else(caplog):
    """Chromium's printed pages have fonts without /FontBBox: pdfminer warned ~100 times a run."""
    import logging

    import corpus.readers.pdf  # noqa: F401 - installs the filter

    log = logging.getLogger("pdfminer.pdffont")
    with caplog.at_level(logging.WARNING, logger="pdfminer.pdffont"):
        log.warning("Could not get FontBBox from font descriptor because %r cannot be parsed as 4 floats", None)
        log.warning("Some other font problem %s", "F1")
    assert [r.getMessage() for r in caplog.records] == ["Some other font problem F1"]


def test_a_page_s_invalid_media_box_is_a_clear_error_without_pdfminer_s_english(tmp_path, capfd):
    """A MediaBox of numbers PDF does not write (1e308): pdfminer printed "Invalid MediaBox in /Page,
    defaulting to US Letter" twice on the console, and the error said 结构嵌套过深 (the structure nests
    too deep) for a box that is simply invalid."""
    from hostile_files import _FONT, _stream, make_pdf

    path = make_pdf(
        tmp_path / "box.pdf",
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1e308 -1e308] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            4: _stream(b"BT /F1 12 Tf 72 720 Td (x) Tj ET"),
            5: _FONT,
        },
    )
    with pytest.raises(corpus.GazetteParseError) as info:
        corpus.parse_file(path)
    assert str(info.value).startswith(f"{path}: PDF 文件已损坏") and "嵌套" not in str(info.value)
    assert "MediaBox" not in capfd.readouterr().err


def test_pdfminer_s_warnings_are_one_chinese_note_for_the_file_not_a_flood_in_english(tmp_path, capfd):
    """Marked-content operators given a string instead of a name: pdfminer printed one English line
    for each (9,000 for this page, before anything the user needed); now one note in Chinese says
    what was skipped, how often and on which page."""
    from hostile_files import _one_page

    content = b"BT /F1 12 Tf 72 720 Td (hello world) Tj ET " + b"(a) BMC EMC (b) (c) BDC EMC (d) MP " * 3000
    text = pdf_text(_one_page(tmp_path / "marks.pdf", content))
    captured = capfd.readouterr()
    assert "PSLiteral" not in captured.err + captured.out
    [note] = [w for w in text.warnings if "不合规范" in w]
    assert note.startswith("marks.pdf: PDF 有 9,000 处不合规范之处") and "页面绘制指令有误 9,000 处；第 1 页" in note
    assert "hello world" in text.lines


def test_glyphs_a_font_maps_to_no_text_are_left_out_with_a_note(tmp_path):
    """A subset font exported without its /ToUnicode map: pdfminer reads each glyph as "(cid:3998)", and
    those went into the index as the page's text. Left out, the pages named; a file of nothing else is
    an error saying why its text cannot be read."""
    from hostile_files import unmapped_glyphs

    text = pdf_text(unmapped_glyphs(tmp_path / "mixed.pdf", b"Notice of the office 2022"))
    assert [line for line in text.lines if line] == ["Notice of the office 2022"]
    assert text.warnings == [
        "mixed.pdf: 第 1 页有 8 个字符无法识别（字体没有到 Unicode 的映射表，读出的只是字形编号 (cid:…) 或私用区字符），"
        "已略去：这些页的文字可能不全，需要时请对这些页做 OCR"
    ]
    only = unmapped_glyphs(tmp_path / "only.pdf")
    with pytest.raises(GazetteParseError) as info:
        corpus.parse_file(only)
    assert str(info.value).startswith(f"{only}: PDF 的文字无法提取：所用字体没有到 Unicode 的映射表（ToUnicode）")


def test_glyphs_a_font_maps_to_private_use_code_points_are_left_out_too(tmp_path):
    """A font mapping its glyphs to codes of its own (U+E000…): they went into the index as text no one
    can type; a file of nothing else is the same error as one of (cid:…)."""
    from hostile_files import private_use_glyphs

    text = pdf_text(private_use_glyphs(tmp_path / "mixed.pdf", b"Notice of the office 2022"))
    assert [line for line in text.lines if line] == ["Notice of the office 2022"]
    assert text.warnings[0].startswith("mixed.pdf: 第 1 页有 8 个字符无法识别")
    only = private_use_glyphs(tmp_path / "only.pdf")
    with pytest.raises(GazetteParseError, match="PDF 的文字无法提取"):
        corpus.parse_file(only)


def test_a_symbol_font_s_private_use_bullets_are_left_out_without_a_note_to_ocr(tmp_path):
    """Word writes a bullet of Symbol as U+F0B7 and Wingdings' boxes as U+F06F…: they are no Chinese a
    font numbered itself, and no text is lost — a page of bullet lists was told to be OCRed."""
    from hostile_files import private_use_glyphs

    text = pdf_text(private_use_glyphs(tmp_path / "bullets.pdf", b"Notice of the office 2022", font=b"Symbol"))
    assert [line for line in text.lines if line] == ["Notice of the office 2022"]
    assert not [w for w in text.warnings if "无法识别" in w]
