"""/doc, /chronicle, /issues (+ .json), 404/405/500/503 pages and the static file."""

from __future__ import annotations

import re

import pytest
from web_helpers import html_of

from search_web import create_app
from search_web.engine import get_search

# -- documents -----------------------------------------------------------------------------------------


def test_document_page_metadata(client):
    response = client.get("/doc/xsf-2022-6")
    assert response.status_code == 200
    html = html_of(response)
    assert "<h1>兴安盟行政公署关于构建“大统计”格局促进统计工作高质量发展的实施意见</h1>" in html
    meta = re.search(r'<dl class="doc-meta">.*?</dl>', html, re.S).group(0)
    for text in (
        "兴署发〔2022〕6号",
        "兴安盟行政公署",
        "意见",
        "2022-01-04",
        "未标注公开发布",
        'href="/issues/2022-1"',
    ):
        assert text in meta, text
    assert "兴安盟构建“大统计”格局促进统计工作 高质量发展工作领导小组" in html  # attachments


def test_a_bare_heading_is_drawn_as_one_and_a_clause_of_prose_is_not(client):
    """四、工作举措 (its content in the clauses below) is a heading; 一、认真贯彻执行…。 is a sentence."""
    headings = html_of(client.get("/doc/xsf-2022-6"))
    assert re.search(r'<p class="clause level-1 heading" id="c4">', headings)
    prose = html_of(client.get("/doc/xsbz-2022-5"))
    clauses = re.findall(r'<p class="(clause level-1[^"]*)" id="(c\d)">', prose)
    assert [c for c, _ in clauses] == ["clause level-1"] * 4, clauses


@pytest.mark.parametrize(
    "doc_id, said, counted_from",
    [
        ("xslf-2022-1", "自成文日期起算（未载印发日期）", "成文日期（未载印发日期）"),
        ("xsbf-2023-14", "自印发日期起算", "印发日期"),
    ],
)
def test_document_says_which_day_its_dates_count_from(client, doc_id, said, counted_from):
    html = html_of(client.get(f"/doc/{doc_id}"))
    validity = re.search(r'<dd class="validity">(.*?)</dd>', html, re.S).group(1)
    assert f'<span class="counted-from">（{said}）</span>' in validity
    assert client.get(f"/doc/{doc_id}.json").get_json()["document"]["validity"]["counted_from"] == counted_from


def test_public_status(client):
    assert "此件公开发布" in html_of(client.get("/doc/xsf-2023-41"))


def test_document_clause_anchors_and_permalinks(client):
    html = html_of(client.get("/doc/xsf-2022-6"))
    assert re.search(
        r'<p class="clause level-2[^"]*" id="c4\.1"><a class="permalink" href="/doc/xsf-2022-6#c4\.1"', html
    )
    clauses = client.get("/doc/xsf-2022-6.json").get_json()["document"]["clauses"]
    for clause in clauses:  # every clause is reachable, exactly once
        assert html.count(f'id="{clause["id"]}"') == 1, clause["id"]
        assert f'href="/doc/xsf-2022-6#{clause["id"]}"' in html


def test_document_body_paragraphs_in_order(client):
    doc = client.get("/doc/xsbz-2022-9.json").get_json()["document"]
    html = html_of(client.get("/doc/xsbz-2022-9"))
    body = re.search(r'<div class="doc-body">(.*?)</div>', html, re.S).group(1)
    paragraphs = [re.sub(r"<[^>]+>", "", p).lstrip("¶") for p in re.findall(r"<p[^>]*>(.*?)</p>", body, re.S)]
    expected = [line for line in doc["body"].split("\n") if line.strip()]
    assert paragraphs == expected


def test_citation_outside_corpus_is_not_linked(client):
    html = html_of(client.get("/doc/xslf-2022-1"))
    citations = re.search(r'<section class="citations">.*?</section>', html, re.S).group(0)
    assert "国发〔2013〕42号" in citations
    assert not re.search(r"<a [^>]*>国发〔2013〕42号</a>", citations)
    assert "未收录" in citations
    assert "本公报中没有文件引用它" in html  # cited-by list is empty for this corpus


def test_resolved_citation_is_linked(app, client, monkeypatch):
    """No document of the bundled corpus cites another one, so fake one resolved citation."""
    with app.app_context():
        engine = get_search()
    real = engine.document

    def document(doc_id, *args, **kwargs):
        doc = real(doc_id, *args, **kwargs)
        if doc and doc_id == "xslf-2022-1":
            doc["citations_resolved"][0] = {"wenhao": "兴署发〔2022〕6号", "doc_id": "xsf-2022-6", "title": "实施意见"}
            doc["cited_by"] = [
                {"doc_id": "xsf-2022-6", "wenhao": "兴署发〔2022〕6号", "title": "实施意见", "date": "2022-01-04"}
            ]
        return doc

    monkeypatch.setattr(engine, "document", document)
    html = html_of(client.get("/doc/xslf-2022-1"))
    assert '<a href="/doc/xsf-2022-6">兴署发〔2022〕6号</a>' in html
    cited_by = re.search(r'<section class="cited-by">.*?</section>', html, re.S).group(0)
    assert '<a href="/doc/xsf-2022-6">实施意见</a>' in cited_by


