"""HTML pages: a 政府信息公开 page with its metadata table (used where the text lacks a fact, checked
where both give it), pages without a known article container (the densest block), layout and data
tables, and pages nested deeper than libxml2's default limit (no text dropped silently)."""

from __future__ import annotations

from datetime import date

import pytest

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
    assert any("发文字号" in w and "补上" in w for w in issue.warnings)
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
