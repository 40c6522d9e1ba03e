"""The engine seam: protocols and the engine-neutral request specs. It imports no implementation.

* `SearchService` -- what the web app and the CLI use: search, export, documents, issues. One
  implementation (`indexer.service.GazetteSearch`, opened by `indexer.searching.open_search`) that is
  the same for every engine.
* `Engine` -- one per engine package `indexer/<name>_engine/` (found by `engine_names` / `get_engine`,
  so a new engine touches only its own package): opens readers and writers on a build's `engine/`
  directory and declares what it can do (`Capabilities`) and its own `format_version`.
* `IndexReader` / `IndexWriter` -- one build: which records contain a normalized string, which carry
  a 文号, ranking scores, display texts (a page's in one batch); and the writer that takes records
  with their jieba words already cut (segmentation is the builder's job, done once).
* `Selection` -- the records one request selects (its query and filters), as the service asks about
  them, page by page: how many, the facet counts, the best-ranked, the first `count` in an order,
  the clause counts of a page's documents. Nothing in it hands back every selected record, so a
  remote engine answers with a page. `indexer.selection.SetSelection` is the in-process set algebra
  the local engines share; an engine that `answers_requests` offers its own (`IndexReader.select`).

Records are numbered by *ordinal*: the position in the build's record list (`records/*.json` in
file order), never an engine's internal document number, so sets of records mean the same thing
whatever engine produced them. The engine a build was made with is named in its meta.json.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .api import Counts, Hit, SearchRequest, SearchResult

if TYPE_CHECKING:
    import numpy as np

DEFAULT_ENGINE = "whoosh"
ENGINE_PACKAGE_SUFFIX = "_engine"  # indexer/<name>_engine/ exposes ENGINE: the registry is the folder
ORDERS = ("date", "-date", "wenhao", "cited")
# a remote engine's server (`gazette index/serve --url`): set in the environment, so that the server's
# worker processes and the builder's see it; a build records the one it was written to
REMOTE_URL_VARIABLE = "GAZETTE_ENGINE_URL"  # the orders Selection.first knows besides relevance


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


@dataclass(frozen=True)
class Context:
    """What a selection needs to know of the build besides the engine's own files: today's validity
    status of each document, and the build's orders of every record (see indexer.service.Order: by
    date, by 文号, by citations), which an engine that keeps its own sort keys need not use."""

    status_docs: Mapping[str, Sequence[str]]  # validity status → the documents that have it today
    orders: Mapping[str, object]  # "date" | "wenhao" | "cited" → indexer.service.Order
    fill_key: Callable[[int], tuple]  # Selection.fill's order, largest first
    # each record's place in that order (0 first), made on first use: a fill of a few hundred records
    # is then one array lookup and a partial sort, not a Python key per record
    fill_rank: Callable[[], np.ndarray] | None = None


class Selection(Protocol):
    """The records one request selects: its query's matches under all of its filters."""

    def count(self) -> int: ...

    def facet_counts(self, name: str) -> dict[str, int]:
        """value → records, under every filter but those of the facet `name` itself (so the other
        values of a facet stay countable for choosing several); values with no record left out."""

    def rank(self, spec: RankSpec, limit: int) -> list[tuple[int, float]]:
        """The best-scoring `limit` selected records any ranking word or 文号 occurs in, best first,
        ties by ordinal."""

    def first(self, order: str, count: int) -> list[int]:
        """The first `count` selected records in `order` (one of ORDERS): "date" oldest first (undated
        records first), "-date" its reverse, "wenhao" by year, serial and 代字 (records without a 文号
        last), "cited" most cited first; ties by ordinal (reversed with "-date")."""

    def fill(self, seen: Collection[int], count: int) -> list[int]:
        """The first `count` selected records not in `seen` by the context's fill_key, largest first
        (documents first, newest first): after the ranked ones, those no ranking word occurs in."""

    def members(self, ordinals: list[int]) -> set[int]:
        """Which of `ordinals` are selected (the ranking asks about its best candidates)."""

    def clause_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """Selected clauses of each of these documents."""


@dataclass(frozen=True)
class Capabilities:
    """What an engine declares it does (the service and the builder never probe for methods)."""

    keeps_text: bool = False  # stores each record's text itself: the build's records JSON need not
    evaluates_trees: bool = False  # IndexReader.matching: a boolean tree of terms in one search
    answers_requests: bool = False  # IndexReader.select: a request's Selection from the engine itself
    stores_validity: bool = False  # IndexWriter.use_statuses: records carry their status as of the build day
    stores_citations: bool = False  # IndexWriter.use_citations: records carry their document's citation count
    reindexes_kept_texts: bool = False  # IndexWriter.use_kept_texts: the kept records' match texts, every build
    remote: bool = False  # the index lives in a server: IndexWriter.publish once the build is live


