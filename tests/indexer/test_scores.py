"""The ranking's scores, computed over the records a query touches only, are those computed over arrays of
every record (the definition, kept here): the same records, the same order, the same floats."""

import random
import re

import numpy as np

from analyzers.normalize import normalize
from indexer.querylang import parse_query
from indexer.ranking import Query
from indexer.scopes import expand_aliases
from indexer.understand import understand

HAN = re.compile(r"[\u4e00-\u9fff]{2,4}")


def dense_scores(ranker, query: Query):
    """Ranker.scores as first written: every step over arrays of all records."""
    p, data = ranker.params, ranker.data
    total = np.zeros(ranker.count)
    touched = np.zeros(ranker.count, dtype=bool)
    weights = np.array(p.weights)
    in_title = np.zeros(ranker.count)
    for word, query_weight in query.words:
        found = data.within(word)
        if found is None:
            continue
        ordinals, tf, df = found
        lengths = data.lengths[ordinals]
        b = np.tile(np.array(p.b), (len(ordinals), 1))
        b[ranker.is_document[ordinals], 0] = p.b_document
        norm = 1.0 - b + b * lengths / data.mean_length
        x = (tf * weights / norm).sum(axis=1)
        total[ordinals] += query_weight * ranker.idf_of_count(df) * x * (p.k1 + 1.0) / (x + p.k1)
        touched[ordinals] = True
        in_title[ordinals[tf[:, 1] > 0]] += 1
    if query.named or query.asked:
        prior = ranker.prior.copy()
        prior[list(query.named | query.asked)] = 1.0
        if query.asked:
            prior[list(query.asked)] *= p.roster_asked
        total *= prior
    else:
        total *= ranker.prior
    if query.words:
        coverage = np.where(ranker.is_document, in_title / len(query.words), 0.0)
        total *= 1.0 + p.title_coverage * coverage
    if query.titled:
        total[np.fromiter(query.titled, dtype=np.int64, count=len(query.titled))] *= p.named
    for boost in query.boosts:
        if boost.ordinals:
            picked = np.fromiter(boost.ordinals, dtype=np.int64, count=len(boost.ordinals))
            total[picked] += boost.amount
            touched[picked] = True
    ordinals = np.flatnonzero(touched)
    values = total[ordinals]
    order = np.lexsort((ordinals, -values))
    return ordinals[order], values[order]


def test_sparse_scores_are_the_dense_ones(searcher, records):
    snap = searcher._snapshot()
    rng = random.Random(12)
    texts = [normalize(r.text) for r in records if len(r.text) > 40]
    queries = ["统计", "兴署发〔2022〕6号", "文号:兴署办字", "科右前旗 统计", "2022年3月", "苏和", "统计 工作 管理"]
    queries += ["领导小组成员", "统计工作领导小组 名单"]  # rosters asked for
    while len(queries) < 80:
        words = [m.group() for m in (HAN.match(t, rng.randrange(len(t) - 4)) for t in rng.sample(texts, 2)) if m]
        if words:
            queries.append(" ".join(words[: rng.randint(1, 2)]))
    compared = asked = 0
    for text in queries:
        understood, _ = understand(parse_query(text), set(snap.series), None, lambda: snap.rosters)
        tree, _ = expand_aliases(understood)
        query = searcher._rank_query(snap, tree, understood)
        asked += bool(query.asked)
        ordinals, scores = snap.ranker.scores(query)
        expected_ordinals, expected_scores = dense_scores(snap.ranker, query)
        assert ordinals.tolist() == expected_ordinals.tolist(), text
        assert scores.tolist() == expected_scores.tolist(), text  # the same floats, not close ones
        compared += len(ordinals)
    assert compared > 1000 and asked


def test_named_rosters_are_those_naming_a_typed_person(searcher):
    snap = searcher._snapshot()
    people = sorted({p for names in snap.ranker.rosters.values() for p in names})
    assert people
    for typed in [{people[0]}, set(people[::7]), {"不存在的人名"}, set()]:
        expected = frozenset(o for o, names in snap.ranker.rosters.items() if typed & names)
        assert snap.ranker.named(typed) == expected


