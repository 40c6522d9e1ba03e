"""An engine that answers a request itself (IndexReader.select, tantivy) gives the same total, facet
counts, records and clause counts as the sets (SetSelection) — today, and on days when documents'
validity differs from the status their records were written with."""

from __future__ import annotations

from datetime import date

import pytest
from bundled_builds import build_bundled

from analyzers.terms import rank_words
from indexer.api import SearchError, parse_request
from indexer.engine import RankSpec
from indexer.facets import FACETS
from indexer.matching import Matcher
from indexer.querylang import all_of, parse_query, positive_terms
from indexer.scopes import expand_aliases
from indexer.selection import SetSelection

REQUESTS = [
    {"q": "统计"},
    {"q": "兴安盟行政公署 管理"},
    {"q": "工作 -统计"},
    {"q": "盟", "kind": "clause"},
    {"year": "2022"},
    {"q": "工作", "validity": "现行有效"},
    {"q": "工作", "validity": ["已失效", "未注明"], "year": "2023"},
    {"q": "管理", "office": "兴安盟行政公署办公室"},
    {"q": "会议", "kind": "chronicle", "from": "2022-01-01", "to": "2022-03-31"},
    {"wenhao": "兴署发〔2022〕6号"},
    {"q": "实施", "validity": "已失效", "kind": "document"},
]
# before anything took effect, while the 2023 documents were in force, and today
DAYS = [date(2019, 1, 1), date(2024, 1, 1), None]


@pytest.fixture
def snap(searcher):
    snap = searcher._snapshot()
    if not snap.capabilities.answers_requests:
        pytest.skip("this engine answers requests with sets only")
    if snap.build.meta["engine"] != "tantivy":  # its plans and fast paths are forced below
        pytest.skip("tantivy's selection; OpenSearch's is compared with the sets in test_opensearch.py")
    yield snap
    snap.as_of(date.today())


def both(searcher, snap, params):
    request = parse_request(params)
    tree, _ = expand_aliases(all_of([parse_query(request.query)]))
    filters = searcher._filters(request)
    engine = snap.reader.select(tree, filters, snap.context)
    assert engine is not None
    sets = SetSelection(snap, Matcher(snap.reader, snap.records, snap.live).docs(tree), filters, snap.context)
    return engine, sets, tree


@pytest.mark.parametrize("keys", ["grams", "hits"])
@pytest.mark.parametrize("plan", ["rows", "aggregation", "walk"])
@pytest.mark.parametrize("day", DAYS, ids=["2019", "2024", "today"])
@pytest.mark.parametrize("params", REQUESTS, ids=[str(p) for p in REQUESTS])
def test_the_engine_answers_as_the_sets(searcher, snap, params, day, plan, keys, monkeypatch):
    """The three ways of counting the facets not filtered on (chosen by cost) are forced in turn; clause
    counts come from the facet rows with the first, from an aggregation otherwise. The selected keys come
    from the gram sets where they can (a term, or terms, with no filter), or are read out of tantivy."""
    from indexer.tantivy_engine import selection

    monkeypatch.setattr(selection, "AGG_FIXED_MS", float("-inf") if plan == "aggregation" else float("inf"))
    monkeypatch.setattr(selection, "READ_MAX", 10**9 if plan == "rows" else -1)
    monkeypatch.setattr(selection, "KNOWN_ROWS_MAX", 10**9 if plan == "rows" else -1)
    if keys == "hits":
        monkeypatch.setattr(snap.reader, "gram_sets", None)
    snap.as_of(day or date.today())
    engine, sets, tree = both(searcher, snap, params)
    if keys == "hits" or params.keys() != {"q"}:  # the gram sets only for terms with no filter
        assert not engine._known()
    elif len(params["q"]) == 2:  # a term of two characters: its bigram's records are its records
        assert engine._known()
    assert engine.count() == sets.count()
    for facet in FACETS:
        assert engine.facet_counts(facet.name) == sets.facet_counts(facet.name), facet.name
    assert engine.ordinals() == sets.ordinals()
    sample = list(range(0, len(snap.records), 3))  # which of these the request selects
    assert engine.members(sample) == sets.members(sample)
    docs = list(dict.fromkeys(snap.records[o].doc_id for o in sorted(sets.ordinals()) if snap.records[o].doc_id))
    assert engine.clause_counts(docs[:10]) == sets.clause_counts(docs[:10])
    assert engine.clause_counts(docs) == sets.clause_counts(docs)
    monkeypatch.setattr(selection, "FEW_TERMS", 0)  # one term-set query, as for a page of over 64 documents
    assert engine.clause_counts(docs[:10]) == sets.clause_counts(docs[:10])
    if engine.count():
        assert engine.plan == plan
    # ranking inside the selection = ranking the sets' records (same reader, same scores)
    terms = positive_terms(tree)
    words = tuple(dict.fromkeys(w for t in terms if not t.wenhao for w in rank_words(t.text)))
    spec = RankSpec(words, tuple(t.wenhao.canonical for t in terms if t.wenhao))
    assert engine.rank(spec, 40) == sets.rank(spec, 40)


