"""The index directory: immutable builds and an atomically switched pointer.

    INDEX_DIR/CURRENT         name of the live build (replaced with os.replace: atomic)
    INDEX_DIR/builds/<name>/  whoosh segment files, meta.json, issues/<source>.json, records/<source>.json
    INDEX_DIR/.build.lock     one builder at a time

A build writes a new directory and switches CURRENT only when it is complete, so a build that
fails or is killed at any point leaves the previous index serving.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

POINTER = "CURRENT"
BUILDS = "builds"
META = "meta.json"
ISSUES = "issues"
RECORDS = "records"
KEEP_BUILDS = 2  # the live one and the one before it (a reader may still hold it open)


def current_build(index_dir: str | Path) -> Path | None:
    index_dir = Path(index_dir)
    try:
        name = (index_dir / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    build = index_dir / BUILDS / name
    return build if (build / META).exists() else None


def pointer_stamp(index_dir: str | Path) -> tuple[int, int] | None:
    """Cheap change detection for readers: (inode, mtime) of CURRENT."""
    try:
        st = os.stat(Path(index_dir) / POINTER)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def new_build_dir(index_dir: str | Path) -> Path:
    builds = Path(index_dir) / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    path = builds / name
    path.mkdir()
    return path


def publish(index_dir: str | Path, build: Path) -> None:
    """Make `build` the live index: fsync its files, then swap the pointer atomically."""
    for file in build.rglob("*"):
        if file.is_file():
            with open(file, "rb") as fh:
                os.fsync(fh.fileno())
    pointer = Path(index_dir) / POINTER
    tmp = pointer.with_name(f"{POINTER}.{os.getpid()}.tmp")
    tmp.write_text(build.name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, pointer)
    _fsync_dir(Path(index_dir))


def prune(index_dir: str | Path) -> None:
    """Remove builds that are neither live nor the one before, and leftovers of killed builds."""
    builds = Path(index_dir) / BUILDS
    live = current_build(index_dir)
    if not builds.is_dir():
        return
    complete = sorted((b for b in builds.iterdir() if (b / META).exists()), key=lambda b: b.name)
    keep = {b.name for b in complete[-KEEP_BUILDS:]}
    if live:
        keep.add(live.name)
    for build in builds.iterdir():
        if build.name not in keep:
            shutil.rmtree(build, ignore_errors=True)


def read_meta(build: Path) -> dict:
    return json.loads((build / META).read_text(encoding="utf-8"))


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@contextmanager
def build_lock(index_dir: str | Path):
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(index_dir) / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
