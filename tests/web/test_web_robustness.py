"""Inputs that used to crash a page or make it grow with the square of the request: each is now a clear
4xx or a page linear in its input."""

from __future__ import annotations

import http.client
import threading
import time

import pytest
from web_helpers import html_of

from indexer.facets import MAX_VALUES
from search_web.serve import make_server

# -- amplifying GETs ---------------------------------------------------------------------------------


def test_too_many_values_of_a_facet_is_a_small_fast_400(client):
    offices = ",".join(f"o{i}" for i in range(2000))
    started = time.perf_counter()
    response = client.get(f"/search?q=统计&office={offices}")
    assert time.perf_counter() - started < 1.0
    assert response.status_code == 400 and len(response.data) < 20_000
    assert f"最多可选 {MAX_VALUES} 个值" in html_of(response)
    data = client.get(f"/search.json?q=统计&office={offices}").get_json()
    assert data["code"] == "too_many_values" and data["param"] == "office"


@pytest.mark.parametrize("path", ["/search", "/search.json"])
def test_a_page_grows_linearly_with_its_selected_values(client, path):
    """Each selected value adds a bounded number of bytes: the size's increments stay equal."""

    def size(count: int) -> int:
        query = "&".join(f"office=%E5%8F%91%E6%96%87%E6%9C%BA%E5%85%B3{i:02d}" for i in range(count))
        response = client.get(f"{path}?q=统计&{query}")
        assert response.status_code == 200
        return len(response.data)

    sizes = {k: size(k) for k in (0, 5, 10, 20)}
    first, second = sizes[10] - sizes[5], sizes[20] - sizes[10]
    if path == "/search":
        assert second <= 2.2 * first, sizes  # linear: twice the values add twice the bytes
        assert second / 10 < 1500, sizes  # each value: a few hidden fields, a button and a chip
    else:
        # the JSON twin's toggle_url per value carries the state (as Datasette's do): bounded by the cap
        assert sizes[MAX_VALUES] < 120_000, sizes


def test_a_facet_button_applies_its_toggle_and_shows_the_canonical_url(client):
    response = client.get("/search?q=统计&year=2022&_toggle=year:2023&page=3")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location == "/search?q=%E7%BB%9F%E8%AE%A1&year=2022&year=2023"  # page reset to 1
    response = client.get("/search?q=统计&year=2022&year=2023&_toggle=year:2022")
    assert response.headers["Location"] == "/search?q=%E7%BB%9F%E8%AE%A1&year=2023"
    response = client.get("/search?q=统计&kind=clause&_toggle=kind:document")
    assert response.headers["Location"].endswith("kind=document")


@pytest.mark.parametrize("fmt", ["json", "csv", "atom"])
def test_a_toggle_on_a_machine_format_keeps_its_format(client, fmt):
    """/search.json?…&_toggle=… was redirected to the HTML page: a script following it got HTML."""
    response = client.get(f"/search.{fmt}?q=统计&year=2022&_toggle=year:2023")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/search.{fmt}?q=%E7%BB%9F%E8%AE%A1&year=2022&year=2023"


@pytest.mark.parametrize("path", ["/search.csv?q=(统计", "/search.atom?q=(统计", "/search.csv?q=统计&size=0"])
def test_an_error_on_a_csv_or_a_feed_is_the_json_envelope(client, path):
    """A script fetching CSV, or a feed reader, got the HTML error page it cannot read."""
    response = client.get(path)
    assert response.status_code == 400 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is False and body["code"] and body["error"]


# -- 500s that are now 4xx -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=统计",
        "/search.json?q=统计",
        "/search.csv?q=统计",
        "/export.json?q=统计",
        "/chronicle",
        "/chronicle.json",
    ],
)
@pytest.mark.parametrize("year", ["²⁰²²", "２０２２", "২০২২", "22", "2022a"])
def test_a_year_that_is_not_four_ascii_digits_is_a_400(client, path, year):
    response = client.get(f"{path}&year={year}" if "?" in path else f"{path}?year={year}")
    assert response.status_code == 400
    if path.split("?")[0].endswith(".json"):
        assert response.get_json()["param"] == "year"
    else:
        assert "不是四位数的年份" in html_of(response)


@pytest.mark.parametrize("path", ["/doc/xsf-2022-6", "/issues", "/issues/2022-1"])
def test_pages_without_a_year_ignore_it(client, path):
    assert client.get(f"{path}?year=²⁰²²").status_code == 200


@pytest.mark.parametrize("host", ["..", ".", "a..b", "exa mple.org", "<x>", "[::1", "host:99999999"])
def test_a_malformed_host_header_is_a_400_page_not_a_crash(client, host):
    for path in ("/search?q=统计", "/no/such/page", "/search.json?q=统计"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400
        body = response.get_data(as_text=True)
        assert "Host" in body and "Traceback" not in body


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "gazette.example.org"])
def test_a_good_host_header_is_served(client, host):
    assert client.get("/search?q=统计", headers={"Host": host}).status_code == 200


def test_a_malformed_host_through_waitress(app):
    """The real server: the reply is our 400 page, not waitress's plain-text 500."""
    server = make_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
        conn.putrequest("GET", "/search?q=x", skip_host=True)
        conn.putheader("Host", "..")
        conn.endheaders()
        response = conn.getresponse()
        body = response.read().decode("utf-8")
        assert response.status == 400 and "请求头 Host 的格式不正确" in body
        assert response.getheader("Content-Type").startswith("text/html")
    finally:
        server.close()


@pytest.mark.parametrize("query", ["q=%ff%fe", "q=%E7%BB", "q=%C0%80", "office=%ff&q=x", "%ff=1&q=x"])
def test_invalid_utf8_is_a_400_not_a_search_for_mojibake(client, query):
    response = client.get(f"/search?{query}")
    assert response.status_code == 400 and "不是有效的 UTF-8 编码" in html_of(response)
    data = client.get(f"/search.json?{query}").get_json()
    assert data["ok"] is False and data["code"] == "bad_encoding"


def test_an_overlong_query_string_is_a_414(client):
    response = client.get("/search.json?q=x&" + "a=b&" * 5000)
    assert response.status_code == 414 and response.get_json()["code"] == "uri_too_long"
