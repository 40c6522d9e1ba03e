"""Which records hold each character: the whoosh engine's answer to a one-character term.

The bigram field cannot answer a single character, and testing `c in text` on every record costs a
Python step per record (`盟` at 100×: 39,600 texts, 6 ms). So every build writes, for each character
of the normalized match texts, the sorted whoosh document numbers holding it, computed with numpy
(one sort of the (character, document) pairs: 3.4 million at 100×, 0.8 s), as one binary file:

    magic (8 bytes) | n (uint64) | characters (n × uint32, sorted) | starts ((n + 1) × uint64) | docnums (uint32)

The build's meta records the file's hash like every other file, and the reader checks it on opening.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from analyzers.normalize import SEP

CHARS = "chars.bin"
MAGIC = b"GZCHARS1"


def write_char_postings(path: Path, texts: Sequence[str]) -> None:
    """`texts[docnum]` is a document's normalized match text ("" for a deleted one)."""
    # each text's distinct characters first (a set per text, in C): a third as many keys to sort
    distinct = ["".join(set(text)) for text in texts]
    lengths = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))
    codes = np.frombuffer("".join(distinct).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    docs = np.repeat(np.arange(len(distinct), dtype=np.uint64), lengths)
    keys = np.sort((codes << np.uint64(32)) | docs)  # by character, then document
    codes = (keys >> np.uint64(32)).astype(np.uint32)
    keep = codes != ord(SEP)  # no term holds the separator
    codes, docnums = codes[keep], (keys[keep] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1]))) if len(codes) else np.zeros(0, int)
    chars = codes[starts]
    bounds = np.concatenate((starts, [len(codes)])).astype(np.uint64)
    with open(path, "wb") as fh:
        fh.write(MAGIC)
        fh.write(np.uint64(len(chars)).tobytes())
        fh.write(chars.tobytes())
        fh.write(bounds.tobytes())
        fh.write(docnums.tobytes())


class CharPostings:
    """The file read back (whole: the reader checked its hash)."""

    def __init__(self, data: bytes):
        if data[:8] != MAGIC or len(data) < 16:
            raise ValueError("不是字符倒排文件")
        n = int(np.frombuffer(data, dtype=np.uint64, count=1, offset=8)[0])
        start = 16 + 4 * n + 8 * (n + 1)
        if len(data) < start:
            raise ValueError("字符倒排文件长度不符")
        self.chars = np.frombuffer(data, dtype=np.uint32, count=n, offset=16)
        self.bounds = np.frombuffer(data, dtype=np.uint64, count=n + 1, offset=16 + 4 * n)
        total = int(self.bounds[-1])
        if len(data) != start + 4 * total or self.bounds[0] != 0 or np.any(np.diff(self.bounds.astype(np.int64)) <= 0):
            raise ValueError("字符倒排文件长度不符")
        self.docnums = np.frombuffer(data, dtype=np.uint32, count=total, offset=start)

    def docs(self, char: str) -> np.ndarray:
        """The sorted document numbers holding `char`."""
        code = ord(char)
        i = int(np.searchsorted(self.chars, code))
        if i == len(self.chars) or self.chars[i] != code:
            return self.docnums[:0]
        return self.docnums[int(self.bounds[i]) : int(self.bounds[i + 1])]
