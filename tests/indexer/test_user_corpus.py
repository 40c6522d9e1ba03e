"""A user's issues live outside git's files by default (issue 21, defect 8): `gazette add` without --corpus
never writes the bundled data/corpus (a `git pull` conflicted with the user's files and manifest) but a
folder of the user's own (var/corpus, or $GAZETTE_CORPUS), made the first time as a copy of the bundled
issues; and the tests read a copy of data/corpus, never the live folder."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from click.testing import CliRunner

from corpus import BUNDLED_CORPUS
from corpus.collection.manifest import SHIPPED_CORPUS
from gazette_cli.main import cli
from indexer.build import build_index, previous_corpus_dir
from indexer.service import GazetteSearch

FILE_2022 = "000_50af7b231d7ea85e.txt"
NOTICE = (
    "兴安盟行政公署关于开展用户语料测试工作的通知\n\n兴署发〔2030〕77号\n\n各旗县市人民政府：\n\n"
    "    现将用户语料测试工作的有关事项通知如下。\n\n    一、认真组织实施。\n\n兴安盟行政公署\n\n2030年1月5日\n"
)


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_tests_read_a_copy_of_the_bundled_corpus():
    assert BUNDLED_CORPUS.resolve() != SHIPPED_CORPUS.resolve()
    assert digest(BUNDLED_CORPUS) == {
        name: h for name, h in digest(SHIPPED_CORPUS).items() if name in digest(BUNDLED_CORPUS)
    }
    assert FILE_2022 in digest(BUNDLED_CORPUS)


def test_gazette_add_without_a_folder_writes_the_users_folder_not_the_bundled_one(tmp_path, monkeypatch):
    user = tmp_path / "data" / "my-corpus"
    monkeypatch.setenv("GAZETTE_CORPUS", str(user))
    index = tmp_path / "index"
    build_index(index_dir=index)  # from the bundled issues, as `gazette serve` does the first time
    bundled_before = digest(BUNDLED_CORPUS)
    new = tmp_path / "notice.txt"
    new.write_text(NOTICE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(new), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert digest(BUNDLED_CORPUS) == bundled_before  # the bundled folder is untouched
    assert (user / "notice.txt").exists()
    assert {FILE_2022, "manifest.json"} <= set(digest(user))  # a copy of the bundled issues beside it
    assert previous_corpus_dir(index) == user
    searcher = GazetteSearch(index)
    assert searcher.stats()["issues"] == 3  # the bundled issues and the user's
    again = tmp_path / "notice2.txt"
    again.write_text(NOTICE.replace("77号", "78号").replace("用户语料", "第二次用户语料"), encoding="utf-8")
    assert CliRunner().invoke(cli, ["add", str(again), "--index", str(index)]).exit_code == 0
    assert (user / "notice2.txt").exists() and digest(BUNDLED_CORPUS) == bundled_before


def test_an_index_built_without_a_folder_uses_the_users_once_there_is_one(tmp_path, monkeypatch):
    user = tmp_path / "mine"
    monkeypatch.setenv("GAZETTE_CORPUS", str(user))
    shutil.copytree(BUNDLED_CORPUS, user)
    (user / "notice.txt").write_text(NOTICE, encoding="utf-8")
    report = build_index(index_dir=tmp_path / "index")
    assert "notice.txt" in {issue["source"] for issue in report.issues}
