"""Each character and each bigram of the records' match text → the records holding it (keys), kept
beside the index as sorted arrays, so that a common word's matches need not be read out of tantivy.

Reading a hit out of tantivy into Python costs ~0.5 µs (工作 at 300×: 24,000 hits, ~12 ms with the key
array made), and counting its facets there (an aggregation or a walk of the facet terms) 4–7 ms however
few the facets; tantivy does not let another thread run meanwhile. A term's records are here instead the
intersection of its grams' sorted key lists (numpy, ~0.1 ms for tens of thousands), and its facets are
counted from the facet rows of those keys (facetrows.py). Records holding every bigram of a longer term
need not hold the term (领导 and 导小 apart), so the intersection is only a candidate set: it is the
answer when it has as many keys as tantivy counts for the query (a superset of the same size is the
set), and otherwise the selection reads its hits as before. Tantivy stays the judge: the count is its.

    grams.bin   little-endian: uint64 grams n, uint64 postings m; n uint64 gram codes (sorted); n + 1
                uint64 offsets into the keys; m uint32 keys (each gram's ascending)

A gram's code is its characters' code points, the first shifted left by 21 bits for a bigram (a code
point needs 21 bits; a character alone is below 2²¹, a bigram's first character is never 0). The text
is the match text the writer indexes (title, SEP, body); no gram spans a SEP, as no tantivy bigram
spans a GAP token. An incremental build reads the file and adds the new keys' grams; deleted records'
keys stay (the reader drops keys that map to no record); over a build made before gram sets were, it
makes the file from that build's stored texts first. With more than KEYS_MAX keys no file is written
and the selection reads its hits.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from analyzers.normalize import SEP

from ..sortedruns import distinct, run_starts

GRAMS_FILE = "grams.bin"
KEY_BITS = 22  # a posting is (code << KEY_BITS) | key while writing: 21 + 21 + 22 bits fit in 64
KEYS_MAX = 1 << KEY_BITS
CHUNK = 4096  # records made into postings at once while writing (a few MB of arrays)
_U64, _U32 = np.dtype("<u8"), np.dtype("<u4")
_SHIFT, _KEY_SHIFT = np.uint64(21), np.uint64(KEY_BITS)
_SEP = ord(SEP)


def gram_code(gram: str) -> int:
    """A character's or a bigram's code, as the file holds it."""
    return ord(gram) if len(gram) == 1 else (ord(gram[0]) << 21) | ord(gram[1])


class GramSetsWriter:
    """The writer's side: texts added by key, postings made a chunk at a time, the file written at close."""

    def __init__(self, engine_dir: Path, append: bool, base_texts: Callable[[], Iterable[str]] | None = None):
        """`base_texts`: when appending to a build without the file (made before gram sets were), its keys'
        match texts in key order, from which the file is made first."""
        self.path = engine_dir / GRAMS_FILE
        self.parts: list[np.ndarray] = []  # sorted, unique (code << KEY_BITS) | key arrays
        self.pending: list[tuple[int, str]] = []
        self.disabled = False
        if append and self.path.exists():
            self.parts.append(_postings_of_file(self.path.read_bytes()))
            self.path.unlink()
        elif append and base_texts is not None:
            for key, text in enumerate(base_texts()):  # past KEYS_MAX keys, add() disables the file
                self.add(key, text)

    def add(self, key: int, match_text: str) -> None:
        if self.disabled:
            return
        if key >= KEYS_MAX:
            self.disabled, self.parts, self.pending = True, [], []
            return
        self.pending.append((key, match_text))
        if len(self.pending) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.parts.append(_chunk_postings(self.pending))
            self.pending = []

    def close(self) -> None:
        if self.disabled:
            return
        self._flush()
        # each part is sorted and unique, and parts hold different keys: sorting them together is enough
        # (in place: at 300× 29 million postings, 234 MB, are not copied again)
        postings = np.concatenate(self.parts) if self.parts else np.zeros(0, _U64)
        self.parts = []
        postings.sort()
        write_file(self.path, postings)

    def cancel(self) -> None:
        self.parts, self.pending = [], []


def _chunk_postings(pending: list[tuple[int, str]]) -> np.ndarray:
    """Every (gram, key) of these texts once, as sorted (code << KEY_BITS) | key."""
    joined = SEP.join(text for _, text in pending) + SEP  # a SEP after each text: no gram spans two
    try:
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=_U32).astype(np.uint64)
    except UnicodeEncodeError:  # a lone surrogate: its own code point, as Python's str holds it
        codes = np.fromiter(map(ord, joined), dtype=np.uint64, count=len(joined))
    lengths = np.fromiter((len(text) + 1 for _, text in pending), dtype=np.int64, count=len(pending))
    keys = np.repeat(np.fromiter((k for k, _ in pending), dtype=np.uint64, count=len(pending)), lengths)
    char = codes != _SEP
    pair = char[:-1] & char[1:]
    grams = np.concatenate([codes[char], ((codes[:-1] << _SHIFT) | codes[1:])[pair]])
    owners = np.concatenate([keys[char], keys[:-1][pair]])
    return distinct((grams << _KEY_SHIFT) | owners)


