"""Plain HTTP to an OpenSearch cluster (urllib: the REST API is small and JSON, so no client library).

Several node URLs may be given (comma-separated); a request that cannot reach one node goes to the
next, so a cluster that loses a node keeps answering. Every failure becomes EngineUnavailableError
with one line in Chinese: unreachable, refused, red, or an answer from fewer shards than asked.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence

from ..api import EngineUnavailableError
from ..engine import REMOTE_URL_VARIABLE

DEFAULT_URL = "http://127.0.0.1:9200"
TIMEOUT = 30.0  # seconds for one request (a bulk of a few MB, a force merge waits longer: see `timeout`)


class ClusterError(EngineUnavailableError):
    """The cluster answered with an error (status ≥ 400 other than those the caller expects)."""

    def __init__(self, message: str, status: int = 0, body: dict | None = None):
        super().__init__(message)
        self.status = status
        self.body = body or {}


def urls_from(value: str | None) -> list[str]:
    urls = [u.strip().rstrip("/") for u in (value or "").split(",") if u.strip()]
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise EngineUnavailableError(f"OpenSearch 地址“{url}”无效：应以 http:// 或 https:// 开头")
    return urls


def configured_urls(recorded: Sequence[str] = ()) -> list[str]:
    """$GAZETTE_ENGINE_URL (`--url`), else the URLs a build recorded, else the local default."""
    return urls_from(os.environ.get(REMOTE_URL_VARIABLE)) or list(recorded) or [DEFAULT_URL]


class Client:
    def __init__(self, urls: Sequence[str]):
        self.urls = list(urls)
        self._first = 0  # the node that answered last: asked first next time
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never a proxy

    @property
    def where(self) -> str:
        return "、".join(self.urls)

    def request(
        self,
        method: str,
        path: str,
        body=None,
        *,
        ndjson: bytes | None = None,
        ok: Sequence[int] = (),
        timeout: float = TIMEOUT,
    ) -> dict:
        """The JSON answer of one request; statuses in `ok` (besides 2xx) are returned, not raised."""
        data = (
            ndjson if ndjson is not None else (None if body is None else json.dumps(body, ensure_ascii=False).encode())
        )
        content_type = "application/x-ndjson" if ndjson is not None else "application/json"
        last_error = ""
        order = self.urls[self._first :] + self.urls[: self._first]
        for url in order:
            req = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": content_type})
            try:
                with self._opener.open(req, timeout=timeout) as response:
                    answer = _json(response.read())
                self._remember(url)
                return answer
            except urllib.error.HTTPError as exc:
                answer = _json(exc.read())
                if exc.code in ok:
                    self._remember(url)
                    return answer
                if exc.code in (502, 503, 504) and len(order) > 1:  # this node cannot serve: the next may
                    last_error = _reason(answer) or f"HTTP {exc.code}"
                    continue
                raise ClusterError(
                    f"OpenSearch（{url}）拒绝了请求 {method} {path.split('?')[0]}：HTTP {exc.code} {_reason(answer)}",
                    exc.code,
                    answer,
                ) from None
            except (urllib.error.URLError, OSError) as exc:  # refused, reset, timed out: try the next node
                last_error = str(getattr(exc, "reason", exc))
        raise EngineUnavailableError(f"无法连接 OpenSearch（{self.where}）：{last_error}；请确认集群已启动且地址正确")

    def _remember(self, url: str) -> None:
        with self._lock:
            self._first = self.urls.index(url)

    def health(self, timeout: float = 10.0, index: str | None = None) -> dict:
        """The cluster's health, or with `index` that index's own (its status is its shards': another
        index's lost shards make the cluster red, not this one)."""
        path = f"/_cluster/health/{index}?timeout=1s" if index else "/_cluster/health"  # a missing index: no wait
        return self.request("GET", path, timeout=timeout, ok=(408, 503))

    def count(self, index: str) -> int:
        """How many documents `index` holds, counted on every shard. A count some shards did not answer
        (their node lost, a copy still recovering) is not the index's size: the cluster cannot answer
        yet, which is no damage to the build."""
        answer = self.request("GET", f"/{index}/_count")
        shards = answer.get("_shards") or {}
        if shards.get("failed") or shards.get("successful", 0) < shards.get("total", 0):
            raise EngineUnavailableError(
                f"OpenSearch（{self.where}）索引 {index} 有分片无法检索"
                f"（{shards.get('successful', 0)}/{shards.get('total', 0)} 个分片应答）：节点失联或副本尚在恢复"
            )
        return int(answer["count"])

    def data_nodes(self) -> int:
        return int(self.health().get("number_of_data_nodes") or 1)


def _json(raw: bytes) -> dict:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {"error": raw[:200].decode("utf-8", "replace")}
    return value if isinstance(value, dict) else {"value": value}


def _reason(answer: dict) -> str:
    error = answer.get("error")
    if isinstance(error, dict):
        cause = (error.get("root_cause") or [error])[0]
        return f"{cause.get('type', '')}: {cause.get('reason', '')}".strip(": ")
    return str(error or "")[:200]
