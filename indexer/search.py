"""The search API: GazetteSearch answers SearchRequests with plain SearchResults.

Matching (which records) is computed as sets of document numbers from the n-gram fields, so filters
and facet counts are set operations in memory; whoosh's BM25F over the jieba fields orders them.
The index is opened read-only; a rebuilt index (a new CURRENT pointer) is picked up on the next call.
"""
from __future__ import annotations

import heapq
import json
import threading
import time
from dataclasses import replace
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq

from analyzers.normalize import normalize
from analyzers.whoosh_analysis import query_words
from corpus.wenhao import parse_wenhao

from . import store
from .api import EXPORT_CAP, FacetValue, Hit, IndexMissingError, SearchError, SearchRequest, SearchResult, StaleIndexError
from .build import DEFAULT_INDEX_DIR, index_fingerprint
from .query import (
    ParsedQuery,
    Unit,
    highlight_terms,
    match_query,
    needs_confirming,
    own_or_citing,
    parse_query,
    rank_query,
)
from .records import IndexRecord
from .snippets import WINDOW, make_snippet

FACETS = ("year", "office", "type", "kind", "issue")
_KIND_ORDER = {"document": 2, "clause": 1, "chronicle": 0}


class _Snapshot:
    """One build, opened: whoosh index, records by document number, value → document-number sets."""

    def __init__(self, build: Path, stamp):
        self.build = build
        self.stamp = stamp
        self.meta = store.read_meta(build)
        self.ix = whoosh_index.open_dir(str(build))
        self.local = threading.local()
        by_id: dict[str, dict] = {}
        for file in sorted((build / store.RECORDS).glob("*.json")):
            for rec in json.loads(file.read_text(encoding="utf-8")):
                by_id[rec["id"]] = rec
        self.issues: dict[str, dict] = {}
        for file in sorted((build / store.ISSUES).glob("*.json")):
            issue = json.loads(file.read_text(encoding="utf-8"))
            self.issues[issue["id"]] = issue
        self.documents = {d["id"]: d for issue in self.issues.values() for d in issue["documents"]}
        searcher = self.searcher()
        size = searcher.doc_count_all()
        self.records: list[IndexRecord | None] = [None] * size
        self.match_texts: list[str] = [""] * size  # normalized, to confirm candidates by substring
        self.docnum_by_id: dict[str, int] = {}
        self.sets: dict[str, dict[str, set[int]]] = {name: {} for name in FACETS}
        self.by_wenhao: dict[str, set[int]] = {}
        self.live: set[int] = set()
        reader = searcher.reader()
        for docnum, stored in reader.iter_docs():
            rec = by_id.get(stored["id"])
            if rec is None:
                continue
            record = IndexRecord(**rec)
            self.records[docnum] = record
            self.match_texts[docnum] = normalize(record.match_text)
            self.docnum_by_id[record.id] = docnum
            self.live.add(docnum)
            self._add("kind", record.kind, docnum)
            self._add("issue", record.issue_id, docnum)
            if record.year:
                self._add("year", str(record.year), docnum)
            for office in record.offices:
                self._add("office", office, docnum)
            if record.doc_type:
                self._add("type", record.doc_type, docnum)
            if record.wenhao:
                self.by_wenhao.setdefault(record.wenhao, set()).add(docnum)
        # documents citing each 文号, and who cites whom (for document pages)
        self.cited_by: dict[str, list[str]] = {}
        for doc in self.documents.values():
            for cited in doc["citations"]:
                self.cited_by.setdefault(cited, []).append(doc["id"])
        self.doc_by_wenhao = {d["wenhao"]: d["id"] for d in self.documents.values() if d["wenhao"]}
        self.order = sorted(self.live, key=lambda d: (self.records[d].date or "", d))

    def _add(self, facet: str, value: str, docnum: int) -> None:
        self.sets[facet].setdefault(value, set()).add(docnum)

    def searcher(self):
        """One whoosh searcher per thread: searchers read files and are not shared between threads."""
        searcher = getattr(self.local, "searcher", None)
        if searcher is None:
            searcher = self.ix.searcher()
            self.local.searcher = searcher
        return searcher

    def docs(self, q: wq.Query) -> set[int]:
        return set(self.searcher().docs_for_query(q)) & self.live

    def _rarest(self, grams: list[str], keep: int = 3) -> list[str]:
        reader = self.searcher().reader()
        return sorted(grams, key=lambda g: reader.doc_frequency("grams", g))[:keep]

    def unit_docs(self, unit: Unit) -> set[int]:
        """Records whose normalized text contains the unit (for a 文号: also its own and citing records)."""
        q = match_query(unit, pick=self._rarest)
        candidates = self.live if q is None else self.docs(q)
        if not needs_confirming(unit):
            return candidates
        norm, texts = unit.normalized, self.match_texts
        confirmed = {d for d in candidates if norm in texts[d]}
        if unit.wenhao:  # own-number and citing records hold even without the printed string
            confirmed |= self.docs(own_or_citing(unit))
        return confirmed