def test_document_json(client):
    response = client.get("/doc/xsf-2022-6.json")
    assert response.status_code == 200
    data = response.get_json()
    assert data["ok"] is True
    doc = data["document"]
    assert doc["id"] == "xsf-2022-6" and doc["wenhao"] == "兴署发〔2022〕6号"
    assert any(c["id"] == "c4.1" for c in doc["clauses"])
    assert doc["issue"]["id"] == "2022-1"


@pytest.mark.parametrize("doc_id", ["nope", "xsf-2022-999", "x" * 300, "..%2F..%2Fetc%2Fpasswd"])
def test_unknown_document(client, doc_id):
    response = client.get(f"/doc/{doc_id}")
    assert response.status_code == 404
    assert "页面不存在" in html_of(response)
    response = client.get(f"/doc/{doc_id}.json")
    assert response.status_code == 404
    data = response.get_json()
    assert data["ok"] is False and data["error"]


# -- 大事记 ------------------------------------------------------------------------------------------------


def test_chronicle_grouped_by_month(client):
    response = client.get("/chronicle")
    assert response.status_code == 200
    html = html_of(response)
    months = re.findall(r'<h2 id="m(\d{4}-\d\d)">', html)
    assert months == ["2022-01", "2022-02", "2022-03"]
    assert "2022年1月" in html
    assert 'id="dsj-2022-01-05-1"' in html
    assert html.index('id="dsj-2022-01-05-1"') < html.index('id="dsj-2022-03-31-1"')
    assert int(re.search(r'<strong id="total">(\d+)</strong>', html).group(1)) == 68


def test_chronicle_json_and_filters(client):
    data = client.get("/chronicle.json").get_json()
    assert data["ok"] is True and data["total"] == 68
    assert [m["month"] for m in data["months"]] == ["2022-01", "2022-02", "2022-03"]
    march = client.get("/chronicle.json?from=2022-03-01&to=2022-03-31").get_json()
    entries = [e for m in march["months"] for e in m["entries"]]
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates) and dates[-1] == "2022-03-31"
    assert all((e["end_date"] or e["date"]) >= "2022-03-01" for e in entries)  # multi-day entries overlap
    keyword = client.get("/chronicle.json", query_string={"q": "大豆"}).get_json()
    assert 0 < keyword["total"] < 68
    assert all(
        e["snippet"]["marks"] and all(e["snippet"]["text"][a:b] == "大豆" for a, b in e["snippet"]["marks"])
        for m in keyword["months"]
        for e in m["entries"]
    )
    html = html_of(client.get("/chronicle", query_string={"q": "大豆", "from": "2022-01-01"}))
    assert 'value="大豆"' in html and 'value="2022-01-01"' in html and "<mark>" in html


def test_chronicle_errors(client):
    response = client.get("/chronicle.json?from=2022-02-30")
    assert response.status_code == 400 and response.get_json()["param"] == "from"
    response = client.get("/chronicle", query_string={"q": '"大豆'})
    assert response.status_code == 400
    assert 'id="query-error"' in html_of(response)


# -- issues ------------------------------------------------------------------------------------------------


def test_issues_list(client):
    html = html_of(client.get("/issues"))
    assert 'href="/issues/2022-1"' in html and 'href="/issues/2023-e36fef1b"' in html
    assert 'href="/doc/xsf-2022-6"' in html  # tables of contents link to the documents
    data = client.get("/issues.json").get_json()
    assert data["ok"] is True
    assert [i["id"] for i in data["issues"]] == ["2022-1", "2023-e36fef1b"]


def test_issue_page(client):
    html = html_of(client.get("/issues/2022-1"))
    assert "兴安盟行政公署公报2022年第1期（第一季度）（总第77期）" in html
    assert html.count('href="/doc/') >= 7
    assert "兴安盟行政公署办公室文件" in html
    assert 'href="/chronicle?issue=2022-1"' in html
    data = client.get("/issues/2022-1.json").get_json()
    assert data["ok"] is True and data["issue"]["chronicle_count"] == 68


def test_table_of_contents_numbers_each_section_from_one(client):
    """Each section heading stands above its own numbered list, as the print numbers them (1–2, 1–5, 1):
    a heading is not an entry of the list."""
    html = html_of(client.get("/issues/2022-1"))
    toc = client.get("/issues/2022-1.json").get_json()["issue"]["toc"]
    sections: list[tuple[str, int]] = []
    for entry in toc:
        if not sections or sections[-1][0] != entry["section"]:
            sections.append((entry["section"], 0))
        sections[-1] = (entry["section"], sections[-1][1] + 1)
    shown = re.findall(r'<h3 class="toc-section">([^<]+)</h3>\s*<ol class="toc[^"]*">(.*?)</ol>', html, re.S)
    assert [(title, part.count("<li")) for title, part in shown] == sections
    assert [n for _, n in sections] == [2, 5, 1]
    assert "toc-section" not in "".join(part for _, part in shown)  # no heading inside a numbered list
    # each entry carries the number the print gives it; the 大事记, printed unnumbered, shows none
    values = [[int(v) if v else None for v in re.findall(r'<li(?: value="(\d+)")?>', part)] for _, part in shown]
    assert values == [[e["number"] for e in toc if e["section"] == title] for title, _ in shown]
    assert values == [[1, 2], [1, 2, 3, 4, 5], [None]]
    assert re.search(r'<ol class="toc unnumbered">\s*<li><a href="/chronicle', html)