def _bigrams_apart(snap) -> str:
    """A term of the corpus (three characters of a record's text) whose bigrams some record holds apart."""
    from indexer.querylang import Term

    reader = snap.reader
    for ordinal in range(0, len(snap.records), 7):
        text = reader.match_text(ordinal)
        for at in range(0, len(text) - 3, 5):
            term = text[at : at + 3]
            if "\x00" in term:
                continue
            found = reader.matching(Term(term))
            if found and len(reader.candidate_keys(Term(term))) > len(found):
                return term
    raise AssertionError("no term of the corpus has its bigrams apart in some record")


@pytest.mark.parametrize("apart_max", [0, 2_000])
def test_bigrams_apart_are_taken_out_of_the_candidates(searcher, snap, apart_max, monkeypatch):
    """Records holding every bigram of a term without the term (领导 and 导小 apart) make the gram sets'
    candidates more than tantivy counts: up to APART_MAX of them are read out of tantivy and taken out;
    past it, the selection's keys are read out of tantivy."""
    from indexer.querylang import Term
    from indexer.tantivy_engine import selection

    monkeypatch.setattr(selection, "APART_MAX", apart_max)
    term = _bigrams_apart(snap)
    engine = snap.reader.select(Term(term), [], snap.context)
    sets = SetSelection(snap, Matcher(snap.reader, snap.records, snap.live).docs(Term(term)), [], snap.context)
    assert len(snap.reader.candidate_keys(engine.grams_tree)) > engine.count() == sets.count() > 0
    assert engine._known() == bool(apart_max)
    assert engine.ordinals() == sets.ordinals()
    sample = list(range(0, len(snap.records), 2))
    assert engine.members(sample) == sets.members(sample)
    for facet in FACETS:
        assert engine.facet_counts(facet.name) == sets.facet_counts(facet.name), facet.name


def test_statuses_changed_since_the_build_are_seen(snap):
    """The days above do exercise the correction: some documents' status on them is not the one
    their records carry, and every such document is found."""
    for day in DAYS[:2]:
        snap.as_of(day)
        changed = snap.reader.status_changes(snap.status_docs)
        assert changed
        for doc, status in changed.items():
            assert (snap.validity.get(doc) or {}).get("status") == status
            assert snap.reader.written_statuses.get(doc) != status
    snap.as_of(date.today())
    assert snap.reader.status_changes(snap.status_docs) == {}


@pytest.fixture(scope="module")
def incremental_tantivy(tmp_path_factory):
    """A tantivy index made by incremental builds: keys are not in ordinal order."""
    from indexer.service import GazetteSearch

    index = build_bundled(tmp_path_factory.mktemp("tantivy-incremental"), True, engine="tantivy")
    return GazetteSearch(index)


COUNTS = [0, 1, 3, 10, 37, 60, 1_000]  # 1,000: past every request's total (the bundled corpus has 413 records)


@pytest.mark.parametrize("build", ["full", "incremental"])
@pytest.mark.parametrize("params", REQUESTS, ids=[str(p) for p in REQUESTS])
def test_the_engine_orders_by_date_as_the_sets(searcher, snap, incremental_tantivy, params, build, monkeypatch):
    """Oldest and newest first, cut anywhere: within one day (many clauses share their document's
    date), among the undated records (first when oldest first, last when newest first) and past the
    end. A full build orders inside tantivy without reading every hit out; an incremental one, whose
    keys are not ordinals, walks the service's order."""
    if build == "incremental":
        searcher, snap = incremental_tantivy, incremental_tantivy._snapshot()
        assert not snap.reader.identity
    engine, sets, _ = both(searcher, snap, params)
    if build == "full":
        assert snap.reader.identity
        monkeypatch.setattr(engine, "ordinals", lambda: pytest.fail("the fast path read every hit"))
    undated = {o for o in sets.ordinals() if not snap.records[o].date}
    for newest_first in (False, True):
        for count in COUNTS:
            order = "-date" if newest_first else "date"
            assert engine.first(order, count) == sets.first(order, count), (newest_first, count)
        if undated:  # the undated ones at the right end
            every = engine.first("-date" if newest_first else "date", 1_000)
            edge = every[-len(undated) :] if newest_first else every[: len(undated)]
            assert set(edge) == undated


