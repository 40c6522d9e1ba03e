"""The waitress server every way of serving uses (`gazette serve`, its forked workers, the browser tests and
bench/load_search.py), set up once: raw Chinese in a request line accepted, the queue's chatter silenced."""

from __future__ import annotations

import logging
import re

_NON_ASCII = re.compile(rb"[\x80-\xff]+")  # runs, not single bytes: one call per run, not per byte


def accept_unescaped_uris() -> None:
    """curl and scripts send a query's Chinese as it is typed (/search?q=统计); HTTP wants it
    percent-encoded, and waitress answers such a request with an English "Bad URI". Percent-encode
    those bytes first: the app then sees exactly what a browser sends (and bytes that are not UTF-8
    get the app's own Chinese 400)."""
    from waitress import parser

    original = getattr(parser, "split_uri", None)
    if original is None or getattr(original, "escapes_raw_bytes", False):
        return  # already done, or a waitress without this function: requests are served as before

    def split_uri(uri: bytes):
        if not uri.isascii():
            uri = _NON_ASCII.sub(lambda m: b"%" + m.group().hex("%").upper().encode("ascii"), uri)
        return original(uri)

    split_uri.escapes_raw_bytes = True  # type: ignore[attr-defined]
    parser.split_uri = split_uri


def quiet_queue_log() -> None:
    """waitress warns "Task queue depth is N" whenever a request waits for a free thread. A worker has one
    search thread, so every second concurrent request would log it: normal under load, and nothing a reader
    of the log can act on (bench/load_search.py measures latency under load). Real errors are still logged."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def create_server(app, **kwargs):
    """waitress.create_server(app, **kwargs) with the set-up above; `ident` is ours."""
    from waitress import create_server as waitress_server

    quiet_queue_log()
    accept_unescaped_uris()
    return waitress_server(app, ident="gazette", **kwargs)


def make_server(app, host: str = "127.0.0.1", port: int = 0, threads: int = 8):
    """A server for `app` on host:port, not yet running; port 0 picks a free port (server.effective_port)."""
    return create_server(app, host=host, port=port, threads=threads)
