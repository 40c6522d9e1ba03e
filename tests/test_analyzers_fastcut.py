"""analyzers.fastcut: jieba-rs with jieba's dictionary gives stock jieba's words, word for word."""

from __future__ import annotations

import random

import jieba
import pytest
import rjieba

from analyzers import segment
from analyzers.fastcut import RsCutter
from analyzers.normalize import rank_normalize
from corpus import BUNDLED_CORPUS, iter_corpus_files, parse_file
from indexer.records import issue_records


def stock(tk: jieba.Tokenizer, text: str) -> list[str]:
    return list(tk.cut(text, cut_all=False, HMM=True))


@pytest.fixture(scope="module")
def full():
    tk = segment.get_tokenizer()
    return tk, RsCutter.from_tokenizer(tk)


@pytest.fixture(scope="module")
def bundled_lines() -> list[str]:
    """Every line the indexer segments (records' lines and titles), as printed and rank-normalized."""
    lines: set[str] = set()
    for path in iter_corpus_files(BUNDLED_CORPUS):
        for record in issue_records(parse_file(path)):
            lines.update(record.text.split("\n"))
            if record.title:
                lines.update(record.title.split("\n"))
    return sorted(lines | {rank_normalize(line) for line in lines})


def test_every_bundled_line_is_cut_as_jieba_cuts_it(full, bundled_lines):
    tk, cutter = full
    assert len(bundled_lines) > 1000
    assert [line for line in bundled_lines if cutter.cut(line) != stock(tk, line)] == []


def test_the_lines_jieba_rs_alone_reads_otherwise_are_cut_as_jieba_cuts_them(full, bundled_lines):
    """jieba-rs by itself keeps 2021-2030 and v1.2.3 whole and takes CJK
    extension characters into its blocks; the cutter gives jieba's words for both."""
    tk, cutter = full
    rs = rjieba.Jieba()
    differing = [line for line in bundled_lines if rs.cut(line, True) != stock(tk, line)]
    assert any("2021-2030" in line for line in differing)  # the bundled corpus has such lines
    made_up = [
        "1月19-25日,赴呼和浩特参加会议",
        "执行gb18484-2001标准和t312-2021规程",
        "增长5%3个百分点，a+1、c#2、x_3、b&4",
        "1.5-3倍，2.5%以上，v1.2.3版本，a.b，a_b",
        "㐀丁㐁𠀀𠀁中国䶵\u9fd6\u9fff兴安盟\uf900\ufa6d",
        "科右前旗\r\n工作  统计\t局\u3000第二条",
        "a\ud800b统计\udfff",  # lone surrogates: jieba-rs cannot be given them at all
    ]
    for text in made_up:
        assert cutter.cut(text) == stock(tk, text), text
    assert any(
        rs.cut(text, True) != stock(tk, text) for text in made_up if not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    )


def test_every_bmp_character_is_in_a_block_for_both_or_neither(full):
    """Where a block ends decides the words: jieba-rs joins two characters its block takes and its HMM
    does not (㐀㐀), where jieba gives each alone. Every character the cutter's whole-line shortcut
    lets through is cut alike, doubled, between words and beside letters and digits."""
    tk, cutter = full
    differing = []
    for code in range(0x20, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        text = f"统计{c}{c}工作a{c}{c}1{c}的"
        if cutter.cut(text) != stock(tk, text):
            differing.append(hex(code))
    assert differing == []


def test_generated_text_is_cut_as_jieba_cuts_it(full, bundled_lines):
    tk, cutter = full
    han = sorted({c for line in bundled_lines for c in line if "\u4e00" <= c <= "\u9fd5"})
    alphabet = (
        han * 4
        + list("abcxyzABC0123456789+#&._%-") * 2
        + list(" \t\r\n\u3000，。、；：（）《》“”—·")
        + ["㐀", "𠀀", "\uf900"]
    )
    rng = random.Random(20261201)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert cutter.cut(text) == stock(tk, text), repr(text)


def _tokenizer(tmp_path, dictionary: str) -> jieba.Tokenizer:
    path = tmp_path / "dict.txt"
    path.write_text(dictionary, encoding="utf-8")
    tk = jieba.Tokenizer(str(path))
    tk.tmp_dir = str(tmp_path)  # jieba's cache of this made-up dictionary stays with it
    tk.initialize()
    return tk


def test_the_frequency_total_is_jiebas_even_when_it_counts_a_word_twice(tmp_path):
    """甲乙 is one word only when the total is over 500: jieba counts the repeated 甲 lines (total
    520), the words' own frequencies sum to 220. jieba-rs scores with jieba's total."""
    tk = _tokenizer(tmp_path, "甲 100 n\n乙 100 n\n甲乙 20 n\n" + "甲 100 n\n" * 3)
    assert tk.total == 520 and stock(tk, "甲乙") == ["甲乙"]
    assert RsCutter.from_tokenizer(tk).cut("甲乙") == ["甲乙"]
    rs = rjieba.Jieba.empty()
    for word, freq in tk.FREQ.items():
        if freq:
            rs.add_word(word, freq, None)
    assert rs.cut("甲乙", True) == ["甲", "乙"]  # what the total alone changes


def test_a_word_of_frequency_zero_is_not_a_word(tmp_path):
    tk = _tokenizer(tmp_path, "甲 100 n\n乙 100 n\n丙 5 n\n甲乙丙 0 n\n甲乙 1 n\n")
    for text in ["甲乙丙", "甲乙丙甲乙", "丙甲乙丙"]:
        assert RsCutter.from_tokenizer(tk).cut(text) == stock(tk, text), text


def test_cut_words_runs_the_bulk_cutter_once_it_exists(full, bundled_lines, monkeypatch):
    tk, _ = full
    assert segment.bulk_cutter() is segment.bulk_cutter()
    for line in bundled_lines[::7]:
        words, start = [], 0
        for w in stock(tk, line):
            if not w.isspace():
                words.append((w, start, start + len(w)))
            start += len(w)
        assert segment.cut_words(line) == words, line
    monkeypatch.setattr(segment.bulk_cutter(), "cut", lambda _text: ["切"])
    assert segment.cut_words("统计工作") == [("切", 0, 1)]  # it is the one cut_words ran