@pytest.mark.parametrize("build", ["full", "incremental"])
@pytest.mark.parametrize("params", REQUESTS, ids=[str(p) for p in REQUESTS])
def test_the_engine_fills_as_the_sets(searcher, snap, incremental_tantivy, params, build, monkeypatch):
    """After the ranked hits, those no ranking word occurs in: documents, clauses, 大事记, each newest
    first, ties by ordinal, leaving out those already shown; on a full build, past READ_MAX records, without
    reading every hit out (every selection of the bundled corpus is under it: READ_MAX is lowered to 0)."""
    from indexer.tantivy_engine import selection

    if build == "incremental":
        searcher, snap = incremental_tantivy, incremental_tantivy._snapshot()
    engine, sets, _ = both(searcher, snap, params)
    if build == "full":
        monkeypatch.setattr(selection, "READ_MAX", 0)
        monkeypatch.setattr(engine, "ordinals", lambda: pytest.fail("the fast path read every hit"))
    selected = sorted(sets.ordinals())
    for seen in (set(), set(selected[::3]), set(selected[:40])):
        for count in COUNTS:
            assert engine.fill(seen, count) == sets.fill(seen, count), (count, seen)


@pytest.mark.parametrize("params", REQUESTS, ids=[str(p) for p in REQUESTS])
def test_a_small_selection_fills_by_the_fill_order(searcher, snap, params, monkeypatch):
    """Under READ_MAX the selected records are sorted by their places in the fill order (one array): the
    same records in the same order as the fill key sorts them one by one, and as tantivy's runs give."""
    import heapq

    from indexer.tantivy_engine import selection

    engine, sets, _ = both(searcher, snap, params)
    assert engine.count() <= selection.READ_MAX
    selected = sorted(sets.ordinals())
    for seen in (set(), set(selected[::3]), set(selected[:40])):
        for count in COUNTS:
            by_key = heapq.nlargest(count, set(selected) - seen, key=snap.fill_key)
            assert engine.fill(seen, count) == by_key == sets.fill(seen, count), (count, seen)
    monkeypatch.setattr(selection, "READ_MAX", 0)  # tantivy's runs per kind
    assert both(searcher, snap, params)[0].fill(set(), 60) == heapq.nlargest(60, set(selected), key=snap.fill_key)


@pytest.mark.parametrize("params", REQUESTS, ids=[str(p) for p in REQUESTS])
def test_facet_rows_count_as_the_sets_after_incremental_builds(incremental_tantivy, params, monkeypatch):
    """Keys are not ordinals there, and deleted records' rows stay behind: the counts are still the sets'."""
    from indexer.tantivy_engine import selection

    monkeypatch.setattr(selection, "READ_MAX", 10**9)
    snap = incremental_tantivy._snapshot()
    assert snap.reader.facet_rows.rows > len(snap.records)  # rows of deleted records are there
    engine, sets, _ = both(incremental_tantivy, snap, params)
    for facet in FACETS:
        assert engine.facet_counts(facet.name) == sets.facet_counts(facet.name), facet.name
    docs = list(dict.fromkeys(snap.records[o].doc_id for o in sorted(sets.ordinals()) if snap.records[o].doc_id))
    assert engine.clause_counts(docs + ["no-such-document"]) == sets.clause_counts(docs + ["no-such-document"])
    if engine.count():
        assert engine.plan == "rows"


@pytest.mark.parametrize("q", ["统计", "工作 管理", "盟", "秸秆 OR 禁烧", "禁烧 -统计"])
def test_gram_sets_after_incremental_builds_give_the_live_records(incremental_tantivy, q):
    """An incremental build adds its keys' grams to the file it copied; deleted records' keys stay in it
    and are left out as they map to no record: the keys are the live selection's."""
    snap = incremental_tantivy._snapshot()
    assert snap.reader.gram_sets is not None and not snap.reader.identity
    assert len(snap.reader.gram_sets.keys_of("盟")) > sum(r.kind != "chronicle" for r in snap.records) // 2
    engine, sets, _ = both(incremental_tantivy, snap, {"q": q})
    assert engine._known()
    assert sorted(engine.ordinal_array().tolist()) == sorted(sets.ordinals()) and engine.count() > 0
    assert engine.ordinals() == sets.ordinals()
    sample = list(range(0, len(snap.records), 2))
    assert engine.members(sample) == sets.members(sample)


def test_the_requests_cover_undated_records_and_ties(searcher, snap):
    """The order test above is only as good as its requests: some hold undated records, and some cut
    a day's records in two."""
    undated = ties = 0
    for params in REQUESTS:
        engine, sets, _ = both(searcher, snap, params)
        ordered = sets.first("date", 1_000)
        undated += any(not snap.records[o].date for o in ordered)
        days = [snap.records[o].date for o in ordered]
        ties += any(days[c - 1] == days[c] for c in COUNTS if c < len(days))
    assert undated >= 2 and ties >= 3


