"""Record texts on disk, read back one at a time: a reader need not hold every record's text in memory.

    <name>.bin   for each slot: its display text, then its normalized match text (UTF-8, back to back)
    <name>.idx   little-endian uint64 offsets into .bin: slot k's display text is [2k, 2k+1), its match
                 text [2k+1, 2k+2); 2·slots + 1 numbers

Slots are an engine's own record numbers (never reused); an incremental build copies both files and
appends, so a deleted record's text stays behind as dead bytes until the next full build.
"""

from __future__ import annotations

import os
import sys
from array import array
from pathlib import Path

_LITTLE = sys.byteorder == "little"


def _load_offsets(path: Path) -> array:
    offsets = array("Q")
    offsets.frombytes(path.read_bytes())
    if not _LITTLE:
        offsets.byteswap()
    return offsets


class TextStoreWriter:
    def __init__(self, directory: Path, name: str, append: bool):
        self.bin_path = directory / f"{name}.bin"
        self.idx_path = directory / f"{name}.idx"
        if append:
            self.offsets = _load_offsets(self.idx_path)
            self.fh = open(self.bin_path, "ab")
            if self.fh.tell() != self.offsets[-1]:
                raise RuntimeError(f"{self.bin_path}: {self.fh.tell()} bytes, the offsets say {self.offsets[-1]}")
        else:
            self.offsets = array("Q", [0])
            self.fh = open(self.bin_path, "wb")
        self.end = self.offsets[-1]

    @property
    def slots(self) -> int:
        return (len(self.offsets) - 1) // 2

    def add(self, display: str, match: str) -> int:
        """Append one slot; returns its number."""
        a, b = display.encode("utf-8"), match.encode("utf-8")
        self.fh.write(a)
        self.fh.write(b)
        self.offsets.append(self.end + len(a))
        self.end += len(a) + len(b)
        self.offsets.append(self.end)
        return self.slots - 1

    def close(self) -> None:
        self.fh.close()
        offsets = array("Q", self.offsets)
        if not _LITTLE:
            offsets.byteswap()
        self.idx_path.write_bytes(offsets.tobytes())

    def cancel(self) -> None:
        self.fh.close()


class TextStoreReader:
    """pread on one descriptor: safe from any thread, and nothing but the offsets stays in memory."""

    def __init__(self, directory: Path, name: str):
        self.offsets = _load_offsets(directory / f"{name}.idx")
        self.fd = os.open(directory / f"{name}.bin", os.O_RDONLY)
        size = os.fstat(self.fd).st_size
        if len(self.offsets) % 2 != 1 or self.offsets[-1] != size:
            os.close(self.fd)
            raise RuntimeError(f"{name}.bin 的长度（{size}）与 {name}.idx 不符")

    @property
    def slots(self) -> int:
        return (len(self.offsets) - 1) // 2

    def _read(self, i: int) -> str:
        start, end = self.offsets[i], self.offsets[i + 1]
        return os.pread(self.fd, end - start, start).decode("utf-8")

    def display(self, slot: int) -> str:
        return self._read(2 * slot)

    def match(self, slot: int) -> str:
        return self._read(2 * slot + 1)

    def both_head(self, slot: int, max_bytes: int) -> tuple[str, str | None]:
        """(display text, match text) in one read when the display text's UTF-8 takes at most `max_bytes`;
        else (the first `max_bytes` of it decoded, a character cut in two left out; None)."""
        start, middle, end = self.offsets[2 * slot], self.offsets[2 * slot + 1], self.offsets[2 * slot + 2]
        if middle - start > max_bytes:
            return os.pread(self.fd, max_bytes, start).decode("utf-8", errors="ignore"), None
        data = memoryview(os.pread(self.fd, end - start, start))
        split = middle - start
        return str(data[:split], "utf-8"), str(data[split:], "utf-8")

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
