"""The counting map gives, for every normalized offset, the source offset normalize_with_spans gives."""

import random

import pytest

from analyzers.normalize import normalize, normalize_with_spans
from indexer.offsetmap import CountingMap, counting_map

POOL = list("统计工作高质量發展ＡＢａｂ12３") + ["\n", " ", "\u3000", "\r\n", "\t", "\xa0"]
RARE = ["…", "⑩", "㈠", "ﬁ", "№", "\u200b", "\ufeff", "ß", "㎡"]


@pytest.mark.parametrize("seed", range(40))
def test_every_offset_maps_as_the_exact_map_does(seed):
    rng = random.Random(seed)
    pool = POOL + (RARE if seed % 2 else [])
    text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 400)))
    norm, starts, ends = normalize_with_spans(text)
    mapping = counting_map(text, norm)
    assert isinstance(mapping, CountingMap)
    assert mapping.starts(list(range(len(norm)))) == starts
    ranges = [(a, min(len(norm), a + rng.randint(1, 5))) for a in range(0, len(norm), 3)]
    assert mapping.spans(ranges) == [(starts[a], ends[b - 1]) for a, b in ranges]


def test_a_text_whose_counts_do_not_add_up_is_refused():
    text = "cafe\u0301 统计"  # the accent composes with its letter: one character from two
    assert counting_map(text, normalize(text)) is None
