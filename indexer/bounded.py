"""Work on each item (a file to parse) in a worker process with a wall-time and a memory limit.

One bad file must never stop the rest: a PDF whose references form a cycle loops for ever, one whose
form XObjects draw each other grows without end, and a worker the out-of-memory killer ends would
leave a `multiprocessing.Pool` waiting for it for ever. So each worker is a forked process of its
own, and the limits are enforced from outside the work:

* memory: the worker's address space is capped (RLIMIT_AS) at what it had when it started plus the
  limit, so an allocation past it fails there (a MemoryError, or the worker dies);
* time: the parent kills (SIGKILL) a worker whose item has run past its deadline; it never asks;
* a worker that dies (killed, crashed, out of memory) is replaced, and its item is reported.

Each item gives one outcome, in the order the items were given: ("ok", value) or ("failed", what
went wrong, in Chinese). Nothing here knows about files or parsing.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import resource
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .forked import exit_status

# Generous: the largest real issue at hand (a 1 MB typeset PDF of a whole bundled issue) parses in
# 6–9 s with a peak of ~120 MB. 300 s and 2 GiB are ~35× and ~17× that.
DEFAULT_SECONDS = 300.0
DEFAULT_MEMORY_MB = 2048
SECONDS_ENV = "GAZETTE_PARSE_SECONDS"
MEMORY_ENV = "GAZETTE_PARSE_MEMORY_MB"


def _raise_to(option: str, env: str, value: str) -> str:
    """What to type to try again with a limit twice as high (serve builds read the environment only)."""
    return f"加 {option} {value}（或设环境变量 {env}={value}）再试；文件确实过大时，可把它拆成几份再导入"


class LimitsError(ValueError):
    """A limit that is not a positive number (from the environment or an option)."""


@dataclass(frozen=True)
class Limits:
    """Per item: wall-clock seconds, and megabytes of memory the worker may add to what it started with."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls, seconds: float | None = None, memory_mb: int | None = None) -> Limits:
        """The given limits, else those of the environment, else the defaults."""
        if seconds is None:
            seconds = _env_number(SECONDS_ENV, DEFAULT_SECONDS, float)
        if memory_mb is None:
            memory_mb = int(_env_number(MEMORY_ENV, DEFAULT_MEMORY_MB, int))
        if not seconds > 0 or not memory_mb > 0:
            raise LimitsError(f"解析时限和内存上限应为正数（现为 {seconds} 秒、{memory_mb} MB）")
        return cls(float(seconds), int(memory_mb))


def _env_number(name: str, default, kind):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise LimitsError(f"环境变量 {name} 应为正数，现为 {raw!r}") from None
    if not value > 0:
        raise LimitsError(f"环境变量 {name} 应为正数，现为 {raw!r}")
    return value


