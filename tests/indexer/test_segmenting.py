"""The builder's segmentation: both forms an engine can take ("words" with offsets, "rank_text"
joined) carry the same ranking words, and the worker pool gives what one process gives."""

from __future__ import annotations

import pytest

import corpus
from analyzers.terms import keep_word, rank_words
from corpus import BUNDLED_CORPUS
from indexer import segmenting
from indexer.records import issue_records
from indexer.segmenting import segment_records


@pytest.fixture(scope="module")
def records():
    issues, errors = corpus.parse_files(sorted(BUNDLED_CORPUS.glob("*.txt")))
    assert issues and not errors
    return [r for issue in issues for r in issue_records(issue)]


def joined(words) -> str | None:
    return None if words is None else " ".join(w for w, _, _ in words if keep_word(w))


@pytest.mark.parametrize("workers", [1, 2])
def test_both_forms_hold_the_same_ranking_words(records, workers, monkeypatch):
    monkeypatch.setattr(segmenting, "POOL_MIN_CHARS", 0)  # the bundled corpus is below it
    as_words, chars = segment_records(records, workers, form="words")
    as_text, chars_again = segment_records(records, workers, form="rank_text")
    assert chars == chars_again > 50_000
    titled = 0
    for w, t in zip(as_words, as_text, strict=True):
        assert w.record is t.record
        assert (w.rank_text, w.title_rank_text, t.words, t.title_words) == (None, None, None, None)
        assert t.rank_text == joined(w.words)
        assert t.title_rank_text == joined(w.title_words)
        titled += t.title_rank_text is not None
    assert titled > 10
    # and what a query's words are: rank_words of the same text, line by line
    some = next(t for t in as_text if "\n" in t.record.text)
    lines = some.record.text.split("\n")
    assert some.rank_text == " ".join(" ".join(rank_words(line)) for line in lines if rank_words(line))


def test_the_pool_segments_as_one_process(records, monkeypatch):
    monkeypatch.setattr(segmenting, "POOL_MIN_CHARS", 0)
    for form in segmenting.FORMS:
        alone, _ = segment_records(records, 1, form=form)
        pooled, _ = segment_records(records, 2, form=form)
        assert alone == pooled, form


def test_an_unknown_form_is_refused(records):
    with pytest.raises(ValueError, match="unknown form"):
        segment_records(records[:1], 1, form="tokens")


def test_whoosh_indexes_the_same_terms_from_the_ranking_text(records):
    """whoosh takes the "rank_text" form: its words analyzer gives the same terms, in the same number
    (whoosh's field lengths), from the joined words as from the words with offsets; asked for
    character offsets, a value without them is cut again and gives the offsets of the text."""
    from indexer.whoosh_engine.analysis import PreSegmented, WordsAnalyzer

    analyzer = WordsAnalyzer()
    as_words, _ = segment_records(records, 1, form="words")
    as_text, _ = segment_records(records, 1, form="rank_text")
    compared = 0
    for w, t in zip(as_words, as_text, strict=True):
        pairs = [(w.record.text, w.words, t.rank_text)]
        if w.title_words is not None:
            pairs.append((w.record.ranked_title, w.title_words, t.title_rank_text))
        for text, words, rank_text in pairs:
            with_offsets = [tok.text for tok in analyzer(PreSegmented(text, words), mode="index")]
            from_text = [tok.text for tok in analyzer(PreSegmented.from_rank_text(text, rank_text), mode="index")]
            assert from_text == with_offsets, text[:40]
            compared += len(from_text)
    assert compared > 20_000
    text = records[0].text
    value = PreSegmented.from_rank_text(text, "词 无 偏移")
    spans = [(tok.text, tok.startchar, tok.endchar) for tok in analyzer(value, chars=True)]
    assert spans == [(tok.text, tok.startchar, tok.endchar) for tok in analyzer(PreSegmented(text), chars=True)]
