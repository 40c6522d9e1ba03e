"""Adding files to a corpus folder (add_to_corpus), issues in pieces (one file per document, the 大事记
alone) grouped by the manifest, and telling two files of one issue apart (id + fingerprint)."""

from __future__ import annotations

import json
import shutil

import pytest
from gazette_forms import piece_files

import corpus
from corpus import BUNDLED_CORPUS, add_to_corpus, issue_fingerprint, merge_pieces, same_issue

CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"
NOTICE = (
    "兴安盟行政公署关于印发实施方案的通知\n\n兴署发〔2022〕7号\n\n各旗县市人民政府：\n\n"
    "现将实施方案印发给你们，请认真贯彻执行。\n\n2022年2月1日\n"
)
CHRONICLE = (
    "兴安盟行政公署大事记\n\n(1月1日至3月31日)\n\n●1月5日下午，赴自治区政府汇报。\n\n●2月1日上午，赴扎赉特旗拜年。\n"
)


@pytest.fixture(scope="module")
def reference():
    return corpus.parse_file(ISSUE_2022)


# --- identity ------------------------------------------------------------------------------------


def test_a_copy_in_another_encoding_and_line_ending_is_the_same_issue(tmp_path, reference):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(ISSUE_2022.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    other = corpus.parse_file(copy)
    assert other.id == reference.id == "2022-1"
    assert issue_fingerprint(other) == issue_fingerprint(reference) and same_issue(other, reference)


def test_different_issues_and_pieces_are_not_the_same(tmp_path, reference):
    assert not same_issue(reference, corpus.parse_file(ISSUE_2023))
    files = piece_files(ISSUE_2022, tmp_path, "2022-1")
    piece = corpus.parse_file(files[0])
    assert piece.id == reference.id and not same_issue(piece, reference)


def test_duplicates_among_parsed_issues(tmp_path, reference):
    copy = tmp_path / "again.txt"
    copy.write_text(ISSUE_2022.read_text(encoding="utf-8"), encoding="utf-8")
    issues = [reference, corpus.parse_file(ISSUE_2023), corpus.parse_file(copy)]
    assert [(a.source, b.source) for a, b in corpus.duplicates(issues)] == [(ISSUE_2022.name, "again.txt")]


# --- pieces --------------------------------------------------------------------------------------


def test_pieces_grouped_by_the_manifest_make_the_issue(tmp_path, reference):
    files = piece_files(ISSUE_2022, tmp_path, "2022-1")
    assert len(files) == 8  # seven documents and the 大事记
    pieces = [corpus.parse_file(f) for f in corpus.iter_corpus_files(tmp_path)]
    assert {p.id for p in pieces} == {"2022-1"}
    assert all((p.year, p.number, p.total_number) == (2022, 1, 77) for p in pieces)
    (whole,) = merge_pieces(pieces, tmp_path)
    assert [d.wenhao_normalized for d in whole.documents] == [d.wenhao_normalized for d in reference.documents]
    assert [(e.id, e.date, e.text) for e in whole.chronicle] == [(e.id, e.date, e.text) for e in reference.chronicle]
    assert [[c.text for c in d.clauses] for d in whole.documents] == [
        [c.text for c in d.clauses] for d in reference.documents
    ]


def test_a_chronicle_alone_takes_its_year_from_heading_manifest_or_argument(tmp_path):
    headed = tmp_path / "a" / "dsj.txt"
    headed.parent.mkdir()
    headed.write_text(CHRONICLE.replace("兴安盟行政公署大事记", "2021年兴安盟行政公署大事记"), encoding="utf-8")
    assert {e.date.year for e in corpus.parse_file(headed).chronicle} == {2021}
    plain = tmp_path / "b" / "dsj.txt"
    plain.parent.mkdir()
    plain.write_text(CHRONICLE, encoding="utf-8")
    with pytest.raises(corpus.GazetteParseError, match="year"):
        corpus.parse_file(plain)
    assert [e.id for e in corpus.parse_file(plain, year=2022).chronicle] == ["dsj-2022-01-05-1", "dsj-2022-02-01-1"]
    (plain.parent / "manifest.json").write_text(json.dumps({"files": {"dsj.txt": {"year": 2020}}}), encoding="utf-8")
    assert corpus.parse_file(plain, year=2022).chronicle[0].date.year == 2020  # the manifest wins over the argument


# --- add_to_corpus -------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "corpus"
    target.mkdir()
    shutil.copyfile(ISSUE_2023, target / ISSUE_2023.name)
    shutil.copyfile(CORPUS / "manifest.json", target / "manifest.json")
    return target


def test_add_copies_validates_and_records(folder, tmp_path):
    new = tmp_path / "notice.txt"
    new.write_text(NOTICE, encoding="utf-8")
    (result,) = add_to_corpus([new], folder)
    assert result.ok and result.status == "added" and result.dest == folder / "notice.txt"
    # no 期: the issue is named by what it holds, never by its file (issue 21, defect 7)
    assert result.documents == 1 and result.issue_id == corpus.parse_file(new).id
    assert result.issue_id.startswith("2022-") and "notice" not in result.issue_id
    entry = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]["notice.txt"]
    assert entry["year"] == 2022 and entry["sha256"] == corpus.collection.manifest.file_sha256(new)
    assert entry["publication"] == ""  # the text names none: the folder's publication is not assumed
    assert ISSUE_2023.name in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert [f.name for f in corpus.iter_corpus_files(folder)] == [ISSUE_2023.name, "notice.txt"]


