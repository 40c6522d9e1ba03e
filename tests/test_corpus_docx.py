"""Word documents (.docx) are read: their body as a page (paragraphs, tables with merged cells), tracked
deletions left out, within bounds; a damaged one is a Chinese error naming the file."""

import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from corpus import iter_corpus_files, parse_file
from corpus.errors import GazetteParseError
from corpus.readers import docx as docx_reader

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)


def para(text: str, numbered: bool = False) -> str:
    props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    return f"<w:p>{props}<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def cell(text: str, span: int = 1, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        ("<w:vMerge w:val='restart'/>" if merge == "restart" else "<w:vMerge/>") if merge else ""
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text)}</w:tc>"


def body_xml(blocks: str, doctype: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w="{W}"><w:body>{blocks}</w:body></w:document>'


def write_docx(path: Path, body: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("word/document.xml", body)
    return path


NOTICE = (
    para("兴安盟行政公署办公室关于印发统计工作方案的通知")
    + para("兴署办发〔2022〕9号")
    + para("各旗县市人民政府，盟直有关部门：")
    + "<w:p><w:r><w:t>现将方案印发给你们，请认真</w:t></w:r>"
    + "<w:del><w:r><w:delText>研究</w:delText></w:r></w:del>"
    + "<w:ins><w:r><w:t>贯彻执行</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>"
    + "<w:tbl>"
    + "<w:tr>"
    + cell("序号")
    + cell("任务")
    + cell("责任单位")
    + "</w:tr>"
    + "<w:tr>"
    + cell("1")
    + cell("开展普查")
    + cell("盟统计局", merge="restart")
    + "</w:tr>"
    + "<w:tr>"
    + cell("2")
    + cell("发布数据")
    + cell("", merge="continue")
    + "</w:tr>"
    + "<w:tr>"
    + cell("合计两项", span=3)
    + "</w:tr>"
    + "</w:tbl>"
    + para("兴安盟行政公署办公室")
    + para("2022年3月1日")
)


def test_a_word_document_is_read_as_its_page(tmp_path):
    path = write_docx(tmp_path / "通知.docx", body_xml(NOTICE))
    issue = parse_file(path)
    [doc] = issue.documents
    assert (doc.wenhao, doc.title, doc.offices, doc.date) == (
        "兴署办发〔2022〕9号",
        "兴安盟行政公署办公室关于印发统计工作方案的通知",
        ["兴安盟行政公署办公室"],
        date(2022, 3, 1),
    )
    body = doc.body
    assert "请认真贯彻执行。" in body and "研究" not in body  # inserted text read, deleted text not
    lines = body.split("\n")
    # a table's rows, the cell merged down in both rows it covers, the cell merged across the whole row
    at = lines.index("序号 任务 责任单位")
    assert lines[at : at + 4] == ["序号 任务 责任单位", "1 开展普查 盟统计局", "2 发布数据 盟统计局", "合计两项"]


def test_a_word_document_renamed_is_read_by_its_content(tmp_path):
    path = write_docx(tmp_path / "附件1.txt", body_xml(NOTICE))
    assert [d.wenhao for d in parse_file(path).documents] == ["兴署办发〔2022〕9号"]


def test_automatic_numbers_are_said_not_to_be_read(tmp_path):
    blocks = NOTICE.replace(para("各旗县市人民政府，盟直有关部门："), para("总体要求", numbered=True) * 3)
    issue = parse_file(write_docx(tmp_path / "方案.docx", body_xml(blocks)))
    assert any("3 段使用 Word 的自动编号" in w for w in issue.warnings), issue.warnings


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_bytes(b"PK"), "是 Word 文档（.docx），但已损坏"),
        (lambda p: write_docx(p, "<w:document"), "Word 文档（.docx）已损坏，正文无法读取"),
        (lambda p: write_docx(p, body_xml("").replace("<w:body></w:body>", "")), "Word 文档（.docx）里没有正文"),
    ],
)
def test_a_damaged_word_document_is_one_chinese_error(tmp_path, make, says):
    path = tmp_path / "通知.docx"
    make(path)
    with pytest.raises(GazetteParseError) as raised:
        parse_file(path)
    assert str(raised.value).startswith(f"{path}: {says}"), str(raised.value)


def test_entities_are_not_expanded(tmp_path):
    """A billion-laughs body: entities are left as they are, not expanded (memory and time stay small)."""
    levels = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10 if i else "哈"}">' for i in range(10))
    doctype = f"<!DOCTYPE w:document [{levels}]>"
    blocks = NOTICE.replace(para("各旗县市人民政府，盟直有关部门："), para("各旗县市：&e9;"))
    path = write_docx(tmp_path / "通知.docx", body_xml(blocks, doctype))
    started = time.monotonic()
    try:
        text = "\n".join(d.body for d in parse_file(path).documents)
    except GazetteParseError as exc:  # refused: as good, if it says so at once
        text = str(exc)
    assert "哈哈哈" not in text and time.monotonic() - started < 30


def test_a_body_over_the_bound_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_BODY_BYTES", 2000)
    path = write_docx(tmp_path / "长文.docx", body_xml(NOTICE * 10))
    with pytest.raises(GazetteParseError) as raised:
        parse_file(path)
    assert "正文解压后超过" in str(raised.value)


def test_a_word_document_is_a_corpus_file(tmp_path):
    write_docx(tmp_path / "通知.docx", body_xml(NOTICE))
    assert [p.name for p in iter_corpus_files(tmp_path)] == ["通知.docx"]


def test_content_controls_and_text_boxes_are_read_once(tmp_path):
    """Paragraphs inside a content control (w:sdt) are read; a text box Word writes twice (DrawingML, and
    VML under mc:Fallback for older readers) is read once."""
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:p><w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        + para("兴安盟行政公署办公室文件")
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + para("兴安盟行政公署办公室文件")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    controlled = (
        "<w:sdt><w:sdtPr/><w:sdtContent>" + para("各旗县市人民政府，盟直有关部门：") + "</w:sdtContent></w:sdt>"
    )
    blocks = box + NOTICE.replace(para("各旗县市人民政府，盟直有关部门："), controlled)
    path = write_docx(tmp_path / "通知.docx", body_xml(blocks))
    assert docx_reader.docx_html(path, str(path))[0].count("兴安盟行政公署办公室文件") == 1
    [doc] = parse_file(path).documents
    assert "各旗县市人民政府，盟直有关部门：" in doc.body and doc.wenhao == "兴署办发〔2022〕9号"
