"""parse_chronicle_date (大事记 entry heads) and parse_period."""

from datetime import date

import pytest

from corpus import BUNDLED_CORPUS
from corpus.dates import ChronicleDate, parse_chronicle_date, parse_month_heading, parse_period

CORPUS = BUNDLED_CORPUS


@pytest.mark.parametrize(
    "text, start, end, part, rest",
    [
        # lines from the 大事记 in 000_50af7b231d7ea85e.txt
        (
            "●1月5日下午，赴自治区政府向张韶春主席汇报后柳湾煤矿股权出让事宜。",
            date(2022, 1, 5),
            None,
            "下午",
            "赴自治区政府向张韶春主席汇报后柳湾煤矿股权出让事宜。",
        ),
        ("●1月7日，参加盟委理论学习中心组举行集", date(2022, 1, 7), None, None, "参加盟委理论学习中心组举行集"),
        ("●1月12日上午，参加自治区稳经济运行", date(2022, 1, 12), None, "上午", "参加自治区稳经济运行"),
        ("●1月19-25日，赴呼和浩特参加自", date(2022, 1, 19), date(2022, 1, 25), None, "赴呼和浩特参加自"),
        (
            "●1月27日-28日，景域驴妈妈集团、欣光集团",
            date(2022, 1, 27),
            date(2022, 1, 28),
            None,
            "景域驴妈妈集团、欣光集团",
        ),
        (
            "●2月8—9日参加自治区党委十九届六中全会精神培训班。",
            date(2022, 2, 8),
            date(2022, 2, 9),
            None,
            "参加自治区党委十九届六中全会精神培训班。",
        ),
        (
            "●2月17日早上，参加全盟党的十九屆六中全会精神党政研讨班开班式；",
            date(2022, 2, 17),
            None,
            "早上",
            "参加全盟党的十九屆六中全会精神党政研讨班开班式；",
        ),
        ("●2月28日至3月6日，参加中共", date(2022, 2, 28), date(2022, 3, 6), None, "参加中共"),
        ("●3月12日上午,召开盟长办公会,听取", date(2022, 3, 12), None, "上午", "召开盟长办公会,听取"),
        ("●3月13日,赴科右中旗调研", date(2022, 3, 13), None, None, "赴科右中旗调研"),
        ("●3月14日早上,召开班子碰头会;上午,参加", date(2022, 3, 14), None, "早上", "召开班子碰头会;上午,参加"),
        ("●3月21日,上午,行署班子碰头会;", date(2022, 3, 21), None, "上午", "行署班子碰头会;"),
        ("●3月30日，主持召开盟长办公会议", date(2022, 3, 30), None, None, "主持召开盟长办公会议"),
        # without the bullet, other bullets, spaces
        ("1月5日下午，赴自治区", date(2022, 1, 5), None, "下午", "赴自治区"),
        ("• 1月5日，赴", date(2022, 1, 5), None, None, "赴"),
        ("◆1月5日，赴", date(2022, 1, 5), None, None, "赴"),
        ("■1月5日，赴", date(2022, 1, 5), None, None, "赴"),
        ("·1月5日，赴", date(2022, 1, 5), None, None, "赴"),
        ("  ● 1 月 5 日下午，赴", date(2022, 1, 5), None, "下午", "赴"),
        ("1 月 5 日 下午 ， 赴", date(2022, 1, 5), None, "下午", "赴"),
        ("1 月 19 - 25 日，赴", date(2022, 1, 19), date(2022, 1, 25), None, "赴"),
        # full-width digits (the rest keeps its own characters)
        ("●１月５日下午，召开第２次会议", date(2022, 1, 5), None, "下午", "召开第２次会议"),
        ("●２月２８日至３月６日，参加", date(2022, 2, 28), date(2022, 3, 6), None, "参加"),
        # every part of the day
        ("1月5日晚上，到乌市", date(2022, 1, 5), None, "晚上", "到乌市"),
        ("1月5日中午，会见", date(2022, 1, 5), None, "中午", "会见"),
        ("1月5日凌晨，解除", date(2022, 1, 5), None, "凌晨", "解除"),
        ("1月5日夜间，值守", date(2022, 1, 5), None, "夜间", "值守"),
        ("1月5日全天，调研", date(2022, 1, 5), None, "全天", "调研"),
        ("1月5日，下午召开", date(2022, 1, 5), None, "下午", "召开"),
        # range separators
        ("2月8–9日，参加", date(2022, 2, 8), date(2022, 2, 9), None, "参加"),
        ("2月8~9日，参加", date(2022, 2, 8), date(2022, 2, 9), None, "参加"),
        ("2月8～9日，参加", date(2022, 2, 8), date(2022, 2, 9), None, "参加"),
        ("2月8至9日，参加", date(2022, 2, 8), date(2022, 2, 9), None, "参加"),
        ("2月8到9日，参加", date(2022, 2, 8), date(2022, 2, 9), None, "参加"),
        ("2月8日——9日，参加", date(2022, 2, 8), date(2022, 2, 9), None, "参加"),
        ("2月8日到3月1日上午，参加", date(2022, 2, 8), date(2022, 3, 1), "上午", "参加"),
        # a span into the next month or year
        ("1月30-2日，赴", date(2022, 1, 30), date(2022, 2, 2), None, "赴"),
        ("12月30日至1月2日，赴", date(2022, 12, 30), date(2023, 1, 2), None, "赴"),
        ("12月30-2日，赴", date(2022, 12, 30), date(2023, 1, 2), None, "赴"),
        # a date head with nothing after it
        ("3月19日", date(2022, 3, 19), None, None, ""),
        ("1月12日至今，持续", date(2022, 1, 12), None, None, "至今，持续"),
    ],
)
def test_chronicle_date(text, start, end, part, rest):
    assert parse_chronicle_date(text, 2022) == ChronicleDate(start, end, part, rest)


