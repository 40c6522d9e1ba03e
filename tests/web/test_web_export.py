"""Exports: /search.csv (UTF-8 with BOM, header row, attachment) and /search.json?_export=1, /export.json."""

from __future__ import annotations

import csv
import io

import pytest

from search_web.export import CUT_NOTE, MAX_CELL_CHARS, cell


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
    assert rows[0][:5] == ["类别", "文号", "标题", "条款", "日期"]
    assert len(rows) - 1 == total(client, **params)  # one row per record


def csv_records(client, **params) -> list[dict]:
    rows = read_csv(client.get("/search.csv", query_string=params))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_csv_content(client):
    [record] = csv_records(client, q="秸秆禁烧", kind="document")
    assert record["编号"] == "xsbz-2022-9" and record["文号"] == "兴署办字〔2022〕9号"
    assert record["类别"] == "文件" and record["发文机关"] == "兴安盟行政公署办公室"
    assert record["链接"].endswith("/doc/xsbz-2022-9")
    document = client.get("/doc/xsbz-2022-9.json").get_json()["document"]
    assert record["全文"] == document["body"]  # the whole text, not a snippet
    assert record["时效性"] == document["validity"]["status"]
    assert record["被引用次数"] == str(len(document["cited_by"]))


def test_csv_rows_carry_whole_clauses_validity_and_citations(client):
    records = csv_records(client, q="统计", kind="clause")
    hits = client.get("/search.json", query_string={"q": "统计", "kind": "clause", "size": 100}).get_json()["hits"]
    assert [r["编号"] for r in records] == [h["id"] for h in hits]
    texts = {}
    for hit in hits:
        doc = client.get(f"/doc/{hit['doc_id']}.json").get_json()["document"]
        texts.update({f"{doc['id']}#{c['id']}": c["text"] for c in doc["clauses"]})
    for record, hit in zip(records, hits):
        assert record["类别"] == "条款"
        assert record["全文"] == texts[hit["id"]] and len(record["全文"]) >= len(hit["snippet"]["text"].strip("…"))
        assert record["时效性"] == hit["validity"]["status"] and record["被引用次数"] == str(hit["cited_by"])
        assert record["链接"].endswith(f"/doc/{hit['doc_id']}#{hit['anchor']}")


def test_csv_english_columns_for_scripts(client):
    rows = read_csv(client.get("/search.csv", query_string={"q": "秸秆", "_columns": "en"}))
    header = rows[0]
    assert header[:3] == ["kind", "wenhao", "title"] and {"validity", "cited_by", "text", "url"} <= set(header)
    kinds = {dict(zip(header, r))["kind"] for r in rows[1:]}
    assert kinds and kinds <= {"document", "clause", "chronicle"}


def test_csv_chronicle_rows_name_their_documents(client):
    records = csv_records(client, kind="chronicle", q="兴安盟军人随军家属就业安置办法")
    named = [r for r in records if r["提到的文件"]]
    assert named, "a 大事记 entry naming a document"
    assert all("《" in r["提到的文件"] and "xslf-" not in r["提到的文件"] for r in named)
    assert all(r["类别"] == "大事记" and r["链接"].split("#")[0].endswith(f"to={r['日期']}") for r in named)


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


def test_a_cell_past_excels_limit_says_it_was_cut():
    long = "统" * (MAX_CELL_CHARS + 10)
    assert cell(long) == "统" * MAX_CELL_CHARS + CUT_NOTE and len(cell(long)) < 32_767


def test_search_page_links_to_exports(client):
    html = client.get("/search?q=统计&year=2022").get_data(as_text=True)
    assert 'href="/search.csv?q=%E7%BB%9F%E8%AE%A1&amp;year=2022"' in html
    assert 'href="/export.json?q=%E7%BB%9F%E8%AE%A1&amp;year=2022"' in html
