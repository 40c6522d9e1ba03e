"""The builder's segmentation: each record's ranking text is its lines' jieba ranking words joined
(what rank_words gives for each line), the worker pool gives what one process gives, and whoosh's
words analyzer indexes the same terms from it as from the words with their offsets."""

from __future__ import annotations

import pytest

import corpus
from analyzers.normalize import rank_normalize
from analyzers.segment import cut_words
from analyzers.terms import keep_word
from corpus import BUNDLED_CORPUS
from indexer import segmenting
from indexer.records import issue_records
from indexer.segmenting import segment_records


@pytest.fixture(scope="module")
def records():
    issues, errors = corpus.parse_files(sorted(BUNDLED_CORPUS.glob("*.txt")))
    assert issues and not errors
    return [r for issue in issues for r in issue_records(issue)]


def words_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """The words of a multi-line text as one cut_words per line, offsets shifted past each newline."""
    out, offset = [], 0
    for line in text.split("\n"):
        norm = rank_normalize(line)
        out += [(w, s + offset, e + offset) for w, s, e in cut_words(norm)]
        offset += len(norm) + 1
    return out


def joined(words) -> str:
    return " ".join(w for w, _, _ in words if keep_word(w))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_records_ranking_text_is_its_lines_words_joined(records, workers, monkeypatch):
    monkeypatch.setattr(segmenting, "POOL_MIN_CHARS", 0)  # the bundled corpus is below it
    segmented, chars = segment_records(records, workers)
    assert chars > 50_000
    titled = 0
    for item, record in zip(segmented, records, strict=True):
        assert item.record is record
        assert item.rank_text == joined(words_with_offsets(record.text))
        title = record.ranked_title
        assert item.title_rank_text == (joined(words_with_offsets(title)) if title else None)
        titled += item.title_rank_text is not None
    assert titled > 10


def test_the_pool_segments_as_one_process(records, monkeypatch):
    monkeypatch.setattr(segmenting, "POOL_MIN_CHARS", 0)
    assert segment_records(records, 1) == segment_records(records, 2)


def test_whoosh_indexes_the_same_terms_from_the_ranking_text(records):
    """whoosh's words analyzer gives the same terms, in the same number (whoosh's field lengths), from
    the joined words as from the words with offsets; asked for character offsets, a value without
    them is cut again and gives the offsets of the text."""
    from indexer.whoosh_engine.analysis import PreSegmented, WordsAnalyzer

    analyzer = WordsAnalyzer()
    segmented, _ = segment_records(records, 1)
    compared = 0
    for item in segmented:
        pairs = [(item.record.text, item.rank_text)]
        if item.title_rank_text is not None:
            pairs.append((item.record.ranked_title, item.title_rank_text))
        for text, rank_text in pairs:
            with_offsets = PreSegmented(text, words_with_offsets(text))
            expected = [tok.text for tok in analyzer(with_offsets, mode="index")]
            got = [tok.text for tok in analyzer(PreSegmented.from_rank_text(text, rank_text), mode="index")]
            assert got == expected, text[:40]
            compared += len(got)
    assert compared > 20_000
    text = records[0].text
    value = PreSegmented.from_rank_text(text, "词 无 偏移")
    spans = [(tok.text, tok.startchar, tok.endchar) for tok in analyzer(value, chars=True)]
    assert spans == [(tok.text, tok.startchar, tok.endchar) for tok in analyzer(PreSegmented(text), chars=True)]


def test_a_title_printed_on_two_lines_is_segmented_line_by_line(records):
    from dataclasses import replace

    document = next(r for r in records if r.kind == "document" and r.title)
    two_lines = replace(document, title="兴安盟行政公署关于印发\n统计工作规范的通知")
    [item], _ = segment_records([two_lines], 1)
    assert item.title_rank_text == joined(words_with_offsets(two_lines.title))
    assert "印发 统计" in item.title_rank_text
