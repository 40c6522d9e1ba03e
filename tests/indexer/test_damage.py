"""Damage is found, never served: each build records what it wrote; opening checks sizes and the meta
file's hash, `gazette index` checks every byte and rebuilds what is damaged, and a server keeps the last
good build instead of switching to a damaged one. A full disk is one line and leaves nothing behind."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import BUNDLED_CORPUS
from gazette_cli.main import cli
from indexer import build as build_module
from indexer import store
from indexer.api import IndexDamagedError, parse_request
from indexer.build import BuildError, build_index, index_status
from indexer.service import GazetteSearch

FILE_2022 = "000_50af7b231d7ea85e.txt"


def statistic_hits(index_dir) -> int:
    return GazetteSearch(index_dir).search(parse_request({"q": "统计"})).total


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, engine) -> Path:
    path = tmp_path_factory.mktemp(f"pristine-{engine}")
    build_index(index_dir=path, engine=engine)
    return path


@pytest.fixture(scope="module")
def expected_statistics(pristine) -> int:
    return statistic_hits(pristine)


@pytest.fixture
def index_dir(tmp_path, pristine) -> Path:
    """A sound index of the bundled corpus, this test's own to damage."""
    copy = tmp_path / "index"
    shutil.copytree(pristine, copy)
    return copy


def live(index_dir: Path) -> Path:
    return store.open_build(index_dir).path


# the engine's own posting files (not the side files an engine may add): whoosh segments, tantivy's
# term dictionaries; OpenSearch keeps only the name of its index in the cluster (and what later builds need)
SEGMENT_FILES = {"whoosh": "*.seg", "tantivy": "*.term", "opensearch": "cluster.json"}


def engine_segment(index_dir: Path) -> Path:
    build = store.open_build(index_dir)
    pattern = SEGMENT_FILES[build.meta["engine"]]
    segments = sorted(build.engine_dir.glob(pattern))
    assert segments, f"the {build.meta['engine']} engine writes {pattern} files"
    return max(segments, key=lambda p: p.stat().st_size)


def truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def one_line(output: str) -> str:
    """The one error line of a command's output (progress labels aside), and no traceback."""
    lines = [line for line in output.splitlines() if line.startswith("错误：")]
    assert len(lines) == 1 and "Traceback" not in output and "Error" not in output, output
    return lines[0]


def run_cli(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


# -- detection -----------------------------------------------------------------------------------------


def test_a_build_records_every_file_it_wrote(index_dir):
    build = store.open_build(index_dir)
    written = build.meta["written"]
    on_disk = {p.relative_to(build.path).as_posix() for p in build.path.rglob("*") if p.is_file()} - {store.META}
    assert set(written) == on_disk
    assert all(size == (build.path / rel).stat().st_size for rel, (size, _) in written.items())
    name, meta_sha = store.read_pointer(index_dir)
    assert name == build.name and meta_sha == store.sha256_file(build.path / store.META)


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda d: truncate(live(d) / store.META), "meta.json 与建索引时写入的内容不符"),
        (lambda d: next((live(d) / store.RECORDS).glob("*.json")).unlink(), "缺少文件 records/"),
        (lambda d: truncate(engine_segment(d)), "的大小是"),
        (lambda d: (d / store.POINTER).write_text("garbage"), "CURRENT：内容不完整"),
    ],
)
def test_damage_is_one_clear_line_and_never_answers(index_dir, damage, words):
    damage(index_dir)
    assert index_status(index_dir) == "damaged"
    with pytest.raises(IndexDamagedError) as info:
        GazetteSearch(index_dir)
    assert words in info.value.message and info.value.message.startswith("索引已损坏：")
    assert info.value.message.endswith("请运行 gazette index 重建")
    code, output = run_cli("search", "统计", "--index", str(index_dir))
    assert code == 2 and words in one_line(output)


