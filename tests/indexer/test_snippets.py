from indexer.api import parse_request
from indexer.snippets import make_snippet


def test_whole_match_is_marked_not_a_sub_word(searcher):
    hit = searcher.search(parse_request({"q": "应急响应预案", "kind": "document"})).hits[0]
    assert "<mark>应急响应预案</mark>" in hit.snippet


def test_match_broken_by_a_line_break_is_marked_whole():
    snippet = make_snippet("启动应急\n响应预案", ["应急响应"])
    assert snippet == "启动<mark>应急 响应</mark>预案"


def test_text_is_escaped_and_only_marks_are_markup():
    text = "<script>alert(1)</script>秸秆禁烧 & “引号”"
    snippet = make_snippet(text, ["秸秆禁烧"])
    assert "<script>" not in snippet and "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "&amp;" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_fullwidth_query_marks_halfwidth_text():
    assert "<mark>GDP</mark>" in make_snippet("设立 GDP 核算专项工作组", ["gdp"])


def test_no_match_gives_the_start_of_the_text():
    assert make_snippet("甲乙丙", []) == "甲乙丙"
