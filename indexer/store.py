"""The index directory: immutable, checksummed builds and an atomically switched pointer.

    INDEX_DIR/CURRENT          "<build name> <sha256 of its meta.json>" (replaced with os.replace: atomic)
    INDEX_DIR/builds/<name>/   meta.json, engine/ (the engine's files), issues/<source>.json,
                               catalog/<source>.json (the same without texts), records/<source>.json
    INDEX_DIR/.build.lock      one writer at a time (indexer.writelock)

A build writes a new directory, records the size and sha256 of every file it wrote in its meta.json
(`written`), and only then switches CURRENT, which carries meta.json's own hash. So damage is found,
not served: `open_build` checks cheaply (meta.json's hash, every file present at its recorded size),
`verify_build` checks every byte, and a build that fails either is never opened.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

from .api import IndexDamagedError, IndexMissingError, StaleIndexError

POINTER = "CURRENT"
BUILDS = "builds"
META = "meta.json"
ISSUES = "issues"
CATALOG = "catalog"  # each issue without its documents' text: what the read model keeps in memory
RECORDS = "records"
ENGINE = "engine"
PREFIX_DICT = "prefixdict.bin"  # jieba's dictionary by first character: a search process reads what queries need
KEEP_BUILDS = 2  # the live one and the one before it (a reader may still hold it open)
RUN_INDEX = "请运行 gazette index 重建"
NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


@dataclass(frozen=True)
class Build:
    """A build that passed the cheap check, and what its meta.json says."""

    path: Path
    meta: dict
    meta_sha256: str

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def engine_dir(self) -> Path:
        return self.path / ENGINE

    def read_json(self, relpath: str):
        """A JSON file of this build, checked against the hash the build recorded for it."""
        return checked_json(self.path, self.meta, relpath)

    def checked_bytes(self, relpath: str) -> bytes:
        """A file of this build, checked against the hash the build recorded for it."""
        return checked_bytes(self.path, self.meta, relpath)

    def files(self, folder: str) -> list[str]:
        """Relative paths of the recorded files under `folder`, sorted."""
        prefix = folder + "/"
        return sorted(p for p in self.meta.get("written", {}) if p.startswith(prefix))


def checked_bytes(build: Path, meta: dict, relpath: str) -> bytes:
    """The file `relpath` of the build at `build`, checked against the hash its meta records
    (raises IndexDamagedError)."""
    try:
        data = (build / relpath).read_bytes()
    except FileNotFoundError:
        raise IndexDamagedError(damaged(build, f"缺少文件 {relpath}")) from None
    expected = meta.get("written", {}).get(relpath)
    if expected is None or hashlib.sha256(data).hexdigest() != expected[1]:
        raise IndexDamagedError(damaged(build, f"{relpath} 与建索引时写入的内容不符"))
    return data


def checked_path(build: Path, meta: dict, relpath: str) -> Path | None:
    """The file `relpath` of the build at `build`, its size and hash checked (read in blocks, not kept:
    for a file the reader maps instead of reading); None when the build did not write it."""
    expected = meta.get("written", {}).get(relpath)
    if expected is None:
        return None
    path = build / relpath
    try:
        matches = path.stat().st_size == expected[0] and sha256_file(path) == expected[1]
    except FileNotFoundError:
        raise IndexDamagedError(damaged(build, f"缺少文件 {relpath}")) from None
    if not matches:
        raise IndexDamagedError(damaged(build, f"{relpath} 与建索引时写入的内容不符"))
    return path


def checked_json(build: Path, meta: dict, relpath: str):
    return json.loads(checked_bytes(build, meta, relpath))


def engine_json(engine_dir: Path, name: str, meta: dict):
    """An engine's own JSON file (`engine/<name>`), checked as Build.read_json checks the service's:
    a changed byte in a key table or a status map is found when the index opens, not served."""
    return checked_json(engine_dir.parent, meta, f"{ENGINE}/{name}")


def engine_bytes(engine_dir: Path, name: str, meta: dict) -> bytes:
    """An engine's own binary file, checked the same way."""
    return checked_bytes(engine_dir.parent, meta, f"{ENGINE}/{name}")


def engine_path(engine_dir: Path, name: str, meta: dict) -> Path | None:
    """An engine's own file that the reader maps, checked the same way; None when not written."""
    return checked_path(engine_dir.parent, meta, f"{ENGINE}/{name}")


def damaged(build: Path | str, what: str) -> str:
    return f"索引已损坏：{build}：{what}；{RUN_INDEX}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- reading ------------------------------------------------------------------------------------


def read_pointer(index_dir: str | Path) -> tuple[str, str] | None:
    """(build name, meta sha256) from CURRENT; None when there is no index at all."""
    pointer = Path(index_dir) / POINTER
    try:
        text = pointer.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexDamagedError(damaged(pointer, f"无法读取（{exc}）")) from None
    parts = text.split()
    if len(parts) == 1 and (Path(index_dir) / BUILDS / parts[0]).is_dir():
        raise StaleIndexError(f"{index_dir}：索引是旧版程序建立的；{RUN_INDEX}")
    if len(parts) != 2 or len(parts[1]) != 64 or "/" in parts[0] or parts[0] in (".", ".."):
        raise IndexDamagedError(damaged(pointer, "内容不完整"))
    return parts[0], parts[1]