class GazetteSearch:
    def __init__(self, index_dir: str | Path = DEFAULT_INDEX_DIR, *, check_fingerprint: bool = True):
        self.index_dir = Path(index_dir)
        self.check_fingerprint = check_fingerprint
        self._lock = threading.Lock()
        self._snap: _Snapshot | None = None
        self._snapshot()
        query_words("兴安盟")  # load jieba's dictionary now, not on the first user's query

    # -- index lifecycle -------------------------------------------------------------------------
    def _snapshot(self) -> _Snapshot:
        stamp = store.pointer_stamp(self.index_dir)
        snap = self._snap
        if snap is not None and snap.stamp == stamp:
            return snap
        with self._lock:
            if self._snap is not None and self._snap.stamp == stamp:
                return self._snap
            build = store.current_build(self.index_dir)
            if build is None:
                if self._snap is not None:
                    return self._snap  # the pointer vanished: keep serving what we have
                raise IndexMissingError(f"{self.index_dir}: no index here; build one with `gazette index`")
            snap = _Snapshot(build, stamp)
            if self.check_fingerprint and snap.meta.get("fingerprint") != index_fingerprint():
                raise StaleIndexError(
                    f"{self.index_dir}: the index was built with another analyzer or dictionary; rebuild it with `gazette index`"
                )
            self._snap = snap
            return snap

    @property
    def version(self) -> str:
        return self._snapshot().build.name

    def stats(self) -> dict:
        snap = self._snapshot()
        return {
            "build": snap.build.name,
            "built_at": snap.meta.get("built_at"),
            "records": len(snap.live),
            "kinds": {k: len(v) for k, v in snap.sets["kind"].items()},
            "issues": len(snap.issues),
        }

    # -- search ----------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        snap = self._snapshot()
        parsed = parse_query(request.query)
        if parsed.empty and not request.has_filter:
            raise SearchError("q: give a query, a 文号 or a filter (year, office, type, kind, from/to…)", "q")
        if not parsed.groups and parsed.excluded and not request.has_filter:
            raise SearchError("q: a query of only excluded terms needs a term to search for or a filter", "q")
        matched = self._match(snap, parsed)
        constraints = self._constraints(snap, request)
        allowed = _intersect(matched, constraints.values())
        facets = self._facets(snap, matched, constraints)
        hits_docnums = self._rank(snap, parsed, request, allowed)
        terms = highlight_terms(parsed)
        hits = [self._hit(snap, d, terms, score) for d, score in hits_docnums]
        return SearchResult(request, len(allowed), hits, facets, (time.perf_counter() - started) * 1000)

    def export(self, request: SearchRequest, cap: int = EXPORT_CAP) -> list[Hit]:
        """Every hit of the request (all pages), up to `cap`, in the request's order."""
        result = self.search(replace(request, page=1, size=cap))
        return result.hits

    def _match(self, snap: _Snapshot, parsed: ParsedQuery) -> set[int]:
        if parsed.groups:
            matched = None
            for group in sorted(parsed.groups, key=lambda g: -min(len(u.normalized) for u in g)):
                docs: set[int] = set()
                for unit in group:
                    docs |= snap.unit_docs(unit)
                matched = docs if matched is None else matched & docs
                if not matched:
                    break
        else:
            matched = set(snap.live)
        for unit in parsed.excluded:
            if not matched:
                break
            matched -= snap.unit_docs(unit)
        return matched

    def _constraints(self, snap: _Snapshot, request: SearchRequest) -> dict[str, set[int]]:
        """Each filter as a set of document numbers, keyed by the facet it belongs to."""
        out: dict[str, set[int]] = {}

        def union(facet: str, values) -> set[int]:
            result: set[int] = set()
            for value in values:
                result |= snap.sets[facet].get(str(value), set())
            return result

        if request.kind:
            out["kind"] = union("kind", [request.kind])
        if request.years:
            out["year"] = union("year", request.years)
        if request.offices:
            out["office"] = union("office", request.offices)
        if request.types:
            out["type"] = union("type", request.types)
        if request.issues:
            out["issue"] = union("issue", request.issues)
        if request.wenhao:
            parsed = parse_wenhao(request.wenhao)
            if parsed is None:
                raise SearchError(f"wenhao: '{request.wenhao}' is not a 文号 (e.g. 兴署发〔2022〕6号)", "wenhao")
            out["_wenhao"] = set(snap.by_wenhao.get(parsed.canonical, set()))
        if request.cites:
            parsed = parse_wenhao(request.cites)
            if parsed is None:
                raise SearchError(f"cites: '{request.cites}' is not a 文号 (e.g. 国发〔2013〕42号)", "cites")
            out["_cites"] = snap.docs(wq.Term("cites", parsed.canonical))
        if request.date_from or request.date_to:
            low = request.date_from.isoformat() if request.date_from else "0000-00-00"
            high = request.date_to.isoformat() if request.date_to else "9999-99-99"
            out["_date"] = {
                d
                for d in snap.live
                if snap.records[d].date
                and snap.records[d].date <= high
                and (snap.records[d].end_date or snap.records[d].date) >= low
            }
        return out

    def _facets(self, snap: _Snapshot, matched: set[int], constraints: dict[str, set[int]]) -> dict[str, list[FacetValue]]:
        """Counts for the current query: each facet counts under every filter but its own,
        so the other values of a facet stay visible for choosing several."""
        facets = {}
        for name in FACETS:
            base = _intersect(matched, [s for key, s in constraints.items() if key != name])
            values = [FacetValue(value, len(base & docs)) for value, docs in snap.sets[name].items()]
            values = [v for v in values if v.count]
            if name == "year":
                values.sort(key=lambda v: v.value, reverse=True)
            else:
                values.sort(key=lambda v: (-v.count, v.value))
            facets[name] = values
        return facets

    def _rank(self, snap: _Snapshot, parsed: ParsedQuery, request: SearchRequest, allowed: set[int]):
        first = (request.page - 1) * request.size
        last = first + request.size
        if not allowed or first >= len(allowed):
            return []
        sort = request.sort
        if sort == "relevance" and not parsed.groups:
            sort = "-date"  # browsing: newest first
        if sort in ("date", "-date"):
            ordered = [d for d in snap.order if d in allowed] if len(allowed) * 4 > len(snap.order) else sorted(
                allowed, key=lambda d: (snap.records[d].date or "", d)
            )
            if sort == "-date":
                ordered.reverse()
            return [(d, None) for d in ordered[first:last]]
        scorers = [q for q in (rank_query(u) for u in parsed.positive_units) if q is not None]
        scored: list[tuple[int, float | None]] = []
        if scorers:
            scored = _top_scores(snap.searcher(), wq.Or(scorers), allowed, last)
        if len(scored) < last:
            # matched by characters but by no whole word: after the scored ones, documents first, newest first
            seen = {d for d, _ in scored}
            rest = sorted(allowed - seen, key=lambda d: (_KIND_ORDER[snap.records[d].kind], snap.records[d].date or ""), reverse=True)
            scored.extend((d, None) for d in rest[: last - len(scored)])
        return scored[first:last]

    def _hit(self, snap: _Snapshot, docnum: int, terms: list[str], score) -> Hit:
        r = snap.records[docnum]
        return Hit(
            kind=r.kind, id=r.id, doc_id=r.doc_id, wenhao=r.wenhao, title=r.title, date=r.date,
            end_date=r.end_date, offices=list(r.offices), doc_type=r.doc_type, path=r.path, anchor=r.anchor,
            issue_id=r.issue_id, snippet=self._snippet(r, terms), score=round(score, 4) if score else None,
        )

    @staticmethod
    def _snippet(record: IndexRecord, terms: list[str]) -> str:
        if record.kind == "chronicle":  # entries are short: show each whole
            return make_snippet(record.text, terms, window=max(WINDOW, len(record.text)))
        return make_snippet(record.text, terms)

    # -- reading ---------------------------------------------------------------------------------
    def document(self, doc_id: str) -> dict | None:
        snap = self._snapshot()
        doc = snap.documents.get(doc_id)
        if doc is None:
            return None
        out = dict(doc)
        issue = snap.issues.get(doc["issue_id"], {})
        out["issue"] = {k: issue.get(k) for k in ("id", "label", "source", "year", "number", "total_number", "period")}
        out["citations_resolved"] = [
            {
                "wenhao": w,
                "doc_id": snap.doc_by_wenhao.get(w),
                "title": snap.documents[snap.doc_by_wenhao[w]]["title"] if w in snap.doc_by_wenhao else None,
            }
            for w in doc["citations"]
        ]
        citing = snap.cited_by.get(doc["wenhao"], []) if doc["wenhao"] else []
        out["cited_by"] = [
            {"doc_id": d, "wenhao": snap.documents[d]["wenhao"], "title": snap.documents[d]["title"], "date": snap.documents[d]["date"]}
            for d in citing
        ]
        return out

    def issues(self) -> list[dict]:
        snap = self._snapshot()
        return [self._issue_summary(snap, issue) for issue in sorted(snap.issues.values(), key=lambda i: (i["year"] or 0, i["number"] or 0, i["id"]))]

    def issue(self, issue_id: str) -> dict | None:
        snap = self._snapshot()
        issue = snap.issues.get(issue_id)
        return self._issue_summary(snap, issue) if issue else None

    def _issue_summary(self, snap: _Snapshot, issue: dict) -> dict:
        by_title = {_squash(d["title"]): d["id"] for d in issue["documents"]}
        toc = [dict(entry, doc_id=by_title.get(_squash(entry["title"]))) for entry in issue["toc"]]
        if not toc:  # no printed table of contents (header page missing, HTML page): list the documents
            toc = [{"section": "", "title": d["title"], "page": None, "doc_id": d["id"]} for d in issue["documents"]]
        return {
            **{k: issue.get(k) for k in ("id", "label", "source", "year", "number", "total_number", "period", "chronicle_title")},
            "toc": toc,
            "documents": [{"id": d["id"], "wenhao": d["wenhao"], "title": d["title"], "date": d["date"]} for d in issue["documents"]],
            "chronicle_count": len(issue["chronicle"]),
        }


