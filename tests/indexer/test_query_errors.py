"""A broken query is an error that says what is wrong, never zero hits."""
import pytest
from click.testing import CliRunner

from gazette_cli.main import cli
from indexer.api import SearchError, parse_request
from indexer.query import parse_query


@pytest.mark.parametrize(
    "query, message",
    [
        ('"应急响应', "never closed"),
        ("应急”", "closes nothing"),
        ('""', "empty phrase"),
        ("OR 统计", "OR needs a term"),
        ("统计 OR", "OR needs a term"),
        ("统计 OR OR 法治", "OR needs a term"),
        ("统计 NOT", "must be followed"),
        ("统计 -", "must be followed"),
        ("NOT OR 统计", "must be followed"),
        ("-统计 OR 法治", "cannot be joined with OR"),
        ("，。", "no searchable characters"),
    ],
)
def test_broken_queries_raise(query, message):
    with pytest.raises(SearchError) as info:
        parse_query(query)
    assert message in info.value.message and info.value.param == "q"


@pytest.mark.parametrize(
    "params, param",
    [
        ({"q": "x", "from": "2022-02-30"}, "from"),
        ({"q": "x", "to": "yesterday"}, "to"),
        ({"q": "x", "from": "2023-01-01", "to": "2022-01-01"}, "from"),
        ({"q": "x", "kind": "paragraph"}, "kind"),
        ({"q": "x", "sort": "title"}, "sort"),
        ({"q": "x", "page": "0"}, "page"),
        ({"q": "x", "page": "abc"}, "page"),
        ({"q": "x", "size": "1000"}, "size"),
        ({"q": "x", "year": "22"}, "year"),
        ({"q": "统" * 201}, "q"),
    ],
)
def test_bad_parameters_name_the_parameter(params, param):
    with pytest.raises(SearchError) as info:
        parse_request(params)
    assert info.value.param == param


def test_search_errors_for_empty_and_negative_only_queries(searcher):
    for params in ({"q": ""}, {"q": "-统计"}):
        with pytest.raises(SearchError):
            searcher.search(parse_request(params))
    # with a filter, both are a browse
    assert searcher.search(parse_request({"q": "-统计", "kind": "document"})).total > 0
    with pytest.raises(SearchError) as info:
        searcher.search(parse_request({"wenhao": "not a number"}))
    assert info.value.param == "wenhao"


def test_whoosh_syntax_is_plain_text_not_operators(hit_ids, records):
    # wildcards, fields, ranges and fuzzy marks are just characters here
    for query in ("统计*", "title:统计", "[a TO z]", "统计~2"):
        assert hit_ids(q=query) == [] or all("统计" in r.text for r in records if r.id in hit_ids(q=query))


def test_cli_exit_status_2_with_a_message(index_dir):
    runner = CliRunner()
    result = runner.invoke(cli, ["search", '"unclosed', "--index", str(index_dir)])
    assert result.exit_code == 2 and "never closed" in result.output
    result = runner.invoke(cli, ["search", "x", "--from", "2022-13-01", "--index", str(index_dir)])
    assert result.exit_code == 2 and "from" in result.output
    result = runner.invoke(cli, ["search", "--index", str(index_dir)])
    assert result.exit_code == 2 and "filter" in result.output


def test_cli_json_contract(index_dir):
    import json

    result = CliRunner().invoke(cli, ["search", "秸秆禁烧", "--json", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] > 0 and set(data["facets"]) >= {"year", "office", "type", "kind"}
    hit = data["hits"][0]
    assert {"kind", "id", "doc_id", "wenhao", "title", "date", "offices", "path", "snippet"} <= set(hit)
    browse = json.loads(CliRunner().invoke(cli, ["search", "--office", "兴安军分区", "--kind", "document", "--json", "--index", str(index_dir)]).output)
    assert {h["id"] for h in browse["hits"]} == {"xslf-2022-1", "xslf-2023-3"}
