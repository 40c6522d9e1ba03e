"""A corpus folder's manifest.json: what is known about each file that its text does not say.

Format (every key optional):

    {
      "publication": "兴安盟行政公署公报",          # for the files listed below ("" in an entry: unknown)
      "issues": {                                    # facts shared by the files of one issue
        "2022-1": {"year": 2022, "number": 1, "total_number": 77, "period": "第一季度"}
      },
      "files": {
        "000_50af7b231d7ea85e.txt": {"sha256": "…", "year": 2022, "number": 1},
        "2022-1-part2.pdf": {"issue": "2022-1", "part": 2},   # a piece of issue 2022-1
        "dsj-2022q1.txt": {"issue": "2022-1", "part": 9}     # its 大事记, printed separately
      }
    }

A file entry's own facts win over its issue's, which win over the top-level publication. Files that
name the same "issue" are pieces of one issue: each is parsed on its own, all get that issue id.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from ..errors import GazetteParseError
from ..jsonfile import locate as _locate
from ..jsonfile import read_json
from ..models import ManifestEntry

MANIFEST_NAME = "manifest.json"
DEFAULT_PUBLICATION = "兴安盟行政公署公报"
# The issues shipped with the program (data/corpus, tracked in git: `gazette add` never writes there). The
# tests read a copy of it (GAZETTE_BUNDLED_CORPUS, set by tests/conftest.py), never the live folder.
SHIPPED_CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
BUNDLED_CORPUS = Path(os.environ.get("GAZETTE_BUNDLED_CORPUS") or SHIPPED_CORPUS)
_INT_FIELDS = ("year", "number", "total_number", "part")
FIRST_YEAR, LAST_YEAR = 1949, 2100  # as `gazette add --year` takes them
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_STR_FIELDS = ("publication", "period", "sha256", "issue", "note", "issue_id", "fingerprint")


_CACHE: dict[Path, tuple[tuple[int, int], dict[str, ManifestEntry]]] = {}


def load_manifest(directory: str | Path) -> dict[str, ManifestEntry]:
    """File name → ManifestEntry; {} without a manifest. A broken one is a GazetteParseError (`manifest.json:line:col: …`)."""
    path = Path(directory) / MANIFEST_NAME
    try:
        stat = path.stat()
    except OSError:
        return {}
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached and cached[0] == key:
        return cached[1]
    entries = _parse(path)
    _CACHE[path] = (key, entries)
    return entries


def _parse(path: Path) -> dict[str, ManifestEntry]:
    source = str(path)
    data, raw = read_json(path)
    if not isinstance(data, dict):
        raise GazetteParseError(source, "顶层应为 JSON 对象 {…}", 1, 1)
    top_publication = _field(data, "publication", str, source, raw, "publication")
    issues = data.get("issues", {})
    files = data.get("files", {})
    for name, value in (("issues", issues), ("files", files)):
        if not isinstance(value, dict):
            raise GazetteParseError(source, f'"{name}" 应为 JSON 对象', *_locate(raw, name))
    entries = {}
    for name, info in files.items():
        if not isinstance(info, dict):
            raise GazetteParseError(source, f'files."{name}" 应为 JSON 对象', *_locate(raw, name))
        facts = {}
        issue_key = info.get("issue")
        if issue_key is not None:
            if not isinstance(issue_key, str) or issue_key_problem(issue_key):
                raise GazetteParseError(source, f'files."{name}".issue 应为非空字符串', *_locate(raw, name))
            shared = issues.get(issue_key, {})
            if not isinstance(shared, dict):
                raise GazetteParseError(source, f'issues."{issue_key}" 应为 JSON 对象', *_locate(raw, issue_key))
            facts.update({k: _field(shared, k, _type_of(k), source, raw, f'issues."{issue_key}".{k}') for k in shared})
        facts.update({k: _field(info, k, _type_of(k), source, raw, f'files."{name}".{k}') for k in info})
        # "publication": "" says the publication is not known: the top-level one is not assumed
        publication = facts["publication"] if facts.get("publication") is not None else top_publication
        entries[name] = ManifestEntry(
            publication=publication or None,
            year=facts.get("year"),
            number=facts.get("number"),
            total_number=facts.get("total_number"),
            period=facts.get("period"),
            sha256=facts.get("sha256"),
            issue=issue_key,
            part=facts.get("part"),
        )
    return entries


def issue_key_problem(key: str) -> str | None:
    """Why `key` cannot name an issue (in the manifest or `gazette add --issue`), or None."""
    if not key.strip():
        return "期号不能为空"
    if _CONTROL.search(key):
        return f"期号含有控制字符（如 ESC、换行）：{json.dumps(key, ensure_ascii=False)}"
    return None


def _type_of(key: str):
    return int if key in _INT_FIELDS else str if key in _STR_FIELDS else object


def _field(data: dict, key: str, kind, source: str, raw: str, where: str):
    value = data.get(key)
    if value is None or kind is object:
        return value
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise GazetteParseError(
            source, f"{where} 应为整数，不是 {json.dumps(value, ensure_ascii=False)}", *_locate(raw, key)
        )
    if key == "year" and not FIRST_YEAR <= value <= LAST_YEAR:  # a year no calendar function takes (99999999999
        raise GazetteParseError(  # stopped the parse with an OverflowError) or none a gazette was printed in
            source, f"{where} 应为 {FIRST_YEAR} 到 {LAST_YEAR} 之间的年份，不是 {value}", *_locate(raw, key)
        )
    if kind is int and value < 0:
        raise GazetteParseError(source, f"{where} 不能是负数：{value}", *_locate(raw, key))
    if kind is str and not isinstance(value, str):
        raise GazetteParseError(
            source, f"{where} 应为字符串，不是 {json.dumps(value, ensure_ascii=False)}", *_locate(raw, key)
        )
    if kind is str and key != "note" and _CONTROL.search(value):  # an ESC in "publication" reached the terminal
        shown_value = json.dumps(value, ensure_ascii=False)  # of gazette parse; JSON shows it escaped (\u001b)
        raise GazetteParseError(source, f"{where} 含有控制字符（如 ESC、换行）：{shown_value}", *_locate(raw, key))
    return value


def file_sha256(path: str | Path) -> str:
    """The file's sha256, read 1 MB at a time (a build hashes every file itself, not in a bounded worker:
    read whole, a 10 GB file in the corpus folder took 10 GB of the build's memory), up to the size it had
    when opened (a file that keeps growing while it is read is hashed as it was)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        left = os.fstat(fh.fileno()).st_size
        while left > 0:
            piece = fh.read(min(left, 1 << 20))
            if not piece:
                break
            digest.update(piece)
            left -= len(piece)
    return digest.hexdigest()


def update_manifest(directory: str | Path, name: str, facts: dict) -> None:
    """Set `files[name]` (merging `facts` over what is there) and write the manifest atomically.
    The caller holds the folder's writer lock (indexer.writelock): read, change and write are one."""
    path = Path(directory) / MANIFEST_NAME
    data = _raw(path)
    files = data.setdefault("files", {})
    entry = files.setdefault(name, {})
    entry.update({k: v for k, v in facts.items() if v is not None})
    _write(path, data)


def forget_files(directory: str | Path, names) -> list[str]:
    """Remove the `files` entries of `names` (files gone from the folder) from its manifest; returns
    those it removed. Nothing is written when none of them is listed."""
    path = Path(directory) / MANIFEST_NAME
    if not path.exists():
        return []
    data = _raw(path)
    files = data.get("files", {})
    gone = [name for name in names if name in files]
    if gone:
        for name in gone:
            del files[name]
        _write(path, data)
    return gone


def _raw(path: Path) -> dict:
    if not path.exists():
        return {}
    _parse(path)  # refuses to rewrite a manifest it cannot read
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _write(path: Path, data: dict) -> None:
    """Atomically: a temporary file, synced, then renamed over the manifest (and the folder synced)."""
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    _CACHE.pop(path, None)
