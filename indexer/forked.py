"""A function run in a forked child process while the caller goes on: the builder's second core.

The child inherits the caller's memory, so nothing is pickled on the way in; only the outcome comes
back, through a pipe. A lock another thread of the caller holds at the fork stays held in the child,
so the child must not need what the caller's threads use: the builder's child only writes files with
the standard library (by then the process has numpy's and tantivy's idle threads, and no other), and
it is forked before the segmenting pool's threads and tantivy's indexing threads start.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable


class ForkedTaskError(RuntimeError):
    """The child died, or failed with an error that cannot be sent back as it is."""


def _run(send, fn: Callable, args: tuple) -> None:  # pragma: no cover - runs in the child
    try:
        try:
            outcome = ("ok", fn(*args))
        except BaseException as exc:  # noqa: BLE001 - every failure is reported to the parent
            add_note = getattr(exc, "add_note", None)  # Python 3.11+
            if add_note is not None:
                add_note("（在子进程中）\n" + traceback.format_exc())
            try:  # an error that pickles may still not unpickle (an __init__ that does not take its args)
                pickle.loads(pickle.dumps(exc))
                outcome = ("error", exc)
            except Exception:  # noqa: BLE001 - whatever unpickling raises, the text goes instead
                text = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
                outcome = ("error", ForkedTaskError(text))
        try:
            send.send(outcome)
        except Exception as exc:  # noqa: BLE001 - the error or the value does not pickle: its text does
            send.send(("error", ForkedTaskError(f"{type(exc).__name__}: {exc}；子进程的结果：{outcome[1]!r:.500}")))
        send.close()
    finally:
        os._exit(0)  # no atexit handlers or finalizers of the parent's objects run in the child


def exit_status(code: int | None) -> str:
    """A child's exit code as a reader would say it: "被信号 SIGKILL 终止（可能是系统内存不足）", "退出码 1"."""
    if code is None or code >= 0:
        return f"退出码 {code}"
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = str(-code)
    return f"被信号 {name} 终止" + ("（可能是系统内存不足）" if -code == signal.SIGKILL else "")


class ForkedTask:
    """`fn(*args)` in a forked child, started at construction. `result()` waits for it and returns its
    value (pickled back), or raises its error here (the child's traceback in a note); `close()` stops
    it (the caller failed meanwhile)."""

    def __init__(self, fn: Callable, *args, label: str = "子进程"):
        self.label = label  # what the child does, for messages: "写索引文件的子进程"
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(send, fn, args), daemon=True)
        self._process.start()
        send.close()  # the child holds the other end: EOF here once it is gone

    def result(self):
        try:
            status, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise ForkedTaskError(f"{self.label}意外退出（{exit_status(self._process.exitcode)}）") from None
        except Exception as exc:  # noqa: BLE001 - a value that pickled but does not unpickle here
            self._process.join()
            raise ForkedTaskError(f"{self.label}的结果无法读回：{type(exc).__name__}: {exc}") from None
        finally:
            self._receive.close()
        self._process.join()
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        if self._process.is_alive():
            self._process.kill()  # killed, not asked: it may be stuck
        self._process.join()
        self._receive.close()
