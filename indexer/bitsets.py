"""Sets of record ordinals as Python ints (bit i = ordinal i), for counting facets.

A facet counts the matched records of each of its values: with sets that is one intersection per value,
each as long as the smaller set (tens of thousands of probes per facet on a large corpus); with bitsets
it is one AND and a popcount per value over N/64 machine words. A set becomes a bitset in O(len) plus
a fixed number of whole-int shifts: one byte per record first (filled from C), then the bytes' bits
packed together in log2(N) steps of mask, shift and OR on the whole int.
"""

from __future__ import annotations

from collections import deque
from itertools import repeat


class Bitsets:
    def __init__(self, size: int):
        self.size = size
        self._steps = []  # (mask of the low halves, mask of the high halves, shift) per packing step
        length = max(size, 1) * 8  # bit 8i holds ordinal i before packing
        block, bits = 16, 1
        while block // 2 < length:
            reps = -(-length // block)
            self._steps.append(
                (
                    _repeat((1 << bits) - 1, block, reps),
                    _repeat(((1 << bits) - 1) << (block // 2), block, reps),
                    block // 2 - bits,
                )
            )
            block, bits = block * 2, bits * 2

    def of(self, ordinals) -> int:
        if not ordinals:
            return 0
        buf = bytearray(self.size)
        deque(map(buf.__setitem__, ordinals, repeat(1)), 0)
        x = int.from_bytes(buf, "little")
        for low, high, shift in self._steps:
            x = (x & low) | ((x & high) >> shift)
        return x


def _repeat(pattern: int, width: int, times: int) -> int:
    """`pattern` (`width` bits) repeated `times` times, by doubling."""
    out, done = pattern, 1
    while done * 2 <= times:
        out |= out << (width * done)
        done *= 2
    while done < times:
        out |= pattern << (width * done)
        done += 1
    return out
