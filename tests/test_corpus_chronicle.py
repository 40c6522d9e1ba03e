"""大事记 entries on small made-up inputs: dates, ranges, parts of day, continuation lines, duplicates."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

import corpus
from corpus.elements.paragraphs import Para
from corpus.pipeline import parse_issue
from corpus.readers.source import SourceText
from corpus.records.chronicle import parse_chronicle


def entries(*lines: str, year: int = 2022):
    paras = [Para(n, line) for n, line in enumerate(lines, start=1)]
    return parse_chronicle(paras, year=year, issue_id="i", source="f.txt")


@pytest.mark.parametrize(
    "line, start, end, part",
    [
        ("●1月5日下午，赴自治区政府汇报。", date(2022, 1, 5), None, "下午"),
        ("●1月6日上午，参加会商会。", date(2022, 1, 6), None, "上午"),
        ("●2月14日晚上，调研冰雪大世界。", date(2022, 2, 14), None, "晚上"),
        ("●2月17日早上，参加研讨班开班式。", date(2022, 2, 17), None, "早上"),
        ("●3月21日,上午,行署班子碰头会。", date(2022, 3, 21), None, "上午"),
        ("1月7日，盟委副书记、盟长会见院士一行。", date(2022, 1, 7), None, None),
        ("●1月19-25日，赴呼和浩特参加会议。", date(2022, 1, 19), date(2022, 1, 25), None),
        ("●1月27日-28日，五家企业来我盟考察。", date(2022, 1, 27), date(2022, 1, 28), None),
        ("●2月8—9日参加培训班。", date(2022, 2, 8), date(2022, 2, 9), None),
        ("●2月28日至3月6日，参加培训班。", date(2022, 2, 28), date(2022, 3, 6), None),
        ("●12月30日至1月2日，赴外地考察。", date(2022, 12, 30), date(2023, 1, 2), None),
        ("● 3 月 9 日 下午，召开会议。", date(2022, 3, 9), None, "下午"),
    ],
)
def test_entry_heads(line, start, end, part):
    (entry,), warnings = entries(line)
    assert (entry.date, entry.end_date, entry.part_of_day) == (start, end, part)
    assert warnings == []
    assert not entry.text.startswith("●")


def test_year_comes_from_the_issue():
    (entry,), _ = entries("●1月5日下午，赴自治区政府汇报。", year=2023)
    assert entry.date == date(2023, 1, 5)


def test_undated_lines_go_to_the_entry_above():
    got, _ = entries(
        "●1月10日，参加民主生活会。",
        "下午，参加考核视频谈话。",
        "●1月11日上午，参加会议；",
        "召开行署常务会。",
    )
    assert [e.text for e in got] == [
        "1月10日，参加民主生活会。\n下午，参加考核视频谈话。",
        "1月11日上午，参加会议；\n召开行署常务会。",
    ]
    assert got[0].part_of_day is None  # the 下午 of a continuation line is not the entry's


def test_a_line_broken_mid_sentence_is_joined_without_a_break():
    got, _ = entries("●1月19-25日，赴呼和浩特参加自", "治区十三届人大六次会议。")
    assert got[0].text == "1月19-25日，赴呼和浩特参加自治区十三届人大六次会议。"


def test_duplicate_entry_is_kept_once():
    got, warnings = entries(
        "●2月27日上午，乘坐飞机前往北京。",
        "●2月28日至3月6日，参加中共",
        "中央党校培训班。",
        "●2月28日至3月6日，参加中共中央党校培训班。",
        "●3月7日上午，走访企业。",
    )
    assert [(e.line, e.date) for e in got] == [(1, date(2022, 2, 27)), (2, date(2022, 2, 28)), (5, date(2022, 3, 7))]
    assert warnings == ["f.txt:4: 重复的大事记条目（PDF 印了两次），只保留一条"]


def test_same_day_different_text_is_not_a_duplicate():
    got, warnings = entries("●1月14日，签署战略合作协议。", "1月14日，召开电视电话会议。")
    assert [e.id for e in got] == ["dsj-2022-01-14-1", "dsj-2022-01-14-2"]
    assert warnings == []


def test_ids_count_entries_of_a_day_after_duplicates_are_gone():
    got, _ = entries("●1月7日，甲。", "●1月7日，甲。", "●1月7日，乙。")
    assert [e.id for e in got] == ["dsj-2022-01-07-1", "dsj-2022-01-07-2"]


def test_text_before_the_first_dated_line_is_reported():
    got, warnings = entries("（说明文字）", "●1月5日，甲。")
    assert len(got) == 1
    assert warnings == ["f.txt:1: 大事记第一条日期之前的文字没有归入任何条目"]


def test_to_dict():
    (entry,), _ = entries("●2月8—9日参加培训班。")
    assert entry.to_dict() == {
        "id": "dsj-2022-02-08-1",
        "issue_id": "i",
        "source": "f.txt",
        "line": 1,
        "date": "2022-02-08",
        "end_date": "2022-02-09",
        "part_of_day": None,
        "text": "2月8—9日参加培训班。",
    }


def test_chronicle_only_issue():
    src = SourceText(
        "x/chron.txt",
        "chron.txt",
        [
            "兴安盟行政公署公报",
            "",
            "2021",
            "",
            "第4期（第四季度）（总第76期）",
            "",
            "兴安盟行政公署大事记",
            "",
            "(10月1日至12月31日)",
            "",
            "●10月8日上午，召开常务会议。",
            "",
            "●12月30日-31日，赴外地考察；",
            "下午，返回。",
        ],
        "text",
    )
    issue = parse_issue(src)
    assert (issue.year, issue.number, issue.total_number, issue.period) == (2021, 4, 76, "第四季度")
    assert issue.documents == []
    assert issue.chronicle_title == "兴安盟行政公署大事记(10月1日至12月31日)"
    assert [(e.date, e.end_date, e.line) for e in issue.chronicle] == [
        (date(2021, 10, 8), None, 11),
        (date(2021, 12, 30), date(2021, 12, 31), 13),
    ]
    assert issue.chronicle[1].text == "12月30日-31日，赴外地考察；\n下午，返回。"


# --- 大事记 of other publishers and extractors (made-up text in the shapes real pages print) ----------


def _issue(tmp_path, text: str, name: str = "dsj.txt", year: int | None = None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return corpus.parse_file(path, year=year)


def _dated(issue):
    return [(e.date, e.end_date) for e in issue.chronicle]


def test_a_two_column_page_with_its_year_in_the_running_head(tmp_path):
    """A city gazette's 大事记 page as a PDF-to-text tool gives it: the year and 期 only in the running head,
    both columns interleaved on each line, dates spaced out ("3 月 2 日")."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_corpus_columns import PAGE, row

    text = "\n".join(
        ["Page 31 - 某某市人民政府公报第三期", "", "某某市人民政府公报 2024  3" + " " * 50 + "大事记", "", "", ""]
        + [" " * 39 + "某某市人民政府大事记", ""]
        + PAGE
        + [row("", "  3 月 14 日  市领导会见来访客商一行。")]
    )
    issue = _issue(tmp_path, text)
    assert (issue.publication, issue.year, issue.number) == ("某某市人民政府公报", 2024, 3)
    assert issue.chronicle_title == "某某市人民政府大事记"
    assert _dated(issue) == [
        (date(2024, 3, 2), None),
        (date(2024, 3, 5), None),
        (date(2024, 3, 9), None),
        (date(2024, 3, 12), None),
        (date(2024, 3, 14), None),
    ]
    assert (
        issue.chronicle[0].text
        == "3 月 2 日  全市春季植树造林动员会召开。\n市长出席会议并讲话，副市长主持会议，各区旗主要负责同志参加。"
    )
    assert (
        issue.chronicle[2].text
        == "3 月 9 日  市长到东城区调研城市更新项目强调要加快老旧小区改造进度，切实改善群众居住条件。"
    )
    assert [e.line for e in issue.chronicle] == [9, 12, 9, 12, 14]


