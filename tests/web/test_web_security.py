"""Everything from the corpus or the request is escaped; only the indexer's snippet is markup.
The XSS index is built from a copy of a bundled file with <script>alert(1)</script> in a body line."""

from __future__ import annotations

import pytest
from web_helpers import XSS, XSS_DOC, html_of

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def assert_escaped(html: str):
    assert "<script" not in html  # no page carries any script at all
    assert "alert(1)" in html


def test_document_page_escapes_corpus_text(xss_client):
    html = html_of(xss_client.get(f"/doc/{XSS_DOC}"))
    assert_escaped(html)
    assert ESCAPED in html


def test_search_snippet_escapes_corpus_text(xss_client):
    html = html_of(xss_client.get("/search", query_string={"q": "秸秆禁烧", "kind": "document"}))
    assert_escaped(html)
    assert ESCAPED in html and "<mark>秸秆禁烧</mark>" in html
    html = html_of(xss_client.get("/search", query_string={"q": "alert"}))
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in html
    assert "<script" not in html


def test_exports_of_the_xss_document(xss_client):
    data = xss_client.get("/search.json", query_string={"q": "alert"}).get_json()
    assert all("<script" not in hit["snippet"] for hit in data["hits"]) and data["hits"]
    csv_text = xss_client.get("/search.csv", query_string={"q": "alert"}).get_data(as_text=True)
    assert XSS in csv_text  # CSV is data, not HTML: the text as written


@pytest.mark.parametrize("path", ["/search", "/", "/chronicle"])
def test_query_is_escaped(client, path):
    response = client.get(path, query_string={"q": XSS})
    html = html_of(response)
    assert "<script" not in html
    assert ESCAPED in html


@pytest.mark.parametrize(
    "params", [{"q": '"<script>alert(1)</script>'}, {"q": "x", "from": XSS}, {"q": "x", "kind": XSS}]
)
def test_error_messages_are_escaped(client, params):
    response = client.get("/search", query_string=params)
    assert response.status_code == 400
    assert "<script" not in html_of(response)


def test_attribute_injection_in_facet_values(client):
    html = html_of(client.get("/search", query_string={"q": "工作", "office": '"><b onmouseover=alert(1)>'}))
    assert "<b onmouseover" not in html
    assert "&#34;&gt;&lt;b onmouseover=alert(1)&gt;" in html


@pytest.mark.parametrize(
    "path", ["/", "/search?q=统计", "/doc/xsf-2022-6", "/chronicle", "/issues", "/search.json?q=统计", "/nope"]
)
def test_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # so no script may run at all
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/search?q=统计", "/doc/xsf-2022-6", "/chronicle", "/issues", "/issues/2022-1"])
def test_no_inline_styles_or_scripts(client, path):
    html = html_of(client.get(path))
    assert "<script" not in html and "style=" not in html and "<style" not in html
