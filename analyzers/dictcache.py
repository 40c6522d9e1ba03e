"""jieba's dictionary as the builder needs it, prepared once per analysis and kept between builds.

A build needs jieba's dictionary twice over: every word with its frequency (for jieba-rs,
:mod:`analyzers.fastcut`) and the prefix file search processes read (:mod:`analyzers.prefixdict`).
Both come from jieba's dictionary of ~580,000 entries, which takes jieba 0.6 s to load, and writing
them takes another 0.7 s: at 30× a third of what segmenting the corpus costs. They depend on nothing
but the analysis (:func:`analyzers.segment.analysis_fingerprint`), so they are kept in a folder per
fingerprint, as jieba keeps its own dictionary cache in the temporary directory.

The folder is ``$GAZETTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/xingan-gazette``, else
``~/.cache/xingan-gazette``. It is a cache, never trusted over the dictionary it came from: the entry's
folder is named by the sha256 of jieba's dictionary file (and the analysis fingerprint, which covers the
user dictionary), and an entry is used only when everything about it is as this code writes it —
regular files (not links, devices or pipes) of sane sizes, their sha256 as recorded last
(``sha256.json``), the words as JSON of the right types, and a sample of the source dictionary's own
lines (different on every read) found with the same frequencies in both the words and the prefix
file. Anything else and the entry is removed and the dictionary prepared from its source, as if
nothing were kept; the next build keeps it again. A folder that cannot be written only means every
build prepares the dictionary itself. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

from . import prefixdict

__all__ = ["CachedDictionary", "cache_folder", "load", "store"]

PREFIX = "prefixdict.bin"
WORDS = "words.json"  # [words, frequencies, total]: the words of frequency > 0 (JSON: nothing in it runs)
SUMS = "sha256.json"
LAYOUT = "2"  # of this folder's files; with the prefix file's own format it names the folder
STALE_SECONDS = 600  # a temporary file this old was left by a writer that was stopped
MAX_BYTES = 64 << 20  # jieba's dictionary makes a 9 MB words file and a 4 MB prefix file
# The user dictionary analyzers.segment loads (named there as USERDICT_PATH; not imported from there,
# which imports this module)
USERDICT_PATH = Path(__file__).with_name("userdict.txt")
SAMPLE = 30  # source lines, and kept words, checked against the kept prefix file each time it is read


@dataclass(frozen=True)
class CachedDictionary:
    prefix_path: Path
    prefix_bytes: bytes  # the prefix file as checked: what a build copies (the path may be replaced meanwhile)
    prefix_sha256: str
    words: list[str]
    freqs: list[int]
    total: int


def source_dictionary() -> bytes:
    """jieba's dictionary file as the tokenizer reads it (the source of every kept entry)."""
    import jieba

    with jieba.Tokenizer().get_dict_file() as fh:
        return fh.read()


_source: tuple[bytes, str] | None = None


def _source_and_hash() -> tuple[bytes, str]:
    global _source
    if _source is None:
        data = source_dictionary()
        _source = (data, hashlib.sha256(data).hexdigest())
    return _source


def cache_folder(fingerprint: str) -> Path:
    root = os.environ.get("GAZETTE_CACHE_DIR")
    if not root:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = str(Path(xdg) / "xingan-gazette") if xdg else str(Path.home() / ".cache" / "xingan-gazette")
    magic = prefixdict.MAGIC.decode("ascii")
    source = _source_and_hash()[1]
    return Path(root) / f"dictionary-{fingerprint[:24]}-{source[:16]}-{magic}-{LAYOUT}"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Unexpected(ValueError):
    """Something in a kept entry is not as this code writes it."""


