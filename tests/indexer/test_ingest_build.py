"""The gazette as researchers get it, through the builder and the CLI: PDFs, pieces of one issue, the
same issue twice, bad files among good ones, `gazette add`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from corpus import BUNDLED_CORPUS, parse_file
from gazette_cli.main import cli
from indexer.api import parse_request
from indexer.build import build_index
from indexer.records import issue_records
from indexer.service import GazetteSearch
from search_web import create_app

FILE_2022 = "000_50af7b231d7ea85e.txt"
FILE_2023 = "002_aec23d992a7ebbae.txt"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def record_ids(index_dir) -> set[str]:
    searcher = GazetteSearch(index_dir)
    return {h.id for h in searcher.export(parse_request({"kind": "document"}), cap=100_000)} | {
        h.id for h in searcher.export(parse_request({"kind": "clause"}), cap=100_000)
    }


def bundled_ids(*names) -> set[str]:
    return {r.id for name in names for r in issue_records(parse_file(BUNDLED_CORPUS / name)) if r.kind != "chronicle"}


def corpus_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        shutil.copy(BUNDLED_CORPUS / name, folder)
    shutil.copy(BUNDLED_CORPUS / "manifest.json", folder)
    return folder


def test_gazette_add_a_pdf_indexes_it_incrementally(tmp_path, bundled_pdfs):
    folder, index = corpus_with(tmp_path, FILE_2022), tmp_path / "index"
    build_index(folder, index)
    code, output = run("add", bundled_pdfs[FILE_2023], "--corpus", folder, "--index", index)
    assert code == 0, output
    assert "增量更新" in output and (folder / bundled_pdfs[FILE_2023].name).exists()
    assert record_ids(index) == bundled_ids(FILE_2022, FILE_2023)  # the PDF's records are the text's
    # the same issue again, as its text: refused as a copy, nothing rebuilt
    code, output = run("add", BUNDLED_CORPUS / FILE_2023, "--corpus", folder, "--index", index)
    assert code == 0 and "增量更新" not in output and not (folder / FILE_2023).exists()


def test_the_same_issue_twice_in_the_folder_is_indexed_once(tmp_path, bundled_pdfs):
    folder, index = corpus_with(tmp_path, FILE_2022), tmp_path / "index"
    shutil.copy(bundled_pdfs[FILE_2022], folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][bundled_pdfs[FILE_2022].name] = dict(manifest["files"][FILE_2022], sha256=None)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    code, output = run("index", "--corpus", folder, "--index", index)
    assert code == 0, output
    assert "是同一期（2022-1），内容相同，只索引一次" in output
    assert record_ids(index) == bundled_ids(FILE_2022)
    issues = GazetteSearch(index).issues()
    assert len(issues) == 1  # one issue, one set of pages: the file that sorts first
    kept = issues[0]["source"]
    copy = ({FILE_2022, bundled_pdfs[FILE_2022].name} - {kept}).pop()
    assert f"跳过 {copy}：与 {kept} 是同一期" in output
    code, output = run("index", "--corpus", folder, "--index", index)
    assert "无变化" in output  # the copy is remembered, not parsed again
    (folder / kept).unlink()  # the copy stands in when the file it copied goes
    code, output = run("index", "--corpus", folder, "--index", index)
    assert code == 0 and record_ids(index) == bundled_ids(FILE_2022)
    assert GazetteSearch(index).issues()[0]["source"] == copy


def test_bad_files_are_reported_and_the_good_ones_indexed(tmp_path):
    folder, index = corpus_with(tmp_path, FILE_2022, FILE_2023), tmp_path / "index"
    (folder / "empty.txt").write_text("", encoding="utf-8")
    text = (BUNDLED_CORPUS / FILE_2022).read_text(encoding="utf-8").split("\n")[:40]
    (folder / "stray.txt").write_bytes(
        "\n".join(text[:20]).encode("utf-8") + b"\n\xff\xfe\n" + "\n".join(text[20:]).encode("utf-8")
    )
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    code, output = run("index", "--corpus", folder, "--index", index)
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("错误：")]
    assert len(errors) == 3, output
    assert any("empty.txt" in e for e in errors) and any("notes.docx" in e and ".docx" in e for e in errors)
    assert any("stray.txt:21:" in e for e in errors)  # the line with the stray bytes is named
    assert record_ids(index) == bundled_ids(FILE_2022, FILE_2023)  # five documents of 2023 not lost


def test_pieces_of_one_issue_are_one_issue(tmp_path):
    from gazette_forms import piece_files

    folder, index = tmp_path / "pieces", tmp_path / "index"
    piece_files(BUNDLED_CORPUS / FILE_2022, folder, "2022-1")
    build_index(folder, index)
    searcher = GazetteSearch(index)
    issues = searcher.issues()
    assert [i["id"] for i in issues] == ["2022-1"]
    assert len(issues[0]["documents"]) == 7 and issues[0]["chronicle_count"] == 68
    client = create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()
    assert client.get("/issues/2022-1.json").get_json()["issue"]["chronicle_count"] == 68
    assert record_ids(index) == bundled_ids(FILE_2022)