def pointer_build_name(index_dir: str | Path) -> str | None:
    """The build CURRENT names, also in the old one-part form (which read_pointer calls stale); None
    when there is no pointer or it cannot be read."""
    try:
        pointer = read_pointer(index_dir)
    except StaleIndexError:
        try:
            return (Path(index_dir) / POINTER).read_text(encoding="utf-8").split()[0]
        except (OSError, UnicodeDecodeError, IndexError):
            return None
    except IndexDamagedError:
        return None
    return pointer[0] if pointer else None


def pointer_stamp(index_dir: str | Path) -> tuple[int, int] | None:
    """Cheap change detection for readers: (inode, mtime) of CURRENT."""
    try:
        st = os.stat(Path(index_dir) / POINTER)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def open_build(index_dir: str | Path) -> Build:
    """The live build after the cheap check. Raises IndexMissingError or IndexDamagedError."""
    pointer = read_pointer(index_dir)
    if pointer is None:
        raise IndexMissingError(f"{index_dir}：这里还没有索引；请运行 gazette index 建立")
    name, meta_sha = pointer
    path = Path(index_dir) / BUILDS / name
    try:
        raw = (path / META).read_bytes()
    except FileNotFoundError:
        raise IndexDamagedError(damaged(path, f"缺少 {META}")) from None
    if hashlib.sha256(raw).hexdigest() != meta_sha:
        raise IndexDamagedError(damaged(path, f"{META} 与建索引时写入的内容不符（被截断或改动）"))
    meta = json.loads(raw)
    for relpath, (size, _sha) in meta.get("written", {}).items():
        try:
            actual = (path / relpath).stat().st_size
        except FileNotFoundError:
            raise IndexDamagedError(damaged(path, f"缺少文件 {relpath}")) from None
        if actual != size:
            raise IndexDamagedError(damaged(path, f"{relpath} 的大小是 {actual} 字节，建索引时是 {size} 字节"))
    return Build(path, meta, meta_sha)


def verify_build(build: Build) -> None:
    """Every recorded file's bytes against its hash (the full check `gazette index` makes)."""
    for relpath, (_size, sha) in build.meta.get("written", {}).items():
        if sha256_file(build.path / relpath) != sha:
            raise IndexDamagedError(damaged(build.path, f"{relpath} 与建索引时写入的内容不符"))


def build_size(build: Build | None) -> int:
    """Bytes a build's files take (from what it recorded)."""
    if build is None:
        return 0
    return sum(size for size, _ in build.meta.get("written", {}).values())


# -- writing ------------------------------------------------------------------------------------


def new_build_dir(index_dir: str | Path) -> Path:
    builds = Path(index_dir) / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    path = builds / name
    path.mkdir()
    return path


def write_json(path: Path, data) -> None:
    """`data` as UTF-8 JSON, written by orjson (2–3× faster than the standard encoder on issue JSON):
    compact, Chinese unescaped, read back as what the standard encoder writes; a value orjson
    refuses (an int past 64 bits) is written by the standard encoder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        encoded = orjson.dumps(data)
    except orjson.JSONEncodeError:
        encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(encoded)


def _synced_entry(file: Path) -> list:
    with open(file, "rb") as fh:
        os.fsync(fh.fileno())
    return [file.stat().st_size, sha256_file(file)]


def seal(build: Path, meta: dict) -> str:
    """Record every file of `build` (size, sha256) in meta.json, fsync all; returns meta.json's hash.
    Files are synced and hashed on a thread per core (both release the GIL): at 100×, 170 MB in 620
    files."""
    from concurrent.futures import ThreadPoolExecutor

    # an engine may have a meta.json of its own (tantivy)
    files = [file for file in sorted(build.rglob("*")) if file.is_file() and file != build / META]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        entries = list(pool.map(_synced_entry, files))
    written = {file.relative_to(build).as_posix(): entry for file, entry in zip(files, entries)}
    data = json.dumps({**meta, "written": written}, ensure_ascii=False, indent=1).encode("utf-8")
    with open(build / META, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return hashlib.sha256(data).hexdigest()


def publish(index_dir: str | Path, build: Path, meta_sha256: str) -> None:
    """Make a sealed `build` the live index: swap the pointer atomically."""
    pointer = Path(index_dir) / POINTER
    tmp = pointer.with_name(f"{POINTER}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(f"{build.name} {meta_sha256}\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, pointer)
    _fsync_dir(Path(index_dir))


def prune(index_dir: str | Path) -> None:
    """Remove builds that are neither live nor the one before, and leftovers of killed builds."""
    builds = Path(index_dir) / BUILDS
    if not builds.is_dir():
        return
    live = pointer_build_name(index_dir)  # an old one-part pointer's build is kept too: it is the live one
    complete = sorted((b for b in builds.iterdir() if (b / META).exists()), key=lambda b: b.name)
    keep = {b.name for b in complete[-KEEP_BUILDS:]}
    if live:
        keep.add(live)
    for build in builds.iterdir():
        if build.name not in keep:
            shutil.rmtree(build, ignore_errors=True)
    for tmp in Path(index_dir).glob(f"{POINTER}.*.tmp"):
        tmp.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
