"""find_wenhao in running text, and WENHAO_IN_QUERY in users' queries."""

import pytest

from corpus import BUNDLED_CORPUS
from corpus.wenhao import WENHAO_IN_QUERY, find_wenhao, parse_wenhao

CORPUS = BUNDLED_CORPUS


def canonicals(text):
    return [wh.canonical for wh, _, _ in find_wenhao(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # document header lines from the corpus
        ("兴署发〔2022〕6号", ["兴署发〔2022〕6号"]),
        ("兴署联发〔2022〕1 号", ["兴署联发〔2022〕1号"]),
        ("兴署办字〔2022〕5 号", ["兴署办字〔2022〕5号"]),
        # 代字 after a leading word
        ("按照国发〔2022〕22号", ["国发〔2022〕22号"]),
        ("根据国发〔2022〕22号文件", ["国发〔2022〕22号"]),
        ("依据兴署发〔2022〕6号", ["兴署发〔2022〕6号"]),
        ("现将兴署办发〔2022〕6号", ["兴署办发〔2022〕6号"]),
        ("印发兴署办发〔2022〕6号", ["兴署办发〔2022〕6号"]),
        ("参照内政发〔2014〕74号执行", ["内政发〔2014〕74号"]),
        ("详见兴署发〔2022〕6号", ["兴署发〔2022〕6号"]),
        ("国发〔2022〕22号和内政发〔2023〕5号", ["国发〔2022〕22号", "内政发〔2023〕5号"]),
        ("国发〔2022〕22号、内政发〔2023〕5号", ["国发〔2022〕22号", "内政发〔2023〕5号"]),
        # in parentheses after a title (corpus)
        ("（中办发〔2016〕64号）", ["中办发〔2016〕64号"]),
        ("《…的通知》(内政发〔2014〕74号)", ["内政发〔2014〕74号"]),
        (
            "《国务院关于开展第五次全国经济普查的通知》(国发〔2022〕22号)和《内蒙古自治区人民政府关于"
            "开展第五次全国经济普查的通知》（内政发〔2023〕5号）",
            ["国发〔2022〕22号", "内政发〔2023〕5号"],
        ),
        ("修订版）》（发改财金〔2018〕1862号）实施联合惩戒", ["发改财金〔2018〕1862号"]),
        ("(中发〔2019〕30 号)，《国务院 中央军", ["中发〔2019〕30号"]),
        ("重大事项报告制度》(兴企改组办发〔2021〕10号)", ["兴企改组办发〔2021〕10号"]),
        ("《…》（内发改经贸字〔2022〕135号）", ["内发改经贸字〔2022〕135号"]),
        # PDF damage: line breaks and spaces inside the 文号
        ("的通知》（内政办发〔2022〕82\n\n号）、《兴安盟物流业", ["内政办发〔2022〕82号"]),
        ("（内政办发〔2022〕89 号）文件要求", ["内政办发〔2022〕89号"]),
        ("兴 署 发〔2022〕6号", ["兴署发〔2022〕6号"]),
        ("按照兴署办字 〔 2022 〕 5 号", ["兴署办字〔2022〕5号"]),
        ("的通知\n\n兴署办发〔2022〕3号\n\n各旗县市", ["兴署办发〔2022〕3号"]),
        # other brackets, full-width digits, 年 form with 号
        ("根据兴署发[2022]6号", ["兴署发〔2022〕6号"]),
        ("根据兴署发【2022】６号", ["兴署发〔2022〕6号"]),
        ("根据兴署发2022年6号文件", ["兴署发〔2022〕6号"]),
        # a longer Han run ending in a known series is cut to the series
        ("兴安盟行政公署办公室兴署发〔2022〕6号", ["兴署发〔2022〕6号"]),
        # else the 代字 is at most 10 characters (garbage in, bounded garbage out)
        ("兴安盟行政公署办公室兴文发〔2022〕6号", ["行政公署办公室兴文发〔2022〕6号"]),
    ],
)
def test_find(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize(
    "text, span",
    [
        ("按照国发〔2022〕22号，", "国发〔2022〕22号"),
        ("（内政办发〔2022〕82\n\n号）", "内政办发〔2022〕82\n\n号"),
        ("（中发〔2019〕30 号)", "中发〔2019〕30 号"),
        ("见兴署发〔2022〕6）", "兴署发〔2022〕6"),  # no 号: the span ends at the number
    ],
)
def test_find_offsets(text, span):
    [(_, start, end)] = find_wenhao(text)
    assert text[start:end] == span


@pytest.mark.parametrize(
    "text",
    [
        "2022年6月",
        "于2022年6月6日召开",
        "截至2022年12月底",
        "兴署发2022年6",  # the 年 form needs 号 in running text
        "执行《医疗废物焚烧污染控制标准》（GB18484-2001）",
        "《兴安盟物流业发展规划（2021—2025）》",
        "《兴安盟妇女发展纲要(2021-2030年)》",
        "〔2022〕6号",  # no 代字
        "根据〔2022〕6号",  # only a leading word
        "12345 政务服务便民热线与 110 报警服务台",
        "兴署发〔1900〕6号",  # year out of range
        "",
    ],
)
def test_find_nothing(text):
    assert find_wenhao(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("根据《内蒙古自治区重大行政决策程序规定》（自治区人民政府令第 248 号）", ["自治区人民政府令第248号"]),
        ("根据国务院令第707号和国发〔2019〕5号", ["国令第707号", "国发〔2019〕5号"]),
        ("按照市政府令第161号", ["市政府令第161号"]),
        ("（2016年12月1日常州市人民政府令第2号发布）", ["常州市人民政府令第2号"]),
        ("以自治区人民政府令第256号公布", ["自治区人民政府令第256号"]),
        # the word before a 代字 is not part of it (known series first, then the words that precede numbers)
        ("决定废止兴署联发〔2022〕1号", ["兴署联发〔2022〕1号"]),
        ("为结合兴署办字〔2022〕9号文件", ["兴署办字〔2022〕9号"]),
        ("配合内政办发〔2021〕3号", ["内政办发〔2021〕3号"]),
        ("经研究通过鄂府发〔2025〕8号", ["鄂府发〔2025〕8号"]),
        ("附兴署发〔2022〕6号", ["兴署发〔2022〕6号"]),
        ("请按兴署办发〔2022〕2号执行", ["兴署办发〔2022〕2号"]),
        ("同时取代国办发〔2018〕12号", ["国办发〔2018〕12号"]),
    ],
)
def test_find_orders_and_codes_after_words(text, found):
    spans = find_wenhao(text)
    assert [w.canonical for w, _, _ in spans] == found
    for wenhao, start, end in spans:  # the span holds what was printed, and parses back to the same number
        assert parse_wenhao(text[start:end]).canonical == wenhao.canonical


