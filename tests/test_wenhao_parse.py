"""parse_wenhao and the Wenhao value: every written form → one canonical 文号."""

import hashlib

import pytest

from corpus.wenhao import OFFICE_BY_CODE, Wenhao, parse_wenhao


@pytest.mark.parametrize(
    "text, canonical",
    [
        # canonical form and the codes seen in the corpus
        ("兴署办字〔2022〕5号", "兴署办字〔2022〕5号"),
        ("兴署发〔2022〕6号", "兴署发〔2022〕6号"),
        ("兴署办发〔2023〕14号", "兴署办发〔2023〕14号"),
        ("兴署联发〔2023〕3号", "兴署联发〔2023〕3号"),
        ("国发〔2022〕22号", "国发〔2022〕22号"),
        ("中办发〔2016〕64号", "中办发〔2016〕64号"),
        ("内政办发〔2022〕89号", "内政办发〔2022〕89号"),
        ("发改财金〔2018〕1862号", "发改财金〔2018〕1862号"),
        ("内发改经贸字〔2022〕135号", "内发改经贸字〔2022〕135号"),
        ("兴企改组办发〔2021〕10号", "兴企改组办发〔2021〕10号"),
        # brackets
        ("兴署办字[2022]5号", "兴署办字〔2022〕5号"),
        ("兴署办字［2022］5号", "兴署办字〔2022〕5号"),
        ("兴署办字(2022)5号", "兴署办字〔2022〕5号"),
        ("兴署办字（2022）5号", "兴署办字〔2022〕5号"),
        ("兴署办字【2022】5号", "兴署办字〔2022〕5号"),
        ("兴署办字﹝2022﹞5号", "兴署办字〔2022〕5号"),
        ("兴署办字〖2022〗5号", "兴署办字〔2022〕5号"),
        ("兴署办字【2022〕5号", "兴署办字〔2022〕5号"),  # mixed pair
        ("兴署办字(2022］5号", "兴署办字〔2022〕5号"),
        # 年 instead of brackets
        ("兴署发2022年6号", "兴署发〔2022〕6号"),
        ("兴署发 2022 年 6 号", "兴署发〔2022〕6号"),
        ("兴署发2022年6", "兴署发〔2022〕6号"),
        # spaces anywhere (corpus: "兴署办字〔2022〕5 号", "兴署联发〔2022〕1 号")
        ("兴署办字〔2022〕5 号", "兴署办字〔2022〕5号"),
        ("兴署联发〔2022〕1 号", "兴署联发〔2022〕1号"),
        ("兴署办字 〔 2022 〕 5 号", "兴署办字〔2022〕5号"),
        ("兴 署 发〔2022〕6号", "兴署发〔2022〕6号"),
        ("  兴署发〔2022〕6号\n", "兴署发〔2022〕6号"),
        ("兴署发〔2 0 2 2〕6号", "兴署发〔2022〕6号"),
        # full-width digits, missing 号, leading zeros
        ("兴署发〔２０２２〕６号", "兴署发〔2022〕6号"),
        ("兴署发〔2022〕6", "兴署发〔2022〕6号"),
        ("兴署发〔2022〕006号", "兴署发〔2022〕6号"),
        ("兴署发〔2022〕０１２号", "兴署发〔2022〕12号"),
        # surrounding parentheses
        ("（内政办发〔2019〕24号）", "内政办发〔2019〕24号"),
        ("(中发〔2019〕30 号)", "中发〔2019〕30号"),
        # year bounds
        ("国发〔1949〕1号", "国发〔1949〕1号"),
        ("国发〔2100〕1号", "国发〔2100〕1号"),
        # 令 numbers: regulations and decrees are numbered per issuer, without a 代字〔year〕
        ("自治区人民政府令第 248 号", "自治区人民政府令第248号"),
        ("中华人民共和国国务院令 第707号", "国令第707号"),
        ("国令第706号", "国令第706号"),
        ("（渝府令第 121 号）", "渝府令第121号"),
        ("河北省人民政府令〔2010〕第15号", "河北省人民政府令〔2010〕15号"),
        ("商务部令2019年第1号", "商务部令〔2019〕1号"),
    ],
)
def test_parse_canonical(text, canonical):
    wh = parse_wenhao(text)
    assert wh is not None
    assert wh.canonical == canonical


