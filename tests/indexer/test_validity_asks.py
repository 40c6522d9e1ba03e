"""Questions about validity read as what they ask (indexer.validity_asks): on made-up questions, on the
bundled corpus with each engine (statuses as of today, read from the index's own facts, never assumed),
and on a made-up corpus whose documents stop, repeal and limit one another."""

from __future__ import annotations

import pytest

from analyzers.normalize import normalize
from indexer.api import parse_request
from indexer.build import build_index
from indexer.service import GazetteSearch
from indexer.validity_asks import ASK_WORDS, STATEMENT_WORD, mark_of, question_of


def search(searcher, **params):
    return searcher.search(parse_request({"size": "100", **params}))


def marked(hit) -> list[str]:
    return [piece for piece, is_mark in hit.snippet.parts() if is_mark]


# -- reading the questions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "label", "stem"),
    [
        ("现行有效", "现行有效", ""),
        ("哪些文件已停止执行", "已废止、停止执行", ""),
        ("哪些政策已经废止了", "已废止", ""),
        ("哪些文件有有效期", "规定有效期或试行期", ""),
        ("有效期多久", "规定有效期或试行期", ""),
        ("大学毕业生征兵通知有效期", "规定有效期或试行期", "大学毕业生征兵通知"),
        ("秸秆禁烧现行有效", "现行有效", "秸秆禁烧"),
        ("随军家属安置办法施行时间", "施行日期", "随军家属安置办法"),
        ("實施日期", "施行日期", ""),  # traditional characters, as everywhere
        ("专利代理条例是否有效？", "写明时效", "专利代理条例"),
        ("已失效", "已失效、已废止", ""),
        ("尚未施行的文件", "尚未施行", ""),
        ("国务院工作规则修订", "已修订", "国务院工作规则"),
    ],
)
def test_questions_about_validity_are_read_as_what_they_ask(typed, label, stem):
    question = question_of(typed)
    assert question is not None and question.ask.label == label and question.stem == stem


@pytest.mark.parametrize("typed", ["统计", "实施方案", "有效措施", "现行标准", "施行", "有效期至2025年", "禁止执行"])
def test_words_the_text_says_of_everything_ask_nothing(typed):
    assert question_of(typed) is None


def test_every_question_word_is_read_whole():
    for word, ask in ASK_WORDS.items():
        question = question_of(word)
        assert question is not None and question.ask == ask and question.stem == "", word


def test_what_a_snippet_marks_of_a_statements_sentence():
    assert mark_of("本办法试行期 2 年，自公布之日起 30 日后施行。") == normalize(
        "本办法试行期 2 年，自公布之日起 30 日后施行"
    )
    long = (
        "对落实有关重大政策措施成效明显的地方在下一年度安排中央预算内投资时予以倾斜支持，国办发〔2016〕82号停止执行。"
    )
    assert mark_of(long) == normalize("国办发〔2016〕82号停止执行")


# -- on the bundled corpus ----------------------------------------------------------------------------


def statuses_of(searcher) -> dict[str, str]:
    return {doc_id: v["status"] for doc_id, v in searcher._today().validity.items()}


def test_which_documents_have_a_term_of_validity(searcher):
    """哪些文件有有效期: the documents whose own text states a period (有效期 2 年, 试行期 2 年) come first,
    then the clauses printing it, whose snippets mark the sentence; nothing about them says 有效期 in a
    way the literal reading finds for the question as typed."""
    facts = searcher._today().facts["validity"]["terms"]
    with_period = {doc_id for doc_id, terms in facts.items() if terms["closing"]}
    assert len(with_period) >= 2
    result = search(searcher, q="哪些文件有有效期")
    assert result.readings == [{"kind": "validity", "typed": "哪些文件有有效期", "label": "时效性：规定有效期或试行期"}]
    first = result.hits[: len(with_period)]
    assert {h.id for h in first} == with_period and {h.match for h in first} == {"reading"}
    clauses = result.hits[len(with_period) : 2 * len(with_period)]
    assert {h.doc_id for h in clauses} == with_period and {h.kind for h in clauses} == {"clause"}
    for hit in clauses:
        sentence = normalize(facts[hit.doc_id]["closing"]).rstrip("。")
        assert any(normalize(m) in sentence for m in marked(hit)), (hit.id, marked(hit))
    assert search(searcher, q="哪些文件有有效期", exact="1").total == 0


def every(searcher, **params):
    return searcher.export(parse_request(params), cap=100000)


