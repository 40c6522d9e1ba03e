"""Side by side, from one run: each engine's build and search, a brute-force scan, and jieba alone.

    python bench/bench_engines.py                        # bundled, 30×, 100× (≈10 min on 2 cores)
    python bench/bench_engines.py --sizes 1,30,100,300   # 300× adds ≈15 min (whoosh's build is most of it)
    python bench/bench_engines.py --work /tmp/be         # keep corpora and indexes there (reused when current)
    scripts/opensearch.sh start 3 && GAZETTE_ENGINE_URL=http://127.0.0.1:9200,http://127.0.0.1:9201,http://127.0.0.1:9202 \
        python bench/bench_engines.py --sizes 30,100 --engines tantivy,opensearch   # a real cluster (1 node: start 1)

Per corpus size:

* jieba alone: stock jieba (precise mode, HMM on) over every distinct line the indexer segments,
  one process, dictionary loaded (bench_index.jieba_time) -- the denominator of every build ratio;
  beside it the builder's own cutter over the same lines (jieba-rs with jieba's dictionary,
  analyzers.fastcut), and how many lines the two cut differently (0 expected);
* build, per engine: `build_index(full=True)` in a fresh process (bench_index.run_build), and the ratio
  build / jieba. Each build says whether it found jieba's dictionary prepared by an earlier build
  ("kept", analyzers.dictcache) or prepared it ("prepared"); --cold-dictionary makes every build
  prepare it;
* search, per engine, in a fresh process: the time to open the index (GazetteSearch), its RSS after
  opening and after the query mix, and p50 / p95 over bench_search.QUERIES × --runs (top 10 with
  snippets and facets);
* opensearch (with a cluster from scripts/opensearch.sh): the same build and mix, every search an HTTP
  conversation with the cluster (count and facets, the page, its clause counts, its texts); beside it
  the cluster's RSS (every node's JVM, read from /proc by the pids the script keeps);
* brute force, in this process: the same mix answered by evaluating each query's tree with
  matching.text_matches on every record's normalized text held in memory (the definition of a match;
  no facets, no ranking, no snippets): what a scan costs.

Ratios are printed with both sides, all from this run. The machine is noisy: compare medians.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_index import corpus_lines, jieba_time, machine, run_build  # noqa: E402
from bench.bench_search import QUERIES, percentile  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _child_search(index: str, runs: int) -> None:
    """In a fresh process: open, run the mix, print one JSON line."""
    from indexer.api import parse_request
    from indexer.service import GazetteSearch

    before = rss_mb()
    t0 = time.perf_counter()
    gs = GazetteSearch(index)
    opened = time.perf_counter() - t0
    rss_open = rss_mb()
    times, per_query = [], {}
    for label, params in QUERIES:
        request = parse_request(params)
        gs.search(request)  # warm-up run, not counted
        mine = []
        for _ in range(runs):
            t0 = time.perf_counter()
            result = gs.search(request)
            mine.append((time.perf_counter() - t0) * 1000)
        times += mine
        per_query[label] = [percentile(mine, 0.95), result.total]
    print(
        json.dumps(
            {
                "open_s": opened,
                "rss_start": before,
                "rss_open": rss_open,
                "rss_end": rss_mb(),
                "p50": statistics.median(times),
                "p95": percentile(times, 0.95),
                "max": max(times),
                "totals": {k: v[1] for k, v in per_query.items()},
                "slowest": sorted(((v[0], k) for k, v in per_query.items()), reverse=True)[:4],
            }
        )
    )


def run_search(index: Path, runs: int) -> dict:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--_search", str(index), "--runs", str(runs)],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
    )
    if out.returncode:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def brute_force(corpus: Path, runs: int) -> dict:
    """The mix by scanning every record's normalized text with the reference matcher."""
    from analyzers.normalize import normalize
    from corpus import iter_corpus_files, parse_file
    from indexer.api import parse_request
    from indexer.matching import text_matches
    from indexer.querylang import parse_query
    from indexer.records import issue_records

    seen, records = set(), []
    for path in iter_corpus_files(corpus):
        for r in issue_records(parse_file(path)):
            if r.id not in seen:
                seen.add(r.id)
                records.append(r)
    texts = [(normalize(r.match_text), r) for r in records]
    times, totals = [], {}
    for label, params in QUERIES:
        request = parse_request(params)
        tree = parse_query(request.query)
        mine = []
        for _ in range(runs):
            t0 = time.perf_counter()
            found = [r for text, r in texts if text_matches(tree, text, r)]
            mine.append((time.perf_counter() - t0) * 1000)
        times += mine
        totals[label] = len(found)
    # the plainest scan: `term in text` for each positive term, no tree, no fields (a lower bound)
    from indexer.querylang import positive_terms

    plain = []
    for _label, params in QUERIES:
        norms = [t.norm for t in positive_terms(parse_query(parse_request(params).query))]
        if not norms:
            continue
        for _ in range(runs):
            t0 = time.perf_counter()
            [r for text, r in texts if all(n in text for n in norms)]
            plain.append((time.perf_counter() - t0) * 1000)
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "totals": totals,
        "records": len(records),
        "plain_p50": statistics.median(plain),
        "plain_p95": percentile(plain, 0.95),
    }


def corpus_for(size: int, work: Path) -> Path:
    from corpus import BUNDLED_CORPUS

    if size == 1:
        return BUNDLED_CORPUS
    from bench.make_corpus import make_scaled_corpus

    path = work / f"corpus-x{size}"
    done = work / f"corpus-x{size}.complete"  # beside the corpus: the builder reports files it cannot read
    if not done.exists():
        shutil.rmtree(path, ignore_errors=True)
        make_scaled_corpus(path, size)
        done.write_text("")
    return path


