"""whoosh answers a one-character term from its character postings (chars.bin): the records holding
each character must be exactly those whose normalized text holds it, after a full build and after
incremental ones that delete, re-add and merge segments, and in titles or bodies only."""

from __future__ import annotations

import errno
import random
import shutil

import pytest
from bundled_builds import FILE_2023, build_bundled

from corpus import BUNDLED_CORPUS
from indexer.build import BuildError, build_index
from indexer.service import GazetteSearch
from indexer.whoosh_engine import writer as whoosh_writer
from indexer.whoosh_engine.chars import CharPostings, write_char_postings
from indexer.whoosh_engine.writer import WhooshWriter


@pytest.fixture(scope="module", params=["full", "incremental"])
def reader(request, tmp_path_factory):
    index = build_bundled(tmp_path_factory.mktemp(f"chars-{request.param}"), request.param == "incremental")
    reader = GazetteSearch(index)._snapshot().reader
    if request.param == "incremental":
        assert not reader.identity  # deleted documents: docnums are mapped
    return reader


def test_every_character_finds_exactly_the_records_holding_it(reader):
    texts = reader.norm_texts
    chars = sorted({c for t in texts for c in t} - {"\x00"})
    assert len(chars) > 1000
    for c in chars:
        assert reader.containing(c) == {i for i, t in enumerate(texts) if c in t}, c
    assert reader.containing("豈") == set()  # in no record


def test_titles_bodies_and_bounds(reader):
    texts, starts = reader.norm_texts, reader.body_start
    rng = random.Random(5)
    within = set(rng.sample(range(len(texts)), len(texts) // 2))
    in_titles = 0
    for c in "盟会统字发第":
        title = {i for i, t in enumerate(texts) if starts[i] and c in t[: starts[i] - 1]}
        body = {i for i, t in enumerate(texts) if t.find(c, starts[i]) >= 0}
        assert reader.containing(c, "title") == title
        assert reader.containing(c, "body") == body and body
        assert reader.containing(c, None, within) == {i for i in within if c in texts[i]}
        in_titles += bool(title)
    assert in_titles >= 3


def test_the_file_round_trips_and_refuses_other_bytes(tmp_path):
    texts = ["兴安盟", "", "盟\x00a盟", "豆" * 3]
    path = tmp_path / "chars.bin"
    write_char_postings(path, texts)
    postings = CharPostings(path.read_bytes())
    assert postings.docs("盟").tolist() == [0, 2]
    assert postings.docs("豆").tolist() == [3]
    assert postings.docs("a").tolist() == [2]
    assert postings.docs("\x00").tolist() == [] and postings.docs("统").tolist() == []
    write_char_postings(path, [])
    assert CharPostings(path.read_bytes()).docs("盟").tolist() == []
    for other in (b"GZCHARS1" + bytes(8) + b"x", b"GZCHARS1" + (5).to_bytes(8, "little") + bytes(40), b"not this"):
        with pytest.raises(ValueError, match="不是字符倒排文件|字符倒排文件长度不符"):
            CharPostings(other)


def test_an_incremental_writer_must_be_told_what_it_keeps(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for name in (FILE_2023, "manifest.json"):
        shutil.copy(BUNDLED_CORPUS / name, corpus)
    build_index(corpus, index, engine="whoosh")
    engine_dir = GazetteSearch(index)._snapshot().build.engine_dir
    writer = WhooshWriter(tmp_path / "copy", engine_dir)
    with pytest.raises(RuntimeError, match="字符倒排缺少"):
        writer.commit()


def test_a_full_disk_while_writing_them_is_reported_as_such(tmp_path, monkeypatch):
    """chars.bin is written after whoosh's own commit: the error is the disk's, not "this writer is closed"."""

    def full(path, texts):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(whoosh_writer, "write_char_postings", full)
    with pytest.raises(BuildError, match="磁盘空间不足"):
        build_index(BUNDLED_CORPUS, tmp_path / "index", engine="whoosh", full=True)
