"""The corpus folder is what it holds (issue 19): links and special files are skipped with a note, names
are shown escaped, names that cannot be stored are refused with a clear line, never a crash; broken
manifest.json/offices.json are `file:line:` errors; `gazette add` parses in a bounded worker; removing a
file removes its manifest entry (issue 21)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import hostile_files

from corpus import BUNDLED_CORPUS, GazetteParseError, iter_corpus_files
from corpus.errors import shown
from corpus.offices import load_offices
from gazette_cli.main import cli
from indexer.build import build_index
from indexer.service import GazetteSearch

FILE_2022 = "000_50af7b231d7ea85e.txt"
FILE_2023 = "002_aec23d992a7ebbae.txt"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(BUNDLED_CORPUS / FILE_2023, folder)
    shutil.copy(BUNDLED_CORPUS / "manifest.json", folder)
    return folder


def test_links_and_special_files_are_skipped_with_a_note(corpus, tmp_path):
    """Before: a link to a file outside the folder was indexed and served."""
    outside = tmp_path / "secret.txt"
    shutil.copy(BUNDLED_CORPUS / FILE_2022, outside)
    (corpus / "link.txt").symlink_to(outside)
    (corpus / "inside.txt").symlink_to(corpus / FILE_2023)
    os.mkfifo(corpus / "pipe.txt")
    files = iter_corpus_files(corpus)
    assert [p.name for p in files] == [FILE_2023]
    reasons = {s.path.name: s.reason for s in files.skipped}
    assert "符号链接" in reasons["link.txt"] and "符号链接" in reasons["inside.txt"]
    assert "不是普通文件" in reasons["pipe.txt"]
    report = build_index(corpus, tmp_path / "index")  # the pipe is never opened: no hang
    assert [issue["source"] for issue in report.issues] == [FILE_2023]
    assert GazetteSearch(tmp_path / "index").stats()["issues"] == 1  # the linked 2022 issue is not served


def test_names_are_shown_escaped_so_they_cannot_forge_lines(corpus, tmp_path):
    forged = "bad\n错误：另一个文件.txt"
    (corpus / forged).write_text("不是公报", encoding="utf-8")
    code, output = run("index", "--corpus", corpus, "--index", tmp_path / "index")
    assert code == 1
    assert not any(line.startswith("错误：另一个文件") for line in output.splitlines())
    assert "bad\\n错误：另一个文件.txt" in output
    assert shown("a\x1bb\\c") == "a\\x1bb\\\\c" and shown("全角\u3000名.txt") == "全角\u3000名.txt"
    assert str(GazetteParseError("x\ny.txt", "坏了", 3)) == "x\\ny.txt:3: 坏了"


def test_names_that_cannot_be_stored_are_refused_with_a_line(corpus, tmp_path):
    """Before: a name not UTF-8 stopped every build ("'utf-8' codec can't encode…", no file named), and
    83 Han characters (252 bytes) failed writing builds/…/issues/<name>.json."""
    long_name = "公" * 83 + ".txt"
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus / long_name)
    raw = os.fsencode(corpus) + b"/caf\xff.txt"
    with open(raw, "wb") as fh:
        fh.write((BUNDLED_CORPUS / FILE_2022).read_bytes())
    code, output = run("index", "--corpus", corpus, "--index", tmp_path / "index")
    assert code == 1 and "Traceback" not in output
    assert "文件名过长（253 字节" in output and "caf\\udcff.txt" in output and "不是有效的 UTF-8" in output
    assert f"已索引 {FILE_2023}" in output


def test_gazette_add_refuses_a_name_it_cannot_store_before_copying(corpus, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    long_name = source / ("公" * 83 + ".txt")
    shutil.copy(BUNDLED_CORPUS / FILE_2022, long_name)
    code, output = run("add", long_name, "--corpus", corpus, "--index", tmp_path / "index")
    assert code == 1 and "文件名过长" in output and "未添加" in output
    assert sorted(p.name for p in corpus.iterdir()) == sorted([FILE_2023, "manifest.json"])


def test_gazette_add_parses_in_a_bounded_worker(corpus, tmp_path):
    """A file that used to hang the parser is one line; a good one beside it is added."""
    bomb = hostile_files.xobject_bomb(tmp_path / "bomb.pdf")
    good = tmp_path / FILE_2022
    shutil.copy(BUNDLED_CORPUS / FILE_2022, good)
    code, output = run("add", bomb, good, "--corpus", corpus, "--index", tmp_path / "index", "--parse-timeout", "20")
    assert code == 1 and "Traceback" not in output
    assert "bomb.pdf: 无法解析，未添加" in output and "XObject" in output
    assert (corpus / FILE_2022).exists() and not (corpus / "bomb.pdf").exists()


def test_removing_a_file_removes_its_manifest_entry(corpus, tmp_path):
    good = tmp_path / FILE_2022
    shutil.copy(BUNDLED_CORPUS / FILE_2022, good)
    index = tmp_path / "index"
    assert run("add", good, "--corpus", corpus, "--index", index)[0] == 0
    assert FILE_2022 in json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["files"]
    (corpus / FILE_2022).unlink()
    code, output = run("index", "--index", index)
    assert code == 0 and f"已移除 {FILE_2022}" in output and "已从 manifest.json 删去它的条目" in output
    files = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert FILE_2022 not in files and FILE_2023 in files  # only the removed file's entry


@pytest.mark.parametrize("name", ["manifest.json", "offices.json"])
def test_deep_json_is_a_line_error_not_a_recursion_error(corpus, name):
    (corpus / name).write_text('{"files":\n' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(GazetteParseError) as info:
        load_offices(corpus) if name == "offices.json" else _manifest(corpus)
    assert str(info.value).startswith(f"{corpus / name}:2:") and "嵌套过深" in str(info.value)


def test_a_5000_digit_year_is_an_error_naming_the_file(corpus, tmp_path):
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).replace('"year": 2023', '"year": ' + "9" * 5000, 1)
    (corpus / "manifest.json").write_text(raw, encoding="utf-8")
    code, output = run("index", "--corpus", corpus, "--index", tmp_path / "index")
    assert code != 0 and "Traceback" not in output
    assert "manifest.json:" in output and "数字过长（5000 位" in output


def _manifest(corpus: Path):
    from corpus.collection.manifest import load_manifest

    return load_manifest(corpus)


def test_a_file_that_cannot_be_read_is_left_out_and_the_rest_indexed(corpus, tmp_path, monkeypatch):
    """A file without read permission (or a disk error, or one removed after the folder was listed) stopped
    the whole build with a traceback while its hash was taken. It is a line now; the others are indexed, and
    a file indexed before stays as it was (not removed, its manifest entry kept)."""
    import errno

    import indexer.build

    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    real = indexer.build.file_sha256
    locked = {FILE_2022}

    def sha256(path):
        if Path(path).name in locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(indexer.build, "file_sha256", sha256)
    index = tmp_path / "index"
    report = build_index(corpus, index)
    assert [issue["source"] for issue in report.issues] == [FILE_2023]
    [skipped] = report.skipped
    assert skipped["source"] == FILE_2022 and skipped["reason"] == "无法读取：没有读取权限"
    locked.clear()  # readable again: indexed
    assert [issue["source"] for issue in build_index(corpus, index).issues] == [FILE_2022]
    locked.add(FILE_2023)  # indexed before, unreadable now: kept, said so
    report = build_index(corpus, index)
    assert report.removed == [] and "沿用上次索引的内容" in report.skipped[0]["reason"]
    assert GazetteSearch(index).stats()["issues"] == 2
    assert FILE_2023 in json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize("issue, says", [("", "期号不能为空"), (" ", "期号不能为空"), ("\x1b[2J", "期号含有控制字符")])
def test_an_issue_key_the_manifest_refuses_is_refused_before_anything_is_added(corpus, tmp_path, issue, says):
    """`gazette add --issue ""` (or one holding ESC) copied the file and wrote the key into manifest.json,
    which then refused it: that build and every later one failed (没有一个文件能够解析) until the manifest
    was mended by hand."""
    good = tmp_path / FILE_2022
    shutil.copy(BUNDLED_CORPUS / FILE_2022, good)
    before = (corpus / "manifest.json").read_bytes()
    code, output = run("add", good, "--issue", issue, "--corpus", corpus, "--index", tmp_path / "index")
    assert code != 0 and says in output and "Traceback" not in output, output
    assert not (corpus / FILE_2022).exists() and (corpus / "manifest.json").read_bytes() == before
    assert run("index", "--corpus", corpus, "--index", tmp_path / "index")[0] == 0