def _top_scores(searcher, q: wq.Query, allowed: set[int], limit: int) -> list[tuple[int, float]]:
    """The `limit` best-scoring allowed records (BM25F via whoosh's own matchers and weighting).

    A narrow set is scored by skipping each matcher straight to its members; whoosh's collector
    would score every record any ranking word occurs in and only then drop the ones not allowed."""
    terms = list(q.iter_all_terms())
    postings = sum(searcher.doc_frequency(field, text) for field, text in terms)
    if postings < len(allowed) * len(terms):  # reading every posting is the cheaper way
        return [(hit.docnum, hit.score) for hit in searcher.search(q, filter=allowed, limit=limit)]
    context = searcher.context(weighting=searcher.weighting, top_query=q)
    scores: list[tuple[float, int]] = []
    wanted = sorted(allowed)
    for sub, offset in searcher.leaf_searchers():
        matcher = q.matcher(sub, context)
        end = offset + sub.doc_count_all()
        for docnum in wanted:
            if docnum < offset or docnum >= end:
                continue
            if not matcher.is_active():
                break
            local = docnum - offset
            if matcher.id() < local:
                matcher.skip_to(local)
                if not matcher.is_active():
                    break
            if matcher.id() == local:
                scores.append((matcher.score(), -docnum))
    return [(-d, score) for score, d in heapq.nlargest(limit, scores)]


def _intersect(base: set[int], others) -> set[int]:
    result = base
    for other in sorted(others, key=len):
        result = result & other
        if not result:
            break
    return result


def _squash(text: str) -> str:
    return "".join(text.split())
