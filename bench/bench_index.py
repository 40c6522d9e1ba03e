"""Index build time against the jieba time for the same text, for the bundled corpus and N× of it.

    python bench/bench_index.py                  # bundled + 30× (bench/make_corpus.py)
    python bench/bench_index.py --copies 0       # bundled only
    python bench/bench_index.py --profile /tmp/build.prof   # also cProfile the N× build (parent process)

For each corpus it prints its size (files, characters, records), then

* jieba: `cut_words` over every distinct line of every record's text and of every document title
  (the lines the indexer segments, normalized as it does: `rank_normalize`), in ONE process, after
  the tokenizer is initialized (the init is printed apart). The normalization is timed apart too;
* build: `build_index(corpus, fresh dir, full=True)` with the default workers, run in a fresh
  Python process (like `gazette index`: jieba is not initialized before the build starts, so the
  workers' jieba start-up is part of it), with its stages from the progress callback;
* the ratio build / jieba, both from this run;
* for N×: the incremental build that adds one more file to the N× index.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    import jieba
    import tantivy
    import whoosh

    return (
        f"machine: nproc={nproc}, cpu={model}, Python {platform.python_version()} ({platform.python_implementation()}), "
        f"jieba {jieba.__version__}, whoosh {'.'.join(map(str, whoosh.__version__))}, {tantivy.__version__}"
    )


# -- the build, in a fresh process ----------------------------------------------------------------
def _child_build(corpus: str, index: str, full: bool, workers: int | None, engine: str | None = None) -> None:
    """Runs in the child: one build, stage times from the progress callback, JSON on stdout."""
    from analyzers import dictcache
    from analyzers.segment import analysis_fingerprint
    from indexer.build import build_index

    # whether the builder finds jieba's dictionary prepared (analyzers.dictcache) or prepares it
    kept = dictcache.load(analysis_fingerprint()) is not None

    marks: dict[str, float] = {}
    started = time.perf_counter()

    def progress(stage, _done, _total):
        now = time.perf_counter() - started
        marks.setdefault(stage + "_first", now)
        marks[stage + "_last"] = now

    report = build_index(corpus, index, full=full, workers=workers, progress=progress, engine=engine)
    wall = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": report.seconds,
                "wall": wall,
                "records": report.records,
                "chars": report.chars,
                "mode": report.mode,
                "marks": marks,
                "skipped": len(report.skipped),
                "dictionary": "kept" if kept else "prepared",
            }
        )
    )


def run_build(
    corpus: Path,
    index: Path,
    *,
    full: bool,
    workers: int | None = None,
    engine: str | None = None,
    cold_dictionary: bool = False,
) -> dict:
    """One build in a fresh process. `cold_dictionary`: with an empty dictionary cache of its own, so
    the builder prepares jieba's dictionary as on a machine's first build (analyzers.dictcache)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_build", str(corpus), str(index)]
    if engine:
        cmd += ["--engine", engine]
    if full:
        cmd.append("--_full")
    if workers:
        cmd += ["--workers", str(workers)]
    with tempfile.TemporaryDirectory(prefix="bench-cold-cache-") as empty:
        env = {**os.environ, "GAZETTE_CACHE_DIR": empty} if cold_dictionary else None
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=str(ROOT), env=env)
    if out.returncode:
        raise RuntimeError(f"build failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def stages(result: dict) -> str:
    m, total = result["marks"], result["seconds"]
    parse_end = m.get("parse_last", 0.0)
    index_start = m.get("index_first", parse_end)  # segmentation done (+ the first 50 add_document)
    index_end = m.get("index_last", index_start)
    return (
        f"parse {parse_end:.2f}s, records+segment {index_start - parse_end:.2f}s, "
        f"add_document {index_end - index_start:.2f}s, commit+write+publish {total - index_end:.2f}s"
    )


# -- corpus facts and the jieba side -------------------------------------------------------------
def corpus_lines(corpus: Path) -> tuple[int, int, int, list[str]]:
    """(files, characters of the files, records, distinct lines the indexer segments)."""
    from corpus import iter_corpus_files, parse_file
    from indexer.records import issue_records

    files = iter_corpus_files(corpus)
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    records = 0
    seen_ids: set[str] = set()
    lines: set[str] = set()
    for f in files:
        for r in issue_records(parse_file(f)):
            if r.id in seen_ids:  # the indexer skips a record whose id is already indexed
                continue
            seen_ids.add(r.id)
            records += 1
            lines.update(r.text.split("\n"))
            if r.kind == "document" and r.title:
                lines.add(r.title)
    return len(files), chars, records, sorted(lines)


class JiebaTime(NamedTuple):
    normalize: float  # rank_normalize over the lines, seconds
    jieba: float  # stock jieba (jieba.Tokenizer.cut, precise mode, HMM on), seconds: the denominator
    jieba_rs: float  # the builder's cutter (analyzers.fastcut: jieba-rs with jieba's dictionary), seconds
    chars: int  # characters segmented
    differing: int  # lines the two cut differently (0: the same words)


def jieba_time(lines: list[str]) -> JiebaTime:
    """Stock jieba and the builder's cutter over the same rank-normalized lines, in this process,
    dictionaries loaded."""
    from analyzers.normalize import rank_normalize
    from analyzers.segment import bulk_cutter, get_tokenizer

    tk, cutter = get_tokenizer(), bulk_cutter()
    t0 = time.perf_counter()
    norm = [rank_normalize(line) for line in lines]
    t1 = time.perf_counter()
    stock = [list(tk.cut(line, cut_all=False, HMM=True)) for line in norm]
    t2 = time.perf_counter()
    fast = [cutter.cut(line) for line in norm]
    t3 = time.perf_counter()
    differing = sum(a != b for a, b in zip(stock, fast))
    return JiebaTime(t1 - t0, t2 - t1, t3 - t2, sum(map(len, norm)), differing)


def bench_corpus(label: str, corpus: Path, index: Path, workers: int | None, engine: str | None = None) -> dict:
    files, chars, records, lines = corpus_lines(corpus)
    print(f"\n== {label}: {corpus}")
    print(f"corpus: {files} files, {chars:,} chars, {records:,} records, {len(lines):,} distinct lines to segment")
    # named, not left to the build: a rebuild keeps the engine a kept index (--keep) was built with
    from indexer.engine import DEFAULT_ENGINE

    build = run_build(corpus, index, full=True, workers=workers, engine=engine or DEFAULT_ENGINE)
    timed = jieba_time(lines)
    norm_s, jieba_s, seg_chars = timed.normalize, timed.jieba, timed.chars
    print(
        f"jieba (1 process, dictionary loaded): {jieba_s:.2f}s over {seg_chars:,} chars "
        f"({seg_chars / jieba_s / 1000:.0f}k chars/s); the builder's jieba-rs cutter {timed.jieba_rs:.2f}s, "
        f"{timed.differing} lines cut differently; rank_normalize {norm_s:.2f}s"
    )
    print(
        f"build full=True (workers={workers or 'default'}, fresh process): {build['seconds']:.2f}s, "
        f"{build['records']:,} records, {build['chars']:,} chars segmented"
    )
    print(f"  stages: {stages(build)}")
    print(f"ratio build / jieba: {build['seconds'] / jieba_s:.2f}×   (target ≤ 1.0× at 30×)")
    return {
        "label": label,
        "files": files,
        "chars": chars,
        "records": records,
        "jieba": jieba_s,
        "jieba_rs": timed.jieba_rs,
        "normalize": norm_s,
        "build": build["seconds"],
        "ratio": build["seconds"] / jieba_s,
    }


def bench_incremental(corpus: Path, index: Path, copy: int, workers: int | None) -> None:
    """Index the N× corpus plus one more file (the next copy of the 2022 issue) into the N× index."""
    from bench.make_corpus import make_scaled_corpus

    plus = corpus.with_name(corpus.name + "-plus1")
    shutil.rmtree(plus, ignore_errors=True)
    shutil.copytree(corpus, plus)
    tmp = Path(tempfile.mkdtemp(prefix="bench-extra-"))
    try:
        extra = [p for p in make_scaled_corpus(tmp, 1, start=copy) if p.name.startswith(f"c{copy:03d}_000")][0]
        shutil.copy2(extra, plus / extra.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = run_build(plus, index, full=False, workers=workers)
    print(
        f"incremental (+1 file {extra.name}, fresh process): {result['seconds']:.2f}s, mode {result['mode']}, "
        f"{result['records']:,} records in the index"
    )
    print(f"  stages: {stages(result)}")


def profile_build(corpus: Path, out: str, workers: int | None) -> None:
    import cProfile
    import pstats

    from indexer.build import build_index

    index = Path(tempfile.mkdtemp(prefix="bench-prof-"))
    try:
        prof = cProfile.Profile()
        prof.enable()
        report = build_index(corpus, index, full=True, workers=workers)
        prof.disable()
    finally:
        shutil.rmtree(index, ignore_errors=True)
    prof.dump_stats(out)
    print(f"\n== cProfile of the build (parent process; {report.seconds:.1f}s under the profiler) → {out}")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(20)
    stats.sort_stats("cumulative").print_stats(30)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=30, help="scaled corpus size (0: bundled only)")
    ap.add_argument("--workers", type=int, default=None, help="build workers (default: the indexer's)")
    ap.add_argument("--engine", default=None, help="index engine (default: the indexer's default, whoosh)")
    ap.add_argument("--keep", help="write the scaled corpus and the indexes here (default: a temp dir, removed)")
    ap.add_argument("--profile", metavar="FILE", help="cProfile the scaled build in-process, dump stats to FILE")
    ap.add_argument("--_build", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--_full", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._build:
        _child_build(args._build[0], args._build[1], args._full, args.workers, args.engine)
        return 0

    from analyzers.segment import get_tokenizer
    from corpus import BUNDLED_CORPUS

    print(machine())
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-index-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        get_tokenizer()
        print(
            f"jieba tokenizer init (main dict + userdict, this process): {time.perf_counter() - t0:.2f}s (not counted)"
        )
        rows = [bench_corpus("bundled", BUNDLED_CORPUS, work / "index-bundled", args.workers, args.engine)]
        if args.copies:
            from bench.make_corpus import make_scaled_corpus

            scaled = work / f"corpus-x{args.copies}"
            shutil.rmtree(scaled, ignore_errors=True)
            make_scaled_corpus(scaled, args.copies)
            index = work / f"index-x{args.copies}"
            rows.append(bench_corpus(f"{args.copies}×", scaled, index, args.workers, args.engine))
            bench_incremental(scaled, index, args.copies, args.workers)
            if args.profile:
                profile_build(scaled, args.profile, args.workers)
        print("\nsummary:")
        print(
            f"{'corpus':>8} {'files':>6} {'chars':>11} {'records':>8} {'jieba s':>8} {'build s':>8} {'build/jieba':>11}"
        )
        for r in rows:
            print(
                f"{r['label']:>8} {r['files']:>6} {r['chars']:>11,} {r['records']:>8,} {r['jieba']:>8.2f} {r['build']:>8.2f} {r['ratio']:>10.2f}×"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
