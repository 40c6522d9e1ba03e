"""The engine seam.

Three levels, each a Protocol:

* `SearchService` -- what the web app and the CLI use: search, export, documents, issues. One
  implementation (`indexer.service.GazetteSearch`) that is the same for every engine.
* `IndexReader` / `IndexWriter` -- what an engine provides below it, for one build: which records
  contain a normalized string, which carry a 文号, ranking scores, display text; and the writer that
  takes records with their jieba words already cut (segmentation is the builder's job, done once).
* `Engine` -- opens readers and writers on a build's `engine/` directory.
* `Selection` -- the records a request selects (its query and filters), as the service asks about
  them: how many, the facet counts, the best-ranked, all of them. `indexer.selection.SetSelection`
  answers from sets of ordinals for any engine; an engine may answer itself (`IndexReader.select`,
  optional: tantivy counts facets in its own index and reads out only the page).

Records are numbered by *ordinal*: the position in the build's record list (`records/*.json` in
file order), never an engine's internal document number, so sets of records mean the same thing
whatever engine produced them. The engine a build was made with is named in its meta.json, and
`open_search` opens that one.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .api import Hit, SearchRequest, SearchResult

DEFAULT_ENGINE = "whoosh"
ENGINES = {"whoosh": "indexer.whoosh_engine", "tantivy": "indexer.tantivy_engine"}  # name → module exposing ENGINE


@dataclass(frozen=True)
class RankSpec:
    """What orders matched records: jieba words of the query's positive terms, and 文号 whose own
    document (and citing records) should come first."""

    words: tuple[str, ...] = ()
    wenhao: tuple[str, ...] = ()  # canonical


@dataclass(frozen=True)
class FacetFilter:
    """Records with any of `values` of the facet `name` (never the computed validity facet)."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class ValidityFilter:
    """Records of the documents that have any of these validity statuses today."""

    name: str  # "validity"
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class WenhaoFilter:
    """The records of the document whose own number this is (`cites=False`), or those citing it."""

    name: str  # "_wenhao" or "_cites"
    canonical: str
    cites: bool


@dataclass(frozen=True)
class DateFilter:
    """Records dated within [low, high] (ISO dates); a multi-day 大事记 entry by overlap."""

    name: str  # "_date"
    low: str
    high: str


Filter = FacetFilter | ValidityFilter | WenhaoFilter | DateFilter


class Selection(Protocol):
    """The records one request selects: its query's matches under all of its filters."""

    def count(self) -> int: ...

    def facet_counts(self, name: str) -> dict[str, int]:
        """value → records, under every filter but those of the facet `name` itself (so the other
        values of a facet stay countable for choosing several); values with no record left out."""

    def rank(self, spec: RankSpec, limit: int) -> list[tuple[int, float]]:
        """The best-scoring `limit` selected records any ranking word or 文号 occurs in, best first,
        ties by ordinal."""

    def ordinals(self) -> set[int]:
        """Every selected record (for the orders by 文号 and by citations)."""

    def first_by_date(self, count: int, newest_first: bool, by_date) -> list[int]:
        """The first `count` selected records in `by_date` (the service's Order: undated records first,
        then by date, ties by ordinal), or in its reverse when `newest_first`."""

    def clause_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """Selected clauses of each of these documents."""


@dataclass(frozen=True)
class Segmented:
    """A record as the builder hands it to a writer: the record and the jieba ranking words of its
    text and of its ranked title (analyzers.terms.rank_text: filtered, space-separated; None when it
    has no ranked title)."""

    record: object  # indexer.records.IndexRecord
    rank_text: str
    title_rank_text: str | None


class IndexReader(Protocol):
    def containing(self, norm: str, part: str | None = None, within: set[int] | None = None) -> set[int]:
        """Ordinals of records whose match text contains `norm` (already normalized), exactly as a
        substring scan would find them. `part`: None (anywhere), "title" or "text". `within`, when
        given, bounds the answer: the reader may test those records instead of reading postings."""

    def match_text(self, ordinal: int) -> str:
        """The record's normalized match text: "title SEP body" for a document, else its text."""

    def with_wenhao(self, canonical: str) -> set[int]:
        """Records of the document whose own number this is (the document and its clauses)."""

    def citing(self, canonical: str) -> set[int]:
        """Records whose text cites this 文号."""

    def rank(self, spec: RankSpec, allowed: set[int], limit: int) -> list[tuple[int, float]]:
        """The best-scoring `limit` of `allowed` that any ranking word or 文号 occurs in, best first."""

    def text(self, ordinal: int) -> str:
        """The record's display text (snippets are cut from it)."""

    def close(self) -> None: ...

    # Optional: `matching(node) -> set[int] | None`, the records matching a whole boolean tree of
    # terms evaluated by the engine in one search (None: a node it does not evaluate). The Matcher
    # uses it when present (tantivy); without it, the tree is evaluated term by term with `containing`.
    #
    # Optional: `select(tree, filters, status_docs) -> Selection | None`, the request answered by the
    # engine itself (None: something in it the engine does not evaluate). `status_docs`: validity
    # status → the documents that have it today, for the validity facet.


class IndexWriter(Protocol):
    def delete_source(self, source: str) -> None:
        """Remove every record that came from this issue file (incremental builds)."""

    def add(self, item: Segmented) -> None: ...

    def commit(self) -> list[str]:
        """Finish writing; returns the ids of every record in the index, in the engine's order."""

    def cancel(self) -> None: ...


class Engine(Protocol):
    name: str
    keeps_text: bool  # the engine stores each record's text itself: the build's records JSON need not

    def writer(self, engine_dir: Path, base: Path | None) -> IndexWriter:
        """A writer into `engine_dir`, starting from a copy of the live build's `base` (incremental) or empty."""

    def reader(self, engine_dir: Path, records: Sequence, meta: dict) -> IndexReader:
        """Open a build read-only; `records` is its record list (ordinals are positions in it)."""


class SearchService(Protocol):
    """What the web app and the CLI may use."""

    @property
    def version(self) -> str: ...

    def search(self, request: SearchRequest) -> SearchResult: ...

    def export(self, request: SearchRequest, cap: int = ...) -> list[Hit]: ...

    def document(self, doc_id: str) -> dict | None: ...

    def issue(self, issue_id: str) -> dict | None: ...

    def issues(self) -> list[dict]: ...

    def stats(self) -> dict: ...


def get_engine(name: str) -> Engine:
    module = ENGINES.get(name)
    if module is None:
        raise ValueError(f"未知的检索引擎“{name}”，可用：{'、'.join(ENGINES)}")
    return importlib.import_module(module).ENGINE


def engine_names() -> Iterable[str]:
    return tuple(ENGINES)


def open_search(index_dir: str | Path) -> SearchService:
    """The search service over the index at `index_dir`, on the engine its build names."""
    from .service import GazetteSearch

    return GazetteSearch(index_dir)
