"""The tantivy schema and the token strings it is fed.

Tantivy never analyzes Chinese here: every text field uses its `whitespace` tokenizer and receives
tokens made in Python, separated by spaces (match-normalized text holds no white space, jieba words
hold none), so the index holds exactly the terms of :mod:`analyzers.terms`.

* `t2` / `b2` -- overlapping character bigrams of a document's title / of a record's body, WITH
  positions: bigram i at position i, so a term of three or more characters is a phrase of its bigrams
  at consecutive positions, i.e. exactly a substring; a two-character term is one term.
* `t1` / `b1` -- the characters themselves (no positions): one-character terms.
  Title and body are separate fields, so no match spans the two parts (matching.text_matches).
* `title_words` / `words` -- jieba words (BM25 ranking; analyzers.terms.rank_text, joined by the
  builder's segmenting workers), frequencies but no positions.
* `wenhao`, `cites`, `kind`, `source` -- raw values (文号 never go through jieba).
* `key` -- the engine's own record number (see keys.json), a fast field: matches come back as keys
  without reading a stored document, and a set of records is a term-set filter on it.
* `facets` -- each record's values of every facet of the facet table (indexer.facets) as raw terms
  `name:value` (facet_term), indexed and fast: facet counts and facet filters are answered by tantivy
  (selection.py). One field for all facets, not one per facet, so that one walk of its terms counts
  every facet under a query (at 100×: ~1.1 ms, where a walk per facet took 1.3–1.9 ms in all). The
  `validity:` terms are the document's status on the day the record was written (writer.STATUSES says
  which status each document's records carry, so the reader sees which have changed since); `doc` --
  the record's document, a fast field, for clause counts and for the documents whose status changed.
* `d_from` / `d_to` -- the record's date and its last day (a multi-day 大事记 entry's end) as
  YYYYMMDD integers: a date range is two range queries, overlap included.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import add

import numpy as np
import tantivy

from analyzers.normalize import SEP

from ..facets import FACETS

#: the facets whose values each record carries (validity: as of the day it was written, see above)
STORED_FACETS = tuple(f for f in FACETS if not f.computed)

FACETS_FIELD = "facets"
GAP = SEP  # a token between two parts of one body field: never a query bigram (those hold no SEP)


def build_schema():
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("key", stored=False, indexed=True, fast=True)
    for name in ("source", "kind", "wenhao", "cites"):
        sb.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("t2", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("b2", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("t1", tokenizer_name="whitespace", index_option="basic")
    sb.add_text_field("b1", tokenizer_name="whitespace", index_option="basic")
    sb.add_text_field("title_words", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("words", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field(FACETS_FIELD, stored=False, tokenizer_name="raw", index_option="basic", fast=True)
    sb.add_text_field("doc", stored=False, tokenizer_name="raw", index_option="basic", fast=True)
    for name in ("d_from", "d_to"):
        sb.add_integer_field(name, stored=False, indexed=True, fast=True)
    return sb.build()


def facet_term(name: str, value: str) -> str:
    """A facet value as the `facets` field holds it. Facet names hold no ":", so the first one ends
    the name and every term of one facet starts with facet_prefix(name)."""
    return f"{name}:{value}"


def facet_prefix(name: str) -> str:
    return name + ":"


def group_facet_terms(counted: Iterable[tuple[str, int]], names: Iterable[str]) -> dict[str, dict[str, int]]:
    """(term facet_term made, count) pairs → {facet name: {value: count}} for the facets `names`,
    zeros and other facets left out. A common query at 100× counts ~500 terms: split here in one loop,
    where a call per term cost ~0.3 ms."""
    out: dict[str, dict[str, int]] = {name: {} for name in names}
    facet = out.get
    for term, count in counted:
        if count:
            name, _, value = term.partition(":")
            values = facet(name)
            if values is not None:
                values[value] = count
    return out


def day_number(iso: str) -> int:
    """2022-01-04 → 20220104: the same order as the ISO strings (they are always YYYY-MM-DD)."""
    return int(iso.replace("-", ""))


def bigram_tokens(norm: str) -> str:
    """The bigrams of a normalized text, space-separated; a SEP inside it becomes a GAP token, so no
    bigram spans it and positions stay one per character."""
    if SEP not in norm:
        return _spaced_pairs(norm)
    return f" {GAP} ".join(_spaced_pairs(part) for part in norm.split(SEP) if len(part) > 1)


def char_tokens(norm: str) -> str:
    return _spaced(norm.replace(SEP, ""))


# Token strings of long texts are laid out as UTF-32 code points with numpy (one copy per column) and
# decoded once: joining a Python string per bigram cost ~1.2 s of a 100× build, this ~0.1 s. Below
# LONG characters numpy's fixed cost is more than the join's; text that cannot be UTF-32 encoded (a
# lone surrogate) is joined.
LONG = 64
_UTF32 = "utf-32-le"
_CODE = np.dtype("<u4")  # little-endian like the encoding, whatever the machine
_SPACE = ord(" ")


def _spaced_pairs(part: str) -> str:
    """ "ab bc cd": each two neighbouring characters, space-separated ("" under two characters)."""
    codes = _code_points(part)
    if codes is None:
        return " ".join(map(add, part, part[1:]))
    laid = np.empty((len(codes) - 1, 3), dtype=_CODE)
    laid[:, 0], laid[:, 1], laid[:, 2] = codes[:-1], codes[1:], _SPACE
    return laid.tobytes()[:-4].decode(_UTF32)


def _spaced(text: str) -> str:
    """ "a b c": each character, space-separated."""
    codes = _code_points(text)
    if codes is None:
        return " ".join(text)
    laid = np.empty((len(codes), 2), dtype=_CODE)
    laid[:, 0], laid[:, 1] = codes, _SPACE
    return laid.tobytes()[:-4].decode(_UTF32)


def _code_points(text: str) -> np.ndarray | None:
    if len(text) < LONG:
        return None
    try:
        return np.frombuffer(text.encode(_UTF32), dtype=_CODE)
    except UnicodeEncodeError:
        return None
