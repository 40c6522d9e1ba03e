"""Trends over time (/trends) and cross-tables (/crosstab), in HTML, JSON and CSV: every count equals the
total of the search it links to, the axes are complete, several queries share one chart, and every
parameter the pages do not define is a 400 in Chinese."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from click.testing import CliRunner
from web_helpers import XSS, html_of

from gazette_cli.main import cli
from indexer.api import MAX_SERIES
from search_web.trends import split_series


def total_of(client, url: str) -> int:
    """The total of the search a count links to, asked of the search's JSON twin."""
    parts = urlsplit(html_lib.unescape(url))
    assert parts.path == "/search", url
    response = client.get("/search.json", query_string=parse_qsl(parts.query))
    assert response.status_code == 200, response.get_json()
    return response.get_json()["total"]


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response.content_type == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "texts, series",
    [
        (["秸秆 | 禁烧"], ["秸秆", "禁烧"]),
        (["秸秆｜禁烧"], ["秸秆", "禁烧"]),
        (["秸秆", "禁烧"], ["秸秆", "禁烧"]),
        (["秸秆\n禁烧\n秸秆"], ["秸秆", "禁烧"]),
        (["(医疗|卫生) | 统计"], ["(医疗|卫生)", "统计"]),
        (['"a|b" | c'], ['"a|b"', "c"]),
        (["（医疗｜卫生）统计"], ["（医疗｜卫生）统计"]),
        (["医疗 OR 卫生"], ["医疗 OR 卫生"]),
        (["", " | "], []),
    ],
)
def test_series_are_split_at_top_level_bars_only(texts, series):
    assert split_series(texts) == series


@pytest.mark.parametrize("by", ["year", "month", "issue"])
def test_every_count_is_the_total_of_the_search_it_links_to(client, by):
    data = client.get("/trends.json", query_string={"q": "统计 | 企业", "by": by}).get_json()
    assert data["ok"] and data["by"] == by and [s["query"] for s in data["series"]] == ["统计", "企业"]
    values = [c["value"] for c in data["categories"]]
    assert values == sorted(values) or by == "issue"
    for series in data["series"]:
        assert series["total"] == client.get("/search.json", query_string={"q": series["query"]}).get_json()["total"]
        assert len(series["counts"]) == len(values) == len(series["urls"])
        for count, url in zip(series["counts"], series["urls"]):
            assert total_of(client, url) == count
        if by != "month":  # a record has one year and one issue; months also count undated records nowhere
            assert sum(series["counts"]) == series["total"]


def test_years_and_months_between_are_shown_as_zero(client):
    data = client.get("/trends.json", query_string={"q": "统计", "by": "month"}).get_json()
    months = [c["value"] for c in data["categories"]]
    first, last = months[0], months[-1]
    expected = []
    year, month = map(int, first.split("-"))
    while f"{year:04d}-{month:02d}" <= last:
        expected.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    assert months == expected and 0 in data["series"][0]["counts"]


def test_filters_narrow_every_series(client):
    narrowed = client.get("/trends.json", query_string={"q": "统计 | 企业", "kind": "clause", "year": "2023"})
    for series in narrowed.get_json()["series"]:
        expected = client.get("/search.json", query_string={"q": series["query"], "kind": "clause", "year": "2023"})
        assert series["total"] == expected.get_json()["total"]
        assert all("kind=clause" in url for url in series["urls"])


def test_documents_counted_once(client, app):
    data = client.get("/trends.json", query_string={"q": "统计", "unit": "documents"}).get_json()
    hits = client.get("/export.json", query_string={"q": "统计"}).get_json()["hits"]
    documents = {h["doc_id"] or h["id"] for h in hits}
    assert data["series"][0]["total"] == len(documents)
    by_year: dict[str, set] = {}
    for h in hits:
        by_year.setdefault(h["date"][:4], set()).add(h["doc_id"] or h["id"])
    counts = dict(zip((c["value"] for c in data["categories"]), data["series"][0]["counts"]))
    assert counts == {year: len(by_year.get(year, ())) for year in counts}


def test_trends_page_draws_an_svg_chart_without_script(client):
    html = html_of(client.get("/trends", query_string={"q": "统计 | 企业", "by": "year"}))
    assert "<script" not in html
    svg = re.search(r"<svg[^>]*>(.*?)</svg>", html, re.S)
    assert svg and 'role="img"' in html
    data = client.get("/trends.json", query_string={"q": "统计 | 企业"}).get_json()
    points = re.findall(r"<title>([^<]+)</title>", svg.group(1))
    expected = [
        f"{c['label']} · {s['query']}：{n} 条" for s in data["series"] for c, n in zip(data["categories"], s["counts"])
    ]
    assert points == expected
    assert html.count("<polyline") == 2 and 'class="legend"' in html
    assert 'href="/trends.csv?q=' in html and "_columns=en" in html and 'href="/trends.json?q=' in html