@dataclass(frozen=True)
class Segmented:
    """A record as the builder hands it to a writer: the record and the jieba ranking words of its
    text and of its ranked title (analyzers.terms.rank_text: filtered, space-separated; None when it
    has no ranked title), and of its context (a clause's document title and heading path: what
    indexer.rankdata ranks second; None for other records). Engines need not read the context."""

    record: object  # indexer.records.IndexRecord
    rank_text: str
    title_rank_text: str | None
    context_rank_text: str | None = None


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

    def texts(self, ordinals: Sequence[int]) -> list[str]:
        """The records' display texts (snippets are cut from them), in one batch."""

    def match_texts(self, ordinals: Sequence[int]) -> list[str]:
        """The records' normalized match texts, in one batch (NEAR, 同句/同段/同条)."""

    def snippet_texts(self, ordinals: Sequence[int], max_bytes: int) -> list[tuple[str, str | None, bool]]:
        """What the page's snippets are cut from, in one batch: each record's display text with the
        normalized text of it the engine matched on (a document's body, without its title), and True;
        for a record whose display text takes more than `max_bytes`, only its start, None and False, so
        a huge record costs a bounded read (indexer.snippets)."""

    def close(self) -> None: ...

    # Declared by Capabilities, called only when the engine declares them:

    def matching(self, node) -> set[int] | None:
        """(evaluates_trees) The records matching a whole boolean tree of terms, evaluated by the engine
        in one search; None: a node it does not evaluate (the Matcher then goes term by term)."""

    def select(self, tree, filters: Sequence[Filter], context: Context) -> Selection | None:
        """(answers_requests) The request answered by the engine itself; None: something in it the
        engine does not evaluate (the service then uses SetSelection)."""


class IndexWriter(Protocol):
    def delete_source(self, source: str) -> None:
        """Remove every record that came from this issue file (incremental builds)."""

    def add(self, item: Segmented) -> None: ...

    def commit(self) -> int:
        """Finish writing; returns how many records the index holds."""

    def cancel(self) -> None: ...

    # Declared by Capabilities, called only when the engine declares them:

    def use_statuses(self, statuses: dict[str, str]) -> None:
        """(stores_validity) Today's validity status of each document, for the records added next."""

    def use_kept_texts(self, kept: dict[str, str]) -> None:
        """(reindexes_kept_texts) The match texts of the records kept from the live build, by id."""

    def use_citations(self, counts: dict[str, int]) -> None:
        """(stores_citations) How many documents of the corpus cite each document."""

    def publish(self) -> None:
        """(remote) The build is live (its pointer switched): make the server's side follow (an alias)."""


class Engine(Protocol):
    name: str
    capabilities: Capabilities
    format_version: str  # what its files look like: a build of another version is rebuilt, not read

    def writer(self, engine_dir: Path, base: Path | None) -> IndexWriter:
        """A writer into `engine_dir`, starting from a copy of the live build's `base` (incremental) or empty."""

    def reader(self, engine_dir: Path, records: Sequence, meta: dict) -> IndexReader:
        """Open a build read-only; `records` is its record list (ordinals are positions in it)."""

    # Declared by Capabilities, called only when the engine declares them:

    def health(self, engine_dir: Path, meta: dict) -> dict:
        """(remote) The server's state for `gazette check`: {"status", "nodes", "where", "index", "alias",
        "records"}; raises EngineUnavailableError when it cannot serve the build."""


class SearchService(Protocol):
    """What the web app and the CLI may use."""

    @property
    def version(self) -> str: ...

    def search(self, request: SearchRequest) -> SearchResult: ...

    def export(self, request: SearchRequest, cap: int = ..., *, full_text: bool = ...) -> list[Hit]: ...

    def counts(self, request: SearchRequest, dimensions: Sequence[str], unit: str = ...) -> Counts: ...

    def document_refs(self, doc_ids: Iterable[str]) -> list[dict]: ...

    def document(self, doc_id: str) -> dict | None: ...

    def issue(self, issue_id: str) -> dict | None: ...

    def issues(self) -> list[dict]: ...

    def stats(self) -> dict: ...

    def warm(self) -> None:
        """Make now what requests would make on first use (a server, before it takes requests)."""


def engine_names() -> tuple[str, ...]:
    """Every engine this installation has, the default first: the `indexer/<name>_engine` packages,
    found without importing any of them."""
    here = str(Path(__file__).resolve().parent)
    names = [
        m.name.removesuffix(ENGINE_PACKAGE_SUFFIX)
        for m in pkgutil.iter_modules([here])
        if m.ispkg and m.name.endswith(ENGINE_PACKAGE_SUFFIX)
    ]
    return tuple(sorted(names, key=lambda name: (name != DEFAULT_ENGINE, name)))


def get_engine(name: str) -> Engine:
    """The engine `name` (its package imported now, not before)."""
    if name not in engine_names():
        raise ValueError(f"未知的检索引擎“{name}”，可用：{'、'.join(engine_names())}")
    engine = importlib.import_module(f"{__package__}.{name}{ENGINE_PACKAGE_SUFFIX}").ENGINE
    if engine.name != name:  # pragma: no cover - a package's ENGINE names itself
        raise ValueError(f"检索引擎包 {name}{ENGINE_PACKAGE_SUFFIX} 的 ENGINE 名为“{engine.name}”")
    return engine
