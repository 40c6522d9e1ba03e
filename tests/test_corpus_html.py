"""HTML pages: a 政府信息公开 page with its metadata table (used where the text lacks a fact, checked
where both give it), pages without a known article container (the densest block), layout and data
tables, and pages nested deeper than libxml2's default limit (no text dropped silently)."""

from __future__ import annotations

from datetime import date

import pytest
from realworld import realworld_dir

import corpus
from corpus.readers.html import read_html

TITLE = "兴安盟行政公署办公室关于做好2023年春季森林草原防灭火工作的通知"
BODY_P = (
    "<p>各旗县市人民政府，盟直有关部门：</p>"
    "<p>为切实做好防灭火工作，经盟行署同意，现就有关事项通知如下：</p>"
    "<p>一、压实防灭火责任</p><p>（一）落实属地责任。各旗县市人民政府要落实属地管理责任。</p>"
    "<p>二、加强火源管控</p><p>严格野外用火审批，重点时段、重点区域实行24小时巡护。</p>"
)


def meta_table(**values) -> str:
    labels = {
        "index": "索引号",
        "office": "发文机关",
        "signed": "成文日期",
        "wenhao": "发文字号",
        "published": "发布日期",
        "name": "名称",
        "topic": "主题分类",
    }
    cells = [f"<td class='label'>{labels[k]}：</td><td>{v}</td>" for k, v in values.items()]
    rows = "".join(f"<tr>{''.join(cells[i : i + 2])}</tr>" for i in range(0, len(cells), 2))
    return f"<table class='xxgk'>{rows}</table>"


def page(body: str, metadata: str = "", title: str = TITLE) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}_兴安盟行政公署</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a><a href='/gb'>政府公报</a></div>"
        f"{metadata}<div class='article'><h1>{title}</h1><div id='zoom'>{body}</div></div>"
        "<div class='foot'>版权所有：兴安盟行政公署 <a href='/map'>网站地图</a></div></body></html>"
    )


