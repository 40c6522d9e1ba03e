"""The real 政府信息公开 pages of www.gov.cn in ../shared/realworld/govcn/, read in place, against the
crawler's own metadata: every page is one document with the crawler's 文号, title and offices, the
page's 成文日期, and no page chrome in its body."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

import corpus
from corpus.wenhao import parse_wenhao

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realworld import copied_text, realworld_dir

if realworld_dir() is None:
    pytest.skip("../shared/realworld is not beside the repository: no real pages to check", allow_module_level=True)
REALWORLD = realworld_dir() / "govcn"

GOLD = json.loads((REALWORLD / "crawler-metadata.json").read_text(encoding="utf-8"))
CHROME = ("扫一扫在手机打开当前页", "打印本页", "关闭窗口", "【字体：", "分享到")


def _table_date(html: str) -> str | None:
    """The page's own 成文日期, read from its metadata table's markup (independently of the parser)."""
    match = re.search(r"成文日期：</b></td>\s*<td>\s*(\d{4})年(\d{2})月(\d{2})日", html)
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


@pytest.fixture(scope="module")
def parsed():
    return {row["file"]: corpus.parse_file(REALWORLD / row["file"]) for row in GOLD}


@pytest.mark.parametrize("row", GOLD, ids=[row["file"] for row in GOLD])
def test_each_page_is_one_document_as_the_crawler_saw_it(parsed, row):
    issue = parsed[row["file"]]
    assert len(issue.documents) == 1, [d.title for d in issue.documents]
    doc = issue.documents[0]
    assert doc.wenhao_normalized == parse_wenhao(row["release_number"]).canonical
    assert re.sub(r"\s", "", doc.title) == re.sub(r"\s", "", row["title"])
    assert doc.offices == row["release_office"].split("、")
    expected = _table_date((REALWORLD / row["file"]).read_text(encoding="utf-8"))
    assert expected and doc.date.isoformat() == expected
    assert not any(chrome in doc.body for chrome in CHROME)


def test_no_page_warns_of_text_before_its_document(parsed):
    """A page's chrome above the document (its metadata table, the title printed again) is not text lost."""
    noted = [w for issue in parsed.values() for w in issue.warnings if "第一件公文之前的文字" in w]
    assert noted == []


def test_joint_issuers_are_each_an_office(parsed):
    joint = [row for row in GOLD if "、" in row["release_office"]]
    assert joint, "the real pages hold a joint document"
    for row in joint:
        assert len(parsed[row["file"]].documents[0].offices) == len(row["release_office"].split("、"))


def test_a_state_council_order_is_numbered_by_its_order(parsed):
    orders = [row for row in GOLD if row["release_number"].startswith("国令")]
    assert orders, "the real pages hold a 令"
    for row in orders:
        doc = parsed[row["file"]].documents[0]
        assert doc.wenhao_normalized == row["release_number"]
        assert doc.offices == ["国务院"]


def test_a_document_s_own_contents_are_not_its_clauses(parsed):
    """A heading listed in a document's 目录 and printed again over its text is one clause, not two."""
    doubled = [
        (name, clause.id)
        for name, issue in parsed.items()
        for doc in issue.documents
        for clause in doc.clauses
        if "-" in clause.id and clause.text.strip() != "" and clause.path[-1] in {c.path[-1] for c in doc.clauses[:3]}
    ]
    assert doubled == []


@pytest.mark.parametrize("row", GOLD, ids=[row["file"] for row in GOLD])
def test_each_page_copied_as_text_is_the_same_document(tmp_path, row):
    """The page's visible text saved as .txt (a title over several lines under a metadata table whose
    labels and values stand on lines of their own, 主 题 词： left empty): the same document, number, title
    and offices — an empty label does not take the title's first line or the issuers' line as its value."""
    path = tmp_path / row["file"].replace(".html", ".txt")
    path.write_text(copied_text((REALWORLD / row["file"]).read_text(encoding="utf-8")), encoding="utf-8")
    (doc,) = corpus.parse_file(path).documents
    assert doc.wenhao_normalized == parse_wenhao(row["release_number"]).canonical
    assert re.sub(r"\s", "", doc.title) == re.sub(r"\s", "", row["title"])
    assert doc.offices == row["release_office"].split("、")


def test_pages_saved_as_markdown_are_the_same_documents(tmp_path):
    """Each page converted to Markdown by markdownify (as reader tools and crawlers save pages): emphasis,
    table rules and pipes come off. markdownify flattens a table nested in a table onto one row, so a few
    pages lose the line breaks around their title: at least 32 of the 37 keep number, title and offices."""
    markdownify = pytest.importorskip("markdownify")
    right = []
    for row in GOLD:
        path = tmp_path / row["file"].replace(".html", ".md")
        path.write_text(
            markdownify.markdownify((REALWORLD / row["file"]).read_text(encoding="utf-8")), encoding="utf-8"
        )
        issue = corpus.parse_file(path)
        assert any("Markdown" in w for w in issue.warnings)
        wanted = parse_wenhao(row["release_number"]).canonical
        doc = next((d for d in issue.documents if d.wenhao_normalized == wanted), None)
        if doc and re.sub(r"\s", "", doc.title) == re.sub(r"\s", "", row["title"]):
            right.append(doc.offices == row["release_office"].split("、"))
    assert sum(right) >= 32, f"{sum(right)} of {len(GOLD)}"
