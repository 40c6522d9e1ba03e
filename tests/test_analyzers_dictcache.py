"""analyzers.dictcache: the builder's dictionary is kept per analysis, read back only when its files
are the ones recorded, and gives the cutter stock jieba's words."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzers import dictcache, segment
from analyzers.fastcut import RsCutter
from corpus import BUNDLED_CORPUS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GAZETTE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def bundled_lines() -> list[str]:
    return sorted({line for p in BUNDLED_CORPUS.glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()})


def test_a_kept_dictionary_gives_the_tokenizers_words(cache, tmp_path):
    fingerprint = segment.analysis_fingerprint()
    assert dictcache.load(fingerprint) is None
    written = tmp_path / "prefix.bin"
    sha = segment.save_prefix_dictionary(written)  # nothing kept yet: written, then kept
    kept = dictcache.load(fingerprint)
    assert kept is not None and kept.prefix_sha256 == sha
    assert kept.prefix_path.read_bytes() == written.read_bytes()
    tk = segment.get_tokenizer()
    assert kept.total == tk.total and dict(zip(kept.words, kept.freqs)) == {w: f for w, f in tk.FREQ.items() if f}
    from analyzers.prefixdict import BucketedTokenizer

    cutter = RsCutter(kept.words, kept.freqs, kept.total, BucketedTokenizer(kept.prefix_path, kept.prefix_sha256))
    lines = bundled_lines() + ["1月19-25日,赴会", "v1.2.3版本㐀㐀"]
    assert [cutter.cut(line) for line in lines] == [list(tk.cut(line)) for line in lines]
    again = tmp_path / "again.bin"
    assert segment.save_prefix_dictionary(again) == sha  # now copied from what is kept
    assert again.read_bytes() == written.read_bytes()


@pytest.mark.parametrize("damaged", [dictcache.PREFIX, dictcache.WORDS, dictcache.SUMS])
def test_a_damaged_entry_is_not_used(cache, tmp_path, damaged):
    fingerprint = segment.analysis_fingerprint()
    segment.save_prefix_dictionary(tmp_path / "prefix.bin")
    path = dictcache.cache_folder(fingerprint) / damaged
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    assert dictcache.load(fingerprint) is None
    segment.save_prefix_dictionary(tmp_path / "again.bin")  # written again, and kept again
    assert dictcache.load(fingerprint) is not None


def test_an_entry_for_another_analysis_is_not_used(cache, tmp_path):
    segment.save_prefix_dictionary(tmp_path / "prefix.bin")
    assert dictcache.load(segment.analysis_fingerprint()) is not None
    assert dictcache.load("0" * 64) is None


def test_a_folder_that_cannot_be_written_only_means_nothing_is_kept(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GAZETTE_CACHE_DIR", str(blocker))
    sha = segment.save_prefix_dictionary(tmp_path / "prefix.bin")
    assert len(sha) == 64 and (tmp_path / "prefix.bin").stat().st_size > 1_000_000
    assert dictcache.load(segment.analysis_fingerprint()) is None


def test_a_build_with_a_kept_dictionary_never_loads_the_whole_one(cache, tmp_path):
    """Two builds in fresh processes: the first prepares and keeps the dictionary; the second reads
    jieba's words from what is kept and its tokenizer is the prefix file's, and both answer alike."""
    script = """