def test_same_size_corruption_is_found_by_the_full_check(index_dir):
    segment = engine_segment(index_dir)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    assert index_status(index_dir) == "ok"  # the cheap check on opening cannot see it…
    code, output = run_cli("check", "--index", str(index_dir))
    assert code == 2 and "与建索引时写入的内容不符" in one_line(output)  # …the full check does
    report = build_index(index_dir=index_dir)
    assert report.mode == "full" and "与建索引时写入的内容不符" in report.reason


# the JSON side files each engine reads when an index opens
ENGINE_JSON = {"whoosh": ["docids.json"], "tantivy": ["keys.json", "statuses.json"], "opensearch": ["cluster.json"]}


def test_a_changed_byte_in_an_engine_json_file_is_found_on_opening(index_dir):
    """Same size, valid JSON, different content: a key table or status map read wrongly would be
    served as wrong answers, so opening checks these files' hashes, not only their sizes."""
    build = store.open_build(index_dir)
    for name in ENGINE_JSON[build.meta["engine"]]:
        path = build.engine_dir / name
        original = path.read_bytes()
        text = original.decode("utf-8")
        # one ASCII digit or letter changed for another: the JSON still parses
        at = next(i for i, ch in enumerate(text) if ch.isascii() and ch.isalnum())
        path.write_bytes((text[:at] + ("1" if text[at] != "1" else "2") + text[at + 1 :]).encode("utf-8"))
        assert path.stat().st_size == len(original)
        json.loads(path.read_bytes())
        with pytest.raises(IndexDamagedError) as info:
            GazetteSearch(index_dir)
        assert f"engine/{name} 与建索引时写入的内容不符" in info.value.message
        path.write_bytes(original)
    assert statistic_hits(index_dir) > 0  # and the sound files open


OPEN_IN_A_FRESH_PROCESS = """
import sys
from analyzers import segment
from indexer.api import IndexDamagedError, parse_request
from indexer.service import GazetteSearch
try:
    gs = GazetteSearch(sys.argv[1])
except IndexDamagedError as exc:
    print("damaged", exc.message)
    raise SystemExit(0)
print(type(segment.get_tokenizer()).__name__, gs.search(parse_request({"q": "统计"})).total)
"""


