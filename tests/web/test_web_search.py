"""/ and /search (+ .json): query, tabs, facets and their toggle URLs, sort, dates, pages, errors."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from web_helpers import facet_links, html_of, refine_state, submit_toggle

from indexer.api import MAX_QUERY_CHARS


def search_json(client, **params):
    response = client.get("/search.json", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    assert data["ok"] is True
    return data


def assert_envelope(response, param, status=400):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert data["ok"] is False and data["error"]
    assert data["param"] == param
    return data


# -- start page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/search"])
def test_empty_query_shows_start_page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = html_of(response)
    assert '<html lang="zh-CN">' in html
    assert 'name="q"' in html
    assert "最新文件" in html and "各期公报" in html
    assert 'href="/issues/2022-1"' in html
    assert 'href="/doc/xslf-2023-3"' in html  # the newest document comes first
    assert 'class="error"' not in html


def test_home_with_query_searches(client):
    html = html_of(client.get("/", query_string={"q": "秸秆禁烧"}))
    assert 'href="/doc/xsbz-2022-9?q=%E7%A7%B8%E7%A7%86%E7%A6%81%E7%83%A7"' in html  # the hit carries the query


# -- results -----------------------------------------------------------------------------------------


def test_search_finds_document_html(client):
    response = client.get("/search", query_string={"q": "秸秆禁烧"})
    assert response.status_code == 200
    html = html_of(response)
    assert 'value="秸秆禁烧"' in html
    assert 'href="/doc/xsbz-2022-9?q=%E7%A7%B8%E7%A7%86%E7%A6%81%E7%83%A7"' in html
    assert "兴署办字〔2022〕9号" in html
    assert "<mark>" in html
    total = int(re.search(r'<strong id="total">(\d+)</strong>', html).group(1))
    assert total == search_json(client, q="秸秆禁烧")["total"]


def test_search_json_shape(client):
    data = search_json(client, q="秸秆禁烧")
    assert {"total", "page", "size", "pages", "hits", "facets"} <= set(data)
    documents = [h for h in data["hits"] if h["kind"] == "document"]
    assert [h["id"] for h in documents] == ["xsbz-2022-9"]
    years = {f["value"]: f for f in data["facets"]["year"]}
    assert "2022" in years and years["2022"]["count"] == data["total"]
    for name in ("year", "office", "type", "kind", "issue"):
        for value in data["facets"][name]:
            assert {"value", "count", "selected", "toggle_url"} <= set(value)
            assert value["toggle_url"].startswith("/search.json")


def test_clause_hit_links_to_anchor_with_path(client):
    html = html_of(client.get("/search", query_string={"q": "秸秆禁烧", "kind": "clause"}))
    anchors = re.findall(r'href="/doc/xsbz-2022-9\?q=[^"#]+#(c[\d.]+)"', html)
    assert anchors
    assert 'class="path"' in html and "›" in html


def test_chronicle_hit_links_to_its_day(client):
    data = search_json(client, q="大豆", kind="chronicle")
    assert data["total"] >= 1 and all(h["kind"] == "chronicle" and h["doc_id"] is None for h in data["hits"])
    hit = data["hits"][0]
    html = html_of(client.get("/search", query_string={"q": "大豆", "kind": "chronicle"}))
    assert f'#{hit["id"]}"' in html
    assert f"大事记 · {hit['date']}" in html


@pytest.mark.parametrize("typed", ["兴署办字〔2022〕9号", "兴署办字[2022]9号", "兴署办字2022年9号"])
def test_wenhao_typed_any_way(client, typed):
    assert search_json(client, q=typed)["hits"][0]["id"] == "xsbz-2022-9"


def test_wenhao_and_cites_params(client):
    data = search_json(client, wenhao="兴署发〔2022〕6号", kind="document")
    assert [h["id"] for h in data["hits"]] == ["xsf-2022-6"]
    data = search_json(client, cites="国发〔2013〕42号", kind="document")
    assert "xslf-2022-1" in [h["id"] for h in data["hits"]]
    html = html_of(client.get("/search", query_string={"cites": "国发〔2013〕42号"}))
    assert "引用文号：国发〔2013〕42号" in html  # shown as a removable filter chip


def test_query_syntax_is_accepted(client):
    for q in ['"大统计"', "秸秆 OR 医疗废物", "统计 -企业"]:
        assert search_json(client, q=q)["total"] > 0, q
    assert search_json(client, q="统计 -企业")["total"] < search_json(client, q="统计")["total"]


# -- tabs and facets -------------------------------------------------------------------------------


def test_kind_tabs(client):
    html = html_of(client.get("/search", query_string={"q": "秸秆禁烧", "kind": "clause"}))
    tabs = re.search(r'<nav class="tabs".*?</nav>', html, re.S).group(0)
    for label in ("全部", "文件", "条款", "大事记"):
        assert label in tabs
    assert re.search(r'class="selected" aria-current="page">条款', tabs)
    data = search_json(client, q="秸秆禁烧", kind="clause")
    assert data["hits"] and all(h["kind"] == "clause" for h in data["hits"])


def test_following_year_facet_filters_and_clears(client):
    base = client.get("/search", query_string={"q": "统计"})
    links = facet_links(html_of(base), "year")
    assert {"2022", "2023"} <= set(links)
    filtered = client.get(links["2023"], follow_redirects=True)
    assert filtered.status_code == 200 and filtered.request.args.get("year") == "2023"
    html = html_of(filtered)
    assert "年份：2023" in html
    data = search_json(client, q="统计", year="2023")
    assert data["hits"] and all(h["date"].startswith("2023") for h in data["hits"])
    assert int(re.search(r'<strong id="total">(\d+)</strong>', html).group(1)) == data["total"]
    # the selected value's link clears it again
    cleared = client.get(facet_links(html, "year")["2023"])
    assert cleared.status_code == 303 and "year=" not in cleared.headers["Location"]
    assert html_of(client.get(cleared.headers["Location"])).count('id="total"') == 1


def test_json_toggle_urls_round_trip(client):
    data = search_json(client, q="统计")
    value = next(v for v in data["facets"]["year"] if v["value"] == "2023")
    filtered = client.get(value["toggle_url"]).get_json()
    assert filtered["total"] == value["count"]
    selected = next(v for v in filtered["facets"]["year"] if v["value"] == "2023")
    assert selected["selected"] is True
    assert client.get(selected["toggle_url"]).get_json()["total"] == data["total"]


def test_several_values_of_one_facet(client):
    one = search_json(client, office="兴安军分区")["total"]
    both = client.get("/search.json?office=兴安军分区&office=兴安盟行政公署办公室").get_json()
    other = search_json(client, office="兴安盟行政公署办公室")["total"]
    assert both["total"] == one + other  # the two offices never sign together
    selected = {v["value"] for v in both["facets"]["office"] if v["selected"]}
    assert selected == {"兴安军分区", "兴安盟行政公署办公室"}
    html = html_of(client.get("/search?office=兴安军分区&office=兴安盟行政公署办公室"))
    assert "发文机关：兴安军分区" in html and "发文机关：兴安盟行政公署办公室" in html
    # removing one keeps the other
    location = client.get(facet_links(html, "office")["兴安军分区"]).headers["Location"]
    assert "office=%E5%85%B4%E5%AE%89%E7%9B%9F" in location and "%E5%86%9B%E5%88%86%E5%8C%BA" not in location


def test_type_and_issue_facets(client):
    data = search_json(client, q="工作", type="意见")
    assert data["hits"] and all(h["doc_type"] == "意见" for h in data["hits"])
    data = search_json(client, q="工作", issue="2023-e36fef1b")
    assert data["hits"] and all(h["issue_id"] == "2023-e36fef1b" for h in data["hits"])
    html = html_of(client.get("/search", query_string={"q": "工作"}))
    assert "兴安盟行政公署公报2022年第1期" in facet_links(html, "issue").__repr__()


def test_a_chosen_issue_with_no_hit_left_is_named_by_its_title(client):
    """秸秆 is in one issue only: with the other issue chosen nothing is found, and the chosen issue is
    still listed (so it can be cleared) under the title it has where it has hits, not its id."""
    titles = {v["value"]: v["label"] for v in search_json(client, q="统计")["facets"]["issue"]}
    hit_issues = {v["value"] for v in search_json(client, q="秸秆")["facets"]["issue"]}
    [other] = set(titles) - hit_issues
    assert titles[other] != other
    data = search_json(client, q="秸秆", issue=other)
    assert data["total"] == 0
    chosen = [(v["value"], v["label"], v["count"]) for v in data["facets"]["issue"] if v["selected"]]
    assert chosen == [(other, titles[other], 0)]
    html = html_of(client.get("/search", query_string={"q": "秸秆", "issue": other}))
    assert f"期号：{titles[other]}" in html


def test_browse_with_filter_and_no_query(client):
    response = client.get("/search", query_string={"year": "2023", "kind": "document"})
    assert response.status_code == 200
    html = html_of(response)
    assert 'href="/doc/xsf-2023-41"' in html
    assert search_json(client, year="2023", kind="document")["total"] == 5


def test_facet_selection_is_kept_in_the_query_form(client):
    html = html_of(client.get("/search?q=统计&year=2022&office=兴安盟行政公署"))
    assert '<input type="hidden" name="year" value="2022">' in html
    assert '<input type="hidden" name="office" value="兴安盟行政公署">' in html


# -- sort, dates, pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("sort, reverse", [("date", False), ("-date", True)])
def test_sort_by_date(client, sort, reverse):
    data = search_json(client, q="工作", sort=sort, size=50)
    dates = [h["date"] for h in data["hits"] if h["date"]]
    assert len(dates) > 10 and dates == sorted(dates, reverse=reverse)
    html = html_of(client.get("/search", query_string={"q": "工作", "sort": sort}))
    assert f'<option value="{sort}" selected>' in html


def test_date_range(client):
    data = search_json(client, q="工作", **{"from": "2022-03-01", "to": "2022-03-31"}, size=100)
    assert data["hits"]
    assert all("2022-03-01" <= h["date"] <= "2022-03-31" for h in data["hits"])
    html = html_of(client.get("/search", query_string={"q": "工作", "from": "2022-03-01", "to": "2022-03-31"}))
    assert 'name="from" value="2022-03-01"' in html and 'name="to" value="2022-03-31"' in html
    assert "起始日期：2022-03-01" in html


def test_pagination(client):
    first = search_json(client, q="工作", size=5)
    second = search_json(client, q="工作", size=5, page=2)
    assert first["pages"] == -(-first["total"] // 5) and second["page"] == 2
    assert {h["id"] for h in first["hits"]}.isdisjoint(h["id"] for h in second["hits"])
    html = html_of(client.get("/search", query_string={"q": "工作", "size": 5, "page": 2}))
    assert re.search(r'<a href="[^"]*page=3[^"]*" rel="next">', html)
    assert re.search(r'<a href="[^"]*size=5[^"]*" rel="prev">', html)
    assert f"第 2 / {first['pages']} 页" in html


@pytest.mark.parametrize("page", [3, 4, 5, 50, 1000])
def test_page_past_the_end_is_empty_with_a_way_back(client, page):
    data = search_json(client, q="医疗", page=page)
    assert data["hits"] == [] and data["total"] > 0 and data["pages"] < page
    response = client.get("/search", query_string={"q": "医疗", "page": page})
    assert response.status_code == 200
    html = html_of(response)
    assert f"第 {page} 页超出范围：共 {data['pages']} 页" in html
    assert f"第 {page} / " not in html  # the heading does not claim a page that is not there
    back = re.search(r'<a href="([^"]+)">回到最后一页</a>', html).group(1).replace("&amp;", "&")
    last = client.get(back)
    assert last.status_code == 200 and f"第 {data['pages']} / {data['pages']} 页" in html_of(last)


def test_underscore_params_are_ignored(client):
    assert search_json(client, q="秸秆禁烧", _shape="objects")["total"] == search_json(client, q="秸秆禁烧")["total"]


# -- errors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, param",
    [
        ({"q": "工作", "from": "2022-13-01"}, "from"),
        ({"q": "工作", "to": "yesterday"}, "to"),
        ({"q": "工作", "from": "2023-01-01", "to": "2022-01-01"}, "from"),
        ({"q": "工作", "kind": "memo"}, "kind"),
        ({"q": "工作", "sort": "title"}, "sort"),
        ({"q": "工作", "year": "22"}, "year"),
        ({"q": "工作", "page": "0"}, "page"),
        ({"q": "工作", "page": "1001"}, "page"),
        ({"q": "工作", "page": "two"}, "page"),
        ({"q": "工作", "size": "101"}, "size"),
        ({"q": "工作", "size": "0"}, "size"),
        ({"q": "统" * (MAX_QUERY_CHARS + 1)}, "q"),
        ({"q": '"秸秆禁烧'}, "q"),
        ({"wenhao": "not a wenhao"}, "wenhao"),
        ({}, "q"),  # nothing to search for
    ],
)
def test_bad_params_give_json_envelope(client, params, param):
    assert_envelope(client.get("/search.json", query_string=params), param)


@pytest.mark.parametrize(
    "params, words",
    [
        ({"q": '"秸秆禁烧'}, "第 1 个字符处的引号 &#34; 没有闭合"),
        ({"q": "统" * (MAX_QUERY_CHARS + 1)}, f"上限为 {MAX_QUERY_CHARS}"),
        ({"q": "工作", "from": "2022-13-01"}, "不是有效日期"),
        ({"q": "工作", "kind": "memo"}, "memo"),
        ({"q": "工作", "size": "500"}, "超出范围"),
        ({"q": "统计*"}, "通配符"),
    ],
)
def test_bad_params_show_message_next_to_query_box(client, params, words):
    response = client.get("/search", query_string=params)
    assert response.status_code == 400
    html = html_of(response)
    form = re.search(r'<form class="search".*?</form>', html, re.S).group(0)
    error = re.search(r'<p class="error" id="query-error" role="alert">(.*?)</p>', form, re.S)
    assert error and words in error.group(1)
    assert 'aria-invalid="true"' in form
    assert "Traceback" not in html


def test_unbalanced_quote_keeps_query_in_box(client):
    html = html_of(client.get("/search", query_string={"q": '"秸秆禁烧'}))
    assert 'value="&#34;秸秆禁烧"' in html


def test_toggle_links_are_the_whole_state_encoded(app):
    """The JSON twin's links are made from the state encoded once; each must be what encoding the
    whole state plus the value gives (odd characters included)."""
    from urllib.parse import urlencode

    from indexer.api import parse_request
    from search_web.state import SearchUrls, state_pairs

    params = {"q": '统计 "a&b=c" +工作', "office": "兴安军分区", "from": "2022-01-01", "within": "100% 完成"}
    req = parse_request(params)
    with app.test_request_context():
        urls = SearchUrls(req, "search.search_json", fmt="json")
        base = urls.current().split("?")[0]
        for name, value in [("office", "兴安盟行政公署办公室"), ("type", "通知 & 公告"), ("person", "苏和?=#")]:
            assert urls.toggle(name, value) == f"{base}?{urlencode(state_pairs(req) + [(name, value)])}"
        one = SearchUrls(parse_request({"year": "2022"}), "search.search_json", fmt="json")
        assert (
            one.toggle("office", "兴安军分区")
            == f"{base}?year=2022&office=%E5%85%B4%E5%AE%89%E5%86%9B%E5%88%86%E5%8C%BA"
        )
        none = SearchUrls(parse_request({}), "search.search_json", fmt="json")
        assert none.toggle("year", "2023") == f"{base}?year=2023"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "统计"},
        {"q": "工作", "year": ["2022", "1999"], "office": "不存在的机关"},
        {"q": "工作", "type": ["通知", "通知"], "kind": "clause"},
        {"year": "2023"},
    ],
)
def test_json_facets_are_the_page_views_as_data(app, params):
    """The JSON twin builds its facet dicts directly; they must be what the page's views say."""
    from indexer.api import parse_request
    from search_web.engine import get_search
    from search_web.facets import build_facets, facets_json
    from search_web.state import SearchUrls

    with app.test_request_context("/search.json"):
        req = parse_request(params)
        result = get_search().search(req)
        urls = SearchUrls(req, "search.search_json", fmt="json")
        views = {f.name: [o.to_dict() for o in f.options] for f in build_facets(result, urls, with_urls=True)}
        assert facets_json(result, urls) == views
        chosen = any(name in params for name in views)
        assert any(o["selected"] for options in views.values() for o in options) == chosen


