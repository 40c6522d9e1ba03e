"""The whoosh schema, declared once.

Two kinds of text field: `words` (jieba words, BM25 ranking) on every record, and `grams`
(overlapping character bigrams of the match-normalized text) on documents and 大事记 entries.
A term's bigrams select candidate records; a clause is a candidate when its document is (its text is
part of the document's); the searcher then confirms each candidate by a substring test on its
normalized text, so recall equals a plain substring scan. No positions are stored for the bigrams and
clauses carry none: confirming candidates is cheaper than decoding positions or writing every
character of the corpus twice. One-character terms are confirmed over all records.
文号 are ID/KEYWORD fields, kept out of jieba (which would drop the number).
"""
from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from analyzers.whoosh_analysis import BigramAnalyzer, WordsAnalyzer


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        source=ID(stored=True),  # issue file it came from: incremental re-indexing deletes by it
        wenhao=ID(),  # the document's own 文号, canonical (also on its clauses)
        cites=KEYWORD(commas=True),  # canonical 文号 quoted in the text
        order=NUMERIC(stored=True),  # position in the corpus, for stable tie-breaks
        title_words=TEXT(analyzer=WordsAnalyzer(), phrase=False),
        words=TEXT(analyzer=WordsAnalyzer(), phrase=True),
        grams=TEXT(analyzer=BigramAnalyzer(), phrase=False),
        payload=STORED(),
    )
