"""Building the index from corpus files: plan → write → publish.

* plan: what the live build holds (checked in full: a damaged build is rebuilt, never extended),
  which files are new, changed or gone, and whether the analyzer or engine changed (full build);
* write: parse the files to index, segment every record once, hand the engine finished words,
  write the records and issues as JSON, seal the build (sizes and hashes of every file);
* publish: switch the CURRENT pointer atomically. A build that fails at any point, the disk
  filling up included, leaves the previous index serving and no half-written directory behind.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from analyzers.segment import analysis_fingerprint, bulk_cutter, save_prefix_dictionary
from corpus import (
    BUNDLED_CORPUS,
    CORPUS_SUFFIXES,
    PARSER_VERSION,
    GazetteParseError,
    Issue,
    issue_fingerprint,
    iter_corpus_files,
    parse_file,
)
from corpus.collection.manifest import SHIPPED_CORPUS, file_sha256, forget_files
from corpus.errors import os_reason, shown
from corpus.facts.validity import statuses
from corpus.ingest import parse_for_corpus

from . import store
from .api import IndexDamagedError, IndexUnavailableError, StaleIndexError
from .bounded import BoundedPool, Limits, Outcome, run_bounded
from .engine import DEFAULT_ENGINE, engine_names, get_engine
from .facts import FACTS, ROSTER, corpus_facts, split_facts
from .forked import ForkedTask, ForkedTaskError
from .rankdata import RANK_DIR, write_rank_data
from .readmodel import catalog_entry
from .records import IndexRecord, issue_records, pack_rows, unpack_rows
from .related import RELATED_FILE, clauses_of, related_clauses
from .segmenting import Segmenting
from .writelock import WriterBusyError, writer_lock

# 6: records carry issued_type; 7: their substance; 8: persons, facts.json; 9: grams without lengths;
# 10: catalog/, and records without text for an engine that keeps text itself; 11: groups.json and
# prefixdict.bin, records packed (each row what differs from the row before); 12: tantivy facet, doc
# and date fields; 13: tantivy f_validity and statuses.json; 14: statuses.json per document and source;
# 15: whoosh postings in blocks of 1,024; 16: whoosh chars.bin; 17: tantivy facets in one field;
# 18: each engine's own files versioned by the engine (Engine.format_version), no longer here
# 19: rank/ and rankdata.npz (the ranking data, the same for every engine), related.json
# 20: the year facet's 未注明日期 for records of documents that print no date
SCHEMA_VERSION = "20"
DEFAULT_INDEX_DIR = Path(os.environ.get("GAZETTE_INDEX", Path(__file__).resolve().parent.parent / "var" / "index"))
CORPUS_ENV = "GAZETTE_CORPUS"  # the folder of the user's own issues (default var/corpus, beside var/index)
INDEX_BYTES_PER_SOURCE_BYTE = 40  # measured: the bundled corpus (169 KB) gives a 5.7 MB build…
PREFIX_DICT_BYTES = 3_600_000  # …plus jieba's dictionary as a prefix file (analyzers.prefixdict)
Progress = Callable[[str, int, int], None]
STAGE_LABELS = {"parse": "解析公报", "segment": "分词", "index": "写入索引"}  # progress(stage, …) in Chinese
KEPT = "（原有索引如有，仍在使用）"


class BuildError(RuntimeError):
    """The build could not produce an index; the previous one (if any) keeps serving."""


@dataclass
class BuildReport:
    index_dir: str
    build: str | None
    mode: str  # full | incremental | unchanged
    reason: str = ""  # why a full build (no index, --full, analyzer changed, damaged…)
    engine: str = DEFAULT_ENGINE
    issues: list[dict] = field(default_factory=list)  # {source, id, documents, clauses, chronicle}
    skipped: list[dict] = field(default_factory=list)  # {source, reason}
    removed: list[str] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)  # removed files whose manifest entry went with them
    notes: list[str] = field(default_factory=list)
    records: int = 0
    chars: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def failures(self) -> list[dict]:
        """Files that could not be read or parsed (reported as file:line: what)."""
        return [s for s in self.skipped if s.get("error") or s.get("unread")]

    def summary(self) -> str:
        modes = {"full": "完整重建", "incremental": "增量更新", "unchanged": "无变化"}
        head = f"{modes.get(self.mode, self.mode)}：{self.index_dir}，{self.records} 条记录，用时 {self.seconds:.2f} 秒"
        lines = [head + (f"（{self.reason}）" if self.reason else "")]
        for issue in self.issues:
            lines.append(
                f"  已索引 {issue['source']} [{issue['id']}]：{issue['documents']} 件文件，"
                f"{issue['clauses']} 个条款，{issue['chronicle']} 条大事记"
            )
        for name in self.removed:
            also = "，已从 manifest.json 删去它的条目" if name in self.forgotten else ""
            lines.append(f"  已移除 {shown(name)}（语料目录中已没有这个文件{also}）")
        for skip in self.skipped:
            if skip.get("error"):
                lines.append(f"  未能解析：{skip['reason']}")
            elif skip.get("unread"):
                lines.append(f"  未读取 {shown(skip['source'])}：{skip['reason']}")
            else:
                lines.append(f"  跳过 {shown(skip['source'])}：{skip['reason']}")
        lines.extend(f"  注意：{note}" for note in self.notes)
        return "\n".join(lines)


@dataclass
class BuildPlan:
    index_dir: Path
    corpus_dir: Path
    engine: str
    hashes: dict[str, str]  # every corpus file → sha256
    live: store.Build | None  # the live build when it is extended (incremental), else None
    mode: str
    reason: str
    to_index: list[Path]
    removed: list[str]
    kept_files: dict[str, str]  # files carried over from the live build → their hash
    sources: list[str]  # record order: the live build's sources still kept, in its order
    fingerprints: dict[str, str] = field(default_factory=dict)  # issue fingerprint → kept source
    duplicates: dict[str, str] = field(default_factory=dict)  # a file not indexed → the file it copies
    unreadable: dict[str, str] = field(default_factory=dict)  # a file that could not be read → why (Chinese)


def index_fingerprint(engine: str | None = None) -> str:
    """What decides the index's contents besides the corpus: schema, the engine's format, parser and analysis.
    An engine this installation does not have gives a fingerprint no build matches."""
    try:
        engine_format = get_engine(engine or DEFAULT_ENGINE).format_version
    except ValueError:
        engine_format = "?"
    return f"{SCHEMA_VERSION}:{engine or DEFAULT_ENGINE}-{engine_format}:{PARSER_VERSION}:{analysis_fingerprint()}"


def index_status(index_dir: str | Path = DEFAULT_INDEX_DIR) -> str:
    """'missing', 'damaged' (fails the cheap check), 'stale' (another analyzer, dictionary or schema) or 'ok'."""
    try:
        build = store.open_build(index_dir)
    except IndexDamagedError:
        return "damaged"
    except StaleIndexError:
        return "stale"
    except IndexUnavailableError:
        return "missing"
    return "ok" if build.meta.get("fingerprint") == index_fingerprint(build.meta.get("engine")) else "stale"


def check_index(index_dir: str | Path = DEFAULT_INDEX_DIR) -> dict:
    """The full check (every file's size and hash, and a remote engine's server); raises IndexDamagedError /
    IndexMissingError / EngineUnavailableError."""
    build = store.open_build(index_dir)
    store.verify_build(build)
    name = build.meta.get("engine", DEFAULT_ENGINE)
    summary = {
        "build": str(build.path),
        "files": len(build.meta.get("written", {})),
        "records": build.meta.get("records", 0),
        "engine": name,
    }
    engine = get_engine(name)
    if engine.capabilities.remote:  # its server must hold the build too (raises EngineUnavailableError)
        summary["server"] = engine.health(build.engine_dir, build.meta)
    return summary


def ensure_index(index_dir: str | Path = DEFAULT_INDEX_DIR, corpus_dir=None, progress=None) -> BuildReport | None:
    """Build when there is no usable index (missing, damaged or stale); None when the live one is fine."""
    if index_status(index_dir) == "ok":
        return None
    return build_index(corpus_dir, index_dir, progress=progress)


def build_index(
    corpus_dir: str | Path | None = None,
    index_dir: str | Path = DEFAULT_INDEX_DIR,
    *,
    progress: Progress | None = None,
    full: bool = False,
    workers: int | None = None,
    engine: str | None = None,
    limits: Limits | None = None,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> BuildReport:
    """Index every issue file in `corpus_dir` (default: the bundled corpus) into `index_dir`.

    Re-indexes only new or changed files when the live build is sound and made with the same analyzer
    and engine; otherwise (or with full=True) builds from scratch. Without `corpus_dir`, the corpus the
    index was last built from is used (else the bundled one). `progress(stage, done, total)` is called
    as it goes (stages: parse, segment, index). `limits`: each file's parse time and memory
    (indexer.bounded; default from the environment, else generous defaults). The folder and the index
    are locked for the build (indexer.writelock): another writer's build waits (`on_wait(message)` is
    told), or with wait=False this one is refused before anything is read."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    corpus_dir = Path(corpus_dir) if corpus_dir else previous_corpus_dir(index_dir) or default_corpus_dir()
    progress = progress or (lambda *_: None)
    limits = limits or Limits.from_env()  # a bad value in the environment fails here, before anything is done
    try:
        with writer_lock(corpus_dir, index_dir, wait=wait, on_wait=on_wait):
            return _build_locked(corpus_dir, index_dir, progress, full, workers, engine, limits, started)
    except WriterBusyError as exc:
        raise BuildError(str(exc)) from None


