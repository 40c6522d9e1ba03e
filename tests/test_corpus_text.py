"""corpus.text: the one squash, fold and full-width digit table, as every caller reads them."""

import pytest

from corpus.text import fold, squash, to_halfwidth_digits


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


def test_to_halfwidth_digits_keeps_length():
    assert to_halfwidth_digits("兴署发〔２０２２〕６号") == "兴署发〔2022〕6号"
    assert len(to_halfwidth_digits("０１２３４５６７８９")) == 10
