"""Whoosh analyzers for the whoosh engine's fields.

Two kinds of field per record (see :mod:`indexer.whoosh_engine.schema`): jieba *word* fields used
to rank (:func:`WordsAnalyzer`) and a character *bigram* field used to select match candidates
(:func:`BigramAnalyzer`). Both produce exactly the terms of :mod:`analyzers.terms`
(``rank_words`` and ``bigrams``), so a query term is looked up by the same analysis.

Like whoosh's own tokenizers, the tokenizers here yield ONE reused
:class:`whoosh.analysis.Token` and honour ``positions``, ``chars``,
``start_pos``, ``start_char``, ``keeporiginal``, ``tokenize`` and ``mode``.
Character offsets (``chars=True``) always refer to the value passed in (the
original text), not to its normalized form.

``"\\x00"`` (:data:`SEP`) separates the parts of a field value (e.g.
``title + "\\x00" + body``): no token spans it and it occupies one position.
"""

from __future__ import annotations

from collections.abc import Sequence

from whoosh.analysis import Filter, Token, Tokenizer

from analyzers.normalize import (
    SEP,
    normalize,
    normalize_with_spans,
    rank_normalize,
    rank_normalize_with_spans,
)
from analyzers.segment import cut_words
from analyzers.terms import WORD_CHAR

__all__ = [
    "BigramAnalyzer",
    "CharNgramTokenizer",
    "JiebaTokenizer",
    "PreSegmented",
    "PunctuationFilter",
    "WordsAnalyzer",
]


class PreSegmented(str):
    """A field value whose jieba segmentation is already done.

    ``str(value)`` is the original text (what is stored / highlighted);
    ``value.words`` is ``cut_words(rank_normalize(text))``: a tuple of
    ``(word, start, end)`` with offsets into the *rank-normalized* text; or,
    made by :meth:`from_rank_text`, the ranking words alone (``offsets`` False).
    Built once per text with ``PreSegmented(text)`` and then passed as the
    value of any number of :func:`WordsAnalyzer` fields / documents, so jieba
    runs once per text.  Every other analyzer just sees a ``str``.

    Pickles as a plain ``str`` (so a stored field never carries the words).
    """

    words: tuple[tuple[str, int, int], ...]
    offsets: bool  # False: the words came without offsets (from_rank_text), good only for terms

    def __new__(cls, text: str, words: Sequence[tuple[str, int, int]] | None = None):
        self = super().__new__(cls, text)
        if words is None:
            words = cut_words(rank_normalize(text))
        self.words = tuple(words)
        self.offsets = True
        return self

    @classmethod
    def from_rank_text(cls, text: str, rank_text: str) -> PreSegmented:
        """A value whose ranking words (analyzers.terms.rank_text: already filtered, space-separated)
        are known, without their offsets: enough for a field that stores neither positions nor
        character offsets nor originals (the words fields); asked for any of those, the tokenizer
        cuts the text again."""
        self = super().__new__(cls, text)
        self.words = tuple((word, 0, 0) for word in rank_text.split(" ") if word)
        self.offsets = False
        return self

    def __reduce__(self):
        return (str, (str(self),))

    def __repr__(self):
        return f"PreSegmented({str.__repr__(self)}, <{len(self.words)} words>)"


