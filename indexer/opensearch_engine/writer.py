"""Writing a build into OpenSearch: a new index per build, an alias switched when the build is live.

A full build creates the index; an incremental one clones the live build's index (write-blocked once
its build was done, as clone requires) and deletes, adds and updates in it. Records go in bulk
requests (a few MB each) sent by a thread while the builder goes on making documents, two in flight.
When the build is published the alias (`cluster.json`'s `alias`) is moved to the new index in one
`_aliases` request, so whoever searches the alias sees the old index until the new one is complete;
a failed build deletes its index and leaves the alias where it was. The build's `engine/cluster.json`
names the index (a server reads that index, not the alias, so records and engine always agree) and
keeps what a later build needs: each source's rank (the order of records), and each document's
validity status and citation count as written, which later builds keep current.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..api import EngineUnavailableError
from .client import Client, ClusterError, configured_urls
from .mapping import SOURCE_SHIFT, document, mapping, settings

CLUSTER = "cluster.json"
BULK_BYTES = 4_000_000  # one bulk request's body
IN_FLIGHT = 2
KEEP_INDEXES = 2  # the live build's index and the one before (a server may still be reading it)
GREEN_WAIT = "120s"


def alias_for(index_dir: Path) -> str:
    """The alias of one index directory's builds: readable, and distinct per directory."""
    digest = hashlib.sha1(str(index_dir.resolve()).encode()).hexdigest()[:8]
    return f"gazette-{digest}"


