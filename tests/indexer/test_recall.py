"""Recall equals a plain substring scan: the result set holds every record whose normalized text
contains each term (for a phrase, the phrase), and nothing else."""

import random

import pytest

from analyzers.aliases import other_forms
from analyzers.normalize import SEP, normalize
from indexer.querylang import QUOTES, WORD_CHAR

QUOTE_CHARS = set(QUOTES) | set(QUOTES.values())

SEED = 20261122


def substring_scan(records, *terms, exclude=()):
    out = set()
    for r in records:
        text = normalize(r.match_text)
        if all(normalize(t) in text for t in terms) and not any(normalize(t) in text for t in exclude):
            out.add(r.id)
    return out


def sample_strings(records, count, seed=SEED):
    rng = random.Random(seed)
    texts = [normalize(r.match_text) for r in records]
    out = []
    while len(out) < count:
        text = rng.choice(texts)
        length = rng.randint(1, 8)
        if len(text) <= length:
            continue
        start = rng.randrange(0, len(text) - length)
        piece = text[start : start + length]
        if SEP in piece or any(q in piece for q in QUOTE_CHARS):
            continue
        if not WORD_CHAR.search(piece):
            continue  # punctuation alone is not a query (an error, tested elsewhere)
        out.append(piece)
    return out


def test_sampled_phrases_match_the_substring_scan(hit_ids, records):
    samples = sample_strings(records, 400)
    misses = []
    for piece in samples:
        expected = substring_scan(records, piece)
        got = set(hit_ids(q=f'"{piece}"'))
        if got != expected:
            misses.append((piece, len(expected), len(got)))
    assert not misses, f"{len(misses)} of {len(samples)} samples differ: {misses[:10]}"
    assert len({len(s) for s in samples}) == 8  # every length 1..8 was exercised


@pytest.mark.parametrize("term", ["突泉县", "高效", "乌兰浩特", "应急响应", "联网直报", "医疗废物处置", "县委", "泉县"])
def test_terms_jieba_cuts_differently_are_found(hit_ids, records, term):
    """Every record holding the term as typed, whatever jieba makes of it; besides them, only records holding
    one of its equivalent names (乌兰浩特 also searches 乌市, as the League's 大事记 write it)."""
    expected = substring_scan(records, term)
    assert expected, f"{term} should occur in the corpus"
    got = set(hit_ids(q=term))
    assert got >= expected
    also = set().union(*(substring_scan(records, form) for form in other_forms(normalize(term))))
    assert got - expected <= also
    assert set(hit_ids(q=term, exact="1")) == expected  # 精确检索: the term alone


def test_match_across_a_pdf_line_break(hit_ids, records):
    # 兴署发〔2023〕41号 prints 内政办发〔2022〕82 / 号 across a page; 附件 text breaks 统计数 / 据联审
    expected = substring_scan(records, "统计数据联审")
    assert "xsf-2022-6" in expected
    assert set(hit_ids(q="统计数据联审")) == expected


def test_and_or_not_match_set_algebra(hit_ids, records):
    rng = random.Random(SEED + 1)
    pieces = [p for p in sample_strings(records, 120, seed=SEED + 2) if len(p) >= 2]
    for _ in range(40):
        a, b = rng.sample(pieces, 2)
        assert set(hit_ids(q=f'"{a}" "{b}"')) == substring_scan(records, a, b)
        assert set(hit_ids(q=f'"{a}" OR "{b}"')) == substring_scan(records, a) | substring_scan(records, b)
        assert set(hit_ids(q=f'"{a}" -"{b}"')) == substring_scan(records, a, exclude=[b])


def test_width_case_and_space_are_normalized(hit_ids, records):
    assert set(hit_ids(q="ＧＤＰ")) == set(hit_ids(q="gdp")) == substring_scan(records, "GDP")
    assert set(hit_ids(q='"应急 响应"')) == substring_scan(records, "应急响应")
