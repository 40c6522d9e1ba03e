"""The documents named for a query (every term, or an equivalent name, in their title) are found by the
engine as title-only terms: the same documents as testing each document's title."""

import random
import re

from analyzers.normalize import SEP, normalize
from indexer.querylang import parse_query
from indexer.records import context_headings
from indexer.service import _term_groups, _titled
from indexer.tiers import ANNEX

HAN = re.compile(r"[\u4e00-\u9fff]+")


def _by_reading_titles(snap, tree) -> frozenset[int]:
    groups = _term_groups(tree)
    titles = {r.doc_id: normalize(r.title or "") for r in snap.records if r.kind == "document"}
    return frozenset(
        o
        for o, r in enumerate(snap.records)
        if r.kind == "document" and groups and all(any(f in titles[r.doc_id] for f in forms) for forms in groups)
    )


def test_titled_documents_are_those_whose_titles_hold_every_term(searcher):
    snap = searcher._snapshot()
    titles = [normalize(r.title or "") for r in snap.records if r.kind == "document" and r.title]
    rng = random.Random(4)
    queries = ["统计", "科右前旗", "通知 兴安盟", "实施 方案 工作", "行署 办公室", "国企", "不存在的标题词"]
    for _ in range(60):  # pieces of real titles, one to three of them
        pieces = []
        for _ in range(rng.randint(1, 3)):
            title = rng.choice(titles)
            at = rng.randrange(max(1, len(title) - 2))
            pieces.append(title[at : at + rng.randint(1, 4)])
        words = [p for p in pieces if HAN.fullmatch(p)]
        if words:
            queries.append(" ".join(words))
    named = 0
    for query in queries:
        tree = parse_query(query)
        expected = _by_reading_titles(snap, tree)
        assert _titled(snap, tree) == expected, query
        named += bool(expected)
    assert named > 30  # the sample does name documents


def test_context_titles_are_found_as_by_testing_each_title(searcher):
    """A term's clauses by their document's title and by their headings: one search over all of them
    (each clause once), as a test of each."""
    snap = searcher._snapshot()
    index = snap.context_index
    rng = random.Random(5)
    titles = [t for t in index.titles.values() if t]
    samples = ["统计", "兴安盟", "通知", "不存在的词", "的"] + [
        t[a : a + rng.randint(1, 4)]
        for t in rng.sample(titles, min(40, len(titles)))
        for a in [rng.randrange(max(1, len(t) - 2))]
    ]
    # each clause's headings, with and without an annex's title, tested one clause at a time
    paths = {
        o: (
            SEP.join(normalize(h) for h in context_headings(r)),
            SEP.join(normalize(h) for h in context_headings(r) if not ANNEX.match(h)),
        )
        for o, r in enumerate(snap.records)
        if r.kind == "clause"
    }
    for norm in samples:
        expected: set[int] = set()
        for doc_id, title in index.titles.items():
            if norm in title:
                expected.update(index.clauses_of.get(doc_id, ()))
        every = {o for o, (whole, _) in paths.items() if norm in whole}
        sections = {o for o, (_, headed) in paths.items() if norm in headed}
        assert index._containing(norm, headings_only=True) == frozenset(sections), norm
        assert index._containing(norm) == frozenset(expected | every), norm


def test_member_lists_are_found_as_by_reading_every_clause(searcher):
    """The clauses that list a body's members, asked of the engine by their labels: those reading each
    clause's text finds (ranking.lists_members)."""
    from indexer.ranking import lists_members

    snap = searcher._snapshot()
    clauses = [o for o, r in enumerate(snap.records) if r.kind == "clause"]
    texts = snap.reader.match_texts(clauses)
    expected = frozenset(o for o, text in zip(clauses, texts) if lists_members(snap.records[o], text))
    assert snap.rosters == expected and len(expected) > 5
