"""Bitsets are exactly the sets they are made from (facet counts rest on it)."""

import random

import pytest

from indexer.bitsets import Bitsets


@pytest.mark.parametrize("size", [1, 7, 8, 9, 63, 64, 65, 1000, 4097, 39600])
def test_a_bitset_holds_exactly_its_ordinals(size):
    rng = random.Random(size)
    bits = Bitsets(size)
    for count in (0, 1, size // 3, size):
        ordinals = set(rng.sample(range(size), count))
        expected = sum(1 << o for o in ordinals)
        assert bits.of(ordinals) == expected
        assert bits.of(ordinals).bit_count() == len(ordinals)
