"""Exports: /search.csv (UTF-8 with BOM, header row, attachment) and /search.json?_export=1, /export.json."""

from __future__ import annotations

import csv
import io

import pytest

from search_web.export import cell


def total(client, **params):
    return client.get("/search.json", query_string=params).get_json()["total"]


def read_csv(response):
    body = response.get_data()
    assert body.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "params", [{"q": "统计"}, {"q": "秸秆禁烧"}, {"year": "2022"}, {"q": "工作", "kind": "clause"}]
)
def test_csv_has_every_hit(client, params):
    response = client.get("/search.csv", query_string={**params, "page": 2, "size": 5})  # paging is ignored
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = read_csv(response)
    assert rows[0][:5] == ["kind", "id", "doc_id", "wenhao", "title"]
    assert len(rows) - 1 == total(client, **params)


def test_csv_content(client):
    rows = read_csv(client.get("/search.csv", query_string={"q": "秸秆禁烧", "kind": "document"}))
    header, row = rows[0], rows[1]
    record = dict(zip(header, row))
    assert record["id"] == "xsbz-2022-9" and record["wenhao"] == "兴署办字〔2022〕9号"
    assert record["url"].endswith("/doc/xsbz-2022-9")
    assert "秸秆禁烧" in record["snippet"] and "<mark>" not in record["snippet"]


@pytest.mark.parametrize("path", ["/search.json?_export=1&", "/export.json?"])
def test_json_export(client, path):
    data = client.get(path + "q=统计&size=3").get_json()
    assert data["ok"] is True
    assert data["total"] == len(data["hits"]) == total(client, q="统计")
    assert data["capped"] is False


def test_export_errors(client):
    response = client.get("/export.json?q=工作&from=bad")
    assert response.status_code == 400 and response.get_json()["param"] == "from"
    assert client.get("/search.csv?q=工作&kind=memo").status_code == 400


def test_spreadsheet_formulas_are_defused():
    assert cell("=1+1") == "'=1+1" and cell("@x") == "'@x" and cell("统计") == "统计" and cell(None) == ""


def test_search_page_links_to_exports(client):
    html = client.get("/search?q=统计&year=2022").get_data(as_text=True)
    assert 'href="/search.csv?q=%E7%BB%9F%E8%AE%A1&amp;year=2022"' in html
    assert 'href="/export.json?q=%E7%BB%9F%E8%AE%A1&amp;year=2022"' in html