def _build_locked(
    corpus_dir: Path,
    index_dir: Path,
    progress: Progress,
    full: bool,
    workers: int | None,
    engine: str | None,
    limits: Limits,
    started: float,
) -> BuildReport:
    """build_index with the writers' lock held: the folder is listed, parsed and indexed as one."""
    try:
        files = iter_corpus_files(corpus_dir)
    except GazetteParseError as exc:
        raise BuildError(f"{exc}{KEPT}") from None
    unread = [{"source": s.path.name, "reason": s.reason, "unread": True} for s in files.skipped]
    if not files:
        known = "、".join(sorted(CORPUS_SUFFIXES))
        raise BuildError(f"{corpus_dir}：没有可索引的公报文件（{known}）{KEPT}")
    store.prune(index_dir)
    plan = plan_build(index_dir, corpus_dir, files, full=full, engine=engine)
    unread += [{"source": name, "reason": why, "unread": True} for name, why in plan.unreadable.items()]
    report = BuildReport(
        str(index_dir), None, plan.mode, plan.reason, plan.engine, removed=plan.removed, skipped=list(unread)
    )
    if plan.mode == "unchanged":
        assert plan.live is not None  # "unchanged" is planned only over a sound live build
        report.build, report.records = plan.live.name, plan.live.meta.get("records", 0)
        report.seconds = time.perf_counter() - started
        return report
    parsed = _parse(plan.to_index, report, progress, workers, limits)
    issues = _drop_duplicates(parsed.issues, parsed.fingerprints, plan, report)
    if not issues and not plan.removed and not _only_duplicates(report):
        reasons = "；".join(f"{s['source']}：{s['reason']}" for s in report.skipped)
        raise BuildError(f"没有一个文件能够解析：{reasons}{KEPT}")
    build_dir = store.new_build_dir(index_dir)
    written: list = []  # the engine's writer, once it has written (a remote engine's index is published too)
    try:
        meta_sha = write_build(plan, issues, build_dir, report, progress, workers, parsed, written)
        store.publish(index_dir, build_dir, meta_sha)
    except OSError as exc:
        _discard(written)
        shutil.rmtree(build_dir, ignore_errors=True)
        if exc.errno in store.NO_SPACE:
            raise BuildError(_no_space_message(exc, plan, index_dir)) from None
        raise
    except ForkedTaskError as exc:  # a helper process killed (the OOM killer) or its result lost
        _discard(written)
        shutil.rmtree(build_dir, ignore_errors=True)
        raise BuildError(f"建索引未完成：{exc}{KEPT}") from None
    except BaseException:
        _discard(written)
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    for writer in written:  # the pointer is switched: a remote engine's alias follows it
        writer.publish()
    report.build = build_dir.name
    store.prune(index_dir)
    if plan.removed:  # a file deleted from the folder takes its manifest entry with it
        try:
            report.forgotten = forget_files(corpus_dir, plan.removed)
        except (OSError, GazetteParseError) as exc:
            report.notes.append(f"未能从 manifest.json 删去已移除文件的条目：{exc}")
    report.seconds = time.perf_counter() - started
    return report


