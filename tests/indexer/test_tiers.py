"""Tiers, never a silent zero (indexer.tiers), readings of series and dates (indexer.understand) and
abbreviations (analyzers/abbreviations.txt), on the bundled corpus with each engine and on made-up text."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from analyzers.abbreviations import contains_form, is_guarded
from analyzers.aliases import other_forms
from analyzers.normalize import normalize
from analyzers.segment import dictionary_parts
from indexer.api import parse_request
from indexer.querylang import And, Dated, Or, Rosters, Series, Term, parse_query
from indexer.ranking import lists_members
from indexer.records import PATH_SEPARATOR
from indexer.service import _most_share
from indexer.tiers import (
    FEW,
    ContextIndex,
    Sources,
    asks_only,
    content_words,
    most_needed,
    most_tier,
    question_hints,
    relax,
    split,
    units,
    without_questions,
)
from indexer.understand import understand

TIER_RANK = {"text": 0, "reading": 0, "context": 0, "words": 1, "most": 2}


def search(searcher, **params):
    return searcher.search(parse_request({"size": "100", **params}))


def texts(records) -> dict[str, str]:
    return {r.id: normalize(r.match_text) for r in records}


def context_of(record) -> str:
    return normalize(record.context)


# -- never a silent zero ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("秸秆禁烧责任追究", ["秸秆禁烧", "责任", "追究"]),
        ("国有企业投资项目备案", ["国有企业", "投资", "项目", "备案"]),
    ],
)
def test_an_unspaced_phrase_the_text_words_otherwise_is_read_as_its_words(searcher, records, query, words):
    result = search(searcher, q=query)
    assert result.tiers[0] == {"kind": "text", "count": 0, "words": [], "need": 0}
    assert result.total > 0 and result.notice.startswith(f"未找到“{query}”；以下为同时包含 {'、'.join(words)} 的结果")
    by_id = {r.id: r for r in records}
    first = result.hits[0]
    assert first.match == "words"
    held = normalize(by_id[first.id].match_text) + normalize(by_id[first.id].context)
    assert all(w in held for w in words)  # every word, in the record's text or its context
    assert result.to_dict()["notice"] == result.notice and result.to_dict()["hits"][0]["match"] == "words"
    exact = search(searcher, q=query, exact="1")
    assert exact.total == 0 and len(exact.tiers) == 1
    assert exact.notice.startswith(f"未找到“{query}”（精确检索")  # said, never a silent zero


def test_the_answer_of_the_issue_comes_first(searcher):
    """秸秆禁烧责任追究: the clause with 强化责任追究 in the 秸秆禁烧 plan; 国有企业投资项目备案: 盟国资委实行备案管理."""
    assert search(searcher, q="秸秆禁烧责任追究").hits[0].id == "xsbz-2022-9#c4.2"
    assert search(searcher, q="国有企业投资项目备案").hits[0].id == "xsbf-2023-14#cch3.a12.2"


def test_relaxed_tiers_come_after_every_literal_match_and_only_when_it_finds_few(searcher):
    for query in ("热线 报警 联动", "招商引资 签约", "秸秆禁烧 约谈", "大学生参军奖励多少钱"):
        result = search(searcher, q=query)
        ranks = [TIER_RANK[h.match] for h in result.hits]
        assert ranks == sorted(ranks), query
        assert result.total == sum(t["count"] for t in result.tiers) == len(result.hits)
        literal = result.tiers[0]["count"] + sum(t["count"] for t in result.tiers if t["kind"] == "context")
        relaxed = [t for t in result.tiers if t["kind"] in ("words", "most")]
        assert not relaxed or literal < FEW, query
        assert result.total > result.tiers[0]["count"], f"{query}: the page is never left short silently"
    many = search(searcher, q="统计 工作")
    assert many.tiers[0]["count"] >= FEW and {t["kind"] for t in many.tiers} <= {"text", "context"}


def test_a_strict_and_of_three_words_that_finds_few_is_relaxed(searcher):
    """热线 报警 联动 found 3 records; the 12345/110 plan's clauses are many more."""
    result = search(searcher, q="热线 报警 联动")
    plan = [h for h in result.hits if h.doc_id == "xsbf-2023-18"]
    assert result.tiers[0]["count"] == 3 and len(plan) >= 12


def test_the_plan_a_question_is_about_comes_before_documents_holding_its_common_words(searcher):
    """哪些部门负责秸秆禁烧: the 秸秆禁烧 plan's measures (its title says 秸秆禁烧; they say 部门 or 负责 or
    neither) before the documents that only say 部门 and 负责; the notice says the rarer word sufficed."""
    result = search(searcher, q="哪些部门负责秸秆禁烧")
    assert [h.doc_id for h in result.hits[:6]] == ["xsbz-2022-9"] * 6
    assert "（或其中较少见的词）" in result.notice
    plan = [h for h in result.hits if h.doc_id == "xsbz-2022-9"]
    assert len(plan) >= 10


def test_a_word_no_record_holds_is_named_and_left_out_of_the_count(searcher):
    result = search(searcher, q="国企担保额度上限")
    most = next(t for t in result.tiers if t["kind"] == "most")
    assert "额度" not in most["words"] and "上限" not in most["words"]
    assert "额度、上限 未出现在任何记录中" in result.notice
    assert result.hits[0].doc_id == "xsbf-2023-14"


def test_a_query_whose_words_occur_never_gets_a_silent_zero(searcher):
    """国家统计局长: jieba reads 国家统计局 + 长 (a character alone is dropped), so 国家统计局 is searched,
    labelled; a compound jieba keeps whole and no record holds is read as the words inside it."""
    result = search(searcher, q="国家统计局长")
    assert result.tiers[0]["count"] == 0 and result.total > 0
    assert result.notice == "未找到“国家统计局长”；以下为包含 国家统计局 的结果"
    assert all(h.match == "words" for h in result.hits)
    bank = search(searcher, q="招商银行")  # no record holds it; 招商 and 银行 occur
    assert bank.total > 0 and "招商、银行" in bank.notice and bank.tiers[0]["count"] == 0
    assert search(searcher, q="招商银行", exact="1").total == 0


def test_fallback_tiers_are_for_relevance_only_and_never_with_exact(searcher):
    assert len(search(searcher, q="秸秆禁烧责任追究", sort="date").tiers) == 1
    assert len(search(searcher, q="秸秆禁烧责任追究", exact="1").tiers) == 1


# -- clause context ---------------------------------------------------------------------------------


def test_a_clause_is_found_with_its_documents_title_and_headings(searcher):
    """秸秆禁烧 重点时段 finds “（一）重点时段 2月1日—4月30日” of the 秸秆禁烧 plan, saying which term
    came from the context; 经济普查 标准时点 finds 普查标准时点 of the census notice."""
    hit = next(h for h in search(searcher, q="秸秆禁烧 重点时段").hits if h.id == "xsbz-2022-9#c2.1")
    assert hit.match == "context" and hit.context_terms == ["秸秆禁烧"]
    assert "xsf-2023-55#c3" in [h.id for h in search(searcher, q="经济普查 标准时点").hits[:3]]