def test_one_series_is_drawn_as_bars(client):
    html = html_of(client.get("/trends", query_string={"q": "秸秆", "by": "issue"}))
    data = client.get("/trends.json", query_string={"q": "秸秆", "by": "issue"}).get_json()
    assert html.count('<rect class="bar"') == len(data["categories"]) and "<polyline" not in html


def test_trends_csv_in_chinese_and_in_english(client):
    data = client.get("/trends.json", query_string={"q": "统计|企业", "by": "issue"}).get_json()
    rows = read_csv(client.get("/trends.csv", query_string={"q": "统计|企业", "by": "issue"}))
    assert rows[0] == ["期号", "期名", "统计", "企业"]
    assert [r[0] for r in rows[1:]] == [c["value"] for c in data["categories"]]
    assert [[int(n) for n in r[2:]] for r in rows[1:]] == [list(p) for p in zip(*(s["counts"] for s in data["series"]))]
    english = read_csv(client.get("/trends.csv", query_string={"q": "统计|企业", "by": "issue", "_columns": "en"}))
    assert english[0] == ["period", "label", "统计", "企业"] and english[1:] == rows[1:]
    year_rows = read_csv(client.get("/trends.csv", query_string={"q": "统计"}))
    assert year_rows[0] == ["年份", "统计"]


def test_a_query_starting_with_a_minus_is_not_a_formula_in_the_csv(client):
    rows = read_csv(client.get("/trends.csv", query_string={"q": "-法治 统计"}))
    assert rows[0][1] == "'-法治 统计"


@pytest.mark.parametrize(
    "params, param, code",
    [
        ({"q": " | ".join(f"词{i}" for i in range(MAX_SERIES + 1))}, "q", "too_many_series"),
        ({"q": "统计", "by": "week"}, "by", "invalid_parameter"),
        ({"q": "统计", "unit": "pages"}, "unit", "invalid_parameter"),
        ({"q": "统计 | (医疗"}, "q", "query_syntax"),
        ({"q": "统计", "year": "22"}, "year", "invalid_parameter"),
        ({"q": "统" * 201}, "q", "query_too_long"),
    ],
)
def test_trend_parameters_are_checked(client, params, param, code):
    response = client.get("/trends.json", query_string=params)
    assert response.status_code == 400
    body = response.get_json()
    assert body["ok"] is False and body["param"] == param and body["code"] == code
    assert re.search(r"[\u4e00-\u9fff]", body["error"])
    page = client.get("/trends", query_string=params)
    assert page.status_code == 400 and 'class="error"' in html_of(page)


def test_the_bare_trends_page_is_its_form(client):
    html = html_of(client.get("/trends"))
    assert '<form class="search trends-form"' in html and "<svg" not in html and 'class="error"' not in html
    assert client.get("/trends.json").status_code == 400  # nothing asked: the twin says so


def test_a_query_is_escaped_in_the_chart(client):
    html = html_of(client.get("/trends", query_string={"q": f"统计 | {XSS}"}))
    assert XSS not in html and "&lt;script&gt;" in html


# -- cross-tables -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows, cols", [("year", "office"), ("year", "type"), ("year", "validity"), ("issue", "kind")])
def test_every_cell_links_to_a_search_of_that_many_hits(client, rows, cols):
    params = {"q": "统计", "rows": rows, "cols": cols}
    data = client.get("/crosstab.json", query_string=params).get_json()
    assert data["ok"] and data["total"] == client.get("/search.json", query_string={"q": "统计"}).get_json()["total"]
    assert data["cells"]
    for cell in data["cells"]:
        assert total_of(client, cell["url"]) == cell["count"] > 0
    for line in data["row_values"] + data["col_values"]:
        if line["url"]:
            assert total_of(client, line["url"]) == line["count"]
    if rows in ("year", "issue"):  # one value per hit: the rows add up to the total
        assert sum(r["count"] for r in data["row_values"]) == data["total"]


def test_crosstab_page_and_csv_agree_with_the_json(client):
    params = {"q": "统计", "rows": "year", "cols": "validity"}
    data = client.get("/crosstab.json", query_string=params).get_json()
    html = html_of(client.get("/crosstab", query_string=params))
    assert "<table" in html and f'<strong id="total">{data["total"]}</strong>' in html
    for cell in data["cells"]:
        assert f'href="{html_lib.escape(cell["url"])}">{cell["count"]}</a>' in html
    rows = read_csv(client.get("/crosstab.csv", query_string=params))
    cols = [c["value"] for c in data["col_values"]]
    assert rows[0] == ["年份 \\ 时效性", *cols, "合计"]
    for row, line in zip(rows[1:-1], data["row_values"]):
        counts = {c["col"]: c["count"] for c in data["cells"] if c["row"] == line["value"]}
        assert row == [line["label"]] + [str(counts.get(c, 0)) for c in cols] + [str(line["count"])]
    assert rows[-1][0] == "合计"
    english = read_csv(client.get("/crosstab.csv", query_string={**params, "_columns": "en"}))
    assert english[0][0] == "year" and english[0][-1] == "total"


