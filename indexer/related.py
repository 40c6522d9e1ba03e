"""Related clauses: for each clause, the most similar clauses of other documents — what researchers of
local government use to trace policy learning between documents of different levels and places.

Similarity is measured on each clause's text as a set of overlapping runs of SHINGLE letters and digits
(punctuation and white space left out). Runs found in at least BOILERPLATE_SHARE of the documents
(and in at least MIN_BOILERPLATE_DOCUMENTS) are boilerplate — the 指导思想 formula, 各旗县市人民政府 —
and count for nothing. At build time (`related_clauses`, bounded): each clause's sketch (its SKETCH
smallest run hashes; on a corpus of up to WHOLE_BUDGET runs, all of them) is indexed, clauses sharing
sketch hashes across documents become candidates, and each keeps its RELATED best by the sketches'
Jaccard estimate (exact when the sketches are whole). At reading time (`compare`), a pair is
measured exactly — the Jaccard similarity of their runs — and the passages they share are marked.

Work is bounded: a sketch hash held by more than GROUP_MAX clauses names a passage common to too many to
say anything (it pairs none), and at most PAIRS_MAX candidate pairs are counted (the largest groups
first left out), so a corpus of near-copies costs time in proportion to its size, not its square.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .sortedruns import distinct, run_starts

SHINGLE = 6  # letters in a run
SKETCH = 24  # smallest hashes kept per clause
RELATED = 5  # kept per clause
MIN_RUNS = 8  # a clause with fewer informative runs than this (a heading, a name) has no related clauses
MIN_SHARED = 6  # candidates share at least this many runs (of their sketches): some 11 letters
MIN_ESTIMATE = 0.08  # and their Jaccard similarity (estimated from the sketches) is at least this
WHOLE_BUDGET = 500_000  # informative runs in all: up to this many, every run is a clause's sketch (exact)
BOILERPLATE_SHARE = 0.05  # a run in this share of the documents (or more) is boilerplate…
MIN_BOILERPLATE_DOCUMENTS = 3  # …when that is at least this many documents
GROUP_MAX = 48
PAIRS_MAX = 1_000_000
RELATED_FILE = "related.json"
_LETTER = re.compile(r"\w")
_NOT_LETTER = re.compile(r"[\W_]+")
_PRIME = np.uint64(1_000_003)
MASK = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class Clause:
    """A clause as the related clauses are computed from: its record id, its document, its text."""

    id: str
    doc_id: str
    text: str


def clauses_of(issues: Iterable) -> list[Clause]:
    """Every clause of the issues (corpus Issue objects), as a Clause."""
    return [
        Clause(f"{doc.id}#{clause.id}", doc.id, clause.text)
        for issue in issues
        for doc in issue.documents
        for clause in doc.clauses
    ]


def letters(text: str) -> tuple[str, list[int]]:
    """The text's letters and digits (case folded), and where each stands in `text`."""
    kept = [(ch.casefold(), i) for i, ch in enumerate(text) if _LETTER.match(ch) and ch != "_"]
    return "".join(ch for ch, _ in kept), [i for _, i in kept]


def _run_hashes(codes: np.ndarray) -> np.ndarray:
    """A 32-bit hash (in a uint64) of every run of SHINGLE code points: a polynomial over the run,
    wrapping, mixed by MurmurHash3's finalizer so that its top bits vary, which are kept."""
    count = len(codes) - SHINGLE + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            out = out * _PRIME + codes[j : j + count]
        out ^= out >> np.uint64(33)
        out *= np.uint64(0xFF51AFD7ED558CCD)
        out ^= out >> np.uint64(33)
    return out >> np.uint64(32)