def _read_regular(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes (not through a link: /dev/zero behind one was a MemoryError), at most `limit`."""
    limit = MAX_BYTES if limit is None else limit
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            raise _Unexpected(f"{path.name}: 不是普通文件或过大")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _Unexpected(f"{path.name}: 过大")
    return data


def load(fingerprint: str) -> CachedDictionary | None:
    """The kept dictionary of this analysis, or None: none kept, or anything about it unexpected (then
    it is removed, so that the next build keeps a sound one)."""
    folder = cache_folder(fingerprint)
    if not (folder / SUMS).exists() and not (folder / SUMS).is_symlink():
        return None
    try:
        return _checked(folder)
    except (OSError, ValueError, KeyError, TypeError, IndexError, MemoryError, RecursionError, orjson.JSONDecodeError):
        _discard(folder)
        return None


def _checked(folder: Path) -> CachedDictionary:
    sums = json.loads(_read_regular(folder / SUMS, 4096))
    if not isinstance(sums, dict) or not all(isinstance(sums.get(k), str) for k in ("words", "prefix", "source")):
        raise _Unexpected("sums")
    source, source_sha = _source_and_hash()
    if sums["source"] != source_sha:
        raise _Unexpected("made from another dictionary")
    data = _read_regular(folder / WORDS)
    prefix = _read_regular(folder / PREFIX)
    if _sha256(data) != sums["words"] or _sha256(prefix) != sums["prefix"] or not prefix.startswith(prefixdict.MAGIC):
        raise _Unexpected("sums")
    loaded = orjson.loads(data)
    if not (isinstance(loaded, list) and len(loaded) == 3):
        raise _Unexpected("format")
    words, freqs, total = loaded
    if not (
        isinstance(words, list)
        and isinstance(freqs, list)
        and len(words) == len(freqs) > 0
        and isinstance(total, int)
        and set(map(type, words)) == {str}  # map and set: C loops over ~350,000 entries
        and min(map(len, words)) > 0
        and set(map(type, freqs)) == {int}
        and 0 < min(freqs)
        and max(freqs) <= total
    ):
        raise _Unexpected("types")
    tokenizer = prefixdict.BucketedTokenizer(folder / PREFIX, sums["prefix"])
    if tokenizer.total != total:
        raise _Unexpected("prefix total")
    _agrees_with_source(source, words, freqs, tokenizer)
    return CachedDictionary(folder / PREFIX, prefix, sums["prefix"], words, freqs, total)


def _agrees_with_source(source: bytes, words: list, freqs: list, tokenizer: prefixdict.BucketedTokenizer) -> None:
    """Samples chosen afresh each time: source lines (`word freq [tag]`) found with the same frequency in
    the kept prefix file, and kept words found with theirs there too (so the words, the prefix file and
    the source agree). A word the user dictionary sets may differ from its source line; one listed twice
    in the source is taken as its last line."""
    lines = source.count(b"\n")
    if not lines or not lines * 0.99 <= len(words) <= lines * 1.2:
        raise _Unexpected("word count")
    for _ in range(SAMPLE):
        at = source.rfind(b"\n", 0, random.randrange(len(source))) + 1
        end = source.find(b"\n", at)
        parts = source[at : end if end >= 0 else len(source)].split()
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        word = parts[0].decode("utf-8")
        if _user_word(word):
            continue  # the user dictionary sets its frequency
        found = _lookup(tokenizer, word)
        if found != int(parts[1]) and found != _last_frequency(source, parts[0]):
            raise _Unexpected(f"prefix word {word}")
    for _ in range(SAMPLE):
        k = random.randrange(len(words))
        if _lookup(tokenizer, words[k]) != freqs[k]:
            raise _Unexpected(f"word {words[k]}")


def _last_frequency(source: bytes, word: bytes) -> int | None:
    at = source.rfind(b"\n" + word + b" ")
    at = at + 1 if at >= 0 else (0 if source.startswith(word + b" ") else -1)
    if at < 0:
        return None
    parts = source[at : source.find(b"\n", at)].split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _lookup(tokenizer: prefixdict.BucketedTokenizer, word: str) -> int | None:
    tokenizer._load({word[0]})  # a word is kept in the bucket of its first character
    return tokenizer.FREQ.get(word)


_user_words: set[str] | None = None


def _user_word(word: str) -> bool:
    """Whether the user dictionary sets this word (its frequency then differs from the source's)."""
    global _user_words
    if _user_words is None:
        _user_words = {
            line.split()[0] for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines() if line.split()
        }
    return word in _user_words


def _discard(folder: Path) -> None:
    """Remove an entry that was not as expected (what can be removed: the next build writes it anew)."""
    for name in (SUMS, WORDS, PREFIX):
        try:
            (folder / name).unlink()
        except OSError:
            pass


def _replace(folder: Path, name: str, data: bytes) -> None:
    """Write `name` whole or not at all (another build may be reading or writing the same entry)."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(folder: Path) -> None:
    """Temporary files of writers that were stopped before they replaced their file (a failed build
    stops its side process): a few MB each, which would otherwise pile up."""
    now = time.time()
    for tmp in folder.glob(".*"):
        try:
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
        except OSError:
            pass  # gone already, or another writer's: left alone


def store(fingerprint: str, prefix_file: Path, freq: dict[str, int], total: int) -> bool:
    """Keep a prefix file just written and the words of `freq` (a tokenizer's FREQ) for the next
    builds; False when the folder cannot be written (nothing else changes)."""
    folder = cache_folder(fingerprint)
    words = [w for w, f in freq.items() if f > 0]
    data = orjson.dumps([words, [freq[w] for w in words], total])
    try:
        prefix = Path(prefix_file).read_bytes()
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder)
        (folder / SUMS).unlink(missing_ok=True)  # the entry is incomplete until the sums are back
        _replace(folder, PREFIX, prefix)
        _replace(folder, WORDS, data)
        sums = {"prefix": _sha256(prefix), "words": _sha256(data), "source": _source_and_hash()[1]}
        _replace(folder, SUMS, json.dumps(sums).encode("utf-8"))
    except OSError:
        return False
    return True
