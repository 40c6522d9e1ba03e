"""Load test of /search.json: waitress (as `gazette serve` runs it) against a built index, hit by N
concurrent keep-alive client threads on loopback for a bounded time.

    .venv/bin/python bench/load_search.py [--clients 8] [--seconds 10] [--cache both|on|off]
                                          [--index-dir DIR] [--check]

The server runs in a child process so the clients do not share its GIL. Prints requests/s and
p50/p95/p99 latency, the machine and the corpus size. Targets: >= 200 req/s and p95 <= 25 ms.
By default it measures twice: with the app's result cache off (every request reaches the engine)
and on (as served; the query mix below repeats, so nearly every request is then a cache hit).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_RPS = 200
TARGET_P95_MS = 25.0
MAX_CLIENTS = 64
MAX_SECONDS = 120
HOST = "127.0.0.1"  # loopback only

# A mix of what people type: keywords, phrases, OR, exclusions, 文号, facets, browsing, paging, sorting.
QUERIES = [
    {"q": "秸秆禁烧"},
    {"q": "统计"},
    {"q": "工作"},
    {"q": '"大统计"'},
    {"q": "秸秆 OR 医疗废物"},
    {"q": "统计 -企业"},
    {"q": "兴署办字〔2022〕9号"},
    {"q": "兴署发[2023]41号"},
    {"q": "经济普查", "kind": "clause"},
    {"q": "工作", "year": "2023"},
    {"q": "工作", "office": "兴安盟行政公署办公室", "type": "通知"},
    {"q": "会议", "kind": "chronicle", "sort": "date"},
    {"year": "2022", "kind": "document"},
    {"q": "安置", "page": "2"},
    {"q": "物流", "sort": "-date"},
    {"q": "应急", "from": "2022-01-01", "to": "2022-12-31"},
]
PATHS = ["/search.json?" + urlencode(q) for q in QUERIES]


def run_server(index_dir: str, threads: int, cache_size: int, workers: int = 1) -> None:
    """Child process: serve the app and report the port on stdout (workers > 1: as `gazette serve
    --workers N` does, search_web.prefork)."""
    import logging

    from search_web import create_app
    from search_web.serve import make_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" is expected here
    if workers > 1:
        from search_web import prefork

        sockets = prefork.bind(HOST, 0)
        print(f"PORT {sockets[0].getsockname()[1]}", flush=True)
        from search_web.serve import worker_app

        prefork.run(
            lambda: worker_app({"INDEX_DIR": index_dir, "SEARCH_CACHE_SIZE": cache_size}), sockets, workers, threads
        )
        return
    app = create_app({"INDEX_DIR": index_dir, "SEARCH_CACHE_SIZE": cache_size})
    server = make_server(app, HOST, 0, threads=threads)
    print(f"PORT {server.effective_port}", flush=True)
    server.run()


def prepare_index(index_dir: str | None) -> tuple[str, tempfile.TemporaryDirectory | None]:
    from indexer.build import build_index, ensure_index

    if index_dir:
        ensure_index(index_dir)
        return index_dir, None
    tmp = tempfile.TemporaryDirectory(prefix="gazette-bench-")
    build_index(index_dir=tmp.name)
    return tmp.name, tmp


def corpus_size(index_dir: str) -> str:
    from corpus import BUNDLED_CORPUS, iter_corpus_files
    from indexer.service import GazetteSearch

    stats = GazetteSearch(index_dir).stats()
    files = iter_corpus_files(BUNDLED_CORPUS)
    chars = sum(len(f.read_text(encoding="utf-8", errors="replace")) for f in files)
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(stats["kinds"].items()))
    return f"{stats['issues']} issues, {stats['records']} records ({kinds}); bundled corpus {len(files)} files, {chars:,} chars"


def client(port: int, offset: int, deadline: float, max_requests: int, out: list, errors: list) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    i = offset
    while time.perf_counter() < deadline and len(out) < max_requests:
        path = PATHS[i % len(PATHS)]
        i += 1
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200 or not json.loads(body).get("ok"):
                errors.append(f"{response.status} {path}")
            else:
                out.append(elapsed)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=10)
    conn.close()


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def start_server(index_dir: str, server_threads: int, cache_size: int, workers: int = 1):
    child = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--_serve",
            index_dir,
            "--server-threads",
            str(server_threads),
            "--_cache-size",
            str(cache_size),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(REPO),
    )
    line = child.stdout.readline()
    if not line.startswith("PORT "):
        stop_server(child)
        raise RuntimeError(f"server did not start: {line!r}")
    return child, int(line.split()[1])


def stop_server(child) -> None:
    child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def measure(port: int, clients: int, seconds: float, max_requests: int) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=client, args=(port, n * 3, deadline, max_requests, latencies, errors))
        for n in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(latencies), errors, time.perf_counter() - started


def report(label: str, latencies: list[float], errors: list[str], elapsed: float) -> bool:
    ms = [x * 1000 for x in latencies]
    rps = len(ms) / elapsed
    p50, p95, p99 = (percentile(ms, p) for p in (50, 95, 99))
    mean = statistics.fmean(ms) if ms else float("nan")
    passed = rps >= TARGET_RPS and p95 <= TARGET_P95_MS and not errors
    print(
        f"{label:<10} {len(ms):6d} ok {len(errors):4d} err  {rps:6.0f} req/s  "
        f"p50 {p50:5.1f}  p95 {p95:5.1f}  p99 {p99:5.1f}  mean {mean:5.1f}  max {ms[-1] if ms else 0:6.1f} ms  "
        f"{'met' if passed else 'MISSED'}"
    )
    for sample in sorted(set(errors))[:5]:
        print(f"  error: {sample}")
    return passed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads (default 8)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per mode (default 10)")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured warm-up seconds (default 1)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop a run after this many requests")
    parser.add_argument(
        "--server-threads",
        type=int,
        default=None,
        help="waitress threads per process (default: as served, 8 for one, 1 each for several)",
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes on the one port (default 1)")
    parser.add_argument("--cache", choices=("both", "on", "off"), default="both", help="the app's result cache")
    parser.add_argument("--index-dir", help="a built index (default: build the bundled corpus into a temp dir)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a measured mode misses a target")
    parser.add_argument("--_serve", help=argparse.SUPPRESS)
    parser.add_argument("--_cache-size", type=int, default=256, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._serve:
        run_server(args._serve, args.server_threads, args._cache_size, args.workers)
        return 0
    if args.server_threads is None:
        from search_web.serve import THREADS, WORKER_THREADS

        args.server_threads = THREADS if args.workers == 1 else WORKER_THREADS
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    modes = {"both": [("cache off", 0), ("cache on", 256)], "on": [("cache on", 256)], "off": [("cache off", 0)]}

    index_dir, tmp = prepare_index(args.index_dir)
    try:
        print(
            f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}"
        )
        print(f"corpus:  {corpus_size(index_dir)}")
        print(f"server:  waitress, {args.workers} process(es) × {args.server_threads} threads, {HOST} (child process)")
        print(
            f"load:    {clients} keep-alive clients, {len(PATHS)} distinct /search.json queries, "
            f"{seconds:g} s per mode after {args.warmup:g} s warm-up"
        )
        print(f"targets: >= {TARGET_RPS} req/s and p95 <= {TARGET_P95_MS:g} ms")
        results = []
        for label, cache_size in modes[args.cache]:
            child, port = start_server(index_dir, args.server_threads, cache_size, args.workers)
            try:
                measure(port, clients, args.warmup, args.max_requests)
                results.append(report(label, *measure(port, clients, seconds, args.max_requests)))
            finally:
                stop_server(child)
        return 0 if all(results) or not args.check else 1
    finally:
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