def open_in_a_fresh_process(index_dir: Path) -> str:
    """What a search process that has not loaded jieba's dictionary yet makes of the index."""
    done = subprocess.run(
        [sys.executable, "-c", OPEN_IN_A_FRESH_PROCESS, str(index_dir)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_search_process_reads_the_builds_dictionary_and_refuses_a_damaged_one(index_dir, expected_statistics):
    assert open_in_a_fresh_process(index_dir) == f"BucketedTokenizer {expected_statistics}"
    prefix = live(index_dir) / store.PREFIX_DICT
    data = bytearray(prefix.read_bytes())
    data[len(data) // 2] ^= 0xFF
    prefix.write_bytes(bytes(data))
    out = open_in_a_fresh_process(index_dir)
    assert out.startswith("damaged 索引已损坏：") and f"{store.PREFIX_DICT} 与建索引时写入的内容不符" in out


# -- repair ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: truncate(live(d) / store.META),
        lambda d: next((live(d) / store.RECORDS).glob("*.json")).unlink(),
        lambda d: truncate(engine_segment(d)),
    ],
)
@pytest.mark.parametrize("flags", [[], ["--full"]])
def test_gazette_index_rebuilds_a_damaged_index(index_dir, damage, flags, expected_statistics):
    damage(index_dir)
    code, output = run_cli("index", "--index", str(index_dir), *flags)
    assert code == 0, output
    assert "完整重建" in output and "无变化" not in output and "Traceback" not in output
    assert index_status(index_dir) == "ok"
    assert statistic_hits(index_dir) == expected_statistics


# -- serving ---------------------------------------------------------------------------------------------


def test_a_server_keeps_the_last_good_build(index_dir, tmp_path, expected_statistics):
    searcher = GazetteSearch(index_dir)
    good = searcher.version
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    build_index(corpus, index_dir, full=True)  # a new build goes live…
    truncate(engine_segment(index_dir))  # …and is damaged before the server looks
    assert searcher.version == good
    assert searcher.search(parse_request({"q": "统计"})).total == expected_statistics
    build_index(index_dir=index_dir, full=True)  # repaired: the server moves on
    assert searcher.version != good and index_status(index_dir) == "ok"


def test_a_server_on_a_damaged_index_answers_503_not_500(index_dir):
    from search_web import create_app

    truncate(engine_segment(index_dir))
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    for path in ("/search?q=统计", "/doc/xsf-2022-6", "/issues", "/chronicle"):
        response = client.get(path)
        assert response.status_code == 503 and "索引已损坏" in response.get_data(as_text=True)
    data = client.get("/search.json?q=统计").get_json()
    assert data["ok"] is False and data["code"] == "index_damaged" and "请运行 gazette index" in data["error"]


# -- a full disk ------------------------------------------------------------------------------------------


def _assert_nothing_half_written(index_dir: Path, before: str) -> None:
    assert store.read_pointer(index_dir)[0] == before
    assert [b.name for b in (index_dir / store.BUILDS).iterdir()] == [before]


def test_no_space_while_writing_is_one_line_and_keeps_the_old_index(index_dir, monkeypatch, expected_statistics):
    before = store.read_pointer(index_dir)[0]

    def full_disk(build, meta):
        raise OSError(errno.ENOSPC, "No space left on device", str(build / "meta.json"))

    monkeypatch.setattr(build_module.store, "seal", full_disk)
    with pytest.raises(BuildError) as info:
        build_index(index_dir=index_dir, full=True)
    message = str(info.value)
    assert "磁盘空间不足" in message and "meta.json" in message and " MB" in message
    code, output = run_cli("index", "--full", "--index", str(index_dir))
    assert code == 1 and "磁盘空间不足" in one_line(output)
    _assert_nothing_half_written(index_dir, before)
    assert statistic_hits(index_dir) == expected_statistics


def _can_mount_tmpfs(path: Path) -> bool:
    path.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=14m", "tmpfs", str(path)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def test_a_really_full_disk(tmp_path, expected_statistics):
    """On a 14 MB file system the first build (≈9.5 MB) fits, a second full build beside it does not."""
    disk = tmp_path / "disk"
    if not _can_mount_tmpfs(disk):
        pytest.skip("cannot mount a small tmpfs here (needs root); the injected ENOSPC test covers the logic")
    try:
        index_dir = disk / "index"
        build_index(index_dir=index_dir)
        before = store.read_pointer(index_dir)[0]
        code, output = run_cli("index", "--full", "--index", str(index_dir))
        line = one_line(output)
        assert code == 1 and "磁盘空间不足" in line and str(disk) in line and " MB" in line
        _assert_nothing_half_written(index_dir, before)
        assert statistic_hits(index_dir) == expected_statistics
        assert json.loads((index_dir / store.BUILDS / before / store.META).read_text())["records"] > 0
    finally:
        # an index the test opened may still hold a file there ("target is busy"): detached lazily then,
        # or every run leaves a mounted tmpfs behind in pytest's temporary folders
        if subprocess.run(["umount", str(disk)], check=False, capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(disk)], check=False, capture_output=True)


def test_a_changed_byte_in_the_character_postings_is_found_on_opening(index_dir):
    """whoosh's chars.bin answers one-character terms: a flipped document number would be a wrong hit."""
    build = store.open_build(index_dir)
    if build.meta["engine"] != "whoosh":
        pytest.skip("only the whoosh engine writes character postings")
    path = build.engine_dir / "chars.bin"
    original = path.read_bytes()
    data = bytearray(original)
    data[-3] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IndexDamagedError) as info:
        GazetteSearch(index_dir)
    assert "engine/chars.bin 与建索引时写入的内容不符" in info.value.message
    path.unlink()
    with pytest.raises(IndexDamagedError) as info:
        GazetteSearch(index_dir)
    assert "缺少文件 engine/chars.bin" in info.value.message
    path.write_bytes(original)
    assert statistic_hits(index_dir) > 0