def test_add_reports_each_bad_file_and_goes_on(folder, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("这里没有任何公文。\n", encoding="utf-8")
    odd = tmp_path / "scan.tiff"
    odd.write_bytes(b"II*\x00")
    good = tmp_path / "notice.txt"
    good.write_text(NOTICE, encoding="utf-8")
    results = add_to_corpus([bad, odd, tmp_path / "missing.txt", good], folder)
    assert [r.status for r in results] == ["error", "error", "error", "added"]
    assert "找不到公文" in results[0].message and str(bad) in results[0].message
    assert "不支持" in results[1].message
    assert not (folder / "bad.txt").exists()


def test_add_never_overwrites_a_different_file_of_the_same_name(folder, tmp_path):
    other = tmp_path / ISSUE_2023.name
    other.write_text(NOTICE, encoding="utf-8")
    (refused,) = add_to_corpus([other], folder)
    assert refused.status == "error" and "同名" in refused.message
    assert f"--rename 以新名字 {ISSUE_2023.stem}-2.txt 放入" in refused.message  # what to do, and what it gives
    assert (folder / ISSUE_2023.name).read_bytes() == ISSUE_2023.read_bytes()
    (renamed,) = add_to_corpus([other], folder, rename=True)
    assert renamed.status == "renamed" and renamed.dest.name == ISSUE_2023.stem + "-2.txt"
    (again,) = add_to_corpus([ISSUE_2023], folder)
    assert again.status == "unchanged"


def test_add_refuses_the_same_issue_twice(folder, tmp_path):
    copy = tmp_path / "same-issue.txt"
    copy.write_bytes(ISSUE_2023.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    (result,) = add_to_corpus([copy], folder)
    assert result.status == "duplicate" and ISSUE_2023.name in result.message
    assert not (folder / "same-issue.txt").exists()
    (forced,) = add_to_corpus([copy], folder, allow_duplicates=True)
    assert forced.status == "added"


def test_add_a_chronicle_with_a_year_and_pieces_of_an_issue(folder, tmp_path):
    dsj = tmp_path / "dsj.txt"
    dsj.write_text(CHRONICLE, encoding="utf-8")
    (failed,) = add_to_corpus([dsj], folder)
    assert failed.status == "error" and "year" in failed.message
    note = tmp_path / "notice.txt"
    note.write_text(NOTICE, encoding="utf-8")
    results = add_to_corpus([note, dsj], folder, year=2022, issue="2022-1")
    assert [r.status for r in results] == ["added", "added"] and {r.issue_id for r in results} == {"2022-1"}
    files = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert (files["notice.txt"]["part"], files["dsj.txt"]["part"], files["dsj.txt"]["year"]) == (1, 2, 2022)
    reparsed = corpus.parse_file(folder / "dsj.txt")  # the manifest now gives what the argument gave
    assert reparsed.id == "2022-1" and reparsed.chronicle[0].date.year == 2022


def test_a_batch_added_with_a_year_keeps_each_file_s_own_year(folder, tmp_path):
    """`gazette add a.txt dsj.txt --year 2025`: the year is for the file that gives none (the 大事记
    alone), not a label for the whole batch (the notice's 文号 says 2023)."""
    note = tmp_path / "notice-2023.txt"
    note.write_text(NOTICE.replace("〔2022〕7号", "〔2023〕7号").replace("2022年2月1日", "2023年2月1日"), "utf-8")
    dsj = tmp_path / "dsj.txt"
    dsj.write_text(CHRONICLE, encoding="utf-8")
    results = add_to_corpus([note, dsj], folder, year=2025)
    assert [r.status for r in results] == ["added", "added"]
    files = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert (files["notice-2023.txt"]["year"], files["dsj.txt"]["year"]) == (2023, 2025)
    assert corpus.parse_file(folder / "notice-2023.txt").year == 2023
    assert {e.date.year for e in corpus.parse_file(folder / "dsj.txt").chronicle} == {2025}