@pytest.mark.parametrize(
    "text, found",
    [
        # back to back with no separator (a list pasted without its 、): each was found every other one
        (
            "兴署发〔2022〕6号兴署发〔2022〕7号兴署发〔2022〕8号",
            ["兴署发〔2022〕6号", "兴署发〔2022〕7号", "兴署发〔2022〕8号"],
        ),
        (
            "国发〔2013〕42号国发〔2013〕43号国发〔2013〕44号",
            ["国发〔2013〕42号", "国发〔2013〕43号", "国发〔2013〕44号"],
        ),
        (
            "兴署发2022年6号兴署发2022年7号兴署发2022年8号",
            ["兴署发〔2022〕6号", "兴署发〔2022〕7号", "兴署发〔2022〕8号"],
        ),
        (
            "国发〔2013〕42号内政发〔2014〕74号兴署办字〔2022〕5号",
            ["国发〔2013〕42号", "内政发〔2014〕74号", "兴署办字〔2022〕5号"],
        ),
    ],
)
def test_find_numbers_printed_back_to_back(text, found):
    spans = find_wenhao(text)
    assert [w.canonical for w, _, _ in spans] == found
    assert "".join(text[start:end] for _, start, end in spans) == text  # each span exactly its own number


def test_find_in_corpus_file():
    path = CORPUS / "002_aec23d992a7ebbae.txt"  # tracked in git: missing is a failure, not a skip
    text = path.read_text(encoding="utf-8")
    found = find_wenhao(text)
    names = [wh.canonical for wh, _, _ in found]
    assert "内政办发〔2022〕82号" in names
    assert "兴署发〔2023〕41号" in names
    assert "兴企改组办发〔2021〕10号" in names
    for wh, start, end in found:  # offsets point back at the written form
        assert parse_wenhao(text[start:end]) == wh


# --- queries ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query, canonical",
    [
        ("兴署办字〔2022〕5号", "兴署办字〔2022〕5号"),
        ("兴署办字〔2022〕5", "兴署办字〔2022〕5号"),
        ("兴署办字[2022]5号", "兴署办字〔2022〕5号"),
        ("兴署办字(2022)5", "兴署办字〔2022〕5号"),
        ("兴署办字（2022）5号", "兴署办字〔2022〕5号"),
        ("兴署办字【2022】5号", "兴署办字〔2022〕5号"),
        ("兴署办字 〔 2022 〕 5 号", "兴署办字〔2022〕5号"),
        ("兴 署 发〔2022〕6号", "兴署发〔2022〕6号"),
        ("兴署发〔２０２２〕６号", "兴署发〔2022〕6号"),
        ("兴署发〔2022〕006号", "兴署发〔2022〕6号"),
        ("兴署发2022年6号", "兴署发〔2022〕6号"),
        ("兴署发2022年6", "兴署发〔2022〕6号"),
        ("兴署发 2022 年 6", "兴署发〔2022〕6号"),
        ("医疗废物 兴署办发2022年3 预案", "兴署办发〔2022〕3号"),
        ("政策 兴署发〔2022〕6号", "兴署发〔2022〕6号"),
        ("关于兴署发〔2022〕6号的解读", "兴署发〔2022〕6号"),
        ("查询国发〔2022〕22号", "国发〔2022〕22号"),
        ("内政办发〔2022〕82 号 冷链物流", "内政办发〔2022〕82号"),
    ],
)
def test_query_pattern(query, canonical):
    m = WENHAO_IN_QUERY.search(query)
    assert m is not None
    wh = parse_wenhao(m.group())
    assert wh is not None and wh.canonical == canonical


@pytest.mark.parametrize(
    "query",
    [
        "2022年6月",
        "兴署发2022年6月",  # a date, not a number
        "政策2022年6月文件",
        "考试2022年5个",
        "自治区人民政府令第 248 号",
        "GB18484-2001",
        "兴署发 6号",
        "医疗废物处置",
    ],
)
def test_query_pattern_no_match(query):
    assert WENHAO_IN_QUERY.search(query) is None
