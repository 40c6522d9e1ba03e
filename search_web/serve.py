"""`gazette serve`: make sure the index is there and current, then serve the app with waitress."""

from __future__ import annotations

import sys

from . import create_app, default_index_dir, prefork, wsgi_server

THREADS = 8  # one process: its threads are all the concurrency it has
# Several workers: one thread each. A search is CPU-bound and holds the GIL, so a second search thread
# in the same process does not add a core; it makes every GIL release (a socket send, a pread, a tantivy
# call) wait up to the 5 ms switch interval to get the GIL back (a convoy). Waitress still reads and
# writes every connection in its own I/O thread, so a slow client holds no search thread. At 30× with
# 8 clients and 2 workers, 1 thread gave 537–606 req/s and p95 23–24 ms; 8 threads 438–550 and 30–47 ms.
WORKER_THREADS = 1
# A worker's search thread and waitress's I/O thread still share one GIL: a response or a new request
# waits for the search holding it, up to the switch interval. 0.5 ms instead of Python's 5 ms: at 30×
# with 8 clients and 2 workers, seven runs in turn gave p95 17.9–24.1 ms (median 20.8) against
# 15.8–31.5 (median 22.1), throughput alike.
WORKER_SWITCH_INTERVAL = 0.0005


def print_progress(stage: str, done: int, total: int) -> None:
    from indexer.build import STAGE_LABELS

    if done == total or done % 200 == 0:
        print(f"  {STAGE_LABELS.get(stage, stage)}：{done}/{total}", flush=True)


def prepare_index(index_dir: str, out=None) -> None:
    """Build the index when it is missing, damaged or was built with another analyzer (stale)."""
    from indexer.build import ensure_index

    out = out or sys.stdout
    print(f"正在检查索引 {index_dir} …", file=out, flush=True)
    report = ensure_index(index_dir, progress=print_progress)
    if report:
        print(report.summary(), file=out, flush=True)
    else:
        print("索引是最新的。", file=out, flush=True)


def make_server(app, host: str = "127.0.0.1", port: int = 0, threads: int = THREADS):
    """A waitress server for `app`, not yet running; port 0 picks a free port (server.effective_port).
    Also used by the browser tests and bench/load_search.py, so they measure what production runs."""
    return wsgi_server.make_server(app, host, port, threads)


def serve(host: str = "127.0.0.1", port: int = 8000, index_dir: str | None = None, workers: int = 1) -> None:
    """Check (and if need be build) the index, then serve until interrupted. Debug is never on.
    With workers > 1, that many processes share the port (search_web/prefork.py)."""
    from indexer.build import BuildError

    index_dir = str(index_dir or default_index_dir())
    try:
        prepare_index(index_dir)
    except BuildError as exc:
        raise SystemExit(f"错误：无法建立索引：{exc}") from None
    if workers > 1:
        serve_workers(host, port, index_dir, workers)
        return
    try:
        server = make_server(warmed_app({"INDEX_DIR": index_dir}), host, port)
    except OSError as exc:  # port taken, address not available…
        raise SystemExit(f"错误：无法监听 {host}:{port}：{exc}") from None
    shown_host = f"[{host}]" if ":" in host else host
    # a host name with several addresses gives a multi-socket server without effective_port
    print(f"正在提供服务：http://{shown_host}:{getattr(server, 'effective_port', port)}/", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        print("已停止。", flush=True)
    finally:
        server.close()


def serve_workers(host: str, port: int, index_dir: str, workers: int) -> None:
    try:
        sockets = prefork.bind(host, port)
    except OSError as exc:
        raise SystemExit(f"错误：无法监听 {host}:{port}：{exc}") from None
    shown_host = f"[{host}]" if ":" in host else host
    print(f"正在提供服务：http://{shown_host}:{sockets[0].getsockname()[1]}/（{workers} 个工作进程）", flush=True)
    prefork.run(lambda: worker_app({"INDEX_DIR": index_dir}), sockets, workers, WORKER_THREADS)
    print("已停止。", flush=True)


def worker_app(config: dict):
    """The app for one worker process, its search service opened now (after the fork), before the
    worker accepts a connection: no request waits for the index or jieba's dictionary to load."""
    sys.setswitchinterval(WORKER_SWITCH_INTERVAL)
    return warmed_app(config)


def warmed_app(config: dict):
    """The app with its search service opened and warmed (SearchService.warm) before it serves: the
    first users' queries cost what later ones do. An index that cannot be opened (missing, damaged, of
    an older format) is not warmed: the app serves its Chinese 503 until it can be, as before."""
    from indexer.api import IndexUnavailableError

    from .engine import get_search

    app = create_app(config)
    with app.app_context():
        try:
            get_search().warm()
        except IndexUnavailableError as exc:
            print(f"注意：索引暂时无法打开，先不预热（{exc}）", file=sys.stderr, flush=True)
    return app
