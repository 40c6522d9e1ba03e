"""An issue read back from its JSON equals the issue as parsed, for every input form: the builder
works out the corpus facts from the issues it has just parsed, and a later build works them out from
their JSON, so the two must be the same issues."""

from __future__ import annotations

import json

import pytest
from gazette_forms import issue_html, piece_files

from corpus import BUNDLED_CORPUS, iter_corpus_files, parse_file, parse_files
from corpus.models import Issue


def read_back(issue: Issue) -> Issue:
    return Issue.from_dict(json.loads(json.dumps(issue.to_dict(), ensure_ascii=False)))


def assert_round_trips(issues: list[Issue]) -> None:
    assert issues
    for issue in issues:
        again = read_back(issue)
        assert again == issue, issue.source
        assert again.to_dict() == issue.to_dict()


def test_the_bundled_text_issues_round_trip():
    assert_round_trips([parse_file(path) for path in iter_corpus_files(BUNDLED_CORPUS)])


def test_the_issues_as_web_pages_round_trip(tmp_path):
    for path in iter_corpus_files(BUNDLED_CORPUS):
        page = tmp_path / f"{path.stem}.html"
        page.write_text(issue_html(path), encoding="utf-8")
        assert_round_trips([parse_file(page)])


def test_the_issues_as_one_page_per_document_round_trip(tmp_path):
    for n, path in enumerate(iter_corpus_files(BUNDLED_CORPUS)):
        folder = tmp_path / f"pieces{n}"
        folder.mkdir()
        issues, errors = parse_files(piece_files(path, folder, f"issue{n}"))
        assert not errors
        assert_round_trips(issues)


def test_the_issues_as_pdfs_round_trip(parsed_pdfs):
    assert_round_trips([issue for _, issue in parsed_pdfs.values()])


@pytest.mark.parametrize("fixture", ["article.html"])
def test_a_web_article_round_trips(fixture):
    from pathlib import Path

    assert_round_trips([parse_file(Path(__file__).parent / "fixtures" / fixture)])