def test_context_candidates_under_a_limit_are_all_of_them_or_more_than_the_limit(searcher):
    """The service has no use for more than CONTEXT_CANDIDATES candidates: the scan stops past them, and
    under them finds exactly what the unbounded scan does."""
    from indexer.tiers import context_candidates

    context = searcher._snapshot().context_index
    for query in ("兴安盟 工作", "秸秆禁烧 重点时段", "医疗废物 应急", "通知", "乡村振兴 OR 安置", "应急 -工作"):
        tree = parse_query(query)
        every = context_candidates(tree, context)
        assert every, query
        for limit in (0, 1, len(every) // 2, len(every) - 1, len(every), len(every) + 5):
            bounded = context_candidates(tree, context, limit)
            assert bounded <= every, (query, limit)
            assert bounded == every if len(every) <= limit else len(bounded) > limit, (query, limit)


def test_every_context_match_holds_its_terms_in_its_text_and_context(searcher, records):
    by_id = {r.id: r for r in records}
    for query in ("医疗废物 应急", "秸秆禁烧 重点时段", "热线 报警 联动", "非警务类诉求"):
        terms = [normalize(t) for t in query.split()]
        hits = [h for h in search(searcher, q=query).hits if h.match == "context"]
        assert hits, query
        for hit in hits:
            record = by_id[hit.id]
            own, context = normalize(record.match_text), context_of(record)
            assert record.kind == "clause"
            assert not all(t in own for t in terms)  # not a literal match
            assert all(t in own or t in context for t in terms)
            assert set(hit.context_terms) == {t for t in query.split() if normalize(t) not in own}


def test_a_clause_under_a_heading_that_holds_the_query_is_found(searcher):
    """非警务类诉求: the sixteen kinds listed under “一、12345 …应当受理的非警务类诉求”."""
    hits = search(searcher, q="非警务类诉求").hits
    listed = [h for h in hits if h.id.startswith("xsbf-2023-18#catt1.1.")]
    assert len(listed) == 16 and all(h.match == "context" for h in listed)


def test_a_relaxed_word_counts_in_a_heading_above_the_clause():
    """随调多久办完 on made-up records: the clause under “（一）随调” answers (its text says only 办理时限),
    not a clause of a document whose title alone holds 随调."""
    records = [
        SimpleNamespace(kind="document", doc_id="d1", title="随军家属安置办法", path="", heading="", id="d1"),
        SimpleNamespace(
            kind="clause", doc_id="d1", title="随军家属安置办法", path="（一）随调", heading="（一）随调", id="a"
        ),
        SimpleNamespace(
            kind="clause",
            doc_id="d1",
            title="随军家属安置办法",
            path=f"（一）随调{PATH_SEPARATOR}办理时限为6个月",
            heading="办理时限为6个月",
            id="b",
        ),
        SimpleNamespace(kind="document", doc_id="d2", title="随调工作通知", path="", heading="", id="d2"),
        SimpleNamespace(kind="clause", doc_id="d2", title="随调工作通知", path="其他事项", heading="其他事项", id="c"),
    ]
    texts = [
        "随军家属安置办法 （一）随调 办理时限为6个月",
        "（一）随调",
        "办理时限为6个月",
        "随调工作通知 其他事项",
        "其他事项",
    ]
    clauses_of = {"d1": [1, 2], "d2": [4]}
    context = ContextIndex(records, clauses_of)

    def own(node, within=None):
        return {o for o, t in enumerate(texts) if normalize(node.text) in normalize(t)} & (
            within if within is not None else set(range(len(texts)))
        )

    src = Sources(own, context, lambda _word: None, lambda node: node, set(range(len(texts))))
    found, words, need, absent, held, rare, _ = most_tier(parse_query("随调多久办完"), src, set(), FEW)
    assert words == ("随调",) and absent == ("办完",) and need == 1  # 多久 asks; 办完 is nowhere
    assert 2 in found and 4 not in found  # the heading above counts; a title alone does not


def test_a_clause_of_a_document_holding_every_word_comes_before_one_holding_a_word_alone():
    """The `most` tier: a clause keeps its score × its share of the words ⁴ × its document's share ²."""
    records = [
        SimpleNamespace(kind="document", doc_id="p"),
        SimpleNamespace(kind="clause", doc_id="p"),
        SimpleNamespace(kind="document", doc_id="n"),
        SimpleNamespace(kind="clause", doc_id="n"),
        SimpleNamespace(kind="chronicle", doc_id=None),
    ]
    snap = SimpleNamespace(records=records, ordinal_of={"p": 0, "n": 2})
    held = {0: 3.0, 1: 2.0, 2: 2.0, 3: 2.0, 4: 2.0}  # the plan holds all three words; the notice two
    top = max(held.values())
    assert _most_share(snap, held, 1, top) > _most_share(snap, held, 3, top)
    assert _most_share(snap, held, 3, top) == pytest.approx((2 / 3) ** 6)
    assert _most_share(snap, held, 4, top) == pytest.approx((2 / 3) ** 4)  # a 大事记 entry: its own share


def test_no_context_matches_with_exact_or_a_scope(searcher):
    for params in ({"q": "医疗废物 应急", "exact": "1"}, {"q": "医疗废物 应急", "near": "clause"}):
        assert {h.match for h in search(searcher, **params).hits} == {"text"}


# -- abbreviations and readings -------------------------------------------------------------------


def test_an_abbreviation_finds_what_it_stands_for_and_not_across_words(searcher, records):
    """国企 监管: 国有企业 is searched too (同时检索); 共和【国企】业 is not a hit of 国企."""
    result = search(searcher, q="国企 监管")
    assert "国有企业" in result.also_searched
    assert result.hits[0].doc_id == "xsbf-2023-14"
    across = "xsbf-2023-14#cch8.a36"  # 《中华人民共和国企业国有资产法》
    assert "国企" in normalize(next(r for r in records if r.id == across).text)
    assert across not in {h.id for h in search(searcher, q="国企").hits}
    assert across in {h.id for h in search(searcher, q="国企", exact="1").hits}  # exact: the substring


def test_guarded_forms_on_made_up_text():
    assert is_guarded("国企") and not is_guarded("国有企业")
    assert contains_form("国企", normalize("深化国企改革"))
    assert not contains_form("国企", normalize("中华人民共和国企业国有资产法"))
    assert not contains_form("人社", normalize("个人社保缴费"))
    assert contains_form("人社", normalize("个人社保缴费，由人社部门负责"))  # one uncut occurrence is enough
    assert contains_form("国有企业", normalize("共和国有企业"))  # a long form is never guarded
    assert other_forms("五经普") and "第五次全国经济普查" in other_forms("五经普")
    assert "国有企业" in other_forms("国企") and "国企" in other_forms("国有企业")


def test_more_abbreviations_either_way_on_made_up_text():
    assert "国开行" in other_forms("国家开发银行") and "国家开发银行" in other_forms("国开行")
    assert "碳达峰碳中和" in other_forms("双碳") and "双碳" in other_forms("碳达峰、碳中和")
    assert contains_form("央行", normalize("央行下调存款准备金率"))
    assert not contains_form("央行", normalize("中央行政机关"))  # 中央 / 行政
    assert "地区生产总值核算" in other_forms(normalize("GDP核算"))


def test_everyday_words_find_the_documents_words(searcher, records):
    """流浪狗 finds the 流浪犬 of the 12345/110 plan; 噪音 finds 噪声 (同时检索)."""
    assert "流浪犬投诉找谁" in other_forms(normalize("流浪狗投诉找谁"))
    result = search(searcher, q="流浪狗")
    by_id = {r.id: r for r in records}
    assert result.total and "流浪犬" in result.also_searched
    assert all("流浪犬" in normalize(by_id[h.id].match_text) for h in result.hits)


def test_a_year_typed_beside_words_finds_what_is_dated_then(searcher):
    result = search(searcher, q="2023年 通知")
    assert result.readings == [{"kind": "date", "typed": "2023年", "label": "2023年"}]
    assert result.hits[0].kind == "document" and result.hits[0].date.startswith("2023")


def test_a_query_asking_for_a_bodys_members_is_also_read_as_its_roster(searcher):
    """GDP核算专项工作组成员: the roster printed 组　长：…, which says neither 成员 nor 名单, comes first."""
    result = search(searcher, q="GDP核算专项工作组成员")
    assert result.readings == [{"kind": "roster", "typed": "GDP核算专项工作组成员", "label": "GDP核算专项工作组 名单"}]
    assert result.hits[0].id == "xsf-2022-6#catt1.1"
    assert search(searcher, q="阿尔山 国家级旅游度假区 领导小组成员").hits[0].id == "xsbz-2022-8#c1"
    assert "xsbf-2022-3#c2.2" in [h.id for h in search(searcher, q="医疗废物应急响应领导小组组成").hits[:3]]
    exact = search(searcher, q="GDP核算专项工作组成员", exact="1")
    assert exact.total == 0 and not exact.readings


def test_a_series_typed_with_a_plain_year_is_that_series_and_year(searcher):
    result = search(searcher, q="兴署办发 2022")
    assert result.readings == [{"kind": "series", "typed": "兴署办发 2022", "label": "文号 兴署办发〔2022〕"}]
    documents = [h for h in result.hits if h.kind == "document"]
    assert {h.id for h in documents} == {"xsbf-2022-3", "xsbf-2022-6"}
    assert [h.kind for h in result.hits[:2]] == ["document", "document"]  # before their clauses
    assert all(h.wenhao.startswith("兴署办发〔2022〕") for h in result.hits)
    assert {h.match for h in result.hits} == {"reading"}  # no record holds the text 兴署办发 and 2022
    assert [t["kind"] for t in result.tiers] == ["text", "reading"] and result.tiers[0]["count"] == 0
    assert search(searcher, q="兴署办发 2022", exact="1").total == 0


def test_a_series_field_ranks_documents_above_their_clauses(searcher):
    hits = search(searcher, q="文号:兴署办字〔2022〕").hits
    kinds = [h.kind for h in hits]
    assert kinds[:3] == ["document"] * 3 and "document" not in kinds[3:]


def test_a_date_typed_as_text_finds_the_entries_and_documents_of_that_date(searcher, records):
    result = search(searcher, q="2022年3月")
    assert result.readings == [{"kind": "date", "typed": "2022年3月", "label": "2022年3月"}]
    march = {r.id for r in records if r.kind in ("chronicle", "document") and (r.date or "").startswith("2022-03")}
    got = {h.id for h in result.hits}
    assert march <= got
    assert result.hits[0].kind == "chronicle"  # what happened that month, then what was issued
    by_id = {r.id: r for r in records}
    for h in result.hits:  # a record holding the text 2022年3月 is a text match, the others the date's
        assert (h.match == "text") == ("2022年3月" in normalize(by_id[h.id].match_text))
    day = search(searcher, q="3月15日", year="2022")
    assert day.readings and day.readings[0]["label"] == "2022年3月15日"
    assert "dsj-2022-03-15-1" in {h.id for h in day.hits}
    assert not search(searcher, q="3月15日").readings  # no year: the text alone


@pytest.mark.parametrize("typed", ["二〇二二年三月", "二○二二年三月", "2022.3", "2022-03"])
def test_a_date_typed_as_documents_print_it_is_the_same_date(searcher, typed):
    """A 成文日期 is printed in Chinese numerals (二〇二二年三月十五日): typed so, or as 2022.3 / eight digits,
    it finds what 2022年3月 finds, labelled with what was typed."""
    arabic = {h.id for h in search(searcher, q="2022年3月").hits}
    result = search(searcher, q=typed)
    assert result.readings[0]["typed"] == typed and result.readings[0]["label"] == "2022年3月"
    assert {h.id for h in result.hits if h.match != "text"} <= arabic and len(result.hits) > 0
    day = search(searcher, q="二〇二二年三月十五日")
    assert "dsj-2022-03-15-1" in {h.id for h in day.hits}
    assert "dsj-2022-03-15-1" in {h.id for h in search(searcher, q="20220315").hits}


@pytest.mark.parametrize("typed", ["二〇二二年", "二○二二年"])
def test_a_year_typed_in_chinese_numerals_is_that_year(searcher, typed):
    """二〇二二年, the year as a 成文日期 prints it, typed alone: what 2022年 finds, labelled with what was typed
    (it answered nothing); 二二年 is not a year."""
    arabic = {h.id for h in search(searcher, q="2022年").hits}
    result = search(searcher, q=typed)
    assert result.readings == [{"kind": "date", "typed": typed, "label": "2022年"}]
    assert result.total > 0 and {h.id for h in result.hits} == arabic
    assert search(searcher, q="二二年").readings == []


def _holding(records, word: str, low: str = "0001-01-01", high: str = "9999-12-31") -> set[str]:
    """The reference: every document, clause and 大事记 entry dated within [low, high] holding `word`."""
    return {r.id for r in records if r.date and low <= r.date <= high and normalize(word) in normalize(r.match_text)}


@pytest.mark.parametrize(
    ("typed", "word", "low", "high", "label"),
    [
        ("2023年以后", "领导小组", "2023-01-01", "9999-12-31", "2023年起"),
        ("2023年以来", "领导小组", "2023-01-01", "9999-12-31", "2023年起"),
        ("2022年2月以后", "招商引资", "2022-02-01", "9999-12-31", "2022年2月起"),
        ("2022年3月之前", "盟长办公会", "0001-01-01", "2022-02-28", "2022年3月以前（至2022年2月28日）"),
        ("2022年3月15日以前", "疫情防控", "0001-01-01", "2022-03-14", "2022年3月15日以前（至2022年3月14日）"),
        ("2022年为止", "随军家属", "0001-01-01", "2022-12-31", "2022年为止"),
    ],
)
def test_a_date_typed_with_a_bound_is_the_span_it_bounds(searcher, records, typed, word, low, high, label):
    """2023年以后 领导小组: every record dated from then on holding 领导小组 — documents, their clauses and 大事记
    entries — and nothing dated before, even when the words find few (the relaxed tiers keep the bound); a chip
    names the span; exact=1 reads the text only."""
    result = search(searcher, q=f"{typed} {word}")
    assert result.readings == [{"kind": "date", "typed": typed, "label": label}]
    wanted = _holding(records, word, low, high)
    assert wanted and {h.id for h in result.hits if h.match in ("text", "reading")} == wanted
    dated = {r.id: r.date for r in records}  # the relaxed tiers (parts of the words) stay within the span too
    assert all(low <= (dated[h.id] or "") <= high for h in result.hits)
    exact = search(searcher, q=f"{typed} {word}", exact="1")
    assert not exact.readings and {h.id for h in exact.hits} <= {h.id for h in result.hits}


def test_a_year_field_keeps_the_records_dated_in_those_years(searcher, records):
    """年份:2023 领导小组 — as 北大法宝's 发布年份 narrows a search: the records of 2023 holding the word (clauses by
    their document's date); 年份:2021-2023 a range; with exact=1 too (it is typed, not a reading)."""
    for params, low, high in (
        ({"q": "年份:2023 领导小组"}, "2023-01-01", "2023-12-31"),
        ({"q": "领导小组 年份:2021-2022"}, "2021-01-01", "2022-12-31"),
        ({"q": "年份:2023 领导小组", "exact": "1"}, "2023-01-01", "2023-12-31"),
    ):
        got = {h.id for h in search(searcher, **params).hits}
        assert got and got == _holding(records, "领导小组", low, high), params
    assert {h.id for h in search(searcher, q="-年份:2022 领导小组").hits} == _holding(records, "领导小组", "2023-01-01")
    empty = search(searcher, q="年份:1990 领导小组")
    assert empty.total == 0 and empty.notice.startswith("未找到“年份:1990 领导小组”")


def test_a_plus_between_two_words_finds_what_both_find(searcher):
    assert [h.id for h in search(searcher, q="秸秆+禁烧").hits] == [h.id for h in search(searcher, q="秸秆 禁烧").hits]
    assert search(searcher, q="秸秆+禁烧").total > 0


def test_a_plus_ending_a_term_is_found_as_printed(searcher, records):
    """互联网+ (the State Council's 互联网+ 行动, printed so in the bundled issues): the records holding it as a
    substring scan finds them, not a 400 asking for a term after the +."""
    result = search(searcher, q="互联网+")
    scan = {r.id for r in records if "互联网+" in normalize(r.match_text)}
    assert scan and {h.id for h in result.hits if h.match == "text"} == scan


@pytest.mark.parametrize(
    "params", [{"q": "十十月"}, {"q": "xyzzy"}, {"q": "统计", "year": "1990"}, {"q": "xyzzy", "exact": "1"}]
)
def test_a_query_nothing_answers_is_told_so_in_chinese(searcher, params):
    """No silent zero: whatever was tried, an empty answer comes with a notice that names the query."""
    result = search(searcher, **params)
    assert result.total == 0
    assert result.notice and result.notice.startswith(f"未找到“{params['q']}”")
    assert ("筛选" in result.notice) == ("year" in params)


# -- the pieces on made-up input -------------------------------------------------------------------


def test_understanding_on_made_up_series_and_dates():
    series = {"甲署发", "甲署办字"}
    tree, readings = understand(parse_query("甲署发 2021 应急"), series)
    assert tree == And((Or((And((Term("甲署发"), Term("2021"))), Series("甲署发", 2021))), Term("应急")))
    assert [r.label for r in readings] == ["文号 甲署发〔2021〕"]
    assert understand(parse_query("乙署发 2021"), series)[1] == []  # not a series the index holds
    assert understand(parse_query('"甲署发" 2021'), series)[1] == []  # quoted: literal
    tree, readings = understand(parse_query("2021年2月"), series)
    assert tree == Or((Term("2021年2月"), Dated("2021-02-01", "2021-02-28", "2021年2月")))
    assert understand(parse_query("2021年13月"), series)[1] == []
    tree, readings = understand(parse_query("二〇二一年二月"), series)
    assert tree == Or((Term("二〇二一年二月"), Or((Term("2021年2月"), Dated("2021-02-01", "2021-02-28", "2021年2月")))))
    assert [(r.typed, r.label) for r in readings] == [("二〇二一年二月", "2021年2月")]
    assert [r.label for r in understand(parse_query("20210229"), series)[1]] == []  # no such day
    assert [r.label for r in understand(parse_query("二〇二一年元月五日"), series)[1]] == ["2021年1月5日"]
    assert understand(parse_query("一月"), series)[1] == []  # a month alone is a word of the text
    assert understand(parse_query("2月30日"), series, 2021)[1] == []
    tree, _ = understand(parse_query("2020 2月29日"), series)
    assert isinstance(tree, Or) and Dated("2020-02-29", "2020-02-29", "2020年2月29日") in tree.children


def test_a_year_typed_with_nian_is_also_what_is_dated_that_year():
    year = Dated("1996-01-01", "1996-12-31", "1996年")
    tree, readings = understand(parse_query("1996年 通知"), set())
    assert tree == And((Or((Term("1996年"), year)), Term("通知")))
    assert [(r.kind, r.label) for r in readings] == [("date", "1996年")]
    assert understand(parse_query("1996 通知"), set())[1] == []  # bare: a number
    tree, _ = understand(parse_query("甲署发 1996年"), {"甲署发"})
    assert tree == Or((And((Term("甲署发"), Term("1996年"))), Series("甲署发", 1996)))  # the series took it


def test_question_hints_on_made_up_questions():
    assert "时限" in question_hints("随军家属随调多久办完")
    assert "元" in question_hints("大学生参军奖励多少钱")
    assert "负责" in question_hints("流浪犬投诉找谁")
    assert question_hints("秸秆禁烧 重点时段") == []


def test_roster_readings_on_made_up_queries():
    rosters = frozenset({3, 7})
    tree, readings = understand(parse_query("甲工作组成员"), set(), None, lambda: rosters)
    assert tree == Or((Term("甲工作组成员"), And((Term("甲工作组"), Rosters(rosters)))))
    assert readings[0].kind == "roster" and readings[0].label == "甲工作组 名单"
    tree, _ = understand(parse_query("领导小组 名单"), set(), None, lambda: rosters)
    assert tree == And((Term("领导小组"), Or((Term("名单"), Rosters(rosters)))))
    for literal in ("成员单位职责", "成员", '"甲工作组成员"'):
        assert understand(parse_query(literal), set(), None, lambda: rosters)[1] == [], literal
    member_list = SimpleNamespace(kind="clause", persons=[])
    assert lists_members(member_list, normalize("（二）应急响应领导小组 组　长：盟行署分管副盟长"))
    assert not lists_members(member_list, normalize("领导小组组长由盟长担任"))
    named = SimpleNamespace(kind="clause", persons=["甲", "乙", "丙", "丁", "戊"])
    assert lists_members(named, "")


def test_a_compound_no_record_holds_is_read_as_the_words_inside_it():
    assert dictionary_parts("国家开发银行") == ["国家", "开发", "银行"]
    assert dictionary_parts("中华人民共和国") == ["中华", "人民", "共和国"]  # none overlapping
    assert dictionary_parts("双碳") == []
    assert split(Term("国家开发银行"), known=lambda _word: False) == ["国家", "开发", "银行"]
    assert split(Term("国家开发银行"), known=lambda _word: True) == ["国家开发银行"]
    assert split(Term("国家统计局长")) == ["国家统计局"]
    assert relax(Term("国家统计局长")) == Term("国家统计局")
    assert content_words("随调多久办完") == ["随调", "办完"]  # 多久 asks
    assert split(Term("GDP核算专项")) == ["GDP", "核算", "专项"]  # the notice names the words as typed


def test_relaxing_on_made_up_phrases():
    assert content_words("秸秆禁烧约谈") == ["秸秆禁烧", "约谈"]  # 约 谈: one word
    assert content_words("哪些部门负责秸秆禁烧") == ["部门", "负责", "秸秆禁烧"]  # the question word goes
    assert relax(Term("统计")) == Term("统计")
    assert relax(Term("统计", phrase=True)) == Term("统计", phrase=True)  # quoted: literal
    words, excluded = units(parse_query("秸秆禁烧约谈 -宣传"))
    assert [w.text for w in words] == ["秸秆禁烧", "约谈"] and excluded == [Term("宣传")]
    assert units(parse_query("统计 OR 企业")) is None
    assert [most_needed(n) for n in (2, 3, 4, 5)] == [1, 2, 3, 3]


def test_a_term_typed_beside_others_that_the_text_holds_keeps_its_characters(searcher, records):
    """大统计 经费保障: 大统计 is held as typed, so the relaxed tiers search 大统计 (the 大统计 opinion), not
    统计 (every statistics clause) — and each of their hits holds 大统计 in its text or its context."""
    result = search(searcher, q="大统计 经费保障")
    relaxed = [t for t in result.tiers if t["kind"] in ("words", "most")]
    assert relaxed and all("大统计" in t["words"] and "统计" not in t["words"] for t in relaxed)
    assert "大统计" in result.notice
    by_id = {r.id: r for r in records}
    for hit in result.hits:
        if hit.match == "words":
            record = by_id[hit.id]
            assert "大统计" in normalize(record.match_text) + context_of(record), hit.id


@pytest.mark.parametrize(
    ("typed", "left"),
    [("经济普查什么时候开始", "时候"), ("普查数据会不会泄露", "不会"), ("商贸物流要建哪几个体系", "几个")],
)
def test_a_question_word_is_taken_out_whole_not_half_left_as_a_word(searcher, typed, left):
    """jieba cuts 什么时候 into 什么 / 时候 and 会不会 into 会 / 不会: the question is taken out before the cut, so
    no half of it is searched, counted or said to be absent (未出现在任何记录中)."""
    assert left not in content_words(typed)
    result = search(searcher, q=typed)
    assert result.total > 0 and left not in result.notice.split("”", 1)[1]  # past the query quoted
    assert all(left not in t["words"] for t in result.tiers)


@pytest.mark.parametrize("typed", ["任何时候", "任何时候不得", "许多大型企业", "众多少数民族", "十几年来"])
def test_a_question_word_that_the_text_s_words_cut_across_is_no_question(typed):
    """任何时候 is 任何 / 时候 (no 何时), 许多大型 is 许多 / 大型 (no 多大), 众多少数民族 no 多少, 十几年来 no 几年:
    the question words inside them are read across words, so nothing is taken out — they were, which left
    任 / 候 to rank by, 企业 alone to relax 许多大型企业 to, and 任何时候 typed apart a question to leave out."""
    assert without_questions(typed) == typed
    assert "".join(content_words(typed)) == typed  # every character in a word of it
    assert not asks_only(Term(typed))
    # the questions themselves are still taken out, whole, and a word a question begins or ends (多少钱, 干什么)
    # leaves its rest
    assert without_questions("经济普查什么时候开始").split() == ["经济普查", "开始"]
    assert without_questions("大学生参军奖励多少钱").split() == ["大学生参军奖励", "钱"]
    assert without_questions("公安在医废应急中干什么").split() == ["公安在医废应急中干"]
    assert asks_only(Term("发多少")) and asks_only(Term("什么时候"))


@pytest.mark.parametrize("typed", ["随军家属 生活补贴 发多少", "大学生 入伍奖励金 给多少"])
def test_a_question_typed_apart_with_a_character_beside_it_asks_and_is_no_word(searcher, records, typed):
    """发多少, 给多少: a question with one character beside it, typed apart — no word to find (it was counted as
    a word no record holds, and the others had to be held only one of them); the words typed beside it are
    searched all together first."""
    result = search(searcher, q=typed)
    asked = typed.split()[-1]
    assert asked not in result.notice.split("”", 1)[1] and all(asked not in t["words"] for t in result.tiers)
    words = result.tiers[1]
    assert words["kind"] == "words" and words["words"] == [w for w in typed.split()[:-1] for w in content_words(w)]
    by_id = {r.id: r for r in records}
    first = normalize(by_id[result.hits[0].id].match_text)
    assert all(w in first for w in words["words"])


def test_splitting_keeps_a_held_term_whole_only_beside_other_terms():
    held = {"双随机", "政务新媒体", "随机", "政务", "媒体"}.__contains__
    assert split(Term("双随机"), known=held, whole=True) == ["双随机"]
    assert split(Term("政务新媒体"), known=held, whole=True) == ["政务新媒体"]
    assert split(Term("双随机"), known=held) == ["随机"]  # typed alone: its words add to its literal hits
    assert split(Term("国家统计局长"), known=lambda w: w == "国家统计局", whole=True) == ["国家统计局"]  # not held
    assert split(Term("哪些部门负责秸秆禁烧"), known=lambda _w: True, whole=True) == ["部门", "负责", "秸秆禁烧"]
    words, _ = units(parse_query("双随机 抽查比例怎么定"), held, whole=True)
    assert [w.text for w in words] == ["双随机", "抽查", "比例"]


def test_a_full_name_the_text_prints_short_stays_one_word_of_the_relaxed_tiers(searcher, records):
    """住房和城乡建设局 is printed 盟住建局 (an equivalent name): beside words the text has apart, the relaxed tiers
    search it whole with its short form — not 住房、城乡、建设局, which no record holds together — and find the
    clause that puts the leading group's office in 盟住建局."""
    result = search(searcher, q="住房和城乡建设局 领导小组办公室")
    relaxed = [t for t in result.tiers if t["kind"] in ("words", "most")]
    assert relaxed and all(t["words"][0] == "住房和城乡建设局" and "建设局" not in t["words"] for t in relaxed)
    assert "未出现在任何记录中" not in result.notice
    by_id = {r.id: r for r in records}
    first = next(by_id[h.id] for h in result.hits if h.match == "words")
    held = normalize(first.match_text)
    assert "住建局" in held and "领导小组" in held and "办公室" in held, first.id


def test_a_word_no_record_holds_is_searched_by_the_word_it_begins_with(searcher, records):
    """用电量 is printed nowhere (the text says 全盟用电情况): alone it finds what says 用电, labelled, not
    nothing; asked about, the clause sending the power figures to 统计局 is among the first."""
    alone = search(searcher, q="用电量")
    assert alone.total > 0 and alone.notice == "未找到“用电量”；以下为包含 用电 的结果"
    by_id = {r.id: r for r in records}
    assert all("用电" in normalize(by_id[h.id].match_text) for h in alone.hits)
    asked = search(searcher, q="用电量数据由谁提供给统计局")
    assert "用电" in asked.tiers[1]["words"]
    top = [normalize(by_id[h.id].match_text) for h in asked.hits[:3]]
    assert any("用电情况" in t and "统计局" in t for t in top)


def test_splitting_reads_an_unheld_word_by_a_held_word_at_its_edge():
    held = {"用电", "电量", "情况"}.__contains__
    assert split(Term("用电量"), known=held) == ["用电"]  # the longer edge; the start before the end
    assert split(Term("用电量"), known={"电量"}.__contains__) == ["电量"]
    assert split(Term("用电量"), known=lambda _w: False) == ["用电量"]  # nothing held: itself
    assert split(Term("用电量"), known=lambda w: w == "用电量") == ["用电量"]  # held as typed: kept


def test_a_role_asked_of_a_body_is_read_as_its_roster(searcher, records):
    """…领导小组组长是谁 asks for the roster (组　长：… under 一、组成人员), which never says 是谁."""
    result = search(searcher, q="阿尔山旅游度假区领导小组组长是谁")
    assert result.readings == [
        {"kind": "roster", "typed": "阿尔山旅游度假区领导小组组长是谁", "label": "阿尔山旅游度假区领导小组 名单"}
    ]
    by_id = {r.id: r for r in records}
    top = [by_id[h.id] for h in result.hits[:2]]  # the roster, and the notice setting the body up
    assert any(r.kind == "clause" and lists_members(r, normalize(r.match_text)) for r in top)
    assert all("阿尔山" in r.title and "领导小组" in r.title for r in top)
    assert all("是谁" not in t["words"] for t in result.tiers)  # the question asks, it is no word to find


def test_role_and_question_readings_on_made_up_queries():
    rosters = frozenset({3, 7})
    for typed in ("甲工作组组长是谁", "甲工作组副组长", "甲工作组成员有哪些", "甲工作组的组成人员都有谁"):
        tree, readings = understand(parse_query(typed), set(), None, lambda: rosters)
        assert tree == Or((Term(typed), And((Term("甲工作组"), Rosters(rosters))))), typed
        assert readings[0].label == "甲工作组 名单"
    # a role typed apart is a word (领导小组 组长 盟长: who chairs), not a request for every roster
    assert understand(parse_query("领导小组 组长 盟长"), set(), None, lambda: rosters)[1] == []


@pytest.mark.parametrize("typed", ["兴署发第55号", "兴署发55号", "兴署发 第55号", "兴署发 55号"])
def test_a_wenhao_typed_without_its_year_is_that_number_of_the_series(searcher, typed):
    """兴署发第55号 (the year left out, as people cite a number they remember): the series' number 55 of every
    year the index holds — here 兴署发〔2023〕55号 —, said on a chip, first as if typed in full; it was
    answered with nothing. A number the series does not hold is not read so."""
    result = search(searcher, q=typed)
    assert result.readings == [{"kind": "wenhao", "typed": typed, "label": "文号 兴署发〔2023〕55号"}]
    full = search(searcher, q="兴署发〔2023〕55号")
    assert result.hits[0].id == full.hits[0].id and {h.id for h in full.hits} <= {h.id for h in result.hits}
    assert search(searcher, q=typed, exact="1").total == 0
    assert search(searcher, q="兴署发第99号").readings == []


@pytest.mark.parametrize("typed", ["自治区政府令第248号", "内蒙古自治区人民政府令第248号", "自治区政府令第 248 号"])
def test_an_order_number_typed_with_its_issuer_shortened_or_in_full_finds_where_it_is_cited(searcher, records, typed):
    """The 2022 decision list cites 《内蒙古自治区重大行政决策程序规定》（自治区人民政府令第 248 号）: typed with the
    issuer cited short (政府令 for 人民政府令) or with its place, it is that 令 number, said on a chip — it was
    answered with nothing. An issuer that is not the one printed (省政府令) is not read so."""
    result = search(searcher, q=typed)
    assert result.readings == [{"kind": "wenhao", "typed": typed, "label": "文号 自治区人民政府令第248号"}]
    by_id = {r.id: r for r in records}
    cited = [h for h in result.hits if "自治区人民政府令第248号" in normalize(by_id[h.id].match_text)]
    assert cited and result.hits[0] == cited[0]
    if " " not in typed:  # typed in one piece: that number only (typed in pieces, fewer than ten: the words too)
        assert result.notice is None and len(cited) == len(result.hits)
    assert search(searcher, q=typed, exact="1").total == 0
    assert search(searcher, q="省政府令第248号").readings == []


def test_same_issuer_of_order_numbers():
    from indexer.understand import same_issuer

    assert same_issuer("自治区人民政府令", "自治区政府令")
    assert same_issuer("内蒙古自治区人民政府令", "自治区人民政府令")
    assert same_issuer("山东省人民政府令", "省政府令")
    assert not same_issuer("山东省人民政府令", "自治区政府令")
    assert not same_issuer("商务部令", "部令")  # too short to name one issuer


@pytest.mark.parametrize("typed", ["兴署发 2023 55", "兴署发2023 55号", "兴署发〔2023〕第55号", "兴署发2023-55"])
def test_a_wenhao_typed_loosely_is_that_wenhao(searcher, typed):
    """A 文号 typed in pieces or with a dash or 第 finds that document first, as the 文号 typed in full does,
    and the page says how it was read."""
    from corpus.wenhao import parse_wenhao

    result = search(searcher, q=typed)
    printed = parse_wenhao(typed)  # 〔2023〕第55号 is how 通告 number themselves: a 文号 as printed, read as typed
    if printed is not None:
        assert printed.canonical == "兴署发〔2023〕55号" and result.readings == []
    else:
        assert result.readings == [{"kind": "wenhao", "typed": typed, "label": "文号 兴署发〔2023〕55号"}]
    full = search(searcher, q="兴署发〔2023〕55号")
    assert result.hits[0].id == full.hits[0].id and result.hits[0].wenhao == "兴署发〔2023〕55号"
    assert {h.id for h in full.hits} <= {h.id for h in result.hits}
    assert search(searcher, q=typed, exact="1").readings == []


def test_loose_wenhao_readings_on_made_up_queries():
    series = {"甲办发"}
    tree, readings = understand(parse_query("甲办发 2021 7 统计"), series)
    assert readings[0].kind == "wenhao" and readings[0].label == "文号 甲办发〔2021〕7号"
    wenhao = next(t for t in tree.children[0].children if isinstance(t, Term))  # type: ignore[union-attr]
    assert wenhao.wenhao is not None and wenhao.wenhao.canonical == "甲办发〔2021〕7号"
    assert tree.children[1] == Term("统计")  # type: ignore[union-attr]
    assert understand(parse_query("甲办发2021-7号"), series)[1][0].label == "文号 甲办发〔2021〕7号"
    # not a series the index holds, or no number: left alone (甲办发 2021 is the series and year)
    assert understand(parse_query("乙办发 2021 7"), series)[1] == []
    assert [r.kind for r in understand(parse_query("甲办发 2021"), series)[1]] == ["series"]


def test_a_question_word_typed_apart_is_not_a_word_to_find(searcher):
    """随军家属 生活补贴 多少: 多少 asks (its hints, 元 and 标准, still rank); the relaxed tiers search the
    other words, and never say 多少 is in no record."""
    result = search(searcher, q="随军家属 生活补贴 多少")
    relaxed = [t for t in result.tiers if t["kind"] in ("words", "most")]
    assert relaxed and all("多少" not in t["words"] for t in relaxed)
    assert "多少 未出现" not in result.notice and "600 元" in result.hits[0].snippet.text
    assert units(parse_query("统计 多久")) is None  # one word left: nothing to count
    assert relax(parse_query("统计 企业 多久")) == And((Term("统计"), Term("企业")))


def test_a_relaxed_word_counts_inside_a_longer_word_but_never_across_two(searcher, records):
    """The relaxed tiers count a word where a record holds it as a word or inside a longer one (军分区 in
    兴安军分区, as the ranking scores it), never where two words merely meet (组成 of 工作组/成员)."""
    from analyzers.segment import cut_words

    snap = searcher._today()
    by_ordinal = {o: r for o, r in enumerate(snap.records)}
    # a record's own words: its text, and a document's title (a clause's is its context)
    texts_of = {
        r.id: normalize(r.match_text) + ("\x01" + normalize(r.title or "") if r.kind == "document" else "")
        for r in records
    }
    for word in ("军分区", "组成", "乡村"):
        own, _ = snap.ranker.holders(word)
        holding = {i for i, t in texts_of.items() if word in t}
        found = {by_ordinal[o].id for o in own}
        assert found <= holding, word
        inside = {i for i in holding if any(word in w for w, _, _ in cut_words(texts_of[i]))}
        assert inside <= found, (word, sorted(inside - found)[:3])
    # and some hold 军分区 only inside 兴安军分区: counted now, left out when only whole words counted
    own, _ = snap.ranker.holders("军分区")
    assert any("军分区" not in [w for w, _, _ in cut_words(texts_of[by_ordinal[o].id])] for o in own)


def test_a_date_typed_beside_words_is_one_unit_of_the_relaxed_count(searcher):
    """2022年3月 秸秆: when few records hold both, the records counted are those dated March 2022 and those
    holding 秸秆 — never 2022 and 年3月 as words."""
    result = search(searcher, q="2022年3月 秸秆")
    most = next(t for t in result.tiers if t["kind"] == "most")
    assert most["words"] == ["2022年3月", "秸秆"]
    for hit in result.hits:
        if hit.match == "most" and "秸秆" not in hit.snippet.text and hit.kind == "chronicle":
            assert hit.date <= "2022-03-31" and (hit.end_date or hit.date) >= "2022-03-01", hit.id  # overlapping


@pytest.mark.parametrize(
    ("typed", "low", "high"),
    [
        ("2022年第一季度", "2022-01-01", "2022-03-31"),
        ("2022 一季度", "2022-01-01", "2022-03-31"),
        ("2022年上半年", "2022-01-01", "2022-06-30"),
    ],
)
def test_a_quarter_or_half_year_typed_as_text_is_its_months(searcher, typed, low, high):
    result = search(searcher, q=typed)
    assert [r["kind"] for r in result.readings] == ["date"]
    assert result.hits and all(low <= h.date <= high for h in result.hits)
    assert any(h.kind == "chronicle" for h in result.hits)
    assert search(searcher, q="一季度").readings == []  # no year typed or chosen: the word of the text


def test_quarter_readings_on_made_up_queries():
    tree, readings = understand(parse_query("2021年第三季度"), set())
    assert tree == Or((Term("2021年第三季度"), Dated("2021-07-01", "2021-09-30", "2021年第三季度")))
    assert understand(parse_query("下半年"), set(), 2020)[0] == Or(
        (Term("下半年"), Dated("2020-07-01", "2020-12-31", "2020年下半年"))
    )
    assert understand(parse_query("下半年"), set())[1] == []


def test_a_short_form_jieba_cuts_apart_is_one_word_of_a_relaxed_phrase():
    """自创区 (国家自主创新示范区, analyzers/abbreviations.txt) is cut 自创 / 区 by jieba: the relaxed tiers
    search it whole, so its equivalent names are searched too; a full form keeps its words (自主、创新 …);
    a one-character question word is no part of a word (谁 of 总理不在时谁主持)."""
    assert content_words("国家自创区政策") == ["国家", "自创区", "政策"]
    assert "自创区" in split(Term("国家自创区政策"), known=lambda _w: False)  # never read as the words inside it
    assert content_words("国家自主创新示范区") == ["国家", "自主", "创新", "示范区"]
    assert not any("谁" in w for w in content_words("总理不在时谁主持工作"))
    assert content_words("秸秆禁烧约谈") == ["秸秆禁烧", "约谈"]  # runs of one character still join


def test_a_guarded_short_form_is_not_marked_where_it_cuts_across_words(searcher):
    """国企 finds 国有企业监督管理办法, and its snippet marks 国有企业 — never 国企 inside 中华人民共和国企业国有资产法
    (共和国 / 企业), which the same snippet shows; a relaxed tier's words are marked with their equivalent
    names too (國企擔保: 国有企业)."""
    from analyzers.segment import cut_words

    for query in ("国企", "国企 监管", "國企擔保"):
        marked = []
        for hit in search(searcher, q=query).hits:
            text = hit.snippet.text
            for start, end in hit.snippet.marks:
                if normalize(text[start:end]) == "国企":
                    around = normalize(text[max(0, start - 6) : end + 6])
                    at = around.find("国企")
                    assert not any(at < b < at + 2 for _, b, _ in cut_words(around)), (query, hit.id, around)
                marked.append(normalize(text[start:end]))
        assert "国有企业" in marked, query
    assert any("共和国企业" in normalize(h.snippet.text) for h in search(searcher, q="国企").hits)


# -- synonyms: everyday words as the documents word them, in a labelled fallback tier ---------------------


def test_synonyms_on_made_up_text():
    from analyzers.synonyms import with_synonyms
    from indexer.tiers import Tier, notice, synonym_tree

    assert [p for _, p, _ in with_synonyms("军嫂")] == ["随军家属", "军人家属", "军人配偶"]
    assert with_synonyms("随军家属") == []  # one way: the printed form does not look for the everyday one
    # the longest typed form is read, not the shorter one inside it (新冠疫情, not 新冠)
    assert {t for t, _, _ in with_synonyms("新冠疫情防控")} == {"新冠疫情"}
    assert ("当兵", "入伍", "大学生入伍") in with_synonyms("大学生当兵")
    tree, used = synonym_tree(parse_query('军嫂 就业 -“当兵” "军嫂"'))
    assert used == (("军嫂", "随军家属"), ("军嫂", "军人家属"), ("军嫂", "军人配偶"))
    assert tree.children[0] == Or((Term("军嫂"), Term("随军家属"), Term("军人家属"), Term("军人配偶")))
    assert Term("军嫂", phrase=True) in tree.children  # quoted: as typed
    tier = Tier("synonym", frozenset({1}), synonyms=used[:2])
    said = notice("军嫂 就业", [tier], 0)
    assert said == "未找到“军嫂 就业”；以下为按同义说法（军嫂→随军家属、军人家属）检索的结果"


@pytest.mark.parametrize("typed", ["公开会计信息", "召开会议", "恢复员工", "老总结", "相当兵力"])
def test_a_synonym_of_two_characters_is_not_read_across_words(typed):
    """开会 in 公开会计 or 召开会议, 复员 in 恢复员工: the words typed cut the form across (公开|会计), as 国企 is
    not in 共和国企业; read there, the notice said 按同义说法（开会→会议） of a word nobody typed."""
    from analyzers.synonyms import with_synonyms

    assert with_synonyms(typed) == []


def test_a_synonym_of_two_characters_counts_where_the_words_hold_it():
    from analyzers.synonyms import with_synonyms

    assert ("开会", "会议", "会议通知") in with_synonyms("开会通知")
    assert ("滑雪", "冰雪", "冰雪场") in with_synonyms("滑雪场")  # the start of a longer word
    assert ("复员", "退役", "退役军人") in with_synonyms("复员军人")
    # only the occurrence typed as the word is replaced: 召开会议 stays as typed beside 开会
    assert ("开会", "会议", "召开会议会议时间") in with_synonyms("召开会议开会时间")


def test_a_word_typed_across_a_synonym_reads_none(searcher):
    result = search(searcher, q="公开会计信息")
    assert all(t["kind"] != "synonym" for t in result.tiers) and "同义" not in (result.notice or "")


def test_a_synonym_is_read_only_after_the_literal_reading_and_labelled(searcher, records):
    """军嫂 就业: no record says 军嫂; the 随军家属 办法's records follow, in a tier of their own whose notice
    names the synonym read, each holding a printed form; exact=1 reads none; typing the printed form reads
    no synonym (one way)."""
    result = search(searcher, q="军嫂 就业")
    assert [t["kind"] for t in result.tiers][:2] == ["text", "synonym"] and result.tiers[0]["count"] == 0
    assert "按同义说法（军嫂→随军家属" in result.notice
    assert result.hits[0].doc_id == "xslf-2022-1" and result.hits[0].match == "synonym"
    by_id = {r.id: r for r in records}
    for hit in (h for h in result.hits if h.match == "synonym"):
        held = normalize(by_id[hit.id].match_text) + context_of(by_id[hit.id])
        assert any(form in held for form in ("随军家属", "军人家属", "军人配偶")) and "就业" in held, hit.id
    assert search(searcher, q="军嫂 就业", exact="1").total == 0
    assert all(t["kind"] != "synonym" for t in search(searcher, q="随军家属 就业").tiers)


def test_a_synonym_never_widens_the_literal_reading(searcher, hit_ids, records):
    """网购 is printed (网购网销): the records holding it are the literal reading, as a substring scan finds
    them; what 电子商务 adds comes after them, labelled."""
    result = search(searcher, q="网购")
    scan = {r.id for r in records if "网购" in normalize(r.match_text)}
    literal = [h.id for h in result.hits if h.match == "text"]
    assert scan and set(literal) == scan == set(hit_ids(q="网购"))
    kinds = [h.match for h in result.hits]
    assert kinds[: len(literal)] == ["text"] * len(literal) and "synonym" in kinds
    assert "网购→电子商务" in result.notice


def test_a_word_no_record_holds_is_counted_by_its_synonym_in_the_most_tier(searcher):
    """大学生当兵有啥好处: no record says 当兵; counted as 入伍 (参军, 征兵), the 大学毕业生 征兵 notice comes first,
    and the notice says how 当兵 was read."""
    result = search(searcher, q="大学生当兵有啥好处")
    assert "当兵→入伍" in result.notice
    assert result.hits[0].doc_id == "xslf-2023-3"


@pytest.mark.parametrize(
    ("typed", "wenhao"), [("兴署办发23年14号", "兴署办发〔2023〕14号"), ("兴署发 22年 6号", "兴署发〔2022〕6号")]
)
def test_a_wenhao_typed_with_a_two_digit_year_is_that_wenhao(searcher, typed, wenhao):
    result = search(searcher, q=typed)
    assert result.readings == [{"kind": "wenhao", "typed": typed, "label": f"文号 {wenhao}"}]
    assert result.hits[0].wenhao == wenhao and result.hits[0].kind == "document"
    assert search(searcher, q=typed, exact="1").total == 0


def test_a_two_digit_year_is_this_centurys_up_to_next_year():
    from datetime import date

    from indexer.understand import _century

    assert _century(23) == 2023 and _century(0) == 2000 and _century(98) == 1998
    assert _century(date.today().year % 100 + 1) == date.today().year + 1


def test_a_meeting_named_in_full_or_short_finds_both(searcher):
    """规委会 and 安委会 are the 规划委员会 and the 安全生产委员会 (abbreviations.txt); a 常务会 or 办公会 is printed
    with 会议 or without it (aliases.txt): the long form finds the short one."""
    assert "规划委员会" in search(searcher, q="规委会").also_searched
    assert search(searcher, q="规划委员会会议什么时候召开").hits[0].id == "dsj-2022-03-17-1"
    assert search(searcher, q="安委会").hits[0].id == "dsj-2022-03-31-1"
    short = {h.id for h in search(searcher, q="常务会议").hits if h.match == "text"}
    assert "dsj-2022-01-12-1" in short  # 召开行署常务会（研究审议…）: no 常务会议 printed
    assert "dsj-2022-03-21-1" in {h.id for h in search(searcher, q="盟长办公会议").hits if h.match == "text"}


def test_a_title_field_beside_other_words_also_finds_the_clauses_under_that_title(searcher, records):
    """标题:方案 AND 考核: the documents titled 方案 holding 考核 (the literal reading), then every clause of them
    holding 考核, labelled as matched by its document's title; 标题:统计 alone still asks for documents."""
    result = search(searcher, q="标题:方案 AND 考核")
    titled = {r.doc_id for r in records if r.kind == "document" and "方案" in normalize(r.title)}
    wanted = {r.id for r in records if r.kind == "clause" and r.doc_id in titled and "考核" in normalize(r.match_text)}
    context = {h.id: h.context_terms for h in result.hits if h.match == "context"}
    assert wanted and set(context) == wanted and all(words == ["方案"] for words in context.values())
    literal = {h.id for h in result.hits if h.match == "text"}
    assert literal and all(i.split("#")[0] == i for i in literal)  # documents only, as typed
    assert all(t["kind"] != "context" for t in search(searcher, q="标题:统计").tiers)
    assert search(searcher, q="标题:方案 AND 考核", exact="1").total == len(literal)


@pytest.mark.parametrize("query", ["标题:方案 OR 考核", "标题:方案 OR 标题:通知 OR 考核"])
def test_a_title_field_ored_with_a_word_adds_no_clause_holding_neither(searcher, records, query):
    """标题:方案 OR 考核: a clause counts under its document's title only where it holds 考核 too — the OR let
    every clause of every 方案 through (137 in the bundled issues), though they hold neither word."""
    result = search(searcher, q=query)
    by_id = {r.id: r for r in records}
    context = [h.id for h in result.hits if h.match == "context"]
    # in its own text or the headings above it (the context tier of any word), never by the title alone
    assert all("考核" in normalize(by_id[i].match_text) + context_of(by_id[i]) for i in context), context[:5]
    literal = {h.id for h in result.hits if h.match == "text"}
    assert literal >= {r.id for r in records if "考核" in normalize(r.match_text)}


def test_an_office_named_in_full_or_short_is_also_what_it_issued(searcher, records):
    """行署办公室 领导小组: also the records the 兴安盟行政公署办公室 issued holding 领导小组 (a chip says 发文机关 …),
    whether or not their text names the office; 盟行署 names no one office (兴安盟行政公署 is inside the name of
    its 办公室) and is read as text only; exact=1 reads the text only."""
    result = search(searcher, q="行署办公室 领导小组")
    assert result.readings == [{"kind": "office", "typed": "行署办公室", "label": "发文机关 兴安盟行政公署办公室"}]
    issued = {r.id for r in records if "兴安盟行政公署办公室" in r.offices and "领导小组" in normalize(r.match_text)}
    got = {h.id for h in result.hits if h.match in ("text", "reading")}
    assert issued and issued <= got
    assert all(
        "兴安盟行政公署办公室" in h.offices
        or "办公室" in normalize(next(r.match_text for r in records if r.id == h.id))
        for h in result.hits
        if h.match in ("text", "reading")
    )
    assert search(searcher, q="盟行署 领导小组").readings == []
    assert not search(searcher, q="行署办公室 领导小组", exact="1").readings


def test_an_office_named_on_made_up_offices():
    from indexer.understand import _office_named

    offices = ["甲市人民政府", "甲市人民政府办公室", "乙县财政局"]
    assert _office_named("财政局", offices) == "乙县财政局"
    assert _office_named("甲市人民政府办公室", offices) == "甲市人民政府办公室"
    assert _office_named("人民政府", offices) is None  # inside 甲市人民政府办公室 too: no one office
    assert _office_named("财政", offices) is None  # no organ's ending
    assert _office_named("丙县财政局", offices) is None


def test_an_office_field_typed_short_is_the_office_it_names(searcher, records):
    """发文机关:行署办公室 — the 兴安盟行政公署办公室 typed with 行署 for 行政公署 (aliases.txt): that office's
    records holding 热线, as 发文机关:兴安盟行政公署办公室 finds them; with exact=1 the short name is said unknown."""
    from indexer.api import SearchError

    short = {h.id for h in search(searcher, q="发文机关:行署办公室 热线").hits}
    wanted = {r.id for r in records if "兴安盟行政公署办公室" in r.offices and "热线" in normalize(r.match_text)}
    assert wanted and short == wanted == {h.id for h in search(searcher, q="发文机关:兴安盟行政公署办公室 热线").hits}
    with pytest.raises(SearchError) as raised:
        search(searcher, q="发文机关:行署办公室 热线", exact="1")
    assert raised.value.code == "unknown_office"


@pytest.mark.parametrize("typed", ["办公室", "人民政府", "行政公署", "人民政府办公室", "委员会", "办公厅"])
def test_what_every_organ_of_a_kind_is_called_names_no_office(typed):
    """办公室 typed alone is a word: an index holding one 办公室 (the bundled issues: 兴安盟行政公署办公室) read it
    as that office, and 办公室 found 200 records of that office beside the 34 that print it."""
    from indexer.understand import _office_named

    offices = ["甲市人民政府办公室", "乙县人民政府", "丙盟行政公署", "丁市委员会", "戊省人民政府办公厅"]
    assert _office_named(typed, offices) is None
    assert _office_named("军分区", ["兴安军分区", *offices]) == "兴安军分区"  # one organ of its own kind


def test_a_generic_organ_word_finds_what_a_substring_scan_finds(searcher, records):
    result = search(searcher, q="办公室", size="100")
    scan = {r.id for r in records if "办公室" in normalize(r.match_text)}
    assert result.readings == [] and result.total == len(scan)


@pytest.mark.parametrize(
    ("typed", "wenhao"),
    [
        ("行署2022年6号文件", "兴署发〔2022〕6号"),
        ("兴安盟行署2022年6号文", "兴署发〔2022〕6号"),
        ("行署〔2022〕6号", "兴署发〔2022〕6号"),
        ("盟行署办公室2023年18号文", "兴署办发〔2023〕18号"),
        ("行署办公室23年14号", "兴署办发〔2023〕14号"),
        ("兴安军分区2023年3号", "兴署联发〔2023〕3号"),
        ("兴署发22-6", "兴署发〔2022〕6号"),
        ("兴署发2022年第6号文件", "兴署发〔2022〕6号"),
    ],
)
def test_a_wenhao_typed_by_its_issuer_or_loosely_is_that_wenhao(searcher, typed, wenhao):
    """A 文号 typed with its issuer's name for its 代字 (行署2022年6号文件: the League's office 行政公署, whose 代字 is
    兴署发) or with 文件 after it is the 文号 the index holds of that issuer, year and number, with a chip; an
    issuer that issued no such number reads nothing (统计局2022年6号: told so, not another office's)."""
    result = search(searcher, q=typed)
    assert any(
        r["kind"] == "wenhao" and r["label"] == f"文号 {wenhao}" and r["typed"] in typed for r in result.readings
    )
    assert result.hits[0].wenhao == wenhao and result.hits[0].kind == "document"
    nothing = search(searcher, q="统计局2022年6号")
    assert nothing.total == 0 and not nothing.readings and nothing.notice.startswith("未找到")


def test_a_phone_number_asked_in_everyday_words_is_the_hotline(searcher):
    """投诉电话, 报警电话: no record prints them; the 12345 / 110 scheme follows in the synonym tier, said so."""
    result = search(searcher, q="投诉电话")
    assert result.tiers[0]["count"] == 0 and result.hits[0].doc_id == "xsbf-2023-18"
    assert result.hits[0].match == "synonym" and "投诉电话→12345" in result.notice
    assert "报警电话→110" in search(searcher, q="报警电话受理哪些事").notice


def test_chengguan_is_the_city_management_it_stands_for(searcher, records):
    """城管 (abbreviations.txt) is also searched as 城市管理: the records printing either, as a scan finds them."""
    result = search(searcher, q="城管")
    assert "城市管理" in result.also_searched
    scan = {r.id for r in records if any(f in normalize(r.match_text) for f in ("城管", "城市管理"))}
    assert {h.id for h in search(searcher, q="城管", size="100").hits if h.match == "text"} <= scan
    assert "xsbf-2022-6#c4.3.1" in {h.id for h in search(searcher, q="城管 视频监控").hits if h.match == "text"}


@pytest.mark.parametrize("typed", ["城管", "住建"])
def test_a_typed_short_form_finds_every_record_printing_it(searcher, records, typed):
    """A short form is guarded where jieba cuts it across words (国企 in 共和国企业), and jieba cut 大城管 as
    大城|管 and 住建部 as 住|建部: typed 城管 lost the two clauses of 大城管 (found 2 of the 4 a scan finds), 住建
    the one of 住建部. Both are in the user dictionary now, as 规委会 is."""
    scan = {r.id for r in records if typed in normalize(r.match_text)}
    literal = {h.id for h in search(searcher, q=typed, size="100").hits if h.match == "text"}
    assert scan and scan <= literal
    assert contains_form("城管", normalize("按照构建“大城管”工作格局")) and not contains_form("城管", "县城管网改造")
