"""The whoosh schema, declared once.

Two kinds of text field per record: `words` (jieba words, BM25 ranking) and `grams` (overlapping
character bigrams of the match-normalized text). A two-character term matches exactly where its bigram
is; a longer term's rarest bigrams select candidates, which the searcher confirms by a substring test
on the normalized text; a one-character term is confirmed over all records. So recall equals a plain
substring scan. No positions are stored for the bigrams: confirming candidates is cheaper than decoding
positions for a phrase, and a single-character field would double the postings written.
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
