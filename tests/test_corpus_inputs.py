"""Inputs other than the bundled UTF-8 text: a saved HTML article page, GB18030 files, bad files;
several files at once; the `gazette parse` command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import corpus
from corpus import BUNDLED_CORPUS, GazetteParseError
from gazette_cli.main import cli

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "fixtures" / "article.html"
CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"


# --- a gazette article saved from the League's website -----------------------------------------


@pytest.fixture(scope="module")
def article():
    return corpus.parse_file(ARTICLE)


def test_article_page_gives_one_document(article):
    assert len(article.documents) == 1
    doc = article.documents[0]
    assert doc.title == "兴安盟行政公署办公室关于做好2023年春季森林草原防灭火工作的通知"
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号"
    assert doc.id == "xsbf-2023-9"
    assert doc.date == date(2023, 3, 1)
    assert doc.offices == ["兴安盟行政公署办公室"]
    assert doc.doc_type == "通知"
    assert doc.public is True
    assert doc.addressee == "各旗县市人民政府，盟直有关部门"
    assert doc.citations == ["内政办发〔2023〕12号"]
    assert doc.source == "article.html"


def test_article_issue_has_its_year_and_nothing_else(article):
    assert article.year == 2023  # from the 文号: the page names no issue
    assert article.number is None and article.toc == [] and article.chronicle == []
    assert article.source == "article.html"


def test_article_clauses(article):
    doc = article.documents[0]
    assert [(c.id, " › ".join(c.path)) for c in doc.clauses] == [
        ("c1", "一、压实防灭火责任"),
        ("c1.1", "一、压实防灭火责任 › （一）落实属地责任"),
        ("c1.2", "一、压实防灭火责任 › （二）落实部门责任"),
        ("c2", "二、加强火源管控"),
        ("c3", "三、做好应急准备"),
    ]
    assert doc.clauses[3].text == "二、加强火源管控\n严格野外用火审批，重点时段、重点区域实行24小时巡护。"
    assert (
        doc.clauses[-1].text == "三、做好应急准备\n各地要加强专业扑火队伍建设，备足扑火物资，确保发生火情后快速处置。"
    )


def test_article_body_is_the_article_only(article):
    body = article.documents[0].body
    assert body.split("\n")[0] == "各旗县市人民政府，盟直有关部门："
    assert body.split("\n")[-2:] == ["2023年3月1日", "（此件公开发布）"]
    # site header, navigation, breadcrumb, sidebar, info bar, footer and scripts are left out
    for chrome in (
        "首页",
        "政务公开",
        "当前位置",
        "发布时间",
        "浏览次数",
        "打印本页",
        "蒙ICP备",
        "主办",
        "兴署办发〔2023〕99号",
        "门户网站",
        "text-indent",
        "jquery",
    ):
        assert chrome not in body, chrome
    assert "兴署办发〔2023〕99号" not in json.dumps(article.to_dict(), ensure_ascii=False)


def test_article_encoded_in_gb18030_parses_the_same(tmp_path, article):
    html = ARTICLE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    copy = tmp_path / "article.html"
    copy.write_bytes(html.encode("gb18030"))
    assert corpus.parse_file(copy).to_dict() == article.to_dict()


def test_xhtml_page_with_an_xml_declaration(tmp_path, article):
    html = ARTICLE.read_text(encoding="utf-8").replace(
        "<!DOCTYPE html>",
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        1,
    )
    copy = tmp_path / "article.html"
    copy.write_text(html, encoding="utf-8")
    assert corpus.parse_file(copy).documents[0].to_dict() == article.documents[0].to_dict()


def test_html_is_recognized_by_content_whatever_the_suffix(tmp_path, article):
    copy = tmp_path / "article.txt"
    copy.write_bytes(ARTICLE.read_bytes())
    doc = corpus.parse_file(copy).documents[0]
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号" and len(doc.clauses) == 5


def test_trs_editor_block_without_zoom(tmp_path):
    page = """<html><head><title>兴安盟行政公署关于开展普查的通知</title></head><body>
      <div class="nav">首页 政务公开</div>
      <div class="TRS_Editor"><p>兴安盟行政公署关于开展普查的通知</p><p>兴署发〔2023〕55号</p>
      <p>各旗县市人民政府：</p><p>一、总体要求</p><p>（一）指导思想。坚持依法普查。</p><p>2023年5月5日</p></div>
      <div class="footer">版权所有</div></body></html>"""
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    (doc,) = corpus.parse_file(path).documents
    assert doc.wenhao_normalized == "兴署发〔2023〕55号"
    assert doc.date == date(2023, 5, 5)
    assert [c.id for c in doc.clauses] == ["c1", "c1.1"]
    assert "首页" not in doc.body and "版权所有" not in doc.body


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [ISSUE_2022, ISSUE_2023], ids=["2022", "2023"])
def test_gb18030_copy_of_a_bundled_file_parses_identically(tmp_path, source):
    text = source.read_text(encoding="utf-8")
    (tmp_path / "utf8").mkdir()
    (tmp_path / "gb").mkdir()
    utf8 = tmp_path / "utf8" / source.name
    gb = tmp_path / "gb" / source.name
    utf8.write_bytes(text.encode("utf-8"))
    gb.write_bytes(text.encode("gb18030"))
    assert gb.read_bytes() != utf8.read_bytes()
    assert corpus.parse_file(gb).to_dict() == corpus.parse_file(utf8).to_dict()
    # and what the documents hold does not depend on where the copy sits (no manifest there)
    bundled = corpus.parse_file(source)
    assert [d.to_dict() for d in corpus.parse_file(gb).documents] == [d.to_dict() for d in bundled.documents]


def test_utf8_with_bom(tmp_path):
    copy = tmp_path / ISSUE_2023.name
    copy.write_bytes(b"\xef\xbb\xbf" + ISSUE_2023.read_bytes())
    got = corpus.parse_file(copy)
    assert [d.wenhao_normalized for d in got.documents] == [
        d.wenhao_normalized for d in corpus.parse_file(ISSUE_2023).documents
    ]


# --- bad files ---------------------------------------------------------------------------------


def error_for(path: Path) -> GazetteParseError:
    with pytest.raises(GazetteParseError) as info:
        corpus.parse_file(path)
    error = info.value
    assert str(path) in str(error)
    assert error.source == str(path)
    return error


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    error = error_for(path)
    assert "空文件" in error.message and error.line is None
    assert str(error) == f"{path}: 空文件：没有任何内容"


def test_blank_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\t\n", encoding="utf-8")
    assert "空文件" in error_for(path).message


def test_binary_file_with_nul_bytes(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\x03binary\x00" * 20)
    assert "PDF 文件已损坏" in error_for(path).message  # it starts like a PDF, so it is read as one


def test_binary_file_without_nul_bytes(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 40)
    assert "二进制" in error_for(path).message


def test_text_with_no_recognizable_document(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("\n学习笔记\n\n这是一段普通文字，没有文号。\n也没有大事记。\n", encoding="utf-8")
    error = error_for(path)
    assert "找不到公文" in error.message
    assert error.line == 2  # the first non-blank line
    assert str(error).startswith(f"{path}:2: ")


def test_html_page_with_no_article(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>兴安盟行政公署</title><script>var a='兴署发〔2023〕1号';</script>"
        "</head><body><nav><a href='/'>首页</a></nav><div id='zoom'></div><footer>版权所有</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    assert "找不到正文" in error_for(path).message


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.txt"
    assert "无法读取" in error_for(path).message


def test_chronicle_without_any_year(tmp_path):
    path = tmp_path / "dsj.txt"
    path.write_text("兴安盟行政公署大事记\n\n●1月5日下午，赴自治区政府汇报。\n", encoding="utf-8")
    error = error_for(path)
    assert "year" in error.message and error.line == 1


def test_a_page_of_the_issue_without_its_toc_still_reads_its_header(tmp_path):
    path = tmp_path / "part.txt"
    path.write_text(
        "兴安盟行政公署公报\n\n2022\n\n第1期（第一季度）（总第77期）\n\n"
        "兴安盟行政公署关于印发实施方案的通知\n\n兴署发〔2022〕7号\n\n各旗县市人民政府：\n\n"
        "现将实施方案印发给你们，请认真贯彻执行。\n\n2022年2月1日\n",
        encoding="utf-8",
    )
    issue = corpus.parse_file(path)
    assert (issue.year, issue.number, issue.total_number, issue.period) == (2022, 1, 77, "第一季度")
    assert issue.id == "2022-1"
    assert [d.id for d in issue.documents] == ["xsf-2022-7"]


# --- several files -----------------------------------------------------------------------------


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("这里没有任何公文。\n", encoding="utf-8")
    return path


def test_parse_files_keeps_the_good_ones(tmp_path, bad_file):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    issues, errors = corpus.parse_files([ISSUE_2022, bad_file, ARTICLE, empty, ISSUE_2023])
    assert [i.source for i in issues] == [ISSUE_2022.name, "article.html", ISSUE_2023.name]
    assert [e.source for e in errors] == [str(bad_file), str(empty)]


def test_iter_corpus_files():
    files = corpus.iter_corpus_files()
    assert [f.name for f in files] == [ISSUE_2022.name, ISSUE_2023.name]  # manifest.json is not a source
    with pytest.raises(GazetteParseError, match="语料文件夹不存在"):
        corpus.iter_corpus_files(CORPUS / "nowhere")


# --- gazette parse -----------------------------------------------------------------------------


def test_cli_good_and_bad(bad_file):
    result = CliRunner().invoke(cli, ["parse", str(ISSUE_2023), str(bad_file)])
    assert result.exit_code != 0
    assert f"{ISSUE_2023.name}: 兴安盟行政公署公报2023年" in result.stdout
    assert "兴署发〔2023〕41号" in result.stdout and "兴署办发〔2023〕18号" in result.stdout
    assert str(bad_file) not in result.stdout
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("错误：") and str(bad_file) in line and "找不到公文" in line


def test_cli_all_good():
    result = CliRunner().invoke(cli, ["parse", str(ISSUE_2022), str(ISSUE_2023)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "大事记：68 条，2022-01-05 至 2022-03-31" in result.stdout
    assert "兴署办字〔2022〕5号       无成文日期" in result.stdout


def test_cli_json_shape(bad_file):
    result = CliRunner().invoke(cli, ["parse", "--json", str(ISSUE_2022), str(bad_file), str(ARTICLE)])
    assert result.exit_code != 0
    assert "bad.txt" in result.stderr
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [ISSUE_2022.name, "article.html"]
    issue = data[0]
    assert {"source", "year", "number", "total_number", "documents", "chronicle"} <= set(issue)
    assert (issue["year"], issue["number"], issue["total_number"]) == (2022, 1, 77)
    for doc in issue["documents"]:
        assert {"id", "wenhao", "title", "date", "offices", "doc_type", "public", "citations", "clauses"} <= set(doc)
        assert doc["date"] is None or date.fromisoformat(doc["date"])
        assert isinstance(doc["offices"], list) and isinstance(doc["citations"], list)
        assert isinstance(doc["public"], bool)
        for clause in doc["clauses"]:
            assert {"id", "path", "text"} <= set(clause)
            assert isinstance(clause["path"], str) and isinstance(clause["text"], str)
    docs = {d["wenhao"]: d for d in issue["documents"]}
    assert docs["兴署办字〔2022〕5号"]["date"] is None
    assert docs["兴署发〔2022〕6号"]["date"] == "2022-01-04"
    assert docs["兴署联发〔2022〕1号"]["offices"] == ["兴安盟行政公署", "兴安军分区"]
    assert any(c["path"] == "四、工作举措 › （一）推进统计工作法治化" for c in docs["兴署发〔2022〕6号"]["clauses"])
    assert len(issue["chronicle"]) == 68
    for entry in issue["chronicle"]:
        assert {"id", "date", "end_date", "text"} <= set(entry)
        date.fromisoformat(entry["date"])
    feb28 = next(e for e in issue["chronicle"] if e["date"] == "2022-02-28")
    assert feb28["end_date"] == "2022-03-06"
    article = data[1]
    assert article["year"] == 2023 and article["number"] is None and article["chronicle"] == []
    assert article["documents"][0]["wenhao"] == "兴署办发〔2023〕9号"


def test_cli_only_bad_files(bad_file, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", str(bad_file), str(empty)])
    assert result.exit_code != 0
    assert result.stdout == ""
    assert [line.removeprefix("错误：").split(":")[0] for line in result.stderr.splitlines()] == [
        str(bad_file),
        str(empty),
    ]
