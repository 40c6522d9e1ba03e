"""A query the language does not define is an error in Chinese that says what and where, never zero hits."""

import pytest
from click.testing import CliRunner

from gazette_cli.main import cli
from indexer.api import SearchError, parse_request
from indexer.querylang import MAX_TERMS, parse_query


@pytest.mark.parametrize(
    "query, message, code",
    [
        ('"应急响应', '第 1 个字符处的引号 " 没有闭合', "query_syntax"),
        ("统计 “应急", "第 4 个字符处的引号 “ 没有闭合", "query_syntax"),
        ("应急”", "第 3 个字符处的引号 ” 前面没有对应的开引号", "query_syntax"),
        ('""', "空的引号", "query_syntax"),
        ("OR 统计", "OR 前面缺少检索词", "query_syntax"),
        ("统计 OR", "OR 后面缺少检索词", "query_syntax"),
        ("统计 OR OR 法治", "OR 后面缺少检索词", "query_syntax"),
        ("统计 AND", "AND 后面缺少检索词", "query_syntax"),
        ("统计 NOT", "NOT 后面缺少要排除的检索词", "query_syntax"),
        ("统计 -", "- 后面缺少要排除的检索词", "query_syntax"),
        ("NOT OR 统计", "NOT 后面缺少要排除的检索词", "query_syntax"),
        ("(统计 法治", "第 1 个字符处的括号 ( 没有闭合", "query_syntax"),
        ("统计 (医疗 OR 卫生", "第 4 个字符处的括号 ( 没有闭合", "query_syntax"),
        ("统计)", "第 3 个字符处的括号 ) 前面没有对应的左括号", "query_syntax"),
        ("统计 ()", "括号里是空的", "query_syntax"),
        ("，。", "没有可检索的文字", "query_syntax"),
        ("统计*", "第 3 个字符处的通配符 * 不需要", "wildcard"),
        ("统?计", "通配符 ? 不需要", "wildcard"),
        ("作者:张三", "“作者:”不是可用的字段；可用字段：标题: title:", "unknown_field"),
        ("标题:", "标题: 后面缺少检索词", "empty_field"),
        ("标题:正文:统计", "不能写在另一个字段里面", "query_syntax"),
        ("统计~2", "不支持模糊检索", "unsupported_syntax"),
        ("统计^3", "不支持权重", "unsupported_syntax"),
        ("[a TO z]", "不支持范围检索", "unsupported_syntax"),
        ("统计 NEAR 企业", "NEAR 应写作 NEAR/数字", "query_syntax"),
        ("统计 NEAR/0 企业", "距离应在 1 到", "query_syntax"),
        ("统计 NEAR/5 (企业 OR 单位)", "NEAR 两边只能各是一个检索词", "query_syntax"),
        ("文号:2022", "不是文号或文号代字", "query_syntax"),
        (" ".join(f"词{i}" for i in range(MAX_TERMS + 1)), f"最多 {MAX_TERMS} 个不同的检索词", "too_many_terms"),
    ],
)
def test_broken_queries_raise(query, message, code):
    with pytest.raises(SearchError) as info:
        parse_query(query)
    assert message in info.value.message and info.value.param == "q" and info.value.code == code


