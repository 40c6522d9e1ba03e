"""A thread-safe LRU bounded by entries AND by the bytes its values are estimated to take.

An entry count alone does not bound memory when values differ a thousandfold in size (a snippet's
normalized text of a 10-character 大事记 entry vs. a 30,000-character document)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedLRU(Generic[K, V]):
    def __init__(self, max_entries: int, max_bytes: int, size_of: Callable[[V], int]):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size_of = size_of
        self.data: OrderedDict[K, tuple[V, int]] = OrderedDict()  # key → (value, size)
        self.bytes = 0
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: K) -> V | None:
        with self.lock:
            item = self.data.get(key)
            if item is None:
                self.misses += 1
                return None
            self.data.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: K, value: V) -> None:
        size = self.size_of(value)
        if size > self.max_bytes or self.max_entries <= 0:
            return  # larger than the whole cache: not kept
        with self.lock:
            old = self.data.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self.data[key] = (value, size)
            self.bytes += size
            while len(self.data) > self.max_entries or self.bytes > self.max_bytes:
                _, (_, dropped) = self.data.popitem(last=False)
                self.bytes -= dropped

    def pop(self, key: K, default: V | None = None) -> V | None:
        """Drop `key`'s entry; its value (or `default`)."""
        with self.lock:
            item = self.data.pop(key, None)
            if item is None:
                return default
            self.bytes -= item[1]
            return item[0]

    def __len__(self) -> int:
        return len(self.data)