def parse(tmp_path, html, name="page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return corpus.parse_file(path)


FULL = dict(
    index="11152200011630XXXX/2023-00021",
    office="兴安盟行政公署办公室",
    signed="2023年03月01日",
    wenhao="兴署办发〔2023〕9号",
    published="2023-03-02",
    name=TITLE,
    topic="综合政务",
)


def test_metadata_that_agrees_with_the_text_is_kept_without_notes(tmp_path):
    body = f"<p>兴署办发〔2023〕9号</p>{BODY_P}<p>2023年3月1日</p>"
    issue = parse(tmp_path, page(body, meta_table(**FULL)))
    (doc,) = issue.documents
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号" and doc.date == date(2023, 3, 1)
    assert doc.metadata["索引号"] == "11152200011630XXXX/2023-00021"
    assert doc.metadata["发布日期"] == "2023-03-02"
    assert doc.to_dict()["metadata"]["主题分类"] == "综合政务"
    assert not any("元数据" in w for w in issue.warnings)
    assert "索引号" not in doc.body and "首页" not in doc.body and "版权所有" not in doc.body


def test_disagreements_are_notes_naming_the_line_and_the_text_wins(tmp_path):
    body = f"<p>兴署办发〔2023〕9号</p>{BODY_P}<p>2023年3月1日</p>"
    table = meta_table(**{**FULL, "wenhao": "兴署办发〔2023〕19号", "signed": "2023-03-05", "office": "兴安盟行政公署"})
    issue = parse(tmp_path, page(body, table))
    (doc,) = issue.documents
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号" and doc.date == date(2023, 3, 1)
    assert doc.offices == ["兴安盟行政公署办公室"]
    notes = [w for w in issue.warnings if "元数据" in w]
    assert len(notes) == 3
    assert all(w.startswith(f"page.html:{doc.line}: ") for w in notes)
    assert any("兴署办发〔2023〕19号" in w and "兴署办发〔2023〕9号" in w for w in notes)
    assert any("2023-03-05" in w and "2023-03-01" in w for w in notes)


def test_facts_missing_from_the_text_come_from_the_table(tmp_path):
    issue = parse(tmp_path, page(BODY_P, meta_table(**FULL)))  # no 文号 line, no date in the text
    (doc,) = issue.documents
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号" and doc.id == "xsbf-2023-9"
    assert doc.date == date(2023, 3, 1)
    assert any("发文字号" in w and "采用网页元数据" in w for w in issue.warnings)
    assert any("成文日期" in w and "采用网页元数据" in w for w in issue.warnings)
    assert [c.id for c in doc.clauses] == ["c1", "c1.1", "c2"]


def test_a_page_without_a_known_container_reads_its_densest_block(tmp_path):
    html = (
        f"<html><head><title>{TITLE}</title></head><body>"
        "<div class='top'><div class='menu'><a href='/1'>首页</a><a href='/2'>机构概况</a><a href='/3'>政务公开</a>"
        "<a href='/4'>政务服务</a><a href='/5'>互动交流</a><a href='/6'>走进兴安盟行政公署办公室网站</a></div></div>"
        f"<div class='wrap'><div class='left'><a href='/x'>通知公告栏目列表更多内容请点击这里查看</a></div>"
        f"<div class='right'><div class='txt'><p>{TITLE}</p><p>兴署办发〔2023〕9号</p>{BODY_P}<p>2023年3月1日</p></div>"
        "<div class='share'>分享到：</div></div></div></body></html>"
    )
    (doc,) = parse(tmp_path, html).documents
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号"
    assert doc.body.split("\n")[0] == "各旗县市人民政府，盟直有关部门："
    assert "首页" not in doc.body and "通知公告" not in doc.body and "分享" not in doc.body


@pytest.mark.parametrize("depth", [300, 1500, 3000])
def test_deeply_nested_pages_lose_no_text(tmp_path, depth):
    inner = f"<p>{TITLE}</p><p>兴署办发〔2023〕9号</p>{BODY_P}<p>2023年3月1日</p>"
    html = (
        "<html><body><div id='zoom'>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "<p>附：联系电话 0482-1234567。</p></div></body></html>"
    )
    issue = parse(tmp_path, html)
    (doc,) = issue.documents
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号" and doc.date == date(2023, 3, 1)
    assert "严格野外用火审批" in doc.body and "0482-1234567" in doc.body
    assert any("嵌套过深" in w for w in issue.warnings) == (depth > 2000)


def test_layout_tables_are_read_as_blocks_and_data_tables_as_rows(tmp_path):
    data = (
        "<table><tr><td>序号</td><td>决策事项</td><td>承办单位</td></tr>"
        "<tr><td>1</td><td>兴安盟通信基础设施空间布局专项规划</td><td>盟工信局</td></tr>"
        "<tr><td>2</td><td><p>第一段说明。</p><p>第二段说明。</p></td><td>盟地震局</td></tr></table>"
    )
    layout = (
        f"<html><body><table><tr><td><table><tr><td>首页</td></tr></table></td></tr>"
        f"<tr><td><p>{TITLE}</p><p>兴署办发〔2023〕9号</p>{BODY_P}{data}<p>2023年3月1日</p></td></tr></table></body></html>"
    )
    page_ = read_html(layout, "p.html", "p.html")
    assert "序号\t决策事项\t承办单位" in page_.lines
    assert "2\t<p>第一段说明。</p> <p>第二段说明。</p>\t盟地震局" in page_.lines
    (doc,) = parse(tmp_path, layout).documents
    body = doc.body.split("\n")
    assert "1 兴安盟通信基础设施空间布局专项规划 盟工信局" in body
    assert ["2", "第一段说明。", "第二段说明。", "盟地震局"] == body[body.index("2") : body.index("盟地震局") + 1]


def test_line_breaks_in_the_page_source_are_not_new_lines():
    html = "<html><body><div id='zoom'><p>为切实做好\n   防灭火工作，\n现就有关\nAB 事项 CD\nEF通知如下。</p></div></body></html>"
    assert read_html(html, "p.html", "p.html").lines[0] == "为切实做好防灭火工作，现就有关 AB 事项 CD EF通知如下。"


# --- merged cells (rowspan, colspan) -------------------------------------------------------------


def _rows(table_html: str) -> list[list[str]]:
    html = f"<html><body><div id='zoom'><p>{TITLE}</p>{table_html}</div></body></html>"
    return [line.split("\t") for line in read_html(html, "p.html", "p.html").lines if "\t" in line]


def test_merged_cells_are_repeated_into_every_place_they_cover():
    rows = _rows(
        "<table><tr><th rowspan='2'>编号</th><th colspan='2'>左侧边缘线</th><th colspan='2' rowspan='2'>说明</th></tr>"
        "<tr><th>X</th><th>Y</th></tr>"
        "<tr><td>A1</td><td>13725.58</td><td>103543.57</td><td>R-160.000</td><td>圆曲线中点</td></tr>"
        "<tr><td rowspan='3'>定量</td><td>1</td><td>2</td><td colspan='2'>与红线交点</td></tr>"
        "<tr><td>3</td><td>4</td><td>5</td><td>6</td></tr>"
        "<tr><td>7</td><td rowspan='0'>到表尾</td><td>8</td><td>9</td></tr>"
        "<tr><td>末行</td><td>10</td><td>11</td></tr></table>"
    )
    assert rows == [
        ["编号", "左侧边缘线", "左侧边缘线", "说明", "说明"],
        ["编号", "X", "Y", "说明", "说明"],
        ["A1", "13725.58", "103543.57", "R-160.000", "圆曲线中点"],
        ["定量", "1", "2", "与红线交点", "与红线交点"],
        ["定量", "3", "4", "5", "6"],
        ["定量", "7", "到表尾", "8", "9"],
        ["末行", "10", "到表尾", "11", ""],
    ]


def test_a_row_that_is_one_merged_cell_is_a_heading_given_once():
    rows = _rows(
        "<table><tr><td>序号</td><td>名称</td><td>牵头单位</td></tr>"
        "<tr><td colspan='3'>一、知识产权保护方面（共2项）</td></tr>"
        "<tr><td>1</td><td>“三合一”审判</td><td>最高人民法院</td></tr>"
        "<tr><td colspan='3' rowspan='2'>二、科技成果转化方面</td></tr><tr></tr>"
        "<tr><td>2</td><td>专利保险</td><td>国家知识产权局</td></tr></table>"
    )
    assert rows == [
        ["序号", "名称", "牵头单位"],
        ["一、知识产权保护方面（共2项）", "", ""],
        ["1", "“三合一”审判", "最高人民法院"],
        ["二、科技成果转化方面", "", ""],
        ["2", "专利保险", "国家知识产权局"],
    ]


def test_spans_are_bounded_whatever_the_page_says_and_no_cell_is_lost():
    rows = _rows(
        "<table><tr><td colspan='999999'>甲</td><td rowspan='65534'>乙</td><td colspan='x'>丙</td></tr>"
        "<tr><td>丁</td><td>戊</td></tr></table>"
    )
    assert len(rows[0]) == 102 and rows[0][-2:] == ["乙", "丙"] and set(rows[0][:100]) == {"甲"}
    assert rows[1][:2] == ["丁", "戊"] and rows[1][100] == "乙"
    # repeated text is bounded by the table's own: a long cell spanning many rows is not squared
    long = "长" * 5000
    many = "".join("<tr><td>x</td><td>z</td></tr>" for _ in range(200))
    grid = _rows(f"<table><tr><td rowspan='201'>{long}</td><td>y</td><td>w</td></tr>{many}</table>")
    assert len(grid) == 201 and grid[0] == [long, "y", "w"] and grid[-1][1:] == ["x", "z"]
    assert 200 * 5000 > sum(len(cell) for row in grid for cell in row) <= 8 * (5000 + 402) + 10_000 + 5402


def test_real_pages_with_merged_cells_keep_their_columns():
    """govcn-44 (坐标 tables: 编号 over two rows, X/Y under each side) and govcn-10 (section rows across
    the table) of ../shared/realworld, read in place."""
    if realworld_dir() is None:
        pytest.skip("../shared/realworld is not beside the repository: no real pages to check")
    govcn = realworld_dir() / "govcn"
    page44 = read_html((govcn / "govcn-44.html").read_text(encoding="utf-8"), "44", "govcn-44.html")
    rows = [line.split("\t") for line in page44.lines if "\t" in line]
    header = next(i for i, row in enumerate(rows) if row[1].startswith("行车方向左侧"))
    assert rows[header][1] == rows[header][2] and rows[header][3] == rows[header][4]
    assert rows[header + 1][:5] == [rows[header][0], "X", "Y", "X", "Y"]
    a1 = rows[header + 2]
    assert a1[0] == "A1" and len(a1) == len(rows[header]) == 7 and a1[-1] == "与红线交点1"
    page10 = read_html((govcn / "govcn-10.html").read_text(encoding="utf-8"), "10", "govcn-10.html")
    rows = [line.split("\t") for line in page10.lines if "\t" in line]
    sections = [row for row in rows if row[0].startswith(("一、", "二、", "三、"))]
    assert len(sections) == 3 and all(row[1:] == [""] * 4 for row in sections)
    assert all(len(row) == 5 for row in rows)


def test_a_document_that_is_mostly_one_table_keeps_its_paragraphs():
    """Without a known container the densest block is read; a data table holding most of the text is
    not that block (the notice around it would be lost)."""
    rows = "".join(
        f"<tr><td>{n}</td><td>{'按照统计口径测算并逐年滚动调整' * 3}</td><td>定量</td></tr>" for n in range(30)
    )
    html = (
        f"<html><body><div class='nav'><a href='/'>首页</a></div><div class='wrap'><p>{TITLE}</p>"
        f"<p>兴署办发〔2023〕9号</p><p>现将指标印发给你们。</p><table>{rows}</table><p>2023年3月1日</p></div></body></html>"
    )
    lines = read_html(html, "p.html", "p.html").lines
    assert lines[0] == TITLE and "现将指标印发给你们。" in lines and "2023年3月1日" in lines
    assert sum("\t" in line for line in lines) == 30


def test_the_container_is_found_whatever_its_case(tmp_path):
    """gov.cn's body is <td id="UCAP-CONTENT">: found by name, not as the densest block, so the page's
    chrome beside it (as long as it may be) stays out."""
    chrome = "<div class='share'>" + "扫一扫在手机打开当前页。相关链接：国务院部门网站、地方政府网站。" * 30 + "</div>"
    html = (
        f"<html><body><table><tr><td id='UCAP-CONTENT'><p>{TITLE}</p><p>兴署办发〔2023〕9号</p>{BODY_P}"
        f"<p>2023年3月1日</p></td></tr></table>{chrome}</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = corpus.parse_file(path).documents
    assert doc.wenhao_normalized == "兴署办发〔2023〕9号" and "扫一扫" not in doc.body


def test_an_unknown_cms_page_whose_notice_issues_a_long_table(tmp_path):
    """No known container, no metadata table: the densest block is not the attached table's wrapper (the
    notice above it, with its title and number, is the article's too)."""
    rows = "".join(
        f"<tr><td>{n}</td><td>改革举措第{n}项</td><td>整合分散的审判资源，实行知识产权案件审判“三合一”，提高审判效率。</td>"
        f"<td>最高人民法院</td><td>全国</td></tr>"
        for n in range(1, 40)
    )
    html = (
        "<html><head><title>某市人民政府</title></head><body><div class='nav'><a href='/'>首页</a></div>"
        "<div class='xq-main'><div class='xq-head'><p>兴安盟行政公署办公室关于推广支持创新相关改革举措的通知</p>"
        "<p>兴署办发〔2018〕26号</p></div><div class='xq-text'><p>各旗县市人民政府，盟直各部门：</p>"
        "<p>经行署同意，现将支持创新相关改革举措印发给你们，请结合实际认真贯彻落实。</p>"
        "<p>兴安盟行政公署办公室</p><p>2018年12月23日</p><p>附件</p>"
        f"<div class='xq-table'><table border='1'>{rows}</table></div></div></div>"
        "<div class='foot'>版权所有</div></body></html>"
    )
    (doc,) = parse(tmp_path, html).documents
    assert (doc.wenhao_normalized, doc.title) == (
        "兴署办发〔2018〕26号",
        "兴安盟行政公署办公室关于推广支持创新相关改革举措的通知",
    )
