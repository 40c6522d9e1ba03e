"""A document and its matching clauses are one group on a page (SearchResult.groups): never the same
document twice, the right count of its further clauses, a document's snippet not repeating its clause's."""

from __future__ import annotations

import re

import pytest

from indexer.api import Hit, SearchRequest, SearchResult, Snippet, parse_request
from search_web import create_app


def hit(kind: str, id_: str, doc_id: str | None, text: str = "") -> Hit:
    return Hit(kind, id_, doc_id, None, "标题", None, None, [], None, None, None, "2022-1", Snippet(text))


def test_a_document_after_its_clause_heads_the_group_its_clause_started():
    hits = [
        hit("clause", "a#c1", "a", "…第一条 统计工作…"),
        hit("document", "b", "b"),
        hit("document", "a", "a", "…第一条 统计工作…"),
        hit("clause", "a#c2", "a", "第二条"),
        hit("chronicle", "dsj-1", None),
    ]
    result = SearchResult(SearchRequest("统计"), 9, hits, clauses_by_doc={"a": 5, "b": 0})
    groups = result.groups()
    assert [g["lead"].id for g in groups] == ["a", "b", "dsj-1"]
    assert [h.id for h in groups[0]["children"]] == ["a#c1", "a#c2"]
    assert [g["more"] for g in groups] == [3, 0, 0]  # five matching clauses, two shown
    assert groups[0]["repeats"] and not groups[1]["repeats"]  # the document's snippet is its clause's
    shown = result.to_dict()["groups"]
    assert shown[0] == {"lead": "a", "children": ["a#c1", "a#c2"], "more": 3, "repeats": True}


@pytest.mark.parametrize("query", ["统计", "医疗废物 应急", "管理", "国企 监管", "热线 报警 联动", "领导小组"])
def test_no_document_is_two_groups_and_the_counts_are_right(searcher, query):
    for page in (1, 2):
        result = searcher.search(parse_request({"q": query, "page": str(page)}))
        groups = result.groups()
        docs = [g["lead"].doc_id for g in groups if g["lead"].kind != "chronicle"]
        assert len(docs) == len(set(docs)), (query, page)
        assert sum(1 + len(g["children"]) for g in groups) == len(result.hits)
        for group in groups:
            lead = group["lead"]
            if lead.kind == "chronicle":
                continue
            shown = sum(1 for h in [lead, *group["children"]] if h.kind == "clause")
            assert group["more"] == result.clauses_by_doc[lead.doc_id] - shown >= 0
            assert all(h.doc_id == lead.doc_id and h.kind == "clause" for h in group["children"])


def test_the_page_shows_each_document_once(index_dir, searcher):
    """Issue 21's first defect: a document twice on a page, the second time with a wrong count."""
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    item = re.compile(
        r'<li class="hit kind-(document|clause)">\s*<span class="badge">[^<]*</span>\s*<a class="title" href="/doc/([^"#?]+)'
    )
    for query in ("统计", "医疗废物 应急", "管理", "国企 监管"):
        page = client.get("/search", query_string={"q": query}).get_data(as_text=True)
        documents = [doc for kind, doc in item.findall(page) if kind == "document"]
        assert documents and len(documents) == len(set(documents)), query
        for group in searcher.search(parse_request({"q": query})).groups():
            if group["more"]:
                assert f"本文件另有 {group['more']} 条相关条款" in page, query