class JiebaTokenizer(Tokenizer):
    """jieba words of :func:`rank_normalize` (value) in precise mode.

    Positions are word indexes (``start_pos``, ``start_pos + 1``, ...), not
    character offsets, so whoosh phrase queries work.  A :data:`SEP` takes
    one position and is not emitted.  White space is never a token.  If the
    value is a :class:`PreSegmented`, its words are used instead of running
    jieba again (one without offsets is cut again when positions, offsets or
    originals are asked for).
    """

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __hash__(self):
        return hash(self.__class__)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        assert isinstance(value, str), f"{value!r} is not unicode"
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = rank_normalize(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return

        words: Sequence[tuple[str, int, int]]
        if isinstance(value, PreSegmented) and (value.offsets or not (positions or chars or keeporiginal)):
            words = value.words
        else:
            words = cut_words(rank_normalize(value))
        if chars or keeporiginal:
            _norm, starts, ends = rank_normalize_with_spans(value)

        pos = start_pos
        for w, s, e in words:
            if w == SEP:
                pos += 1
                continue
            t.text = w
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[starts[s] : ends[e - 1]]
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + starts[s]
                t.endchar = start_char + ends[e - 1]
            pos += 1
            yield t


class PunctuationFilter(Filter):
    """Drops tokens made only of punctuation / symbols (no letter or digit).

    With ``renumber=True`` (default) the following positions close up, like
    whoosh's ``StopFilter``, so ``"应急，响应"`` still has 应急 and 响应 at
    adjacent positions.
    """

    def __init__(self, renumber: bool = True):
        self.renumber = renumber

    def __call__(self, tokens):
        renumber = self.renumber
        search = WORD_CHAR.search
        dropped = 0
        for t in tokens:
            if search(t.text) is None:
                dropped += 1
                continue
            if renumber and dropped and t.positions:
                t.pos -= dropped
            yield t


class CharNgramTokenizer(Tokenizer):
    """Overlapping character n-grams of :func:`normalize` (value).

    The gram starting at normalized offset ``i`` gets ``pos = start_pos + i``
    (so n-grams of consecutive characters have consecutive positions and a
    phrase of the query's n-grams matches exactly the substring).  Grams that
    would contain :data:`SEP` are not emitted (their positions are skipped).
    """

    def __init__(self, n: int = 2):
        if n < 1:
            raise ValueError("n must be >= 1")
        self.n = n

    def __eq__(self, other):
        return other.__class__ is self.__class__ and other.n == self.n

    def __hash__(self):
        return hash((self.__class__, self.n))

    def __repr__(self):
        return f"{self.__class__.__name__}(n={self.n})"

    def __call__(  # noqa: C901 - older than the limit; split it when it next changes
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        assert isinstance(value, str), f"{value!r} is not unicode"
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if chars:
            text, starts, ends = normalize_with_spans(value)
        else:
            text = normalize(value)

        if not tokenize:
            t.original = t.text = text
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return

        n = self.n
        if SEP in text:
            segments = []
            off = 0
            for part in text.split(SEP):
                if len(part) >= n:
                    segments.append((off, part))
                off += len(part) + 1
        elif len(text) >= n:
            segments = [(0, text)]
        else:
            return

        if chars or keeporiginal:
            # Slow path (highlighting, debugging): everything per token.
            for off, part in segments:
                for j in range(len(part) - n + 1):
                    i = off + j
                    t.text = part[j : j + n]
                    t.boost = 1.0
                    t.stopped = False
                    if keeporiginal:
                        t.original = value[starts[i] : ends[i + n - 1]] if chars else t.text
                    if positions:
                        t.pos = start_pos + i
                    if chars:
                        t.startchar = start_char + starts[i]
                        t.endchar = start_char + ends[i + n - 1]
                    yield t
        elif positions:
            # Index time (Positions format): the hot loop.  boost / stopped
            # are reset per token like whoosh's tokenizers do, since a
            # filter downstream may have changed them on the shared token.
            for off, part in segments:
                base = start_pos + off
                if n == 1:
                    for j, ch in enumerate(part, base):
                        t.text = ch
                        t.pos = j
                        t.boost = 1.0
                        t.stopped = False
                        yield t
                else:
                    for j in range(len(part) - n + 1):
                        t.text = part[j : j + n]
                        t.pos = base + j
                        t.boost = 1.0
                        t.stopped = False
                        yield t
        else:
            for _off, part in segments:
                for j in range(len(part) - n + 1):
                    t.text = part[j : j + n]
                    t.boost = 1.0
                    t.stopped = False
                    yield t


def WordsAnalyzer():
    """Ranking field analyzer: jieba words (precise mode) of the
    rank-normalized text, punctuation-only tokens dropped, positions = word
    indexes.  Accepts :class:`PreSegmented` values."""
    return JiebaTokenizer() | PunctuationFilter()


def BigramAnalyzer():
    """Match field analyzer: overlapping character bigrams of
    ``normalize(text)`` at ``pos = i``; none spanning ``"\\x00"``."""
    return CharNgramTokenizer(2)