def test_the_sets_are_made_only_when_the_sets_answer(tmp_path):
    """tantivy answers requests itself, so its snapshot makes no facet sets or bitsets: not for a
    发文机关 typed, and not for a request whose records are found outside it (同句: near, a guarded short
    form), which it then counts and facets as any other."""
    from indexer.build import build_index
    from indexer.service import GazetteSearch

    index = tmp_path / "index"
    build_index(index_dir=index, engine="tantivy", full=True)
    service = GazetteSearch(index)
    snap = service._snapshot()
    service.search(parse_request({"q": "统计", "year": "2022", "validity": "现行有效"}))
    service.search(parse_request({"q": "发文机关:兴安盟行政公署 统计"}))  # a 发文机关 typed is checked, not by the sets
    with pytest.raises(SearchError):  # one the index does not hold is said
        service.search(parse_request({"q": "发文机关:某某局"}))
    assert snap._record_sets is None and snap._bits is None
    near = service.search(parse_request({"q": "统计 工作", "near": "sentence"}))
    short = service.search(parse_request({"q": "国企"}))  # a guarded short form: checked against the words
    assert snap._record_sets is None and snap._bits is None and near.total > 0 and short.total > 0
    assert sum(v.count for v in short.facets["kind"]) == short.total
    assert sum(v.count for v in near.facets["kind"]) == near.total  # each record has one kind
    years = {h.date[:4] for h in service.export(parse_request({"q": "统计 工作", "near": "sentence"})) if h.date}
    assert {v.value for v in near.facets["year"]} == years


@pytest.mark.parametrize("build", ["full", "incremental"])
def test_records_by_key_are_the_same_by_term_look_ups_and_by_a_term_set(
    searcher, snap, incremental_tantivy, build, monkeypatch
):
    """A few keys are asked for one term look-up each, many by a term-set query (KEY_TERMS): the same
    records either way, alone, under a match and as its complement (fill leaves the seen out that way)."""
    import random

    import tantivy

    from indexer.tantivy_engine import reader as tantivy_reader
    from indexer.tantivy_engine.selection import everything_but

    if build == "incremental":
        snap = incremental_tantivy._snapshot()
    reader, rng = snap.reader, random.Random(23)
    match = reader._compile(parse_query("工作"))
    for size in (0, 1, 5, 60, len(snap.records) // 2, len(snap.records)):
        ordinals = rng.sample(range(len(snap.records)), size)
        answers = []
        for key_terms in (0, 10_000):  # every set by a term-set query, then every set by look-ups
            monkeypatch.setattr(tantivy_reader, "KEY_TERMS", key_terms)
            keyed = reader.keys_filter(ordinals)
            under = tantivy.Query.boolean_query([(tantivy.Occur.Must, match), (tantivy.Occur.Must, keyed)])
            answers.append(
                (reader.ordinals_of(keyed), reader.ordinals_of(under), reader.ordinals_of(everything_but(keyed)))
            )
        assert answers[0] == answers[1], size
        assert answers[0][0] == set(ordinals) and answers[0][2] == set(range(len(snap.records))) - set(ordinals)


def test_rosters_are_asked_of_tantivy_by_their_labels_and_are_the_same_records(searcher, snap):
    """A roster question's Rosters node is compiled as the label query the service found most rosters by,
    with the others by key: exactly the service's rosters; a set that is not (a part of them, or more)
    is asked by key, exactly that set."""
    from indexer.querylang import Rosters

    reader = snap.reader
    rosters = snap.rosters
    assert len(rosters) > 5
    assert reader.ordinals_of(reader._compile(Rosters(rosters))) == set(rosters)
    part = frozenset(sorted(rosters)[::2])
    assert reader.ordinals_of(reader._compile(Rosters(part))) == set(part)
    more = rosters | {0, 1, 2}
    assert reader.ordinals_of(reader._compile(Rosters(more))) == set(more)


@pytest.mark.parametrize("build", ["full", "incremental"])
@pytest.mark.parametrize("params", REQUESTS, ids=[str(p) for p in REQUESTS])
def test_the_selected_records_as_an_array_are_the_sets_records(
    searcher, snap, incremental_tantivy, params, build, monkeypatch
):
    """ordinal_array (what scoring and masking read) holds the records the sets select, whether read from
    the keys kept for the facets or from a run of its own (READ_MAX lowered to 0)."""
    from indexer.tantivy_engine import selection

    if build == "incremental":
        searcher, snap = incremental_tantivy, incremental_tantivy._snapshot()
    for read_max in (selection.READ_MAX, 0):
        monkeypatch.setattr(selection, "READ_MAX", read_max)
        engine, sets, _ = both(searcher, snap, params)
        array = engine.ordinal_array()
        assert sorted(array.tolist()) == sorted(sets.ordinals()) and len(set(array.tolist())) == len(array)