def _discard(written: list) -> None:
    """A build that failed after its writer committed: a remote engine's new index is removed."""
    for writer in written:
        writer.cancel()


def _previous_meta(index_dir: Path) -> dict:
    """What the live build's meta.json says, read even when the build is damaged or stale ({} if unreadable)."""
    try:
        name = store.pointer_build_name(index_dir)
        if name is None:
            return {}
        meta = json.loads((index_dir / store.BUILDS / name / store.META).read_text(encoding="utf-8"))
    except (IndexUnavailableError, OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def previous_corpus_dir(index_dir: Path) -> Path | None:
    """The corpus directory the live build (even a damaged one) says it was built from, if it still exists."""
    try:
        path = Path(_previous_meta(index_dir)["corpus_dir"])
    except (KeyError, TypeError):
        return None
    return path if path.is_dir() else None


def user_corpus_dir() -> Path:
    """The folder of the user's own issues: $GAZETTE_CORPUS, else var/corpus (outside git's files)."""
    return Path(os.environ.get(CORPUS_ENV) or Path(__file__).resolve().parent.parent / "var" / "corpus")


def default_corpus_dir() -> Path:
    """What a build without a corpus folder indexes (when the index names none): the user's folder once
    there is one, else the bundled issues."""
    user = user_corpus_dir()
    return user if user.is_dir() else BUNDLED_CORPUS


def _shipped(folder: Path) -> bool:
    return folder.resolve() in {BUNDLED_CORPUS.resolve(), SHIPPED_CORPUS.resolve()}


def corpus_to_add_to(index_dir: str | Path) -> Path:
    """The folder `gazette add` puts files into when told none: the corpus the index was built from,
    unless that is the bundled one (tracked in git: a `git pull` would then conflict with the user's
    files and manifest) — then the user's folder, made the first time as a copy of the bundled issues,
    so the index keeps them beside the user's."""
    previous = previous_corpus_dir(Path(index_dir))
    if previous is not None and not _shipped(previous):
        return previous
    folder = user_corpus_dir()
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(BUNDLED_CORPUS, staging)
        try:
            os.rename(staging, folder)  # whole or not at all; another add may have made it meanwhile
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            if not folder.is_dir():
                raise
    return folder


def previous_engine(index_dir: Path) -> str | None:
    """The engine the live build (even a damaged or stale one) was made with, if it is one we have: a
    rebuild after an upgrade or damage keeps the user's choice."""
    name = _previous_meta(index_dir).get("engine")
    return name if isinstance(name, str) and name in engine_names() else None


# -- plan -------------------------------------------------------------------------------------------


def plan_build(index_dir: Path, corpus_dir: Path, files: list[Path], *, full: bool, engine: str | None) -> BuildPlan:
    return _plan_build(index_dir, corpus_dir, *_hashed(files), full=full, engine=engine)


def _hashed(files: list[Path]) -> tuple[list[Path], dict[str, str], dict[str, str]]:
    """The files that can be read now, their hashes, and why each other one cannot (a file without read
    permission, a disk error, a file removed since the folder was listed stopped the whole build)."""
    hashes, unreadable = {}, {}
    for f in files:
        try:
            hashes[f.name] = file_sha256(f)
        except OSError as exc:
            unreadable[f.name] = f"无法读取：{os_reason(exc)}"
    return [f for f in files if f.name in hashes], hashes, unreadable


def _plan_build(
    index_dir: Path,
    corpus_dir: Path,
    files: list[Path],
    hashes: dict[str, str],
    unreadable: dict[str, str],
    *,
    full: bool,
    engine: str | None,
) -> BuildPlan:
    live, reason = _sound_live_build(index_dir)
    if live is not None and full:
        live, reason = None, "按要求完整重建"
    if live is not None and live.meta.get("fingerprint") != index_fingerprint(live.meta.get("engine")):
        live, reason = None, "分析器、词典或索引格式已更新"
    live_engine = live.meta.get("engine", DEFAULT_ENGINE) if live else None
    chosen = engine or live_engine or previous_engine(index_dir) or DEFAULT_ENGINE
    get_engine(chosen)  # an unknown engine fails here, before anything is written
    if live is not None and chosen != live_engine:
        live, reason = None, f"改用 {chosen} 引擎"
    if live is None:
        plan = BuildPlan(index_dir, corpus_dir, chosen, hashes, None, "full", reason, list(files), [], {}, [])
        plan.unreadable = unreadable
        return plan
    old_files: dict[str, str] = live.meta.get("files", {})
    for name in unreadable:  # indexed before: kept as it was (neither removed nor its manifest entry forgotten)
        if name in old_files:
            hashes[name] = old_files[name]
            unreadable[name] += "；沿用上次索引的内容"
    changed = {f.name for f in files if old_files.get(f.name) != hashes[f.name]}
    removed = sorted(set(old_files) - set(hashes))
    duplicates = {d: t for d, t in live.meta.get("duplicates", {}).items() if d in hashes}
    # a copy left unindexed comes back when the file it copied is gone or changed
    changed |= {d for d, twin in duplicates.items() if twin in changed or twin in removed}
    to_index = [f for f in files if f.name in changed]
    kept = {name: h for name, h in old_files.items() if name in hashes}
    sources = [s for s in live.meta.get("sources", []) if s in kept]
    reindexed = {f.name for f in to_index}
    fingerprints = {
        fp: src for src, fp in live.meta.get("fingerprints", {}).items() if src in kept and src not in reindexed
    }
    mode = "incremental" if to_index or removed else "unchanged"
    return BuildPlan(
        index_dir,
        corpus_dir,
        chosen,
        hashes,
        live,
        mode,
        "",
        to_index,
        removed,
        kept,
        sources,
        fingerprints,
        duplicates,
        unreadable,
    )


def _sound_live_build(index_dir: Path) -> tuple[store.Build | None, str]:
    """The live build if it passes the full check; else None and why a full build is needed."""
    try:
        live = store.open_build(index_dir)
        store.verify_build(live)
    except IndexDamagedError as exc:
        return None, exc.message.removesuffix("；" + store.RUN_INDEX)
    except StaleIndexError:
        return None, "索引是旧版程序建立的"
    except IndexUnavailableError:
        return None, "还没有索引"
    return live, ""


# -- write ------------------------------------------------------------------------------------------


PARSE_POOL_MIN_FILES = 4  # below this, one worker process: starting more costs more than it saves


@dataclass
class ParsedFiles:
    """What parsing gave, by source: each issue, its fingerprint and its records (all of them, also
    those of an issue then dropped as a duplicate; the builder indexes only the records of the issues
    it keeps, and not those whose id another file already indexed)."""

    issues: list[Issue] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)
    records: dict[str, list[IndexRecord]] = field(default_factory=dict)


