"""indexer.forked: a function run in a forked child gives back its value or its error, and is stopped
when the caller gives up on it."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from indexer.forked import ForkedTask, ForkedTaskError

held = {"rows": list(range(5))}  # the child sees the parent's memory as it was at the fork


def _total(extra: int) -> int:
    return sum(held["rows"]) + extra


def _fails() -> None:
    raise KeyError("没有这一期")


def _dies() -> None:
    os._exit(3)


def _sleeps() -> None:
    time.sleep(60)


def _unpicklable():
    return lambda: None


def test_the_value_comes_back():
    assert ForkedTask(_total, 100).result() == 110


def test_the_error_comes_back_as_itself_with_the_childs_traceback():
    with pytest.raises(KeyError, match="没有这一期") as info:
        ForkedTask(_fails).result()
    assert any("在子进程中" in note and "_fails" in note for note in info.value.__notes__)


def test_a_child_that_dies_is_reported():
    with pytest.raises(ForkedTaskError, match="子进程意外退出（退出码 3）"):
        ForkedTask(_dies).result()


def test_a_value_that_cannot_come_back_is_an_error_not_a_hang():
    with pytest.raises(ForkedTaskError, match="pickle"):
        ForkedTask(_unpicklable).result()


def test_close_stops_the_child():
    task = ForkedTask(_sleeps)
    started = time.perf_counter()
    task.close()
    assert time.perf_counter() - started < 5
    assert multiprocessing.active_children() == []


class _NotRebuilt(Exception):
    def __init__(self, path, line):  # pickles, but its args are the formatted message alone
        super().__init__(f"{path}:{line}: 坏了")


def _fails_oddly() -> None:
    raise _NotRebuilt("a.txt", 3)


def _parse_error() -> None:
    from corpus.errors import GazetteParseError

    raise GazetteParseError("a.txt", "第 3 行看不懂", line=3)


def test_an_error_that_cannot_be_rebuilt_here_still_says_what_it_was():
    with pytest.raises(ForkedTaskError, match="_NotRebuilt: a.txt:3: 坏了"):
        ForkedTask(_fails_oddly).result()


def test_a_parse_error_crosses_as_itself():
    from corpus.errors import GazetteParseError

    with pytest.raises(GazetteParseError, match="a.txt:3: 第 3 行看不懂") as info:
        ForkedTask(_parse_error).result()
    assert info.value.line == 3 and info.value.source == "a.txt"