@pytest.mark.parametrize(
    "params, param, code",
    [
        ({"q": "x", "from": "2022-02-30"}, "from", "invalid_parameter"),
        ({"q": "x", "to": "yesterday"}, "to", "invalid_parameter"),
        ({"q": "x", "from": "2023-01-01", "to": "2022-01-01"}, "from", "invalid_parameter"),
        ({"q": "x", "kind": "paragraph"}, "kind", "invalid_parameter"),
        ({"q": "x", "sort": "title"}, "sort", "invalid_parameter"),
        ({"q": "x", "page": "0"}, "page", "out_of_range"),
        ({"q": "x", "page": "abc"}, "page", "invalid_parameter"),
        ({"q": "x", "page": "²"}, "page", "invalid_parameter"),
        ({"q": "x", "size": "1000"}, "size", "out_of_range"),
        ({"q": "x", "year": "22"}, "year", "invalid_parameter"),
        ({"q": "x", "year": "²⁰²²"}, "year", "invalid_parameter"),
        ({"q": "x", "year": "２０２２"}, "year", "invalid_parameter"),
        ({"q": "x", "office": ",".join(f"o{i}" for i in range(21))}, "office", "too_many_values"),
        ({"q": "x", "office": ["o"] * 5 + [f"p{i}" for i in range(21)]}, "office", "too_many_values"),
        ({"q": "x", "type": "文" * 101}, "type", "invalid_parameter"),
        ({"q": "统" * 201}, "q", "query_too_long"),
    ],
)
def test_bad_parameters_name_the_parameter(params, param, code):
    with pytest.raises(SearchError) as info:
        parse_request(params)
    assert info.value.param == param and info.value.code == code


def test_twenty_values_of_a_facet_are_allowed():
    request = parse_request({"q": "x", "office": [f"o{i}" for i in range(20)]})
    assert len(request.selected("office")) == 20


def test_search_errors_for_empty_and_negative_only_queries(searcher):
    for params, code in (
        ({"q": ""}, "empty_query"),
        ({"q": "-统计"}, "only_excluded"),
        ({"q": "NOT 统计 不含 法治"}, "only_excluded"),
    ):
        with pytest.raises(SearchError) as info:
            searcher.search(parse_request(params))
        assert info.value.code == code
    # with a filter, both are a browse
    assert searcher.search(parse_request({"q": "-统计", "kind": "document"})).total > 0
    with pytest.raises(SearchError) as info:
        searcher.search(parse_request({"wenhao": "not a number"}))
    assert info.value.param == "wenhao" and "不是文号" in info.value.message


def test_a_series_the_index_does_not_hold_is_an_error(searcher):
    with pytest.raises(SearchError) as info:
        searcher.search(parse_request({"q": "文号:统计工作"}))
    assert info.value.code == "unknown_series" and "兴署办字" in info.value.message


def test_cli_exit_status_2_with_a_message(index_dir):
    runner = CliRunner()
    result = runner.invoke(cli, ["search", '"unclosed', "--index", str(index_dir)])
    assert result.exit_code == 2 and '引号 " 没有闭合' in result.output
    result = runner.invoke(cli, ["search", "x", "--from", "2022-13-01", "--index", str(index_dir)])
    assert result.exit_code == 2 and "起始日期（from）" in result.output
    result = runner.invoke(cli, ["search", "--index", str(index_dir)])
    assert result.exit_code == 2 and "筛选条件" in result.output
    assert "Traceback" not in result.output


def test_cli_json_contract(index_dir):
    import json

    result = CliRunner().invoke(cli, ["search", "秸秆禁烧", "--json", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] > 0 and set(data["facets"]) >= {"year", "office", "type", "kind", "issue"}
    hit = data["hits"][0]
    assert {"kind", "id", "doc_id", "wenhao", "title", "date", "offices", "path", "snippet"} <= set(hit)
    assert set(hit["snippet"]) == {"text", "marks"}
    text = hit["snippet"]["text"]
    assert all(text[s:e] == "秸秆禁烧" for s, e in hit["snippet"]["marks"]) and hit["snippet"]["marks"]
    browse = json.loads(
        CliRunner()
        .invoke(cli, ["search", "--office", "兴安军分区", "--kind", "document", "--json", "--index", str(index_dir)])
        .output
    )
    assert {h["id"] for h in browse["hits"]} == {"xslf-2022-1", "xslf-2023-3"}


def test_cli_marks_matches_with_brackets(index_dir):
    result = CliRunner().invoke(cli, ["search", "秸秆禁烧", "--index", str(index_dir)])
    assert result.exit_code == 0 and "【秸秆禁烧】" in result.output and "<mark>" not in result.output
