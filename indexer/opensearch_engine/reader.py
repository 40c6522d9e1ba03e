"""Reading a build from OpenSearch: the query tree compiled into one OpenSearch query, exact as tantivy's.

A term of two or more characters is a `match_phrase` on the bigram field (its bigrams at consecutive
positions: exactly a substring), a one-character term a `term` on the character field; 文号 series are
a prefix of the `wenhao` keyword, an office condition the office facet's values that contain it. NEAR
is left to the service's sets (its candidates' texts read in batches). Every answer must come from
every shard: a search that could not reach a shard is an error (EngineUnavailableError → 503), never a
silently smaller answer. The reader searches the build's own index (cluster.json), not the alias, so
the records and the engine always agree.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from analyzers.normalize import SEP

from ..api import EngineUnavailableError
from ..matching import OfficeNames, dated_kinds
from ..querylang import And, Dated, Node, Not, Office, Or, Records, Series, Term
from ..store import engine_json
from .client import Client, ClusterError, configured_urls
from .mapping import PAGE, STORED_FACETS, day_number, facet_field
from .selection import OpenSearchSelection
from .writer import CLUSTER

RETRIES = 2  # a search cut by a lost node is asked again this many times
RETRY_PAUSE = 0.3  # seconds, times the attempt: the cluster promotes the lost shards' copies meanwhile


def _lost_midway(error: ClusterError) -> bool:
    """An error a node's loss causes between a search's phases, which the same search asked again avoids."""
    text = str(error.body)
    return error.status in (404, 500, 503) and (
        "search_context_missing" in text
        or "node_not_connected" in text
        or "node_disconnected" in text
        or "no_shard_available" in text
        or "NodeClosedException" in text
    )


MIXED = "\x00mixed"  # a document whose records carry different statuses: never equal to today's
MATCH_NONE: dict = {"match_none": {}}


class DamagedEngineFiles(RuntimeError):
    """The cluster's index does not agree with the build's records."""


class OpenSearchReader:
    def __init__(self, engine_dir, records: Sequence, meta: dict):
        info = engine_json(engine_dir, CLUSTER, meta)
        self.client = Client(configured_urls(info["urls"]))
        self.index = info["index"]
        self.alias = info["alias"]
        self.records = records
        self.ordinal_of = {record.id: i for i, record in enumerate(records)}
        try:
            counted = self.client.count(self.index)
        except ClusterError as exc:
            if exc.status == 404:
                raise DamagedEngineFiles(f"OpenSearch（{self.client.where}）中没有索引 {self.index}") from None
            raise
        if counted != len(records):
            raise DamagedEngineFiles(
                f"OpenSearch 索引 {self.index} 中有 {counted} 条记录，索引记录表中有 {len(records)} 条"
            )
        self.offices = OfficeNames(office for record in records for office in record.offices)
        # how many values each facet has: a terms aggregation asked for all of them counts exactly
        self.facet_sizes = {f.name: len({v for r in records for v in f.values_of(r)}) + 1 for f in STORED_FACETS}
        self.facet_sizes["validity"] = 16
        self.written_statuses: dict[str, str | None] = {}
        for doc_id, by_source in info["written"].items():
            carried = set(by_source.values())
            self.written_statuses[doc_id] = (carried.pop() or None) if len(carried) == 1 else MIXED
        self._changes: tuple[object, dict[str, str | None]] | None = None

    # -- plumbing -------------------------------------------------------------------------------
    def search(self, body: dict, *, scored: bool = False) -> dict:
        """One search of this build's index, from every shard or not at all. A search that a node's loss
        cut between its phases (the shard's search context gone with the node, or shards failed while
        their copies are promoted) is asked again, up to RETRIES times: the other copy answers it."""
        params = "allow_partial_search_results=false"
        if scored:  # BM25 statistics of the whole index, not each shard's: the same scores as one index
            params += "&search_type=dfs_query_then_fetch"
        for attempt in range(RETRIES + 1):
            last = attempt == RETRIES
            try:
                answer = self.client.request("POST", f"/{self.index}/_search?{params}", body)
            except ClusterError as exc:
                if last or not _lost_midway(exc):
                    raise
                time.sleep(RETRY_PAUSE * (attempt + 1))
                continue
            shards = answer.get("_shards") or {}
            if not (shards.get("failed") or answer.get("timed_out")) or last:
                break
            time.sleep(RETRY_PAUSE * (attempt + 1))
        if shards.get("failed") or answer.get("timed_out"):
            raise EngineUnavailableError(
                f"OpenSearch 集群（{self.client.where}）只有 {shards.get('successful', 0)}/{shards.get('total', '?')} "
                "个分片作答；集群恢复前无法给出完整结果"
            )
        return answer

    def ordinals_of_hits(self, hits) -> list[int]:
        of = self.ordinal_of
        return [of[h["_id"]] for h in hits]

    def all_ordinals(self, query: dict) -> set[int]:
        """Every record `query` matches (the sets' way), a page of ids at a time."""
        found: set[int] = set()
        after = None
        while True:
            body = {"query": query, "size": PAGE, "_source": False, "sort": [{"seq": "asc"}], "track_total_hits": False}
            if after is not None:
                body["search_after"] = after
            hits = self.search(body)["hits"]["hits"]
            found.update(self.ordinals_of_hits(hits))
            if len(hits) < PAGE:
                return found
            after = hits[-1]["sort"]

    def ids_query(self, ordinals) -> dict:
        records = self.records
        return {"ids": {"values": [records[o].id for o in ordinals]}}

    # -- compiling ------------------------------------------------------------------------------
    def term_query(self, norm: str, part: str | None) -> dict:
        if not norm or SEP in norm:
            return MATCH_NONE
        fields = ("title", "body") if part is None else ("title",) if part == "title" else ("body",)
        queries: list[dict]
        if len(norm) == 1:
            queries = [{"term": {f"{f}.b1": norm}} for f in fields]
        else:
            queries = [{"match_phrase": {f"{f}.b2": {"query": norm}}} for f in fields]
        return queries[0] if len(queries) == 1 else {"bool": {"should": queries, "minimum_should_match": 1}}

    def compile(self, node: Node) -> dict | None:
        """The tree as one OpenSearch query (filter context: matching only); None with a NEAR in it."""
        if isinstance(node, Term):
            if node.guarded:
                return None  # a short form is checked against the words of the text: the Matcher does it
            query = self.term_query(node.norm, node.field)
            if node.wenhao:  # as Matcher._term: its own records and those citing it, however printed
                canonical = node.wenhao.canonical
                own = [{"term": {"wenhao": canonical}}, {"term": {"cites": canonical}}]
                query = {"bool": {"should": [query, *own], "minimum_should_match": 1}}
            return query
        if isinstance(node, Series):  # matching.series_matches
            prefix = f"{node.code}〔{node.year}〕" if node.year is not None else f"{node.code}〔"
            return {"prefix": {"wenhao": prefix}}
        if isinstance(node, Records):  # a tier's records joined to the query's (indexer.tiers)
            return self.ids_query(node.ordinals) if node.ordinals else MATCH_NONE
        if isinstance(node, Dated):  # matching.dated_matches: documents and entries (a span: clauses too), by overlap
            dated = [
                {"range": {"d_from": {"lte": day_number(node.high)}}},
                {"range": {"d_to": {"gte": day_number(node.low)}}},
                {"terms": {"kind": list(dated_kinds(node))}},
            ]
            return {"bool": {"filter": dated}}
        if isinstance(node, Office):
            values = self.offices.holding(node.text)
            return {"terms": {facet_field("office"): values}} if values else MATCH_NONE
        if isinstance(node, Not):
            excluded = self.compile(node.child)
            return None if excluded is None else {"bool": {"must": [{"match_all": {}}], "must_not": [excluded]}}
        if isinstance(node, And):
            must: list[dict] = []
            must_not: list[dict] = []
            for child in node.children:
                compiled = self.compile(child.child if isinstance(child, Not) else child)
                if compiled is None:
                    return None
                (must_not if isinstance(child, Not) else must).append(compiled)
            return {"bool": {"filter": must or [{"match_all": {}}], "must_not": must_not}}
        if isinstance(node, Or):
            should = []
            for child in node.children:
                compiled = self.compile(child)
                if compiled is None:
                    return None
                should.append(compiled)
            return {"bool": {"should": should, "minimum_should_match": 1}}
        return None  # NEAR: evaluated on texts by the service

    def scoring_query(self, spec) -> dict | None:
        """BM25 with the local engines' boosts: its own document ×100, its records ×20, citing ×5,
        title words ×4, body words ×3."""
        parts: list[dict] = []
        for canonical in spec.wenhao:
            own = {"bool": {"must": [{"term": {"wenhao": canonical}}, {"term": {"kind": "document"}}], "boost": 100.0}}
            parts.append(own)
            parts.append({"term": {"wenhao": {"value": canonical, "boost": 20.0}}})
            parts.append({"term": {"cites": {"value": canonical, "boost": 5.0}}})
        if spec.words:
            for field, boost in (("words", 3.0), ("title_words", 4.0)):
                either = [{"term": {field: word}} for word in spec.words]
                parts.append({"bool": {"should": either, "boost": boost}})
        return {"bool": {"should": parts, "minimum_should_match": 1}} if parts else None

    # -- IndexReader ----------------------------------------------------------------------------
    def select(self, tree: Node | None, filters, context) -> OpenSearchSelection | None:
        match = {"match_all": {}} if tree is None else self.compile(tree)
        return None if match is None else OpenSearchSelection(self, match, filters, context)

    def matching(self, node: Node) -> set[int] | None:
        query = self.compile(node)
        return None if query is None else self.all_ordinals(query)

    def containing(self, norm: str, part: str | None = None, within: set[int] | None = None) -> set[int]:
        if within is not None and not within:
            return set()
        return self.all_ordinals(self.term_query(norm, part)) & (
            within if within is not None else set(self.ordinal_of.values())
        )

    def with_wenhao(self, canonical: str) -> set[int]:
        return self.all_ordinals({"term": {"wenhao": canonical}})

    def citing(self, canonical: str) -> set[int]:
        return self.all_ordinals({"term": {"cites": canonical}})

    def rank(self, spec, allowed: set[int], limit: int) -> list[tuple[int, float]]:
        return self.rank_within(spec, [self.ids_query(sorted(allowed))], limit) if allowed else []

    def rank_within(self, spec, filters: list[dict], limit: int) -> list[tuple[int, float]]:
        scoring = self.scoring_query(spec)
        if scoring is None or limit <= 0:
            return []
        body = {
            "query": {"bool": {"filter": filters, "must": [scoring]}},
            "size": limit,
            "_source": False,
            "sort": [{"_score": "desc"}, {"seq": "asc"}],
            "track_total_hits": False,
        }
        hits = self.search(body, scored=True)["hits"]["hits"]
        of = self.ordinal_of
        return [(of[h["_id"]], float(h["_score"])) for h in hits]

    def texts(self, ordinals: Sequence[int]) -> list[str]:
        return [source.get("text", "") for source in self._sources(ordinals, ["text"])]

    def match_texts(self, ordinals: Sequence[int]) -> list[str]:
        out = []
        for ordinal, source in zip(ordinals, self._sources(ordinals, ["title", "body"])):
            body = source.get("body", "")
            out.append(f"{source.get('title', '')}{SEP}{body}" if self.records[ordinal].kind == "document" else body)
        return out

    def snippet_texts(self, ordinals: Sequence[int], max_bytes: int) -> list[tuple[str, str | None, bool]]:
        """The display text and the normalized body, both stored, in one request; a display text past
        `max_bytes` of UTF-8 as its start alone, as tantivy reads it, so the snippet's work is bounded
        (the request still carries the whole text: _source cannot be cut by the cluster)."""
        out: list[tuple[str, str | None, bool]] = []
        for source in self._sources(ordinals, ["text", "body"]):
            text = source.get("text", "")
            if len(text) * 4 > max_bytes and len(encoded := text.encode("utf-8")) > max_bytes:
                out.append((encoded[:max_bytes].decode("utf-8", errors="ignore"), None, False))
            else:
                out.append((text, source.get("body", ""), True))
        return out

    def _sources(self, ordinals: Sequence[int], fields: list[str]) -> list[dict]:
        """The records' stored fields, in one request."""
        if not ordinals:
            return []
        records = self.records
        ids = [records[o].id for o in ordinals]
        answer = self.client.request(
            "POST", f"/{self.index}/_mget?_source_includes={','.join(fields)}", {"ids": list(dict.fromkeys(ids))}
        )
        found = {d["_id"]: d.get("_source", {}) for d in answer.get("docs", []) if d.get("found")}
        missing = [i for i in ids if i not in found]
        if missing:
            raise EngineUnavailableError(
                f"OpenSearch 索引 {self.index} 中缺少记录 {missing[0]}（共 {len(missing)} 条）"
            )
        return [found[i] for i in ids]

    def match_text(self, ordinal: int) -> str:
        return self.match_texts([ordinal])[0]

    def text(self, ordinal: int) -> str:
        return self.texts([ordinal])[0]

    def status_changes(self, status_docs) -> dict[str, str | None]:
        """Documents whose status today differs from the one their records carry (usually none)."""
        cached = self._changes
        if cached is None or cached[0] is not status_docs:
            today = {doc: status for status, docs in status_docs.items() for doc in docs}
            written = self.written_statuses
            changed = {d: today.get(d) for d in today.keys() | written.keys() if today.get(d) != written.get(d)}
            cached = (status_docs, changed)
            self._changes = cached
        return cached[1]

    def close(self) -> None:
        pass