def test_chronicle_year_is_used():
    assert parse_chronicle_date("2月29日，参加", 2024).start == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "下午，参加自治区安全生产视频会。",
        "行署党组会",
        "盟长办公会议（听取气象业务用房建",
        "设事宜)。",
        "●下午,召开盟长办公会",
        "参加中央环保督察协调保障领导小组第2次会议。",
        "2022年1月5日召开的会议上，参加",  # a full date running on into its sentence: a line the print broke
        "1月份，全盟",
        "12345热线",
        "1月5",  # no 日
        "2月30日，参加",  # invalid date
        "2月28日至2月30日，参加",
        "13月1日，参加",
    ],
)
def test_chronicle_rejects(text):
    assert parse_chronicle_date(text, 2022) is None


def test_chronicle_corpus_lines():
    path = CORPUS / "000_50af7b231d7ea85e.txt"  # tracked in git: missing is a failure, not a skip
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("●")]
    parsed = [parse_chronicle_date(ln, 2022) for ln in lines]
    assert len(lines) > 50 and all(parsed)
    assert parsed[0] == ChronicleDate(
        date(2022, 1, 5), None, "下午", "赴自治区政府向张韶春主席汇报后柳湾煤矿股权出让事宜。"
    )
    # entries run in calendar order through the first quarter
    starts = [p.start for p in parsed]
    assert starts == sorted(starts)
    assert date(2022, 1, 1) <= starts[0] and starts[-1] <= date(2022, 3, 31)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(1月1日至3月31日)", (date(2022, 1, 1), date(2022, 3, 31))),
        ("（1 月 1 至 3 月 31 日）", (date(2022, 1, 1), date(2022, 3, 31))),
        ("1月1日—3月31日", (date(2022, 1, 1), date(2022, 3, 31))),
        ("2月1日—4月30日", (date(2022, 2, 1), date(2022, 4, 30))),
        ("1月1日-3月31日", (date(2022, 1, 1), date(2022, 3, 31))),
        ("4月1日至30日", (date(2022, 4, 1), date(2022, 4, 30))),
        ("（１月１日至３月３１日）", (date(2022, 1, 1), date(2022, 3, 31))),
        ("12月1日至1月31日", (date(2022, 12, 1), date(2023, 1, 31))),
        ("2021年12月1日至2022年1月31日", (date(2021, 12, 1), date(2022, 1, 31))),
    ],
)
def test_period(text, expected):
    assert parse_period(text, 2022) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1月1日",
        "兴安盟行政公署大事记",
        "(1月1日至2月30日)",
        "2022年1月4日",
        "(2021-2030年)",
    ],
)
def test_period_rejects(text):
    assert parse_period(text, 2022) is None