def related_clauses(clauses: Sequence[Clause]) -> dict:
    """{"boilerplate": the boilerplate run hashes (as strings), "related": clause id → [[other id,
    estimated similarity], …] best first}: the build's related clauses (see the module). Every step
    is array arithmetic over all the clauses at once."""
    doc_index: dict[str, int] = {}
    doc_of = np.array([doc_index.setdefault(c.doc_id, len(doc_index)) for c in clauses], dtype=np.int64)
    cleaned = [_NOT_LETTER.sub("", c.text).casefold() for c in clauses]
    lengths = np.array([len(t) for t in cleaned], dtype=np.int64)
    codes = np.frombuffer("".join(cleaned).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    owner = np.repeat(np.arange(len(clauses)), lengths)
    hashes = _run_hashes(codes)  # 32 bits: a clause and a hash make one 64-bit key
    inside = owner[: len(hashes)] == owner[SHINGLE - 1 :] if len(hashes) else np.zeros(0, dtype=bool)
    keys = distinct((owner[: len(hashes)][inside].astype(np.uint64) << np.uint64(32)) | hashes[inside])
    clause = (keys >> np.uint64(32)).astype(np.int64)  # sorted by clause, then hash; each pair once
    run = keys & MASK
    common = _boilerplate(run, doc_of[clause], len(doc_index))
    informative = ~np.isin(run, common) if len(common) else np.ones(len(run), dtype=bool)
    run, clause = run[informative], clause[informative]
    per_clause = np.bincount(clause, minlength=len(clauses))
    enough = per_clause >= MIN_RUNS
    keep = enough[clause]
    if len(run) > WHOLE_BUDGET:  # a large corpus: each clause's SKETCH smallest hashes (sorted by hash within it)
        first = np.r_[0, np.cumsum(per_clause)[:-1]]
        keep &= (np.arange(len(run)) - first[clause]) < SKETCH
    run, clause = run[keep], clause[keep]
    sketch_size = np.bincount(clause, minlength=len(clauses))
    related: dict[str, list] = {}
    pairs = _candidate_pairs(run, clause)
    if len(pairs):
        pairs = pairs[doc_of[pairs[:, 0]] != doc_of[pairs[:, 1]]]  # clauses of other documents only
    if len(pairs):
        keys, shared = _counted(pairs[:, 0] * len(clauses) + pairs[:, 1])
        a, b = keys // len(clauses), keys % len(clauses)
        estimate = shared / (sketch_size[a] + sketch_size[b] - shared)
        keep = (shared >= MIN_SHARED) & (estimate >= MIN_ESTIMATE)
        src = np.concatenate([a[keep], b[keep]])
        dst = np.concatenate([b[keep], a[keep]])
        value = np.concatenate([estimate[keep], estimate[keep]])
        order = np.lexsort((dst, -value, src))
        src, dst, value = src[order], dst[order], value[order]
        rank = np.arange(len(src)) - np.searchsorted(src, src)  # place within its clause's list
        best = rank < RELATED
        for s_, d_, v_ in zip(src[best].tolist(), dst[best].tolist(), value[best].tolist()):
            related.setdefault(clauses[s_].id, []).append([clauses[d_].id, round(v_, 3)])
    return {"boilerplate": [str(h) for h in common.tolist()], "related": related}


def _boilerplate(run: np.ndarray, doc: np.ndarray, documents: int) -> np.ndarray:
    """The run hashes found in at least BOILERPLATE_SHARE of the documents (sorted)."""
    if not len(run):
        return np.zeros(0, dtype=np.uint64)
    per_document = distinct((doc.astype(np.uint64) << np.uint64(32)) | run) & MASK
    values, counts = _counted(per_document)
    need = max(MIN_BOILERPLATE_DOCUMENTS, int(np.ceil(BOILERPLATE_SHARE * documents)))
    return values[counts >= need]


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct values, how many times each occurs), by sorting."""
    values = np.sort(values)
    starts = run_starts(values)
    return values[starts], np.diff(np.r_[starts, len(values)]).astype(np.int64)


def _candidate_pairs(hashes: np.ndarray, members: np.ndarray) -> np.ndarray:
    """(a, b) with a < b for every two clauses sharing a sketch hash, once per hash shared; groups over
    GROUP_MAX left out, and the largest ones left out first past PAIRS_MAX pairs (see the module)."""
    order = np.lexsort((members, hashes))
    hashes, members = hashes[order], members[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    usable = (sizes >= 2) & (sizes <= GROUP_MAX)
    by_size = sorted(set(sizes[usable].tolist()))
    budget, out = PAIRS_MAX, []
    for size in by_size:  # smallest groups first: the most telling passages, and the cheapest
        group_starts = starts[usable & (sizes == size)]
        left, right = np.triu_indices(size, 1)
        if len(group_starts) * len(left) > budget:
            group_starts = group_starts[: budget // len(left)]
        if not len(group_starts):
            break
        block = members[group_starts[:, None] + np.arange(size)[None, :]]
        out.append(np.stack([block[:, left].ravel(), block[:, right].ravel()], axis=1))
        budget -= len(group_starts) * len(left)
    return np.concatenate(out) if out else np.zeros((0, 2), dtype=np.int64)


def compare(text: str, other: str, common: Iterable[int]) -> tuple[float, list[list[int]], list[list[int]]]:
    """(the exact Jaccard similarity of two clauses' informative runs, the spans of `text` and of
    `other` they share, as [start, end] offsets into each text as printed)."""
    common_set = set(common)
    mine, at_mine = _hashed_runs(text)
    theirs, at_theirs = _hashed_runs(other)
    mine_set = {h for h in mine if h not in common_set}
    theirs_set = {h for h in theirs if h not in common_set}
    shared = mine_set & theirs_set
    union = mine_set | theirs_set
    similarity = len(shared) / len(union) if union else 0.0
    return similarity, _spans(mine, at_mine, shared), _spans(theirs, at_theirs, shared)


def _hashed_runs(text: str) -> tuple[list[int], list[int]]:
    kept, where = letters(text)
    codes = np.frombuffer(kept.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return _run_hashes(codes).tolist(), where


def _spans(hashes: list[int], where: list[int], shared: set[int]) -> list[list[int]]:
    """Where the shared runs of a text stand in it as printed: runs next to each other merged."""
    spans: list[list[int]] = []
    for i, h in enumerate(hashes):
        if h not in shared:
            continue
        start, end = where[i], where[i + SHINGLE - 1] + 1
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return spans


EXCERPT = 160  # characters of a related clause shown around what it shares


def excerpt(text: str, spans: list[list[int]]) -> dict:
    """{"text", "marks"}: the text (or EXCERPT characters of it from a little before its first shared
    span, cut with "…"), the shared spans as [start, end] in what is shown."""
    start = 0 if len(text) <= EXCERPT or not spans else max(0, spans[0][0] - 20)
    end = min(len(text), start + EXCERPT)
    shown = text[start:end]
    marks = [[max(a, start) - start, min(b, end) - start] for a, b in spans if a < end and b > start]
    if start:
        shown, marks = "…" + shown, [[a + 1, b + 1] for a, b in marks]
    if end < len(text):
        shown += "…"
    return {"text": shown, "marks": marks}