class OpenSearchWriter:
    def __init__(self, engine_dir: Path, base: Path | None):
        engine_dir.mkdir(parents=True, exist_ok=True)
        self.engine_dir = engine_dir
        previous = json.loads((base / CLUSTER).read_text(encoding="utf-8")) if base is not None else None
        self.client = Client(configured_urls(previous["urls"] if previous else ()))
        health = self.client.health()
        if health.get("status") not in ("green", "yellow"):
            raise EngineUnavailableError(
                f"OpenSearch 集群（{self.client.where}）状态为 {health.get('status', '未知')}，不能写入新索引"
            )
        self.data_nodes = int(health.get("number_of_data_nodes") or 1)
        index_dir = engine_dir.parent.parent.parent  # <index>/builds/<build>/engine
        self.alias = previous["alias"] if previous else alias_for(index_dir)
        self.index = f"{self.alias}-{engine_dir.parent.name.lower()}"
        self.ranks: dict[str, int] = dict(previous["ranks"]) if previous else {}
        # document → {source → status its records there carry}, and → citation count written
        self.written: dict[str, dict[str, str]] = previous["written"] if previous else {}
        self.cited_written: dict[str, int] = previous["cited"] if previous else {}
        self.statuses: dict[str, str] = {}
        self.citations: dict[str, int] = {}
        self.rows: Counter[str] = Counter()  # records added per source (their place in it)
        self.count = previous["records"] if previous else 0
        self._deleted: list[str] = []
        self._gone: set[str] = set()  # sources deleted by this build (re-indexed ones are added again)
        self._bulk: list[bytes] = []
        self._bulk_bytes = 0
        self._pool = ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="opensearch-bulk")
        self._sent: list[Future] = []
        self._created = False
        self._lock = threading.Lock()
        if previous:
            self._clone(previous["index"])
        else:
            self._create()

    # -- the index ------------------------------------------------------------------------------
    def _create(self) -> None:
        body = {"settings": settings(self.data_nodes, 0, 0), "mappings": mapping()}
        self.client.request("PUT", f"/{self.index}?wait_for_active_shards=1", body)
        self._created = True

    def _clone(self, live_index: str) -> None:
        """The live index copied (segments hard-linked where the nodes share a disk), then written to."""
        try:
            self.client.request("POST", f"/{live_index}/_clone/{self.index}?wait_for_active_shards=1", {})
        except ClusterError as exc:
            if exc.status == 404:
                raise EngineUnavailableError(
                    f"OpenSearch 中没有上一版索引 {live_index}；请运行 gazette index --full 重建"
                ) from None
            raise
        self._created = True
        self.client.request(
            "PUT", f"/{self.index}/_settings", {"index": {"blocks.write": None, "refresh_interval": "-1"}}
        )

    def use_statuses(self, statuses: dict[str, str]) -> None:
        self.statuses = statuses

    def use_citations(self, citations: dict[str, int]) -> None:
        self.citations = citations

    def delete_source(self, source: str) -> None:
        self._deleted.append(source)
        self._gone.add(source)
        for doc_id in [d for d, by_source in self.written.items() if source in by_source]:
            del self.written[doc_id][source]
            if not self.written[doc_id]:
                del self.written[doc_id]
                self.cited_written.pop(doc_id, None)

    def _delete_deleted_sources(self) -> None:
        """The records of removed and re-indexed files, before anything of them is added again."""
        sources, self._deleted = self._deleted, []
        if not sources:
            return
        self.client.request("POST", f"/{self.index}/_refresh")
        for ids in self._ids_of({"terms": {"src": sources}}):
            self._queue_many([{"delete": {"_index": self.index, "_id": i}} for i in ids])
            self.count -= len(ids)
        self._flush()
        self._wait()

    def _ids_of(self, query: dict):
        """The ids of every record `query` matches, a page at a time (search_after on seq)."""
        after = None
        while True:
            body = {"query": query, "size": 5000, "_source": False, "sort": [{"seq": "asc"}], "track_total_hits": False}
            if after is not None:
                body["search_after"] = after
            hits = self.client.request("POST", f"/{self.index}/_search", body)["hits"]["hits"]
            if not hits:
                return
            yield [h["_id"] for h in hits]
            after = hits[-1]["sort"]

    # -- adding ---------------------------------------------------------------------------------
    def add(self, item) -> None:
        if self._deleted:
            self._delete_deleted_sources()
        record = item.record
        if record.source not in self.ranks:
            self.ranks[record.source] = max(self.ranks.values(), default=-1) + 1
        seq = self.ranks[record.source] * SOURCE_SHIFT + self.rows[record.source]
        self.rows[record.source] += 1
        status = self.statuses.get(record.doc_id or "", "") if record.kind != "chronicle" else ""
        cited = self.citations.get(record.doc_id or "", 0)
        if record.doc_id and record.kind != "chronicle":
            self.written.setdefault(record.doc_id, {})[record.source] = status
            self.cited_written[record.doc_id] = cited
        self._queue({"index": {"_index": self.index, "_id": record.id}}, document(item, seq, status, cited))
        self.count += 1

    def _queue(self, action: dict, doc: dict | None = None) -> None:
        line = json.dumps(action, ensure_ascii=False).encode() + b"\n"
        if doc is not None:
            line += json.dumps(doc, ensure_ascii=False).encode() + b"\n"
        self._bulk.append(line)
        self._bulk_bytes += len(line)
        if self._bulk_bytes >= BULK_BYTES:
            self._flush()

    def _queue_many(self, actions: list[dict]) -> None:
        for action in actions:
            self._queue(action)

    def _flush(self) -> None:
        if not self._bulk:
            return
        body = b"".join(self._bulk)
        self._bulk, self._bulk_bytes = [], 0
        if len(self._sent) >= IN_FLIGHT:  # at most IN_FLIGHT waiting: memory stays bounded
            self._sent.pop(0).result()
        self._sent.append(self._pool.submit(self._send, body))

    def _send(self, body: bytes) -> None:
        answer = self.client.request("POST", "/_bulk", ndjson=body, timeout=120.0)
        if answer.get("errors"):
            failed = [item for item in answer.get("items", []) for op in item.values() if op.get("status", 200) >= 300]
            failed = [f for f in failed if not ("delete" in f and f["delete"].get("status") == 404)]
            if failed:
                first = next(iter(failed[0].values()))
                raise EngineUnavailableError(
                    f"OpenSearch 写入失败：{len(failed)} 条记录未能写入，例如 {first.get('_id')}："
                    f"{(first.get('error') or {}).get('reason', first.get('status'))}"
                )

    def _wait(self) -> None:
        sent, self._sent = self._sent, []
        for future in sent:
            future.result()

    # -- finishing ------------------------------------------------------------------------------
    def _keep_current(self) -> None:
        """Documents kept from the live build whose status or citation count has changed since their
        records were written (a later issue repealed or cites them): their records are updated in place."""
        changed: dict[str, dict] = {}
        for doc_id, by_source in self.written.items():
            status = self.statuses.get(doc_id, "")
            update: dict = {}
            if any(s != status for s in by_source.values()):
                update["validity"] = status or None
            if self.cited_written.get(doc_id, 0) != self.citations.get(doc_id, 0):
                update["cited"] = self.citations.get(doc_id, 0)
            if update:
                changed[doc_id] = update
        if not changed:
            return
        self.client.request("POST", f"/{self.index}/_refresh")
        docs = sorted(changed)
        for at in range(0, len(docs), 1000):
            part = docs[at : at + 1000]
            body = {"query": {"terms": {"doc": part}}, "size": 10_000, "_source": ["doc"], "track_total_hits": False}
            for ids in self._hits_with_doc(body):
                for record_id, doc_id in ids:
                    self._queue({"update": {"_index": self.index, "_id": record_id}}, {"doc": changed[doc_id]})
        self._flush()
        self._wait()
        for doc_id, update in changed.items():
            if "validity" in update:
                self.written[doc_id] = {source: update["validity"] or "" for source in self.written[doc_id]}
            if "cited" in update:
                self.cited_written[doc_id] = update["cited"]

    def _hits_with_doc(self, body: dict):
        after = None
        while True:
            page = dict(body, sort=[{"seq": "asc"}], size=5000)
            if after is not None:
                page["search_after"] = after
            hits = self.client.request("POST", f"/{self.index}/_search", page)["hits"]["hits"]
            if not hits:
                return
            yield [(h["_id"], h["_source"]["doc"]) for h in hits]
            after = hits[-1]["sort"]

    def commit(self) -> int:
        if self._deleted:
            self._delete_deleted_sources()
        self._flush()
        self._wait()
        self._keep_current()
        index, client = self.index, self.client
        client.request("POST", f"/{index}/_refresh")
        # one segment per shard: no deleted documents left, so a shard's primary and replica hold the
        # same statistics and score alike, whichever answers
        client.request("POST", f"/{index}/_forcemerge?max_num_segments=1", timeout=600.0)
        counted = client.request("GET", f"/{index}/_count")["count"]
        if counted != self.count:
            raise EngineUnavailableError(f"OpenSearch 索引 {index} 中有 {counted} 条记录，应有 {self.count} 条")
        client.request(
            "PUT",
            f"/{index}/_settings",
            {"index": {"refresh_interval": None, "blocks.write": True, "max_result_window": max(10_000, counted * 2)}},
        )
        health = client.request(
            "GET", f"/_cluster/health/{index}?wait_for_status=green&timeout={GREEN_WAIT}", ok=(408,), timeout=150.0
        )
        # yellow (a replica still copying, e.g. on a busy machine) serves every shard: only red is a failure
        if health.get("status") not in ("green", "yellow"):
            raise EngineUnavailableError(
                f"OpenSearch 索引 {index} 未能在 {GREEN_WAIT} 内就绪（{health.get('status')}）"
            )
        # a source removed now and added by a later build comes after the others then, as in the build's order
        self.ranks = {
            source: rank for source, rank in self.ranks.items() if source not in self._gone or self.rows[source]
        }
        info = {
            "urls": client.urls,
            "alias": self.alias,
            "index": index,
            "records": counted,
            "ranks": self.ranks,
            "written": self.written,
            "cited": self.cited_written,
        }
        (self.engine_dir / CLUSTER).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        self._pool.shutdown(wait=True)
        return counted

    def publish(self) -> None:
        """The build is live: the alias moves to its index in one request; indexes of older builds go."""
        client = self.client
        answer = client.request("GET", f"/_alias/{self.alias}", ok=(404,))
        aliased = [name for name, value in answer.items() if isinstance(value, dict) and "aliases" in value]
        actions: list[dict] = [{"add": {"index": self.index, "alias": self.alias}}]
        actions += [{"remove": {"index": name, "alias": self.alias}} for name in aliased if name != self.index]
        client.request("POST", "/_aliases", {"actions": actions})
        ours = client.request("GET", f"/_cat/indices/{self.alias}-*?format=json&h=index", ok=(404,))
        names = sorted(row["index"] for row in ours.get("value", []) if isinstance(row, dict))
        previous = [n for n in names if n in aliased and n != self.index]
        keep = {self.index, *previous[-(KEEP_INDEXES - 1) :]}
        stale = [n for n in names if n not in keep and n < self.index]
        if stale:
            client.request("DELETE", "/" + ",".join(stale), ok=(404,))

    def cancel(self) -> None:
        try:
            self._pool.shutdown(wait=True, cancel_futures=True)
        except Exception:  # noqa: BLE001 - a failed bulk is the reason we are cancelling
            pass
        if self._created:
            try:
                self.client.request("DELETE", f"/{self.index}", ok=(404,))
            except EngineUnavailableError:  # the cluster is gone: nothing to clean up there
                pass
