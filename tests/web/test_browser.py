"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Python playwright),
against the app served by waitress on 127.0.0.1 — the same server `gazette serve` runs.

Skipped when chromium is not installed, unless GAZETTE_REQUIRE_BROWSER=1 (CI), then it fails."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from web_helpers import XSS, XSS_DOC

from search_web import create_app
from search_web.serve import make_server

# The browser sees pages, not engines: the web tests prove both engines' pages equal; this one runs
# on the default engine only (it is the slowest test).
pytestmark = pytest.mark.parametrize("engine", ["whoosh"], indirect=True)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


def browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = browser_missing()
    if reason:
        if os.environ.get("GAZETTE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"GAZETTE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class LiveServer:
    """waitress in a background thread on a free loopback port."""

    def __init__(self, index_dir):
        self.server = make_server(create_app({"INDEX_DIR": str(index_dir)}), "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.close()  # the loop ends once its socket map is empty
        self.server.task_dispatcher.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def live_url(index_dir):
    server = LiveServer(index_dir)
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def xss_live_url(xss_index_dir):
    server = LiveServer(xss_index_dir)
    yield server.url
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_search_facet_document_permalink(page, live_url):
    page.goto(live_url + "/")
    assert page.title().endswith("兴安盟行政公署公报")
    page.fill("input[name=q]", "秸秆禁烧")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    assert "q=" in page.url and "秸秆禁烧" in unquote(page.url)
    total = int(page.text_content("#total"))
    assert total > 0
    screenshot(page, "1-search")

    page.click('section[data-facet="year"] button.facet-value:text-is("2022")')
    page.wait_for_url(re.compile(r"year=2022"))
    assert "_toggle" not in page.url  # the button's toggle was applied and the canonical URL shown
    assert page.locator('section[data-facet="year"] button.facet-value.selected').count() == 1
    assert int(page.text_content("#total")) == total  # every hit of this query is from 2022

    page.click('ol.hits li.kind-document a.title[href^="/doc/xsbz-2022-9?q="]')
    page.wait_for_url(re.compile(r"/doc/xsbz-2022-9\?q="))
    assert page.locator("mark#m1").count() == 1  # the query that led here is marked
    assert "秸秆禁烧" in page.text_content("h1")
    screenshot(page, "2-document")

    permalink = page.locator("p.clause a.permalink").nth(2)
    href = permalink.get_attribute("href")
    anchor = href.split("#", 1)[1]
    permalink.click()
    page.wait_for_url(re.compile(rf"#{re.escape(anchor)}$"))
    assert urlparse(page.url).fragment == anchor
    target = page.locator(f'[id="{anchor}"]')
    assert target.count() == 1 and target.is_visible()
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(":target").get_attribute("id") == anchor
    screenshot(page, "3-permalink")
    assert page.dialogs == []


def test_chronicle_and_issue_pages(page, live_url):
    page.goto(live_url + "/issues/2022-1")
    page.click("text=兴安盟行政公署关于构建“大统计”格局促进统计工作高质量发展的实施意见")
    page.wait_for_url(re.compile(r"/doc/xsf-2022-6$"))
    page.goto(live_url + "/doc/xsf-2022-6#c4.1")
    assert page.locator(":target").get_attribute("id") == "c4.1"
    page.goto(live_url + "/chronicle")
    page.fill("input[name=from]", "2022-03-01")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"from=2022-03-01"))
    assert page.locator("h2:text-is('2022年3月')").count() == 1
    screenshot(page, "4-chronicle")


def test_no_script_runs_from_corpus_or_query(page, xss_live_url):
    page.goto(f"{xss_live_url}/doc/{XSS_DOC}")
    assert XSS in page.text_content(".doc-body")  # shown as text
    page.goto(f"{xss_live_url}/search?q=alert")
    assert "<script>" in page.text_content("ol.hits")
    page.goto(xss_live_url + "/")
    page.fill("input[name=q]", XSS)
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state()
    assert page.input_value("input[name=q]") == XSS
    screenshot(page, "5-xss")
    assert page.locator("script").count() == 0
    assert page.dialogs == []


def test_trends_and_crosstab_without_javascript(browser, live_url):
    """The chart is an inline SVG the page draws without any script: it is visible with JavaScript off,
    its bars and points are links, and following one lands on the hits it counts."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_url + "/search?q=统计")
        bars = page.locator("details.trend svg rect.bar")
        assert bars.count() >= 1 and page.locator("details.trend svg").bounding_box()["height"] > 100
        page.click("details.trend a:text-is('逐期')")
        page.wait_for_url(re.compile(r"/trends\?.*by=issue"))
        page.fill("input[name=q]", "统计 | 企业")
        page.select_option("select[name=by]", "year")
        page.click("form.trends-form button[type=submit]")
        page.wait_for_url(re.compile(r"/trends\?.*by=year"))
        assert page.locator("svg polyline.line").count() == 2
        assert page.locator("figcaption.legend").inner_text().split() == ["统计", "企业"]
        box = page.locator("figure.chart svg").bounding_box()
        assert box["width"] > 600 and box["height"] > 200
        screenshot(page, "6-trends")
        point = page.locator("g.series-1 a").first
        count = int(re.search(r"：(\d+) 条", point.locator("title").text_content()).group(1))
        point.click()
        page.wait_for_url(re.compile(r"/search\?"))
        assert int(page.text_content("#total")) == count

        page.goto(live_url + "/crosstab?q=统计&rows=year&cols=type")
        cell = page.locator("table.crosstab tbody td a").first
        count = int(cell.inner_text())
        screenshot(page, "7-crosstab")
        cell.click()
        page.wait_for_url(re.compile(r"/search\?"))
        assert int(page.text_content("#total")) == count
    finally:
        context.close()


def test_document_typography(page, live_url):
    """Table cells do not take the body's paragraph indent; a bare heading is bold, a clause of prose
    (一、…。) is not."""
    page.goto(live_url + "/doc/xsbz-2022-5")
    cell = page.locator("table.doc-table td p").first
    assert cell.evaluate("p => getComputedStyle(p).textIndent") == "0px"
    body = page.locator(".doc-body > p:not(.clause)").first
    assert body.evaluate("p => getComputedStyle(p).textIndent") != "0px"
    prose = page.locator("p.clause#c1")
    assert prose.evaluate("p => getComputedStyle(p).fontWeight") == "400"
    page.goto(live_url + "/doc/xsf-2022-6")
    assert page.locator("p.clause#c4").evaluate("p => getComputedStyle(p).fontWeight") == "700"