def _parse_one(path: Path) -> tuple[str, tuple[Issue, str, list[IndexRecord]] | str]:
    """In a worker (or not): ("ok", (Issue, its fingerprint, its records)) or ("error", message as
    file:line: what). The fingerprint (which folds every text of the issue) and the records are made
    here, on the worker's core, not one after another in the builder."""
    try:
        issue = parse_file(path)
    except GazetteParseError as exc:
        return "error", str(exc)
    return "ok", (issue, issue_fingerprint(issue), issue_records(issue))


def _parse(
    paths: list[Path], report: BuildReport, progress: Progress, workers: int | None = None, limits: Limits | None = None
) -> ParsedFiles:
    """Parse every file in bounded worker processes (indexer.bounded: a file past its time or memory,
    or one that kills its worker, is one line in the report and is left out), on every core when
    there are several; file order is kept."""
    workers = workers or os.cpu_count() or 1
    pool = BoundedPool(
        _parse_one, paths, limits or Limits.from_env(), workers if len(paths) >= PARSE_POOL_MIN_FILES else 1
    )
    pool.start()
    # jieba's dictionary and jieba-rs's copy, which the segmenting pool inherits later, load (~0.8 s)
    # while the workers parse, where they would otherwise load with the other core idle. A failure
    # here is left for the segmenting to report: the files' own parse errors come first.
    try:
        bulk_cutter()
    except Exception:  # noqa: BLE001 - raised again, with its own message, where it is needed
        pass
    outcomes: dict[int, Outcome] = {}
    for done, (index, outcome) in enumerate(pool.run(), start=1):
        outcomes[index] = outcome
        progress("parse", done, len(paths))
    parsed = ParsedFiles()
    for index, path in enumerate(paths):
        kind, value = outcomes[index]
        if kind == "ok":
            own: tuple = value  # type: ignore[assignment]  # _parse_one's own outcome
            _take(path, own[0], own[1], parsed, report)
        else:
            _take(path, "error", str(GazetteParseError(str(path), str(value))), parsed, report)
    return parsed


