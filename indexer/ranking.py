"""One ranking function for every engine: BM25F over the build's ranking data (indexer.rankdata),
with priors from what the records say about themselves.

An engine only says which records a request selects; the scores come from here, so whoosh and tantivy
give the same order, score for score. For each query word w and record r:

    x(w, r) = Σ_field weight_field · tf_field / (1 − b_field + b_field · length_field(r) / mean_length_field)
    score(r) = prior(r) · Σ_w query_weight(w) · idf(w) · x (k1 + 1) / (x + k1)

over the fields `body` (the record's own text), `head` (a document's title, a clause's own heading) and
`ctx` (a clause's document title and the headings above it, weighted below its own words). A
document's body is normalised for length more gently than a clause's (`b_document`): a long document
that treats a subject throughout should not sink below a one-line mention of it. idf is
log(1 + (N − n + 0.5) / (n + 0.5)), n the records holding the word in their own text or title. A query
word counts wherever a record holds it, as a word or inside a longer one (乡村 and 振兴 in 盟乡村振兴局,
军分区 in 兴安军分区), as the substring match that found the record does.

Among documents, one whose title holds the query's words gains a little (`title_coverage`), and one
whose title holds every term of the query (as text: 物流 in 商贸物流业) is the document named for it and
gains more (`named`): a plan named for a subject comes before the one-line mentions of it.

Priors: a bare heading ("四、工作举措", its content in the clauses below) keeps `bare_heading` of its
score; a roster line or a table row that only names the query among many names keeps `listing`.
Readings that are not words — the document of a 文号 typed, the documents of a 文号 series, records
of a date typed — add fixed amounts above any word score, so they come first in that order.

The constants were chosen on judged queries (bench/bench_relevance.py; bench/RESULTS.md).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from analyzers.normalize import normalize

from .rankdata import FIELDS, RankData


@dataclass(frozen=True)
class RankParams:
    k1: float = 1.2
    weights: tuple[float, float, float] = (1.0, 2.0, 0.5)  # body, head, ctx
    b: tuple[float, float, float] = (0.75, 0.5, 0.5)
    b_document: float = 0.6  # a document's body
    bare_heading: float = 0.35
    listing: float = 0.5  # a roster (a clause naming many people), unless the query names one of them
    named: float = 1.5  # a document whose title holds every term of the query (the document named for it)
    title_coverage: float = 0.2  # a document gains this × the share of the query's words its title holds
    proximity: float = 0.5  # terms close together: the score gains up to this share (see nearness)
    proximity_scale: float = 10.0  # characters: terms this far apart gain half of it
    context_match: float = 0.85  # a clause matched only with its context keeps this share of its score
    roster_asked: float = 1.5  # a roster, for a query asking for one (…成员, …名单): no listing prior, × this
    proximity_head: int = 30  # how many of each tier's best records are reordered by nearness


PARAMS = RankParams()

# fixed amounts for readings that are not words: far above any word score (a word scores at most
# idf · (k1 + 1) ≈ 15 on the bundled corpus), in this order
OWN_DOCUMENT, OWN_RECORD, CITING = 1000.0, 200.0, 50.0
SERIES_DOCUMENT, SERIES_RECORD = 400.0, 100.0
DATED, DATED_DOCUMENT = 350.0, 300.0  # a 大事记 entry of that date (what happened), then the documents
# a validity question (现行有效, 有效期 …): the documents it asks for, then the clauses printing the sentence
VALIDITY_DOCUMENT, VALIDITY_STATED = 260.0, 250.0


@dataclass(frozen=True)
class Boost:
    """A fixed amount added to the score of `ordinals` (a reading that is not a word)."""

    ordinals: frozenset[int]
    amount: float


@dataclass(frozen=True)
class Query:
    """What orders the records: weighted words, and boosts."""

    words: tuple[tuple[str, float], ...] = ()
    boosts: tuple[Boost, ...] = field(default=())
    named: frozenset[int] = frozenset()  # rosters that name a person the query asks for: no listing prior
    titled: frozenset[int] = frozenset()  # documents whose title holds every term of the query
    asked: frozenset[int] = frozenset()  # rosters, when the query asks for one: no listing prior, × roster_asked

    @property
    def empty(self) -> bool:
        return not self.words and not self.boosts


class Ranker:
    """Scores records of one build (its ranking data and its records' metadata)."""

    def __init__(self, data: RankData, records: Sequence, params: RankParams = PARAMS):
        self.data = data
        self.params = params
        self.count = len(records)
        self.is_document = np.array([r.kind == "document" for r in records], dtype=bool)
        self.prior = np.array([prior(r, params) for r in records], dtype=np.float64)
        self._records = records

    @cached_property
    def rosters(self) -> dict[int, frozenset[str]]:
        """Each roster's people (normalized), made on first use."""
        return {o: frozenset(normalize(p) for p in r.persons) for o, r in enumerate(self._records) if is_roster(r)}

    @cached_property
    def rosters_naming(self) -> dict[str, frozenset[int]]:
        """Each person (normalized) → the rosters naming them: a query's named rosters by look-up, not by
        testing every roster (made on first use)."""
        naming: dict[str, set[int]] = {}
        for ordinal, people in self.rosters.items():
            for person in people:
                naming.setdefault(person, set()).add(ordinal)
        return {person: frozenset(ordinals) for person, ordinals in naming.items()}

    def named(self, people: set[str]) -> frozenset[int]:
        """The rosters naming any of `people` (normalized)."""
        naming = self.rosters_naming
        return frozenset().union(*(naming.get(person, frozenset()) for person in people))

    def idf(self, word: str) -> float:
        found = self.data.within(word)
        return self.idf_of_count(found[2] if found is not None else 0)

    def idf_of_count(self, n: int) -> float:
        """The idf of whatever `n` records hold (a word, or a date typed as text: indexer.tiers)."""
        return float(np.log(1.0 + (self.count - n + 0.5) / (n + 0.5)))

    def holders(self, word: str) -> tuple[set[int], set[int]] | None:
        """(records holding `word` as a word in their own text or title, or inside a longer word of it
        (四川 in 四川省, never across two words: 组成 is not in 工作组/成员), those holding it so in their
        context); None when no record holds it so."""
        found = self.data.within(word)
        if found is None:
            return None
        ordinals, tf, _ = found
        own = (tf[:, 0] > 0) | (tf[:, 1] > 0)
        return set(ordinals[own].tolist()), set(ordinals[tf[:, 2] > 0].tolist())

    def _saturating(self, ordinals: np.ndarray, tf: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """x = Σ_field weight · tf / (1 − b + b · length / mean_length) of each record, field by field: each
        field's b is one number (a document's body excepted), so no (records × fields) array of b is made.
        The same operations on the same numbers, in the same order, as over whole arrays (the floats are
        equal: tests/indexer/test_scores.py)."""
        x = None
        for k, norms in enumerate(self._length_norms):
            term = tf[:, k] * weights[k] / norms[ordinals]
            x = term if x is None else x + term
        assert x is not None
        return x

    @cached_property
    def _length_norms(self) -> tuple[np.ndarray, ...]:
        """Each field's 1 − b + b · length / mean_length of every record, made once: a common word's
        postings (tens of thousands at 300×) then gather it, where it was computed for each posting
        of each query (~1.3 ms a word). The same operations on the same numbers: the same floats."""
        p, data = self.params, self.data
        norms = []
        for k in range(len(FIELDS)):
            b: float | np.ndarray = p.b[k]
            if k == 0:  # a document's body is normalised for length more gently
                b = np.where(self.is_document, p.b_document, p.b[k])
            norms.append(1.0 - b + b * data.lengths[:, k] / data.mean_length[k])
        return tuple(norms)

    def size(self, query: Query) -> int:
        """How many postings scoring `query` reads (its words', merged inside longer words, and its boosts')."""
        return sum(self.data.size(word) for word, _ in query.words) + sum(len(b.ordinals) for b in query.boosts)

    def _postings(self, query: Query, among: Collection[int] | np.ndarray | None):
        """Each word of the query found with its postings (ordinals, counts per field, document
        frequency), and each boost's records; cut to `among` when given."""
        wanted = None
        if among is not None:
            wanted = np.zeros(self.count, dtype=bool)
            if isinstance(among, np.ndarray):
                wanted[among] = True
            else:
                wanted[np.fromiter(among, dtype=np.int64, count=len(among))] = True
        found_words = []
        for word, query_weight in query.words:
            found = self.data.within(word, wanted)  # as a word or inside a longer one (乡村 in 盟乡村振兴局)
            if found is not None:
                found_words.append((word, query_weight, found))
        boosts = []
        for boost in query.boosts:
            if boost.ordinals:
                (picked,) = _cut_to(wanted, np.fromiter(boost.ordinals, dtype=np.int64, count=len(boost.ordinals)))
                if len(picked):
                    boosts.append((picked, boost.amount))
        return found_words, boosts

    def ranked(self, query: Query, among: Collection[int] | np.ndarray | None = None) -> Ranked:
        """The scored records (Ranked: (ordinals, scores) best first, ties by ordinal) of every record a
        word of the query occurs in or a boost names. Computed over those records only (their sorted ordinals, `touched`),
        not over arrays of every record: a rare word costs microseconds, at any corpus size.

        `among`: only these records are wanted (the few a request selects): each word's postings are cut
        to them first, so a common word (作, 与: tens of thousands of postings at 300×) costs what the
        selection holds. A record's score depends on its own postings and the words' document
        frequencies only, so those records' scores and order are the same as without `among`."""
        p = self.params
        found_words, boosts = self._postings(query, among)
        parts = [found[0] for _, _, found in found_words] + [picked for picked, _ in boosts]
        if not parts:
            return Ranked(np.zeros(0, dtype=np.int64), np.zeros(0))
        if len(parts) == 1 and found_words and _ascending(parts[0]):  # one word: its postings are the records
            touched = parts[0].astype(np.int64, copy=False)
            place = None
        else:  # the records of several words and boosts, in order, without sorting them
            marked = np.zeros(self.count, dtype=bool)
            for part in parts:
                marked[part] = True
            touched = np.flatnonzero(marked)
            place = np.empty(self.count, dtype=np.int64)
            place[touched] = np.arange(len(touched))
        total = np.zeros(len(touched))
        in_title = np.zeros(len(touched))
        weights = np.array(p.weights)
        for _, query_weight, (ordinals, tf, df) in found_words:
            at = np.arange(len(ordinals)) if place is None else place[ordinals]
            x = self._saturating(ordinals, tf, weights)
            total[at] += query_weight * self.idf_of_count(df) * x * (p.k1 + 1.0) / (x + p.k1)
            in_title[at[tf[:, 1] > 0]] += 1
        prior = self.prior[touched]
        if query.named or query.asked:
            prior[_positions(touched, query.named | query.asked)] = 1.0
            if query.asked:
                prior[_positions(touched, query.asked)] *= p.roster_asked
        total *= prior
        if query.words:
            coverage = np.where(self.is_document[touched], in_title / len(query.words), 0.0)
            total *= 1.0 + p.title_coverage * coverage
        if query.titled:
            total[_positions(touched, query.titled)] *= p.named
        for picked, amount in boosts:
            total[np.searchsorted(touched, picked) if place is None else place[picked]] += amount
        return Ranked(touched, total)

    def scores(self, query: Query, among: Collection[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """ranked(), every record in order: (ordinals, scores), best first, ties by ordinal."""
        return self.ranked(query, among).all()


class Ranked:
    """The scored records of one query, ordered only as far as asked: best first, ties by ordinal. A
    page needs its first few dozen; sorting every record a common word occurs in (tens of thousands
    at 300×: ~8 ms) is done only when all of them are asked for."""

    def __init__(self, touched: np.ndarray, total: np.ndarray):
        self.touched = touched  # ascending ordinals
        self.total = total
        self._all: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.touched)

    def _ordered(self, places: np.ndarray) -> np.ndarray:
        """`places` (ascending) by score, best first; a stable sort keeps equal scores by ordinal."""
        return places[np.argsort(-self.total[places], kind="stable")]

    def all(self) -> tuple[np.ndarray, np.ndarray]:
        if self._all is None:
            order = self._ordered(np.arange(len(self.touched)))
            self._all = self.touched[order], self.total[order]
        return self._all

    def head(self, count: int) -> tuple[np.ndarray, np.ndarray]:
        """The first `count` of all()."""
        if self._all is not None or count >= len(self.touched) // 4:
            ordinals, scores = self.all()
            return ordinals[:count], scores[:count]
        if count <= 0:
            return self.touched[:0], self.total[:0]
        # every record scoring at least the count-th best score (ties included), then those ordered
        edge = np.partition(-self.total, count - 1)[count - 1]
        order = self._ordered(np.flatnonzero(-self.total <= edge))[:count]
        return self.touched[order], self.total[order]

    def among(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """all() of the records marked in `mask` (indexed by ordinal, at least as long as the largest)."""
        order = self._ordered(np.flatnonzero(mask[self.touched]))
        return self.touched[order], self.total[order]

    def among_records(self, ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """all() of the scored records among `ordinals` (any order)."""
        largest = max(int(self.touched[-1]) if len(self.touched) else 0, int(ordinals.max(initial=0)))
        mask = np.zeros(largest + 1, dtype=bool)
        mask[ordinals] = True
        return self.among(mask)


def _cut_to(wanted: np.ndarray | None, ordinals: np.ndarray, *columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """`ordinals` (and the rows of `columns` beside them) of the records marked in `wanted` (all: None)."""
    if wanted is None:
        return (ordinals, *columns)
    keep = wanted[ordinals]
    return (ordinals[keep], *(column[keep] for column in columns))


def _ascending(ordinals: np.ndarray) -> bool:
    return len(ordinals) < 2 or bool(np.all(ordinals[1:] > ordinals[:-1]))


def _positions(touched: np.ndarray, ordinals) -> np.ndarray:
    """Where those of `ordinals` that are in `touched` (sorted) stand in it."""
    wanted = np.fromiter(ordinals, dtype=np.int64, count=len(ordinals))
    at = np.searchsorted(touched, wanted)
    inside = at < len(touched)
    at, wanted = at[inside], wanted[inside]
    return at[touched[at] == wanted]


def nearness(text: str, groups: Sequence[Sequence[str]], params: RankParams = PARAMS) -> float:
    """What a record's score is multiplied by for how close the query's terms stand in its text: 1 when
    fewer than two of them occur, up to 1 + proximity when all occur side by side. `groups`: each
    term's forms (normalized); the narrowest stretch of `text` holding one form of each group found is
    measured (characters from the first one's start to the last one's end, less their own length)."""
    if len(groups) < 2:
        return 1.0
    events: list[tuple[int, int, int]] = []
    for g, forms in enumerate(groups):
        for form in forms:
            at, seen = text.find(form), 0
            while at >= 0 and seen < MAX_OCCURRENCES:
                events.append((at, at + len(form), g))
                at, seen = text.find(form, at + 1), seen + 1
    present = len({g for _, _, g in events})
    if present < 2:
        return 1.0
    events.sort()
    best = None
    counts: dict[int, int] = {}
    left = 0
    for _, end, g in events:
        counts[g] = counts.get(g, 0) + 1
        while len(counts) == present:
            start, _, lg = events[left]
            width = end - start  # from the first one's start to the last one's end
            best = width if best is None or width < best else best
            counts[lg] -= 1
            if not counts[lg]:
                del counts[lg]
            left += 1
    lengths = sum(min(len(f) for f in groups[g]) for g in range(len(groups)) if any(x[2] == g for x in events))
    gap = max(0, (best or 0) - lengths)
    share = (present - 1) / (len(groups) - 1)
    return 1.0 + params.proximity * share * params.proximity_scale / (params.proximity_scale + gap)


MAX_OCCURRENCES = 16  # of one form in one record, for nearness


ROSTER_PEOPLE = 5  # a clause naming this many people is a roster (领导小组 组成人员)
# a member list by its labels (normalized text: 组　长： → 组长:), though it names posts, not people
ROSTER_LABEL = re.compile(r"(?:组长|成员(?:单位)?)[:：]")
# the strings ROSTER_LABEL finds in a match-normalized text (its colons are half width): what an engine is
# asked for, to find the labelled clauses without reading every clause's text
ROSTER_LABEL_FORMS = ("组长:", "成员:", "成员单位:")


def is_roster(record) -> bool:
    return record.kind == "clause" and len(getattr(record, "persons", ()) or ()) >= ROSTER_PEOPLE


def lists_members(record, match_text: str) -> bool:
    """A roster, or a clause labelled as a member list (组长：盟行署分管…副盟长 …): what a query asking for
    a body's members (…成员, …名单) is also read as."""
    return is_roster(record) or (record.kind == "clause" and ROSTER_LABEL.search(match_text) is not None)


def prior(record, params: RankParams = PARAMS) -> float:
    """What a record keeps of its word score for what it is (see the module's docstring)."""
    if record.kind != "chronicle" and record.substance == 0:
        return params.bare_heading
    if is_roster(record):
        return params.listing
    return 1.0


def weighted(words: Iterable[str], weight: float = 1.0) -> tuple[tuple[str, float], ...]:
    return tuple((w, weight) for w in dict.fromkeys(words))


__all__ = ["FIELDS", "Boost", "Query", "RankParams", "Ranker", "lists_members", "weighted"]
