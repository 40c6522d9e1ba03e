"""corpus.text: the one squash, fold, full-width digit table and Chinese-numeral parser, and the one
附件 heading pattern (corpus.records.clauses), as every caller reads them."""

import pytest

from corpus.dates import parse_date
from corpus.elements.numbering import ATTACHMENT_HEADING, find_marker
from corpus.text import fold, han_to_int, nfkc, squash, to_halfwidth_digits


@pytest.mark.parametrize(
    "text, expected",
    [
        ("兴 署 发", "兴署发"),
        (" 关于\n印发\t的通知 ", "关于印发的通知"),
        ("全角\u3000空格", "全角空格"),
        ("不换行\xa0空格", "不换行空格"),
        ("", ""),
    ],
)
def test_squash_removes_every_white_space(text, expected):
    assert squash(text) == expected


def test_squash_removes_what_the_regex_calls_white_space():
    import re
    import sys

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c)))
    assert squash(f"甲{spaces}乙") == re.sub(r"\s+", "", f"甲{spaces}乙") == "甲乙"


def test_fold_compares_widths_and_spaces():
    assert fold("办法（试行）") == fold("办法(试行)")
    assert fold("兴安盟 12345 热线") == fold("兴安盟12345热线")
    assert fold("１２３") == "123"


def test_nfkc_is_nfkc():
    """The shortcut (full-width forms first, then is_normalized) gives NFKC itself: for every code
    point alone, after a full-width form (which it may compose with), and on every bundled line."""
    import sys
    import unicodedata

    from corpus import BUNDLED_CORPUS

    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        for text in (chr(code), f"Ａ{chr(code)}（）", f"\u3000{chr(code)}"):
            assert nfkc(text) == unicodedata.normalize("NFKC", text), hex(code)
    lines = [line for p in BUNDLED_CORPUS.glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    assert [nfkc(line) for line in lines] == [unicodedata.normalize("NFKC", line) for line in lines]
    assert nfkc("Ａ\u0301") == "Á"  # a full-width letter, then a combining mark: they compose


def test_to_halfwidth_digits_keeps_length():
    assert to_halfwidth_digits("兴署发〔２０２２〕６号") == "兴署发〔2022〕6号"
    assert len(to_halfwidth_digits("０１２３４５６７８９")) == 10


@pytest.mark.parametrize(
    "text, number",
    [
        # Arabic digits, half and full width
        ("7", 7),
        ("12", 12),
        ("１２", 12),
        # with 十 and 百 (clause numbers, days, periods)
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("三十一", 31),
        ("一百", 100),
        ("一百零五", 105),
        ("一百〇五", 105),
        ("一百一十", 110),
        ("一百十二", 112),
        ("两百", 200),
        # digit by digit (years), with every zero the print uses
        ("二〇二三", 2023),
        ("二○○七", 2007),
        ("二零二零", 2020),
        ("〇", 0),
        ("五", 5),
        ("两", 2),
    ],
)
def test_han_to_int(text, number):
    assert han_to_int(text) == number


@pytest.mark.parametrize("text", ["", "十十", "一二十", "百百", "二十三四", "第", "甲", "一百零五六"])
def test_han_to_int_refuses_malformed_numerals(text):
    with pytest.raises(ValueError):
        han_to_int(text)


def test_one_parser_serves_dates_and_clauses():
    assert parse_date("二〇二三年十二月三十一日").isoformat() == "2023-12-31"
    assert parse_date("二〇二二年十十月一日") is None
    assert find_marker("第一百零五条 附则").number == 105
    assert find_marker("第二十三条").number == 23
    assert find_marker("（十二）工作要求").number == 12


def test_a_malformed_clause_number_is_not_numbering():
    assert find_marker("第十十条 本办法自印发之日起施行") is None


@pytest.mark.parametrize("text", ["附件", "附件1", "附件 2", "附 件 3", "附件12", "附件 2\xa0", "附件\u30001"])
def test_attachment_heading(text):
    assert ATTACHMENT_HEADING.match(text)
    marker = find_marker(text)
    assert marker is not None and marker.scheme == "attachment"


@pytest.mark.parametrize("text", ["附件：1. 方案", "附件123", "附件是", "见附件 2"])
def test_not_an_attachment_heading(text):
    assert not ATTACHMENT_HEADING.match(text)


def test_the_document_lists_the_attachment_its_clauses_open():
    """One 附件 pattern: a heading line the clause splitter opens an attachment on (here ending in a
    no-break space the print left) is also the one the document takes the attachment's name from."""
    from corpus.elements.paragraphs import Para
    from corpus.records.document import parse_document

    lines = ["各旗县市人民政府：", "现将方案印发给你们，请认真贯彻落实。", "兴安盟行政公署", "2022年3月1日"]
    lines += ["附件 1\xa0", "兴安盟秸秆禁烧工作方案", "一、总体要求", "全面禁烧。"]
    doc = parse_document(
        [Para(1, "关于印发秸秆禁烧工作方案的通知")],
        Para(2, "兴署发〔2022〕6号"),
        [Para(i, text) for i, text in enumerate(lines, start=3)],
        issue_id="x",
        source="x.txt",
        issue_year=2022,
    )
    assert doc.attachments == ["兴安盟秸秆禁烧工作方案"]
    assert [c.path for c in doc.clauses][0] == ["附件1 兴安盟秸秆禁烧工作方案"]