def test_a_status_typed_alone_is_the_facet_and_typed_beside_a_topic_filters_it(searcher):
    statuses = statuses_of(searcher)
    in_force = {d for d, s in statuses.items() if s == "现行有效"}
    facet = {h.id for h in every(searcher, validity="现行有效")}
    literal = {h.id for h in every(searcher, q="现行有效", exact="1")}
    hits = every(searcher, q="现行有效")
    assert {h.id for h in hits} == facet | literal and facet
    documents = [h for h in hits if h.kind == "document"]
    assert {h.id for h in documents} == in_force and hits[: len(documents)] == documents
    # a topic beside it: the topic's records of the documents in force, and whatever prints 现行有效
    topic = every(searcher, q="随军家属")
    both = every(searcher, q="随军家属 现行有效")
    assert {h.id for h in both} == {h.id for h in topic if statuses.get(h.doc_id or "") == "现行有效"}
    assert both and both[0].kind == "document"


def test_every_status_question_keeps_the_literal_reading(searcher, hit_ids):
    """The reading is an OR: whatever the text says literally is still found (recall = a substring scan)."""
    for typed in ("有效期", "失效", "施行日期", "废止"):
        literal = hit_ids(q=typed, exact="1")
        found = [h.id for h in every(searcher, q=typed)]
        assert set(literal) <= set(found), typed


# -- on a made-up corpus: stops, repeals and periods ----------------------------------------------------


def notice(title: str, wenhao: str, signed: str, *body: str) -> str:
    return "\n\n".join([title, wenhao, "各旗县市人民政府，盟直有关部门：", *body, signed]) + "\n"


ISSUE = "".join(
    [
        notice(
            "兴安盟行政公署关于印发《兴安盟草原防火办法》的通知",
            "兴署发〔2019〕7号",
            "2019年4月2日",
            "一、草原防火期为每年3月15日至6月15日。",
            "二、本办法自印发之日起施行。",
        ),
        notice(
            "兴安盟行政公署办公室关于调整草原防火补贴的通知",
            "兴署办字〔2021〕4号",
            "2021年6月1日",
            "一、草原防火补贴标准按本通知执行。",
            "二、兴署办字〔2015〕9号文件同时停止执行。",
        ),
        notice(
            "兴安盟行政公署关于印发《兴安盟秸秆禁烧管理办法》的通知",
            "兴署发〔2020〕3号",
            "2020年3月1日",
            "一、各旗县市负责本地秸秆禁烧工作。",
            "二、本办法自印发之日起施行，有效期 3 年。",
        ),
        notice(
            "兴安盟行政公署关于印发《兴安盟草原防火办法（修订）》的通知",
            "兴署发〔2022〕8号",
            "2022年5月1日",
            "一、草原防火期为每年3月1日至6月30日。",
            "二、本办法自印发之日起施行，《兴安盟草原防火办法》（兴署发〔2019〕7号）同时废止。",
        ),
    ]
)


@pytest.fixture(scope="module")
def made_up(tmp_path_factory, engine):
    path = tmp_path_factory.mktemp(f"validity-{engine}")
    (path / "corpus").mkdir()
    (path / "corpus" / "issue.txt").write_text(ISSUE, encoding="utf-8")
    build_index(path / "corpus", path / "index", engine=engine)
    return GazetteSearch(path / "index")


def test_what_was_stopped_or_repealed_is_found_by_the_sentence_saying_so(made_up):
    statuses = statuses_of(made_up)
    assert statuses["xsf-2019-7"] == "已废止"
    result = search(made_up, q="哪些文件已停止执行")
    # the repealed document, then the documents declaring a stop or a repeal (兴署办字〔2015〕9号 is not in
    # the corpus: the sentence stopping it is what there is to read) and the clauses printing the sentences
    documents = {h.id for h in result.hits if h.kind == "document" and h.match == "reading"}
    assert documents == {"xsf-2019-7", "xsbz-2021-4", "xsf-2022-8"}
    first = result.hits[:5]
    assert first[0].id == "xsf-2019-7"
    assert {h.doc_id for h in first[1:]} == {"xsbz-2021-4", "xsf-2022-8"}
    assert sorted(h.kind for h in first[1:]) == ["clause", "clause", "document", "document"]
    stop = next(h for h in first if h.id.startswith("xsbz-2021-4#"))
    assert marked(stop) == ["兴署办字〔2015〕9号文件同时停止执行"]
    repeal = next(h for h in first if h.id.startswith("xsf-2022-8#"))
    assert "同时废止" in "".join(marked(repeal))