def _parse_issue(path: Path) -> tuple[str, Issue | GazetteParseError]:
    try:
        return "ok", parse_file(path)
    except GazetteParseError as exc:
        return "error", exc


def parse_bounded(
    paths, limits: Limits | None = None, workers: int | None = None
) -> tuple[list[Issue], list[GazetteParseError]]:
    """Parse files in bounded worker processes (as a build does), for `gazette parse`: the issues that
    parsed, in order, and an error naming each file that did not (its parse error, or its time or
    memory limit, or its worker's death)."""
    paths = [Path(p) for p in paths]
    workers = workers or os.cpu_count() or 1
    issues, errors = [], []
    for path, (kind, value) in zip(paths, run_bounded(_parse_issue, paths, limits or Limits.from_env(), workers)):
        if kind != "ok":
            errors.append(GazetteParseError(str(path), str(value)))
        elif value[0] == "ok":  # type: ignore[index]
            issues.append(value[1])  # type: ignore[index]
        else:
            errors.append(value[1])  # type: ignore[index]
    return issues, errors


def _parse_for_corpus(item: tuple) -> tuple[str, Issue | GazetteParseError]:
    try:
        return "ok", parse_for_corpus(*item)
    except GazetteParseError as exc:
        return "error", exc


def bounded_corpus_parser(limits: Limits | None = None):
    """A parser for corpus.add_to_corpus that parses each file in a bounded worker process (as a build
    does): a file past its time or memory, or one that kills its worker, is a GazetteParseError."""
    limits = limits or Limits.from_env()

    def parse(path: Path, corpus_dir: Path, entry, year) -> Issue:
        [(kind, value)] = run_bounded(_parse_for_corpus, [(path, corpus_dir, entry, year)], limits)
        if kind != "ok":
            raise GazetteParseError(str(path), str(value))
        own: tuple = value  # type: ignore[assignment]  # _parse_for_corpus's own outcome
        if own[0] != "ok":
            raise own[1]
        return own[1]

    return parse


