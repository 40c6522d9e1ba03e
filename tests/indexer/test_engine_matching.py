"""An engine that evaluates a whole boolean tree in one search (IndexReader.matching, tantivy) answers
exactly as the tree evaluated term by term, and declines the nodes it does not evaluate."""

from __future__ import annotations

import pytest

from indexer.matching import Matcher
from indexer.querylang import parse_query

BOOLEAN = [
    "工作 管理",
    "工作 -统计",
    "工作 OR 发展",
    "(统计 OR 普查) -工作",
    "NOT 统计",
    "标题:统计 正文:工作",
    '"高质量发展" 统计',
    "兴署发〔2022〕6号 OR 内政办发〔2022〕82号",
    "盟 会 -(工作 OR 管理)",
]
DECLINED = ["统计 NEAR/5 工作", "文号:兴署办字 统计", "发文机关:办公室 工作"]


@pytest.fixture
def snap(searcher):
    return searcher._snapshot()


def term_by_term(snap, query):
    matcher = Matcher(snap.reader, snap.records, snap.live)
    matcher.engine_matching = None
    return matcher.docs(parse_query(query))


@pytest.mark.parametrize("query", BOOLEAN)
def test_one_search_answers_as_term_by_term(snap, query):
    if not hasattr(snap.reader, "matching"):
        pytest.skip("this engine evaluates trees term by term only")
    found = snap.reader.matching(parse_query(query))
    assert found is not None, "a boolean tree of terms is evaluated by the engine"
    assert found == term_by_term(snap, query)
    assert Matcher(snap.reader, snap.records, snap.live).docs(parse_query(query)) == found


# what an engine evaluates itself besides terms: a 文号 series (OpenSearch: a prefix of its keyword field)
# and an office (the office facet's values holding the text, as facet terms); NEAR both decline
ANSWERED_BY = {"opensearch": {"文号:兴署办字 统计", "发文机关:办公室 工作"}, "tantivy": {"发文机关:办公室 工作"}}


@pytest.mark.parametrize("query", DECLINED)
def test_nodes_read_from_records_or_texts_are_declined(snap, engine, query):
    if not hasattr(snap.reader, "matching"):
        pytest.skip("this engine evaluates trees term by term only")
    found = snap.reader.matching(parse_query(query))
    if query in ANSWERED_BY.get(engine, ()):
        assert found == term_by_term(snap, query)
        return
    assert found is None
    assert Matcher(snap.reader, snap.records, snap.live).docs(parse_query(query)) == term_by_term(snap, query)


@pytest.mark.parametrize(
    "query",
    [
        "发文机关:兴安盟行政公署",
        "发文机关:军分区 统计",
        "统计 -发文机关:办公室",
        "发文机关:无此机关 OR 统计",
        "发文机关:行政公署",
    ],
)
def test_an_office_answered_by_the_engine_is_the_records_that_office_holds(snap, engine, query):
    """An engine that evaluates 发文机关 itself (by the office facet's values holding the text) finds what the
    records' offices give, under AND, OR and NOT, for an office held in part or not at all."""
    if not hasattr(snap.reader, "matching") or "发文机关:办公室 工作" not in ANSWERED_BY.get(engine, ()):
        pytest.skip("this engine leaves 发文机关 to the records")
    found = snap.reader.matching(parse_query(query))
    assert found is not None and found == term_by_term(snap, query)
