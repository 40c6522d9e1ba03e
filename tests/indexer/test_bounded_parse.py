"""One bad file never stops the rest (issue 19): every file is parsed in a worker process with a time and
a memory limit; a file past either, or one that kills its worker, is one line naming it, is left out, and
the rest is indexed; a helper process that dies is a clear error, never a wait for ever."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import hostile_files

from corpus import BUNDLED_CORPUS, parse_file
from gazette_cli.main import cli
from indexer import build as build_module
from indexer import segmenting
from indexer.bounded import Limits, LimitsError, run_bounded
from indexer.build import BuildError, build_index
from indexer.service import GazetteSearch
from indexer.whoosh_engine import writer as whoosh_writer

FILE_2022 = "000_50af7b231d7ea85e.txt"


def _work(item):
    if item == "loop":
        while True:
            pass
    if item == "memory":
        hoard = []
        while True:
            hoard.append(bytearray(10_000_000))
    if item == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if item == "bug":
        raise ValueError("a bug in the parser")
    return item.upper()


def test_each_item_gets_its_outcome_and_a_dead_worker_is_replaced():
    items = ["a", "loop", "b", "memory", "killed", "crash", "bug", "c"]
    started = time.monotonic()
    outcomes = run_bounded(_work, items, Limits(seconds=2, memory_mb=200), workers=2)
    assert time.monotonic() - started < 30
    assert [kind for kind, _ in outcomes] == ["ok", "failed", "ok", "failed", "failed", "failed", "failed", "ok"]
    assert [value for kind, value in outcomes if kind == "ok"] == ["A", "B", "C"]
    messages = dict(zip(items, (value for _, value in outcomes)))
    assert messages["loop"].startswith("解析超时（超过 2 秒")
    assert messages["memory"].startswith("内存超限（超过 200 MB")
    # what to type to try again, exactly
    assert "加 --parse-timeout 4（或设环境变量 GAZETTE_PARSE_SECONDS=4）再试" in messages["loop"]
    assert "加 --parse-memory 400（或设环境变量 GAZETTE_PARSE_MEMORY_MB=400）再试" in messages["memory"]
    assert "SIGKILL" in messages["killed"] and "解析进程异常退出" in messages["killed"]
    assert "SIGSEGV" in messages["crash"]
    assert "ValueError: a bug in the parser" in messages["bug"]
    assert multiprocessing.active_children() == []  # every worker, stuck or not, was killed and reaped


def test_limits_come_from_options_then_the_environment(monkeypatch):
    monkeypatch.setenv("GAZETTE_PARSE_SECONDS", "12.5")
    monkeypatch.setenv("GAZETTE_PARSE_MEMORY_MB", "700")
    assert Limits.from_env() == Limits(12.5, 700)
    assert Limits.from_env(3, 100) == Limits(3.0, 100)
    monkeypatch.setenv("GAZETTE_PARSE_SECONDS", "很久")
    with pytest.raises(LimitsError, match="GAZETTE_PARSE_SECONDS"):
        Limits.from_env()
    monkeypatch.delenv("GAZETTE_PARSE_SECONDS")
    monkeypatch.delenv("GAZETTE_PARSE_MEMORY_MB")
    assert Limits.from_env() == Limits()


def hostile_corpus(folder: Path) -> dict[str, Path]:
    """The bundled corpus plus the files of issue 19 that once hung or aborted a build (by the name each
    is reported under): PDFs that loop, explode or overflow, a link out of the folder, a pipe, a name
    too long to store and one that is not UTF-8."""
    folder.mkdir()
    for path in BUNDLED_CORPUS.iterdir():
        shutil.copy(path, folder)
    outside = folder.parent / "outside.txt"
    shutil.copy(BUNDLED_CORPUS / FILE_2022, outside)
    (folder / "link.txt").symlink_to(outside)
    os.mkfifo(folder / "pipe.txt")
    (folder / ("公" * 83 + ".txt")).write_bytes((BUNDLED_CORPUS / FILE_2022).read_bytes())
    with open(os.fsencode(folder) + b"/caf\xff.txt", "wb") as fh:
        fh.write(b"not utf-8 named")
    return {
        "cycle.pdf": hostile_files.mediabox_cycle(folder / "cycle.pdf"),
        "bomb.pdf": hostile_files.xobject_bomb(folder / "bomb.pdf"),
        "fan.pdf": hostile_files.xobject_fan(folder / "fan.pdf"),
        "chain.pdf": hostile_files.reference_chain(folder / "chain.pdf"),
        "arrays.pdf": hostile_files.array_cycle(folder / "arrays.pdf"),
        "pages.pdf": hostile_files.many_pages(folder / "pages.pdf", 5_001),
        "inflate.pdf": hostile_files.flate_bomb(folder / "inflate.pdf"),
        "string.pdf": hostile_files.long_string(folder / "string.pdf"),
        "cmap.pdf": hostile_files.character_map_range(folder / "cmap.pdf"),
        "fonts.pdf": hostile_files.shared_character_maps(folder / "fonts.pdf", 40),
        "glyphs.pdf": hostile_files.glyph_flood(folder / "glyphs.pdf"),
        "ruled.pdf": hostile_files.rule_grid(folder / "ruled.pdf", 400),
        "xref.pdf": hostile_files.xref_stream_overclaim(folder / "xref.pdf"),
        "link.txt": folder / "link.txt",
        "pipe.txt": folder / "pipe.txt",
        "公公公": folder / ("公" * 83 + ".txt"),
        "caf\\udcff.txt": folder / "caf.txt",
    }


def test_a_build_over_the_bundled_corpus_and_hostile_files_indexes_the_bundled_ones(tmp_path):
    corpus = tmp_path / "corpus"
    bad = hostile_corpus(corpus)
    index = tmp_path / "index"
    result = CliRunner().invoke(
        cli, ["index", "--corpus", str(corpus), "--index", str(index), "--parse-timeout", "8", "--parse-memory", "800"]
    )
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("错误：")]
    assert len(errors) == len(bad)  # one line per bad file…
    for name in bad:
        assert sum(name in line for line in errors) == 1, errors  # …naming it
    assert "Traceback" not in result.output
    bundled = sorted(name for name in os.listdir(BUNDLED_CORPUS) if name.endswith(".txt"))
    assert [line.split()[1] for line in result.output.splitlines() if line.strip().startswith("已索引")] == bundled
    documents = sum(len(parse_file(BUNDLED_CORPUS / name).documents) for name in bundled)
    assert GazetteSearch(index).stats()["kinds"]["document"] == documents


def _kill_on(name: str, original):
    def parse_one(path):
        if Path(path).name == name:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
        return original(path)

    return parse_one


def test_a_killed_parse_worker_is_one_line_and_the_rest_is_indexed(tmp_path, monkeypatch):
    """Before: a killed pool worker left `gazette index --full` waiting for ever, holding the lock."""
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    monkeypatch.setattr(build_module, "_parse_one", _kill_on(FILE_2022, build_module._parse_one))
    report = build_index(corpus, tmp_path / "index", full=True, workers=2)
    [failure] = report.failures
    assert failure["source"] == FILE_2022
    assert "解析进程异常退出（被信号 SIGKILL 终止" in failure["reason"] and FILE_2022 in failure["reason"]
    assert [issue["source"] for issue in report.issues] == ["002_aec23d992a7ebbae.txt"]
    assert multiprocessing.active_children() == []


def _killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("where", ["side writer", "segmenting", "whoosh writer"])
def test_a_killed_helper_process_fails_the_build_with_one_line(tmp_path, monkeypatch, where):
    """Before: killing the forked side writer gave a ForkedTaskError traceback; killing a segmenting or
    whoosh writer worker left the build waiting for ever."""
    index = tmp_path / "index"
    build_index(index_dir=index, engine="whoosh", workers=2)
    before = (index / "CURRENT").read_text()
    if where == "side writer":
        monkeypatch.setattr(build_module, "_write_side_files", _killed)
    elif where == "segmenting":
        monkeypatch.setattr(segmenting, "POOL_MIN_CHARS", 0)
        monkeypatch.setattr(segmenting, "_segment_lines", _killed)
    else:
        monkeypatch.setattr(whoosh_writer, "PARALLEL_MIN_RECORDS", 1)
        monkeypatch.setattr(whoosh_writer.os, "cpu_count", lambda: 2)
        monkeypatch.setattr(whoosh_writer, "_write_chunk", _killed)
    with pytest.raises(BuildError) as info:
        build_index(index_dir=index, engine="whoosh", workers=2, full=True)
    assert "意外退出（被信号 SIGKILL 终止" in str(info.value) and "原有索引如有，仍在使用" in str(info.value)
    assert multiprocessing.active_children() == []
    assert (index / "CURRENT").read_text() == before
    assert len(list((index / "builds").iterdir())) == 1


def test_gazette_parse_names_a_file_past_its_time_and_prints_the_rest(tmp_path):
    cycle = hostile_files.mediabox_cycle(tmp_path / "cycle.pdf")
    good = tmp_path / FILE_2022
    shutil.copy(BUNDLED_CORPUS / FILE_2022, good)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["parse", str(good), str(cycle), "--parse-timeout", "5"])
    assert time.monotonic() - started < 60
    assert result.exit_code == 1
    assert f"{FILE_2022}: " in result.output  # the good file's summary
    [error] = [line for line in result.output.splitlines() if line.startswith("错误：")]
    assert str(cycle) in error
