"""jieba segmentation with the project's user dictionary.

One :class:`jieba.Tokenizer` per process, created lazily on first use (thread
safe), with ``userdict.txt`` loaded.  :func:`analysis_fingerprint` identifies
everything that decides how text is analysed; the index stores it and a
different value means the index must be rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import jieba

if TYPE_CHECKING:
    from .fastcut import RsCutter

__all__ = [
    "ANALYZER_VERSION",
    "USERDICT_PATH",
    "analysis_fingerprint",
    "bulk_cutter",
    "cut_words",
    "dictionary_parts",
    "get_tokenizer",
    "save_prefix_dictionary",
    "use_prefix_dictionary",
]

#: Bump whenever normalization or tokenization logic changes in a way that
#: changes the tokens produced for some text (forces an index rebuild).
ANALYZER_VERSION = "2"  # 2: traditional characters folded to simplified

#: The jieba user dictionary (``word freq tag`` per line).  Read when the
#: tokenizer is first created and by :func:`analysis_fingerprint`.
USERDICT_PATH = Path(__file__).with_name("userdict.txt")

_lock = threading.Lock()
_bulk_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_bulk: RsCutter | _StockCutter | None = None


def _reset_lock_after_fork() -> None:  # pragma: no cover - fork only
    global _lock, _bulk_lock
    _lock = threading.Lock()
    _bulk_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_lock_after_fork)


def get_tokenizer() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer (main dictionary + user dict)."""
    tk = _tokenizer
    if tk is not None:
        return tk
    return _init_tokenizer()


def _init_tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            # jieba logs "Building prefix dict ..." at DEBUG to stderr.
            if jieba.default_logger.level < logging.INFO:
                jieba.default_logger.setLevel(logging.INFO)
            _check_user_dictionary(USERDICT_PATH)
            tk = jieba.Tokenizer()
            tk.initialize()
            tk.load_userdict(str(USERDICT_PATH))
            _tokenizer = tk
        return _tokenizer


def _check_user_dictionary(path: Path) -> None:
    """Refuse a word of frequency 0: jieba splits such a word again after its HMM joins it, which
    neither the search processes' prefix-file tokenizer nor the builder's jieba-rs can know of, so
    queries and the index would be cut differently."""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) == 0:
            raise ValueError(
                f"{path}:{number}: 词频为 0 的词（“{parts[0]}”，强制拆分）不受支持：请给出正的词频，或删去这一行"
            )


def save_prefix_dictionary(path) -> str:
    """Write the process tokenizer's dictionary (main + user dict) as a prefix file
    (:mod:`analyzers.prefixdict`); returns its sha256. The file kept for this analysis
    (:mod:`analyzers.dictcache`) is copied when there is one; otherwise the file is written from the
    whole dictionary and kept for the next builds."""
    from . import dictcache, prefixdict

    fingerprint = analysis_fingerprint()
    kept = dictcache.load(fingerprint)
    if kept is not None:
        Path(path).write_bytes(kept.prefix_bytes)  # the bytes checked, whatever has replaced the file since
        return kept.prefix_sha256
    tk = get_tokenizer()
    if isinstance(tk, prefixdict.BucketedTokenizer):
        tk.load_all()
    sha256 = prefixdict.write(tk.FREQ, tk.total, path)
    dictcache.store(fingerprint, Path(path), tk.FREQ, tk.total)
    return sha256


def load_whole_dictionary() -> None:
    """Read every bucket of the process tokenizer's prefix file now (a server warming up: ~0.5 s once,
    where reading them as queries need them costs the first queries with new characters ~0.5 ms each)."""
    from . import prefixdict

    tk = get_tokenizer()
    if isinstance(tk, prefixdict.BucketedTokenizer):
        tk.load_all()


def use_prefix_dictionary(path, sha256: str) -> bool:
    """Make the process tokenizer read its dictionary from the prefix file at `path` as sentences need
    it, instead of loading the whole dictionary (half a second). Nothing changes when the process
    already has a tokenizer. Raises prefixdict.PrefixFileError when the file is not the one recorded."""
    global _tokenizer
    from . import prefixdict

    with _lock:
        if _tokenizer is not None:
            return False
        _tokenizer = prefixdict.BucketedTokenizer(path, sha256)
        return True


