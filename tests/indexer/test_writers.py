"""Writers are serialised (issue 19): one lock for the corpus folder, its manifest and the index, taken
before anything is read or copied. Before, two `gazette add` at once lost manifest entries (each wrote
back the manifest it had read), and a 大事记 added with --year then vanished at the next full build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from corpus import BUNDLED_CORPUS
from gazette_cli.main import cli
from indexer.api import parse_request
from indexer.service import GazetteSearch
from indexer.writelock import writer_lock

FILE_2023 = "002_aec23d992a7ebbae.txt"
CHRONICLE = "兴安盟行政公署大事记\n\n●1月5日下午，赴自治区政府汇报。\n\n●2月1日上午，赴扎赉特旗拜年。\n"


def notice(n: int) -> str:
    """A one-document issue of its own (its own 文号, title and text): never a duplicate of another."""
    return (
        f"兴安盟行政公署关于开展第{n}批专项测试工作的通知\n\n兴署发〔2030〕{100 + n}号\n\n"
        f"各旗县市人民政府，盟行署各委办局：\n\n    现将第{n}批专项测试工作的有关事项通知如下。\n\n"
        f"    一、认真组织实施第{n}批测试。\n\n兴安盟行政公署\n\n2030年1月{1 + n % 28}日\n"
    )


def folder_with_2023(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus)
    shutil.copy(BUNDLED_CORPUS / "manifest.json", corpus)
    return corpus


def gazette(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from gazette_cli.main import main; main()", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )


def test_two_adds_at_once_lose_nothing_and_a_chronicles_year_survives_a_full_build(tmp_path):
    corpus, index = folder_with_2023(tmp_path), tmp_path / "index"
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    batches = [[], []]
    for n in range(12):
        path = incoming / f"notice-{n:02d}.txt"
        path.write_text(notice(n), encoding="utf-8")
        batches[n % 2].append(path)
    (incoming / "dsj.txt").write_text(CHRONICLE, encoding="utf-8")
    runs = [
        gazette("add", *batches[0], "--corpus", corpus, "--index", index),
        gazette("add", *batches[1], "--corpus", corpus, "--index", index),
        gazette("add", incoming / "dsj.txt", "--year", "2021", "--corpus", corpus, "--index", index),
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    added = sorted(name for name in manifest["files"] if name.startswith("notice-") or name == "dsj.txt")
    assert added == sorted(p.name for p in incoming.iterdir())  # every entry is there
    assert manifest["files"]["dsj.txt"]["year"] == 2021
    result = CliRunner().invoke(cli, ["index", "--full", "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 0, result.output
    searcher = GazetteSearch(index)
    assert searcher.search(parse_request({"kind": "chronicle"})).total == 2
    assert searcher.search(parse_request({"q": "专项测试", "kind": "document"})).total == 12


def test_a_second_writer_waits_or_is_refused_before_it_copies_anything(tmp_path):
    corpus, index = folder_with_2023(tmp_path), tmp_path / "index"
    new = tmp_path / "notice-99.txt"
    new.write_text(notice(99), encoding="utf-8")
    with writer_lock(corpus, None):  # another writer holds the folder
        refused = gazette("add", new, "--corpus", corpus, "--index", index, "--no-wait")
        out, err = refused.communicate(timeout=120)
        assert refused.returncode == 1
        assert "正在使用" in err and str(corpus) in err and "未做任何改动" in err
        assert not (corpus / new.name).exists()
        waiting = gazette("add", new, "--corpus", corpus, "--index", index)
        deadline = time.monotonic() + 60
        message = ""
        while "等它完成" not in message and time.monotonic() < deadline:
            message += waiting.stderr.readline()  # type: ignore[union-attr]
        assert "另一个写入程序" in message and "等它完成" in message
        time.sleep(1)
        assert waiting.poll() is None and not (corpus / new.name).exists()  # nothing copied while it waits
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert (corpus / new.name).exists()
    assert "notice-99.txt" in json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["files"]


def test_an_index_build_waits_for_the_index_lock_too(tmp_path):
    index = tmp_path / "index"
    with writer_lock(None, index):
        refused = gazette("index", "--index", index, "--no-wait")
        out, err = refused.communicate(timeout=120)
        assert refused.returncode == 1 and "正在使用" in err and str(index) in err and "Traceback" not in err
    assert not (index / "CURRENT").exists()


def test_the_lock_nests_in_one_process(tmp_path):
    with writer_lock(tmp_path, tmp_path / "index"), writer_lock(tmp_path, tmp_path / "index", wait=False):
        pass