@pytest.mark.parametrize(
    "text, fields",
    [
        ("兴署办字〔2022〕5号", ("兴署办字", 2022, 5)),
        ("兴署发2022年006号", ("兴署发", 2022, 6)),
        ("发改财金〔2018〕1862号", ("发改财金", 2018, 1862)),
    ],
)
def test_parse_fields(text, fields):
    assert parse_wenhao(text) == Wenhao(*fields)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "兴署发",
        "〔2022〕6号",  # no 代字
        "〔２０２２〕６号",
        "2022年6号",
        "2022年6月",  # a date
        "2022年1月4日",
        "兴署发2022年6月",
        "GB18484-2001",
        "兴署发〔22〕6号",  # year must have 4 digits
        "兴署发〔1948〕6号",  # out of range
        "兴署发〔2101〕6号",
        "兴署发〔2022〕0号",
        "兴署发〔2022〕号",
        "兴署发〔2022〕6号文件",  # more than one 文号's worth of text
        "兴署发〔2022〕6号 兴署发〔2022〕7号",
        "根据国发〔2022〕22号",  # a leading word is not part of the 代字
        "ABC〔2022〕6号",
    ],
)
def test_parse_rejects(text):
    assert parse_wenhao(text) is None


@pytest.mark.parametrize(
    "text, slug",
    [
        ("兴署发〔2022〕6号", "xsf-2022-6"),
        ("兴署办发〔2022〕3号", "xsbf-2022-3"),
        ("兴署办字〔2022〕5 号", "xsbz-2022-5"),
        ("兴署联发〔2022〕1 号", "xslf-2022-1"),
        ("兴署发2023年041号", "xsf-2023-41"),
    ],
)
def test_slug_known_codes(text, slug):
    assert parse_wenhao(text).slug == slug


def test_slug_unknown_code_is_hash_of_canonical():
    wh = parse_wenhao("内政办发（2022）82 号")
    expected = "wh-" + hashlib.sha1("内政办发〔2022〕82号".encode()).hexdigest()[:10]
    assert wh.slug == expected
    assert len(wh.slug) == 13 and wh.slug.isascii()
    # every written form gives the same slug
    assert parse_wenhao("内政办发〔２０２２〕０８２").slug == expected


def test_slug_differs_between_documents():
    assert parse_wenhao("国发〔2022〕22号").slug != parse_wenhao("国发〔2022〕23号").slug


@pytest.mark.parametrize(
    "text, offices, joint",
    [
        ("兴署发〔2022〕6号", ("兴安盟行政公署",), False),
        ("兴署办发〔2022〕3号", ("兴安盟行政公署办公室",), False),
        ("兴署办字〔2022〕5号", ("兴安盟行政公署办公室",), False),
        ("兴署联发〔2022〕1号", (), True),
        ("国发〔2022〕22号", ("国务院",), False),  # corpus/offices.json names the State Council's 代字
        ("内政联发〔2020〕1号", (), True),  # any code containing 联发
    ],
)
def test_offices_and_joint(text, offices, joint):
    wh = parse_wenhao(text)
    assert wh.offices == offices
    assert wh.is_joint is joint


def test_office_by_code_table():
    assert OFFICE_BY_CODE["兴署发"] == ("兴安盟行政公署",)
    assert OFFICE_BY_CODE["兴署办字"] == OFFICE_BY_CODE["兴署办发"] == ("兴安盟行政公署办公室",)
    assert OFFICE_BY_CODE["兴署联发"] == ()


def test_wenhao_is_frozen_and_hashable():
    wh = parse_wenhao("兴署发〔2022〕6号")
    assert {wh, parse_wenhao("兴署发2022年6号")} == {wh}
    with pytest.raises(AttributeError):
        wh.number = 7
