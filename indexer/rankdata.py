"""The ranking data of a build, the same for every engine: each record's jieba words by field, as
postings the service scores itself (indexer.ranking), so that whoosh and tantivy rank alike.

Three fields per record (engine.Segmented): `body` (its own text), `head` (a document's title, a
clause's own heading) and `ctx` (a clause's context: its document's title and the headings above it).
A build writes

    rank/<source>.npz   each issue file's records, in record order: a local vocabulary and
                        (record, field, word, count) rows; copied as they are by an incremental build
    rankdata.npz        every record of the build in ordinal order: the vocabulary (sorted), each
                        word's postings (ordinals and counts per field), each record's field lengths,
                        each word's document frequency (records holding it in body or head), and
                        the frequency `within` counts of each character and of the most frequent words

The merged file is made from the per-source ones at the end of every build, so a search process
only loads it (numpy arrays; ~13 bytes a posting).
"""

from __future__ import annotations

import io
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from .lru import BoundedLRU

FIELDS = ("body", "head", "ctx")
RANK_DIR = "rank"
RANK_FILE = "rankdata.npz"
TF_MAX = np.iinfo(np.uint16).max
CONTAINING_MAX = 256  # longer words counted for one query word (within)
INSIDE_WEIGHT = 0.5  # an occurrence inside a longer word counts this much of one as a word
WITHIN_CACHE = 4096  # query words whose merged postings are kept, the least recently used dropped first
WITHIN_BYTES = 64 * 1024 * 1024  # and at most this much of them (a common character at 300×: ~30 MB)
FREQUENCIES_KEPT = 65_536  # merged words' document frequencies kept (a number each)
CONTAINING_KEPT = 16_384  # query words whose longer words (their ids) are kept
# the words (of two characters or more) with the most postings whose `within` frequency a build writes
FREQUENT_WORDS = 4_000


Found = tuple[np.ndarray, np.ndarray, int]  # a word's postings as `within` gives them: ordinals, counts, frequency


class RankDataError(ValueError):
    """The ranking data does not agree with the build's records."""


# -- writing ----------------------------------------------------------------------------------------


def source_arrays(items: Sequence) -> dict[str, np.ndarray]:
    """One issue file's records (engine.Segmented, in record order) as the per-source file holds them."""
    vocab: dict[str, int] = {}
    rows: list[tuple[int, int, int, int]] = []
    for index, item in enumerate(items):
        texts = (item.rank_text, item.title_rank_text, getattr(item, "context_rank_text", None))
        for field, text in enumerate(texts):
            if not text:
                continue
            for word, count in Counter(text.split()).items():
                rows.append((index, field, vocab.setdefault(word, len(vocab)), min(count, TF_MAX)))
    return {
        "records": np.array([len(items)], dtype=np.int64),
        "vocab": _joined(vocab),
        "rows": np.array(rows, dtype=np.int32).reshape(-1, 4),
    }


def _joined(words: Iterable[str]) -> np.ndarray:
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def _split(joined: np.ndarray) -> list[str]:
    text = joined.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def to_bytes(arrays: dict[str, np.ndarray], compressed: bool = False) -> bytes:
    """The arrays as an .npz file; the merged file uncompressed (a search process reads it once, whole)."""
    out = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(out, allow_pickle=False, **arrays)
    return out.getvalue()


def from_bytes(data: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}


