"""Layouts of real published pages (a third set of real fragments, read in December 2026), each as a small
made-up text in the same form: what the page printed around the document, and what the parser must make
of it — the document found, with its 文号, title, offices and date."""

from __future__ import annotations

import pytest

import corpus


def parse_text(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return corpus.parse_file(path)


def test_a_signature_under_contact_lines_stands_alone(tmp_path):
    """联系人 / 联系电话 / 邮箱 end no sentence: the signing organ under them is not run on to them."""
    text = (
        "各旗县区卫生健康委，市中医医院：\n"
        "现将自治区卫生健康委《关于开展专项检查的通知》转发给你们，请认真组织自查，按时上报结果。\n"
        "一、自查安排\n各单位按照方案要求认真自查，并将自查报告于2020年3月20日前上报市卫生健康委。\n"
        "联系人：张某某\n联系电话：6612345\n邮箱：abc123@qq.com\n某某市卫生健康委员会\n2020年3月1日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("（无标题）", ["某某市卫生健康委员会"], "2020-03-01")
    assert "\n某某市卫生健康委员会\n" in doc.body


def test_spaces_saved_as_question_marks_are_spaces_again(tmp_path):
    """A page whose full-width spaces became "??": the indent, a right-aligned signature's padding and a
    heading's gaps; the signature and the date under it are read."""
    text = (
        "各县（市）、区人民政府，市政府各直属单位：\n"
        "??经市政府同意，现将《某某市慢性病防治规划（2018—2025年）》印发给你们，请认真贯彻执行。\n"
        "某某市人民政府办公室????????\n"
        "??2018年5月14日????????\n"
        "??某某市慢性病防治规划（2018—2025年）\n"
        "第一章?总?则\n"
        "??为推进慢性病防治工作，制定本规划。\n"
    )
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert (doc.offices, str(doc.date)) == (["某某市人民政府办公室"], "2018-05-14")
    assert "?" not in doc.body and "第一章　总　则" in doc.body
    assert any("问号" in w for w in issue.warnings)


def test_a_question_mark_or_two_is_punctuation(tmp_path):
    text = (
        "某某县人民政府关于征求意见的通知\n某政发〔2020〕3号\n各乡镇人民政府：\n"
        "本方案是否可行??请各单位提出意见。是否需要调整?请一并反馈。\n某某县人民政府\n2020年1月2日\n"
    )
    issue = parse_text(tmp_path, text)
    assert "是否可行??请" in issue.documents[0].body and "调整?请" in issue.documents[0].body
    assert not any("问号" in w for w in issue.warnings)


def test_a_regulation_with_its_order_mark_under_its_title(tmp_path):
    """A law database prints the regulation's title, then 中华人民共和国国务院令 / 第N号 and the promulgation
    hard-wrapped: the mark is no line of the title, and the number is the document's."""
    text = (
        "您的位置: 首页 » 法律资料网 » 法律法规 »\n\n某某物品管理条例\n\n时间:2024-07-23 23:10:09  浏览:9241\n\n"
        "某某物品管理条例\n\n国务院\n\n\n某某物品管理条例\n\n  中华人民共和国国务院令\n\n  第999号\n\n"
        "  《某某物品管理条例》已经1997年12月12日\n国务院第六十四次常务会议通过，现予发布，自1998\n年1月1日起施行。\n\n"
        "  总理某某某\n\n  1997年12月19日\n\n  第一条为了加强某某物品管理，制定本条例。\n\n  第二条国家对某某物品实行定点管理。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized, doc.offices) == ("某某物品管理条例", "国令第999号", ["国务院"])
    assert str(doc.date) == "1997-12-19"


@pytest.mark.parametrize(
    "under",
    [
        "——在某某旗第十八届人民代表大会第三次会议上\n\n(2024年3月12日)\n\n王 某 某\n\n",
        "——在某某旗第十八届人民代表大会第三次会议上\n\n王 某 某\n\n(2024年3月12日)\n\n",
    ],
)
def test_a_report_under_a_site_headline_is_titled_and_dated_by_its_own_head(tmp_path, under):
    """The site's headline (2024年政府工作报告) over the report's own letter-spaced title, its occasion line
    printed without the date, the date in parentheses above or below the speaker's name."""
    text = (
        "2024年政府工作报告\n\n来源:某某旗 作者:某某旗政务 发布时间:2024-03-12 15:58 浏览次数:\n分享\n下载本页 打印\n\n"
        " 政 府 工 作 报 告\n\n  \n\n  "
        + under
        + "各位代表:\n\n  现在，我代表某某旗人民政府向大会报告工作，请予审议。\n\n"
        "  一、2023年工作回顾\n\n  过去一年，全旗地区生产总值增长5.7%。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, str(doc.date)) == ("政府工作报告", "2024-03-12")
