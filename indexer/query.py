"""The user's query language, parsed and compiled by us (never whoosh's own parser).

    秸秆 禁烧            both terms (AND)
    医疗 OR 卫生         either
    -疫情 / NOT 疫情     exclude
    "应急响应预案"       exact phrase (white space inside is ignored, as in the text)
    兴署发[2022]6号      a 文号 in any printed form: that document, then the documents citing it

Every term matches where its normalized text is a substring of the record's normalized text.
Bigram postings select candidates; the searcher confirms them (see indexer/schema.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from analyzers.normalize import normalize
from analyzers.whoosh_analysis import query_bigrams, query_words
from corpus.wenhao import WENHAO_IN_QUERY, Wenhao, parse_wenhao

from .api import SearchError

QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』"}
OR_WORDS = {"OR", "|"}
NOT_WORDS = {"NOT"}


@dataclass(frozen=True)
class Unit:
    """One searchable thing: a term, a phrase, or a 文号."""

    text: str  # as typed
    wenhao: Wenhao | None = None

    @property
    def normalized(self) -> str:
        return normalize(self.wenhao.canonical if self.wenhao else self.text)


@dataclass
class ParsedQuery:
    groups: list[list[Unit]] = field(default_factory=list)  # AND of ORs
    excluded: list[Unit] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded

    @property
    def positive_units(self) -> list[Unit]:
        return [u for group in self.groups for u in group]

    @property
    def wenhao_units(self) -> list[Unit]:
        return [u for u in self.positive_units if u.wenhao]


def tokenize(text: str) -> list[tuple[str, object]]:
    """Tokens: ("TERM", Unit), ("OR", None), ("NOT", None). Raises SearchError on unbalanced quotes."""
    tokens: list[tuple[str, object]] = []
    i, n = 0, len(text)
    plain_start = 0

    def flush_plain(segment: str) -> None:
        pos = 0
        for match in WENHAO_IN_QUERY.finditer(segment):
            wenhao = parse_wenhao(match.group(0))
            if wenhao is None:
                continue
            _plain_words(segment[pos:match.start()], tokens)
            if tokens and tokens[-1] == ("DASH", None):
                tokens[-1] = ("NOT", None)
            tokens.append(("TERM", Unit(match.group(0).strip(), wenhao)))
            pos = match.end()
        _plain_words(segment[pos:], tokens)

    while i < n:
        ch = text[i]
        if ch in QUOTES:
            close = text.find(QUOTES[ch], i + 1)
            if close < 0:
                raise SearchError(f"q: the quote {ch} at character {i + 1} is never closed", "q")
            flush_plain(text[plain_start:i])
            if tokens and tokens[-1] == ("DASH", None):
                tokens[-1] = ("NOT", None)
            phrase = text[i + 1 : close]
            if not phrase.strip():
                raise SearchError(f"q: empty phrase {ch}{QUOTES[ch]} at character {i + 1}", "q")
            wenhao = parse_wenhao(phrase)
            tokens.append(("TERM", Unit(phrase, wenhao)))
            i = plain_start = close + 1
            continue
        if ch in "”」』":
            raise SearchError(f"q: the quote {ch} at character {i + 1} closes nothing", "q")
        i += 1
    flush_plain(text[plain_start:])
    if ("DASH", None) in tokens:
        raise SearchError("q: '-' must be followed by the term to exclude", "q")
    return tokens


def _plain_words(segment: str, tokens: list) -> None:
    for word in segment.split():
        if word in OR_WORDS:
            tokens.append(("OR", None))
        elif word in NOT_WORDS:
            tokens.append(("NOT", None))
        elif word == "-":
            tokens.append(("DASH", None))
        elif word.startswith("-") and len(word) > 1:
            tokens.append(("NOT", None))
            tokens.append(("TERM", Unit(word[1:])))
        elif word.endswith("-") and len(word) > 1:
            tokens.append(("TERM", Unit(word[:-1])))
            tokens.append(("DASH", None))
        else:
            tokens.append(("TERM", Unit(word)))


def parse_query(text: str) -> ParsedQuery:
    tokens = tokenize(text)
    parsed = ParsedQuery()
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "OR":
            raise SearchError("q: OR needs a term on each side", "q")
        negate = kind == "NOT"
        if negate:
            i += 1
            if i >= len(tokens) or tokens[i][0] != "TERM":
                raise SearchError("q: NOT / - must be followed by the term to exclude", "q")
            value = tokens[i][1]
        _check(value)
        i += 1
        if negate:
            if i < len(tokens) and tokens[i][0] == "OR":
                raise SearchError(f"q: an excluded term (-{value.text}) cannot be joined with OR", "q")
            parsed.excluded.append(value)
            continue
        group = [value]
        while i < len(tokens) and tokens[i][0] == "OR":
            if i + 1 >= len(tokens) or tokens[i + 1][0] != "TERM":
                raise SearchError("q: OR needs a term on each side", "q")
            _check(tokens[i + 1][1])
            group.append(tokens[i + 1][1])
            i += 2
        parsed.groups.append(group)
    return parsed


WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or Han character


def _check(unit: Unit) -> None:
    if not WORD_CHAR.search(unit.normalized):
        raise SearchError(f"q: '{unit.text}' has no searchable characters", "q")


def match_query(unit: Unit, pick=None) -> wq.Query | None:
    """Records that may contain the unit: those holding all of its bigrams (exact for two characters;
    None for one character: every record may). The searcher confirms candidates by a substring test
    (see needs_confirming). A 文号 also matches its own document's records and the records citing it. `pick(bigrams)` may choose a few of a long term's bigrams (the rarest):
    candidates grow a little, the posting lists read shrink."""
    norm = unit.normalized
    text_q: wq.Query | None = None
    if len(norm) > 1:
        grams = sorted(set(query_bigrams(norm)))
        if pick and len(grams) > 2:
            grams = pick(grams)
        text_q = wq.Term("grams", grams[0]) if len(grams) == 1 else wq.And([wq.Term("grams", g) for g in grams])
    if unit.wenhao:
        return wq.Or([q for q in (own_or_citing(unit), text_q) if q is not None])
    return text_q


def needs_confirming(unit: Unit) -> bool:
    """Whether match_query's records must still be checked: all but two-character terms."""
    return len(unit.normalized) != 2


