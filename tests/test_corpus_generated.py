"""Generated documents (tests/document_generator.py) come back whole in every form: one document per
generated document, with its 文号 or 令 number, title, offices, 成文日期 and attachments, and no
character of its text lost — as a text file, as a web page, typeset as a PDF, as a gazette issue of
several documents, and as a web page printed to PDF by a browser.

A seeded loop: the same seeds every run (so a failure names the seed to rerun with
`document_generator.generate(seed)`), enough of them that every variation the generator draws occurs
(checked first).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from document_generator import (
    Generated,
    as_html,
    as_issue_text,
    as_text,
    differences,
    generate,
    typeset,
    variations,
)

import corpus

# GAZETTE_GENERATED=N multiplies the seeds (a longer search for failures: N=10 is ~10× as long)
SCALE = max(1, int(os.environ.get("GAZETTE_GENERATED", "1")))
TEXT_SEEDS = range(200 * SCALE)
PDF_SEEDS = range(60 * SCALE)
ISSUES = 20 * SCALE  # issues of ISSUE_SIZE documents each
ISSUE_SIZE = 6
PRINTED_SEEDS = range(12 * SCALE)


def _parse(path: Path):
    try:
        return corpus.parse_file(path)
    except corpus.GazetteParseError as exc:
        return exc


def _failures(docs: list[Generated], paths: list[Path], with_metadata: bool = True) -> list[str]:
    out = []
    for doc, path in zip(docs, paths):
        issue = _parse(path)
        found = [f"错误：{issue}"] if isinstance(issue, Exception) else differences(doc, issue.documents, with_metadata)
        if found:
            out.append(f"seed {doc.seed} ({doc.kind}, 元数据 {doc.metadata}): {'；'.join(found)}")
    return out


def test_the_seeds_draw_every_variation():
    """The property tests below see every variation: numbers above, below, in parentheses, only in the
    metadata table, 令 numbers on one line and on two; titles on one to three lines, with the issuers'
    line apart; joint issuers; 0–3 attachments; Chinese-numeral dates (〇, O, 0); every metadata layout;
    page chrome; 版记."""
    seen = Counter(tag for seed in TEXT_SEEDS for tag in variations(generate(seed)))
    wanted = (
        ["文号在标题上", "文号在标题下", "文号括注", "文号只在元数据", "令号1行", "令号2行"]
        + [f"标题{n}行" for n in (1, 2, 3)]
        + [f"附件{n}个" for n in (0, 1, 2, 3)]
        + [f"元数据：{m}" for m in ("none", "pairs", "lines", "next-line", "pipes", "html")]
        + ["阿拉伯数字日期", "汉字日期（〇）", "汉字日期（O）", "汉字日期（0）"]
        + ["发文机关另起一行", "联合发文", "发文机关标志", "网页框架文字", "抄送", "印发", "（此件公开发布）"]
        + ["全角空格对齐", "网页标题栏"]
    )
    assert [w for w in wanted if seen[w] < 2] == []


def test_a_generated_document_as_text_comes_back_whole(tmp_path):
    docs = [generate(seed) for seed in TEXT_SEEDS]
    paths = []
    for doc in docs:
        paths.append(tmp_path / f"doc-{doc.seed}.txt")
        paths[-1].write_text(as_text(doc), encoding="utf-8")
    assert _failures(docs, paths) == []


def test_a_generated_document_as_a_web_page_comes_back_whole(tmp_path):
    docs = [generate(seed) for seed in TEXT_SEEDS]
    paths = []
    for doc in docs:
        paths.append(tmp_path / f"doc-{doc.seed}.html")
        paths[-1].write_text(as_html(doc), encoding="utf-8")
    assert _failures(docs, paths) == []


def test_a_generated_document_typeset_as_a_pdf_comes_back_whole(tmp_path):
    """As its issuer prints it: no metadata table, so a number printed nowhere else is no number."""
    from pdf_typeset import require_typesetting

    require_typesetting()
    docs = [generate(seed) for seed in PDF_SEEDS]
    paths = [typeset(doc, tmp_path / f"doc-{doc.seed}.pdf") for doc in docs]
    assert _failures(docs, paths, with_metadata=False) == []


def test_an_issue_of_generated_documents_gives_each_in_order(tmp_path):
    failures = []
    for k in range(ISSUES):
        docs = [generate(10_000 + k * ISSUE_SIZE + j) for j in range(ISSUE_SIZE)]
        path = tmp_path / f"issue-{k}.txt"
        path.write_text(as_issue_text(docs), encoding="utf-8")
        issue = _parse(path)
        if isinstance(issue, Exception) or len(issue.documents) != len(docs):
            found = issue if isinstance(issue, Exception) else [d.title for d in issue.documents]
            failures.append(f"issue {k} (seeds {docs[0].seed}–{docs[-1].seed}): {found}")
            continue
        for doc, record in zip(docs, issue.documents):
            if found := differences(doc, [record], with_metadata=False):
                failures.append(f"seed {doc.seed} ({doc.kind}) in issue {k}: {'；'.join(found)}")
    assert failures == []


@pytest.fixture(scope="module")
def printed_generated(tmp_path_factory):
    from browser_print import print_pages, require_browser

    require_browser()
    folder = tmp_path_factory.mktemp("printed_generated")
    pages = []
    for seed in PRINTED_SEEDS:
        pages.append(folder / f"doc-{seed}.html")
        pages[-1].write_text(as_html(generate(seed)), encoding="utf-8")
    return print_pages(pages, folder / "pdf")


def test_a_generated_web_page_printed_to_pdf_comes_back_whole(printed_generated):
    """The page as a researcher saves it: the metadata table printed (framed or not), the chrome around."""
    docs = [generate(int(page.stem.split("-")[1])) for page in printed_generated]
    assert _failures(docs, list(printed_generated.values())) == []