def test_what_was_repealed_includes_what_was_stopped(made_up):
    """哪些文件已废止: a document stopped by another has the status 已废止 too, so the sentence stopping
    兴署办字〔2015〕9号 (not in the corpus) is read beside the one repealing 兴署发〔2019〕7号 — it answered only
    the 废止 sentence, and on the gov.cn pages, whose one such sentence says 停止执行, nothing."""
    result = search(made_up, q="哪些文件已废止")
    assert result.readings[0]["label"] == "时效性：已废止"
    documents = {h.id for h in result.hits if h.kind == "document" and h.match == "reading"}
    assert documents == {"xsf-2019-7", "xsbz-2021-4", "xsf-2022-8"}


def test_a_topic_and_a_status_typed_as_one_phrase(made_up):
    """草原防火 现行有效 and 草原防火现行有效: the revised rules in force, not the repealed ones."""
    for typed in ("草原防火 现行有效", "草原防火现行有效"):
        result = search(made_up, q=typed)
        reading = [h for h in result.hits if h.match in ("text", "reading")]
        assert reading and {h.doc_id for h in reading} == {"xsf-2022-8"}, typed  # 兴署办字〔2021〕4号 says nothing
        assert reading[0].kind == "document"
    expired = search(made_up, q="草原防火 已废止")
    assert [h.id for h in expired.hits if h.kind == "document"][0] == "xsf-2019-7"


def test_a_term_of_validity_asked_of_one_document(made_up):
    result = search(made_up, q="秸秆禁烧办法有效期")
    assert result.readings[0]["label"] == "秸秆禁烧办法（时效性：规定有效期或试行期）"
    assert [h.id for h in result.hits[:2]] == ["xsf-2020-3", "xsf-2020-3#c2"]
    assert "有效期3年" in normalize("".join(marked(result.hits[1])))


def test_a_status_no_document_has_is_said_not_a_silent_zero(made_up):
    """尚未施行的文件 on a corpus where every document took effect when printed: no hit, and the notice says
    that the question was read and nothing answers it (never a bare empty page); 已失效 likewise names
    nothing here but the repealed rules (已废止 counts as no longer in force)."""
    statuses = set(statuses_of(made_up).values())
    assert "尚未施行" not in statuses
    result = search(made_up, q="尚未施行的文件")
    assert result.total == 0 and result.readings[0]["label"] == "时效性：尚未施行"
    assert result.notice is not None and "时效性：尚未施行" in result.notice and "没有" in result.notice


def test_a_topic_with_a_status_none_of_its_documents_has_falls_back_to_the_topic_labelled(made_up, engine):
    """秸秆禁烧 已废止: the 秸秆禁烧 rules are not repealed; the page says the status reading found nothing
    and lists the topic's records (each with its own 时效性), not records holding 废止 or 已 as words."""
    statuses = statuses_of(made_up)
    topic = [h for h in every(made_up, q="秸秆禁烧", exact="1")]
    assert topic and all(statuses.get(h.doc_id or "") != "已废止" for h in topic)
    result = search(made_up, q="秸秆禁烧 已废止")
    assert {h.id for h in result.hits} == {h.id for h in topic}
    assert {h.match for h in result.hits} == {"words"}
    assert "已废止" in result.notice and "理解也没有记录" in result.notice and "秸秆禁烧" in result.notice


def test_the_question_s_own_words_are_not_searched_as_words(searcher):
    """A validity question that nothing answers falls back to its topic only: 现行 and 有效 (words of
    every plan: 有效措施, 现行标准) are not what 秸秆禁烧现行有效 asks for."""
    statuses = statuses_of(searcher)
    result = search(searcher, q="秸秆禁烧现行有效")
    topic = {h.id for h in every(searcher, q="秸秆禁烧", exact="1")}
    assert result.readings[0]["label"] == "秸秆禁烧（时效性：现行有效）"
    in_force = {h.id for h in every(searcher, q="秸秆禁烧", validity="现行有效")}
    if in_force:  # the bundled 秸秆禁烧 plan says nothing of its validity (未注明): checked, not assumed
        assert {h.id for h in result.hits} >= in_force
    else:
        assert {h.id for h in result.hits} <= topic and result.hits
        assert all(statuses.get(h.doc_id or "") != "现行有效" for h in result.hits)
        assert "理解也没有记录" in result.notice