def test_every_facet_value_can_be_listed(client):
    """A facet lists its 30 most frequent values and a button that lists all of them; the list stays open
    while values are chosen, and can be closed."""
    html = html_of(client.get("/search", query_string={"year": "2022"}))
    values = search_json(client, year="2022", _all="person")["facets"]["person"]
    more = re.search(
        r"另有 (\d+) 项未列出 ·\s*<button[^>]*name=\"_all\" value=\"person\">显示全部 (\d+) 项</button>", html
    )
    assert more and int(more.group(2)) == len(values) == int(more.group(1)) + 30
    assert len(search_json(client, year="2022")["facets"]["person"]) == 30
    expanded_url = "/search?" + urlencode(refine_state(html) + [("_all", "person")])  # what the button submits
    expanded = html_of(client.get(expanded_url))
    assert set(facet_links(expanded, "person")) == {v["label"] for v in values}
    assert "另有" not in re.search(r'data-facet="person">(.*?)</section>', expanded, re.S).group(1)
    chosen = client.get(submit_toggle(expanded, f"person:{values[-1]['value']}"))  # the least frequent one
    assert chosen.status_code == 303 and "_all=person" in chosen.headers["Location"]
    page = html_of(client.get(chosen.headers["Location"]))
    assert f'<strong id="total">{values[-1]["count"]}</strong>' in page
    closed = re.search(r'<a href="([^"]+)">收起</a>', expanded).group(1).replace("&amp;", "&")
    assert "_all" not in closed and "显示全部" in html_of(client.get(closed))


