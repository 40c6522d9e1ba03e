"""Text from other extractors: page furniture (running heads, `— 12 —`, page numbers) left in the text
is blanked, so no body holds it and a sentence cut by a page break comes out whole; a TOC entry
wrapped over two lines is one entry, and the issue header above it is still read."""

from __future__ import annotations

from datetime import date

import pytest

import corpus
from corpus.readers.furniture import is_footer, remove_furniture

HEADER = "兴安盟行政公署公报\n\n2022\n\n第1期（第一季度）（总第77期）\n\n"
TITLE = "兴安盟行政公署关于进一步优化营商环境的通知"
SENTENCE = (
    "为认真贯彻落实自治区关于进一步优化营商环境的部署要求，切实解决企业和群众办事过程中的堵点难点问题，"
    "结合我盟实际，现就有关事项通知如下。"
)


def parse_text(tmp_path, text, name="issue.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return corpus.parse_file(path)


@pytest.mark.parametrize("line", ["— 12 —", "- 12 -", "－3－", "—12—", "第 3 页", "第3页 共40页", "3/40", "Page 7"])
def test_footer_forms(line):
    assert is_footer(line)


@pytest.mark.parametrize(
    "line", ["2022", "一、总体要求", "2022年3月11日", "（此件公开发布）", "12345 政务服务", "— 总体要求 —"]
)
def test_not_footers(line):
    assert not is_footer(line)


def notice(*body: str) -> str:
    return HEADER + f"{TITLE}\n\n兴署发〔2022〕7号\n\n各旗县市人民政府：\n\n" + "\n\n".join(body) + "\n\n2022年2月1日\n"


def test_a_page_break_with_head_and_footer_inside_a_sentence(tmp_path):
    half = SENTENCE.index("切实")
    text = notice(SENTENCE[:half], "— 2 —", "\f兴安盟行政公署公报", SENTENCE[half:], "一、总体要求", "坚持问题导向。")
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert doc.body.split("\n") == ["各旗县市人民政府：", SENTENCE, "一、总体要求", "坚持问题导向。", "2022年2月1日"]
    assert (issue.year, issue.number, issue.total_number) == (2022, 1, 77)  # the masthead is kept
    assert any("页眉" in w for w in issue.warnings)


def test_line_numbers_stay_those_of_the_file(tmp_path):
    text = notice("— 2 —", "兴安盟行政公署公报", SENTENCE)
    issue = parse_text(tmp_path, text)
    lines = text.split("\n")
    assert lines[issue.documents[0].line - 1] == TITLE


def test_repeated_running_heads_beside_breaks_go_but_repeated_content_stays(tmp_path):
    pages = []
    for n in range(1, 6):
        pages += [
            f"第{n}条 {SENTENCE}",
            "（此件公开发布）",
            f"- {n} -",
            "兴安盟行政公署文件" if n % 2 else "2022年第1期",
        ]
    lines, removed = remove_furniture(("\n\n".join(pages)).split("\n"))
    kept = [line for line in lines if line.strip()]
    assert "兴安盟行政公署文件" not in kept and "2022年第1期" not in kept
    assert not any(line.startswith("- ") for line in kept)
    assert kept.count("（此件公开发布）") == 5  # repeated, but it is not where a page ends
    assert len(removed) == 10  # five footers, five heads


def test_a_signature_repeated_in_every_document_is_not_a_running_head(tmp_path):
    docs = []
    for n in range(1, 5):
        docs.append(
            f"{TITLE}\n\n兴署发〔2022〕{n}号\n\n各旗县市人民政府：\n\n{SENTENCE}\n\n兴安盟行政公署\n\n2022年2月{n}日"
        )
    issue = parse_text(tmp_path, "\n\n".join(docs) + "\n")
    assert all("兴安盟行政公署\n2022年2月" in d.body for d in issue.documents)


def test_bare_page_numbers_go_only_beside_a_page_break():
    lines = [
        "一、总体要求",
        "",
        "12",
        "",
        "\f兴安盟行政公署公报",
        "",
        "坚持问题导向。",
        "",
        "表中数字",
        "",
        "7",
        "",
        "其他。",
    ]
    out, removed = remove_furniture(lines, publication="兴安盟行政公署公报")
    assert removed == [3, 5]  # 12 beside the form feed and head; 7 is text
    assert out[10] == "7"


WRAPPED_TOC = (
    HEADER + "目 录\n\n兴安盟行政公署文件\n\n"
    "1. 内蒙古兴安盟行政公署中国人民解放军内蒙古兴安军分区关于印发《兴安盟军人随\n"
    "军家属就业安置办法》的通知 13\n\n"
    f"2. {TITLE}……………………17\n\n"
)
LONG_TITLE = "内蒙古兴安盟行政公署中国人民解放军内蒙古兴安军分区关于印发《兴安盟军人随军家属就业安置办法》的通知"


def test_a_toc_entry_wrapped_over_two_lines_keeps_the_header(tmp_path):
    text = (
        WRAPPED_TOC + f"{LONG_TITLE}\n\n兴署联发〔2022〕1号\n\n各旗县市人民政府：\n\n{SENTENCE}\n\n2022年2月16日\n\n"
        f"{TITLE}\n\n兴署发〔2022〕7号\n\n各旗县市人民政府：\n\n{SENTENCE}\n\n2022年2月1日\n"
    )
    issue = parse_text(tmp_path, text)
    assert (issue.year, issue.number, issue.total_number, issue.period) == (2022, 1, 77, "第一季度")
    assert issue.id == "2022-1"
    assert [(t.section, t.title, t.page) for t in issue.toc] == [
        ("兴安盟行政公署文件", LONG_TITLE, 13),
        ("兴安盟行政公署文件", TITLE, 17),
    ]
    assert [(d.wenhao_normalized, d.toc_page) for d in issue.documents] == [
        ("兴署联发〔2022〕1号", 13),
        ("兴署发〔2022〕7号", 17),
    ]
    assert issue.documents[0].date == date(2022, 2, 16)
    assert not any("before the first document" in w for w in issue.warnings)


def test_a_toc_entry_with_leaders_and_no_space(tmp_path):
    text = HEADER + f"目 录\n\n{TITLE}··········3\n\n{TITLE}\n\n兴署发〔2022〕7号\n\n各旗县市人民政府：\n\n{SENTENCE}\n"
    issue = parse_text(tmp_path, text)
    assert [(t.title, t.page) for t in issue.toc] == [(TITLE, 3)]
    assert issue.documents[0].toc_page == 3


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_control_characters_never_reach_a_terminal(tmp_path, suffix, capsys):
    """An ESC in a title was printed as it is by `gazette parse` and `gazette search` (\\x1b[2J clears the
    terminal of whoever runs them); control characters, U+FFFE and lone surrogates are taken out as the
    text is read, with a note. Tabs and form feeds (page breaks) stay."""
    from click.testing import CliRunner

    from gazette_cli.main import cli

    lines = [
        "兴安盟行政公署关于做好\x1b[2J测试\x01工作的通知",
        "兴署发〔2022〕2号",
        "各旗县市人民政府：",
        "现将有关事项通知如下\ufffe，请认真贯彻执行。",
        "兴安盟行政公署",
        "2022年1月1日",
    ]
    if suffix == ".html":
        text = "<html><body><div id='zoom'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>"
        text = text.replace("\x1b", "&#27;").replace("\x01", "&#1;")
    else:
        text = "\n\n".join(lines) + "\n"
    path = tmp_path / f"controls{suffix}"
    path.write_text(text, encoding="utf-8")
    issue = corpus.parse_file(path)
    [document] = issue.documents
    assert document.title == "兴安盟行政公署关于做好[2J测试工作的通知"
    assert any("控制字符" in w for w in issue.warnings)
    output = CliRunner().invoke(cli, ["parse", str(path)]).output
    assert not any(ch in output for ch in "\x1b\x01\ufffe")
