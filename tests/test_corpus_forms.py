"""The core check of ingestion: the bundled issues in every published form give the records the
bundled text gives: same 文号, dates, offices, clause ids and texts, 大事记 entries (compared field by
field, line numbers aside: tests/record_diff.py), no running head in any body, every sentence that
crosses a page break whole.

Forms (tests/gazette_forms.py): a typeset PDF (cover, 目录 with wrapped entries, ruled tables across
pages, the 大事记 in two columns, running heads and footers), the whole issue as one HTML page, one
file per document plus the 大事记 alone grouped by the manifest, and another extractor's text with
heads, footers and page numbers at page breaks. `python tests/forms_report.py` prints the figures.
"""

from __future__ import annotations

import pytest
from gazette_forms import CORPUS, extractor_text, issue_html, manifest_for, piece_files
from record_diff import diff_issues

import corpus
from corpus.text import squash

SOURCES = sorted(CORPUS.glob("*.txt"))
IDS = [p.name[:3] for p in SOURCES]


@pytest.fixture(scope="module")
def references():
    return {p.name: corpus.parse_file(p) for p in SOURCES}


@pytest.fixture(scope="module")
def html_forms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html_forms")
    out = {}
    for source in SOURCES:
        path = folder / (source.stem + ".html")
        path.write_text(issue_html(source), encoding="utf-8")
        out[source.name] = path
    manifest_for(folder, {p.name: name for name, p in out.items()})
    return out


@pytest.fixture(scope="module")
def text_forms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extractor_forms")
    out = {}
    for source in SOURCES:
        text, cut = extractor_text(source)
        path = folder / source.name
        path.write_text(text, encoding="utf-8")
        out[source.name] = (path, cut)
    manifest_for(folder, {name: name for name in out})
    return out


def assert_same(reference, other, form):
    compared, differences = diff_issues(reference, other)
    assert compared > 1000
    assert differences == [], f"{form}: " + "\n".join(differences[:20])


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_pdf_gives_the_records_of_the_text(source, references, parsed_pdfs):
    assert_same(references[source.name], parsed_pdfs[source.name][1], "pdf")


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_whole_issue_html_gives_the_records_of_the_text(source, references, html_forms):
    assert_same(references[source.name], corpus.parse_file(html_forms[source.name]), "html")


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_pieces_give_the_records_of_the_text(source, references, tmp_path):
    reference = references[source.name]
    files = piece_files(source, tmp_path, reference.id)
    (whole,) = corpus.merge_pieces([corpus.parse_file(f) for f in files], tmp_path)
    assert_same(reference, whole, "pieces")


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_extractor_text_with_page_furniture_gives_the_records_of_the_text(source, references, text_forms):
    path, cut = text_forms[source.name]
    issue = corpus.parse_file(path)
    assert_same(references[source.name], issue, "text")
    assert len(cut) >= 2
    texts = [line for d in issue.documents for line in d.body.split("\n")] + [e.text for e in issue.chronicle]
    for sentence in cut:  # each sentence the page break cut is whole in one record line (大事记: no bullet)
        assert any(squash(sentence).lstrip("●") in squash(t) for t in texts), sentence


@pytest.mark.parametrize("form", ["pdf", "text"])
def test_no_running_head_or_footer_in_any_body(form, parsed_pdfs, text_forms):
    for name in (p.name for p in SOURCES):
        issue = parsed_pdfs[name][1] if form == "pdf" else corpus.parse_file(text_forms[name][0])
        bodies = [d.body for d in issue.documents] + [e.text for e in issue.chronicle]
        for body in bodies:
            assert "兴安盟行政公署公报" not in body
            assert not any(
                line.startswith("— ") or line in ("2022年", "2023年", f"{issue.year}年第1期")
                for line in body.split("\n")
            )


def test_pdf_paragraphs_that_cross_a_page_are_whole_in_the_records(parsed_pdfs):
    crossing = 0
    for name, (text, issue) in parsed_pdfs.items():
        record_lines = [line for d in issue.documents for line in d.body.split("\n")]
        record_lines += [line for e in issue.chronicle for line in e.text.split("\n")]
        records = "\x00".join(squash(r) for r in record_lines)  # a match cannot run over two record lines
        titles = {d.title for d in issue.documents}
        for line, first, last in zip(text.lines, text.pages, text.last_pages):
            if first != last and "\t" not in line and line not in titles:
                crossing += 1
                sentence = squash(line).lstrip("●•·◆■")  # 大事记 entries are kept without their bullet
                whole = sentence in records
                assert whole, (name, first, line[:60])
    assert crossing >= 20  # the typesetting runs many paragraphs over page and column ends
