"""jieba's dictionary as the builder needs it, prepared once per analysis and kept between builds.

A build needs jieba's dictionary twice over: every word with its frequency (for jieba-rs,
:mod:`analyzers.fastcut`) and the prefix file search processes read (:mod:`analyzers.prefixdict`).
Both come from jieba's dictionary of ~580,000 entries, which takes jieba 0.6 s to load, and writing
them takes another 0.7 s: at 30× a third of what segmenting the corpus costs. They depend on nothing
but the analysis (:func:`analyzers.segment.analysis_fingerprint`), so they are kept in a folder per
fingerprint, as jieba keeps its own dictionary cache in the temporary directory.

The folder is ``$GAZETTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/xingan-gazette``, else
``~/.cache/xingan-gazette``. Its files are checked against their sha256 (``sha256.json``, written
last) before use: a damaged or half-written entry is not used, and the next build writes it again. A
folder that cannot be written only means every build prepares the dictionary itself. Deleting the
folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import prefixdict

__all__ = ["CachedDictionary", "cache_folder", "load", "store"]

PREFIX = "prefixdict.bin"
WORDS = "words.marshal"  # marshal of (words, frequencies, total): the words of frequency > 0
SUMS = "sha256.json"
LAYOUT = "1"  # of this folder's files; with the prefix file's own format it names the folder
STALE_SECONDS = 600  # a temporary file this old was left by a writer that was stopped


@dataclass(frozen=True)
class CachedDictionary:
    prefix_path: Path
    prefix_bytes: bytes  # the prefix file as checked: what a build copies (the path may be replaced meanwhile)
    prefix_sha256: str
    words: list[str]
    freqs: list[int]
    total: int


def cache_folder(fingerprint: str) -> Path:
    root = os.environ.get("GAZETTE_CACHE_DIR")
    if not root:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = str(Path(xdg) / "xingan-gazette") if xdg else str(Path.home() / ".cache" / "xingan-gazette")
    magic = prefixdict.MAGIC.decode("ascii")
    return Path(root) / f"dictionary-{fingerprint[:24]}-{magic}-{LAYOUT}"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(fingerprint: str) -> CachedDictionary | None:
    """The kept dictionary of this analysis, or None (none kept, or not the files recorded)."""
    folder = cache_folder(fingerprint)
    try:
        sums = json.loads((folder / SUMS).read_text(encoding="utf-8"))
        data = (folder / WORDS).read_bytes()
        prefix = (folder / PREFIX).read_bytes()
        if _sha256(data) != sums["words"] or _sha256(prefix) != sums["prefix"]:
            return None
        if not prefix.startswith(prefixdict.MAGIC):
            return None
        words, freqs, total = marshal.loads(data)
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None
    if not (isinstance(words, list) and isinstance(freqs, list) and len(words) == len(freqs)):
        return None
    return CachedDictionary(folder / PREFIX, prefix, sums["prefix"], words, freqs, total)


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
    data = marshal.dumps((words, [freq[w] for w in words], total))
    try:
        prefix = Path(prefix_file).read_bytes()
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder)
        (folder / SUMS).unlink(missing_ok=True)  # the entry is incomplete until the sums are back
        _replace(folder, PREFIX, prefix)
        _replace(folder, WORDS, data)
        sums = {"prefix": _sha256(prefix), "words": _sha256(data)}
        _replace(folder, SUMS, json.dumps(sums).encode("utf-8"))
    except OSError:
        return False
    return True