def test_month_headings_days_alone_and_the_same_day(tmp_path):
    text = (
        "某某区人民政府大事记\n(2021年1—12月)\n1月\n"
        "4日 区青少年活动中心获评自治区科普示范基地。\n"
        "11日 区重点企业技术中心通过认定。\n"
        "是日 全区冰雪运动会开幕。\n"
        "△ 区政府召开常务会议。\n"
        "20—22日 区第十届人民代表大会第五次会议召开。\n"
        "二月\n"
        "3日 区委召开经济工作会议。\n"
    )
    issue = _issue(tmp_path, text)
    assert issue.year == 2021 and issue.chronicle_title == "某某区人民政府大事记(2021年1—12月)"
    assert _dated(issue) == [
        (date(2021, 1, 4), None),
        (date(2021, 1, 11), None),
        (date(2021, 1, 11), None),  # 是日: the day of the entry above
        (date(2021, 1, 11), None),  # △ with no date: another entry of that day
        (date(2021, 1, 20), date(2021, 1, 22)),
        (date(2021, 2, 3), None),
    ]
    assert issue.chronicle[2].text == "是日 全区冰雪运动会开幕。"
    assert [e.id for e in issue.chronicle][:4] == [
        "dsj-2021-01-04-1",
        "dsj-2021-01-11-1",
        "dsj-2021-01-11-2",
        "dsj-2021-01-11-3",
    ]


