"""The waitress server every way of serving uses (`gazette serve`, its forked workers, the browser tests and
bench/load_search.py), set up once: raw Chinese in a request line accepted, the queue's chatter silenced,
slow clients bounded, and the server's own errors answered in Chinese.

Slow clients: waitress reads every request (head and body) in its I/O thread before a search thread sees
it, so a slow body holds no search; what it holds is a connection. At waitress's defaults (100 connections
a worker, closed only after 120 s without a byte) about 210 connections sending their bodies slowly took
two workers' every connection and every other request timed out. So a worker keeps up to CONNECTION_LIMIT
connections (polled, not select()ed: select() stops at file descriptor 1,024), closes a connection that
has sent nothing for IDLE_SECONDS, and one whose request has not fully arrived REQUEST_SECONDS after its
first byte however steadily it trickles; a body over MAX_BODY_BYTES is refused from its Content-Length,
before it is read.
"""

from __future__ import annotations

import logging
import re
import resource
import time

from .guard import error_page

CONNECTION_LIMIT = 1000  # open connections a worker serves at once (waitress: 100)
IDLE_SECONDS = 30  # a connection with no request under way is closed after this long without a byte
REQUEST_SECONDS = 60  # from a request's first byte to its last: a 512 KB body at ~10 KB/s fits
MAX_BODY_BYTES = 512 * 1024  # the app's own cap (MAX_CONTENT_LENGTH); a larger body is refused unread
CLEANUP_SECONDS = 5  # how often idle connections are looked for (waitress: 30)

# The server's own errors (before the app: a body over the cap, a malformed request line, headers too
# large), as the app's: the JSON envelope for a .json path, a Chinese page otherwise.
SERVER_ERRORS = {
    400: ("bad_request", "请求格式有误，无法读取。"),
    413: ("too_large", f"请求正文过大：上限为 {MAX_BODY_BYTES} 字节。"),
    431: ("headers_too_large", "请求头过大。"),
    500: ("server_error", "服务器内部错误，请稍后再试。"),
    501: ("not_implemented", "服务器不支持这种请求。"),
}

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


def _path_of(request) -> str:
    """The path a request asked for, also when its headers could not be read (from its first line)."""
    path = getattr(request, "path", None)
    if path:
        return path
    parts = (getattr(request, "first_line", b"") or b"").split()
    return parts[1].decode("latin-1").split("?", 1)[0] if len(parts) > 1 else ""


def _classes():
    """The channel (a connection) and error task the server uses: waitress's, with the bounds above."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class ChineseErrorTask(ErrorTask):
        def execute(self):
            error = self.request.error
            status = f"{error.code} {error.reason}"
            code, message = SERVER_ERRORS.get(error.code, SERVER_ERRORS[400])
            headers, body = error_page(_path_of(self.request), status, code, message)
            self.status = status
            self.response_headers.extend(h for h in headers if h[0] != "Content-Length")
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    class BoundedChannel(HTTPChannel):
        error_task_class = ChineseErrorTask
        request_started: float | None = None  # when the first byte of the request being read came

        def received(self, data):
            if self.request is None and data:
                self.request_started = time.monotonic()
            try:
                return super().received(data)
            finally:
                if self.request is None:
                    self.request_started = None

        def readable(self):
            started = self.request_started
            if started is not None and time.monotonic() - started > REQUEST_SECONDS:
                self.will_close = True  # too slow: the connection goes, no search thread ever waited for it
            return super().readable()

    return BoundedChannel


def _allow_open_files(needed: int) -> None:
    """Raise this process's soft limit on open files to `needed` (within the hard limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        resource.setrlimit(
            resource.RLIMIT_NOFILE, (needed if hard == resource.RLIM_INFINITY else min(needed, hard), hard)
        )


def create_server(app, **kwargs):
    """waitress.create_server(app, **kwargs) with the set-up above; `ident` is ours."""
    from waitress import create_server as waitress_server
    from waitress.server import BaseWSGIServer

    quiet_queue_log()
    accept_unescaped_uris()
    _allow_open_files(CONNECTION_LIMIT + 256)
    options = {
        "connection_limit": CONNECTION_LIMIT,
        "channel_timeout": IDLE_SECONDS,
        "cleanup_interval": CLEANUP_SECONDS,
        "max_request_body_size": MAX_BODY_BYTES,
        "asyncore_use_poll": True,
        **kwargs,
    }
    socket_map: dict = {}  # waitress's: file descriptor → listener or connection
    server = waitress_server(app, map=socket_map, ident="gazette", **options)
    channel = _classes()
    for listener in list(socket_map.values()):  # one per listening socket; connections are accepted in run()
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = channel
    return server


def make_server(app, host: str = "127.0.0.1", port: int = 0, threads: int = 8):
    """A server for `app` on host:port, not yet running; port 0 picks a free port (server.effective_port)."""
    return create_server(app, host=host, port=port, threads=threads)
