"""The service's own ranking (indexer.ranking over indexer.rankdata): what the build writes, what the
scores are made of, and the orders it gives on the bundled corpus."""

from __future__ import annotations

import math
from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest

from analyzers.terms import rank_words
from indexer import store
from indexer.api import IndexDamagedError, parse_request
from indexer.querylang import parse_query
from indexer.rankdata import INSIDE_WEIGHT, RANK_FILE, RankData, from_bytes, merged_arrays, source_arrays, to_bytes
from indexer.ranking import Query, Ranker, RankParams, weighted
from indexer.service import GazetteSearch


def item(text: str, title: str | None = None, context: str | None = None):
    return SimpleNamespace(rank_text=text, title_rank_text=title, context_rank_text=context)


def test_merged_postings_hold_each_records_words_by_field():
    first = source_arrays([item("秸秆 禁烧 秸秆", "方案"), item("责任 追究", None, "方案 工作")])
    second = source_arrays([item("", None), item("秸秆 综合 利用")])
    data = RankData(_bytes(merged_arrays([first, second])), 4)
    ordinals, tf = data.postings("秸秆")
    assert ordinals.tolist() == [0, 3] and tf.tolist() == [[2, 0, 0], [1, 0, 0]]
    ordinals, tf = data.postings("方案")
    assert ordinals.tolist() == [0, 1] and tf.tolist() == [[0, 1, 0], [0, 0, 1]]
    assert data.frequency("方案") == 1  # a word only in a clause's context is not counted for idf
    assert data.postings("没有") is None
    assert data.lengths.tolist() == [[3, 1, 0], [2, 0, 2], [0, 0, 0], [3, 0, 0]]


def test_a_word_inside_a_longer_one_counts_at_a_discount():
    """乡村 in 盟乡村振兴局 (one jieba word): found as the substring match finds it, at INSIDE_WEIGHT."""
    arrays = source_arrays([item("乡村 振兴 乡村"), item("盟乡村振兴局 局长", "乡村振兴局"), item("城市 管理")])
    data = RankData(_bytes(merged_arrays([arrays])), 3)
    assert data.postings("乡村")[0].tolist() == [0]  # as a word: the first record only
    ordinals, tf, df = data.within("乡村")
    assert ordinals.tolist() == [0, 1] and df == 2
    assert tf.tolist() == [[2, 0, 0], [INSIDE_WEIGHT, INSIDE_WEIGHT, 0]]
    assert data.within("没有") is None
    ordinals, tf, df = data.within("局长")  # no longer word holds it: its own postings
    assert ordinals.tolist() == [1] and tf.tolist() == [[1, 0, 0]] and df == 1
    records = [SimpleNamespace(kind="clause", substance=10)] * 3
    ranked, scores = Ranker(data, records).scores(Query(weighted(["乡村"])))
    assert ranked.tolist() == [0, 1] and scores[1] > 0


def test_each_characters_and_frequent_words_frequency_is_written_as_within_counts_it():
    """A build writes each character's document frequency, and each frequent word's that longer words
    hold (within_frequencies): the number `within` counts over every record, also when a search wants a
    few records' postings only. A word no other word holds needs none (its own frequency is in `df`)."""
    from indexer.rankdata import within_frequencies

    arrays = merged_arrays(
        [
            source_arrays(
                [
                    item("乡村 振兴 乡村"),
                    item("盟乡村振兴局 局长", "乡村振兴局"),
                    item("城市 管理", None, "乡村 工作"),  # 乡 only in a context: not counted
                    item("村委会 换届", "村务"),
                ]
            )
        ]
    )
    arrays.update(within_frequencies(RankData(_bytes(arrays), 4)))
    written = RankData(_bytes(arrays), 4)
    plain = RankData(_bytes({k: v for k, v in arrays.items() if k not in ("within_words", "within_df")}), 4)
    wanted = np.zeros(4, dtype=bool)
    wanted[[1]] = True
    chars = sorted({c for w in written._words for c in w})
    held = {"乡村", "振兴", "乡村振兴局"}  # the words of two characters or more inside others (盟乡村振兴局)
    assert written._frequencies.keys() == set(chars) | held and written._frequencies["村"] == 3
    assert written._frequencies["乡村"] == 2  # 乡村 and 盟乡村振兴局 (the context of the third is not counted)
    for char in chars + sorted(held):
        counted = plain.within(char)
        assert written._frequencies[char] == (counted[2] if counted else 0), char
        among_written, among_plain = written.within(char, wanted), plain.within(char, wanted)
        assert (among_written is None) == (among_plain is None), char
        if among_written is not None:
            assert among_written[2] == among_plain[2] and among_written[0].tolist() == among_plain[0].tolist()


def test_ranking_data_that_does_not_fit_the_records_is_refused():
    data = _bytes(merged_arrays([source_arrays([item("统计")])]))
    with pytest.raises(ValueError):
        RankData(data, 2)


