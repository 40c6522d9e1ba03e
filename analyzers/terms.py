"""Query-time and index-time terms that do not depend on any engine.

* :func:`bigrams` -- overlapping character bigrams of the match normalization, none spanning
  :data:`~analyzers.normalize.SEP`: what an engine's match field holds, and what a query term
  is looked up by.
* :func:`rank_words` -- jieba words of the ranking normalization that hold a letter or digit:
  what an engine's ranking fields hold, and what a query term is scored by.
"""

from __future__ import annotations

import re

from .normalize import SEP, normalize, rank_normalize
from .segment import cut_words

__all__ = ["WORD_CHAR", "bigrams", "keep_word", "rank_text", "rank_words"]

#: A token is kept for ranking if it holds a letter or digit of any script (not punctuation only).
WORD_CHAR = re.compile(r"[^\W_]")


def keep_word(word: str) -> bool:
    # WORD_CHAR is what str.isalnum() says of one character, so a word that is all letters or digits
    # (nearly every jieba word) is settled by isalnum() in C, and only the rest by the regex
    return word.isalnum() or WORD_CHAR.search(word) is not None


def bigrams(text: str) -> list[str]:
    """The bigrams of ``normalize(text)`` in order; ``[]`` under two characters. SEP splits."""
    out: list[str] = []
    for part in normalize(text).split(SEP):
        out.extend(part[i : i + 2] for i in range(len(part) - 1))
    return out


def rank_text(norm: str) -> str:
    """The ranking words of an already rank-normalized line, space-separated: what a ranking field
    holds when an engine is given its words as text (rank_words' words, from a normalized line)."""
    return " ".join(w for w, _, _ in cut_words(norm) if keep_word(w))


def rank_words(text: str) -> list[str]:
    """The ranking words of *text*, exactly as index time produces them (SEP is a boundary)."""
    return [w for w, _, _ in cut_words(rank_normalize(text.replace(SEP, " "))) if keep_word(w)]
