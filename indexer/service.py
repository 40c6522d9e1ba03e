"""GazetteSearch: the search service, the same for every engine.

It parses the query into a tree, has the build's reader find the matching records (sets of record
ordinals), applies the filters and counts the facets as set operations in memory, has the reader rank
the page's records, and cuts snippets from their text. A rebuilt index (a new CURRENT pointer) is
picked up on the next call; a new build that is damaged or stale is never switched to — the last good
one keeps serving.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from analyzers.aliases import other_forms
from analyzers.normalize import normalize
from analyzers.prefixdict import PrefixFileError
from analyzers.segment import dictionary_parts, load_whole_dictionary, use_prefix_dictionary
from analyzers.terms import rank_words
from analyzers.variants import to_simplified
from corpus.facts.validity import statuses
from corpus.wenhao import Wenhao, parse_wenhao

from . import store
from .api import (
    COUNT_DIMENSIONS,
    COUNT_UNITS,
    EXPORT_CAP,
    Counts,
    FacetValue,
    FacetValues,
    Hit,
    IndexDamagedError,
    IndexMissingError,
    IndexUnavailableError,
    SearchError,
    SearchRequest,
    SearchResult,
    StaleIndexError,
)
from .bitsets import Bitsets
from .body import document_blocks
from .build import DEFAULT_INDEX_DIR, index_fingerprint
from .engine import (
    DEFAULT_ENGINE,
    ORDERS,
    Context,
    DateFilter,
    FacetFilter,
    Filter,
    Selection,
    ValidityFilter,
    WenhaoFilter,
    get_engine,
)
from .facets import FACET_BY_NAME, FACETS, UNDATED
from .facts import FACTS, ROSTER
from .matching import Matcher, OfficeNames, dated_matches
from .querylang import (
    And,
    Dated,
    Node,
    Not,
    Office,
    Or,
    Records,
    Rosters,
    Series,
    Term,
    Validity,
    all_of,
    parse_query,
    positive_terms,
)
from .rankdata import RANK_FILE, RankData, RankDataError
from .ranking import (
    CITING,
    DATED,
    DATED_DOCUMENT,
    OWN_DOCUMENT,
    OWN_RECORD,
    ROSTER_LABEL_FORMS,
    SERIES_DOCUMENT,
    SERIES_RECORD,
    VALIDITY_DOCUMENT,
    VALIDITY_STATED,
    Boost,
    Query,
    Ranked,
    Ranker,
    is_roster,
    nearness,
    weighted,
)
from .readmodel import CorpusView
from .records import IndexRecord, unpack_rows
from .related import RELATED_FILE, compare, excerpt
from .scopes import expand_aliases, in_one_unit
from .selection import SetSelection
from .snippets import SNIPPET_BYTES, snippet_of
from .tiers import (
    FEW,
    QUESTION_WORDS,
    ContextIndex,
    Sources,
    Tier,
    context_candidates,
    most_tier,
    notice,
    question_hints,
    synonym_tier,
    with_context,
    without_questions,
    words_tier,
)
from .understand import Reading, topic_of, understand
from .validity_asks import Ask, mark_of

log = logging.getLogger(__name__)
_KIND_ORDER = {"document": 2, "clause": 1, "chronicle": 0}


class Snapshot:
    """One build, opened: its records' metadata (ordinal = position), the engine's reader (which answers
    for the text), value → record sets."""

    def __init__(self, build: store.Build, stamp):
        self.build = build
        self.stamp = stamp
        meta = build.meta
        sources = meta.get("sources", [])
        self.records: list[IndexRecord] = [
            IndexRecord.from_row(row)
            for source in sources
            for row in unpack_rows(build.read_json(f"{store.RECORDS}/{source}.json"))
        ]
        self.facts = build.read_json(FACTS)
        catalog = [build.read_json(f"{store.CATALOG}/{source}.json") for source in sources]
        self.corpus = CorpusView(
            catalog,
            self.facts,
            lambda source: build.read_json(f"{store.ISSUES}/{source}.json"),
            lambda: build.read_json(ROSTER),
        )
        try:
            rank_data = RankData(build.checked_bytes(RANK_FILE), len(self.records))
        except RankDataError as exc:
            raise IndexDamagedError(store.damaged(build.path, str(exc))) from None
        self.ranker = Ranker(rank_data, self.records)
        engine = get_engine(meta.get("engine", DEFAULT_ENGINE))
        self.capabilities = engine.capabilities
        try:
            self.reader = engine.reader(build.engine_dir, self.records, meta)
        except (IndexUnavailableError, AttributeError, NameError, TypeError):
            raise  # a bug in our code is not damage to the index: it shows as itself
        except Exception as exc:  # noqa: BLE001 - whatever a damaged engine file makes its library raise
            raise IndexDamagedError(
                store.damaged(build.path, f"引擎文件无法打开（{type(exc).__name__}: {exc}）")
            ) from None
        # From here on the records are metadata: their text is the reader's to keep or not (an engine
        # that stores text on disk need not hold it in memory), and is asked for through reader.text.
        for record in self.records:
            record.text = ""
        self.live: set[int] = set(range(len(self.records)))
        # made on first use (see `sets`, `bits`): an engine that answers requests itself needs them
        # only for the requests it leaves to the sets, and making them is ~40% of opening at 100×
        self._record_sets: dict[str, dict[str, set[int]]] | None = None
        self._validity_sets: dict[str, set[int]] = {}
        self._bits: dict[str, dict[str, int]] | None = None
        self._lazy_lock = threading.RLock()
        self._holding: dict[tuple[str, str], frozenset[int]] = {}  # (document, sentence) → records holding it
        self.cited_by = {
            doc_id: len(self.corpus.cited_by.get(doc["wenhao"], [])) if doc["wenhao"] else 0
            for doc_id, doc in self.corpus.documents.items()
        }
        self.by_cited = Order(sorted(self.live, key=lambda o: (-self.cited_by.get(self.records[o].doc_id or "", 0), o)))
        self.bitsets = Bitsets(len(self.records))  # facet counting: one AND + popcount per value
        self.by_date = Order(sorted(self.live, key=lambda o: (self.records[o].date or "", o)))
        self.by_wenhao = Order(sorted(self.live, key=lambda o: _wenhao_key(self.records[o], o)))
        dated = [o for o in self.by_date.ordinals if self.records[o].date]
        self.dates = [self.records[o].date or "" for o in dated]  # sorted, for date ranges by bisection
        self.dated = dated
        self.spanning = [o for o in dated if (self.records[o].end_date or "") > (self.records[o].date or "")]
        self.series = sorted({r.series for r in self.records if r.series})
        self.kind_counts = Counter(r.kind for r in self.records)  # without making the sets (stats)
        self.facet_labels = {facet.name: dict(facet.value_labels) for facet in FACETS}  # value → label
        self.facet_labels["issue"] = {issue_id: self.corpus.issue_label(issue_id) for issue_id in self.corpus.by_issue}
        self.clauses_of: dict[str, list[int]] = {}
        self.of_series: dict[str, list[int]] = {}
        for ordinal, record in enumerate(self.records):
            if record.kind == "clause" and record.doc_id:
                self.clauses_of.setdefault(record.doc_id, []).append(ordinal)
            if record.series:
                self.of_series.setdefault(record.series, []).append(ordinal)
        self.documents = [o for o, r in enumerate(self.records) if r.kind == "document"]
        records = self.records
        self.orders = {"date": self.by_date, "wenhao": self.by_wenhao, "cited": self.by_cited}
        # after the ranked hits: documents first, newest first (Selection.fill)
        self.fill_key = lambda o: (_KIND_ORDER[records[o].kind], records[o].date or "", -o)
        self.day: date | None = None
        self.validity: dict[str, dict] = {}
        self.as_of(date.today())
        if not self.capabilities.answers_requests:  # every request uses the sets and bitsets: made now
            self.bits  # noqa: B018 - the property makes the sets and the bitsets

    def warm(self) -> None:
        """Make now what searches make on first use (a server's worker, before it takes requests): the
        context index, the rosters, the fill order, the ranking's vocabulary string and roster maps.
        Each is tens of milliseconds at 100×, paid otherwise by the first request that asks for it."""
        self.context_index  # noqa: B018 - each property makes and keeps its value
        self.rosters  # noqa: B018
        self.fill_rank  # noqa: B018
        self.ranker.rosters_naming  # noqa: B018
        self.ranker._length_norms  # noqa: B018
        self.ranker.data.containing("兴安盟")

    @cached_property
    def fill_rank(self) -> np.ndarray:
        """Each record's place in the fill order (fill_key, largest first): Context.fill_rank."""
        order = sorted(range(len(self.records)), key=self.fill_key, reverse=True)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
        return rank

    @cached_property
    def rosters(self) -> frozenset[int]:
        """The clauses that list a body's members (ranking.lists_members), found on first use: the rosters
        among the records, and the clauses whose text holds a member-list label, asked of the engine
        (reading every clause's text took ~0.4 s at 300×)."""
        with self._lazy_lock:
            records = self.records
            labelled = _matcher(self).docs(Or(tuple(Term(form) for form in ROSTER_LABEL_FORMS)))
            found = {o for o in labelled if records[o].kind == "clause"}
            found.update(o for o, r in enumerate(records) if is_roster(r))
            return frozenset(found)

    @cached_property
    def offices(self) -> OfficeNames:
        """Every issuing office the corpus's documents name: read from the documents, not from the facet
        sets (an engine that answers requests itself makes those only when a request needs them)."""
        with self._lazy_lock:
            return OfficeNames(o for d in self.corpus.documents.values() for o in d.get("offices") or ())

    @cached_property
    def offices_of_wenhao(self) -> dict[str, tuple[str, ...]]:
        """Each 文号 the corpus's documents hold (canonical) → the offices that issued it: a 文号 typed by its
        issuer instead of its 代字 (行署2022年6号文件) is read by these (indexer.understand)."""
        with self._lazy_lock:
            return {d["wenhao"]: tuple(d.get("offices") or ()) for d in self.corpus.documents.values() if d["wenhao"]}

    @cached_property
    def numbers_held(self) -> dict[int, tuple[Wenhao, ...]]:
        """The 文号 and 令 numbers the corpus holds, its documents' own and those they cite, by number: a
        number typed without its year (兴署办字第9号) or with its issuer named otherwise (自治区政府令第248号)
        is read as these (indexer.understand)."""
        with self._lazy_lock:
            found: dict[int, set[Wenhao]] = {}
            for printed in {*self.corpus.cited_by, *self.corpus.doc_by_wenhao}:
                parsed = parse_wenhao(printed)
                if parsed is not None:
                    found.setdefault(parsed.number, set()).add(parsed)
            return {n: tuple(sorted(held, key=lambda w: w.canonical)) for n, held in found.items()}

    @cached_property
    def context_index(self) -> ContextIndex:
        """Which clauses hold a string in their context (made when a search first asks: not at opening)."""
        with self._lazy_lock:
            return ContextIndex(self.records, self.clauses_of)

    @cached_property
    def related(self) -> tuple[dict[str, list], frozenset[int]]:
        """The build's related clauses (clause id → [[other id, estimate], …]) and boilerplate run
        hashes (indexer.related), read when a document page first asks; a build without them has none."""
        if RELATED_FILE not in self.build.meta.get("written", {}):
            return {}, frozenset()
        data = self.build.read_json(RELATED_FILE)
        return data["related"], frozenset(int(h) for h in data["boilerplate"])

    @cached_property
    def ordinal_of(self) -> dict[str, int]:
        """Record id → ordinal (made when an export first asks for whole texts)."""
        return {record.id: ordinal for ordinal, record in enumerate(self.records)}

    def validity_reading(self, ask: Ask) -> tuple[Validity, dict[int, list[str]]]:
        """The records a validity question asks for today (indexer.validity_asks), and for each record
        holding a sentence it rests on, what of it a snippet marks. Made on first ask, kept for the day."""
        made = self._asks.get(ask)
        if made is not None:
            return made
        facts = self.facts["validity"]
        records: set[int] = set()
        documents: set[str] = set()
        sentences: list[tuple[str, str]] = []  # (the document printing it, the sentence)
        for status in ask.statuses:
            records |= self._validity_sets.get(status, set())
        for doc_id, state in self.validity.items():
            if state["status"] in ask.statuses:
                documents.add(doc_id)
                if state["sentence"]:  # a repeal's sentence is printed by the repealing document
                    sentences.append((state["by_doc_id"] or doc_id, state["sentence"]))
        if ask.own:
            for doc_id, terms in facts["terms"].items():
                if terms.get(ask.own):
                    documents.add(doc_id)
                    sentences.append((doc_id, terms[ask.own]))
        for doc_id, declared in facts.get("declared", {}).items():  # a build before `declared`: none
            for statement in declared:
                if statement["kind"] in ask.declared:  # the declaring document: one that states it
                    sentences.append((doc_id, statement["sentence"]))
        marks: dict[int, list[str]] = {}
        for doc_id, sentence in dict.fromkeys(sentences):
            for ordinal in self.holding(doc_id, sentence):
                marks.setdefault(ordinal, []).append(mark_of(sentence))
        asked = frozenset(self.ordinal_of[d] for d in documents if d in self.ordinal_of) & self.live
        records.update(asked)
        records.update(marks)
        node = Validity(frozenset(records & self.live), frozenset(marks), ask.label, asked)
        self._asks[ask] = (node, marks)
        return node, marks

    def validity_marks(self, node: Validity) -> dict[int, list[str]]:
        """What the snippets mark of the sentences a validity reading of today rests on (see above)."""
        return next((marks for made, marks in list(self._asks.values()) if made is node), {})

    def holding(self, doc_id: str, sentence: str) -> frozenset[int]:
        """The records of a document whose text holds one of its sentences (the document, the clause
        printing it); the document alone when no clause is found to."""
        key = (doc_id, sentence)
        found = self._holding.get(key)
        if found is None:
            document = self.ordinal_of.get(doc_id)
            own = set(self.clauses_of.get(doc_id, ())) | ({document} if document is not None else set())
            norm = normalize(sentence)
            found = frozenset(self.reader.containing(norm, None, own) & own) if norm and own else frozenset()
            if not found and document is not None:
                found = frozenset({document})
            self._holding[key] = found
        return found

    def series_records(self, node: Series) -> set[int]:
        """The records (documents and clauses) of a 文号 series, of one year when the node names one."""
        prefix = f"{node.code}〔{node.year}〕" if node.year else f"{node.code}〔"
        return {o for o in self.of_series.get(node.code, ()) if (self.records[o].wenhao or "").startswith(prefix)}

    def dated_between(self, low: str, high: str) -> set[int]:
        """Records dated within [low, high] (ISO dates), multi-day 大事记 entries by overlap: a bisection of
        the records sorted by date, and the few spanning entries that start before `low` checked one by one."""
        found = set(self.dated[bisect_left(self.dates, low) : bisect_right(self.dates, high)])
        records = self.records
        found.update(o for o in self.spanning if (records[o].date or "") < low <= (records[o].end_date or ""))
        return found

    def as_of(self, today: date) -> None:
        """Validity on `today` (a status changes with the date, not with the index): the validity facet's
        sets and each document's status. Cheap: the facts were read at build time."""
        if today == self.day:
            return
        validity = {doc_id: v.to_dict() for doc_id, v in statuses(self.facts["validity"], today).items()}
        sets: dict[str, set[int]] = {}
        for ordinal, record in enumerate(self.records):
            status = validity.get(record.doc_id or "", {}).get("status") if record.kind != "chronicle" else None
            if status:
                sets.setdefault(status, set()).add(ordinal)
        self.validity, self._validity_sets = validity, sets
        self._asks: dict[Ask, tuple[Validity, dict[int, list[str]]]] = {}  # the day's validity readings
        status_docs: dict[str, list[str]] = {}
        for doc_id, v in validity.items():
            status_docs.setdefault(v["status"], []).append(doc_id)
        self.status_docs = {status: tuple(docs) for status, docs in status_docs.items()}
        self.context = Context(self.status_docs, self.orders, self.fill_key, lambda: self.fill_rank)
        with self._lazy_lock:
            if self._bits is not None:
                self._bits["validity"] = {value: self.bitsets.of(docs) for value, docs in sets.items()}
        self.day = today  # last: another thread seeing this day finds everything of it in place

    @property
    def sets(self) -> dict[str, dict[str, set[int]]]:
        """Facet → value → its records (validity: as of `self.day`), for the sets' way of answering
        (SetSelection) and for the facet values the service checks queries against."""
        record_sets = self._record_sets
        if record_sets is None:
            with self._lazy_lock:
                if self._record_sets is None:
                    made: dict[str, dict[str, set[int]]] = {}
                    for facet in FACETS:
                        if facet.computed:  # validity: as_of keeps its sets
                            continue
                        values_of, into = facet.values_of, made.setdefault(facet.name, {})
                        for ordinal, record in enumerate(self.records):
                            for value in values_of(record):
                                into.setdefault(value, set()).add(ordinal)
                    self._record_sets = made
                record_sets = self._record_sets
        return {**record_sets, "validity": self._validity_sets}

    @property
    def bits(self) -> dict[str, dict[str, int]]:
        """The same as bitsets, for the sets' facet counts (one AND and a popcount per value)."""
        bits = self._bits
        if bits is None:
            with self._lazy_lock:
                if self._bits is None:
                    self._bits = {
                        name: {value: self.bitsets.of(docs) for value, docs in values.items()}
                        for name, values in self.sets.items()
                    }
                bits = self._bits
        return bits


def _use_prefix_dictionary(build: store.Build) -> None:
    """Segment queries with the build's copy of jieba's dictionary, read as queries need it (half a
    second less to open); a process that has loaded the whole dictionary keeps it."""
    written = build.meta.get("written", {}).get(store.PREFIX_DICT)
    if written is None:  # a build from before the prefix file: jieba loads its dictionary itself
        return
    try:
        use_prefix_dictionary(build.path / store.PREFIX_DICT, written[1])
    except (OSError, PrefixFileError) as exc:
        raise IndexDamagedError(store.damaged(build.path, f"分词词典 {store.PREFIX_DICT} {exc}")) from None


class GazetteSearch:
    """Implements `indexer.engine.SearchService`."""

    def __init__(self, index_dir: str | Path = DEFAULT_INDEX_DIR, *, check_fingerprint: bool = True):
        self.index_dir = Path(index_dir)
        self.check_fingerprint = check_fingerprint
        self._lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._refused: tuple | None = None  # the pointer stamp of a build that failed to open
        self._snapshot()
        rank_words("兴安盟")  # load jieba's dictionary now, not on the first user's query

    def warm(self) -> None:
        """For a server, before it takes requests: the live build's lazily made parts and jieba's whole
        dictionary now, then every object kept out of the cyclic collector's passes (see _snapshot). A
        first query then costs what any other does; the worker's start takes longer (bench/RESULTS.md)."""
        self._today().warm()
        load_whole_dictionary()
        for query in WARM_QUERIES:  # each path of a search once: the engine's caches, the index's pages
            self.search(SearchRequest(query=query))
        gc.freeze()

    # -- index lifecycle -------------------------------------------------------------------------
    def _snapshot(self) -> Snapshot:
        stamp = store.pointer_stamp(self.index_dir)
        snap = self._snap
        if snap is not None and (snap.stamp == stamp or self._refused == stamp):
            return snap
        with self._lock:
            if self._snap is not None and (self._snap.stamp == stamp or self._refused == stamp):
                return self._snap
            try:
                fresh = self._open(stamp)
            except IndexUnavailableError as exc:
                if self._snap is None:
                    raise
                if not isinstance(exc, IndexMissingError):
                    log.error(
                        "not switching to the new build, still serving %s: %s", self._snap.build.name, exc.message
                    )
                self._refused = stamp
                return self._snap
            self._snap, self._refused = fresh, None
            # the snapshot's hundreds of thousands of objects live as long as it does: kept out of the
            # cyclic collector's full passes, which otherwise stall a search now and then (p95)
            gc.freeze()
            return fresh

    def _today(self) -> Snapshot:
        """The live snapshot, its validity as of today (a server running past midnight moves on)."""
        snap = self._snapshot()
        today = date.today()
        if snap.day != today:
            with self._lock:
                snap.as_of(today)
        return snap

    def _open(self, stamp) -> Snapshot:
        build = store.open_build(self.index_dir)
        if self.check_fingerprint and build.meta.get("fingerprint") != index_fingerprint(build.meta.get("engine")):
            raise StaleIndexError(
                f"{self.index_dir}：索引是用旧版分析器、词典或索引格式建立的；请运行 gazette index 重建"
            )
        _use_prefix_dictionary(build)
        return Snapshot(build, stamp)

    @property
    def version(self) -> str:
        return self._snapshot().build.name

    def stats(self) -> dict:
        snap = self._snapshot()
        return {
            "build": snap.build.name,
            "engine": snap.build.meta.get("engine", DEFAULT_ENGINE),
            "built_at": snap.build.meta.get("built_at"),
            "records": len(snap.live),
            "kinds": dict(snap.kind_counts),
            "issues": len(snap.corpus.by_issue),
        }

    # -- search ----------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        snap = self._today()
        stages = StageTimer(started)
        plan = self._plan(snap, request)
        tree, literal = plan.tree, plan.selection
        tiers, selection = self._answered(snap, plan, request)
        stages.mark("select")
        facets = self._facets(snap, selection)
        stages.mark("facets")
        ranked = self._rank(snap, tree, request, selection, literal, tiers, plan.understood)
        stages.mark("rank")
        terms = sorted({t.norm for t in positive_terms(tree)}, key=len, reverse=True)
        marked = {"text": terms, "context": terms}  # a relaxed tier's hits are marked with its words
        for tier in tiers:
            if tier.words:
                # each word with its equivalent names (国企 marks 国有企业, as the literal reading's hits do)
                words = {f for w in tier.words for f in (normalize(w), *other_forms(normalize(w)))}
                marked[tier.kind] = sorted(set(terms) | words, key=len, reverse=True)
        in_context = {o: words for t in tiers for o, words in t.in_context.items()}
        stated = _stated_marks(snap, plan.understood)  # a validity question: the sentence it rests on
        sources = snap.reader.snippet_texts([ordinal for ordinal, _, _ in ranked], SNIPPET_BYTES)  # one batch
        hits = [
            self._hit(
                snap,
                ordinal,
                source,
                marked.get(kind, terms) + stated.get(ordinal, []),
                score,
                kind,
                in_context.get(ordinal, ()),
            )
            for (ordinal, score, kind), source in zip(ranked, sources)
        ]
        stages.mark("snippets")
        clauses_by_doc = selection.clause_counts(dict.fromkeys(h.doc_id for h in hits if h.doc_id))
        stages.mark("clauses")
        took = (time.perf_counter() - started) * 1000
        selected_labels = {
            name: {value: snap.facet_labels[name].get(value, value) for value in values}
            for name, values in request.filters
            if name in snap.facet_labels
        }
        counts = [("text", literal.count())]
        if plan.readings:  # the records only a reading found (a series, a date) are told apart
            plain = self._select(snap, expand_aliases(plan.typed)[0], request, plan.filters)
            counts = [("text", plain.count()), ("reading", literal.count() - plain.count())]
            on_page = [h.id for h in hits if h.match == "text"]
            held = plain.members([snap.ordinal_of[i] for i in on_page])
            for h in hits:
                if h.match == "text" and snap.ordinal_of[h.id] not in held:
                    h.match = "reading"
        tier_list = [{"kind": kind, "count": count, "words": [], "need": 0} for kind, count in counts] + [
            {"kind": t.kind, "count": len(t.ordinals), "words": list(t.words), "need": t.need}
            | ({"synonyms": [list(pair) for pair in t.synonyms]} if t.synonyms else {})
            for t in tiers
        ]
        return SearchResult(
            request,
            selection.count(),
            hits,
            facets,
            took,
            also_searched=plan.also,
            clauses_by_doc=clauses_by_doc,
            selected_labels=selected_labels,
            stages_ms=stages.ms,
            readings=[r.to_dict() for r in plan.readings],
            tiers=tier_list,
            notice=notice(
                request.query,
                tiers,
                literal.count(),
                _unread_validity(plan, tiers),
                total=selection.count(),
                filtered=bool(plan.filters),
                exact=request.exact,
            ),
            undated_outside=self._undated_outside(snap, plan, request),
        )

    def _undated_outside(self, snap: Snapshot, plan: Plan, request: SearchRequest) -> int:
        """With a date range, the literal reading's matches that print no date: the range leaves them out,
        and the page says how many (issue 18: never silently)."""
        if not (request.date_from or request.date_to):
            return 0
        filters: list[Filter] = [f for f in plan.filters if not isinstance(f, DateFilter)]
        filters.append(FacetFilter("year", (UNDATED,)))
        return self._select(snap, plan.tree, request, filters).count()

    def _plan(self, snap: Snapshot, request: SearchRequest) -> Plan:
        """The request's query tree (unless exact: also read as a 文号 series or a date where it reads
        as one, indexer.understand, and with equivalent names added), and the records it selects under
        its filters. A request the language does not define is a SearchError."""
        tree = all_of([parse_query(request.query)] + [_parse_within(w) for w in request.within])
        if tree is None and not request.has_filter:
            raise SearchError(
                "请输入检索词、文号，或选择一个筛选条件（类别、年份、发文机关、文种、期号、日期）", "q", "empty_query"
            )
        if tree is not None and not positive_terms(tree) and _only_excluded(tree) and not request.has_filter:
            raise SearchError("检索式里只有排除词：请再给一个要检索的词，或选择一个筛选条件", "q", "only_excluded")
        if request.near and not positive_terms(tree):
            raise SearchError("同句/同段/同条（near）需要至少一个检索词", "near", "near_without_terms")
        if not request.exact:
            tree = _offices_as_held(snap, tree)  # 发文机关:行署办公室 is the 兴安盟行政公署办公室
        _check_metadata_terms(snap, tree)
        also: list[str] = []
        readings: list[Reading] = []
        typed = understood = tree
        if not request.exact:
            understood, readings = understand(
                tree,
                set(snap.series),
                _one_year(request),
                lambda: snap.rosters,
                lambda ask: snap.validity_reading(ask)[0],
                lambda number: snap.numbers_held.get(number, ()),
                snap.offices.names,
                lambda canonical: snap.offices_of_wenhao.get(canonical, ()),
            )
            tree, also = expand_aliases(understood)
        filters = self._filters(request)
        matcher = _matcher(snap)
        return Plan(
            tree,
            also,
            self._select(snap, tree, request, filters, matcher),
            understood,
            readings,
            filters,
            typed,
            matcher,
        )

    def counts(self, request: SearchRequest, dimensions: Sequence[str], unit: str = "records") -> Counts:
        """How many of the request's hits (records, or with unit="documents" distinct documents, a 大事记
        entry counting as itself) fall in each combination of values of `dimensions` (COUNT_DIMENSIONS):
        the numbers behind trends over time and cross-tables. A record with several values of a dimension
        (a document issued jointly) counts under each; one with none under ""."""
        if unit not in COUNT_UNITS:
            raise SearchError(f"计数单位（unit）“{unit[:20]}”无效，可选：{'、'.join(COUNT_UNITS)}", "unit")
        for dimension in dimensions:
            if dimension not in COUNT_DIMENSIONS:
                choices = "、".join(f"{k}（{v}）" for k, v in COUNT_DIMENSIONS.items())
                raise SearchError(f"统计维度“{dimension[:20]}”无效，可选：{choices}", "by", "invalid_dimension")
        snap = self._today()
        selection = self._answered(snap, self._plan(snap, request), request)[1]  # as the search's total
        values_of = [self._dimension_values(snap, d) for d in dimensions]
        records = snap.records
        # cell → the records (or documents) in it, and for each dimension value → those with that value
        cells: dict[tuple[str, ...], set] = {}
        margins: list[dict[str, set]] = [{} for _ in dimensions]
        documents = unit == "documents"
        # every selected record, through the one call every engine's selection answers (the order is not used)
        for ordinal in selection.first("date", selection.count()):
            record = records[ordinal]
            member = (record.doc_id or record.id) if documents else ordinal
            keys: list[tuple[str, ...]] = [()]
            for axis, value_of in enumerate(values_of):
                values = tuple(dict.fromkeys(value_of(record))) or ("",)
                for value in values:
                    margins[axis].setdefault(value, set()).add(member)
                keys = [key + (value,) for key in keys for value in values]
            for key in keys:
                cells.setdefault(key, set()).add(member)
        if documents:
            total = len({m for members in cells.values() for m in members})
        else:
            total = selection.count()
        return Counts(
            request,
            tuple(dimensions),
            {key: len(members) for key, members in cells.items()},
            {d: self._dimension_labels(snap, d) for d in dimensions},
            total,
            unit,
            {d: {value: len(members) for value, members in margin.items()} for d, margin in zip(dimensions, margins)},
        )

    @staticmethod
    def _dimension_values(snap: Snapshot, dimension: str) -> Callable[[IndexRecord], Sequence[str]]:
        if dimension == "month":
            return lambda r: (r.date[:7],) if r.date else ()
        if dimension == "year":  # a trend's axis is years: the facet's 未注明日期 is not one
            return lambda r: (str(r.year),) if r.year else ()
        if dimension == "validity":
            validity = snap.validity
            return lambda r: (validity[r.doc_id]["status"],) if r.kind != "chronicle" and r.doc_id in validity else ()
        values_of = FACET_BY_NAME[dimension].values_of
        return lambda r: tuple(values_of(r))

    @staticmethod
    def _dimension_labels(snap: Snapshot, dimension: str) -> dict[str, str]:
        """value → label; for issues in the catalog's order (year, then number), which trends follow."""
        if dimension == "issue":
            return {i["id"]: i["label"] for i in snap.corpus.issues()}
        if dimension == "month":
            return {}
        return dict(snap.facet_labels.get(dimension, {}))

    def _select(
        self,
        snap: Snapshot,
        tree: Node | None,
        request: SearchRequest,
        filters: list[Filter],
        matcher: Matcher | None = None,
    ) -> Selection:
        """The engine's own answer when it has one for this request, else the sets' (SetSelection).
        `matcher`: the request's, whose term sets the tiers then reuse."""
        if snap.capabilities.answers_requests and not request.near:
            selection = snap.reader.select(tree, filters, snap.context)
            if selection is not None:
                return selection
        matcher = matcher or _matcher(snap)
        matched = matcher.docs(tree)
        if request.near:
            records, reader = snap.records, snap.reader
            matched = in_one_unit(
                tree,
                matched,
                request.near,
                records.__getitem__,
                reader.texts,
                lambda o: snap.clauses_of.get(records[o].doc_id or "", []),
            )
        if snap.capabilities.answers_requests:  # the records found here, answered by the engine from now on:
            # counted and faceted by it, not by facet sets and bitsets made for the purpose (a guarded short
            # form, 城市管理 → 城管, or 同句: 1.3 s for the first such query of a worker at 300×)
            selection = snap.reader.select(Records(frozenset(matched)), filters, snap.context)
            if selection is not None:
                return selection
        return SetSelection(snap, matched, filters, snap.context)

    def export(self, request: SearchRequest, cap: int = EXPORT_CAP, *, full_text: bool = False) -> list[Hit]:
        """Every hit of the request (all pages), up to `cap`, in the request's order; with `full_text`, each
        hit's `text` is its record's whole text (a clause's, a document's body, a 大事记 entry's)."""
        hits = self.search(replace(request, page=1, size=cap)).hits
        if full_text:
            snap = self._today()
            ordinal_of = snap.ordinal_of
            found = [(hit, ordinal_of[hit.id]) for hit in hits if hit.id in ordinal_of]
            for (hit, _), text in zip(found, snap.reader.texts([ordinal for _, ordinal in found])):
                hit.text = text
        return hits

    def document_refs(self, doc_ids: Iterable[str]) -> list[dict]:
        """{"doc_id", "wenhao", "title", "date"} of each of these documents the corpus holds, in order."""
        corpus = self._snapshot().corpus
        return [corpus.ref(d) for d in doc_ids if d in corpus.documents]

    def _filters(self, request: SearchRequest) -> list[Filter]:
        """The request's filters, each said in terms any engine can evaluate."""
        out: list[Filter] = []
        for name, values in request.filters:
            if FACET_BY_NAME[name].computed:
                out.append(ValidityFilter(name, tuple(values)))
            else:
                out.append(FacetFilter(name, tuple(values)))
        for param, label, example in (
            ("wenhao", "文号", "兴署发〔2022〕6号"),
            ("cites", "引用文号", "国发〔2013〕42号"),
        ):
            value = getattr(request, param)
            if value:
                parsed = parse_wenhao(to_simplified(value))  # 興署發〔2022〕6號 as printed
                if parsed is None:
                    raise SearchError(f"{label}（{param}）“{value[:40]}”不是文号，例如 {example}", param)
                out.append(WenhaoFilter("_" + param, parsed.canonical, cites=param == "cites"))
        if request.date_from or request.date_to:
            low = request.date_from.isoformat() if request.date_from else "0000-00-00"
            high = request.date_to.isoformat() if request.date_to else "9999-99-99"
            out.append(DateFilter("_date", low, high))
        return out

    def _facets(self, snap: Snapshot, selection: Selection) -> dict[str, Sequence[FacetValue]]:
        """Counts for the current query: each facet counts under every filter but its own,
        so the other values of a facet stay visible for choosing several."""
        facets: dict[str, Sequence[FacetValue]] = {}
        for facet in FACETS:
            labels = snap.facet_labels[facet.name]
            # sorted as (value, count) pairs with C-level keys: a facet can have hundreds of values
            by_value_desc = facet.order == "value-desc"
            items = sorted(selection.facet_counts(facet.name).items(), reverse=by_value_desc)
            if not by_value_desc:
                items.sort(key=itemgetter(1), reverse=True)  # most first; stable, so equal counts stay by value
            facets[facet.name] = FacetValues(items, labels)  # FacetValue objects made when read
        return facets

    def _answered(self, snap: Snapshot, plan: Plan, request: SearchRequest) -> tuple[list[Tier], Selection]:
        """The tiers after the literal reading, and the selection of all of them (the literal one's when
        there are none): what the result's total, facets, pages and counts are of."""
        plan.selection.count()
        tiers = self._tiers(snap, plan, request)
        if not tiers:
            return tiers, plan.selection
        joined = frozenset().union(*(t.ordinals for t in tiers))
        return tiers, self._select(snap, Or((plan.tree, Records(joined))), request, plan.filters)  # type: ignore[arg-type]

    def _tiers(self, snap: Snapshot, plan: Plan, request: SearchRequest) -> list[Tier]:
        """The tiers after the literal one (indexer.tiers), each holding only records the request's
        filters allow and none of an earlier tier's."""
        tree, understood, literal = plan.tree, plan.understood, plan.selection
        if request.exact or request.near or tree is None or understood is None or not positive_terms(tree):
            return []
        matcher = plan.matcher or _matcher(snap)

        def own(node: Node, within: set[int] | None = None) -> set[int]:
            return matcher.docs(node, within)

        def allowed(found: set[int]) -> frozenset[int]:
            if not found:
                return frozenset()
            return frozenset(_every(self._select(snap, Records(frozenset(found)), request, plan.filters)))

        tiers: list[Tier] = []
        seen: set[int] = set()

        def add(kind: str, found: set[int], **extra) -> int:
            kept = allowed(found - seen)
            if kept:
                seen.update(kept)
                tiers.append(Tier(kind, kept, **extra))
            return len(kept)

        context = snap.context_index
        extra, where = _context_records(snap, tree, literal, own)
        if extra:
            add("context", extra, in_context=where)
        if request.sort != "relevance" or literal.count() + len(seen) >= FEW:
            return tiers
        seen |= _every(literal)  # fewer than FEW

        sources = Sources(
            own,
            context,
            snap.ranker.holders,
            lambda node: expand_aliases(node)[0] or node,
            snap.live,
            snap.ranker.idf,
            _known(snap, own),
            lambda o: (
                snap.clauses_of.get(snap.records[o].doc_id or "", ()) if snap.records[o].kind == "document" else ()
            ),
            _date_readings(understood).get,
            snap.ranker.idf_of_count,
        )
        relaxable = _relaxable(understood, plan.typed or understood)
        if relaxable is None:
            return tiers  # a validity question alone that nothing answers: the notice says so
        understood, typed, asks_validity = relaxable
        synonyms = synonym_tier(understood, sources)  # everyday words as the documents word them (军嫂 → 随军家属)
        if synonyms is not None:
            add("synonym", synonyms[0], words=synonyms[1], synonyms=synonyms[2])
        relaxed = words_tier(understood, sources, always=asks_validity)
        if relaxed is not None:
            # a validity question's topic worded otherwise than its document (国企监管办法什么时候施行)
            found = relaxed[0] | _validity_of_documents(snap, plan.understood, relaxed[0], asks_validity)
            add("words", found, words=relaxed[1])
        if len(seen) < FEW:
            most = most_tier(typed, sources, seen, FEW)  # the words typed, not their readings
            if most is not None:
                found, words, need, absent, held, rare, synonyms_read = most
                add("most", found, words=words, need=need, absent=absent, held=held, rare=rare, synonyms=synonyms_read)
        return tiers

    def _rank(
        self,
        snap: Snapshot,
        tree: Node | None,
        request: SearchRequest,
        selection: Selection,
        literal: Selection,
        tiers: list[Tier],
        understood: Node | None = None,
    ) -> list[tuple[int, float | None, str]]:
        """The page's records (ordinal, score, tier). By relevance each tier comes after the one before
        it, and within each the best records are reordered by how close the query's terms stand
        (ranking.nearness); sorted otherwise, the tiers are mixed in that order."""
        first = (request.page - 1) * request.size
        last = first + request.size
        if first >= selection.count():
            return []
        terms = positive_terms(tree)
        sort = request.sort
        if sort == "relevance" and not terms and not any(isinstance(n, (Series, Dated)) for n in _positive_nodes(tree)):
            sort = "-date"  # browsing: newest first
        tier_of = {o: t.kind for t in tiers for o in t.ordinals}
        if sort in ORDERS:
            return [(o, None, tier_of.get(o, "text")) for o in selection.first(sort, last)[first:last]]
        # a request selecting few records, or far fewer than its words' postings, has only those scored
        # (ranking.Ranker.scores: the same scores)
        query = self._rank_query(snap, tree, understood, _synonym_words(tiers))
        count = selection.count()
        small = count <= SCORE_AMONG_MAX
        among = (
            _every_array(selection)
            if small or (count <= SCORE_AMONG_LARGE and snap.ranker.size(query) > SCORE_AMONG_RATIO * count)
            else None
        )
        ranked = snap.ranker.ranked(query, among)
        groups = _term_groups(understood)
        head = snap.ranker.params.proximity_head
        out: list[tuple[int, float | None, str]] = []
        context = next((t for t in tiers if t.kind == "context"), None)
        first_count = literal.count() + (len(context.ordinals) if context is not None else 0)
        if first < first_count:
            # the text and context matches ranked together, a context match at a share of its score
            scored = [(o, s, "text") for o, s in self._scored(literal, ranked, max(last, head))]
            if context is not None:
                share = snap.ranker.params.context_match
                in_context = _in_tier(context.ordinals, ranked, snap.records)
                scored += [(o, None if s is None else s * share, "context") for o, s in in_context]
                scored.sort(key=lambda e: (e[1] is None, -(e[1] or 0.0), e[0]))
            kinds = {o: k for o, _, k in scored}
            near = _nearer(snap, [(o, s) for o, s, _ in scored], groups, head, last)
            out = [(o, s, kinds[o]) for o, s in near][:last]
        else:
            out = [(-1, None, "text")] * first_count  # placeholders: only later tiers are on this page
        for tier in tiers:
            if tier.kind == "context":
                continue
            if len(out) >= last:
                break
            in_tier = _in_tier(tier.ordinals, ranked, snap.records)
            if tier.held:  # the records holding more of the words first, weighed by how telling each is
                top = max(tier.held.values())  # once, not once per record (a tier of 4,000: 0.3 s)
                in_tier.sort(key=lambda e: -((e[1] or 0.0) + 1e-9) * _most_share(snap, tier.held, e[0], top))
            tier_groups = groups if tier.kind == "context" else []
            out += [(o, s, tier.kind) for o, s in _nearer(snap, in_tier, tier_groups, head)]
        return out[first:last]

    @staticmethod
    def _scored(selection: Selection, ranked: Ranked, last: int) -> list[tuple[int, float | None]]:
        """The selection's first `last` records by score; those no ranking word occurs in come after,
        documents first, newest first."""
        scored: list[tuple[int, float | None]] = list(_best(selection, ranked, last))
        if len(scored) < last:
            scored.extend((o, None) for o in selection.fill({o for o, _ in scored}, last - len(scored)))
        return scored

    def _rank_query(
        self, snap: Snapshot, tree: Node | None, understood: Node | None = None, synonyms: Sequence[str] = ()
    ) -> Query:
        """The query's ranking words (jieba words of its positive terms) and the boosts of what it names
        that is not words: a 文号 (its document, its clauses, the records citing it), a 文号 series (its
        documents before their clauses), a date (the documents and entries of that date)."""
        words: list[str] = []
        hints: list[str] = []
        boosts: list[Boost] = []
        records = snap.records
        for term in positive_terms(tree):
            if not term.wenhao:
                for w in rank_words(without_questions(term.text)):  # 什么时候 is no 时候 to score
                    if w in QUESTION_WORDS:
                        continue
                    # a word no record holds is scored by the dictionary words inside it (国家开发银行)
                    unknown = len(w) >= 3 and not snap.ranker.data.frequency(w)
                    words.extend((dictionary_parts(w) or [w]) if unknown else [w])
                hints.extend(question_hints(term.text))
                continue
            canonical = term.wenhao.canonical
            own = snap.reader.with_wenhao(canonical) & snap.live
            documents = frozenset(o for o in own if records[o].kind == "document")
            boosts.append(Boost(documents, OWN_DOCUMENT))
            boosts.append(Boost(frozenset(own) - documents, OWN_RECORD))
            boosts.append(Boost(frozenset(snap.reader.citing(canonical) & snap.live), CITING))
        for node in _positive_nodes(tree):
            if isinstance(node, Series):
                found = snap.series_records(node)
                documents = frozenset(o for o in found if records[o].kind == "document")
                boosts.append(Boost(documents, SERIES_DOCUMENT))
                boosts.append(Boost(frozenset(found) - documents, SERIES_RECORD))
            elif isinstance(node, Dated) and not node.clauses:  # a span (年份:2022) bounds, it does not rank
                found = {o for o in snap.dated_between(node.low, node.high) if dated_matches(node, records[o])}
                documents = frozenset(o for o in found if records[o].kind == "document")
                boosts.append(Boost(documents, DATED_DOCUMENT))
                boosts.append(Boost(frozenset(found) - documents, DATED))
            elif isinstance(node, Validity):  # the documents asked for, then the records stating it
                boosts.append(Boost(node.documents, VALIDITY_DOCUMENT))
                boosts.append(Boost(node.stated - node.documents, VALIDITY_STATED))
        typed = {t.norm for t in positive_terms(tree)}
        named = snap.ranker.named(typed)
        asked = frozenset().union(*(n.ordinals for n in _positive_nodes(understood) if isinstance(n, Rosters)))
        # the printed forms of synonyms a fallback tier read (随军家属 for 军嫂) score as hints do: they rank that
        # tier's records, where the word typed occurs in none
        hints.extend(w for s in synonyms for w in rank_words(s))
        scored = weighted(words) + weighted([h for h in dict.fromkeys(hints) if h not in words], HINT_WEIGHT)
        return Query(scored, tuple(boosts), named, _titled(snap, understood), asked)

    def _hit(
        self,
        snap: Snapshot,
        ordinal: int,
        source: tuple[str, str | None, bool],
        terms: list[str],
        score,
        match: str = "text",
        in_context=(),
    ) -> Hit:
        r = snap.records[ordinal]
        snippet = snippet_of(source, terms, whole=r.kind == "chronicle")
        doc_id = r.doc_id or ""
        return Hit(
            kind=r.kind,
            id=r.id,
            doc_id=r.doc_id,
            wenhao=r.wenhao,
            title=r.title,
            date=r.date,
            end_date=r.end_date,
            offices=list(r.offices),
            doc_type=r.doc_type,
            path=r.path,
            anchor=r.anchor,
            issue_id=r.issue_id,
            snippet=snippet,
            score=round(score, 4) if score else None,
            validity=snap.validity.get(doc_id) if r.kind != "chronicle" else None,
            cited_by=snap.cited_by.get(doc_id, 0),
            documents=list(snap.facts["chronicle_links"].get(r.id, [])) if r.kind == "chronicle" else [],
            match=match,
            context_terms=list(in_context),
        )

    # -- reading ---------------------------------------------------------------------------------
    def document(self, doc_id: str, highlight: str | None = None, *, exact: bool = False) -> dict | None:
        """A document with everything known about it. With `highlight` (the query that led here) the
        result also has `blocks`: the body as paragraphs and tables whose pieces mark the query's
        matches and link every 文号 (see indexer.body); an unreadable query marks nothing."""
        snap = self._today()
        doc = snap.corpus.document(doc_id)
        if doc is None:
            return None
        doc["validity"] = snap.validity.get(doc_id)
        if doc["validity"] is not None:  # which day 施行 and a period count from (印发日期, 成文日期…)
            own_terms = snap.facts["validity"]["terms"].get(doc_id, {})
            doc["validity"] = dict(doc["validity"], counted_from=own_terms.get("counted_from"))
        terms: list[str] = []
        if highlight:
            try:
                tree = parse_query(highlight)
            except SearchError:
                tree = None
            if not exact:
                tree, _ = expand_aliases(tree)
            terms = sorted({t.norm for t in positive_terms(tree)}, key=len, reverse=True)
        doc["blocks"] = document_blocks(doc, snap.corpus.doc_by_wenhao, terms)
        doc["marked"] = any(p.get("mark") for b in doc["blocks"] for p in _block_pieces(b))
        doc["related"] = self._related(snap, doc_id)
        return doc

    def related(self, doc_id: str) -> list[dict] | None:
        """For each clause of a document, the most similar clauses of other documents (see _related)."""
        snap = self._today()
        return None if snap.corpus.document(doc_id) is None else self._related(snap, doc_id)

    @staticmethod
    def _related(snap: Snapshot, doc_id: str) -> list[dict]:
        """[{"anchor", "path" of a clause of the document, "clauses": [{"id", "doc_id", "anchor", "title",
        "wenhao", "date", "offices", "path", "similarity" (Jaccard of the informative runs,
        indexer.related), "excerpt": {"text", "marks"} of the other clause, "marks": the spans of this
        clause it shares}] best first}], in the document's order; clauses with none left out."""
        found, common = snap.related
        records, ordinal_of = snap.records, snap.ordinal_of
        out: list[dict] = []
        own = [(o, records[o]) for o in snap.clauses_of.get(doc_id, []) if records[o].id in found]
        for ordinal, record in own:
            others = [(ordinal_of[i], estimate) for i, estimate in found[record.id] if i in ordinal_of]
            texts = snap.reader.texts([ordinal] + [o for o, _ in others])  # one batch
            entries: list[dict[str, Any]] = []
            for (other, _), text in zip(others, texts[1:]):
                similarity, here, there = compare(texts[0], text, common)
                if not there:
                    continue
                r = records[other]
                entries.append(
                    {
                        "id": r.id,
                        "doc_id": r.doc_id,
                        "anchor": r.anchor,
                        "title": r.title,
                        "wenhao": r.wenhao,
                        "date": r.date,
                        "offices": list(r.offices),
                        "path": r.path,
                        "similarity": round(similarity, 3),
                        "excerpt": excerpt(text, there),
                        "marks": here,
                    }
                )
            entries.sort(key=lambda e: -float(e["similarity"]))
            if entries:
                out.append({"anchor": record.anchor, "path": record.path, "clauses": entries})
        return out

    def groups(self) -> list[dict]:
        return self._snapshot().corpus.groups()

    def person(self, name: str) -> dict | None:
        return self._snapshot().corpus.person(name)

    def people(self) -> list[dict]:
        return self._snapshot().corpus.people()

    def cite(self, text: str) -> list[dict]:
        """Every 文号 in `text` (as printed, canonical, offsets) and the corpus document it names, if any."""
        return self._snapshot().corpus.cite(text)

    def issues(self) -> list[dict]:
        return self._snapshot().corpus.issues()

    def issue(self, issue_id: str) -> dict | None:
        return self._snapshot().corpus.issue(issue_id)


# what warm() asks: a common word, two words, a phrase across words, a question (not a 文号 series: the
# record sets it is answered with are made when a user first asks for one, see Snapshot.sets)
WARM_QUERIES = ("工作", "应急 管理", "务业", "领导小组成员有哪些")
STAGES = ("parse", "select", "facets", "rank", "snippets", "clauses")  # in order, as StageTimer marks them


def _in_tier(members: frozenset[int], ranked: Ranked, records) -> list[tuple[int, float | None]]:
    """A tier's records by score, then those no ranking word occurs in (documents first, newest first)."""
    if not members:
        return []
    ordinals, scores = ranked.among_records(np.fromiter(members, dtype=np.int64, count=len(members)))
    out: list[tuple[int, float | None]] = list(zip(ordinals.tolist(), scores.tolist()))
    scored = {o for o, _ in out}
    rest = sorted(
        (o for o in members if o not in scored),
        key=lambda o: (-_KIND_ORDER[records[o].kind], records[o].date or "", o),
    )
    return out + [(o, None) for o in rest]


def _relaxable(understood: Node, typed: Node) -> tuple[Node, Node, bool] | None:
    """What the relaxed tiers search (the tree as read, the words typed) and whether it is a validity
    question's topic: with such a question, the topic typed with it (understand.topic_of) — its own words
    (现行、有效; 停止、执行) answer no question about validity —, None when no topic was typed."""
    if not any(isinstance(n, Validity) for n in _positive_nodes(understood)):
        return understood, typed, False
    read, words = topic_of(understood), topic_of(typed)
    if read is None or words is None or not positive_terms(read):
        return None
    return read, words, True


def _context_records(
    snap: Snapshot, tree: Node, literal: Selection, own: Callable[[Node, set[int] | None], set[int]]
) -> tuple[set[int], dict[int, tuple[str, ...]]]:
    """The context tier's records and, for each, the terms found only in its context: the clauses holding a
    term in their document's title or the headings above them (bounded: one term finds by its headings only
    what the literal reading misses, a page short of hits; several terms, from a bounded number of candidate
    clauses), and for a title field beside other words the clauses under that title (_titled_clauses)."""
    context = snap.context_index
    single = len(positive_terms(tree)) == 1 and literal.count() >= FEW
    candidates = set() if single else context_candidates(tree, context, CONTEXT_CANDIDATES)
    if len(candidates) > CONTEXT_CANDIDATES:
        candidates = set()
    extra, where = with_context(tree, candidates, own, context) if candidates else (set(), {})
    # 标题:方案 AND 考核: also the clauses holding 考核 of the documents titled 方案 — the passages, not only
    # the documents, as every other word finds them
    titled = _titled_clauses(snap, tree, own)
    if titled:
        fresh = set(titled) - _every(literal) - extra
        extra |= fresh
        where = {**where, **{o: titled[o] for o in fresh}}
    return extra, where


def _titled_clauses(
    snap: Snapshot, tree: Node, own: Callable[[Node, set[int] | None], set[int]]
) -> dict[int, tuple[str, ...]]:
    """The clauses a query with a title field (标题:方案 AND 考核) finds when a clause counts under its
    document's title: {clause: the title words it counts under}. Only beside a word of another field — 标题:统计
    alone asks for documents — and a NOT-ed title stays a document's own."""
    positives = positive_terms(tree)
    titles = [t for t in positives if t.field == "title"]
    if not titles or len(titles) == len(positives):
        return {}
    records = snap.records
    under: dict[int, list[str]] = {}  # each clause → the title words its document's title holds

    def walk(node: Node) -> Node:
        if isinstance(node, Term) and node.field == "title":
            clauses = frozenset(
                o
                for d in own(node, None)
                if records[d].kind == "document"
                for o in snap.clauses_of.get(records[d].doc_id or "", ())
            )
            for o in clauses:
                under.setdefault(o, []).append(node.text)
            return Or((node, Records(clauses))) if clauses else node
        if isinstance(node, (And, Or)):
            return type(node)(tuple(walk(c) for c in node.children))
        return node  # NOT 标题:…, NEAR: as typed

    # a clause counts so only where it holds a word of another field: of 标题:方案 OR 考核, not every clause of
    # every 方案 (137 in the bundled issues, holding neither), which the OR let through
    others = [t for t in positives if t.field != "title"]
    holding = own(others[0] if len(others) == 1 else Or(tuple(others)), None)
    found = (own(walk(tree), None) - own(tree, None)) & holding
    return {o: tuple(dict.fromkeys(under[o])) for o in found if o in under}


def _synonym_words(tiers: Sequence[Tier]) -> list[str]:
    """The printed forms of the synonyms a fallback tier read (随军家属 for 军嫂), for ranking its records."""
    return [printed for t in tiers for _, printed in t.synonyms]


def _date_readings(understood: Node | None) -> dict[str, Node]:
    """Each term typed as a date (2022年3月, 1996年, 二〇二二年三月) → what it was also read as (the records
    dated then: indexer.understand), for the relaxed tiers' count of words."""
    out: dict[str, Node] = {}

    def dated(node: Node) -> Node | None:
        if isinstance(node, Dated):
            return node
        if isinstance(node, Or):
            return next((d for d in map(dated, node.children) if d is not None), None)
        return None

    def walk(node: Node | None) -> None:
        if isinstance(node, Or) and node.children and isinstance(node.children[0], Term):
            found = next((d for d in map(dated, node.children[1:]) if d is not None), None)
            if found is not None:
                out[node.children[0].text] = found
                return
        if isinstance(node, (And, Or)):
            for child in node.children:
                walk(child)

    walk(understood)
    return out


def _validity_of_documents(snap: Snapshot, understood: Node | None, found: set[int], asked: bool) -> set[int]:
    """The records a validity question names (its documents, the records printing its sentence) that
    belong to a document of `found`: the topic's words found the document, the question finds its
    statement (第四十条 本办法试行期 2 年，自公布之日起 30 日后施行, for 国企监管办法什么时候施行). None
    unless a validity question was `asked`."""
    if not asked:
        return set()
    records = snap.records
    documents = {records[o].doc_id for o in found if records[o].doc_id and records[o].kind != "chronicle"}
    out: set[int] = set()
    for node in _positive_nodes(understood):
        if isinstance(node, Validity):
            out |= {o for o in node.documents | node.stated if records[o].doc_id in documents}
    return out


def _unread_validity(plan: Plan, tiers: list[Tier]) -> list[str]:
    """The labels of a query's validity readings when no record they name is in the answer (the notice
    says so: a status no document has today, a topic none of them is about)."""
    named = [n for n in _positive_nodes(plan.understood) if isinstance(n, Validity)]
    if not named or plan.selection.count():
        return []
    wanted = frozenset().union(*(n.documents | n.stated for n in named))
    if any(t.ordinals & wanted for t in tiers):
        return []
    return [r.label for r in plan.readings if r.kind == "validity"]


def _stated_marks(snap: Snapshot, understood: Node | None) -> dict[int, list[str]]:
    """For a query read as a validity question, each record holding a sentence the answer rests on →
    what of it its snippet marks (indexer.validity_asks.mark_of); empty for any other query."""
    out: dict[int, list[str]] = {}
    for node in _positive_nodes(understood):
        if isinstance(node, Validity):
            for ordinal, marked in snap.validity_marks(node).items():
                out.setdefault(ordinal, []).extend(marked)
    return out


def _term_groups(tree: Node | None) -> list[list[str]]:
    """Each positive term of the query with its equivalent names (normalized), for nearness."""
    groups: list[list[str]] = []
    for term in positive_terms(tree):
        if term.wenhao is None:
            forms = [term.norm, *other_forms(term.norm)]
            if forms not in groups:
                groups.append(forms)
    return groups


def _nearer(snap: Snapshot, scored: list[tuple[int, float | None]], groups, head: int, last: int | None = None):
    """`scored` with its first `head` scored records reordered by score × nearness (ties by ordinal).
    `last`: only the first `last` of the result are used. Nearness multiplies a score by 1 to 1 + proximity,
    so a record scoring below the last-th best ÷ (1 + proximity) stays below those `last` records whatever
    its nearness: its text is not read (a document's text is ~7,000 characters; 30 were read for any
    query of two words), and it keeps its place after the reordered ones."""
    if len(groups) < 2 or not scored:
        return scored
    count = min(head, len(scored))
    top = [(o, s) for o, s in scored[:count] if s is not None]
    rest = scored[len(top) :]
    params = snap.ranker.params
    beyond: list[tuple[int, float | None]] = []
    if last is not None and 0 < last < len(top):
        bound = top[last - 1][1] / (1.0 + params.proximity) * (1.0 - 1e-9)  # scored is best first
        reachable = next((i for i, (_, s) in enumerate(top) if s < bound), len(top))
        top, beyond = top[:reachable], list(top[reachable:])
    texts = snap.reader.match_texts([o for o, _ in top])  # one batch
    near = [(o, s * nearness(text, groups, params)) for (o, s), text in zip(top, texts)]
    near.sort(key=lambda p: (-p[1], p[0]))
    return near + beyond + rest


def _titled(snap: Snapshot, understood: Node | None) -> frozenset[int]:
    """The documents whose title holds every positive term of the query (or one of its equivalent
    names): the documents named for what is asked. Asked of the engine as title-only terms (a
    document's title is its match text's first part), not by testing every document's title here,
    which cost ~3 ms a query at 100× and grew with the corpus."""
    groups = _term_groups(understood)
    if not groups:
        return frozenset()
    either = [
        Or(tuple(Term(form, field="title") for form in forms)) if len(forms) > 1 else Term(forms[0], field="title")
        for forms in groups
    ]
    tree = either[0] if len(either) == 1 else And(tuple(either))
    if snap.capabilities.answers_requests:  # the documents only, chosen by the engine: a clause's title
        # is its document's, so a common word's title matches are thousands of clauses, each read out
        selection = snap.reader.select(tree, [FacetFilter("kind", ("document",))], snap.context)
        if selection is not None:
            return frozenset(_every(selection))
    found = _matcher(snap).docs(tree)
    records = snap.records
    return frozenset(o for o in found if records[o].kind == "document")


def _positive_nodes(node: Node | None):
    """Every node of the tree not under a NOT."""
    if node is None or isinstance(node, Not):
        return
    yield node
    for child in getattr(node, "children", ()):
        yield from _positive_nodes(child)


def _one_year(request: SearchRequest) -> int | None:
    """The year filter when exactly one year is chosen (a month and day typed are of that year)."""
    years = request.selected("year")
    return int(years[0]) if len(years) == 1 and years[0].isdigit() else None


def _matcher(snap: Snapshot) -> Matcher:
    return Matcher(snap.reader, snap.records, snap.live, snap.capabilities.evaluates_trees, snap.dated_between)


def _every_array(selection: Selection) -> np.ndarray:
    """_every as a numpy array, from the engine's own array when it has one (tantivy: the keys read out,
    no set of thousands of ordinals made on the way)."""
    as_array = getattr(selection, "ordinal_array", None)  # not part of the seam, like `ordinals`
    if as_array is not None:
        return as_array()
    every = _every(selection)
    return np.fromiter(every, dtype=np.int64, count=len(every))


def _every(selection: Selection) -> set[int]:
    """Every record a selection holds: the sets' own answer in-process, else through the call every
    engine answers (for small selections)."""
    held = getattr(selection, "ordinals", None)  # SetSelection's, not part of the seam
    return set(held()) if held is not None else set(selection.first("date", selection.count()))


# clauses whose context holds a term of the query, past which the context tier is not looked for (common
# words at scale: their literal matches fill the first pages anyway)
CONTEXT_CANDIDATES = 3000


def _most_share(snap: Snapshot, held: dict[int, float], ordinal: int, top: float) -> float:
    """What a record of the `most` tier keeps of its score for the share of the words it holds (each
    weighed by its idf), ** MOST_POWER; a clause also for the share its document holds, ** DOCUMENT_POWER
    (the plan that holds 禁烧, 责任体系 and 嘎查村 across its clauses before a notice holding 嘎查村 alone).
    `top`: the most any record holds, max(held.values())."""
    share = (held.get(ordinal, 0.0) / top) ** MOST_POWER
    record = snap.records[ordinal]
    if record.kind == "clause" and DOCUMENT_POWER:
        document = snap.ordinal_of.get(record.doc_id or "")
        own = held.get(ordinal, 0.0)
        share *= (max(own, held.get(document, 0.0)) / top) ** DOCUMENT_POWER if document is not None else 1.0
    return share


# up to this many selected records, only they are scored: their ordinals come cheaply (a small tantivy
# selection has read its keys for its facets) and a common word's postings are cut to them
SCORE_AMONG_MAX = 3_000
# up to this many, when the words' postings are over SCORE_AMONG_RATIO times as many (县市民人 at 300×: 3,312
# records, the postings of every word holding 人 or 民): reading the records out costs less. Reading one
# costs ~1 µs (a phrase's query run again, the hit, the set), merging and scoring a posting ~0.12 µs; at
# 300×, read against not: 安盟 (8,208 records, 12.6× as many postings) 7.8 against 13.6 ms, 领导小 (9,239,
# 6×) 12.0 against 6.0 ms, 各旗县市 (13,966, 5.3×) 25.1 against 9.3 ms
SCORE_AMONG_LARGE = 30_000
SCORE_AMONG_RATIO = 9
HINT_WEIGHT = 0.6  # a word that answers the question asked (tiers.QUESTION_HINTS), beside a word typed
DOCUMENT_POWER = 2.0
MOST_POWER = 4.0  # the most tier: score × (share of the words' weight held) ** this
CHUNK = 64  # candidates asked about at once when the selection is not read out whole
MEMBERS_ASKED = 400  # past this many candidates in one ask, the selection is read out instead (if not huge)


def _best(selection: Selection, ranked: Ranked, count: int) -> list[tuple[int, float]]:
    """The first `count` of the scored records (best first) that the selection holds. A selection
    small against the scored records is read out whole and used as a mask; a large one is asked about
    the candidates in order, a growing chunk at a time, until `count` are found (ordered only that far)."""
    if count <= 0 or not len(ranked):
        return []
    if selection.count() * 4 <= len(ranked):
        return _best_by_mask(selection, ranked, count)
    out: list[tuple[int, float]] = []
    at, chunk = 0, max(CHUNK, count * 2)
    while at < len(ranked) and len(out) < count:
        if chunk > MEMBERS_ASKED and selection.count() <= SCORE_AMONG_LARGE:
            # the best candidates are mostly not selected (责任 and 单位 apart, not 责任单位): reading the
            # selection once costs less than asking about thousands of candidates (at 300× 10.4 → ~3 ms)
            return _best_by_mask(selection, ranked, count)
        ordinals, scores = ranked.head(at + chunk)
        candidates = ordinals[at:].tolist()
        held = selection.members(candidates)
        out.extend((o, float(s)) for o, s in zip(candidates, scores[at:].tolist()) if o in held)
        at += chunk
        chunk *= 4
    return out[:count]


def _best_by_mask(selection: Selection, ranked: Ranked, count: int) -> list[tuple[int, float]]:
    """_best from the selection read out whole and used as a mask."""
    ordinals, scores = ranked.among_records(_every_array(selection))
    return list(zip(ordinals[:count].tolist(), scores[:count].tolist()))


@dataclass(frozen=True)
class Plan:
    """A request as the service reads it: its tree (with readings and equivalent names), the names
    added, the literal reading's selection, the tree before equivalent names (what is relaxed),
    the readings, the filters."""

    tree: Node | None
    also: list[str]
    selection: Selection
    understood: Node | None
    readings: list[Reading]
    filters: list[Filter]
    typed: Node | None = None  # the tree as typed, before readings and equivalent names
    matcher: Matcher | None = None  # the request's (its term sets kept for the tiers)


class StageTimer:
    """Milliseconds spent in each stage of one search, in order ("parse" is everything before the first
    mark): carried in the result (`stages_ms`) so a bench over HTTP sees where a request's time went."""

    def __init__(self, started: float):
        self.last = started
        self.ms: dict[str, float] = {}
        self.mark("parse")

    def mark(self, stage: str) -> None:
        now = time.perf_counter()
        self.ms[stage] = round((now - self.last) * 1000, 3)
        self.last = now


class Order:
    """A precomputed order of every record (by date, by 文号, by citations) and each record's place in it."""

    def __init__(self, ordinals: list[int]):
        self.ordinals = ordinals
        self.place = [0] * len(ordinals)
        for position, ordinal in enumerate(ordinals):
            self.place[ordinal] = position

    def first(self, allowed: set[int], count: int, reverse: bool = False) -> list[int]:
        """The first `count` of `allowed` in this order: a set small against the index is sorted by place;
        a dense one is found by walking the order and stopping once `count` are found."""
        if count <= 0:
            return []
        if len(allowed) * 16 < len(self.ordinals):
            return sorted(allowed, key=self.place.__getitem__, reverse=reverse)[:count]
        out = []
        for o in reversed(self.ordinals) if reverse else self.ordinals:
            if o in allowed:
                out.append(o)
                if len(out) == count:
                    break
        return out


def _block_pieces(block: dict):
    if block["type"] == "paragraph":
        yield from block["pieces"]
    else:
        for cell in block["header"]:
            yield from cell
        for row in block["rows"]:
            for cell in row["cells"]:
                for paragraph in cell:
                    yield from paragraph


def _parse_within(text: str) -> Node | None:
    try:
        return parse_query(text)
    except SearchError as exc:
        raise SearchError(f"在结果中检索：{exc.message}", "within", exc.code) from None


def _known(snap: Snapshot, own: Callable[[Node], set[int]]) -> Callable[[str], bool]:
    """Whether a record holds a word as typed or as one of its equivalent names: a full name the text
    prints only short (住房和城乡建设局, printed 住建局) is one unit of the relaxed tiers, not 住房、城乡、建设局
    (indexer.tiers.split)."""

    def known(word: str) -> bool:
        if snap.ranker.data.frequency(word) > 0 or own(Term(word)):
            return True
        forms = expand_aliases(Term(word))[0]
        return forms is not None and forms != Term(word) and bool(own(forms))

    return known


def _wenhao_key(record: IndexRecord, ordinal: int) -> tuple:
    """文号 order: year, then serial, then 代字; the document before its clauses; records without a 文号 last."""
    return (*_wenhao_order(record.wenhao), ordinal)


@lru_cache(maxsize=65536)
def _wenhao_order(wenhao: str | None) -> tuple:
    """A document's clauses share its 文号: parsed once per 文号, not once per record."""
    parsed = parse_wenhao(wenhao) if wenhao else None
    if parsed is None:
        return (1, 0, 0, "")
    # a 令 is numbered without a year (国令第706号): it sorts before the years
    return (0, parsed.year or 0, parsed.number or 0, parsed.code)


def _offices_as_held(snap: Snapshot, tree: Node | None) -> Node | None:
    """The tree with each 发文机关:X that no office the index holds contains as typed, but one contains in an
    equivalent form (行署办公室 → 行政公署办公室, of 兴安盟行政公署办公室: aliases.txt and abbreviations.txt), as
    that form; the others as typed (an unknown office is then said, _check_metadata_terms)."""

    def known(text: str) -> bool:  # asked only of a 发文机关 typed: the offices are read then
        return bool(snap.offices.holding(text))

    def walk(node: Node) -> Node:
        if isinstance(node, Office):
            wanted = normalize(node.text)
            if known(wanted):
                return node
            form = next((f for f in other_forms(wanted) if known(f)), None)
            return Office(form) if form is not None else node
        if isinstance(node, (And, Or)):
            return type(node)(tuple(walk(c) for c in node.children))
        if isinstance(node, Not):
            return Not(walk(node.child))
        return node

    return None if tree is None else walk(tree)


def _check_metadata_terms(snap: Snapshot, tree: Node | None) -> None:
    """文号:X and 发文机关:X name things the index must know; an unknown one is said, not answered with zero."""
    for node in _walk(tree):
        if isinstance(node, Series) and node.code not in snap.series:
            raise SearchError(
                f"文号代字“{node.code}”不在索引中；已收录的代字：{'、'.join(snap.series)}", "q", "unknown_series"
            )
        if isinstance(node, Office):
            if not snap.offices.holding(node.text):
                known = "、".join(snap.offices.names)
                raise SearchError(f"发文机关“{node.text}”不在索引中；已收录的发文机关：{known}", "q", "unknown_office")


def _walk(node: Node | None):
    if node is None:
        return
    yield node
    for child in getattr(node, "children", ()):
        yield from _walk(child)
    if isinstance(node, Not):
        yield from _walk(node.child)


def _only_excluded(tree: Node) -> bool:
    if isinstance(tree, Not):
        return True
    return isinstance(tree, And) and all(isinstance(c, Not) for c in tree.children)
