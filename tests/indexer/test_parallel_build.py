"""Building on every core (files parsed by a pool, whoosh segments written by forked workers) gives the
same index as building in one process; a worker's failure reaches the builder as the same clear error."""

from __future__ import annotations

import errno

import pytest

from indexer import build as build_module
from indexer.api import parse_request
from indexer.build import BuildError, build_index
from indexer.service import GazetteSearch
from indexer.whoosh_engine import writer as whoosh_writer

QUERIES = ["统计", "应急响应", "兴署发〔2022〕6号", "科右前旗 OR 突泉县", "领导小组 -统计", "标题:办法"]


def answers(index_dir) -> dict:
    searcher = GazetteSearch(index_dir)
    out = {}
    for q in QUERIES:
        result = searcher.search(parse_request({"q": q, "size": "100"}))
        out[q] = (
            result.total,
            [h.id for h in result.hits],
            {k: [(v.value, v.count) for v in vs] for k, vs in result.facets.items()},
        )
    return out


@pytest.fixture
def in_parallel(monkeypatch):
    monkeypatch.setattr(build_module, "PARSE_POOL_MIN_FILES", 1)
    monkeypatch.setattr(whoosh_writer, "PARALLEL_MIN_RECORDS", 1)
    monkeypatch.setattr(whoosh_writer.os, "cpu_count", lambda: 2)


def test_a_parallel_build_answers_like_a_sequential_one(tmp_path, in_parallel, monkeypatch):
    parallel = tmp_path / "parallel"
    build_index(index_dir=parallel, engine="whoosh", workers=2)
    reader = GazetteSearch(parallel)._snapshot().reader
    assert len(list(reader.searcher().leaf_searchers())) == 2  # one segment per worker…
    assert reader.identity  # …committed in record order, so no mapping is needed
    monkeypatch.setattr(build_module, "PARSE_POOL_MIN_FILES", 10**6)
    monkeypatch.setattr(whoosh_writer, "PARALLEL_MIN_RECORDS", 10**6)
    sequential = tmp_path / "sequential"
    build_index(index_dir=sequential, engine="whoosh", workers=1)
    assert len(list(GazetteSearch(sequential)._snapshot().reader.searcher().leaf_searchers())) == 1
    assert answers(parallel) == answers(sequential)


def test_a_build_larger_than_a_segment_writes_several_two_at_a_time(tmp_path, in_parallel, monkeypatch):
    """Past SEGMENT_RECORDS a full build writes more segments than workers (so no writer spills its
    postings to disk), `workers` at a time, still in record order."""
    import time

    sequential = tmp_path / "sequential"
    build_index(index_dir=sequential, engine="whoosh", workers=1)
    monkeypatch.setattr(whoosh_writer, "SEGMENT_RECORDS", 90)  # the bundled 413 records: 5 segments, 3 rounds
    spans = tmp_path / "spans"
    spans.mkdir()
    original = whoosh_writer._write_chunk

    def timed(engine_dir, items, results, slot, limitmb):  # runs in the forked writer process
        started = time.monotonic()
        original(engine_dir, items, results, slot, limitmb)
        (spans / str(slot)).write_text(f"{started} {time.monotonic()}")

    monkeypatch.setattr(whoosh_writer, "_write_chunk", timed)
    several = tmp_path / "several"
    build_index(index_dir=several, engine="whoosh", workers=2)
    reader = GazetteSearch(several)._snapshot().reader
    assert len(list(reader.searcher().leaf_searchers())) == 5
    assert reader.identity  # docnums still in record order
    intervals = [tuple(map(float, f.read_text().split())) for f in spans.iterdir()]
    assert len(intervals) == 5
    for start, _ in intervals:  # never more than two writer processes at once
        assert sum(1 for s, e in intervals if s <= start < e) <= 2
    assert answers(several) == answers(sequential)


