"""Every example in the README's query-language tables works as documented, in the JSON API, on the
page and in the CLI, with the same total, equal to the reference evaluation over the records."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from reference import evaluate, prepare

from gazette_cli.main import cli
from indexer.querylang import all_of, parse_query
from search_web import create_app

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_table(heading: str) -> list[list[str]]:
    """The code spans of each row's first cell in the first table after `heading`."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    rows, started = [], False
    for line in section.splitlines():
        if line.startswith("| typed |") or line.startswith("| parameter"):
            if started:
                break
            started = True
            continue
        if started and line.startswith("|---"):
            continue
        if started and not line.startswith("|"):
            break
        if started:
            first = re.split(r"(?<!\\)\|", line)[1]
            rows.append([code.replace("\\|", "|") for code in re.findall(r"`([^`]+)`", first)])
    return rows


QUERIES = [q for row in readme_table("### Query language") for q in row]
PARAMETERS = {
    "near=sentence": {"q": "统计 企业", "near": "sentence"},
    "near=paragraph": {"q": "统计 企业", "near": "paragraph"},
    "near=clause": {"q": "统计 企业", "near": "clause"},
    "within": {"q": "统计", "within": ["企业"]},
    "exact": {"q": "科右前旗", "exact": "1"},
}


def test_the_readme_lists_the_whole_language():
    assert len(QUERIES) >= 35
    text = README.read_text(encoding="utf-8")
    for name in ("near=sentence", "within=", "exact=1"):
        assert name in text


@pytest.fixture(scope="module")
def reference(records):
    return prepare(records)


@pytest.fixture(scope="module")
def client(index_dir):
    return create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()


def cli_total(index_dir, params: dict) -> int:
    # the query as a shell hands it over when typed unquoted: one argument per word (`统计 -法治` is two)
    args = ["search", *params["q"].split(), "--json", "--index", str(index_dir)]
    if params.get("near"):
        args += ["--near", params["near"]]
    for value in params.get("within", []):
        args += ["--within", value]
    if params.get("exact"):
        args.append("--exact")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["tiers"][0]["count"]


def check_everywhere(client, index_dir, reference, params: dict) -> int:
    tree = all_of([parse_query(params["q"])] + [parse_query(w) for w in params.get("within", [])])
    expected = len(evaluate(tree, reference, exact=bool(params.get("exact")), near=params.get("near")))
    response = client.get("/search.json", query_string=params)
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    literal = answer["tiers"][0]  # the literal reading; labelled tiers may follow (indexer.tiers)
    assert literal["kind"] == "text" and literal["count"] == expected, params
    assert answer["total"] == sum(t["count"] for t in answer["tiers"]) >= expected
    page = client.get("/search", query_string=params)
    assert page.status_code == 200
    shown = page.get_data(as_text=True)
    assert f'<strong id="total">{answer["total"]}</strong>' in shown
    assert len(answer["tiers"]) == 1 or f'<span id="literal-total">{expected}</span>' in shown
    assert cli_total(index_dir, params) == expected
    return expected


@pytest.mark.parametrize("query", QUERIES)
def test_readme_query_examples(client, index_dir, reference, query):
    assert check_everywhere(client, index_dir, reference, {"q": query}) > 0, f"{query} finds nothing"


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_readme_parameter_examples(client, index_dir, reference, name):
    assert check_everywhere(client, index_dir, reference, PARAMETERS[name]) > 0


def test_an_unknown_double_dash_option_is_refused_in_chinese(index_dir):
    result = CliRunner().invoke(cli, ["search", "统计", "--bogus", "--index", str(index_dir)])
    assert result.exit_code == 2
    assert "没有这个选项：--bogus" in result.output
