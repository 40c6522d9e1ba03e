"""Pathological inputs run in linear time: find_wenhao over long runs of spaced Han characters,
WENHAO_IN_QUERY over a long query, parse_chronicle_date over a long run of white space.

Before the rewrite a 1,600-character line of `兴 兴 兴 … 2022年` took ~10 s in find_wenhao (cubic
backtracking) and 30,000 U+2002 spaces ~5 s in parse_chronicle_date (quadratic). Each test here runs
100× that size under a generous bound, and checks that 10× the input costs at most ~20× the time.
The anchor-first 文号 finder is also checked against the single regular expression it replaces, on
many short random strings (where that expression is still fast).
"""

from __future__ import annotations

import os
import random
import re
import time

import pytest

from corpus.dates import parse_chronicle_date
from corpus.wenhao import WENHAO_IN_QUERY, WenhaoPattern, find_wenhao

# timed: run alone, after the parallel run (scripts/test.sh), not beside another worker
pytestmark = pytest.mark.alone


def best_time(fn, arg, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - started)
    return best


def _slack() -> float:
    """How much slower than an idle machine this one runs now: other processes on every core stretch a
    timing (the absolute bounds catch a cubic blow-up, not a busy machine; the ratio below is the test)."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def assert_linear(fn, make, small, bound):
    big_input = make(small * 100)
    assert best_time(fn, big_input, repeat=1) < bound * _slack()
    t1 = best_time(fn, make(small))
    t10 = best_time(fn, make(small * 10))
    # 10x the input: at most ~20x the time (floor of 2 ms so timer noise on tiny runs does not count)
    assert t10 <= 20 * max(t1, 0.002), (t1, t10)


def spaced_han(n_chars: int) -> str:
    return "兴 " * (n_chars // 2) + "2022年"


def test_find_wenhao_on_spaced_han_is_linear():
    assert find_wenhao(spaced_han(1600)) == []
    assert_linear(find_wenhao, spaced_han, 1600, bound=0.5)


def test_find_wenhao_on_many_citations_is_linear():
    def make(n):
        return "按照国发〔2022〕22号和内政发〔2023〕5号，" * (n // 24)

    assert len(find_wenhao(make(240))) == 20
    assert_linear(find_wenhao, make, 2400, bound=0.5)


def test_query_pattern_on_spaced_han_is_linear():
    assert WENHAO_IN_QUERY.search(spaced_han(1600)) is None
    assert_linear(lambda text: list(WENHAO_IN_QUERY.finditer(text)), spaced_han, 1600, bound=0.5)


def test_a_wenhao_after_a_long_spaced_run_is_still_found():
    text = "兴 " * 5000 + "根据国发〔2022〕22号"
    [(wenhao, start, end)] = find_wenhao(text)
    assert wenhao.canonical == "国发〔2022〕22号" and text[start:end] == "国发〔2022〕22号"


def spaces(n: int) -> str:
    return "\u2002" * n + "1月5日，会议。"


def test_chronicle_date_after_long_white_space_is_linear():
    assert parse_chronicle_date(spaces(10), 2022).rest == "会议。"
    assert parse_chronicle_date("\u2002" * 30000 + "x", 2022) is None
    assert_linear(lambda text: parse_chronicle_date(text, 2022), spaces, 30000, bound=0.5)
    assert_linear(lambda text: parse_chronicle_date(text, 2022), lambda n: "\u2002" * n + "x", 30000, bound=0.5)


def test_chronicle_date_with_white_space_inside_is_linear():
    def make(n):
        return "1月5日" + " " * (n // 2) + "至" + " " * (n // 2) + "x"

    assert parse_chronicle_date(make(6), 2022).end is None
    assert_linear(lambda text: parse_chronicle_date(text, 2022), make, 30000, bound=0.5)


# --- the anchor-first finder gives what the single expression gave --------------------------------

PIECES = [
    "兴",
    "署",
    "发",
    "办",
    "字",
    "国",
    "政",
    "的",
    "关于",
    "根据",
    "按照",
    " ",
    "  ",
    "\n",
    "\t",
    "〔",
    "〕",
    "[",
    "]",
    "（",
    "）",
    "2022",
    "２０２２",
    "20 22",
    "年",
    "号",
    "5",
    "１２",
    "x",
    "，",
    "。",
]


@pytest.mark.parametrize("needs_hao", [True, False], ids=["text", "query"])
def test_same_matches_as_the_single_regular_expression(needs_hao):
    linear = WenhaoPattern(needs_hao)
    reference = re.compile(linear.pattern)
    rng = random.Random(8)
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        if rng.random() < 0.6:  # most strings built around a 文号-like core, so that many match
            code = "".join(rng.choice(PIECES[:11]) + rng.choice(["", "", " "]) for _ in range(rng.randint(1, 5)))
            core = rng.choice(["〔2022〕5", "[ 2023 ]１２", "（2022）5", "2022年5", "20 22 年 5"]) + rng.choice(
                ["号", "", " 号", "\n号"]
            )
            text = text[: rng.randint(0, len(text))] + code + rng.choice(["", " ", "\n"]) + core + rng.choice(PIECES)
        expected = [
            (m.start(), m.end(), m["code"], m["y1"], m["n1"], m["y2"], m["n2"]) for m in reference.finditer(text)
        ]
        got = [(m.start(), m.end(), m["code"], m["y1"], m["n1"], m["y2"], m["n2"]) for m in linear.finditer(text)]
        assert got == expected, repr(text)
        found += len(expected)
    assert found > 200  # the random strings do hold 文号, so the comparison says something


# --- the parts of a document and the heads they make (issue 18) ------------------------------------


def _parse_text(text: str):
    from corpus.pipeline import parse_issue
    from corpus.readers.source import SourceText, split_lines

    return parse_issue(SourceText("x.txt", "x.txt", split_lines(text), "text"))


def test_many_titles_and_numbers_parse_in_linear_time():
    """A gazette of many short documents: each a title, a number, an addressee, a sentence, a date."""

    def make(n):
        doc = "关于做好第{k}项工作的通知\n兴署发〔2022〕{k}号\n各旗县市人民政府：\n现将有关事项通知如下，请认真贯彻执行。\n2022年1月4日\n"
        return "".join(doc.format(k=k + 1) for k in range(n // 5))

    assert len(_parse_text(make(50)).documents) == 10
    assert_linear(_parse_text, make, 200, bound=20)


def test_many_title_candidates_inside_one_document_parse_in_linear_time():
    """One document holding thousands of title-shaped lines (a list of the plans it issues)."""

    def make(n):
        return "兴安盟行政公署关于印发有关方案的通知\n兴署发〔2022〕1号\n各旗县市人民政府：\n" + "".join(
            f"兴安盟第{k}项工作实施方案\n" for k in range(n)
        )

    assert len(_parse_text(make(20)).documents) == 1
    assert_linear(_parse_text, make, 200, bound=20)


def test_metadata_lines_and_flattened_lines_are_read_in_linear_time():
    from corpus.elements.metablock import read_metadata_block
    from corpus.elements.paragraphs import Para
    from corpus.elements.unflatten import unflatten

    def table(n):
        return ["索引号：000014349/2019-00007  发文字号：国发〔2019〕5号  成文日期：2019年02月15日"] * n

    assert read_metadata_block(table(3), 0)[0] == 3
    assert_linear(lambda lines: read_metadata_block(lines, 0), table, 500, bound=5)

    def flat(n):
        return [Para(1, "各地要认真贯彻执行。 " * (n // 11))]

    assert len(unflatten(flat(330))) == 30
    assert_linear(unflatten, flat, 2200, bound=5)


def test_order_numbers_in_running_text_are_found_in_linear_time():
    def make(n):
        return "经常州市人民政府令第2号发布，" * (n // 15)

    assert len(find_wenhao(make(150))) == 10
    assert_linear(find_wenhao, make, 1500, bound=2)