def _bytes(arrays) -> bytes:
    return to_bytes(arrays)


def test_the_score_is_bm25f_over_body_head_and_context():
    """One record scored by hand: the formula in indexer.ranking's docstring."""
    records = [
        SimpleNamespace(kind="clause", substance=10),
        SimpleNamespace(kind="clause", substance=10),
        SimpleNamespace(kind="document", substance=10),
    ]
    arrays = merged_arrays(
        [source_arrays([item("应急 响应 应急", "预案"), item("工作", None, "应急 预案"), item("应急 工作 方案 方案")])]
    )
    params = RankParams()
    ranker = Ranker(RankData(_bytes(arrays), 3), records, params)
    ordinals, scores = ranker.scores(Query(weighted(["应急"])))
    got = dict(zip(ordinals.tolist(), scores.tolist()))
    mean = [(3 + 1 + 4) / 3, 1.0, 2.0]  # mean lengths over the records that have the field
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))  # 应急 in two records' own text

    def expected(tf, lengths, b):
        x = sum(w * t / (1 - bb + bb * n / m) for w, t, n, bb, m in zip(params.weights, tf, lengths, b, mean))
        return idf * x * (params.k1 + 1) / (x + params.k1)

    assert got[0] == pytest.approx(expected((2, 0, 0), (3, 1, 0), params.b))
    assert got[1] == pytest.approx(expected((0, 0, 1), (1, 0, 2), params.b))
    document_b = (params.b_document, *params.b[1:])
    assert got[2] == pytest.approx(expected((1, 0, 0), (4, 0, 0), document_b))  # no title word: no coverage
    assert list(ordinals) == sorted(got, key=lambda o: (-got[o], o))


def test_a_bare_heading_keeps_a_share_of_its_score():
    records = [SimpleNamespace(kind="clause", substance=0), SimpleNamespace(kind="clause", substance=30)]
    arrays = merged_arrays([source_arrays([item("工作 措施"), item("工作 措施")])])
    ranker = Ranker(RankData(_bytes(arrays), 2), records)
    ordinals, scores = ranker.scores(Query(weighted(["措施"])))
    assert ordinals.tolist() == [1, 0]
    assert scores[1] == pytest.approx(scores[0] * RankParams().bare_heading)


def test_the_build_writes_ranking_data_for_every_record(searcher, records):
    snap = searcher._snapshot()
    data = snap.ranker.data
    assert data.count == len(snap.records) == len(records)
    ordinal = next(i for i, r in enumerate(snap.records) if r.id == "xsbz-2022-9#c2.1")
    record = next(r for r in records if r.id == "xsbz-2022-9#c2.1")
    body = Counter(rank_words(record.text))
    for word, count in body.items():
        ordinals, tf = data.postings(word)
        assert tf[ordinals.tolist().index(ordinal)][0] == count
    # its context: the document's title (秸秆禁烧) and the heading above it (工作重点), not its own heading
    for word in ("秸秆禁烧", "管控", "工作", "重点"):
        ordinals, tf = data.postings(word)
        assert tf[ordinals.tolist().index(ordinal)][2] >= 1, word
    ordinals, tf = data.postings("时段")
    assert tf[ordinals.tolist().index(ordinal)].tolist() == [1, 1, 0]


def test_a_changed_byte_in_the_ranking_data_is_found_on_opening(index_dir):
    build = store.open_build(index_dir)
    path = build.path / RANK_FILE
    original = path.read_bytes()
    damaged = bytearray(original)
    damaged[-5] ^= 0x01
    path.write_bytes(bytes(damaged))
    try:
        with pytest.raises(IndexDamagedError) as info:
            GazetteSearch(index_dir)
        assert f"{RANK_FILE} 与建索引时写入的内容不符" in info.value.message
    finally:
        path.write_bytes(original)
    assert from_bytes(original)["records"][0] == build.meta["records"]


def ids(searcher, **params) -> list[str]:
    return [h.id for h in searcher.search(parse_request(params)).hits]


def test_every_literal_hit_is_scored_where_jieba_cut_a_longer_word(searcher):
    """军分区 is inside 兴安军分区 and 乡村 inside 盟乡村振兴局 (one word each): those records are scored too,
    not left unscored after the others."""
    for query in ("军分区", "乡村振兴"):
        hits = searcher.search(parse_request({"q": query, "size": "100", "exact": "1"})).hits
        assert hits and all(h.score is not None for h in hits), query
    assert "xslf-2023-3" in ids(searcher, q="军分区")[:5]


