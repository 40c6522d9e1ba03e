"""Adding files to a corpus folder (the library side of `gazette add FILE...`).

Each file is parsed first, with the folder's offices.json and what the manifest will say of it; only
a file that parses is copied in. A file of the same name that differs is never overwritten (it is an
error, or the new file gets a free name with rename=True); a file holding the same issue as one the
folder has (same id and records: a PDF of an issue whose text is there) is not added twice. The
manifest gets what the next parse needs: sha256, year, 期, 总期, period, publication (as printed, ""
when unknown, so the folder's default publication is not assumed), the issue group and part, and the
issue's id and fingerprint (so later adds compare without parsing the whole folder again).
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .collection.files import CORPUS_SUFFIXES, iter_corpus_files, name_problem, unsupported_type
from .collection.identity import issue_fingerprint
from .collection.manifest import ManifestEntry, file_sha256, issue_key_problem, load_manifest, update_manifest
from .errors import GazetteParseError, shown
from .models import Issue
from .offices import load_offices
from .pipeline import parse_issue
from .readers.pdfmagic import looks_like_pdf
from .readers.source import read_source


@dataclass
class AddResult:
    source: Path
    status: str  # added | renamed | unchanged | duplicate | error
    message: str  # for the user, in Chinese
    dest: Path | None = None
    issue_id: str | None = None
    documents: int = 0
    clauses: int = 0
    chronicle: int = 0
    error: GazetteParseError | None = None

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def __str__(self) -> str:
        return f"{shown(str(self.source))}: {self.message}"


def parse_for_corpus(path: Path, corpus_dir: Path, entry: ManifestEntry, year: int | None) -> Issue:
    """A file parsed as it will be once in the folder: with the folder's offices.json and `entry`."""
    return parse_issue(read_source(path), entry, offices=load_offices(corpus_dir), year=year)


# How add_to_corpus parses: (path, corpus folder, manifest entry, year) → Issue, or GazetteParseError.
# The CLI passes one that runs in a bounded worker process (indexer.build.bounded_corpus_parser).
Parser = Callable[[Path, Path, ManifestEntry, "int | None"], Issue]


def _known_fingerprints(corpus_dir: Path, parse: Parser) -> dict[str, tuple[str, str]]:
    """fingerprint → (file name, issue id) for the folder's issues (from the manifest where it is current)."""
    manifest = load_manifest(corpus_dir)
    raw = {}
    path = corpus_dir / "manifest.json"
    if path.exists():
        raw = json.loads(path.read_text(encoding="utf-8-sig")).get("files", {})
    out = {}
    for file in iter_corpus_files(corpus_dir):
        info = raw.get(file.name, {})
        if info.get("fingerprint") and info.get("sha256") == file_sha256(file):
            out[info["fingerprint"]] = (file.name, info.get("issue_id"))
            continue
        try:
            issue = parse(file, corpus_dir, manifest.get(file.name) or ManifestEntry(), None)
        except GazetteParseError:
            continue  # a bad file already there is the index builder's to report
        out[issue_fingerprint(issue)] = (file.name, issue.id)
    return out


def _free_name(corpus_dir: Path, name: str) -> Path:
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while (corpus_dir / f"{stem}-{n}{suffix}").exists():
        n += 1
    return corpus_dir / f"{stem}-{n}{suffix}"


