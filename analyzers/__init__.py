"""Normalization and jieba segmentation, shared by index time and query time. No engine here.

* :mod:`analyzers.normalize` -- match / ranking normalization (+ offsets back to the source).
* :mod:`analyzers.segment` -- the jieba tokenizer with ``userdict.txt``, :func:`cut_words`,
  :func:`analysis_fingerprint`.
* :mod:`analyzers.terms` -- :func:`bigrams` (what is matched) and :func:`rank_words` (what is ranked).
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
from .terms import bigrams, rank_words

__all__ = [
    "ANALYZER_VERSION",
    "SEP",
    "analysis_fingerprint",
    "bigrams",
    "cut_words",
    "normalize",
    "normalize_with_offsets",
    "normalize_with_spans",
    "rank_normalize",
    "rank_normalize_with_spans",
    "rank_words",
]