Outcome = tuple[str, object]  # ("ok", value) | ("failed", message)


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _cap_memory(memory_mb: int) -> None:
    """RLIMIT_AS at the address space the worker starts with (what it inherited) plus the limit."""
    start = _address_space()
    if start is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = start + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft == resource.RLIM_INFINITY or cap < soft:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _worker(conn, fn: Callable, memory_mb: int) -> None:  # pragma: no cover - runs in the child
    """Take (index, item) from `conn`, send back (index, outcome), until told to stop (None or EOF).
    After running out of memory the worker reports it and exits: its heap is not trusted again."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        faulthandler.disable()  # a crash is reported by the parent in one line, not as a C stack dump
        _cap_memory(memory_mb)
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            index, item = task
            out_of_memory = False
            try:
                outcome: tuple = ("ok", fn(item))
            except MemoryError:
                outcome, out_of_memory = ("memory", None), True
            except RecursionError:
                outcome = ("crash", "嵌套过深（RecursionError）")
            except BaseException as exc:  # noqa: BLE001 - a bug in the work is this item's failure, not the batch's
                last = traceback.extract_tb(exc.__traceback__)[-1:]
                where = f"，{os.path.basename(last[0].filename)}:{last[0].lineno}" if last else ""
                outcome = ("crash", f"{type(exc).__name__}: {str(exc)[:300]}{where}")
            try:
                conn.send((index, outcome))
            except MemoryError:
                conn.send((index, ("memory", None)))
                out_of_memory = True
            except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
                conn.send((index, ("crash", f"结果无法传回：{type(exc).__name__}: {str(exc)[:200]}")))
            if out_of_memory:
                return
    finally:
        os._exit(0)  # no atexit handlers or finalizers of the parent's objects run in the child


@dataclass
class _Slot:
    process: Any  # a fork-context Process
    conn: Connection
    task: tuple[int, float] | None = None  # (item index, deadline on the monotonic clock)


class BoundedPool:
    """`fn(item)` for each item in worker processes under `limits` (see the module's doc). Workers are
    forked when `start()` is called (so the caller can load what it needs meanwhile; a replacement
    forked later inherits it too); `run()` yields (index, outcome) as items finish."""

    def __init__(self, fn: Callable, items: Sequence, limits: Limits, workers: int = 1):
        self.fn, self.items, self.limits = fn, list(items), limits
        self.slots: list[_Slot | None] = [None] * max(1, min(workers, len(self.items)))
        self._context = multiprocessing.get_context("fork")

    def start(self) -> None:
        self.slots = [slot or self._spawn() for slot in self.slots]

    def _spawn(self) -> _Slot:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_worker, args=(child, self.fn, self.limits.memory_mb), daemon=True)
        process.start()
        child.close()  # the worker holds the other end: EOF here once it is gone
        return _Slot(process, parent)

    def run(self) -> Iterator[tuple[int, Outcome]]:
        pending = deque(range(len(self.items)))
        try:
            while True:
                yield from self._assign(pending)
                busy = [slot for slot in self.slots if slot is not None and slot.task is not None]
                if not busy:
                    return
                timeout = max(0.0, min(slot.task[1] for slot in busy if slot.task) - time.monotonic())
                ready = set(wait([slot.conn for slot in busy], timeout))
                for k, slot in enumerate(self.slots):
                    if slot is None or slot.task is None:
                        continue
                    index = slot.task[0]
                    if slot.conn in ready:
                        outcome, alive = self._receive(slot)
                    elif time.monotonic() >= slot.task[1]:
                        outcome, alive = ("failed", self._timeout_message()), False
                    else:
                        continue
                    slot.task = None
                    if not alive:  # killed now if it is still there (a worker past its time is never asked)
                        self._retire(slot)
                        self.slots[k] = None
                    yield index, outcome
        finally:
            self.close()

    def _assign(self, pending: deque) -> Iterator[tuple[int, Outcome]]:
        """Give each idle worker (forked anew where one was retired) the next item."""
        for k in range(len(self.slots)):
            if not pending:
                return
            slot = self.slots[k]
            if slot is None:
                slot = self.slots[k] = self._spawn()
            if slot.task is not None:
                continue
            index = pending.popleft()
            try:
                slot.conn.send((index, self.items[index]))
            except (OSError, EOFError):  # the worker died while idle
                yield index, ("failed", self._death(slot))
                self._retire(slot)
                self.slots[k] = None
                continue
            slot.task = (index, time.monotonic() + self.limits.seconds)

    def _timeout_message(self) -> str:
        twice = _raise_to("--parse-timeout", SECONDS_ENV, f"{2 * self.limits.seconds:g}")
        return f"解析超时（超过 {self.limits.seconds:g} 秒，解析进程已终止）：{twice}"

    def _receive(self, slot: _Slot) -> tuple[Outcome, bool]:
        """(outcome, whether the worker is still there to take another item)."""
        try:
            _index, (kind, value) = slot.conn.recv()
        except (EOFError, OSError):
            return ("failed", self._death(slot)), False
        except Exception as exc:  # noqa: BLE001 - a value that pickled there and does not unpickle here
            return ("failed", f"解析结果无法读回（{type(exc).__name__}: {exc}）"), False
        if kind == "ok":
            return ("ok", value), True
        if kind == "memory":
            twice = _raise_to("--parse-memory", MEMORY_ENV, str(2 * self.limits.memory_mb))
            return ("failed", f"内存超限（超过 {self.limits.memory_mb} MB，解析进程已终止）：{twice}"), False
        return ("failed", f"解析出错（{value}）"), True

    def _death(self, slot: _Slot) -> str:
        slot.process.join(5)
        return f"解析进程异常退出（{exit_status(slot.process.exitcode)}）"

    @staticmethod
    def _retire(slot: _Slot) -> None:
        """Kill a worker (never ask it) and reap it."""
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()
        slot.conn.close()

    def close(self) -> None:
        """Idle workers are told to stop (and killed if they do not within 2 s), busy ones killed."""
        for slot in self.slots:
            if slot is not None and slot.task is None:
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 2
        for slot in self.slots:
            if slot is not None:
                if slot.task is None:
                    slot.process.join(max(0.0, deadline - time.monotonic()))
                self._retire(slot)
        self.slots = [None] * len(self.slots)


def run_bounded(fn: Callable, items: Sequence, limits: Limits, workers: int = 1) -> list[Outcome]:
    """Every item's outcome, in the items' order."""
    out: list[Outcome] = [("failed", "")] * len(items)
    for index, outcome in BoundedPool(fn, items, limits, workers).run():
        out[index] = outcome
    return out