def _take(path: Path, status: str, value, parsed: ParsedFiles, report: BuildReport) -> None:
    if status == "ok":
        issue, fingerprint, records = value
        parsed.issues.append(issue)
        parsed.fingerprints[issue.source] = fingerprint
        parsed.records[issue.source] = records
    else:
        report.skipped.append({"source": path.name, "reason": value, "error": True})


def _drop_duplicates(
    issues: list[Issue], fingerprints: dict[str, str], plan: BuildPlan, report: BuildReport
) -> list[Issue]:
    """One issue arriving twice (a PDF and its text, a CRLF copy) is indexed once, with a note."""
    known = dict(plan.fingerprints)  # fingerprint → source, of the files the live build keeps
    kept = []
    for issue in issues:
        fingerprint = fingerprints[issue.source]
        twin = known.get(fingerprint)
        if twin is not None and twin != issue.source:
            report.skipped.append(
                {
                    "source": issue.source,
                    "duplicate": twin,
                    "reason": f"与 {twin} 是同一期（{issue.id}），内容相同，只索引一次",
                }
            )
            continue
        known[fingerprint] = issue.source
        kept.append(issue)
    return kept


def _only_duplicates(report: BuildReport) -> bool:
    return bool(report.skipped) and all(s.get("duplicate") for s in report.skipped if not s.get("unread"))