def test_crosstab_parameters_are_checked(client):
    same = client.get("/crosstab.json", query_string={"q": "统计", "rows": "year", "cols": "year"})
    assert same.status_code == 400 and same.get_json()["param"] == "cols"
    bad = client.get("/crosstab.json", query_string={"q": "统计", "rows": "weekday"})
    assert bad.status_code == 400 and bad.get_json()["param"] == "rows"
    two = client.get("/crosstab.json", query_string={"q": "统计 | 企业"})
    assert two.status_code == 400 and two.get_json()["code"] == "too_many_series"
    page = client.get("/crosstab", query_string={"q": "统计", "rows": "year", "cols": "year"})
    assert page.status_code == 400 and "行与列不能是同一维度" in html_of(page)


def test_results_page_shows_hits_per_year_linking_to_each_year(client):
    html = html_of(client.get("/search", query_string={"q": "统计"}))
    facet = client.get("/search.json", query_string={"q": "统计"}).get_json()["facets"]["year"]
    chart = re.search(r'<details class="trend"[^>]*>(.*?)</details>', html, re.S)
    assert chart, "no trend chart on the results page"
    titles = re.findall(r"<title>([^<]+)</title>", chart.group(1))
    counts = {v["value"]: v["count"] for v in facet}
    years = range(int(min(counts)), int(max(counts)) + 1)
    assert titles == [f"{y}年：{counts.get(str(y), 0)} 条" for y in years]
    links = re.findall(r'<a href="([^"]+)"><rect', chart.group(1))
    assert [total_of(client, u) for u in links] == [counts.get(str(y), 0) for y in years]
    assert "/trends?q=%E7%BB%9F%E8%AE%A1&amp;by=month" in chart.group(1)
    assert "/crosstab?q=%E7%BB%9F%E8%AE%A1" in chart.group(1)


# -- the same counts on the command line ----------------------------------------------------------------


def cli_json(index_dir, *args) -> dict:
    result = CliRunner().invoke(cli, [*args, "--json", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("by", ["year", "month", "issue"])
def test_gazette_trends_counts_as_the_page_does(client, index_dir, by):
    web = client.get("/trends.json", query_string={"q": ["统计", "统计 -法治"], "by": by, "kind": "clause"}).get_json()
    cli_data = cli_json(index_dir, "trends", "统计", "统计 -法治", "--by", by, "--kind", "clause")
    assert cli_data["categories"] == web["categories"]
    assert cli_data["series"] == [{k: s[k] for k in ("query", "total", "counts")} for s in web["series"]]


def test_gazette_crosstab_counts_as_the_page_does(client, index_dir):
    web = client.get("/crosstab.json", query_string={"q": "统计", "rows": "year", "cols": "type"}).get_json()
    cli_data = cli_json(index_dir, "crosstab", "统计", "--cols", "type")
    assert cli_data["total"] == web["total"]
    assert cli_data["cells"] == [{k: c[k] for k in ("row", "col", "count")} for c in web["cells"]]
    assert [r["count"] for r in cli_data["row_values"]] == [r["count"] for r in web["row_values"]]
    table = CliRunner().invoke(cli, ["crosstab", "统计", "--cols", "type", "--csv", "--index", str(index_dir)])
    rows = list(csv.reader(io.StringIO(table.output)))
    assert rows[0][0] == "年份 \\ 文种" and rows[-1] == [
        "合计",
        *(str(c["count"]) for c in web["col_values"]),
        str(web["total"]),
    ]


@pytest.mark.parametrize(
    "args, said",
    [
        (["trends", *(f"词{i}" for i in range(MAX_SERIES + 1))], "最多比较 6 个检索式"),
        (["crosstab", "统计", "--rows", "type", "--cols", "type"], "行与列不能是同一维度"),
        (["trends", "统计", "--year", "22"], "不是四位数的年份"),
        (["trends", "(统计"], "没有闭合"),
    ],
)
def test_gazette_trends_and_crosstab_refuse_in_chinese(index_dir, args, said):
    result = CliRunner().invoke(cli, [*args, "--index", str(index_dir)])
    assert result.exit_code == 2 and said in result.output and result.output.startswith("错误：")
