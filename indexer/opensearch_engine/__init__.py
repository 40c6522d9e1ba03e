"""The OpenSearch engine: a real search cluster behind the same seam (plain HTTP, urllib).

The builder's records go into a new index per build (bulk requests), an alias follows the live build;
queries are compiled into OpenSearch queries that match exactly what a substring scan finds (bigrams
with positions, as tantivy); facets, filters, orders and ranking are answered by the cluster, a page
at a time. Start a local cluster with scripts/opensearch.sh; name it with `--url` or
$GAZETTE_OPENSEARCH_URL (several nodes: comma-separated)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..api import EngineUnavailableError
from ..engine import Capabilities
from ..store import engine_json
from .client import Client, ClusterError, configured_urls
from .reader import OpenSearchReader
from .writer import CLUSTER, OpenSearchWriter


class OpenSearchEngine:
    name = "opensearch"
    capabilities = Capabilities(
        keeps_text=True,
        evaluates_trees=True,
        answers_requests=True,
        stores_validity=True,
        stores_citations=True,
        remote=True,
    )
    format_version = "1"

    def writer(self, engine_dir: Path, base: Path | None) -> OpenSearchWriter:
        return OpenSearchWriter(engine_dir, base)

    def reader(self, engine_dir: Path, records: Sequence, meta: dict) -> OpenSearchReader:
        return OpenSearchReader(engine_dir, records, meta)

    def health(self, engine_dir: Path, meta: dict) -> dict:
        """The health of the build's index in its cluster and its records counted (`gazette check`). The
        index's own health, not the cluster's: another index whose shards were lost with a node makes the
        cluster red while this one answers every search."""
        info = engine_json(engine_dir, CLUSTER, meta)
        client = Client(configured_urls(info["urls"]))
        try:
            counted = client.count(info["index"])  # first: a missing index is said so, not "red"
        except ClusterError as exc:
            raise EngineUnavailableError(f"OpenSearch 中没有本索引的 {info['index']}：{exc.message}") from None
        health = client.health(index=info["index"])
        status = health.get("status")
        if status not in ("green", "yellow"):
            raise EngineUnavailableError(
                f"OpenSearch 集群（{client.where}）中本索引 {info['index']} 的状态为 {status or '无主节点'}"
                f"（{health.get('number_of_nodes', '?')} 个节点）：有分片无法检索"
            )
        if counted != meta.get("records"):
            raise EngineUnavailableError(
                f"OpenSearch 索引 {info['index']} 中有 {counted} 条记录，索引记录表中有 {meta.get('records')} 条"
            )
        return {
            "status": status,
            "nodes": health.get("number_of_nodes"),
            "where": client.where,
            "index": info["index"],
            "alias": info["alias"],
            "records": counted,
        }


ENGINE = OpenSearchEngine()
