"""parse_date, parse_date_line and to_halfwidth_digits."""

from datetime import date

import pytest

from corpus.dates import parse_date, parse_date_line, to_halfwidth_digits


@pytest.mark.parametrize(
    "text, expected",
    [
        # as printed in the corpus
        ("2022年1月4日", date(2022, 1, 4)),
        ("2022年3月11日", date(2022, 3, 11)),
        ("2022 年 2 月 16 日", date(2022, 2, 16)),
        ("2023 年 6 月 28 日", date(2023, 6, 28)),
        ("2023年12月31日", date(2023, 12, 31)),
        # spaces anywhere, surrounding white space
        ("2 0 2 3 年 6 月 2 8 日", date(2023, 6, 28)),
        ("  2023年6月28日\n", date(2023, 6, 28)),
        ("2023\u3000年\u30006\u3000月\u300028\u3000日", date(2023, 6, 28)),
        # full-width digits
        ("２０２２年１月４日", date(2022, 1, 4)),
        ("２０２２年12月３１日", date(2022, 12, 31)),
        # Chinese numerals, with 〇, ○ and 零 for zero
        ("二〇二三年五月六日", date(2023, 5, 6)),
        ("二○○七年六月五日", date(2007, 6, 5)),
        ("二零二零年十月十日", date(2020, 10, 10)),
        ("二〇二二年十二月三十一日", date(2022, 12, 31)),
        ("二〇二二年十一月二十日", date(2022, 11, 20)),
        ("二〇二二年一月十九日", date(2022, 1, 19)),
        ("二 〇 二 三 年 五 月 六 日", date(2023, 5, 6)),
        # ISO
        ("2022-01-04", date(2022, 1, 4)),
        ("2024-02-29", date(2024, 2, 29)),
        # leap day
        ("2024年2月29日", date(2024, 2, 29)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, default_year, expected",
    [
        ("1月4日", 2022, date(2022, 1, 4)),
        ("1 月 4 日", 2023, date(2023, 1, 4)),
        ("十二月三十一日", 2022, date(2022, 12, 31)),
        ("2021年1月4日", 2022, date(2021, 1, 4)),  # an explicit year wins
        ("1月4日", None, None),  # no year, no date
        ("2月29日", 2023, None),  # not a leap year
    ],
)
def test_parse_date_default_year(text, default_year, expected):
    assert parse_date(text, default_year=default_year) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2022年2月30日",  # invalid dates
        "2023年2月29日",
        "2022年13月1日",
        "2022年4月31日",
        "2022年0月1日",
        "2022-02-30",
        "2022.1.4",  # dotted form is not accepted
        "2022/1/4",
        "2022年1月",  # no day
        "2022年",
        "2023 年 4 月 3 日印发",  # 印发 belongs to parse_date_line
        "于2022年1月4日",
        "2022年1月4日召开",
        "二〇二二年十十月一日",  # malformed numerals
        "兴署发〔2022〕6号",
        "自治区人民政府令第 248 号",
    ],
)
def test_parse_date_rejects(text):
    assert parse_date(text) is None
    assert parse_date(text, default_year=2022) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023 年 4 月 3 日印发", (date(2023, 4, 3), True)),
        ("2023 年 4 月 15 日印发", (date(2023, 4, 15), True)),
        ("2023年4月4日印发", (date(2023, 4, 4), True)),
        ("2023年4月4日 印 发", (date(2023, 4, 4), True)),
        ("二〇二三年五月六日印发", (date(2023, 5, 6), True)),
        ("2023 年 6 月 28 日", (date(2023, 6, 28), False)),
        ("2022年1月4日\n", (date(2022, 1, 4), False)),
        ("２０２２年１月１０日", (date(2022, 1, 10), False)),
    ],
)
def test_parse_date_line(text, expected):
    assert parse_date_line(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "印发",
        "兴安盟行政公署办公室 2023 年 4 月 3 日印发",
        "2023 年 4 月 3 日印发的通知",
        "2023年2月30日印发",
        "1月4日印发",  # no year
        "2月1日—4月30日",
    ],
)
def test_parse_date_line_rejects(text):
    assert parse_date_line(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("２０２２年１月４日", "2022年1月4日"),
        ("０１２３４５６７８９", "0123456789"),
        ("第２号 abc 二〇", "第2号 abc 二〇"),
        ("", ""),
    ],
)
def test_to_halfwidth_digits(text, expected):
    assert to_halfwidth_digits(text) == expected