def bulk_cutter() -> RsCutter | _StockCutter:
    """The process's cutter for whole corpora: jieba-rs with the tokenizer's dictionary
    (:mod:`analyzers.fastcut`; jieba itself if jieba-rs refuses the dictionary), the same words as
    the tokenizer, made on first call (~28 MB): from
    the dictionary kept for this analysis (:mod:`analyzers.dictcache`, ~0.3 s; the process tokenizer
    then reads the kept prefix file, if it had none), else from the tokenizer's whole dictionary
    (~1 s, loading it included). Once it exists, :func:`cut_words` uses it too. A search process
    never makes it: a query is short, and the tokenizer reads only the dictionary buckets it needs."""
    global _bulk, _tokenizer
    if _bulk is not None:
        return _bulk
    from . import dictcache, prefixdict
    from .fastcut import RsCutter  # here: loading jieba-rs takes 0.13 s, which no search process needs

    with _bulk_lock:
        if _bulk is not None:
            return _bulk
        tk = _tokenizer
        kept = None
        if tk is None or isinstance(tk, prefixdict.BucketedTokenizer):
            kept = dictcache.load(analysis_fingerprint())
        if kept is not None:
            with _lock:
                if _tokenizer is None:
                    try:
                        _tokenizer = prefixdict.BucketedTokenizer(kept.prefix_path, kept.prefix_sha256)
                    except (prefixdict.PrefixFileError, OSError):  # replaced or removed since it was checked
                        kept = None
                tk = _tokenizer
        if kept is not None and tk is not None:
            words, freqs, total, bucketed = kept.words, kept.freqs, kept.total, tk
            _bulk = _cutter(lambda: RsCutter(words, freqs, total, bucketed), tk)
        else:
            full = get_tokenizer()
            if isinstance(full, prefixdict.BucketedTokenizer):
                full.load_all()
            _bulk = _cutter(lambda: RsCutter.from_tokenizer(full), full)
        return _bulk


class _StockCutter:
    """jieba itself, for a dictionary jieba-rs cannot reproduce (a word jieba was told to split)."""

    def __init__(self, tokenizer: jieba.Tokenizer):
        self.tokenizer = tokenizer

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, cut_all=False, HMM=True))


def _cutter(make, tokenizer: jieba.Tokenizer):
    try:
        return make()
    except ValueError:  # RsCutter refuses what it cannot cut as jieba does
        return _StockCutter(tokenizer)


def cut_words(text: str) -> list[tuple[str, int, int]]:
    """jieba precise mode (HMM on): ``[(word, start, end), ...]`` with
    ``text[start:end] == word``; white space tokens are dropped."""
    out: list[tuple[str, int, int]] = []
    append = out.append
    start = 0
    bulk = _bulk
    words = bulk.cut(text) if bulk is not None else get_tokenizer().cut(text, cut_all=False, HMM=True)
    for w in words:
        end = start + len(w)
        if not w.isspace():
            append((w, start, end))
        start = end
    return out


def dictionary_parts(word: str) -> list[str]:
    """The dictionary words of two or three characters inside `word`, in order, none overlapping another
    (the longer, then the earlier kept: 国家开发银行 → 国家、开发、银行): what jieba's search mode finds in a word it keeps whole. [] when
    it holds fewer than two."""
    tk = get_tokenizer()
    list(tk.cut(word, HMM=False))  # a prefix-file tokenizer reads the buckets of the word's characters
    grams = [
        (i, i + n)
        for n in (3, 2)
        for i in range(len(word) - n + 1)
        if word[i : i + n] != word and tk.FREQ.get(word[i : i + n])
    ]
    kept: list[tuple[int, int]] = []
    for start, end in grams:  # longer first: a pair overlapping a kept triple is left out
        if not any(start < e and s < end for s, e in kept):
            kept.append((start, end))
    kept.sort()
    return [word[s:e] for s, e in kept] if len(kept) > 1 else []


def edge_parts(word: str) -> list[str]:
    """The dictionary words `word` begins or ends with, longest first, the start before the end at one
    length (用电量 → 用电, 电量): where a word no text holds may be found by its head or tail."""
    tk = get_tokenizer()
    list(tk.cut(word, HMM=False))  # a prefix-file tokenizer reads the buckets of the word's characters
    return [
        part for n in range(len(word) - 1, 1, -1) for part in dict.fromkeys((word[:n], word[-n:])) if tk.FREQ.get(part)
    ]


def analysis_fingerprint() -> str:
    """sha256 hex over ANALYZER_VERSION, jieba's and jieba-rs's versions, the Unicode
    database version (NFKC tables), OpenCC's version (the t2s table) and the
    user dictionary bytes."""
    from importlib.metadata import version

    from .variants import OPENCC_VERSION

    h = hashlib.sha256()
    for part in (ANALYZER_VERSION, jieba.__version__, version("rjieba"), unicodedata.unidata_version, OPENCC_VERSION):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    h.update(Path(USERDICT_PATH).read_bytes())
    return h.hexdigest()
