"""analyzers.terms: which jieba words rank (keep_word), and the ranking text of a line."""

from __future__ import annotations

import sys

from analyzers.normalize import rank_normalize
from analyzers.terms import WORD_CHAR, keep_word, rank_text, rank_words


def test_keep_word_is_a_letter_or_digit_anywhere():
    """keep_word's isalnum() shortcut says what WORD_CHAR says, for every character and for words
    mixing kept and dropped ones."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert keep_word(c) == (WORD_CHAR.search(c) is not None), hex(code)
    for word, kept in [
        ("统计", True),
        ("2022", True),
        ("、", False),
        ("——", False),
        ("_", False),
        ("a_", True),
        ("《统计》", True),
        ("", False),
        ("\x00", False),
        ("Ⅻ", True),
        ("½", True),
        (" ", False),
    ]:
        assert keep_word(word) is kept, word


def test_rank_text_is_rank_words_joined():
    line = "兴安盟行政公署关于印发《兴安盟统计工作规范（试行）》的通知——2022年，第3条。"
    assert rank_text(rank_normalize(line)) == " ".join(rank_words(line))
    assert rank_text(rank_normalize("——、。")) == ""