def write_build(  # noqa: C901 - older than the limit; split it when it next changes
    plan: BuildPlan,
    issues: list[Issue],
    build: Path,
    report: BuildReport,
    progress: Progress,
    workers: int | None,
    parsed: ParsedFiles,
    written: list | None = None,
) -> str:
    """Write a complete, sealed build into `build`; returns the hash its pointer must carry.
    `parsed`: each issue's fingerprint and records, as parsing made them. A remote engine's writer is
    appended to `written` once it has committed (published or cancelled by the caller)."""
    engine = get_engine(plan.engine)
    live = plan.live
    writer = engine.writer(build / store.ENGINE, live.engine_dir if live else None)
    try:
        failed = {s["source"] for s in report.skipped if s.get("error")}
        kept_files = dict(plan.kept_files)
        sources = list(plan.sources)
        existing: set[str] = set()
        reindexed = {issue.source for issue in issues}
        for name in plan.removed + sorted(reindexed):
            writer.delete_source(name)
            kept_files.pop(name, None)
        reindexes_kept_texts = engine.capabilities.reindexes_kept_texts  # an engine that indexes every text again
        kept_texts: dict[str, str] = {}
        if live:
            # a file that no longer parses keeps its previous records: nothing that worked is lost
            for name in failed & set(plan.kept_files):
                kept_files[name] = plan.kept_files[name]
            sources = [s for s in sources if s in kept_files]
            for source in sources:
                for folder in (store.ISSUES, store.CATALOG, store.RECORDS):
                    relpath = f"{folder}/{source}.json"
                    (build / folder).mkdir(exist_ok=True)
                    shutil.copyfile(live.path / relpath, build / relpath)
                (build / RANK_DIR).mkdir(exist_ok=True)
                shutil.copyfile(live.path / RANK_DIR / f"{source}.npz", build / RANK_DIR / f"{source}.npz")
                rows = unpack_rows(live.read_json(f"{store.RECORDS}/{source}.json"))
                existing.update(r["id"] for r in rows)
                if reindexes_kept_texts:
                    kept_texts.update((r["id"], IndexRecord.from_row(r).match_text) for r in rows)
        if reindexes_kept_texts:  # whoosh's character postings cover kept records too
            writer.use_kept_texts(kept_texts)
        sources += [issue.source for issue in issues if issue.source not in sources]
        fresh_by_source = _fresh_records(issues, parsed.records, existing, report)
        all_fresh = [r for records in fresh_by_source.values() for r in records]
        # Three things at once, ~2 s at 100× that left a core idle: a forked child writes the files that
        # need no engine (each fresh issue's JSON, catalog entry and records; jieba's prefix dictionary),
        # the pool cuts words, and this process works out the corpus facts (the writer needs validity).
        # The child is forked first, before the pool's threads and tantivy's indexing threads start, and
        # after the dictionaries are loaded (usually while files were parsed), so that it inherits them.
        bulk_cutter()
        side = ForkedTask(
            _write_side_files,
            build,
            issues,
            fresh_by_source,
            engine.capabilities.keeps_text,
            live,
            label="写索引文件的子进程",
        )
        try:
            segmenting = Segmenting(all_fresh, workers, progress)
            try:
                every_issue = _all_issues(build, sources, issues)
                facts, roster = split_facts(corpus_facts(every_issue))
                # while the pool segments: each clause's most similar clauses in other documents
                store.write_json(build / RELATED_FILE, related_clauses(clauses_of(every_issue)))
                if engine.capabilities.stores_validity:  # records carry their validity as of today
                    today = statuses(json.loads(json.dumps(facts["validity"])), date.today())
                    writer.use_statuses({doc_id: v.status for doc_id, v in today.items()})
                if engine.capabilities.stores_citations:  # records carry how often their document is cited
                    writer.use_citations(citation_counts(every_issue))
                store.write_json(build / FACTS, facts)
                store.write_json(build / ROSTER, roster)
                segmented, report.chars = segmenting.result()
            finally:
                segmenting.close()
            by_source: dict[str, list] = {source: [] for source in fresh_by_source}
            for item in segmented:
                by_source[item.record.source].append(item)  # type: ignore[attr-defined]  # an IndexRecord
            write_rank_data(build, sources, by_source)
            for done, item in enumerate(segmented, start=1):
                writer.add(item)
                if done % 200 == 0 or done == len(segmented):
                    progress("index", done, len(segmented))
            count = writer.commit()
            if engine.capabilities.remote and written is not None:
                written.append(writer)
            side.result()
        finally:
            side.close()
    except BaseException:
        writer.cancel()
        raise
    fingerprints = {src: fp for fp, src in plan.fingerprints.items() if src in kept_files}
    duplicates = {d: t for d, t in plan.duplicates.items() if d in kept_files and t in kept_files}
    for skip in report.skipped:
        if skip.get("duplicate"):  # recorded, so an unchanged copy is not parsed again on every build
            duplicates[skip["source"]] = skip["duplicate"]
            kept_files[skip["source"]] = plan.hashes[skip["source"]]
    for issue in issues:
        fingerprints[issue.source] = parsed.fingerprints[issue.source]
        kept_files[issue.source] = plan.hashes[issue.source]
    report.records = count
    meta = {
        "engine": plan.engine,
        "fingerprint": index_fingerprint(plan.engine),
        "files": kept_files,
        "sources": sources,
        "fingerprints": fingerprints,
        "duplicates": duplicates,
        "records": count,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus_dir": str(plan.corpus_dir),
    }
    return store.seal(build, meta)