def _cluster_pids() -> list[int]:
    import os

    state = Path(
        os.environ.get("GAZETTE_OPENSEARCH_DIR") or Path(os.environ.get("TMPDIR", "/tmp")) / "gazette-opensearch"
    )
    return [int(p.read_text()) for p in sorted(state.glob("node-*.pid"))]


def cluster_nodes() -> int:
    return len(_cluster_pids())


def cluster_rss_mb() -> float:
    """Every node's resident memory (scripts/opensearch.sh keeps their pids)."""
    total = 0
    for pid in _cluster_pids():
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes", default="1,30,100", help="corpus sizes (copies of the bundled corpus), e.g. 1,30,100,300"
    )
    ap.add_argument("--engines", default="whoosh,tantivy")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per query (default 20)")
    ap.add_argument("--brute-runs", type=int, default=3, help="timed runs per query of the scan (default 3)")
    ap.add_argument("--work", help="keep corpora and indexes here (default: a temp dir, removed)")
    ap.add_argument(
        "--cold-dictionary",
        action="store_true",
        help="every build prepares jieba's dictionary itself, as a machine's first build does "
        "(default: the dictionary a build keeps is used by the next, analyzers.dictcache)",
    )
    ap.add_argument("--_search", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._search:
        _child_search(args._search, args.runs)
        return 0
    import tempfile

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bench-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    engines = args.engines.split(",")
    print(machine())
    rows = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            label = "bundled" if size == 1 else f"{size}×"
            corpus = corpus_for(size, work)
            files, chars, records, lines = corpus_lines(corpus)
            timed = jieba_time(lines)
            jieba_s = timed.jieba
            print(
                f"\n== {label}: {files} files, {chars:,} chars, {records:,} records; "
                f"jieba alone (1 process): {jieba_s:.2f} s over {timed.chars:,} chars; "
                f"the builder's jieba-rs cutter: {timed.jieba_rs:.2f} s, {timed.differing} lines cut differently",
                flush=True,
            )
            brute = brute_force(corpus, args.brute_runs)
            print(
                f"brute force scan: p50 {brute['p50']:.2f} ms, p95 {brute['p95']:.2f} ms (matching.text_matches per record); "
                f"plain `term in text`: p50 {brute['plain_p50']:.2f} ms, p95 {brute['plain_p95']:.2f} ms",
                flush=True,
            )
            for engine in engines:
                index = work / f"index-{engine}-x{size}"
                shutil.rmtree(index, ignore_errors=True)
                build = run_build(corpus, index, full=True, engine=engine, cold_dictionary=args.cold_dictionary)
                search = run_search(index, args.runs)
                wrong = {
                    q: (t, brute["totals"][q])
                    for q, t in search["totals"].items()
                    if not q.startswith(("文号", "wenhao", "empty", "kind=")) and t != brute["totals"][q]
                }
                row = {
                    "size": label,
                    "engine": engine,
                    "jieba": jieba_s,
                    "jieba_rs": timed.jieba_rs,
                    "build": build["seconds"],
                    **search,
                    "brute_p95": brute["p95"],
                    "plain_p95": brute["plain_p95"],
                    "records": build["records"],
                }
                rows.append(row)
                print(
                    f"{engine:>8}: build {build['seconds']:.2f} s (dictionary {build['dictionary']}) = "
                    f"{build['seconds'] / jieba_s:.2f}× jieba "
                    f"({jieba_s:.2f} s); open {search['open_s']:.2f} s; RSS {search['rss_open']:.0f} MB open, "
                    f"{search['rss_end']:.0f} MB after the mix; p50 {search['p50']:.2f} ms, p95 {search['p95']:.2f} ms "
                    f"= {search['p95'] / brute['p95']:.2f}× brute force p95 ({brute['p95']:.2f} ms), "
                    f"{search['p95'] / brute['plain_p95']:.2f}× the plain scan's ({brute['plain_p95']:.2f} ms); "
                    f"slowest {', '.join(f'{k} {v:.1f}' for v, k in search['slowest'])}",
                    flush=True,
                )
                if engine == "opensearch":
                    row["cluster_rss"] = cluster_rss_mb()
                    print(f"   cluster: {row['cluster_rss']:.0f} MB RSS in all ({cluster_nodes()} nodes)", flush=True)
                if wrong:  # the scan has no 文号 fallback or filters: only plain queries are compared
                    print(f"   totals differing from the scan: {wrong}")
                if not args.work:
                    shutil.rmtree(index, ignore_errors=True)
        print("\nsummary (ms; s; MB):")
        print(
            f"{'corpus':>8} {'engine':>8} {'records':>8} {'p50':>7} {'p95':>7} {'brute p95':>9} {'p95/brute':>9} {'plain p95':>9} "
            f"{'build':>7} {'jieba':>7} {'build/jieba':>11} {'jieba-rs':>8} {'open':>5} {'RSS':>5}"
        )
        for r in rows:
            print(
                f"{r['size']:>8} {r['engine']:>8} {r['records']:>8,} {r['p50']:>7.2f} {r['p95']:>7.2f} {r['brute_p95']:>9.2f} "
                f"{r['p95'] / r['brute_p95']:>9.2f} {r['plain_p95']:>9.2f} {r['build']:>7.2f} {r['jieba']:>7.2f} {r['build'] / r['jieba']:>10.2f}× "
                f"{r['jieba_rs']:>8.2f} {r['open_s']:>5.2f} {r['rss_end']:>5.0f}"
            )
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
