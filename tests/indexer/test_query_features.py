"""The query language's features on the real corpus, each against what the records say."""

from __future__ import annotations

from collections import Counter

import pytest
from reference import evaluate, prepare

from analyzers.normalize import normalize
from corpus import BUNDLED_CORPUS
from corpus.wenhao import parse_wenhao
from indexer.api import SearchError, parse_request
from indexer.build import build_index
from indexer.querylang import parse_query
from indexer.service import GazetteSearch


@pytest.fixture(scope="module")
def reference(records):
    return prepare(records)


def ids(searcher, **params) -> set[str]:
    """The literal reading's hits (the tiers after it are labelled, and tested in test_tiers.py)."""
    hits = searcher.export(parse_request({**params, "sort": "date"}), cap=100_000)
    return {h.id for h in hits if h.match == "text"}


def containing(records, text) -> set[str]:
    return {r.id for r in records if normalize(text) in normalize(r.match_text)}


# -- the examples that used to answer 0 with status 200 ------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "兴安盟 AND 统计",
        "(医疗 OR 卫生) 统计",
        "统计 or 法治",
        "title:统计",
        "'应急响应'",
        "‘应急响应’",
        "统计 并且 企业",
        "医疗|卫生",
        "统计 不含 法治",
        "「应急响应」",
    ],
)
def test_queries_researchers_type_find_what_the_reference_finds(searcher, reference, query):
    expected = evaluate(parse_query(query), reference)
    assert expected and ids(searcher, q=query) == expected


def test_a_term_typed_a_hundred_times_is_one_term(searcher):
    once = searcher.search(parse_request({"q": "的"}))
    many = searcher.search(parse_request({"q": " ".join(["的"] * 99)}))
    assert many.total == once.total > 0


# -- traditional characters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("統計", "统计"),
        ("國務院", "国务院"),
        ("應急響應", "应急响应"),
        ("標題:統計", "标题:统计"),
        ("領導小組", "领导小组"),
    ],
)
def test_traditional_characters_find_the_simplified_text(searcher, records, traditional, simplified):
    got = ids(searcher, q=traditional)
    assert got and got == ids(searcher, q=simplified)
    if ":" not in simplified:
        assert got == containing(records, simplified)