def _write_side_files(
    build: Path, issues: list[Issue], fresh_by_source: dict, engine_keeps_text: bool, live: store.Build | None
) -> None:
    """What the build's forked child writes while the parent segments and indexes."""
    _write_issue_files(build, issues, fresh_by_source, engine_keeps_text)
    _write_prefix_dictionary(build, live)


def _write_issue_files(build: Path, issues: list[Issue], fresh_by_source: dict, engine_keeps_text: bool) -> None:
    """Each fresh issue's JSON, catalog entry and records: nothing in them waits for the engine."""
    for issue in issues:
        whole = issue.to_dict()
        store.write_json(build / store.ISSUES / f"{issue.source}.json", whole)
        store.write_json(build / store.CATALOG / f"{issue.source}.json", catalog_entry(whole))
        rows = [r.to_row() for r in fresh_by_source[issue.source]]
        if engine_keeps_text:  # the engine has the texts; the service would only drop them again
            for row in rows:
                row["text"] = ""
        store.write_json(build / store.RECORDS / f"{issue.source}.json", pack_rows(rows))


def _write_prefix_dictionary(build: Path, live: store.Build | None) -> None:
    """jieba's dictionary as the search process reads it (analyzers.prefixdict): the live build's copy
    when it has one (a build of the same analysis: otherwise the live build would be stale, and not
    used), else written from the tokenizer, which a full build has loaded anyway."""
    if live is not None and store.PREFIX_DICT in live.meta.get("written", {}):
        shutil.copyfile(live.path / store.PREFIX_DICT, build / store.PREFIX_DICT)
    else:
        save_prefix_dictionary(build / store.PREFIX_DICT)


def _all_issues(build: Path, sources: list[str], fresh: list[Issue]) -> list[Issue]:
    """Every issue of the build, in the order of its sources: the corpus-wide facts are about the whole
    corpus, not only the files this build parsed. The kept ones are read back from their JSON (copied
    into the build), the fresh ones are taken as parsed: an issue read back from its JSON equals it
    (tests/test_corpus_roundtrip.py), so the facts are those a later build computes from the JSON."""
    by_source = {issue.source: issue for issue in fresh}
    return [
        by_source.get(source)
        or Issue.from_dict(json.loads((build / store.ISSUES / f"{source}.json").read_text(encoding="utf-8")))
        for source in sources
    ]


def citation_counts(issues: list[Issue]) -> dict[str, int]:
    """Document id → how many documents of the corpus cite it (what the service's sort=cited counts)."""
    documents = {doc.id: doc for issue in issues for doc in issue.documents}
    citing = Counter(cited for doc in documents.values() for cited in doc.citations)
    return {doc_id: citing[doc.wenhao_normalized] for doc_id, doc in documents.items() if doc.wenhao_normalized}


def _fresh_records(
    issues: list[Issue], records: dict[str, list[IndexRecord]], existing: set[str], report: BuildReport
) -> dict[str, list[IndexRecord]]:
    """Each issue's records (`records`, by source), without those whose id another file already
    indexed (reported)."""
    out: dict[str, list[IndexRecord]] = {}
    for issue in issues:
        fresh = []
        for record in records[issue.source]:
            if record.id in existing:
                report.skipped.append({"source": issue.source, "reason": f"{record.id} 已由另一个文件索引"})
                continue
            existing.add(record.id)
            fresh.append(record)
        out[issue.source] = fresh
        counts = {k: sum(1 for r in fresh if r.kind == k) for k in ("document", "clause", "chronicle")}
        report.issues.append(
            {
                "source": issue.source,
                "id": issue.id,
                "documents": counts["document"],
                "clauses": counts["clause"],
                "chronicle": counts["chronicle"],
            }
        )
    return out


def _no_space_message(exc: OSError, plan: BuildPlan, index_dir: Path) -> str:
    corpus_bytes = sum((plan.corpus_dir / name).stat().st_size for name in plan.hashes)
    needed = max(store.build_size(plan.live) * 1.2, corpus_bytes * INDEX_BYTES_PER_SOURCE_BYTE + PREFIX_DICT_BYTES)
    where = exc.filename or index_dir
    return (
        f"磁盘空间不足：写入 {where} 时失败；建索引大约需要 {needed / 1e6:.0f} MB 可用空间。"
        "未写完的部分已删除，原索引（如有）仍在使用"
    )
