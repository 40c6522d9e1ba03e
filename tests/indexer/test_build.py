"""Builds are atomic and incremental; a failed or killed build leaves the old index serving."""

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus import BUNDLED_CORPUS, parse_file
from indexer import build as build_module
from indexer import store
from indexer.api import IndexMissingError, StaleIndexError, parse_request
from indexer.build import BuildError, build_index, ensure_index, index_status
from indexer.records import issue_records
from indexer.service import GazetteSearch

REPO = Path(__file__).resolve().parents[2]
FILE_2022 = "000_50af7b231d7ea85e.txt"
FILE_2023 = "002_aec23d992a7ebbae.txt"


@pytest.fixture(autouse=True)
def new_builds_use(engine, monkeypatch):
    """A first build takes the default engine (later ones keep the live build's): here, each engine."""
    monkeypatch.setattr(build_module, "DEFAULT_ENGINE", engine)
    return engine


@pytest.fixture
def corpus_2022(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    return corpus


def record_count(*names):
    return sum(len(issue_records(parse_file(BUNDLED_CORPUS / name))) for name in names)


def total(searcher, **params):
    return searcher.search(parse_request(params)).total


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexMissingError):
        GazetteSearch(tmp_path / "nothing")
    assert index_status(tmp_path / "nothing") == "missing"


def test_adding_a_file_reindexes_only_it_and_readers_pick_it_up(tmp_path, corpus_2022, new_builds_use):
    index_dir = tmp_path / "index"
    first = build_index(corpus_2022, index_dir)
    assert first.mode == "full" and [i["source"] for i in first.issues] == [FILE_2022]
    assert store.open_build(index_dir).meta["engine"] == new_builds_use
    searcher = GazetteSearch(index_dir)
    assert total(searcher, year="2023") == 0
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus_2022)
    second = build_index(corpus_2022, index_dir)
    assert second.mode == "incremental" and [i["source"] for i in second.issues] == [FILE_2023]
    assert second.records == record_count(FILE_2022, FILE_2023)
    assert total(searcher, year="2023", kind="document") == 5  # same object: it reloaded by itself
    assert build_index(corpus_2022, index_dir).mode == "unchanged"
    (corpus_2022 / FILE_2023).unlink()
    third = build_index(corpus_2022, index_dir)
    assert third.removed == [FILE_2023] and total(searcher, year="2023") == 0


def test_progress_is_reported(tmp_path, corpus_2022):
    seen = []
    build_index(corpus_2022, tmp_path / "index", progress=lambda stage, done, n: seen.append((stage, done, n)))
    assert ("parse", 1, 1) in seen and seen[-1][0] == "index" and seen[-1][1] == seen[-1][2] == record_count(FILE_2022)


def test_a_failed_build_leaves_the_old_index_serving(tmp_path, corpus_2022):
    index_dir = tmp_path / "index"
    build_index(corpus_2022, index_dir)
    searcher = GazetteSearch(index_dir)
    before = total(searcher, q="秸秆禁烧")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(BuildError) as info:
        build_index(bad, index_dir, full=True)
    assert "empty.txt" in str(info.value) and "binary.txt" in str(info.value)
    assert total(searcher, q="秸秆禁烧") == before
    assert total(GazetteSearch(index_dir), q="秸秆禁烧") == before


def test_a_file_that_stops_parsing_keeps_its_records(tmp_path, corpus_2022):
    index_dir = tmp_path / "index"
    build_index(corpus_2022, index_dir)
    (corpus_2022 / FILE_2022).write_text("")  # damaged in place
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus_2022)
    report = build_index(corpus_2022, index_dir)
    assert [s["source"] for s in report.skipped] == [FILE_2022]
    searcher = GazetteSearch(index_dir)
    assert total(searcher, year="2022", kind="document") == 7 and total(searcher, year="2023", kind="document") == 5


def test_a_build_killed_midway_leaves_the_old_index_serving(tmp_path, corpus_2022):
    index_dir = tmp_path / "index"
    build_index(corpus_2022, index_dir)
    live = store.read_pointer(index_dir)
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus_2022)
    script = textwrap.dedent(
        f"""
        import sys, time
        from indexer.build import build_index
        def slow(stage, done, total):
            print(stage, done, flush=True)
            time.sleep(0.05)
        build_index({str(corpus_2022)!r}, {str(index_dir)!r}, progress=slow, full=True)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if line.startswith("index"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert store.read_pointer(index_dir) == live
    searcher = GazetteSearch(index_dir)
    assert total(searcher, year="2022", kind="document") == 7 and total(searcher, year="2023") == 0
    # the next build cleans up the half-written directory and completes
    build_index(corpus_2022, index_dir)
    assert total(GazetteSearch(index_dir), year="2023", kind="document") == 5
    assert len(list((index_dir / store.BUILDS).iterdir())) <= store.KEEP_BUILDS


def test_a_changed_dictionary_or_analyzer_triggers_a_rebuild(tmp_path, corpus_2022, monkeypatch):
    index_dir = tmp_path / "index"
    build_index(corpus_2022, index_dir)
    assert index_status(index_dir) == "ok"
    monkeypatch.setattr(build_module, "analysis_fingerprint", lambda: "another dictionary")
    assert index_status(index_dir) == "stale"
    with pytest.raises(StaleIndexError):
        GazetteSearch(index_dir)
    report = build_index(corpus_2022, index_dir)
    assert report.mode == "full"  # not incremental: every record re-analyzed
    assert ensure_index(index_dir) is None and index_status(index_dir) == "ok"


@pytest.mark.parametrize("why", ["full", "stale", "damaged"])
def test_a_rebuild_keeps_the_engine_the_index_was_built_with(tmp_path, corpus_2022, monkeypatch, why):
    """`--engine` is chosen once: a full rebuild, one after an upgrade (stale) or one after damage keeps
    it, even though none of them can extend the live build (here: the engine other than the default)."""
    monkeypatch.setattr(build_module, "DEFAULT_ENGINE", "whoosh")
    index = tmp_path / "index"
    build_index(corpus_2022, index, engine="tantivy")
    if why == "stale":
        monkeypatch.setattr(build_module, "SCHEMA_VERSION", build_module.SCHEMA_VERSION + "-next")
        assert index_status(index) == "stale"
    elif why == "damaged":
        segment = max(store.open_build(index).engine_dir.glob("*.term"), key=lambda p: p.stat().st_size)
        segment.write_bytes(segment.read_bytes()[:10])
        assert index_status(index) == "damaged"
    report = build_index(corpus_2022, index, full=why == "full")
    assert report.mode == "full"
    assert store.open_build(index).meta["engine"] == "tantivy"
    assert GazetteSearch(index).search(parse_request({"q": "统计"})).total > 0


def test_an_index_with_an_old_one_part_pointer_is_rebuilt(tmp_path, corpus_2022, monkeypatch):
    """CURRENT as early builds wrote it (the build's name alone): opening says the index is old, and
    `gazette index` rebuilds it (it used to fail saying to run itself), keeping the engine."""
    monkeypatch.setattr(build_module, "DEFAULT_ENGINE", "whoosh")
    index = tmp_path / "index"
    build_index(corpus_2022, index, engine="tantivy")
    (index / store.POINTER).write_text(store.open_build(index).name + "\n", encoding="utf-8")
    with pytest.raises(StaleIndexError):
        GazetteSearch(index)
    report = build_index(corpus_2022, index)
    assert report.mode == "full"
    assert store.open_build(index).meta["engine"] == "tantivy"
    assert GazetteSearch(index).search(parse_request({"q": "统计"})).total > 0