def test_traditional_text_is_found_by_simplified_queries(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (BUNDLED_CORPUS / "000_50af7b231d7ea85e.txt").read_text(encoding="utf-8")
    (corpus / "issue.txt").write_text(text.replace("统计工作面临的新定位", "統計工作面臨的新定位"), encoding="utf-8")
    build_index(corpus, tmp_path / "index")
    searcher = GazetteSearch(tmp_path / "index")
    hits = [h for h in searcher.export(parse_request({"q": "统计工作面临", "kind": "document"})) if h.match == "text"]
    assert [h.id for h in hits] == ["xsf-2022-6"]
    marked = [piece for piece, is_mark in hits[0].snippet.parts() if is_mark]
    assert marked == ["統計工作面臨"]  # the text as printed is marked, not the folded form


# -- equivalent names -------------------------------------------------------------------------------


def test_short_and_full_names_are_searched_together(searcher, records):
    result = searcher.search(parse_request({"q": "科右前旗"}))
    assert result.also_searched == ["科尔沁右翼前旗"]
    full = searcher.search(parse_request({"q": "科尔沁右翼前旗"}))
    assert full.total == result.total == len(containing(records, "科右前旗")) > 0
    assert full.also_searched == ["科右前旗"]
    exact = searcher.search(parse_request({"q": "科尔沁右翼前旗", "exact": "1"}))
    assert exact.also_searched == [] and exact.total == len(containing(records, "科尔沁右翼前旗")) == 0


def test_the_league_seat_is_found_by_the_short_name_its_chronicle_prints(searcher, records):
    """The 大事记 writes 到乌市靠前指挥疫情防控 (乌市: 乌兰浩特市, the League's seat): 乌兰浩特 finds it, as its
    literal match, and the page says 乌市 was searched too; exact=1 keeps the text as typed."""
    result = searcher.search(parse_request({"q": "乌兰浩特 疫情", "size": "100"}))
    assert "乌市" in result.also_searched
    by_id = {r.id: r for r in records}
    short = [h for h in result.hits if "乌市" in by_id[h.id].match_text and "乌兰浩特" not in by_id[h.id].match_text]
    assert short and all(h.match == "text" for h in short)
    exact = searcher.search(parse_request({"q": "乌兰浩特 疫情", "exact": "1", "size": "100"}))
    assert not {h.id for h in short} & {h.id for h in exact.hits}


def test_a_league_body_typed_in_full_finds_it_printed_with_meng(searcher, records):
    """兴安盟统计局 is printed 盟统计局 throughout: typed in full it finds those records as literal matches (it
    was 未找到, then a fallback to 兴安盟 and 统计局 apart), and the page says 盟统计局 was searched too."""
    result = searcher.search(parse_request({"q": "兴安盟统计局", "size": "100"}))
    assert "盟统计局" in result.also_searched and result.notice is None
    by_id = {r.id: r for r in records}
    printed = {r.id for r in records if "盟统计局" in normalize(r.match_text)}
    assert printed and printed == {h.id for h in result.hits if h.match == "text"}
    assert all("盟统计局" in normalize(by_id[h.id].match_text) for h in result.hits)


@pytest.mark.parametrize(
    ("typed", "printed"), [("市监局", "市场监管局"), ("文旅局", "文旅体局"), ("退伍军人", "退役军人")]
)
def test_a_body_s_common_short_or_old_name_finds_it_as_printed(searcher, records, typed, printed):
    """市监局, 文旅局 (the League's is 文旅体局), 退伍军人 (退役军人 since the 2020 law): names researchers type
    that the documents print otherwise — every record printing the other form is a literal match (they
    answered nothing, or a fallback)."""
    result = searcher.search(parse_request({"q": typed, "size": "100"}))
    holding = {r.id for r in records if printed in normalize(r.match_text)}
    assert holding and holding <= {h.id for h in result.hits if h.match == "text"} and result.notice is None


def test_a_full_name_in_the_text_is_found_by_the_short_one(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (BUNDLED_CORPUS / "000_50af7b231d7ea85e.txt").read_text(encoding="utf-8")
    assert text.count("科右前旗、乌兰浩特市") == 1  # the line under (二) 重点区域 of xsbz-2022-9
    (corpus / "issue.txt").write_text(
        text.replace("科右前旗、乌兰浩特市", "科尔沁右翼前旗、乌兰浩特市"), encoding="utf-8"
    )
    build_index(corpus, tmp_path / "index")
    searcher = GazetteSearch(tmp_path / "index")
    full = ids(searcher, q="科尔沁右翼前旗", exact="1")
    assert "xsbz-2022-9#c2.2" in full and "xsbz-2022-9#c2.2" not in ids(searcher, q="科右前旗", exact="1")
    assert full < ids(searcher, q="科右前旗") == ids(searcher, q="科尔沁右翼前旗")


# -- fields, series, office, NEAR -------------------------------------------------------------------


def test_title_and_body_fields(searcher, records):
    docs = [r for r in records if r.kind == "document"]
    assert ids(searcher, q="标题:统计") == {r.id for r in docs if "统计" in normalize(r.title)}
    body = ids(searcher, q="正文:统计")
    assert body == {r.id for r in records if "统计" in normalize(r.text)}
    # 印发《 is printed in titles (关于印发《…》的通知), not in the bodies: a title alone is not the body
    title_only = ids(searcher, q="标题:印发《")
    assert title_only and not title_only & ids(searcher, q="正文:印发《")
    assert title_only <= ids(searcher, q="印发《")


def test_series_with_and_without_a_year(searcher, records):
    series = ids(searcher, q="文号:兴署办字")
    assert series == {r.id for r in records if (r.wenhao or "").startswith("兴署办字〔")}
    year = ids(searcher, q="文号:兴署办字〔2022〕")
    assert year and year <= series and all(i.startswith("xsbz-2022-") for i in year)
    assert ids(searcher, q="文号:兴署发〔2023〕") == {
        r.id for r in records if (r.wenhao or "").startswith("兴署发〔2023〕")
    }


@pytest.mark.parametrize(
    ("typed", "same"),
    [
        ("题名:统计", "标题:统计"),
        ("篇名:统计", "标题:统计"),
        ("发文字号:兴署办字", "文号:兴署办字"),
        ("发布部门:军分区", "发文机关:军分区"),
        ("制定机关:军分区", "发文机关:军分区"),
    ],
)
def test_a_field_named_as_law_databases_name_it_is_that_field(searcher, typed, same):
    """题名:, 发文字号:, 发布部门:, 制定机关: — the field names 北大法宝 and CNKI users learnt — are the fields they
    name (they were 400: not a known field)."""
    got = ids(searcher, q=typed)
    assert got and got == ids(searcher, q=same)


def test_office_field(searcher, records):
    assert ids(searcher, q="发文机关:军分区") == {r.id for r in records if "兴安军分区" in r.offices}


def test_near_counts_characters_either_way(searcher, records):
    close = ids(searcher, q="统计 NEAR/5 企业")
    far = ids(searcher, q="统计 NEAR/50 企业")
    both = ids(searcher, q="统计 企业")
    assert close and close < far <= both
    assert close == ids(searcher, q="企业 NEAR/5 统计")


@pytest.mark.parametrize("scope", ["sentence", "paragraph", "clause"])
def test_scopes_narrow_to_one_unit(searcher, reference, scope):
    tree = parse_query("统计 企业")
    got = ids(searcher, q="统计 企业", near=scope)
    assert got == evaluate(tree, reference, near=scope)
    assert got <= ids(searcher, q="统计 企业")


@pytest.mark.parametrize("scope", ["sentence", "paragraph", "clause"])
@pytest.mark.parametrize("query", ["现行有效", "领导小组名单", "有效期", "统计 有效期"])
def test_a_scope_beside_what_a_query_is_also_read_as(searcher, scope, query):
    """现行有效 or 领导小组名单 with 同句/同段/同条: what the query is also read as (the documents of that status,
    the rosters) is a fact of the record, as an office is, and the terms are held in one unit — it was a
    TypeError out of the reference matcher (an error page for the researcher)."""
    scoped = searcher.export(parse_request({"q": query, "near": scope}), cap=100_000)
    whole = {h.id for h in searcher.export(parse_request({"q": query}), cap=100_000)}
    assert {h.id for h in scoped} <= whole
    if " " not in query:  # one term or its reading: the records read so stay
        assert {h.id for h in scoped if h.match == "reading"} == {
            h.id for h in searcher.export(parse_request({"q": query}), cap=100_000) if h.match == "reading"
        }


def test_sentence_is_narrower_than_paragraph(searcher):
    sentence, paragraph = ids(searcher, q="统计 企业", near="sentence"), ids(searcher, q="统计 企业", near="paragraph")
    assert sentence < paragraph


@pytest.mark.parametrize(("word", "scope"), [("同句", "sentence"), ("同段", "paragraph"), ("同条", "clause")])
def test_a_scope_typed_between_terms_is_the_scope(searcher, reference, word, scope):
    """统计 同句 企业, as 北大法宝 users type it: both terms in one sentence (the 范围 chosen), not a third word
    no record holds; in quotes it stays text, and alone at an end it is a word."""
    typed = parse_request({"q": f"统计 {word} 企业"})
    assert typed == parse_request({"q": "统计 企业", "near": scope})
    got = ids(searcher, q=f"统计 {word} 企业")
    assert got and got == evaluate(parse_query("统计 企业"), reference, near=scope)
    assert parse_request({"q": f"“统计 {word} 企业”"}).near is None
    assert parse_request({"q": f"统计 {word}"}) == parse_request({"q": f"统计 {word}", "near": None})
    both = parse_request({"q": "统计 同段 企业 同句 法治"})
    assert (both.query, both.near) == ("统计 企业 法治", "sentence")  # the narrowest typed
    twice = parse_request({"q": "统计 同句 同段 企业"})
    assert (twice.query, twice.near) == ("统计 企业", "sentence")


def test_within_is_and(searcher):
    assert ids(searcher, q="统计", within=["企业", "-法治"]) == ids(searcher, q="统计 企业 -法治")
    with pytest.raises(SearchError) as info:
        searcher.search(parse_request({"q": "统计", "within": ["(企业"]}))
    assert info.value.param == "within" and "没有闭合" in info.value.message


# -- type, series facet, sort=wenhao --------------------------------------------------------------------


def test_type_counts_the_issued_documents_type(searcher, records):
    for kind in ("方案", "办法", "预案"):
        got = ids(searcher, type=kind)
        assert got == {r.id for r in records if kind in (r.doc_type, r.issued_type)}
        assert any(r.doc_type == "通知" for r in records if r.id in got), kind


def test_series_facet_and_filter(searcher, records):
    result = searcher.search(parse_request({"kind": "document"}))
    counts = Counter(r.wenhao.split("〔")[0] for r in records if r.kind == "document" and r.wenhao)
    assert {v.value: v.count for v in result.facets["series"]} == dict(counts)
    assert set(counts) == {"兴署发", "兴署办发", "兴署办字", "兴署联发"}
    assert ids(searcher, series="兴署联发", kind="document") == {"xslf-2022-1", "xslf-2023-3"}


def test_sort_by_wenhao(searcher, records):
    hits = searcher.search(parse_request({"kind": "document", "sort": "wenhao", "size": "100"})).hits
    keys = [(parse_wenhao(h.wenhao).year, parse_wenhao(h.wenhao).number) for h in hits if h.wenhao]
    assert len(keys) == len([r for r in records if r.kind == "document" and r.wenhao]) and keys == sorted(keys)
