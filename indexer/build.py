"""Building the index from corpus files: full, incremental (only new or changed files), atomic."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from analyzers.normalize import rank_normalize
from analyzers.segment import analysis_fingerprint, cut_words, get_tokenizer
from analyzers.whoosh_analysis import PreSegmented
from corpus import BUNDLED_CORPUS, GazetteParseError, iter_corpus_files, parse_file
from corpus.manifest import file_sha256

from . import store
from .records import IndexRecord, issue_records
from .schema import build_schema

SCHEMA_VERSION = "4"
DEFAULT_INDEX_DIR = Path(os.environ.get("GAZETTE_INDEX", Path(__file__).resolve().parent.parent / "var" / "index"))
POOL_MIN_CHARS = 300_000  # below this, starting worker processes costs more than it saves


class BuildError(RuntimeError):
    """The build could not produce an index; the previous one (if any) keeps serving."""


@dataclass
class BuildReport:
    index_dir: str
    build: str | None
    mode: str  # full | incremental | unchanged
    issues: list[dict] = field(default_factory=list)  # {source, id, documents, clauses, chronicle}
    skipped: list[dict] = field(default_factory=list)  # {source, reason}
    removed: list[str] = field(default_factory=list)
    records: int = 0
    chars: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        lines = [f"{self.mode} build of {self.index_dir} in {self.seconds:.2f}s: {self.records} records"]
        for issue in self.issues:
            lines.append(
                f"  indexed {issue['source']} [{issue['id']}]: {issue['documents']} documents, "
                f"{issue['clauses']} clauses, {issue['chronicle']} 大事记 entries"
            )
        for name in self.removed:
            lines.append(f"  removed {name} (no longer in the corpus)")
        for skip in self.skipped:
            lines.append(f"  skipped {skip['source']}: {skip['reason']}")
        return "\n".join(lines)


def index_fingerprint() -> str:
    return f"{SCHEMA_VERSION}:{analysis_fingerprint()}"


def index_status(index_dir: str | Path = DEFAULT_INDEX_DIR) -> str:
    """'missing', 'stale' (built with another analyzer, dictionary or schema) or 'ok'."""
    build = store.current_build(index_dir)
    if build is None:
        return "missing"
    return "ok" if store.read_meta(build).get("fingerprint") == index_fingerprint() else "stale"


def ensure_index(index_dir: str | Path = DEFAULT_INDEX_DIR, corpus_dir=None, progress=None) -> BuildReport | None:
    """Build when there is no index or it is stale; None when the live index is fine."""
    if index_status(index_dir) == "ok":
        return None
    return build_index(corpus_dir, index_dir, progress=progress)


def build_index(
    corpus_dir: str | Path | None = None,
    index_dir: str | Path = DEFAULT_INDEX_DIR,
    *,
    progress=None,
    full: bool = False,
    workers: int | None = None,
) -> BuildReport:
    """Index every issue file in `corpus_dir` (default: the bundled corpus).

    Re-indexes only new or changed files when the live index was built with the same analyzer;
    otherwise (or with full=True) builds from scratch. `progress(stage, done, total)` is called as it goes.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    corpus_dir = Path(corpus_dir) if corpus_dir else BUNDLED_CORPUS
    try:
        files = iter_corpus_files(corpus_dir)
    except GazetteParseError as exc:
        raise BuildError(str(exc)) from None
    if not files:
        raise BuildError(f"{corpus_dir}: no issue files (.txt, .html) to index")
    progress = progress or (lambda stage, done, total: None)
    with store.build_lock(index_dir):
        store.prune(index_dir)
        live = store.current_build(index_dir)
        live_meta = store.read_meta(live) if live else None
        hashes = {f.name: file_sha256(f) for f in files}
        incremental = bool(live_meta) and not full and live_meta.get("fingerprint") == index_fingerprint()
        old_files = live_meta.get("files", {}) if incremental else {}
        to_index = [f for f in files if old_files.get(f.name) != hashes[f.name]]
        removed = sorted(set(old_files) - set(hashes)) if incremental else []
        report = BuildReport(str(index_dir), None, "incremental" if incremental else "full", removed=removed)
        if incremental and not to_index and not removed:
            report.mode, report.build = "unchanged", live.name
            report.records = live_meta.get("records", 0)
            report.seconds = time.perf_counter() - started
            return report

        issues = []
        for done, path in enumerate(to_index, start=1):
            try:
                issues.append(parse_file(path))
            except GazetteParseError as exc:
                report.skipped.append({"source": path.name, "reason": exc.message if exc.line is None else str(exc)})
            progress("parse", done, len(to_index))
        if not issues and not removed:
            raise BuildError("no issue could be parsed: " + "; ".join(f"{s['source']}: {s['reason']}" for s in report.skipped))

        build = store.new_build_dir(index_dir)
        try:
            if incremental:
                shutil.copytree(live, build, dirs_exist_ok=True)
                ix = whoosh_index.open_dir(str(build))
            else:
                ix = whoosh_index.create_in(str(build), build_schema())
            kept_files = {name: h for name, h in old_files.items() if name in hashes}
            # a file that no longer parses keeps its previous records: nothing that worked is lost
            failed = {s["source"] for s in report.skipped}
            writer = ix.writer(limitmb=1024)  # postings stay in memory: no pickled runs to merge
            try:
                for name in removed + [i.source for i in issues]:
                    writer.delete_by_term("source", name)
                    (build / store.ISSUES / f"{name}.json").unlink(missing_ok=True)
                    (build / store.RECORDS / f"{name}.json").unlink(missing_ok=True)
                    kept_files.pop(name, None)
                existing_ids = _existing_ids(ix) if incremental else set()
                records_by_source, report.chars = _add_issues(writer, issues, existing_ids, report, progress, workers)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            for issue in issues:
                store.write_json(build / store.ISSUES / f"{issue.source}.json", issue.to_dict())
                store.write_json(
                    build / store.RECORDS / f"{issue.source}.json", [asdict(r) for r in records_by_source[issue.source]]
                )
                kept_files[issue.source] = hashes[issue.source]
            for name in failed & set(old_files):
                kept_files[name] = old_files[name]
            with ix.searcher() as searcher:
                total = searcher.doc_count()
            store.write_json(
                build / store.META,
                {
                    "fingerprint": index_fingerprint(),
                    "files": kept_files,
                    "records": total,
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "corpus_dir": str(corpus_dir),
                },
            )
            store.publish(index_dir, build)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        report.build = build.name
        report.records = total
        store.prune(index_dir)
    report.seconds = time.perf_counter() - started
    return report


