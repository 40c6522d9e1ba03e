"""Evaluating a query tree against one build: which records match (sets of record ordinals).

The tree comes from `indexer.querylang`; the reader (any engine) answers "which records contain this
normalized string"; what the records say about themselves (文号, offices) is read from the records.
`text_matches` evaluates the same tree on a single string: the definition every engine must agree with.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from analyzers.abbreviations import contains_form
from analyzers.normalize import SEP, normalize

from .querylang import And, Dated, Near, Node, Not, Office, Or, Records, Series, Term

DATED_KINDS = ("document", "chronicle")
WIDE = 20  # a bound holding a 20th of the records or more is answered from the term's whole answer  # what a date typed as text finds (a clause: its document)

TEXT_BATCH = 512  # NEAR's candidates whose texts are asked for at once


class Matcher:
    def __init__(
        self, reader, records: Sequence, universe: set[int], evaluates_trees: bool = False, dated_between=None
    ):
        self.reader = reader
        self.records = records
        self.universe = universe
        # records dated within [low, high] (the snapshot's bisection), for Dated; else a scan
        self.dated_between = dated_between
        self.cache: dict[Node, set[int]] = {}
        # an engine that evaluates a whole boolean tree itself (Capabilities.evaluates_trees)
        self.engine_matching = reader.matching if evaluates_trees else None

    def docs(self, node: Node | None, within: set[int] | None = None) -> set[int]:
        """Records matching `node`; `within`, when given, bounds the answer (a cheaper search)."""
        if node is None:
            return set(self.universe if within is None else within)
        if node in self.cache:
            found = self.cache[node]
            return found if within is None else found & within
        if within is not None and isinstance(node, Term) and len(within) * WIDE >= len(self.universe):
            # a bound this wide saves the engine nothing (it reads the term's postings either way): the
            # whole answer is kept, for the request's later questions (its tiers ask again)
            return self.docs(node) & within
        in_engine = self._in_engine(node) if within is None else None
        found = self._evaluate(node, within) if in_engine is None else in_engine
        if within is None:
            self.cache[node] = found
        return found

    def _in_engine(self, node: Node) -> set[int] | None:
        """A boolean tree evaluated by the engine in one search, when it can (None: it cannot)."""
        if self.engine_matching is None or not isinstance(node, (And, Or, Not)):
            return None
        found = self.engine_matching(node)
        return None if found is None else found & self.universe

    def _evaluate(self, node: Node, within: set[int] | None) -> set[int]:
        if isinstance(node, Term):
            found = self._term(node, within)
        elif isinstance(node, And):
            found = self._and(node, within)
        elif isinstance(node, Or):
            found = set().union(*(self.docs(c, within) for c in node.children))
        elif isinstance(node, Not):
            base = self.universe if within is None else within
            found = base - self.docs(node.child, within)
        elif isinstance(node, Near):
            found = self._near(node, within)
        elif isinstance(node, Series):
            found = {o for o in (self.universe if within is None else within) if series_matches(node, self.records[o])}
        elif isinstance(node, Records):
            found = set(node.ordinals & (self.universe if within is None else within))
        elif isinstance(node, Dated):
            base = self.universe if within is None else within
            if self.dated_between is not None:
                kinds = dated_kinds(node)
                found = {o for o in self.dated_between(node.low, node.high) & base if self.records[o].kind in kinds}
            else:
                found = {o for o in base if dated_matches(node, self.records[o])}
        elif isinstance(node, Office):
            wanted = normalize(node.text)
            found = {
                o
                for o in (self.universe if within is None else within)
                if any(wanted in normalize(office) for office in self.records[o].offices)
            }
        else:  # pragma: no cover - every node kind is handled above
            raise TypeError(node)
        return found

    def _term(self, term: Term, within: set[int] | None) -> set[int]:
        found = self.reader.containing(term.norm, term.field, within)
        if term.guarded:  # a short form: only where the text's words do not cut it
            found = {
                o
                for o in found
                if any(contains_form(term.norm, p) for p in _parts(self.reader.match_text(o), term.field))
            }
        if term.wenhao:  # own-number and citing records hold even where the number is printed otherwise
            canonical = term.wenhao.canonical
            extra = self.reader.with_wenhao(canonical) | self.reader.citing(canonical)
            found |= extra if within is None else extra & within
        return found & self.universe

    def _and(self, node: And, within: set[int] | None) -> set[int]:
        positives = sorted((c for c in node.children if not isinstance(c, Not)), key=_selectivity)
        negatives = [c.child for c in node.children if isinstance(c, Not)]
        result = within
        for child in positives:
            result = self.docs(child, result)
            if not result:
                return set()
        if result is None:
            result = set(self.universe)
        for child in negatives:
            if not result:
                break
            result = result - self.docs(child, result)
        return result

    def _near(self, node: Near, within: set[int] | None) -> set[int]:
        both = sorted(self.docs(node.right, self.docs(node.left, within)))
        found: set[int] = set()
        for at in range(0, len(both), TEXT_BATCH):
            batch = both[at : at + TEXT_BATCH]
            found.update(o for o, text in zip(batch, self.reader.match_texts(batch)) if near_matches(node, text))
        return found


def _selectivity(node: Node) -> int:
    """Evaluate the likely rarest first: long terms before short ones, filters on metadata last."""
    if isinstance(node, Term):
        return -len(node.norm)
    if isinstance(node, (Series, Office, Dated, Records)):
        return 1
    terms = node.terms()
    return -max((len(t.norm) for t in terms), default=0)


class OfficeNames:
    """The issuing offices a build holds, with their match forms: 发文机关:X is the records of the offices whose
    name holds X, both read by the match normalization (as the Matcher reads each record's offices). Made
    once a build, so a query compares against normalized names instead of normalizing every office."""

    def __init__(self, offices: Iterable[str]):
        self.names = tuple(sorted(set(offices)))
        self._normalized = [(normalize(name), name) for name in self.names]

    def holding(self, text: str) -> list[str]:
        """The offices whose name holds `text` (normalized here), in name order."""
        wanted = normalize(text)
        return [name for norm, name in self._normalized if wanted in norm]


def dated_kinds(node: Dated) -> tuple[str, ...]:
    """The kinds of record a Dated node matches: documents and 大事记 entries, and clauses for a span
    (Dated.clauses: 2022年2月以后, 年份:2022)."""
    return (*DATED_KINDS, "clause") if node.clauses else DATED_KINDS


def dated_matches(node: Dated, record) -> bool:
    """A document or 大事记 entry dated within the node's days (a multi-day entry by overlap); for a span, a
    clause by its document's date too."""
    date = record.date
    if record.kind not in dated_kinds(node) or not date:
        return False
    return date <= node.high and max(date, record.end_date or date) >= node.low


def series_matches(node: Series, record) -> bool:
    wenhao = record.wenhao
    if not wenhao or not wenhao.startswith(node.code + "〔"):
        return False
    return node.year is None or wenhao.startswith(f"{node.code}〔{node.year}〕")


def _parts(match_text: str, field: str | None) -> list[str]:
    """The parts of a normalized match text a field searches. A document's is "title SEP body";
    other records have no title."""
    parts = match_text.split(SEP)
    if len(parts) < 2:
        return [] if field == "title" else parts
    if field == "title":
        return parts[:1]
    if field == "text":
        return parts[1:]
    return parts


def near_matches(node: Near, match_text: str) -> bool:
    """Both terms within node.distance characters (either order) in one part of the normalized text."""
    a, b, distance = node.left.norm, node.right.norm, node.distance
    for part in _parts(match_text, node.left.field):
        starts_b = _occurrences(part, b)
        j = 0
        for sa in _occurrences(part, a):
            # skip the b that end more than `distance` before this a starts (a only moves right)
            while j < len(starts_b) and starts_b[j] + len(b) + distance < sa:
                j += 1
            if j < len(starts_b) and starts_b[j] <= sa + len(a) + distance:
                return True
    return False


def _occurrences(text: str, term: str) -> list[int]:
    out, at = [], text.find(term)
    while at >= 0:
        out.append(at)
        at = text.find(term, at + 1)
    return out


def text_matches(
    node: Node | None, match_text: str, record=None, whole: bool = True, ordinal: int | None = None
) -> bool:
    """The reference: does one record's normalized match text (title SEP body) satisfy `node`?

    With whole=False the text is one unit of the record (a sentence, paragraph or clause): a 文号 then
    holds only where it is printed in that unit, while 文号 series and offices are read from `record`, and
    what the query was also read as (a roster, a validity question: Records) from its `ordinal`."""
    if node is None:
        return True
    if isinstance(node, Records) and ordinal is not None:
        return ordinal in node.ordinals
    if isinstance(node, Term):
        parts = _parts(match_text, node.field)
        if any(contains_form(node.norm, part) if node.guarded else node.norm in part for part in parts):
            return True
        if node.wenhao and record is not None and whole:
            canonical = node.wenhao.canonical
            return record.wenhao == canonical or canonical in record.cites
        return False
    if isinstance(node, And):
        return all(text_matches(c, match_text, record, whole, ordinal) for c in node.children)
    if isinstance(node, Or):
        return any(text_matches(c, match_text, record, whole, ordinal) for c in node.children)
    if isinstance(node, Not):
        return not text_matches(node.child, match_text, record, whole, ordinal)
    if isinstance(node, Near):
        return near_matches(node, match_text)
    if isinstance(node, Series):
        return record is not None and series_matches(node, record)
    if isinstance(node, Dated):
        return record is not None and dated_matches(node, record)
    if isinstance(node, Office):
        return record is not None and any(normalize(node.text) in normalize(o) for o in record.offices)
    raise TypeError(node)