def test_a_date_range_says_how_many_undated_results_it_leaves_out(client):
    """The 2022 list of major decisions prints no date: a range leaves its hits out, and the page says so
    with a link to them (year=未注明日期), as the JSON twin gives the count."""
    params = "q=重大行政决策&from=2022-01-01&to=2023-12-31"
    data = client.get(f"/search.json?{params}").get_json()
    assert data["undated_outside"] > 0
    page = client.get(f"/search?{params}").get_data(as_text=True)
    assert f"另有 {data['undated_outside']} 条结果出自未注明成文日期的文件" in page
    link = client.get("/search.json?q=重大行政决策&year=未注明日期").get_json()
    literal = sum(t["count"] for t in link["tiers"] if t["kind"] in ("text", "reading"))
    assert literal == data["undated_outside"]  # the literal reading's hits (relaxed tiers come after them)
    assert "undated-notice" not in client.get("/search?q=重大行政决策").get_data(as_text=True)


def test_a_query_nothing_answers_says_so_by_the_box(client):
    """No silent zero, in both twins: the page and the JSON say in Chinese that nothing matched, naming the query."""
    data = search_json(client, q="xyzzy 十十月")
    assert data["total"] == 0 and data["notice"].startswith("未找到“xyzzy 十十月”")
    page = html_of(client.get("/search", query_string={"q": "xyzzy 十十月"}))
    assert "未找到“xyzzy 十十月”" in page and page.count("没有找到结果") == 0