def write_file(path: Path, postings: np.ndarray) -> None:
    """The file of sorted, unique (code << KEY_BITS) | key postings, each part written from its array (no
    joined copy); `postings` is turned into the codes in place."""
    keys = (postings & np.uint64(KEYS_MAX - 1)).astype(_U32)
    codes = postings
    codes >>= _KEY_SHIFT
    starts = run_starts(codes)
    vocab = codes[starts].astype(_U64)
    offsets = np.append(starts, len(keys)).astype(_U64)
    header = np.array([len(vocab), len(keys)], dtype=_U64)
    with open(path, "wb") as fh:
        for part in (header, vocab, offsets, keys):
            part.tofile(fh)


def _postings_of_file(data: bytes) -> np.ndarray:
    """A file's postings back as (code << KEY_BITS) | key (an incremental build adds to them)."""
    vocab, offsets, keys = _split(data)
    lengths = offsets[1:].astype(np.int64) - offsets[:-1].astype(np.int64)
    codes = np.repeat(vocab.astype(np.uint64), lengths)
    return (codes << _KEY_SHIFT) | keys.astype(np.uint64)


def _split(buffer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, offsets, keys) views of a file's bytes; ValueError when its layout does not add up."""
    if len(buffer) < 16:
        raise ValueError(f"{GRAMS_FILE} 过短")
    n, m = (int(v) for v in np.frombuffer(buffer, dtype=_U64, count=2))
    if len(buffer) != 16 + 8 * n + 8 * (n + 1) + 4 * m:
        raise ValueError(f"{GRAMS_FILE} 的长度与其中的记录数不符")
    vocab = np.frombuffer(buffer, dtype=_U64, count=n, offset=16)
    offsets = np.frombuffer(buffer, dtype=_U64, count=n + 1, offset=16 + 8 * n)
    keys = np.frombuffer(buffer, dtype=_U32, count=m, offset=16 + 16 * n + 8)
    if int(offsets[0]) != 0 or int(offsets[-1]) != m or (n and bool((np.diff(offsets.astype(np.int64)) <= 0).any())):
        raise ValueError(f"{GRAMS_FILE} 的偏移表无效")
    return vocab, offsets, keys


class GramSets:
    """A build's gram file, mapped read-only (the processes serving one build share its pages)."""

    def __init__(self, path: Path, key_count: int):
        with open(path, "rb") as fh:
            size = fh.seek(0, 2)
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self.vocab, self.offsets, self.keys = _split(self._map)
        if len(self.keys) and int(self.keys.max()) >= key_count:
            raise ValueError(f"{GRAMS_FILE} 中的键超出键表的范围")
        self.key_count = key_count

    def keys_of(self, gram: str) -> np.ndarray:
        """The keys (ascending) of the records holding `gram` (a character or a bigram)."""
        code = gram_code(gram)
        i = int(np.searchsorted(self.vocab, code))
        if i >= len(self.vocab) or int(self.vocab[i]) != code:
            return np.zeros(0, dtype=np.int64)
        return self.keys[int(self.offsets[i]) : int(self.offsets[i + 1])]

    def candidates(self, grams: set[str]) -> np.ndarray:
        """The keys (ascending, int64) of the records holding every one of `grams`."""
        return self.intersect([self.keys_of(g) for g in grams])

    def intersect(self, arrays: list[np.ndarray]) -> np.ndarray:
        """The keys in every one of `arrays` (each ascending), rarest first, by marks: linear in their lengths."""
        if not arrays:
            return np.zeros(0, dtype=np.int64)
        arrays = sorted(arrays, key=len)
        found = arrays[0].astype(np.int64)
        mark = np.zeros(self.key_count, dtype=bool)  # per call: threads of one process search at once
        for keys in arrays[1:]:
            if not len(found):
                break
            mark[keys] = True
            found = found[mark[found]]
            mark[keys] = False
        return found

    def union(self, arrays: list[np.ndarray]) -> np.ndarray:
        mark = np.zeros(self.key_count, dtype=bool)
        for keys in arrays:
            mark[keys] = True
        return np.flatnonzero(mark)

    def minus(self, keys: np.ndarray, other: np.ndarray) -> np.ndarray:
        mark = np.zeros(self.key_count, dtype=bool)
        mark[other] = True
        return keys[~mark[keys]]


def term_grams(norm: str) -> set[str]:
    """The grams every record holding `norm` (normalized, no SEP) holds: itself up to two characters
    (then the records holding them are exactly those holding `norm`), else its bigrams."""
    return {norm} if len(norm) <= 2 else {norm[i : i + 2] for i in range(len(norm) - 1)}