def own_or_citing(unit: Unit) -> wq.Query:
    """The records of the document whose own number the unit is, and the records citing it."""
    canonical = unit.wenhao.canonical
    return wq.Or([wq.Term("wenhao", canonical), wq.Term("cites", canonical)])


def rank_query(unit: Unit) -> wq.Query | None:
    """What orders the matches: whole jieba words, title and heading words; a 文号's own document.

    The n-gram match itself is not scored again (that phrase evaluation is the costly part); matches
    with no whole-word hit rank after the scored ones."""
    parts: list[wq.Query] = []
    if unit.wenhao:
        canonical = unit.wenhao.canonical
        parts.append(wq.And([wq.Term("wenhao", canonical), wq.Term("kind", "document")], boost=100.0))
        parts.append(wq.Term("wenhao", canonical, boost=20.0))
        parts.append(wq.Term("cites", canonical, boost=5.0))
        return wq.Or(parts)
    words = query_words(unit.text)
    if words:
        parts.append(wq.Or([wq.Term("words", w) for w in words], boost=3.0))
        parts.append(wq.Or([wq.Term("title_words", w) for w in words], boost=4.0))
    # No phrase over the words: every match already holds the term's characters contiguously.
    return wq.Or(parts) if parts else None


def highlight_terms(parsed: ParsedQuery) -> list[str]:
    """Normalized strings to mark in snippets: the positive units, longest first."""
    terms = {u.normalized for u in parsed.positive_units}
    return sorted(terms, key=len, reverse=True)