import sys
from analyzers import segment
from indexer.build import build_index
from indexer.service import GazetteSearch
from indexer.api import parse_request
build_index(index_dir=sys.argv[1], workers=2)
gs = GazetteSearch(sys.argv[1])
r = gs.search(parse_request({"q": "统计 工作", "size": "20"}))
print(type(segment._tokenizer).__name__, r.total, [h.id for h in r.hits])
"""
    runs = []
    for n in range(2):
        out = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / f"index{n}")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split(" ", 1)
        runs.append(out)
    assert runs[0][0] == "Tokenizer" and runs[1][0] == "BucketedTokenizer"
    assert runs[0][1] == runs[1][1]
    assert json.loads((dictcache.cache_folder(segment.analysis_fingerprint()) / dictcache.SUMS).read_text())


def test_a_kept_prefix_file_of_another_format_is_not_used(cache, tmp_path):
    """Even with its sums right: a prefix file is used only in the format this code reads."""
    from analyzers import prefixdict

    fingerprint = segment.analysis_fingerprint()
    segment.save_prefix_dictionary(tmp_path / "prefix.bin")
    folder = dictcache.cache_folder(fingerprint)
    assert prefixdict.MAGIC.decode() in folder.name
    other = b"GZPFX000" + (folder / dictcache.PREFIX).read_bytes()[len(prefixdict.MAGIC) :]
    (folder / dictcache.PREFIX).write_bytes(other)
    sums = json.loads((folder / dictcache.SUMS).read_text())
    sums["prefix"] = hashlib.sha256(other).hexdigest()
    (folder / dictcache.SUMS).write_text(json.dumps(sums))
    assert dictcache.load(fingerprint) is None


def test_what_a_stopped_writer_left_is_removed(cache, tmp_path):
    fingerprint = segment.analysis_fingerprint()
    folder = dictcache.cache_folder(fingerprint)
    folder.mkdir(parents=True)
    old, fresh = folder / ".words.marshal.abc", folder / ".prefixdict.bin.def"
    for path in (old, fresh):
        path.write_bytes(b"x" * 1000)
    os.utime(old, (time.time() - 2 * dictcache.STALE_SECONDS,) * 2)
    segment.save_prefix_dictionary(tmp_path / "prefix.bin")
    assert not old.exists() and fresh.exists()  # a recent one may be another build's, still writing
    assert dictcache.load(fingerprint) is not None


def test_a_word_of_frequency_zero_in_the_user_dictionary_is_refused(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_text("兴安盟 5000 ns\n杭研 0\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"userdict.txt:2: 词频为 0 的词（“杭研”"):
        segment._check_user_dictionary(path)
    segment._check_user_dictionary(segment.USERDICT_PATH)  # the shipped one has none


# -- the cache is a cache (issue 19): never trusted over its source, never a failed build ------------------


def _rewrite_with_sums(folder: Path, name: str, data: bytes) -> None:
    """Replace a kept file and record its new sum, as someone who knows the layout would."""
    (folder / name).write_bytes(data)
    sums = json.loads((folder / dictcache.SUMS).read_text())
    sums["words" if name == dictcache.WORDS else "prefix"] = hashlib.sha256(data).hexdigest()
    (folder / dictcache.SUMS).write_text(json.dumps(sums))


def _kept(tmp_path) -> Path:
    segment.save_prefix_dictionary(tmp_path / "prefix.bin")
    assert dictcache.load(segment.analysis_fingerprint()) is not None
    return dictcache.cache_folder(segment.analysis_fingerprint())


def test_rewritten_words_with_matching_sums_are_not_trusted_and_are_healed(cache, tmp_path):
    """Before: frequencies rewritten with their sums recomputed changed ranking silently, for ever."""
    folder = _kept(tmp_path)
    words, freqs, total = json.loads((folder / dictcache.WORDS).read_bytes())
    freqs = [f * 7 if k % 3 == 0 else f for k, f in enumerate(freqs)]  # a third of the words reweighted
    _rewrite_with_sums(folder, dictcache.WORDS, json.dumps([words, freqs, total]).encode())
    assert dictcache.load(segment.analysis_fingerprint()) is None
    assert not (folder / dictcache.SUMS).exists()  # removed, so that the next build keeps a sound one
    segment.save_prefix_dictionary(tmp_path / "again.bin")
    kept = dictcache.load(segment.analysis_fingerprint())
    assert kept is not None and kept.freqs[0] * 7 == freqs[0]  # healed: the source's frequencies again


@pytest.mark.parametrize(
    "crafted",
    [
        b"[[], [], 0]",
        b'[["\\u7edf\\u8ba1"], [1], 1]',
        b'{"words": 1}',
        b"[[1, 2], [3, 4], 5]",
        b"not json at all",
    ],
)
def test_crafted_words_with_valid_sums_fall_back_and_the_build_succeeds(cache, tmp_path, crafted):
    """Before: crafted content with valid sums made every build fail instead of falling back."""
    from indexer.build import build_index

    folder = _kept(tmp_path)
    _rewrite_with_sums(folder, dictcache.WORDS, crafted)
    report = build_index(BUNDLED_CORPUS, tmp_path / "index", full=True)  # the crafted entry is there
    assert report.records > 400
    assert dictcache.load(segment.analysis_fingerprint()) is not None  # and the build kept a sound one


def test_a_kept_file_that_is_a_link_to_a_device_is_not_read(cache, tmp_path):
    """Before: words.marshal linked to /dev/zero was a MemoryError."""
    folder = _kept(tmp_path)
    for name in (dictcache.WORDS, dictcache.PREFIX):
        (folder / name).unlink()
        (folder / name).symlink_to("/dev/zero")
        assert dictcache.load(segment.analysis_fingerprint()) is None
        segment.save_prefix_dictionary(tmp_path / "again.bin")
        assert not (folder / name).is_symlink() and dictcache.load(segment.analysis_fingerprint()) is not None


def test_a_kept_file_that_is_a_folder_or_too_large_is_not_read(cache, tmp_path, monkeypatch):
    folder = _kept(tmp_path)
    (folder / dictcache.WORDS).unlink()
    (folder / dictcache.WORDS).mkdir()
    assert dictcache.load(segment.analysis_fingerprint()) is None
    (folder / dictcache.WORDS).rmdir()
    segment.save_prefix_dictionary(tmp_path / "again.bin")
    monkeypatch.setattr(dictcache, "MAX_BYTES", 1000)
    assert dictcache.load(segment.analysis_fingerprint()) is None


def test_the_entry_is_keyed_on_the_source_dictionary(cache, tmp_path, monkeypatch):
    folder = _kept(tmp_path)
    source = dictcache.source_dictionary()
    monkeypatch.setattr(dictcache, "_source", (source + b"\xe6\xb5\x8b\xe8\xaf\x95\xe8\xaf\x8d 5 n\n", "f" * 64))
    assert dictcache.cache_folder(segment.analysis_fingerprint()) != folder  # another dictionary, another entry
    assert dictcache.load(segment.analysis_fingerprint()) is None
