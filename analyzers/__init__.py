"""jieba-based analysis for index time and query time.

Depends only on the standard library, jieba and whoosh.

* :mod:`analyzers.normalize` -- match / ranking normalization (+ offsets).
* :mod:`analyzers.segment` -- the jieba tokenizer with ``userdict.txt``,
  :func:`cut_words`, :func:`analysis_fingerprint`.
* :mod:`analyzers.whoosh_analysis` -- whoosh analyzers and query helpers.
"""

from .normalize import (
    SEP,
    normalize,
    normalize_with_offsets,
    normalize_with_spans,
    rank_normalize,
    rank_normalize_with_spans,
)
from .segment import ANALYZER_VERSION, analysis_fingerprint, cut_words
from .whoosh_analysis import (
    BigramAnalyzer,
    PreSegmented,
    UnigramAnalyzer,
    WordsAnalyzer,
    query_bigrams,
    query_words,
)

__all__ = [
    "ANALYZER_VERSION",
    "SEP",
    "BigramAnalyzer",
    "PreSegmented",
    "UnigramAnalyzer",
    "WordsAnalyzer",
    "analysis_fingerprint",
    "cut_words",
    "normalize",
    "normalize_with_offsets",
    "normalize_with_spans",
    "query_bigrams",
    "query_words",
    "rank_normalize",
    "rank_normalize_with_spans",
]
