"""The token strings the tantivy writer feeds its whitespace tokenizer: the numpy layout of long texts
gives exactly what joining one Python string per token gives, SEP parts, astral characters and
text that cannot be UTF-32 encoded included."""

from __future__ import annotations

import random
from operator import add

import pytest

from analyzers.normalize import SEP
from indexer.tantivy_engine.schema import GAP, LONG, bigram_tokens, char_tokens


def joined_bigrams(norm: str) -> str:
    parts = [part for part in norm.split(SEP) if len(part) > 1]
    return f" {GAP} ".join(" ".join(map(add, part, part[1:])) for part in parts)


def joined_chars(norm: str) -> str:
    return " ".join(norm.replace(SEP, ""))


@pytest.mark.parametrize("alphabet", ["兴安盟统计", "兴安盟a1" + SEP, "统\U00020000😀" + SEP + SEP])
def test_long_and_short_texts_give_the_joined_tokens(alphabet):
    rng = random.Random(7)
    for length in [*range(LONG + 40), 1_000, 20_000]:
        text = "".join(rng.choice(alphabet) for _ in range(length))
        assert bigram_tokens(text) == joined_bigrams(text), text[:80]
        assert char_tokens(text) == joined_chars(text), text[:80]


def test_a_lone_surrogate_is_joined():
    text = "统计" * LONG + "\ud800" + "工作" * LONG
    with pytest.raises(UnicodeEncodeError):
        text.encode("utf-32-le")
    assert bigram_tokens(text) == joined_bigrams(text)
    assert char_tokens(text) == joined_chars(text)


def test_the_tokens_are_what_the_reader_looks_up():
    text = "兴安盟行政公署" * 20
    assert bigram_tokens(text).split(" ")[:3] == ["兴安", "安盟", "盟行"]
    assert char_tokens(text).split(" ")[:3] == ["兴", "安", "盟"]
