"""One writer at a time for a corpus folder, its manifest and the index built from it.

`gazette add` reads the manifest, copies files in, rewrites the manifest and rebuilds the index;
`gazette index` reads the folder and rebuilds. Two of them at once lost manifest entries (each wrote
back the manifest it had read) and could index a folder half-copied. So a writer takes, before it
reads or copies anything, an exclusive lock on the corpus folder itself (flock on the directory: no
lock file inside the folder, and a read-only folder can still be locked) and then on the index
(`INDEX_DIR/.build.lock`), always in that order. A second writer waits, saying so, or with
wait=False is refused (WriterBusyError) before it changes anything. The locks are the kernel's:
a writer that is killed lets go of them at once.

Taking a lock this process already holds (the CLI's `add` holds both while the build it runs takes
them again) just nests.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

INDEX_LOCK = ".build.lock"
BUSY = "另一个写入程序（gazette add 或 gazette index）正在使用"

_held: dict[tuple[int, int], int] = {}  # (device, inode) of a locked file or folder → nesting depth
_guard = threading.Lock()


class WriterBusyError(RuntimeError):
    """The folder or index is locked by another writer and the caller would not wait."""


@contextmanager
def _flock(path: Path, *, wait: bool, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0))
    try:
        stat = os.fstat(fd)
        key = (stat.st_dev, stat.st_ino)
        with _guard:
            nested = key in _held
            if nested:
                _held[key] += 1
        if nested:
            try:
                yield
            finally:
                with _guard:
                    _held[key] -= 1
            return
        shown = path.parent if path.name == INDEX_LOCK else path
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise WriterBusyError(f"{BUSY} {shown}；未做任何改动（不加 --no-wait 则等它完成）") from None
            if on_wait is not None:
                on_wait(f"{BUSY} {shown}，等它完成……")
            fcntl.flock(fd, fcntl.LOCK_EX)
        with _guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _guard:
                del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def writer_lock(
    corpus_dir: str | Path | None,
    index_dir: str | Path | None,
    *,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the corpus folder's lock, then the index's, until the block ends. Either may be None.
    `on_wait(message)` is called once when a lock is busy and the writer waits for it."""
    with ExitStack() as stack:
        if corpus_dir is not None and Path(corpus_dir).is_dir():
            stack.enter_context(_flock(Path(corpus_dir), wait=wait, on_wait=on_wait))
        if index_dir is not None:
            Path(index_dir).mkdir(parents=True, exist_ok=True)
            lock = Path(index_dir) / INDEX_LOCK
            lock.touch(exist_ok=True)
            stack.enter_context(_flock(lock, wait=wait, on_wait=on_wait))
        yield
