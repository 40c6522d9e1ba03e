"""The whoosh reader scores words from posting blocks (WhooshReader._word_scores) and reads a term's
records the same way (_term_docs): both must give what whoosh's own matchers give, on a full build and
on an incremental one (deleted documents, several segments)."""

from __future__ import annotations

import random

import pytest
from bundled_builds import build_bundled
from whoosh import query as wq

from indexer.service import GazetteSearch
from indexer.whoosh_engine import writer as whoosh_writer
from indexer.whoosh_engine.reader import _blocks

WORDS = [["统计"], ["工作"], ["工作", "管理"], ["医疗", "卫生", "应急"], ["兴安盟", "发展", "经济普查"], ["量子"]]


@pytest.fixture(scope="module", params=["full", "small-blocks", "incremental"])
def reader(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"whoosh-{request.param}")
    # the bundled postings fit in one block of BLOCK_POSTINGS; blocks of 7 make a word's postings many
    blocks = 7 if request.param == "small-blocks" else whoosh_writer.BLOCK_POSTINGS
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(whoosh_writer, "BLOCK_POSTINGS", blocks)
        index = build_bundled(root, incremental=request.param == "incremental")
    snap = GazetteSearch(index)._snapshot()
    reader = snap.reader
    if request.param == "small-blocks":
        sub = reader.searcher().leaf_searchers()[0][0].reader()
        assert sum(1 for _ in _blocks(sub, "words", "工作", weights=True)) > 3
    if request.param == "incremental":
        searcher = reader.searcher()
        assert len(searcher.leaf_searchers()) > 1 and searcher.doc_count_all() > searcher.doc_count()
    return reader


def matcher_scores(searcher, words) -> dict[int, float]:
    """Every document's score by whoosh's own matchers, for the query the reader ranks by."""
    parts = [
        wq.Or([wq.Term("words", w) for w in words], boost=3.0),
        wq.Or([wq.Term("title_words", w) for w in words], boost=4.0),
    ]
    query = wq.Or(parts)  # as WhooshReader.rank builds it
    scores = {}
    context = searcher.context(weighting=searcher.weighting, top_query=query)
    for sub, offset in searcher.leaf_searchers():
        matcher = query.matcher(sub, context)
        deleted = sub.reader().deleted_docs_set
        while matcher.is_active():
            if matcher.id() not in deleted:
                scores[matcher.id() + offset] = matcher.score()
            matcher.next()
    return scores


@pytest.mark.parametrize("words", WORDS, ids="+".join)
def test_block_scores_are_whooshs(reader, words):
    searcher = reader.searcher()
    live = {d for d, o in enumerate(reader.ordinal_of) if o >= 0}
    expected = matcher_scores(searcher, words)
    rng = random.Random(3)
    for wanted in (live, set(rng.sample(sorted(live), len(live) // 3))):
        found = reader._word_scores(searcher, words, wanted, len(live))
        assert found is not None
        got = dict(found)
        assert set(got) == {d for d in expected if d in wanted}
        for docnum, score in got.items():
            assert score == pytest.approx(expected[docnum], rel=1e-12)
        # the best first, ties by document number
        ordered = sorted(got.items(), key=lambda p: (-p[1], p[0]))
        assert [d for d, _ in found] == [d for d, _ in ordered]
        for limit in (1, 5, 30):  # the partial sort keeps every record tied at the edge before cutting
            assert reader._word_scores(searcher, words, wanted, limit) == found[:limit]


@pytest.mark.parametrize("text", ["统计", "工作", "兴安", "量子", "盟发"])
def test_term_records_are_whooshs(reader, text):
    searcher = reader.searcher()
    expected = reader._ordinals(searcher.docs_for_query(wq.Term("grams", text)))
    assert reader._term_docs("grams", text) == expected