def test_table_of_contents_numbers_as_printed_and_links_titles_printed_in_other_widths(client):
    """The JSON gives each entry the number the print gives it; an entry printed with ASCII (试行) links to
    the document whose title prints （试行） (issue 21, defect 2)."""
    for summary in client.get("/issues.json").get_json()["issues"]:
        issue = client.get(f"/issues/{summary['id']}.json").get_json()["issue"]
        numbers: dict[str, list[int]] = {}
        for entry in issue["toc"]:
            if entry["number"] is not None:  # the 大事记, alone in its section, is printed unnumbered
                numbers.setdefault(entry["section"], []).append(entry["number"])
        assert numbers and all(got == list(range(1, len(got) + 1)) for got in numbers.values()), numbers
        assert all(entry["doc_id"] for entry in issue["toc"] if "大事记" not in entry["title"]), issue["toc"]
    issue_2023 = next(i for i in client.get("/issues.json").get_json()["issues"] if i["year"] == 2023)
    toc = client.get(f"/issues/{issue_2023['id']}.json").get_json()["issue"]["toc"]
    trial = next(e for e in toc if "联动方案(试行)" in e["title"])
    title = client.get(f"/doc/{trial['doc_id']}.json").get_json()["document"]["title"]
    assert "联动方案（试行）" in title
    html = html_of(client.get(f"/issues/{issue_2023['id']}"))
    assert f'<a href="/doc/{trial["doc_id"]}">{trial["title"]}</a>' in html


def test_issue_chronicle_filter(client):
    assert client.get("/chronicle.json?issue=2022-1").get_json()["total"] == 68
    assert client.get("/chronicle.json?issue=2023-e36fef1b").get_json()["total"] == 0


def test_unknown_issue(client):
    assert client.get("/issues/1999-9").status_code == 404
    response = client.get("/issues/1999-9.json")
    assert response.status_code == 404 and response.get_json()["ok"] is False


# -- errors, headers, static -------------------------------------------------------------------------------


def test_unknown_route(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    html = html_of(response)
    assert "页面不存在" in html and '<html lang="zh-CN">' in html
    response = client.get("/no/such/page.json")
    assert response.status_code == 404
    assert response.get_json() == {"ok": False, "error": "没有找到这个页面。", "code": "http_404", "param": None}


def test_method_not_allowed(client):
    assert client.post("/search", data={"q": "x"}).status_code == 405
    assert client.post("/search.json").get_json()["ok"] is False


def test_server_error_is_a_plain_page(index_dir):
    app = create_app({"INDEX_DIR": str(index_dir), "TESTING": True, "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    @app.get("/boom.json")
    def boom():
        raise RuntimeError("secret detail")

    client = app.test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    html = html_of(response)
    assert "服务器出错了" in html and "secret detail" not in html and "Traceback" not in html
    response = client.get("/boom.json")
    assert response.status_code == 500 and response.get_json()["ok"] is False


def test_missing_index_is_503(tmp_path):
    client = create_app({"INDEX_DIR": str(tmp_path / "none"), "TESTING": True}).test_client()
    response = client.get("/search?q=工作")
    assert response.status_code == 503 and "索引" in html_of(response)
    assert client.get("/issues.json").get_json()["ok"] is False


def test_debug_is_never_on(index_dir):
    assert create_app({"INDEX_DIR": str(index_dir), "DEBUG": True}).debug is False


def test_stylesheet(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    response.close()


def test_a_combined_issue_is_listed_with_its_range(tmp_path):
    """兴安盟行政公署公报2019年1-3期(总第52期): one issue, id 2019-1-3, labelled 第1-3期, last_number in the JSON."""
    from indexer.build import build_index

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "2019-1-3.txt").write_text(
        "兴安盟行政公署公报2019年1-3期(总第52期)\n\n兴安盟行政公署关于做好春耕备耕工作的通知\n\n兴署发〔2019〕3号\n\n"
        "各旗县市人民政府，盟直有关部门：\n\n现将有关事项通知如下，请认真贯彻执行。\n\n兴安盟行政公署\n\n2019年2月20日\n",
        encoding="utf-8",
    )
    build_index(corpus_dir, tmp_path / "index")
    client = create_app({"INDEX_DIR": str(tmp_path / "index"), "TESTING": True}).test_client()
    (issue,) = client.get("/issues.json").get_json()["issues"]
    assert (issue["id"], issue["number"], issue["last_number"], issue["total_number"]) == ("2019-1-3", 1, 3, 52)
    assert issue["label"] == "兴安盟行政公署公报2019年第1-3期（总第52期）"
    assert "兴安盟行政公署公报2019年第1-3期（总第52期）" in html_of(client.get("/issues/2019-1-3"))
