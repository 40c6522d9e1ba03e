"""Distinct values of numpy arrays, and where each run of equal values starts in a sorted one, by sorting:
numpy 2's np.unique hashes, which took seconds on a few million 64-bit values where a sort takes
milliseconds (the gram sets' postings, the related documents' sketches)."""

from __future__ import annotations

import numpy as np


def run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in the sorted array `values`."""
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    first = np.empty(len(values), dtype=bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return np.flatnonzero(first)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of `values`, ascending."""
    values = np.sort(values)
    return values[run_starts(values)]
