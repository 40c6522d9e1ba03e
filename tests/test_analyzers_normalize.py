import pytest

from analyzers.normalize import (
    SEP,
    normalize,
    normalize_with_offsets,
    normalize_with_spans,
    rank_normalize,
    rank_normalize_with_spans,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("兴安盟 12345 政务", "兴安盟12345政务"),
        ("应急\n\n响应", "应急响应"),
        ("应急\r\n\t响应\u3000预案", "应急响应预案"),  # ideographic space too
        ("ＡＢＣ１２３，（）：；", "abc123,():;"),  # full width -> half width
        ("Hello WORLD", "helloworld"),
        ("Straße", "strasse"),  # casefold, not lower
        ("a\x07b\x1bc\x7fd", "abcd"),  # control characters removed
        ("a\u200bb\ufeffc\u00add", "abcd"),  # invisible format characters removed
        ("标题\x00正文", "标题\x00正文"),  # the separator is kept
        ("㎡", "m2"),
        ("ｶﾞ", "ガ"),  # composes across two source characters
        ("", ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_normalize_is_idempotent():
    s = "兴安盟 ＡＢＣ\n１２３ ｶﾞ ㎡ Straße"
    assert normalize(normalize(s)) == normalize(s)


@pytest.mark.parametrize(
    "text",
    [
        "兴安盟 12345 政务",
        "应急\n\n响应",
        "ＡＢＣ１２３，（）",
        "㎡ ①\n⑴",
        "ｶﾞｷﾞ x",
        "e\u0301 e \u0301",
        "ㅎㅏ\u1112\u1161",  # Hangul jamo compose
        "\u0b47\u0b3e",  # two base characters compose (Oriya)
        "İ",  # casefold expands
        "a\x00b\x07c\u200bd",
        "",
    ],
)
def test_offsets_same_string_and_in_range(text):
    norm, offsets = normalize_with_offsets(text)
    assert norm == normalize(text)
    assert len(offsets) == len(norm)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets)
    n2, starts, ends = normalize_with_spans(text)
    assert n2 == norm and starts == offsets
    # every output character comes from its source span
    for j, ch in enumerate(norm):
        assert starts[j] < ends[j] <= len(text)
        assert ch in normalize(text[starts[j] : ends[j]]) or ch == SEP
    r, rs, re_ = rank_normalize_with_spans(text)
    assert r == rank_normalize(text)
    assert len(rs) == len(re_) == len(r)


def test_offsets_map_back():
    text = "一、兴安盟\n 应急\n\n响应 预案"
    norm, offsets = normalize_with_offsets(text)
    assert norm == "一、兴安盟应急响应预案"
    a = norm.index("应急响应")
    b = a + len("应急响应")
    assert offsets[a] == text.index("应急")
    # a match maps back to the original text (line breaks included)
    _, starts, ends = normalize_with_spans(text)
    assert text[starts[a] : ends[b - 1]] == "应急\n\n响应"


def test_offsets_expansion_and_composition():
    assert normalize_with_offsets("x㎡y") == ("xm2y", [0, 1, 1, 2])
    assert normalize_with_spans("ｶﾞx") == ("ガx", [0, 2], [2, 3])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("兴安盟 12345 政务", "兴安盟 12345 政务"),  # white space kept
        ("ＡＢＣ，应急\n响应", "abc,应急\n响应"),
        ("a\x07b\u200bc", "a bc"),  # controls -> space, format chars removed
        ("标题\x00正文", "标题\x00正文"),
    ],
)
def test_rank_normalize(text, expected):
    assert rank_normalize(text) == expected
