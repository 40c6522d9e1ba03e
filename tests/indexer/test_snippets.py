"""Snippets are data: text plus marked spans, whole matches marked, mapped back across line breaks."""

from indexer.api import Snippet, parse_request
from indexer.snippets import make_snippet


def marked(snippet: Snippet) -> list[str]:
    return [piece for piece, is_mark in snippet.parts() if is_mark]


def test_whole_match_is_marked_not_a_sub_word(searcher):
    hit = searcher.search(parse_request({"q": "应急响应预案", "kind": "document"})).hits[0]
    assert "应急响应预案" in marked(hit.snippet)


def test_match_broken_by_a_line_break_is_marked_whole():
    snippet = make_snippet("启动应急\n响应预案", ["应急响应"])
    assert snippet == Snippet("启动应急 响应预案", ((2, 7),))
    assert marked(snippet) == ["应急 响应"]


def test_text_is_plain_and_parts_rebuild_it():
    text = "<script>alert(1)</script>秸秆禁烧 & “引号”"
    snippet = make_snippet(text, ["秸秆禁烧"])
    assert snippet.text == text  # nothing escaped or added: escaping is the edge's job
    assert "".join(piece for piece, _ in snippet.parts()) == text
    assert marked(snippet) == ["秸秆禁烧"]


def test_fullwidth_query_marks_halfwidth_text():
    assert marked(make_snippet("设立 GDP 核算专项工作组", ["gdp"])) == ["GDP"]


def test_no_match_gives_the_start_of_the_text():
    assert make_snippet("甲乙丙", []) == Snippet("甲乙丙", ())


def test_a_cut_window_says_so_and_keeps_marks_aligned():
    text = "前" * 200 + "秸秆禁烧" + "后" * 200
    snippet = make_snippet(text, ["秸秆禁烧"])
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert marked(snippet) == ["秸秆禁烧"] and len(snippet.text) < 100


def test_the_snippet_cache_is_bounded_by_bytes(monkeypatch):
    """Thousands of distinct long texts (a server's day) never hold more than the cache's byte budget."""
    from indexer import snippets
    from indexer.lru import BoundedLRU

    cache = BoundedLRU(snippets.CACHE_ENTRIES, 2_000_000, snippets._cache.size_of)
    monkeypatch.setattr(snippets, "_cache", cache)
    for i in range(400):
        text = f"第{i}条 " + "统计工作高质量发展" * 1000
        snippet = snippets.make_snippet(text, ["统计"])
        assert "统计" in snippet.text and snippet.marks
        assert cache.bytes <= 2_000_000
    assert 0 < len(cache) < 400 and cache.bytes > 1_000_000
    assert snippets.make_snippet(text, ["统计"]) == snippet and cache.hits >= 1  # the latest is still there