def test_a_words_postings_inside_longer_words_merge_as_by_sorting(searcher):
    """within(): the postings of a word and of the longer words holding it, merged by marking records, give
    the records and the summed counts that sorting them and adding in place gave."""
    data = searcher._snapshot().ranker.data
    checked = 0
    for word in ["统计", "工作", "管理", "兴安", "发展", "乡村", "军分区", "盟", "会"]:
        ids = ([data.word_id[word]] if word in data.word_id else []) + data.containing(word)
        if len(ids) < 2:
            continue
        own = data.word_id.get(word)
        spans = [(data.starts[i], data.starts[i + 1]) for i in ids]
        ordinals = np.concatenate([data.ordinals[a:b] for a, b in spans]).astype(np.int64)
        tf = np.concatenate([data.tf[a:b] * (1.0 if i == own else 0.5) for i, (a, b) in zip(ids, spans)])
        merged, where = np.unique(ordinals, return_inverse=True)
        counts = np.zeros((len(merged), tf.shape[1]))
        np.add.at(counts, where, tf)
        data._within.pop(word, None)
        found = data.within(word)
        assert found is not None
        assert found[0].tolist() == merged.tolist() and found[1].tolist() == counts.tolist(), word
        checked += 1
    assert checked >= 5


def test_scoring_only_the_selected_records_ranks_alike(searcher, records, monkeypatch):
    """A request selecting few records has only those scored: the same hits, scores and tiers, page by page."""
    from indexer import service
    from indexer.api import parse_request

    rng = random.Random(21)
    texts = [normalize(r.text) for r in records if len(r.text) > 40]
    queries = ["统计", "作与", "兴署发〔2022〕6号", "秸秆禁烧责任追究", "领导小组成员", "统计 工作", "苏和"]
    while len(queries) < 50:
        words = [m.group() for m in (HAN.match(t, rng.randrange(len(t) - 4)) for t in rng.sample(texts, 2)) if m]
        if words:
            queries.append(" ".join(words[: rng.randint(1, 2)]))

    def pages(limit: int) -> list:
        monkeypatch.setattr(service, "SCORE_AMONG_MAX", limit)
        monkeypatch.setattr(service, "SCORE_AMONG_LARGE", limit)
        out = []
        for text in queries:
            for page in ("1", "2"):
                result = searcher.search(parse_request({"q": text, "page": page}))
                out.append([(h.id, h.score, h.match) for h in result.hits])
        return out

    assert pages(10**9) == pages(-1)


def test_a_words_postings_among_some_records_are_those_cut_from_all(searcher):
    data = searcher._snapshot().ranker.data
    rng = np.random.default_rng(3)
    checked = 0
    for word in ["统计", "工作", "管理", "兴安", "发展", "乡村", "军分区", "盟", "会", "行"]:
        for share in (0.01, 0.2, 0.9):
            wanted = rng.random(data.count) < share
            data._within.pop(word, None)
            among = data.within(word, wanted)  # merged from the cut postings
            whole = data.within(word)  # merged from all (and kept)
            if whole is None:
                assert among is None
                continue
            keep = wanted[whole[0]]
            if not keep.any():
                assert among is None
                continue
            assert among is not None
            assert among[0].tolist() == whole[0][keep].tolist() and among[1].tolist() == whole[1][keep].tolist()
            assert among[2] == whole[2], word  # the frequency of every record, for the idf
            assert data.within(word, wanted)[1].tolist() == among[1].tolist()  # from the kept merge, cut
            checked += 1
    assert checked > 20


def test_nearness_read_only_for_records_that_can_reach_the_page(searcher, records, monkeypatch):
    """_nearer reads the texts of the records that can reach the first `last` (a score at most ×(1 + proximity)):
    the page is the same as when all `head` records are measured, for queries of several words at every cut."""
    from indexer import service

    snap = searcher._snapshot()
    read: list[int] = []
    original = snap.reader.match_texts
    monkeypatch.setattr(snap.reader, "match_texts", lambda ordinals: read.append(len(ordinals)) or original(ordinals))
    rng = random.Random(29)
    texts = [normalize(r.text) for r in records if len(r.text) > 40]
    queries = ["统计 工作", "秸秆 禁烧", "应急 管理", "兴安盟 统计 调查"]
    while len(queries) < 40:
        words = [m.group() for m in (HAN.match(t, rng.randrange(len(t) - 4)) for t in rng.sample(texts, 2)) if m]
        if len(words) == 2:
            queries.append(" ".join(words))
    head = snap.ranker.params.proximity_head
    fewer = 0
    for text in queries:
        tree = parse_query(text)
        query = searcher._rank_query(snap, tree, tree)
        ordinals, scores = snap.ranker.scores(query)
        scored = list(zip(ordinals.tolist(), scores.tolist()))[:head]
        groups = service._term_groups(tree)
        for last in (1, 3, 10, 20):
            read.clear()
            whole = service._nearer(snap, scored, groups, head)
            every = sum(read)
            read.clear()
            cut = service._nearer(snap, scored, groups, head, last)
            assert cut[:last] == whole[:last], (text, last)
            assert sorted(o for o, _ in cut) == sorted(o for o, _ in whole)  # the rest keep their raw scores
            fewer += sum(read) < every
    assert fewer  # some records were not read