def test_a_full_disk_in_a_writer_process_is_the_builders_one_line(tmp_path, in_parallel, monkeypatch):
    def full(self, **fields):
        raise OSError(errno.ENOSPC, "No space left on device", "/somewhere/_MAIN_1.seg")

    monkeypatch.setattr(whoosh_writer.SegmentWriter, "add_document", full)
    with pytest.raises(BuildError) as info:
        build_index(index_dir=tmp_path / "index", engine="whoosh", workers=2)
    assert "磁盘空间不足" in str(info.value) and "_MAIN_1.seg" in str(info.value)
    assert not list((tmp_path / "index" / "builds").iterdir())  # nothing half-written left behind


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_a_failure_while_the_pool_cuts_words_stops_the_pool(tmp_path, monkeypatch, engine):
    """The corpus facts are worked out while the segmenting pool runs: a failure there reaches the
    builder as itself, leaves no worker process behind, and publishes nothing."""
    import multiprocessing

    from indexer import segmenting

    monkeypatch.setattr(segmenting, "POOL_MIN_CHARS", 0)  # the bundled corpus is below it
    started = []
    original = segmenting._Pool.__init__

    def recording(self, *args):
        original(self, *args)
        started.append(self)

    def broken(issues):
        raise RuntimeError("事实出错")

    monkeypatch.setattr(segmenting._Pool, "__init__", recording)
    monkeypatch.setattr(build_module, "corpus_facts", broken)
    with pytest.raises(RuntimeError, match="事实出错"):
        build_index(index_dir=tmp_path / "index", engine=engine, workers=2)
    assert len(started) == 1  # the pool was running when the facts failed…
    assert multiprocessing.active_children() == []  # …and is gone
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_the_tantivy_writer_starts_its_threads_only_when_written_to(tmp_path):
    """The builder forks its segmenting pool after making the engine's writer: tantivy's writer (and
    its indexing threads) is made at the first add or commit, and a source deleted before that is
    still deleted, before anything is added."""
    from indexer.tantivy_engine.writer import TantivyWriter

    index = tmp_path / "index"
    build_index(index_dir=index, engine="tantivy", full=True)
    live = GazetteSearch(index)._snapshot().build
    writer = TantivyWriter(tmp_path / "engine", live.engine_dir)
    writer.delete_source("000_50af7b231d7ea85e.txt")
    assert writer._writer is None
    count = writer.commit()  # made (and let go of once committed, before the gram sets are sorted)
    ids = [k[0] for k in writer.keys if k is not None]
    assert ids and not any(i.startswith("xsbz-2022") or i.startswith("dsj-2022") for i in ids)
    import tantivy

    assert tantivy.Index.open(str(tmp_path / "engine")).searcher().num_docs == len(ids) == count


def test_files_that_do_not_parse_are_reported_even_if_jieba_cannot_load(tmp_path, monkeypatch):
    """The parse pool loads the segmenting dictionaries while it parses; when that fails, the build still says
    which files did not parse (the dictionary is needed only once there are records to segment)."""
    monkeypatch.setattr(build_module, "PARSE_POOL_MIN_FILES", 1)

    def broken():
        raise OSError("词典坏了")

    monkeypatch.setattr(build_module, "bulk_cutter", broken)
    bad = tmp_path / "bad"
    bad.mkdir()
    for n in range(4):
        (bad / f"empty{n}.txt").write_text("")
    with pytest.raises(BuildError) as info:
        build_index(bad, tmp_path / "index", full=True, workers=2)
    assert all(f"empty{n}.txt" in str(info.value) for n in range(4))


def test_a_failure_in_the_forked_file_writer_fails_the_build(tmp_path, monkeypatch, engine):
    """The issue files and the prefix dictionary are written by a forked child while this process
    segments and indexes: its error reaches the builder as itself (its traceback in a note), no
    process is left behind, nothing is published and the last good index still serves."""
    import multiprocessing

    from indexer.service import GazetteSearch

    index = tmp_path / "index"
    build_index(index_dir=index, engine=engine, workers=2)
    before = (index / "CURRENT").read_text()

    def full_disk(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    def broken(*args):
        raise RuntimeError("词典写坏了")

    monkeypatch.setattr(build_module, "_write_prefix_dictionary", full_disk)
    with pytest.raises(BuildError, match="磁盘空间不足"):  # the child's OSError, told as the parent's would be
        build_index(index_dir=index, engine=engine, workers=2, full=True)
    monkeypatch.setattr(build_module, "_write_prefix_dictionary", broken)
    with pytest.raises(RuntimeError, match="词典写坏了") as info:
        build_index(index_dir=index, engine=engine, workers=2, full=True)
    assert any("在子进程中" in note and "broken" in note for note in info.value.__notes__)
    assert multiprocessing.active_children() == []
    assert (index / "CURRENT").read_text() == before
    assert len(list((index / "builds").iterdir())) == 1  # the failed builds were removed
    assert GazetteSearch(index).stats()["records"] > 400
