"""The real 政府信息公开 pages of ../shared/realworld/govcn printed to PDF as a researcher saves them
(headless Chromium, the browser's date/title head and address/page foot on every page; printed once a
session, tests/browser_print.py) give the records the page gives: one document with the crawler's
文号, title and offices, the page's 成文日期, the tables of the page with their rows and cells, no
page chrome in the body, and no character of the document's text lost."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter

import pytest
from realworld import realworld_dir

import corpus
from corpus.text import squash
from corpus.wenhao import parse_wenhao

if realworld_dir() is None:
    pytest.skip("../shared/realworld is not beside the repository: no real pages to print", allow_module_level=True)
GOVCN = realworld_dir() / "govcn"
GOLD = json.loads((GOVCN / "crawler-metadata.json").read_text(encoding="utf-8"))
CHROME = ("扫一扫在手机打开当前页", "打印本页", "关闭窗口", "【字体：", "分享到", "file://", "http://www.gov.cn")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _table_date(html: str) -> str | None:
    """The page's own 成文日期, read from its metadata table's markup (independently of the parser)."""
    match = re.search(r"成文日期：</b></td>\s*<td>\s*(\d{4})年(\d{2})月(\d{2})日", html)
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


@pytest.fixture(scope="module")
def parsed(printed_realworld):
    """file → (the HTML page's issue, its PDF's issue, pdfminer's warnings while reading the PDF)."""
    out = {}
    for row in GOLD:
        handler = _Collect()
        logging.getLogger("pdfminer").addHandler(handler)
        try:
            pdf = corpus.parse_file(printed_realworld[row["file"]])
        finally:
            logging.getLogger("pdfminer").removeHandler(handler)
        out[row["file"]] = (corpus.parse_file(GOVCN / row["file"]), pdf, handler.messages)
    return out


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _text(doc) -> str:
    return doc.title + doc.body  # a table's cells are lines of the body


def _cells(doc) -> list[list[list[str]]]:
    """A document's tables as rows of cells, white space left out (the header row first)."""
    return [
        [[squash(cell) for cell in t.header]] * bool(t.header) + [[squash(" ".join(c)) for c in r] for r in t.rows]
        for t in doc.tables
    ]


@pytest.mark.parametrize("row", GOLD, ids=[row["file"] for row in GOLD])
def test_each_printed_page_is_the_page_s_one_document(parsed, row):
    _, issue, _ = parsed[row["file"]]
    assert [d.title for d in issue.documents] == [issue.documents[0].title], "one document, no phantom"
    doc = issue.documents[0]
    assert doc.wenhao_normalized == parse_wenhao(row["release_number"]).canonical
    assert squash(doc.title) == squash(row["title"])
    assert doc.offices == row["release_office"].split("、")
    expected = _table_date((GOVCN / row["file"]).read_text(encoding="utf-8"))
    assert expected and doc.date.isoformat() == expected
    assert not [chrome for chrome in CHROME if chrome in doc.body]


@pytest.mark.parametrize("row", GOLD, ids=[row["file"] for row in GOLD])
def test_no_character_of_the_page_s_document_is_lost_in_print(parsed, row):
    """Every Han character of the HTML document (title, body, table cells — a merged cell counted in
    each place it covers) is in the PDF's document as often."""
    html, pdf, _ = parsed[row["file"]]
    wanted = Counter(HAN.findall(_text(html.documents[0])))
    got = Counter(HAN.findall("".join(_text(d) for d in pdf.documents)))
    lost = wanted - got
    assert not lost, f"{sum(lost.values())} lost: {''.join(sorted(lost.elements()))[:200]}"


def test_tables_keep_their_rows_and_cells_in_print(parsed):
    """A ruled table printed over several pages is one table with the page's rows, cell by cell (merged
    cells repeated where they cover, as the HTML reader gives them)."""
    compared = 0
    for name, (html, pdf, _) in parsed.items():
        want, got = _cells(html.documents[0]), _cells(pdf.documents[0])
        assert got == want, name
        compared += sum(len(t) for t in want)
    assert compared >= 100, "the real pages hold tables of more than 100 rows in all"


def test_reading_the_prints_warns_of_nothing(parsed):
    """pdfminer's 'Could not get FontBBox' (Chromium's fonts have no box) is not printed ~100 times a run."""
    assert [m for _, _, messages in parsed.values() for m in messages] == []
