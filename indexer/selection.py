"""The records a request selects, from sets of record ordinals: the way any engine is answered.

The reader finds the query's matches (a set); each filter is a set (facet values from the snapshot,
文号 from the reader, dates by bisection); facet counts are bitset ANDs and popcounts, so each facet
counts under every filter but its own. An engine that can answer a request itself offers its own
`Selection` (indexer.engine) instead, and the service cannot tell the difference.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable

import numpy as np

from .engine import Context, DateFilter, FacetFilter, Filter, RankSpec, ValidityFilter, WenhaoFilter


class SetSelection:
    """Implements `indexer.engine.Selection` over a snapshot (indexer.service.Snapshot)."""

    def __init__(self, snap, matched: set[int], filters: Iterable[Filter], context: Context):
        self.snap = snap
        self.context = context
        self.matched = matched
        self.constraints: dict[str, set[int]] = {}
        for spec in filters:
            found = self._records(spec)
            previous = self.constraints.get(spec.name)
            self.constraints[spec.name] = found if previous is None else previous & found
        self.allowed = _intersect(matched, self.constraints.values())
        self._bits: tuple[int, dict[str, int]] | None = None

    def _records(self, spec: Filter) -> set[int]:
        snap = self.snap
        if isinstance(spec, (FacetFilter, ValidityFilter)):
            sets = snap.sets[spec.name]
            values = spec.values if isinstance(spec, FacetFilter) else spec.statuses
            return set().union(*(sets.get(v, set()) for v in values))
        if isinstance(spec, WenhaoFilter):
            lookup = snap.reader.citing if spec.cites else snap.reader.with_wenhao
            return lookup(spec.canonical) & snap.live
        if isinstance(spec, DateFilter):
            return snap.dated_between(spec.low, spec.high)
        raise TypeError(spec)  # pragma: no cover - every filter kind is handled above

    def count(self) -> int:
        return len(self.allowed)

    def facet_counts(self, name: str) -> dict[str, int]:
        if self._bits is None:
            to_bits = self.snap.bitsets.of
            self._bits = to_bits(self.matched), {key: to_bits(s) for key, s in self.constraints.items()}
        base, constraint_bits = self._bits
        for key, bits in constraint_bits.items():
            if key != name:
                base &= bits
        counts = {value: (base & bits).bit_count() for value, bits in self.snap.bits[name].items()}
        return {value: count for value, count in counts.items() if count}

    def rank(self, spec: RankSpec, limit: int) -> list[tuple[int, float]]:
        return self.snap.reader.rank(spec, self.allowed, limit)

    def ordinals(self) -> set[int]:
        """Every selected record (not part of the seam: an in-process answer only)."""
        return self.allowed

    def first(self, order: str, count: int) -> list[int]:
        return first_in(self.context, order, self.allowed, count)

    def fill(self, seen: Collection[int], count: int) -> list[int]:
        return fill_from(self.context, self.allowed, seen, count)

    def members(self, ordinals: list[int]) -> set[int]:
        allowed = self.allowed
        return {o for o in ordinals if o in allowed}

    def clause_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        clauses_of = self.snap.clauses_of
        return {doc_id: len(self.allowed.intersection(clauses_of.get(doc_id, ()))) for doc_id in doc_ids}


def _intersect(base: set[int], others) -> set[int]:
    """`base` ∩ every set in `others`, smallest first; `base` itself is never changed."""
    result = base
    for other in sorted(others, key=len):
        result = result & other
        if not result:
            break
    return result


def first_in(context: Context, order: str, ordinals: set[int], count: int) -> list[int]:
    """The first `count` of `ordinals` in one of the build's orders (Selection.first)."""
    newest_first = order == "-date"
    return context.orders[order.lstrip("-")].first(ordinals, count, reverse=newest_first)  # type: ignore[attr-defined]


def fill_from(context: Context, ordinals: set[int] | np.ndarray, seen: Collection[int], count: int) -> list[int]:
    """The first `count` of `ordinals` (a set, or an array of distinct ones) not in `seen` by the
    context's fill_key, largest first."""
    if count <= 0:
        return []
    if isinstance(ordinals, np.ndarray):
        candidates = ordinals[~np.isin(ordinals, np.fromiter(seen, dtype=np.int64, count=len(seen)))]
        if context.fill_rank is None:
            return heapq.nlargest(count, candidates.tolist(), key=context.fill_key)
    elif context.fill_rank is None:
        return heapq.nlargest(count, ordinals.difference(seen), key=context.fill_key)
    else:
        candidates = np.fromiter(ordinals.difference(seen), dtype=np.int64)
    rank = np.asarray(context.fill_rank())
    if len(candidates) > count:  # the `count` first by rank, unordered, then those ordered
        candidates = candidates[np.argpartition(rank[candidates], count - 1)[:count]]
    return candidates[np.argsort(rank[candidates])].tolist()
