"""jieba's prefix dictionary in a file that a process reads one first character at a time.

jieba keeps every word of its dictionary and every prefix of one (≈ 580,000 strings) in a dict, and
loading that dict is half a second of every search process's start. A query needs only the entries
that begin with the characters it holds, so :func:`write` stores the dictionary as one bucket per first
character and :class:`BucketedTokenizer` loads the buckets of a sentence's characters before
segmenting it. Every lookup jieba makes (``get_DAG``, ``calc``, ``__cut_DAG``) is of a substring of the
sentence, so once its characters' buckets are in, the tokenizer's dict answers exactly as the full one
does: the words are the same, not approximately the same.

File: ``MAGIC``, the header's length (8 bytes, little-endian), the header (marshal of ``(total,
{char: (offset, length)})``), then each bucket (marshal of ``{entry: freq}``, zlib-compressed). The sha256 of the whole
file is checked when it is opened, so a damaged file is refused, not read as other words.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import threading
import zlib

import jieba

__all__ = ["MAGIC", "BucketedTokenizer", "PrefixFileError", "write"]

MAGIC = b"GZPFX002"


class PrefixFileError(ValueError):
    """The file is missing, not a prefix file, or not the file whose hash was recorded."""


def write(freq: dict[str, int], total: int, path) -> str:
    """Write `freq` (a tokenizer's FREQ, prefixes included) and `total` to `path`; returns its sha256."""
    buckets: dict[str, dict[str, int]] = {}
    for entry, count in freq.items():
        if entry:
            buckets.setdefault(entry[0], {})[entry] = count
    blobs, index, offset = [], {}, 0
    for char in sorted(buckets):
        blob = zlib.compress(marshal.dumps(buckets[char]), 1)  # a third of the size; level 1 is fast
        index[char] = (offset, len(blob))
        blobs.append(blob)
        offset += len(blob)
    header = marshal.dumps((total, index))
    data = b"".join([MAGIC, len(header).to_bytes(8, "little"), header, *blobs])
    with open(path, "wb") as fh:
        fh.write(data)
    return hashlib.sha256(data).hexdigest()


class BucketedTokenizer(jieba.Tokenizer):
    """A jieba tokenizer whose dictionary is read from a prefix file bucket by bucket, as sentences need."""

    def __init__(self, path, sha256: str | None = None):
        super().__init__()
        fd = os.open(path, os.O_RDONLY)
        try:
            digest = hashlib.sha256()
            with os.fdopen(os.dup(fd), "rb") as fh:
                head = fh.read(len(MAGIC) + 8)
                digest.update(head)
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
            if head[: len(MAGIC)] != MAGIC:
                raise PrefixFileError("不是分词词典文件")
            if sha256 is not None and digest.hexdigest() != sha256:
                raise PrefixFileError("与建索引时写入的内容不符")
            size = int.from_bytes(head[len(MAGIC) :], "little")
            self.total, self._index = marshal.loads(os.pread(fd, size, len(MAGIC) + 8))
        except BaseException:
            os.close(fd)
            raise
        self._fd, self._base = fd, len(MAGIC) + 8 + size
        self._loaded: set[str] = set()
        self._load_lock = threading.Lock()
        self.FREQ: dict[str, int] = {}
        self.initialized = True  # jieba's initialize() would load the whole dictionary

    def _load(self, chars: set[str]) -> None:
        with self._load_lock:
            for char in chars - self._loaded:
                where = self._index.get(char)
                if where is not None:
                    offset, length = where
                    self.FREQ.update(marshal.loads(zlib.decompress(os.pread(self._fd, length, self._base + offset))))
                self._loaded.add(char)

    def get_DAG(self, sentence):
        # every later lookup for this sentence (calc, __cut_DAG) is of a substring that get_DAG saw first
        chars = set(sentence)
        if not chars <= self._loaded:
            self._load(chars)
        return super().get_DAG(sentence)

    def load_all(self) -> None:
        """Every bucket (to write the dictionary out again, or to segment a whole corpus)."""
        self._load(set(self._index))

    def add_word(self, word, freq=None, tag=None):
        self._load(set(word))
        return super().add_word(word, freq, tag)

    def __del__(self):
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)