def merged_arrays(per_source: Sequence[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The build's ranking data from its sources' (in the build's source order: ordinals follow)."""
    words = sorted({w for arrays in per_source for w in _split(arrays["vocab"])})
    global_id = {w: i for i, w in enumerate(words)}
    parts, offset = [], 0
    for arrays in per_source:
        rows = arrays["rows"].astype(np.int64)
        local = np.array([global_id[w] for w in _split(arrays["vocab"])], dtype=np.int64)
        if len(rows):
            parts.append(np.stack([rows[:, 0] + offset, rows[:, 1], local[rows[:, 2]], rows[:, 3]], axis=1))
        offset += int(arrays["records"][0])
    count = offset
    rows = np.concatenate(parts) if parts else np.zeros((0, 4), dtype=np.int64)
    ordinal, field, word, tf = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]
    keys = word * max(count, 1) + ordinal
    unique, inverse = np.unique(keys, return_inverse=True)
    tfs = np.zeros((len(unique), len(FIELDS)), dtype=np.uint16)
    tfs[inverse, field] = tf
    lengths = np.zeros((count, len(FIELDS)), dtype=np.int64)
    np.add.at(lengths, (ordinal, field), tf)
    posting_word = unique // max(count, 1)
    starts = np.searchsorted(posting_word, np.arange(len(words) + 1))
    in_text = (tfs[:, 0] > 0) | (tfs[:, 1] > 0)
    df = np.bincount(posting_word[in_text], minlength=len(words))
    return {
        "records": np.array([count], dtype=np.int64),
        "vocab": _joined(words),
        "starts": starts.astype(np.int64),
        "ordinals": (unique % max(count, 1)).astype(np.uint32),
        "tf": tfs,
        "lengths": lengths.astype(np.uint32),
        "df": df.astype(np.uint32),
    }


def write_rank_data(build: Path, sources: Sequence[str], fresh: Mapping[str, Sequence]) -> None:
    """Each fresh source's file, then the merged file over `sources` (the kept ones' files were copied
    into the build with their records). `fresh`: source → its records as engine.Segmented, in order."""
    (build / RANK_DIR).mkdir(exist_ok=True)
    per_source = []
    for source in sources:
        path = build / RANK_DIR / f"{source}.npz"
        if source in fresh:
            arrays = source_arrays(fresh[source])
            path.write_bytes(to_bytes(arrays, compressed=True))  # read only by later builds
        else:
            arrays = from_bytes(path.read_bytes())
        per_source.append(arrays)
    merged = merged_arrays(per_source)
    merged.update(within_frequencies(RankData.from_arrays(merged)))
    (build / RANK_FILE).write_bytes(to_bytes(merged))


def within_frequencies(data: RankData) -> dict[str, np.ndarray]:
    """Each character of the vocabulary, and each of the FREQUENT_WORDS longer words with the most
    postings that other words hold (安盟 in 兴安盟, 管理 in 城市管理局), with the document frequency
    `within` gives it (the records holding it in body or head, as a word or inside up to CONTAINING_MAX
    longer words): the arrays `within_words` (joined) and `within_df`. Counting it means reading every
    posting of those words (一, 工: up to a million postings at 300×; 安盟: 8 ms), which a search asking
    for such a word paid once per process; a query of random characters asked each new one. Made here
    once (0.6 s at 100×). Builds of 2026-12-07 wrote the characters only, as `chars` and `char_df`."""
    chars = sorted({c for word in data._words for c in word})
    by_size = np.argsort(-np.diff(data.starts), kind="stable").tolist()
    frequent = [w for w in (data._words[i] for i in by_size) if len(w) > 1][:FREQUENT_WORDS]
    words = chars + [w for w in frequent if data.containing(w)]
    freqs = np.zeros(len(words), dtype=np.uint32)
    holding = np.zeros(data.count, dtype=bool)  # one mark array for every word, cleared after each
    for k, word in enumerate(words):
        ids = data.word_ids_within(word)
        if ids:
            freqs[k] = data._holding(data._gathered(data._spans(ids))[0], holding)
    return {"within_words": _joined(words), "within_df": freqs}


# -- reading ----------------------------------------------------------------------------------------


class RankData:
    """A build's ranking data, opened: word → postings, each record's field lengths."""

    def __init__(self, data: bytes, records: int):
        try:
            arrays = from_bytes(data)
        except (KeyError, ValueError, OSError) as exc:
            raise RankDataError(f"{RANK_FILE} 无法读取（{exc}）") from None
        self._open(arrays, records)

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> RankData:
        data = cls.__new__(cls)
        data._open(arrays, int(arrays["records"][0]))
        return data

    def _open(self, arrays: dict[str, np.ndarray], records: int) -> None:
        try:
            self.count = int(arrays["records"][0])
            words = _split(arrays["vocab"])
            self.starts = arrays["starts"]
            self.ordinals = arrays["ordinals"]  # uint32: widened per word (postings), not all at opening
            self.tf = arrays["tf"]  # uint16, likewise
            self.lengths = arrays["lengths"].astype(np.float64)
            self.df = arrays["df"]
        except (KeyError, ValueError, OSError) as exc:
            raise RankDataError(f"{RANK_FILE} 无法读取（{exc}）") from None
        if self.count != records or len(self.lengths) != records or len(self.starts) != len(words) + 1:
            raise RankDataError(f"{RANK_FILE} 有 {self.count} 条记录，索引记录表中有 {records} 条")
        self.word_id = {w: i for i, w in enumerate(words)}
        self._words = words
        self._within: BoundedLRU[str, tuple[Found | None]] = BoundedLRU(WITHIN_CACHE, WITHIN_BYTES, _found_bytes)
        self._frequencies: dict[str, int] = {}  # a merged word → the records holding it in body or head
        for held, counts in (("chars", "char_df"), ("within_words", "within_df")):  # else counted on use
            if counts in arrays:  # written by a build (within_frequencies)
                self._frequencies.update(zip(_split(arrays[held]), arrays[counts].tolist()))
        self._containing: dict[str, list[int]] = {}  # kept: a character's words come back in other queries
        present = self.lengths > 0
        # each field's mean length over the records that have the field (a clause has no title)
        self.mean_length = np.array(
            [self.lengths[present[:, f], f].mean() if present[:, f].any() else 1.0 for f in range(len(FIELDS))]
        )

    def postings(self, word: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(ordinals, counts per field) of the records holding `word`; None when no record does."""
        i = self.word_id.get(word)
        if i is None:
            return None
        start, end = self.starts[i], self.starts[i + 1]
        return self.ordinals[start:end].astype(np.int64), self.tf[start:end].astype(np.float64)

    def frequency(self, word: str) -> int:
        """Records holding `word` in their own text or title (what its idf is computed from)."""
        i = self.word_id.get(word)
        return 0 if i is None else int(self.df[i])

    @cached_property
    def _vocabulary(self) -> tuple[str, list[int]]:
        """Every word in one string (each followed by a newline) and where each starts: for `within`."""
        starts, at = [], 0
        for word in self._words:
            starts.append(at)
            at += len(word) + 1
        return "".join(w + "\n" for w in self._words), starts

    def word_ids_within(self, word: str) -> list[int]:
        """The words (ids) `within` merges for `word`: itself, if a word, and those holding it."""
        return ([self.word_id[word]] if word in self.word_id else []) + self.containing(word)

    def containing(self, word: str) -> list[int]:
        """The words (ids) that hold `word` inside them (乡村 in 乡村振兴局), at most CONTAINING_MAX."""
        found = self._containing.get(word)
        if found is None:
            found = self._find_containing(word)
            if len(self._containing) < CONTAINING_KEPT:
                self._containing[word] = found
        return found

    def _find_containing(self, word: str) -> list[int]:
        text, starts = self._vocabulary
        found: list[int] = []
        at = text.find(word)
        while at >= 0 and len(found) < CONTAINING_MAX:
            i = bisect_right(starts, at) - 1
            if self._words[i] != word:
                found.append(i)
            at = text.find(word, starts[i + 1] if i + 1 < len(starts) else len(text))
        return found

    def size(self, word: str) -> int:
        """How many postings within(word) merges (before merging): what scoring the word costs."""
        kept = self._within.get(word)
        if kept is not None:
            return 0 if kept[0] is None else len(kept[0][0])
        ids = self.word_ids_within(word)
        return sum(int(self.starts[i + 1] - self.starts[i]) for i in ids)

    def within(self, word: str, wanted: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, int] | None:
        """(ordinals, counts per field, document frequency) of `word` wherever the records hold it: as a
        word, or inside a longer one (盟乡村振兴局 holds 乡村 and 振兴, 兴安军分区 holds 军分区), as a
        substring search finds it; None when no record does. `wanted` (a mark for each record): only
        those records' postings (the frequency still counts every record), merged from the cut
        postings, not cut from a merge of all of them (行: the postings of hundreds of words)."""
        kept = self._within.get(word)
        if kept is not None:
            return _cut(kept[0], wanted)
        ids = self.word_ids_within(word)
        found: Found | None = None
        if len(ids) == 1 and ids[0] == self.word_id.get(word):
            ordinals, tf = self.postings(word)  # type: ignore[misc]
            found = ordinals, tf, self.frequency(word)
        elif ids:
            own = self.word_id.get(word)
            spans = self._spans(ids)
            weights = [1.0 if i == own else INSIDE_WEIGHT for i in ids]
            if wanted is not None:
                return self._merged_among(word, spans, weights, wanted)
            found = self._merged(spans, weights)
        self._within.put(word, (found,))
        return _cut(found, wanted)

    def _spans(self, ids: list[int]) -> list[tuple[int, int]]:
        """Each word's range of the posting arrays."""
        return [(self.starts[i], self.starts[i + 1]) for i in ids]

    def _holding(self, places: np.ndarray, holding: np.ndarray | None = None) -> int:
        """How many records hold any of the postings at `places` in body or head (what an idf counts).
        `holding`: a cleared mark array to use (and leave cleared), else one is made."""
        tf = self.tf[places]
        marked = self.ordinals[places][(tf[:, 0] > 0) | (tf[:, 1] > 0)]
        if holding is None:
            holding = np.zeros(self.count, dtype=bool)
        holding[marked] = True
        count = int(np.count_nonzero(holding))
        holding[marked] = False
        return count

    def _gathered(self, spans) -> tuple[np.ndarray, np.ndarray]:
        """The places in the posting arrays of every posting of `spans` (ranges), span after span, in one
        array (arange shifted by each span's start: no Python loop over up to CONTAINING_MAX spans), and
        each span's length."""
        lengths, shift = _laid_end_to_end(spans)
        return np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(shift, lengths), lengths

    def _merged(self, spans, weights, wanted: np.ndarray | None = None, frequency: int | None = None, gathered=None):
        """The postings of several words (ranges of the posting arrays, each weighed) as one word's:
        the records in order, each field's counts summed, and the records holding any in body or head."""
        places, lengths = self._gathered(spans) if gathered is None else gathered
        ordinals = self.ordinals[places]
        weight = np.repeat(np.asarray(weights, dtype=np.float64), lengths)
        if wanted is not None:  # cut first: only the wanted rows are weighed
            keep = wanted[ordinals]
            places, ordinals, weight = places[keep], ordinals[keep], weight[keep]
        return self._summed(places, ordinals, weight, frequency)

    def _summed(self, places: np.ndarray, ordinals: np.ndarray, weight: np.ndarray, frequency: int | None):
        """_merged's sums over the postings at `places` (of the records `ordinals`, each weighed)."""
        # each posting's counts times its word's weight: the same products as span by span
        tf = self.tf[places] * weight[:, None]
        ordinals = ordinals.astype(np.int64)
        # the records, in order, and each posting's place among them, by marking (not by sorting the
        # postings: ~3 ms for a common character's words at 300×); each field summed by bincount,
        # which adds in the postings' order as np.add.at does, so the sums are the same floats
        marked = np.zeros(self.count, dtype=bool)
        marked[ordinals] = True
        merged = np.flatnonzero(marked)
        place = np.empty(self.count, dtype=np.int64)
        place[merged] = np.arange(len(merged))
        where = place[ordinals]
        counts = np.column_stack(
            [np.bincount(where, weights=tf[:, k], minlength=len(merged)) for k in range(tf.shape[1])]
        )
        if frequency is None:
            frequency = int(((counts[:, 0] > 0) | (counts[:, 1] > 0)).sum())
        return merged, counts, frequency

    def _merged_among(self, word: str, spans, weights, wanted: np.ndarray):
        """_merged of the `wanted` records only; the frequency still of every record (for the idf)."""
        frequency = self._frequencies.get(word)
        if frequency is None:  # kept: the words of a common character come back in other queries
            gathered = self._gathered(spans)
            frequency = self._holding(gathered[0])
            if len(self._frequencies) < FREQUENCIES_KEPT:
                self._frequencies[word] = frequency
            found = self._merged(spans, weights, wanted, frequency, gathered)
            return found if len(found[0]) else None
        # the frequency known (a character's is in the file), only the wanted postings' places are made:
        # the spans' records copied once (4 bytes a posting) and masked, where gathering every place
        # first made three int64 arrays of all of them (一 at 300×: ~1 million postings, 600 wanted)
        ordinals = self.ordinals
        held = (
            np.concatenate([ordinals[a:b] for a, b in spans]) if len(spans) > 1 else ordinals[spans[0][0] : spans[0][1]]
        )
        at = np.flatnonzero(wanted[held])
        if not len(at):
            return None
        lengths, shift = _laid_end_to_end(spans)
        span = np.searchsorted(np.cumsum(lengths), at, side="right")  # each wanted posting's span
        places = at + shift[span]
        weight = np.asarray(weights, dtype=np.float64)[span]
        return self._summed(places, held[at], weight, frequency)


def _laid_end_to_end(spans) -> tuple[np.ndarray, np.ndarray]:
    """Each span's (range of the posting arrays) length, and what turns a position in the spans laid end
    to end, span after span, into its place in the posting arrays (added to the positions of that span)."""
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    lengths = bounds[:, 1] - bounds[:, 0]
    return lengths, bounds[:, 0] - (np.cumsum(lengths) - lengths)


def _found_bytes(kept: tuple[Found | None]) -> int:
    found = kept[0]
    return 100 if found is None else 100 + found[0].nbytes + found[1].nbytes


def _cut(found: Found | None, wanted: np.ndarray | None):
    """`found` (postings) of the records marked in `wanted` only (all: None); None when none is left."""
    if found is None or wanted is None:
        return found
    keep = wanted[found[0]]
    return (found[0][keep], found[1][keep], found[2]) if keep.any() else None