def _copy(src: Path, dest: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".adding-", dir=str(dest.parent))
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        if dest.exists():
            raise FileExistsError(dest)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def add_to_corpus(
    files,
    corpus_dir: str | Path,
    year: int | None = None,
    *,
    issue: str | None = None,
    part: int | None = None,
    rename: bool = False,
    allow_duplicates: bool = False,
    parse: Parser | None = None,
) -> list[AddResult]:
    """Validate, copy and record each file; one result per file, in order (a bad file stops nothing).

    `year`: for files that give none (a 大事记 alone); `issue`/`part`: the files are pieces of that issue
    (in the given order from `part` on); `rename`: a different file of the same name is there, so give
    this one a free name instead of refusing; `allow_duplicates`: add an issue the folder already has;
    `parse`: how each file is parsed (default: here, parse_for_corpus). A caller that runs several at
    once holds the folder's writer lock around this (indexer.writelock), so the manifest read is the
    one written back.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise GazetteParseError(str(corpus_dir), "语料文件夹不存在")
    problem = issue_key_problem(issue) if issue is not None else None
    if problem:  # written into manifest.json it would stop every later build (an empty or ESC-holding key)
        raise GazetteParseError(str(corpus_dir), f"{problem}，未添加任何文件")
    results: list[AddResult] = []
    for k, file in enumerate(Path(f) for f in files):
        piece = (part + k) if (issue and part is not None) else (k + 1 if issue else None)
        results.append(_add_one(file, corpus_dir, year, issue, piece, rename, allow_duplicates, parse))
    return results


def _add_one(file: Path, corpus_dir: Path, year, issue_key, piece, rename, allow_duplicates, parse) -> AddResult:
    parse = parse or parse_for_corpus
    if not file.is_file():
        return AddResult(file, "error", "文件不存在或不是普通文件")
    problem = name_problem(file.name)
    if problem:  # the name it would have in the folder: refused before anything is read or copied
        return AddResult(file, "error", problem.replace("未读取", "未添加"))
    with open(file, "rb") as fh:  # the first bytes: not the whole file (it may be any size)
        head = fh.read(32)
    if file.suffix.lower() not in CORPUS_SUFFIXES and not looks_like_pdf(head):
        return AddResult(file, "error", unsupported_type(file.suffix) + "，未添加")
    manifest = load_manifest(corpus_dir)
    # `year` is no manifest fact: written there it would outrank the file's own (its 文号) — a batch
    # added with --year 2025 took that year for every file; it is only what a file without one gets
    entry = ManifestEntry(issue=issue_key, part=piece)
    try:
        parsed = parse(file, corpus_dir, entry, year)
    except GazetteParseError as exc:
        return AddResult(file, "error", f"无法解析，未添加：{exc}", error=exc)
    fingerprint = issue_fingerprint(parsed)
    dest = corpus_dir / file.name
    status = "added"
    if dest.exists():
        if filecmp.cmp(dest, file, shallow=False):  # compared a block at a time, not both read whole
            status = "unchanged"
        elif rename:
            dest, status = _free_name(corpus_dir, file.name), "renamed"
        else:
            return AddResult(
                file,
                "error",
                f"语料文件夹里已有另一个同名文件 {dest.name}，未覆盖（请改名后再添加，或加 --rename 以新名字 {_free_name(corpus_dir, file.name).name} 放入）",
            )
    if status != "unchanged" and not allow_duplicates:
        for other_fp, (other, other_id) in _known_fingerprints(corpus_dir, parse).items():
            if other_fp == fingerprint and (other_id == parsed.id or parsed.number is None):
                return AddResult(
                    file, "duplicate", f"与语料中的 {other} 是同一期、内容相同，未重复添加", issue_id=parsed.id
                )
    if status != "unchanged":
        try:
            _copy(file, dest)
        except FileExistsError:
            return AddResult(file, "error", f"添加时语料文件夹里出现了同名文件 {dest.name}，未覆盖")
    old = manifest.get(dest.name)
    facts = {
        "sha256": file_sha256(dest),
        "year": parsed.year,
        "number": parsed.number,
        "total_number": parsed.total_number,
        "period": parsed.period,
        "publication": parsed.publication if not (old and old.publication) else None,
        "issue": issue_key,
        "part": piece,
        "issue_id": parsed.id,
        "fingerprint": fingerprint,
    }
    update_manifest(corpus_dir, dest.name, facts)
    clauses = sum(len(d.clauses) for d in parsed.documents)
    verb = {"added": "已添加", "renamed": f"已添加为 {dest.name}", "unchanged": "已在语料中（内容相同），已更新清单"}[
        status
    ]
    return AddResult(
        file,
        status,
        f"{verb}：{parsed.label} [{parsed.id}]，{len(parsed.documents)} 件公文、{clauses} 个条款、"
        f"{len(parsed.chronicle)} 条大事记",
        dest=dest,
        issue_id=parsed.id,
        documents=len(parsed.documents),
        clauses=clauses,
        chronicle=len(parsed.chronicle),
    )
