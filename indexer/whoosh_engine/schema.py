"""The whoosh schema, declared once.

Two kinds of text field per record: `words` / `title_words` (jieba words, BM25F ranking) and `grams`
(overlapping character bigrams of the match-normalized text). A two-character term matches exactly
where its bigram is; a longer term's rarest bigrams select candidates, which the reader confirms by a
substring test on the normalized text; a one-character term is answered by the character postings the
writer keeps beside the index (chars.py). So recall equals a plain substring scan. No positions are
stored for the bigrams: confirming candidates is cheaper than decoding positions for a phrase, and a
single-character whoosh field would cost a Python call per posting to write (chars.py sorts with numpy).
文号 are ID/KEYWORD fields, kept out of jieba (which would drop the number).
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, TEXT, FieldType, Schema
from whoosh.formats import Existence

from .analysis import BigramAnalyzer, WordsAnalyzer


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),  # maps whoosh document numbers back to record ordinals
        kind=ID(),  # a 文号 query boosts the document itself over its clauses
        source=ID(),  # issue file it came from: incremental re-indexing deletes by it
        wenhao=ID(),  # the document's own 文号, canonical (also on its clauses)
        cites=KEYWORD(commas=True),  # canonical 文号 quoted in the text
        title_words=TEXT(analyzer=WordsAnalyzer(), phrase=False),
        words=TEXT(analyzer=WordsAnalyzer(), phrase=False),
        # match only, never scored: which records hold a bigram (Existence: no frequencies, no lengths —
        # whoosh would otherwise look up a field length for each of millions of postings while writing)
        grams=FieldType(Existence(), BigramAnalyzer(), scorable=False),
    )