def _existing_ids(ix) -> set[str]:
    with ix.searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


def _add_issues(writer, issues, existing_ids: set[str], report: BuildReport, progress, workers) -> tuple[dict, int]:
    units = []  # (issue, records, lines to segment)
    for issue in issues:
        records = issue_records(issue)
        fresh = []
        for record in records:
            if record.id in existing_ids:
                report.skipped.append({"source": issue.source, "reason": f"{record.id} is already indexed from another file"})
                continue
            existing_ids.add(record.id)
            fresh.append(record)
        units.append((issue, fresh))
        counts = {k: sum(1 for r in fresh if r.kind == k) for k in ("document", "clause", "chronicle")}
        report.issues.append(
            {"source": issue.source, "id": issue.id, "documents": counts["document"], "clauses": counts["clause"], "chronicle": counts["chronicle"]}
        )
    # Segment each distinct line once: a clause's lines are lines of its document.
    lines = sorted({line for _, records in units for r in records for line in _lines_of(r)})
    chars = sum(len(line) for line in lines)
    segmented = dict(zip(lines, _segment_all(lines, chars, workers)))
    total = sum(len(records) for _, records in units)
    done = 0
    for issue, records in units:
        for order, record in enumerate(records):
            writer.add_document(**_fields(record, segmented, order))
            done += 1
            if done % 50 == 0 or done == total:
                progress("index", done, total)
    return {issue.source: records for issue, records in units}, chars


def _ranked_title(record: IndexRecord) -> str | None:
    """What is ranked as the record's title: a document's title, a clause's own heading."""
    return record.title if record.kind == "document" else record.heading


def _lines_of(record: IndexRecord) -> list[str]:
    title = _ranked_title(record)
    return record.text.split("\n") + ([title] if title else [])


def _segment_lines(lines: list[str]) -> list[tuple[int, list[tuple[str, int, int]]]]:
    out = []
    for line in lines:
        norm = rank_normalize(line)
        out.append((len(norm), cut_words(norm)))
    return out


def _segment_all(lines: list[str], chars: int, workers: int | None):
    workers = workers or os.cpu_count() or 1
    if workers < 2 or chars < POOL_MIN_CHARS:
        return _segment_lines(lines)
    size = max(1, len(lines) // (workers * 8))
    chunks = [lines[i : i + size] for i in range(0, len(lines), size)]
    get_tokenizer()  # load jieba's dictionary once; the forked workers inherit it
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_segment_lines, chunks)
    return [item for chunk in results for item in chunk]


def _presegmented(text: str, segmented) -> PreSegmented:
    """The words of a multi-line text from its lines' words (offsets shifted past each newline)."""
    words, offset = [], 0
    for line in text.split("\n"):
        length, line_words = segmented[line]
        words.extend((w, s + offset, e + offset) for w, s, e in line_words)
        offset += length + 1
    return PreSegmented(text, words)


def _fields(record: IndexRecord, segmented, order: int) -> dict:
    fields = dict(
        id=record.id,
        kind=record.kind,
        source=record.source,
        order=order,
        words=_presegmented(record.text, segmented),
        grams=record.match_text,
        payload=record.id,
    )
    if record.wenhao:
        fields["wenhao"] = record.wenhao
    if record.cites:
        fields["cites"] = ",".join(record.cites)
    title = _ranked_title(record)
    if title:
        fields["title_words"] = _presegmented(title, segmented)
    return fields