# --- under a month heading: the day alone -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end, part, rest",
    [
        ("4日 区青少年活动中心获批科普示范基地。", date(2019, 1, 4), None, None, "区青少年活动中心获批科普示范基地。"),
        ("11日，召开常务会议。", date(2019, 1, 11), None, None, "召开常务会议。"),
        ("3—4日，召开人代会。", date(2019, 1, 3), date(2019, 1, 4), None, "召开人代会。"),
        ("20日至22日 召开政协会议。", date(2019, 1, 20), date(2019, 1, 22), None, "召开政协会议。"),
        ("30日—2日 赴外地考察。", date(2019, 1, 30), date(2019, 2, 2), None, "赴外地考察。"),
        ("5日下午，召开会议。", date(2019, 1, 5), None, "下午", "召开会议。"),
        ("1日", date(2019, 1, 1), None, None, ""),
        ("△ 8日 召开会议。", date(2019, 1, 8), None, None, "召开会议。"),
        ("2月3日 召开会议。", date(2019, 2, 3), None, None, "召开会议。"),  # a full date still wins
    ],
)
def test_a_day_alone_under_a_month_heading(text, start, end, part, rest):
    parsed = parse_chronicle_date(text, 2019, month=1)
    assert (parsed.start, parsed.end, parsed.part_of_day, parsed.rest) == (start, end, part, rest)


@pytest.mark.parametrize("text", ["4日 召开会议。", "3—4日，召开会议。"])
def test_a_day_alone_without_a_month_is_no_date(text):
    assert parse_chronicle_date(text, 2019) is None


@pytest.mark.parametrize("text", ["2018内蒙古足球盛典举行。", "12345 政务热线", "4 项工作", "32日 召开会议。", "5号楼"])
def test_numbers_that_are_no_day(text):
    assert parse_chronicle_date(text, 2019, month=1) is None


@pytest.mark.parametrize(
    "text, month",
    [("1月", 1), ("一月", 1), ("十二月", 12), ("3月份", 3), ("2019年3月", 3), ("１０月", 10), (" 4 月 ", 4)],
)
def test_month_headings(text, month):
    assert parse_month_heading(text) == month


@pytest.mark.parametrize("text", ["1月4日", "13月", "一月四日召开会议", "月", "2019年"])
def test_lines_that_are_no_month_heading(text):
    assert parse_month_heading(text) is None


@pytest.mark.parametrize(
    "text, start, end, rest",
    [
        ("2019年12月30日，市长调研重点项目。", date(2019, 12, 30), None, "市长调研重点项目。"),  # the head's own year
        ("●2020年1月3日 市委召开会议。", date(2020, 1, 3), None, "市委召开会议。"),
        ("一月四日，召开全委会。", date(2020, 1, 4), None, "召开全委会。"),
        ("十二月二十九日至三十一日 考察。", date(2020, 12, 29), date(2020, 12, 31), "考察。"),
        ("十月一日，举行升旗仪式。", date(2020, 10, 1), None, "举行升旗仪式。"),
    ],
)
def test_heads_with_their_year_or_in_chinese_numerals(text, start, end, rest):
    parsed = parse_chronicle_date(text, 2020)
    assert (parsed.start, parsed.end, parsed.rest) == (start, end, rest)


@pytest.mark.parametrize("text", ["十十月一日，会议。", "2019年12月，全市完成任务。", "一月份，召开会议。"])
def test_no_head_in_malformed_or_monthly_text(text):
    assert parse_chronicle_date(text, 2020) is None