def test_a_monthly_chronicle_with_a_posting_stamp_glued_to_its_first_entry(tmp_path):
    text = (
        "2021年3月大事记(杂志版)\n"
        "发布日期:2022-04-02 09:15:273月1日,市发改委发布统计,2020年全市新开工项目120个。\n"
        "3月2日,市委常委会召开会议。\n"
        "3月4—6日,政协第十三届委员会第五次会议召开。\n"
        "3月3日,市长调研重点项目。\n"
    )
    issue = _issue(tmp_path, text)
    assert issue.year == 2021  # the heading's, not the posting stamp's 2022 nor the 2020 in an entry
    assert _dated(issue) == [
        (date(2021, 3, 1), None),
        (date(2021, 3, 2), None),
        (date(2021, 3, 4), date(2021, 3, 6)),
        (date(2021, 3, 3), None),  # entries stay in the order printed
    ]
    assert issue.chronicle[0].text.startswith("3月1日,市发改委")
    assert any("发布时间" in w and "2022-04-02" in w for w in issue.warnings)


def test_entries_a_page_flattened_onto_one_line(tmp_path):
    text = "一月\n|\n1月1日 新修订的条例正式施行。 1月6日 市羽毛球协会换届。 1月11日-12日 市人大常委会召开会议。\n"
    with pytest.raises(corpus.GazetteParseError, match="大事记没有年份"):
        _issue(tmp_path, text)  # no year printed anywhere: none is guessed
    issue = _issue(tmp_path, text, year=2016)
    assert _dated(issue) == [(date(2016, 1, 1), None), (date(2016, 1, 6), None), (date(2016, 1, 11), date(2016, 1, 12))]
    assert issue.chronicle[1].text == "1月6日 市羽毛球协会换届。"


def test_day_headings_with_numbered_items(tmp_path):
    text = (
        "3月至4月大事记\n\n3月\n\n1日\n\n1、市长参加集中学习。\n\n2、副市长听取工作汇报。\n\n"
        "2日\n\n1、副市长主持召开协调会议。\n\n4月\n\n5日\n\n1、市长督导检查安全生产。\n"
    )
    issue = _issue(tmp_path, text, year=2018)  # the heading prints no year: --year (or the manifest) gives it
    assert _dated(issue) == [(date(2018, 3, 1), None), (date(2018, 3, 2), None), (date(2018, 4, 5), None)]
    assert issue.chronicle[0].text == "1日\n1、市长参加集中学习。\n2、副市长听取工作汇报。"


def test_a_page_that_starts_in_the_middle_of_an_entry(tmp_path):
    """The second page of a 大事记 printed alone: no heading, the first lines end an entry of the page before.
    The entries are found; the text before the first of them is reported, not lost silently."""
    text = "议并讲话，副市长作工作部署。\n5月15日 市委副书记、市长到东胜区督导检查。\n5月19日 旅游推介会举行。\n"
    (tmp_path / "manifest.json").write_text(json.dumps({"files": {"p2.txt": {"year": 2025}}}), encoding="utf-8")
    issue = _issue(tmp_path, text, name="p2.txt")
    assert _dated(issue) == [(date(2025, 5, 15), None), (date(2025, 5, 19), None)]
    assert any(":1:" in w and "议并讲话" in w for w in issue.warnings)


def test_dated_lines_inside_a_notice_make_no_chronicle(tmp_path):
    """A notice's fragment (its title lost) listing dates further down is a document, not a 大事记."""
    text = (
        "各旗县市人民政府，盟直有关部门：\n\n为做好春季防火工作，现将近期工作安排通知如下。\n\n一、工作安排\n\n"
        "具体安排如下：\n\n3月5日，召开全盟动员会议。\n\n3月6日，开展联合检查。\n\n兴安盟行政公署办公室\n\n2024年3月1日\n"
    )
    issue = _issue(tmp_path, text)
    assert issue.chronicle == [] and issue.chronicle_title is None
    assert len(issue.documents) == 1 and "3月6日，开展联合检查。" in issue.documents[0].body


def test_a_typeset_chronicle_whose_year_only_its_running_heads_print(tmp_path):
    """A PDF of 大事记 pages alone: the running heads (left out of the text by their place on the page) are the
    only place that prints the year and 期; the entries are set in two columns."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pdf_typeset import Typesetter, require_typesetting

    require_typesetting()
    head = "某某市人民政府公报　2024　　3　大事记"
    setter = Typesetter(tmp_path / "dsj.pdf", heads=(head, head), cover=False)
    setter.paragraph("某某市人民政府大事记", "chronicle-head")
    setter.set_columns(2)
    for day in range(1, 29):
        setter.paragraph(f"3月{day}日  市政府召开第{day}次常务会议，研究部署城市更新、招商引资和安全生产等工作。")
    setter.save()
    issue = corpus.parse_file(tmp_path / "dsj.pdf")
    assert (issue.publication, issue.year, issue.number) == ("某某市人民政府公报", 2024, 3)
    assert [e.date for e in issue.chronicle] == [date(2024, 3, day) for day in range(1, 29)]
    assert not any("2024" in e.text and "公报" in e.text for e in issue.chronicle)
