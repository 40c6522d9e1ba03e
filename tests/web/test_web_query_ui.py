"""The page's query tools: 在结果中检索, 范围, 同时检索 / 精确检索, 高级检索, 检索帮助."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from web_helpers import html_of


def total(html: str) -> int:
    return int(re.search(r'<strong id="total">(\d+)</strong>', html).group(1))


def test_within_box_keeps_query_filters_and_tab(client):
    html = html_of(client.get("/search?q=统计&year=2022&kind=clause"))
    form = re.search(r'<form class="within".*?</form>', html, re.S).group(0)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    assert hidden == {"q": "统计", "year": "2022", "kind": "clause"}
    narrowed = client.get("/search", query_string={**hidden, "within": "企业"})
    page = html_of(narrowed)
    assert narrowed.status_code == 200 and total(page) < total(html)
    assert "在结果中检索：企业" in page  # a chip that removes the refinement
    data = client.get("/search.json", query_string={**hidden, "within": "企业"}).get_json()
    assert data["total"] == total(page)
    again = re.search(r'<form class="within".*?</form>', page, re.S).group(0)
    assert '<input type="hidden" name="within" value="企业">' in again  # a second refinement adds to the first


def test_scope_select_is_kept_and_narrows(client):
    html = html_of(client.get("/search?q=统计+企业&near=sentence"))
    assert '<option value="sentence" selected>' in html
    assert total(html) < total(html_of(client.get("/search?q=统计+企业")))
    assert "范围：同句" in html


def test_equivalent_names_are_said_and_can_be_turned_off(client):
    html = html_of(client.get("/search?q=科右前旗"))
    also = re.search(r'<p class="also" id="also-searched">(.*?)</p>', html, re.S).group(1)
    assert "同时检索：科尔沁右翼前旗" in also
    exact_url = re.search(r'<a href="([^"]+)">精确检索</a>', also).group(1).replace("&amp;", "&")
    assert parse_qs(urlparse(exact_url).query) == {"q": ["科右前旗"], "exact": ["1"]}
    page = html_of(client.get(exact_url))
    assert 'id="also-searched"' not in page and "精确检索：不检索等价名称" in page
    assert client.get("/search.json?q=科右前旗").get_json()["also_searched"] == ["科尔沁右翼前旗"]


def test_advanced_form_builds_the_search_url(client):
    response = client.get(
        "/advanced",
        query_string={
            "go": "1",
            "all": "统计 企业",
            "title": "统计",
            "none": "法治",
            "wenhao": "兴署发",
            "scope": "sentence",
            "type": "意见",
            "from": "2022-01-01",
        },
    )
    assert response.status_code == 303
    query = parse_qs(urlparse(response.headers["Location"]).query)
    assert query == {
        "q": ["统计 企业 标题:(统计) 文号:兴署发 -法治"],
        "type": ["意见"],
        "from": ["2022-01-01"],
        "near": ["sentence"],
    }
    assert client.get(response.headers["Location"]).status_code == 200


def test_advanced_form_near_n_and_its_errors(client):
    response = client.get("/advanced", query_string={"go": "1", "all": "统计 企业", "scope": "chars", "distance": "10"})
    assert parse_qs(urlparse(response.headers["Location"]).query)["q"] == ["统计 NEAR/10 企业"]
    for params, words in (
        ({"all": "统计", "scope": "chars", "distance": "10"}, "恰好填两个词"),
        ({"all": "统计 企业", "scope": "chars", "distance": "x"}, "1 到 500"),
        ({"from": "2022-13-01"}, "不是有效日期"),
        ({}, "请至少填写一项"),
    ):
        page = client.get("/advanced", query_string={"go": "1", **params})
        assert page.status_code == 400 and words in html_of(page)


def test_advanced_form_quotes_what_the_language_would_read_as_syntax(client):
    response = client.get("/advanced", query_string={"go": "1", "all": "OR 统计:", "phrase": "应急 响应"})
    q = parse_qs(urlparse(response.headers["Location"]).query)["q"][0]
    assert q == '"OR" "统计:" "应急 响应"'
    assert client.get("/search.json", query_string={"q": q}).status_code == 200


@pytest.mark.parametrize("path", ["/help", "/advanced"])
def test_guide_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200 and '<html lang="zh-CN">' in html_of(response)


def test_every_help_example_is_a_working_search(client):
    html = html_of(client.get("/help"))
    links = re.findall(r'href="(/search\?[^"]+)"', html)
    assert len(links) >= 15
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200 and total(html_of(response)) > 0, link
