"""Filters, facets, date ranges, sorting and paging, checked against the parsed records."""

from collections import Counter

import pytest

from analyzers.normalize import normalize
from indexer.api import parse_request


def expected_facet(records, ids, field):
    counts = Counter()
    for r in records:
        if r.id not in ids:
            continue
        values = {
            "year": [str(r.year)] if r.year else [],
            "office": r.offices,
            "kind": [r.kind],
            "type": [t for t in dict.fromkeys([r.doc_type, r.issued_type]) if t],
            "series": [r.wenhao.split("〔")[0]] if r.wenhao else [],
        }[field]
        counts.update(values)
    return dict(counts)


def test_facet_counts_match_the_records(searcher, records):
    result = searcher.search(parse_request({"q": "统计"}))
    ids = {r.id for r in records if "统计" in r.match_text}
    assert result.total == len(ids)
    for field in ("year", "office", "type", "kind", "series"):
        got = {v.value: v.count for v in result.facets[field]}
        assert got == expected_facet(records, ids, field), field


def test_a_facet_counts_under_the_other_filters_but_not_its_own(searcher, records):
    result = searcher.search(parse_request({"q": "统计", "year": "2023"}))
    ids_2023 = {r.id for r in records if "统计" in r.match_text and r.year == 2023}
    assert result.total == len(ids_2023)
    years = {v.value for v in result.facets["year"]}
    assert years == {"2022", "2023"}  # still offered, to select several
    assert {v.value: v.count for v in result.facets["kind"]} == expected_facet(records, ids_2023, "kind")


def test_year_office_type_kind_filters(hit_ids, records):
    assert set(hit_ids(year="2023", kind="document")) == {
        r.id for r in records if r.kind == "document" and r.year == 2023
    }
    joint = set(hit_ids(office="兴安军分区", kind="document"))
    assert joint == {"xslf-2022-1", "xslf-2023-3"}
    both = set(hit_ids(office=["兴安军分区", "兴安盟行政公署办公室"], kind="document"))
    assert both == joint | {r.id for r in records if r.kind == "document" and "兴安盟行政公署办公室" in r.offices}
    assert set(hit_ids(type="意见")) == {r.id for r in records if r.doc_type == "意见"}
    # a 印发 notice counts as the type of what it issues too: type=办法 finds the notices issuing 办法
    issuing = {r.id for r in records if r.issued_type == "办法"}
    assert issuing and any(r.kind == "document" and r.doc_type == "通知" for r in records if r.id in issuing)
    assert set(hit_ids(type="办法")) == issuing | {r.id for r in records if r.doc_type == "办法"}
    assert set(hit_ids(kind="chronicle")) == {r.id for r in records if r.kind == "chronicle"}


def test_document_date_range(hit_ids, records):
    got = set(hit_ids(kind="document", **{"from": "2022-03-01", "to": "2022-03-31"}))
    assert got == {"xsbf-2022-6", "xsbz-2022-8", "xsbz-2022-9"}
    assert got == {r.id for r in records if r.kind == "document" and r.date and "2022-03-01" <= r.date <= "2022-03-31"}


def test_chronicle_date_range_overlaps_multi_day_entries(hit_ids):
    got = hit_ids(kind="chronicle", **{"from": "2022-01-22", "to": "2022-01-22"})
    assert got == ["dsj-2022-01-19-1"]  # 1月19-25日 spans the day
    march = hit_ids(kind="chronicle", **{"from": "2022-03-01", "to": "2022-03-05"})
    assert "dsj-2022-02-28-1" in march  # 2月28日至3月6日


def test_sort_by_date_both_ways_and_paging(searcher):
    asc = searcher.search(parse_request({"kind": "document", "sort": "date", "size": "5"}))
    desc = searcher.search(parse_request({"kind": "document", "sort": "-date", "size": "100"}))
    dates = [h.date or "" for h in desc.hits]
    assert dates == sorted(dates, reverse=True)
    assert asc.total == desc.total == 12 and asc.pages == 3
    pages = [
        searcher.search(parse_request({"kind": "document", "sort": "date", "size": "5", "page": str(p)})).hits
        for p in (1, 2, 3)
    ]
    ids = [h.id for page in pages for h in page]
    assert len(ids) == len(set(ids)) == 12
    assert [h.date or "" for page in pages for h in page] == sorted(h.date or "" for page in pages for h in page)


def test_clause_hits_carry_document_and_path(searcher):
    result = searcher.search(parse_request({"q": "推进统计工作法治化", "kind": "clause"}))
    hit = result.hits[0]
    assert hit.doc_id == "xsf-2022-6" and hit.wenhao == "兴署发〔2022〕6号" and hit.date == "2022-01-04"
    assert hit.path.startswith("四、工作举措 › （一）推进统计工作法治化")
    assert hit.id == f"{hit.doc_id}#{hit.anchor}"


@pytest.mark.parametrize("term", ["统计", "医疗", "领导小组", "决策", "应急", "旅游"])
def test_a_document_whose_title_holds_the_term_ranks_first(searcher, records, term):
    """Among several matching documents, one whose title holds the term comes first."""
    result = searcher.search(parse_request({"q": term, "kind": "document", "size": "100"}))
    matching = {r.id for r in records if r.kind == "document" and normalize(term) in normalize(r.match_text)}
    titled = {r.id for r in records if r.kind == "document" and normalize(term) in normalize(r.title or "")}
    assert {h.id for h in result.hits} == matching
    assert titled and len(matching) > len(titled), f"{term}: the ranking must choose among documents"
    assert result.hits[0].id in titled


def test_undated_documents_are_a_year_value_and_said_outside_a_date_range(searcher, hit_ids, records):
    """A document that prints no 成文日期 counts under its 文号's year and under 未注明日期 (year=未注明日期
    finds exactly those); a date range leaves it out, and the result says how many it left out."""
    undated = {r.id for r in records if r.kind != "chronicle" and not r.date}
    assert undated, "the bundled corpus holds a document without a signing date"
    assert set(hit_ids(year="未注明日期")) == undated
    # 重大行政决策 is printed in the undated 2022 list of decisions and in dated documents
    in_range = searcher.search(parse_request({"q": "重大行政决策", "from": "2022-01-01", "to": "2023-12-31"}))
    left_out = set(hit_ids(q="重大行政决策", year="未注明日期"))
    assert left_out and left_out <= undated
    assert in_range.undated_outside == len(left_out)
    assert not left_out & set(hit_ids(q="重大行政决策", **{"from": "2022-01-01", "to": "2023-12-31"}))
    assert in_range.to_dict()["undated_outside"] == in_range.undated_outside
    assert searcher.search(parse_request({"q": "重大行政决策"})).undated_outside == 0  # no range, none left out