def test_the_reading_is_labelled_in_json_html_and_the_command_line(index_dir):
    """The chip says how the question was read, in each interface; exact=1 (--exact) reads none of it."""
    from click.testing import CliRunner

    from gazette_cli.main import cli
    from search_web import create_app

    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    answer = client.get("/search.json", query_string={"q": "哪些文件有有效期"}).get_json()
    assert answer["ok"] is not False
    assert answer["readings"] == [
        {"kind": "validity", "typed": "哪些文件有有效期", "label": "时效性：规定有效期或试行期"}
    ]
    assert answer["hits"] and answer["hits"][0]["match"] == "reading" and answer["hits"][0]["validity"]["sentence"]
    page = client.get("/search", query_string={"q": "哪些文件有有效期"}).get_data(as_text=True)
    assert "哪些文件有有效期 → 时效性：规定有效期或试行期" in page and "时效性）" not in page
    assert "名单或时效性" in page  # the hit says which reading found it
    exact = client.get("/search.json", query_string={"q": "哪些文件有有效期", "exact": "1"}).get_json()
    assert exact["readings"] == [] and exact["total"] == 0
    out = CliRunner().invoke(cli, ["search", "哪些文件有有效期", "--index", str(index_dir)])
    assert out.exit_code == 0, out.output
    assert "也按以下理解检索：哪些文件有有效期 → 时效性：规定有效期或试行期" in out.output
    assert "按检索式的其他理解匹配" in out.output


def test_reading_a_question_is_linear_in_its_length():
    """No regex tries every start of a long term (a run of 的, of 有效期 repeated): each read stays far
    below what a quadratic read of 20,000 characters would cost, without timing anything."""
    from indexer import validity_asks

    for typed in ("的" * 20000 + "有效期", "哪些" * 10000 + "现行有效", "有效期" * 7000 + "x", "的" * 20000 + "x"):
        question = validity_asks.question_of(typed)
        assert question is None or len(question.stem) <= len(typed)
    assert validity_asks._strip("的" * 20000 + "文件" + "的" * 20000) == "的" * 20000 + "文件"


# -- on the real gov.cn pages --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def govcn(tmp_path_factory, engine):
    from realworld import realworld_dir

    found = realworld_dir()
    if found is None or not (found / "govcn").is_dir():
        pytest.skip("../shared/realworld/govcn is not here (the real gov.cn pages)")
    path = tmp_path_factory.mktemp(f"govcn-validity-{engine}")
    build_index(found / "govcn", path / "index", engine=engine)
    return GazetteSearch(path / "index")


def test_on_the_govcn_pages_what_was_stopped_is_found_by_the_sentence_saying_so(govcn):
    """哪些文件已停止执行 on the gov.cn pages: the documents stating that others stop (or are repealed),
    and the clauses printing the sentence, come first, the sentence marked — read from the build's
    facts, whether the stopped document is among the pages or not."""
    snap = govcn._today()
    declared = {
        doc_id: [s["sentence"] for s in said if s["kind"] in ("废止", "停止执行", "不再执行", "失效")]
        for doc_id, said in snap.facts["validity"].get("declared", {}).items()
    }
    declared = {d: s for d, s in declared.items() if s}
    repealed = {d for d, v in snap.validity.items() if v["status"] == "已废止"}
    if not declared and not repealed:
        pytest.skip("no page of this folder states a repeal or a stop")
    result = search(govcn, q="哪些文件已停止执行")
    assert result.readings == [{"kind": "validity", "typed": "哪些文件已停止执行", "label": "时效性：已废止、停止执行"}]
    wanted = set(declared) | repealed
    lead = [h for h in result.hits if h.match == "reading"]
    assert lead and {h.doc_id for h in lead} == wanted
    assert result.hits[: len(lead)] == lead  # before anything holding 停止 or 执行 as words
    for hit in lead:
        if hit.kind == "clause":
            # the sentence's piece holding its word (停止执行, 废止 …), or the word itself in a long sentence
            sentences = [normalize(s) for s in declared.get(hit.doc_id, [])]
            pieces = [normalize(m) for m in marked(hit)]
            assert any(STATEMENT_WORD.search(m) and any(m in s for s in sentences) for m in pieces), hit.id
    assert any(h.kind == "clause" for h in lead)


def test_a_topic_worded_otherwise_than_its_document_still_finds_its_statement(searcher):
    """国企监管办法什么时候施行: no title says 国企监管办法 (it is 国有企业监督管理办法), so the topic is found by
    its words, and the clause of that document stating when it takes effect comes among the first three."""
    result = search(searcher, q="国企监管办法什么时候施行")
    assert result.readings[0]["kind"] == "validity"
    top = result.hits[:3]
    assert any(h.kind == "clause" and "国有企业监督管理办法" in h.title and "施行" in h.snippet.text for h in top), [
        h.id for h in top
    ]
