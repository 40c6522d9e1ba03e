"""Distinct queries over HTTP, as users arrive: each query asked once, against a brute-force scan.

    python bench/bench_distinct.py                                  # 30×, 100×, 300×; seeds 2026 and 7
    python bench/bench_distinct.py --sizes 100 --seeds 2026 --work /tmp/bd   # keep corpora and indexes

Per corpus size (copies of the bundled corpus, bench/make_corpus.py) and per seed:

* the index: a full `tantivy` build (reused from --work when it is there and current);
* the server: `gazette serve --workers 2 --port 0` on that index, in its own process group, as users
  run it (result cache on: every query is asked once, so the cache never answers);
* the queries: --substrings distinct random substrings of 2–4 Han characters of the records' normalized
  text (a position drawn uniformly over every character, so common words come up as often as they
  occur), and --ands two-word ANDs (two such substrings of one record, "甲 乙"), shuffled, each asked
  once as GET /search.json?q=… on a new connection (a new user), after --warmup other queries;
* interleaved in the same loop, the plain scan of the same query: `all(w in text for w in words)`
  over every record's normalized match text (the index's own stored match text, read once into
  memory): what answering by brute force costs.

Printed per run: p50 / p95 of the request's wall time over HTTP, p95 of the engine's own `took_ms`,
p50 / p95 of the scan, the ratio p95 ÷ scan p95, and where the time went (the service's per-stage
timers, `stages_ms`, mean and p95 of each, and HTTP: wall minus took); the slowest queries with their
stages; totals that differ from the scan (a term with equivalent names counts more). Both sides of
every ratio come from the same run; the machine is shared and noisy, so compare medians and ratios.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_index import machine, run_build  # noqa: E402
from bench.bench_search import percentile  # noqa: E402
from indexer.service import STAGES  # noqa: E402

HOST = "127.0.0.1"
HAN = re.compile(r"[\u4e00-\u9fff]+")


def load_texts(index: Path) -> tuple[list[str], bool]:
    """Every record's normalized match text, as the index stores it (the scan's side), and whether the build
    keeps gram sets (tantivy_engine/gramsets.py; builds before 2026-12-07 do not, and --work reuses an index
    that is still current): said with the figures, which differ."""
    from indexer.service import GazetteSearch

    search = GazetteSearch(index)
    snap = search._snapshot()
    reader = snap.reader
    texts = [reader.match_text(o) for o in range(len(snap.records))]
    grams = getattr(reader, "gram_sets", None) is not None
    reader.close()
    return texts, grams


def make_queries(texts: list[str], seed: int, substrings: int, ands: int) -> list[list[str]]:
    """`substrings` distinct single substrings and `ands` distinct pairs, shuffled (each a list of words)."""
    rng = random.Random(seed)
    starts, total = [], 0
    for text in texts:
        starts.append(total)
        total += len(text)

    def pick(text: str | None = None) -> tuple[str, str]:
        while True:
            if text is None:
                at = rng.randrange(total)
                i = max(0, _bisect(starts, at))
                source, offset = texts[i], at - starts[i]
            else:
                source, offset = text, rng.randrange(max(1, len(text)))
            word = source[offset : offset + rng.randint(2, 4)]
            if len(word) >= 2 and HAN.fullmatch(word):
                return word, source

    seen: set[tuple[str, ...]] = set()
    singles: list[list[str]] = []
    while len(singles) < substrings:
        word, _ = pick()
        if (word,) not in seen:
            seen.add((word,))
            singles.append([word])
    pairs: list[list[str]] = []
    while len(pairs) < ands:
        first, source = pick()
        second, _ = pick(source)
        key = (first, second)
        if first not in second and second not in first and key not in seen:
            seen.add(key)
            pairs.append([first, second])
    queries = singles + pairs
    rng.shuffle(queries)
    return queries


def _bisect(starts: list[int], at: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, at) - 1


def start_server(index: Path, workers: int) -> tuple[subprocess.Popen, int]:
    gazette = Path(sys.executable).with_name("gazette")
    cmd = [str(gazette), "serve", "--workers", str(workers), "--port", "0", "--index", str(index)]
    child = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=str(ROOT), start_new_session=True
    )
    assert child.stdout is not None
    for line in child.stdout:
        found = re.search(r"http://[^:]+:(\d+)/", line)
        if found:
            return child, int(found.group(1))
    stop_server(child)
    raise RuntimeError("gazette serve did not start")


def stop_server(child: subprocess.Popen) -> None:
    """SIGTERM to the server's own process group (it stops its workers), SIGKILL if it lingers."""
    try:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def ask(port: int, words: list[str]) -> tuple[float, dict]:
    """One request on a new connection: wall milliseconds and the JSON answer."""
    path = "/search.json?q=" + quote(" ".join(words))
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    wall = (time.perf_counter() - started) * 1000
    data = json.loads(body)
    if response.status != 200 or not data.get("ok", True) or "total" not in data:
        raise RuntimeError(f"{response.status} {path}: {body[:200]!r}")
    return wall, data


