"""大事记 entries on small made-up inputs: dates, ranges, parts of day, continuation lines, duplicates."""

from __future__ import annotations

from datetime import date

import pytest

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