def test_scores_fall_page_after_page(searcher):
    scores = [h.score for page in (1, 2, 3) for h in searcher.search(parse_request({"q": "管理", "page": page})).hits]
    assert len(scores) == 30 and all(s is not None for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_a_wenhao_puts_its_document_first_then_its_clauses_then_citing(searcher):
    hits = searcher.search(parse_request({"q": "兴署发〔2022〕6号", "size": "40"})).hits
    assert hits[0].id == "xsf-2022-6"
    kinds = [(h.doc_id == "xsf-2022-6") for h in hits]
    assert kinds == sorted(kinds, reverse=True)  # its own records before any other


def test_rank_data_scores_are_numpy_floats_rounded_on_hits(searcher):
    hit = searcher.search(parse_request({"q": "秸秆禁烧"})).hits[0]
    assert isinstance(hit.score, float) and hit.score == round(hit.score, 4)
    assert np.isfinite(hit.score)


def test_the_document_named_for_the_query_comes_first(searcher, records):
    """物流: the plan titled 《兴安盟推动特色商贸物流业高质量发展实施方案》 (物流 as text in 物流业) before the clauses that
    mention 物流; 随军家属就业安置: the document issuing the 办法 of that name."""
    for query, doc_id in (("物流", "xsf-2023-41"), ("随军家属就业安置", "xslf-2022-1"), ("经济普查", "xsf-2023-55")):
        title = next(r.title for r in records if r.id == doc_id)
        assert query in title.replace(" ", "")
        assert ids(searcher, q=query)[0] == doc_id, query


def test_a_long_document_that_treats_the_subject_does_not_sink(searcher):
    """盟统计局 is named in the 大统计 opinion's title nowhere, but the document treats the bureau throughout."""
    assert "xsf-2022-6" in ids(searcher, q="盟统计局")[:10]


def test_a_roster_gives_way_unless_the_query_names_one_of_its_people(searcher):
    """A roster (a clause naming many people) keeps half its score, unless the query is one of its people."""
    snap = searcher._snapshot()
    rosters = set(snap.ranker.rosters)
    assert rosters and all(snap.ranker.prior[o] == snap.ranker.params.listing for o in rosters)
    with_him = {o for o in rosters if "苏和" in snap.ranker.rosters[o]}
    assert with_him
    asked = searcher._rank_query(snap, parse_query("苏和"))
    assert set(asked.named) == with_him  # his rosters keep their whole score
    assert not searcher._rank_query(snap, parse_query("组长 盟长")).named
    assert all(snap.ranker.prior[o] == 1.0 for o, r in enumerate(snap.records) if r.kind == "chronicle")


def test_ranked_records_are_ordered_as_far_as_asked_and_alike_every_way():
    """Ranked.head(n) is the first n of the whole order (score, then ordinal) and among(mask) the whole
    order's marked records, with ties at every cut (generated scores, many equal)."""
    from indexer.ranking import Ranked

    rng = np.random.default_rng(2026)
    for size in (0, 1, 7, 300, 5_000):
        touched = np.sort(rng.choice(20_000, size, replace=False)).astype(np.int64)
        total = rng.integers(0, 12, size).astype(np.float64) / 4  # few distinct scores: ties everywhere
        expected = np.lexsort((touched, -total))
        whole = touched[expected], total[expected]
        for count in (0, 1, 2, 3, 10, 64, size // 5, size - 1, size, size + 3):
            ordinals, scores = Ranked(touched, total).head(max(count, 0))
            assert ordinals.tolist() == whole[0][: max(count, 0)].tolist(), (size, count)
            assert scores.tolist() == whole[1][: max(count, 0)].tolist()
        mask = np.zeros(20_000, dtype=bool)
        mask[rng.choice(20_000, 4_000, replace=False)] = True
        ordinals, scores = Ranked(touched, total).among(mask)
        keep = mask[whole[0]]
        assert ordinals.tolist() == whole[0][keep].tolist() and scores.tolist() == whole[1][keep].tolist()
        assert [a.tolist() for a in Ranked(touched, total).all()] == [a.tolist() for a in whole]


def test_merged_postings_kept_are_bounded_by_bytes_least_recently_used_first(monkeypatch):
    """A long-running server keeps the merged postings of the words it was asked, within WITHIN_BYTES:
    past it the least recently used are dropped, and a word asked again is merged again, alike."""
    from indexer import rankdata

    words = [f"词{i}" for i in range(40)]
    arrays = merged_arrays([source_arrays([item(" ".join(words[: 1 + i % 40])) for i in range(200)])])
    monkeypatch.setattr(rankdata, "WITHIN_BYTES", 2_000)
    data = RankData(_bytes(arrays), 200)
    first = [data.within(w) for w in words]
    assert data._within.bytes <= 2_000 and 0 < len(data._within) < len(words)
    again = [data.within(w) for w in words]
    for a, b in zip(first, again):
        assert a[0].tolist() == b[0].tolist() and a[1].tolist() == b[1].tolist() and a[2] == b[2]
