"""The gram sets (indexer/tantivy_engine/gramsets.py): each character's and bigram's records, beside a
tantivy index, so that a common term's keys need not be read out of tantivy. Exact for terms of one or
two characters, a superset for longer ones; a search answers the same with them as without."""

from __future__ import annotations

import random

import numpy as np
import pytest

from analyzers.normalize import SEP
from indexer.api import parse_request
from indexer.tantivy_engine import gramsets
from indexer.tantivy_engine.gramsets import GRAMS_FILE, GramSets, GramSetsWriter, term_grams

TEXTS = [
    "兴安盟行政公署关于印发秸秆禁烧工作方案的通知" + SEP + "各旗县市人民政府，盟直各部门：现将方案印发给你们",
    "盟行署办公室" + SEP + "关于做好秸秆禁烧工作的通知" + SEP + "附件：工作方案",
    "",
    "盟",
    "第一条 为了加强管理，制定本办法。第二条 本办法自2022年1月1日起施行。",
    "a\ud800b 含孤立代理项的文本",  # a lone surrogate: UTF-32 refuses it, the writer codes it all the same
    SEP + "行署" + SEP,
]


def scan(texts: list[str], norm: str) -> set[int]:
    """The reference: the records whose text holds `norm` within one SEP-separated part."""
    return {k for k, text in enumerate(texts) if any(norm in part for part in text.split(SEP))}


def written(tmp_path, texts: list[str], append_from: list[str] | None = None) -> GramSets:
    if append_from is not None:
        first = GramSetsWriter(tmp_path, append=False)
        for key, text in enumerate(append_from):
            first.add(key, text)
        first.close()
    writer = GramSetsWriter(tmp_path, append=append_from is not None)
    start = len(append_from or [])
    for key, text in enumerate(texts[start:], start):
        writer.add(key, text)
    writer.close()
    return GramSets(tmp_path / GRAMS_FILE, len(texts))


def substrings(texts: list[str], length: int) -> set[str]:
    return {p[i : i + length] for t in texts for p in t.split(SEP) for i in range(len(p) - length + 1)}


def test_a_character_or_bigram_has_exactly_the_records_holding_it(tmp_path):
    grams = written(tmp_path, TEXTS)
    for length in (1, 2):
        for norm in substrings(TEXTS, length) | {"无", "无此"}:
            assert set(grams.candidates(term_grams(norm)).tolist()) == scan(TEXTS, norm), norm
    assert not len(grams.keys_of("知各")) and not len(grams.keys_of("们盟"))  # never across a SEP or two texts


def test_a_longer_term_has_a_superset_of_its_records(tmp_path):
    grams = written(tmp_path, TEXTS)
    for length in (3, 4, 6):
        for norm in substrings(TEXTS, length):
            found = set(grams.candidates(term_grams(norm)).tolist())
            assert found >= scan(TEXTS, norm), norm
    # 盟行署 is in no text, yet its bigrams 盟行 and 行署 are both in text 1 (盟行署办公室: it is) and in 6
    assert set(grams.candidates(term_grams("盟行署")).tolist()) == {1}
    assert set(grams.candidates(term_grams("安盟行署")).tolist()) == set()


def test_generated_texts_against_the_scan(tmp_path):
    """Random texts over a small alphabet (many repeats, SEPs anywhere): every short substring."""
    rng = random.Random(7)
    alphabet = "工作方案通知盟" + SEP
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    grams = written(tmp_path, texts)
    for length in (1, 2):
        for norm in substrings(texts, length):
            assert set(grams.candidates(term_grams(norm)).tolist()) == scan(texts, norm), norm
    for norm in substrings(texts, 3):
        assert set(grams.candidates(term_grams(norm)).tolist()) >= scan(texts, norm), norm


def test_an_appended_file_is_the_file_written_at_once(tmp_path):
    once = tmp_path / "once"
    once.mkdir()
    written(once, TEXTS)
    appended = tmp_path / "appended"
    appended.mkdir()
    written(appended, TEXTS, append_from=TEXTS[:3])
    assert (once / GRAMS_FILE).read_bytes() == (appended / GRAMS_FILE).read_bytes()


def test_past_the_key_limit_no_file_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(gramsets, "KEYS_MAX", 4)
    writer = GramSetsWriter(tmp_path, append=False)
    for key, text in enumerate(TEXTS):
        writer.add(key, text)
    writer.close()
    assert not (tmp_path / GRAMS_FILE).exists()
    again = GramSetsWriter(tmp_path, append=True)  # an incremental build over it: none either
    again.add(len(TEXTS), "盟")
    again.close()
    assert not (tmp_path / GRAMS_FILE).exists()


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda data: data[:10], "过短"),
        (lambda data: data + b"\0\0\0\0", "长度"),
        (lambda data: data[:16] + b"\1" + data[17:], None),  # a gram code changed: a wrong but valid layout
    ],
)
def test_a_file_that_does_not_add_up_is_refused(tmp_path, damage, message):
    written(tmp_path, TEXTS)
    path = tmp_path / GRAMS_FILE
    path.write_bytes(damage(path.read_bytes()))
    if message is None:
        GramSets(path, len(TEXTS))  # the build's hash finds this one (test_damage: every engine file)
        return
    with pytest.raises(ValueError, match=message):
        GramSets(path, len(TEXTS))