def scan(texts: list[str], words: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    if len(words) == 1:
        word = words[0]
        found = [i for i, text in enumerate(texts) if word in text]
    else:
        found = [i for i, text in enumerate(texts) if all(w in text for w in words)]
    return (time.perf_counter() - started) * 1000, len(found)


def run_once(port: int, texts: list[str], queries: list[list[str]], warmup: list[list[str]]) -> dict:
    for words in warmup:
        ask(port, words)
    rows = []
    for words in queries:
        wall, data = ask(port, words)
        scan_ms, scan_total = scan(texts, words)
        stages = data.get("stages_ms", {})
        rows.append(
            {
                "q": " ".join(words),
                "wall": wall,
                "took": data["took_ms"],
                "stages": stages,
                "http": wall - data["took_ms"],
                "scan": scan_ms,
                "total": data["total"],
                "scan_total": scan_total,
                "also": data.get("also_searched", []),
            }
        )
    return summarize(rows)


def summarize(rows: list[dict]) -> dict:
    walls = [r["wall"] for r in rows]
    scans = [r["scan"] for r in rows]
    out = {
        "n": len(rows),
        "p50": statistics.median(walls),
        "p95": percentile(walls, 0.95),
        "took_p50": statistics.median(r["took"] for r in rows),
        "took_p95": percentile([r["took"] for r in rows], 0.95),
        "scan_p50": statistics.median(scans),
        "scan_p95": percentile(scans, 0.95),
        "stages": {},
        "differ": [
            (r["q"], r["total"], r["scan_total"]) for r in rows if r["total"] != r["scan_total"] and not r["also"]
        ],
        "slowest": sorted(rows, key=lambda r: -r["wall"])[:5],
    }
    for stage in (*STAGES, "http"):
        values = [r["http"] if stage == "http" else r["stages"].get(stage, 0.0) for r in rows]
        out["stages"][stage] = (statistics.fmean(values), percentile(values, 0.95))
    out["ratio"] = out["p95"] / out["scan_p95"]
    return out


def report(label: str, seed: int, s: dict) -> None:
    print(
        f"{label} seed {seed}: {s['n']} distinct queries over HTTP: p50 {s['p50']:.2f} ms, p95 {s['p95']:.2f} ms; "
        f"took p50 {s['took_p50']:.2f}, p95 {s['took_p95']:.2f} ms; scan p50 {s['scan_p50']:.2f}, "
        f"p95 {s['scan_p95']:.2f} ms; p95 ÷ scan p95 = {s['ratio']:.3f}",
        flush=True,
    )
    split = ", ".join(f"{k} {mean:.2f}/{p95:.2f}" for k, (mean, p95) in s["stages"].items())
    print(f"   stages, mean/p95 ms: {split}")
    for r in s["slowest"]:
        stages = " ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
        print(f"   slow: {r['q']!r} {r['wall']:.1f} ms (took {r['took']:.1f}: {stages}; {r['total']} hits)")
    if s["differ"]:
        print(f"   totals differing from the scan: {s['differ'][:10]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="30,100,300", help="corpus sizes (copies of the bundled corpus)")
    ap.add_argument("--seeds", default="2026,7", help="one run per seed")
    ap.add_argument("--substrings", type=int, default=160)
    ap.add_argument("--ands", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=20, help="queries asked first, not counted (another seed's)")
    ap.add_argument("--workers", type=int, default=2, help="gazette serve --workers (default 2)")
    ap.add_argument("--engine", default="tantivy")
    ap.add_argument("--work", help="keep corpora and indexes here (default: a temp dir, removed)")
    args = ap.parse_args(argv)
    import shutil
    import tempfile

    from bench.bench_engines import corpus_for
    from indexer.build import index_status

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bench-distinct-"))
    work.mkdir(parents=True, exist_ok=True)
    print(machine())
    summary = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            label = "bundled" if size == 1 else f"{size}×"
            corpus = corpus_for(size, work)
            index = work / f"index-{args.engine}-x{size}"
            if index_status(index) != "ok":
                shutil.rmtree(index, ignore_errors=True)
                built = run_build(corpus, index, full=True, engine=args.engine)
                print(f"{label}: built {built['records']:,} records in {built['seconds']:.1f} s", flush=True)
            texts, has_grams = load_texts(index)
            grams = "gram sets" if has_grams else "no gram sets (an older build: remove it to rebuild)"
            print(
                f"\n== {label}: {len(texts):,} records, {sum(map(len, texts)):,} normalized characters; {grams}",
                flush=True,
            )
            for seed in (int(s) for s in args.seeds.split(",")):
                queries = make_queries(texts, seed, args.substrings, args.ands)
                warmup = make_queries(texts, seed + 100_000, args.warmup, 0)
                child, port = start_server(index, args.workers)
                try:
                    result = run_once(port, texts, queries, warmup)
                finally:
                    stop_server(child)
                report(label, seed, result)
                summary.append((label, seed, result))
            if not args.work:
                shutil.rmtree(index, ignore_errors=True)
        print("\nsummary (markdown; ms):")
        print("| corpus | seed | p50 | p95 | took p95 | scan p50 | scan p95 | p95 ÷ scan p95 |")
        print("|---|---|---|---|---|---|---|---|")
        for label, seed, s in summary:
            print(
                f"| {label} | {seed} | {s['p50']:.2f} | {s['p95']:.2f} | {s['took_p95']:.2f} | "
                f"{s['scan_p50']:.1f} | {s['scan_p95']:.1f} | {s['ratio']:.3f} |"
            )
        print("\n| corpus | seed | " + " | ".join(f"{stage} mean / p95" for stage in (*STAGES, "http")) + " |")
        print("|---|---|" + "---|" * (len(STAGES) + 1))
        for label, seed, s in summary:
            cells = " | ".join(f"{mean:.2f} / {p95:.2f}" for mean, p95 in s["stages"].values())
            print(f"| {label} | {seed} | {cells} |")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
