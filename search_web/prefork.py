"""Several worker processes behind one port: `gazette serve --workers N`.

A search holds the GIL for its whole duration, so one process serves at most one core of searches.
The parent binds the listening socket(s) once, then forks N workers; each runs its own waitress
(one search thread, see serve.WORKER_THREADS; waitress's I/O thread handles slow clients) on the
inherited sockets and opens the index itself after the fork, so nothing of an open index is shared across
a fork, and the kernel hands each new connection to whichever worker accepts it first. The index is
read-only, so the workers need no coordination; a rebuilt index is picked up by each on its own.

The parent only watches: a worker that dies is started again (at most once a second), and Ctrl-C
or SIGTERM stops every worker (SIGTERM, then SIGKILL after a grace period) before the parent exits.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable

from .wsgi_server import create_server

GRACE_SECONDS = 5.0
RESPAWN_PAUSE = 1.0


def bind(host: str, port: int, backlog: int = 1024) -> list[socket.socket]:
    """Listening sockets for every address of `host` (port 0: one free port, the same for all)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    sockets: list[socket.socket] = []
    seen = set()
    try:
        for family, kind, proto, _name, address in infos:
            if address in seen:
                continue
            seen.add(address)
            if port == 0 and sockets:
                address = (address[0], sockets[0].getsockname()[1], *address[2:])
            sock = socket.socket(family, kind, proto)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.listen(backlog)
            sock.setblocking(False)
            sockets.append(sock)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _worker(make_app: Callable, sockets: list[socket.socket], threads: int) -> None:
    """In the child: serve until SIGTERM (or the parent's Ctrl-C), then exit without unwinding the parent's stack."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
        server = create_server(make_app(), sockets=sockets, threads=threads)
        try:
            server.run()
        finally:
            server.close()
    except SystemExit:
        pass
    except BaseException:  # noqa: BLE001 - a worker must never return into the parent's code
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def run(
    make_app: Callable,
    sockets: list[socket.socket],
    workers: int,
    threads: int,
    stop_after: Callable[[], bool] | None = None,
) -> None:
    """Fork `workers` workers serving `sockets` and watch them until interrupted (or `stop_after()`)."""
    children: dict[int, int] = {}  # pid → worker number
    last_start: dict[int, float] = {}
    stopping = False

    def start(number: int) -> None:
        pid = os.fork()
        if pid == 0:
            _worker(make_app, sockets, threads)
        children[pid] = number
        last_start[number] = time.monotonic()

    def stop(*_args) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        for number in range(workers):
            start(number)
        while not stopping and not (stop_after and stop_after()):
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                pid = 0
            if pid and pid in children:
                number = children.pop(pid)
                time.sleep(max(0.0, RESPAWN_PAUSE - (time.monotonic() - last_start[number])))
                if not stopping:
                    start(number)
                continue
            time.sleep(0.1)
    finally:
        _stop_all(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sock in sockets:
            sock.close()


def _stop_all(children: dict[int, int]) -> None:
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + GRACE_SECONDS
    while children and time.monotonic() < deadline:
        for pid in list(children):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                children.pop(pid)
        time.sleep(0.05)
    for pid in list(children):
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        children.pop(pid)