# terms, AND, OR, NOT; a roster question (its Rosters reading); words never together (relaxed tiers' records)
QUERIES = [
    "统计",
    "工作",
    "工作 管理",
    "兴安盟行政公署",
    "盟",
    "禁烧 -统计",
    "秸秆 OR 禁烧",
    "领导小组",
    "第三条",
    "领导小组成员",
    "秸秆禁烧 幼儿园 医疗废物",
]


def test_a_search_answers_the_same_with_the_gram_sets_as_without(searcher, monkeypatch):
    """Totals, facets, pages of hits with their scores and clause counts: the same when the keys come
    from the gram sets as when they are read out of tantivy."""
    snap = searcher._snapshot()
    if snap.build.meta["engine"] != "tantivy":
        pytest.skip("the gram sets are tantivy's")
    assert snap.reader.gram_sets is not None
    answers = {}
    for way in ("grams", "hits"):
        if way == "hits":
            monkeypatch.setattr(snap.reader, "gram_sets", None)
        answers[way] = [
            (r.total, r.facets, [(h.id, h.score, h.match) for h in r.hits], r.clauses_by_doc)
            for q in QUERIES
            for page in (1, 2)
            for r in [searcher.search(parse_request({"q": q, "page": str(page)}))]
        ]
    assert answers["grams"] == answers["hits"]
    assert sum(total for total, *_ in answers["grams"]) > 500


def test_rosters_and_tiers_records_are_known_keys(searcher):
    """A roster question's selection (its term OR the rosters) and a request's joined with its relaxed tiers'
    records (the service's Records) have their keys from the gram sets and the records named."""
    snap = searcher._snapshot()
    if snap.build.meta["engine"] != "tantivy":
        pytest.skip("the gram sets are tantivy's")
    from indexer.querylang import Or, Records, Rosters, parse_query

    rosters = snap.rosters
    some = frozenset(sorted(rosters)[::3]) | {0, 1}
    for tree in (Or((parse_query("小组成员"), Rosters(rosters))), Or((parse_query("秸秆禁烧 幼儿园"), Records(some)))):
        selection = snap.reader.select(tree, [], snap.context)
        assert selection._known(), tree
        assert set(selection.ordinal_array().tolist()) == snap.reader.matching(tree)


def test_known_keys_are_the_records_the_request_selects(searcher, monkeypatch):
    """The keys the gram sets gave are what the selection's records, members and order are made of:
    nothing is read out of tantivy for them."""
    snap = searcher._snapshot()
    if snap.build.meta["engine"] != "tantivy":
        pytest.skip("the gram sets are tantivy's")
    from indexer.querylang import parse_query

    selection = snap.reader.select(parse_query("工作"), [], snap.context)
    expected = snap.reader.matching(parse_query("工作"))

    def read_out(*_args):
        pytest.fail("hits were read out of tantivy")

    monkeypatch.setattr(selection.reader, "_ordinals", read_out)
    monkeypatch.setattr(selection.reader, "ordinals_of", read_out)
    known = selection.ordinal_array()
    assert selection._known() and len(known) == selection.count() > 50
    assert set(known.tolist()) == expected and np.all(np.diff(known) > 0)
    assert selection.ordinals() == expected
    assert selection.members(list(range(0, len(snap.records), 3))) == {o for o in expected if o % 3 == 0}


def test_an_incremental_build_over_a_build_without_gram_sets_makes_them(tmp_path):
    """A tantivy build made before gram sets were has no grams.bin; the next incremental build makes the
    file from that build's stored texts, then adds its own: the keys are then known and searches answer
    as before."""
    import hashlib
    import json
    import shutil

    from corpus import BUNDLED_CORPUS
    from indexer.build import build_index
    from indexer.querylang import parse_query
    from indexer.service import GazetteSearch
    from indexer.store import META, POINTER

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for name in ("002_aec23d992a7ebbae.txt", "manifest.json"):
        shutil.copy(BUNDLED_CORPUS / name, corpus)
    build_index(corpus, index, engine="tantivy")
    old = GazetteSearch(index)._snapshot().build
    (old.engine_dir / GRAMS_FILE).unlink()  # as an older build: no file, none recorded
    meta = json.loads((old.path / META).read_text(encoding="utf-8"))
    del meta["written"][f"engine/{GRAMS_FILE}"]
    (old.path / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    sealed = hashlib.sha256((old.path / META).read_bytes()).hexdigest()
    (index / POINTER).write_text(f"{old.path.name} {sealed}\n", encoding="utf-8")
    assert GazetteSearch(index)._snapshot().reader.gram_sets is None

    shutil.copy(BUNDLED_CORPUS / "000_50af7b231d7ea85e.txt", corpus)
    build_index(corpus, index)  # incremental
    service = GazetteSearch(index)
    snap = service._snapshot()
    assert snap.build.path != old.path and snap.reader.gram_sets is not None
    for q in ("统计", "工作 管理", "兴安盟"):
        selection = snap.reader.select(parse_query(q), [], snap.context)
        assert selection._known()
        assert set(selection.ordinal_array().tolist()) == snap.reader.matching(parse_query(q))
