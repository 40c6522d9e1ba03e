"""Each record's facet terms by key, kept beside the index, for counting the facets of a small selection.

tantivy's terms aggregation over the `facets` field costs ~0.3 ms even for a few dozen hits, most of it
handing each of the ~150–500 buckets (every issue, office, person …) to Python as a dict; reading a
small selection's keys out of tantivy (~0.4 µs a hit) and counting their facet terms with numpy costs a
quarter of that (selection.READ_MAX says up to how many hits). The same rows give the clauses of each
document on a page (a clause's document number), without running the query again.

    facetrows.json   {"terms": [facet term, …] (id = position), "docs": [document id, …] (number = position + 1)}
    facetrows.bin    little-endian uint32: keys n, then n + 1 offsets into the ids, the ids (each key's
                     terms, as the `facets` field holds them: validity as written), and n clause documents
                     (the document number of a clause, 0 for any other record)

An incremental build reads both and appends (ids and numbers are never reused), as keys are.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path

import numpy as np

TERMS_FILE = "facetrows.json"
ROWS_FILE = "facetrows.bin"
_LITTLE = sys.byteorder == "little"
_U32 = np.dtype("<u4")


class FacetRowsWriter:
    def __init__(self, engine_dir: Path, append: bool):
        self.engine_dir = engine_dir
        self.term_ids: dict[str, int] = {}
        self.doc_numbers: dict[str, int] = {}
        self.offsets = array("I", [0])
        self.ids = array("I")
        self.clause_docs = array("I")
        if append:
            table = json.loads((engine_dir / TERMS_FILE).read_text(encoding="utf-8"))
            self.term_ids = {term: i for i, term in enumerate(table["terms"])}
            self.doc_numbers = {doc: i + 1 for i, doc in enumerate(table["docs"])}
            offsets, ids, clause_docs = _split((engine_dir / ROWS_FILE).read_bytes())
            self.offsets, self.ids, self.clause_docs = array("I", offsets), array("I", ids), array("I", clause_docs)
            (engine_dir / TERMS_FILE).unlink()
            (engine_dir / ROWS_FILE).unlink()

    @property
    def rows(self) -> int:
        return len(self.clause_docs)

    def add(self, terms: Iterable[str], clause_doc: str | None) -> None:
        """The next key's facet terms, and its document when it is a clause."""
        ids, term_ids = self.ids, self.term_ids
        for term in terms:
            ids.append(term_ids.setdefault(term, len(term_ids)))
        self.offsets.append(len(ids))
        self.clause_docs.append(self.doc_numbers.setdefault(clause_doc, len(self.doc_numbers) + 1) if clause_doc else 0)

    def close(self) -> None:
        table = {"terms": list(self.term_ids), "docs": list(self.doc_numbers)}
        (self.engine_dir / TERMS_FILE).write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        parts = [array("I", [self.rows]), self.offsets, self.ids, self.clause_docs]
        if not _LITTLE:
            for part in parts:
                part.byteswap()
        (self.engine_dir / ROWS_FILE).write_bytes(b"".join(part.tobytes() for part in parts))


def _split(data: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(offsets, ids, clause documents) of a rows file; ValueError when its layout does not add up."""
    words = np.frombuffer(data, dtype=_U32)
    if len(words) < 2:
        raise ValueError(f"{ROWS_FILE} 过短")
    n = int(words[0])
    offsets = words[1 : n + 2]
    if len(offsets) != n + 1 or len(words) != 1 + (n + 1) + int(offsets[-1]) + n:
        raise ValueError(f"{ROWS_FILE} 的长度与其中的记录数不符")
    ids = words[n + 2 : n + 2 + int(offsets[-1])]
    return offsets, ids, words[n + 2 + int(offsets[-1]) :]  # views of `data`: nothing copied


class FacetRows:
    """The rows of a build, read-only: facet counts and clause counts of a set of keys."""

    def __init__(self, table: dict, data: bytes):
        self.offsets, self.ids, self.clause_docs = _split(data)
        # each term as its facet's place in `names` and its value (a string per term, not per record)
        places: dict[str, int] = {}
        self.values: list[str] = []
        self.facet_of = array("H")
        for term in table["terms"]:
            name, _, value = term.partition(":")
            self.facet_of.append(places.setdefault(name, len(places)))
            self.values.append(value)
        self.names = list(places)
        self.doc_numbers = {doc: i + 1 for i, doc in enumerate(table["docs"])}
        too_high = int(self.ids.max(initial=0)) >= max(len(self.values), 1)
        if too_high or int(self.clause_docs.max(initial=0)) > len(self.doc_numbers):
            raise ValueError(f"{ROWS_FILE} 中的编号超出 {TERMS_FILE} 的范围")

    @property
    def rows(self) -> int:
        return len(self.clause_docs)

    def facet_counts(self, keys: np.ndarray, names: Iterable[str]) -> dict[str, dict[str, int]]:
        """{facet name: {value: records}} of the records `keys`, for the facets `names`."""
        out: dict[str, dict[str, int]] = {name: {} for name in names}
        if not len(keys):
            return out
        starts = self.offsets[keys].astype(np.int64)
        lengths = self.offsets[keys + 1].astype(np.int64) - starts
        total = int(lengths.sum())
        if not total:
            return out
        # every key's run of ids, gathered: run i's j-th id is at starts[i] + j
        first = np.cumsum(lengths) - lengths
        ids = self.ids[np.repeat(starts - first, lengths) + np.arange(total)]
        counts = np.bincount(ids, minlength=len(self.values))
        present = np.flatnonzero(counts)
        wanted = [out.get(name) for name in self.names]
        facet_of, values = self.facet_of, self.values
        for term_id, count in zip(present.tolist(), counts[present].tolist()):
            into = wanted[facet_of[term_id]]
            if into is not None:
                into[values[term_id]] = count
        return out

    def clause_counts(self, keys: np.ndarray, doc_ids: list[str]) -> dict[str, int]:
        """How many of the records `keys` are clauses of each of these documents."""
        numbers = self.clause_docs[keys]
        per_doc = np.bincount(numbers[numbers > 0].astype(np.int64), minlength=len(self.doc_numbers) + 1)
        number = self.doc_numbers.get
        return {doc: int(per_doc[n]) if (n := number(doc)) else 0 for doc in doc_ids}
