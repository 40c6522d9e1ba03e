"""The OpenSearch engine against a real cluster: the same answers as tantivy, after full and incremental
builds; the alias follows the live build; a node lost under load costs no request once its replicas are
promoted; two nodes lost is a clear 503; the cluster restarted answers as before.

A cluster is looked for at $GAZETTE_ENGINE_URL (default: the three nodes scripts/opensearch.sh starts).
Without one these tests are skipped, unless GAZETTE_REQUIRE_OPENSEARCH=1 (CI, which starts the cluster
with scripts/opensearch.sh), then they fail. The node-failure test stops and restarts nodes with that
script, so it runs only on a cluster the script started (its state folder exists)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from test_engines_equal import FILE_2022, FILE_2023, outcome, requests

from corpus import BUNDLED_CORPUS
from indexer.api import EngineUnavailableError, parse_request
from indexer.build import build_index, check_index
from indexer.engine import ORDERS, REMOTE_URL_VARIABLE
from indexer.service import GazetteSearch

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "opensearch.sh"
DEFAULT_URLS = "http://127.0.0.1:9200,http://127.0.0.1:9201,http://127.0.0.1:9202"
STATE = Path(os.environ.get("GAZETTE_OPENSEARCH_DIR") or Path(os.environ.get("TMPDIR", "/tmp")) / "gazette-opensearch")


def _health(url: str) -> dict | None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url.rstrip("/") + "/_cluster/health", timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


@pytest.fixture(scope="module")
def cluster(monkeypatch_module):
    urls = os.environ.get(REMOTE_URL_VARIABLE) or DEFAULT_URLS
    health = next((h for h in map(_health, urls.split(",")) if h), None)
    if health is None or health.get("status") not in ("green", "yellow"):
        reason = f"no OpenSearch cluster answers at {urls} (start one: scripts/opensearch.sh start)"
        if os.environ.get("GAZETTE_REQUIRE_OPENSEARCH") == "1":
            pytest.fail(f"GAZETTE_REQUIRE_OPENSEARCH=1 but {reason}")
        pytest.skip(reason)
    monkeypatch_module.setenv(REMOTE_URL_VARIABLE, urls)
    return {"urls": urls, "nodes": health["number_of_nodes"]}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.fixture(scope="module")
def both(cluster, tmp_path_factory):
    """The bundled corpus built by tantivy and by OpenSearch."""
    out = {}
    for name in ("tantivy", "opensearch"):
        path = tmp_path_factory.mktemp(f"os-equal-{name}")
        assert build_index(index_dir=path, engine=name).engine == name
        out[name] = GazetteSearch(path)
    return out


def ordered_outcome(service, params: dict):
    """Total, hit ids in order, facet counts."""
    got = outcome(service, params)
    if got[0] == "error":
        return got
    result = service.search(parse_request({**params, "size": "2000"}, max_size=2000))
    return got[0], [h.id for h in result.hits], got[2]


def compare(reference, other, asked) -> tuple[list, int, int]:
    """Requests whose totals, id sets or facets differ; and of the relevance-ordered ones, how many
    list their hits in the same order. Every other order (date, 文号, citations) must be the same."""
    differ, same_rank, ranked = [], 0, 0
    for number, params in enumerate(asked):
        sort = ("relevance", *ORDERS)[number % (len(ORDERS) + 1)]
        params = {**params, "sort": sort}
        want, got = ordered_outcome(reference, params), ordered_outcome(other, params)
        if want[0] == "error" or got[0] == "error":
            if want != got:
                differ.append((params, want, got))
            continue
        if (want[0], sorted(want[1]), want[2]) != (got[0], sorted(got[1]), got[2]):
            differ.append((params, want[0], got[0]))
        elif sort == "relevance":
            ranked += 1
            same_rank += want[1] == got[1]
        elif want[1] != got[1]:
            differ.append((params, "order", want[1][:5], got[1][:5]))
    return differ, same_rank, ranked


def test_opensearch_answers_as_tantivy(both, records):
    """Several hundred requests, each in one of the five orders: the same totals, hit ids and facet
    counts, in the same order for date, 文号 and citations. Relevance scores are both BM25 but not
    to the last bit (Lucene counts a field's documents as those having it, tantivy all of them, so
    near-equal scores may swap): the same order is required for nearly all of them."""
    asked = requests(records, 240)
    assert len(asked) > 300
    differ, same_rank, ranked = compare(both["tantivy"], both["opensearch"], asked)
    assert not differ, f"{len(differ)} of {len(asked)} differ, e.g. {differ[:3]}"
    assert ranked > 50 and same_rank >= ranked * 0.95, (same_rank, ranked)


def built_incrementally(root: Path, engine: str) -> GazetteSearch:
    """2023 written, 2022 added, 2023 deleted and added again: records added, deleted, and in another order."""
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    for name in (FILE_2023, "manifest.json"):
        shutil.copy(BUNDLED_CORPUS / name, corpus)
    build_index(corpus, index, engine=engine)
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    assert build_index(corpus, index).mode == "incremental"  # added (OpenSearch: the live index cloned, then written)
    (corpus / FILE_2023).unlink()
    assert build_index(corpus, index).removed == [FILE_2023]  # its records deleted
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus)
    assert build_index(corpus, index).mode == "incremental"  # added again, after the other file now
    return GazetteSearch(index)


def test_an_incremental_build_answers_as_tantivys_and_moves_the_alias(cluster, records, tmp_path):
    """Against tantivy built the same way (the records' order, which breaks ties, is the build's)."""
    (tmp_path / "t").mkdir()
    (tmp_path / "o").mkdir()
    reference = built_incrementally(tmp_path / "t", "tantivy")
    incremental = built_incrementally(tmp_path / "o", "opensearch")
    index = incremental.index_dir
    differ, same_rank, ranked = compare(reference, incremental, requests(records, 80, seed=11))
    assert not differ, differ[:3]
    assert same_rank >= ranked * 0.9, (same_rank, ranked)
    server = check_index(index)["server"]
    assert server["records"] == incremental.stats()["records"] == len(records)
    client = incremental._snapshot().reader.client
    aliased = client.request("GET", f"/_alias/{server['alias']}")
    assert list(aliased) == [server["index"]]  # the alias names the live build's index alone
    ours = client.request("GET", f"/_cat/indices/{server['alias']}-*?format=json&h=index")["value"]
    assert len(ours) <= 2  # the live index and the one before; older ones deleted


def test_a_failed_build_leaves_the_alias_and_deletes_its_index(cluster, tmp_path, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for name in (FILE_2023, "manifest.json"):
        shutil.copy(BUNDLED_CORPUS / name, corpus)
    build_index(corpus, index, engine="opensearch")
    before = check_index(index)["server"]
    from indexer.opensearch_engine import writer as writer_module

    def fail(self):
        raise EngineUnavailableError("测试：写到一半集群不可用")

    monkeypatch.setattr(writer_module.OpenSearchWriter, "_keep_current", fail)
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    with pytest.raises(EngineUnavailableError):
        build_index(corpus, index)
    after = check_index(index)["server"]
    assert after == before  # same index, alias, records
    client = GazetteSearch(index)._snapshot().reader.client
    ours = [
        row["index"] for row in client.request("GET", f"/_cat/indices/{before['alias']}-*?format=json&h=index")["value"]
    ]
    assert ours == [before["index"]]


def test_an_unreachable_cluster_is_one_clear_line(tmp_path, both, monkeypatch):
    """The web app answers 503 with the JSON envelope; the CLI one line in Chinese, exit status 2."""
    index = both["opensearch"].index_dir
    monkeypatch.setenv(REMOTE_URL_VARIABLE, "http://127.0.0.1:9")  # nothing listens on the discard port
    from search_web import create_app

    app = create_app({"INDEX_DIR": str(index), "TESTING": True, "SEARCH_CACHE_SIZE": 0})
    response = app.test_client().get("/search.json?q=统计")
    assert response.status_code == 503
    body = response.get_json()
    assert body["ok"] is False and body["code"] == "engine_unavailable" and "OpenSearch" in body["error"]
    cli = subprocess.run(
        [str(REPO / ".venv" / "bin" / "gazette"), "search", "统计", "--index", str(index)],
        capture_output=True,
        text=True,
        env={**os.environ, REMOTE_URL_VARIABLE: "http://127.0.0.1:9"},
    )
    assert cli.returncode == 2 and cli.stderr.count("\n") == 1 and cli.stderr.startswith("错误：无法连接 OpenSearch")
    assert "Traceback" not in cli.stderr


def _script(*args: str) -> None:
    subprocess.run(["bash", str(SCRIPT), *args], check=True, capture_output=True, timeout=400)


def _load(service, asked, stop: threading.Event, tally: dict) -> None:
    rng = random.Random(3)
    while not stop.is_set():
        params = rng.choice(asked)
        try:
            service.search(parse_request(params))
            tally["ok"] += 1
        except EngineUnavailableError as exc:
            tally["failed"] += 1
            tally["errors"].append(exc.message)


def test_a_node_lost_under_load_fails_no_request(cluster, both, records):
    """Stop one of three nodes while searches run: count the failed requests in the window (expected
    none: the coordinating node retries each shard on its other copy, replicas are promoted); stop a
    second: a clear EngineUnavailableError (503); start both again: green, the same answers."""
    if cluster["nodes"] < 3 or not (STATE / "nodes").is_file():
        pytest.skip("needs the 3-node cluster that scripts/opensearch.sh starts (its state folder)")
    service = both["opensearch"]
    asked = [p for p in requests(records, 60, seed=5) if "near" not in p][:40]
    before = [ordered_outcome(service, p) for p in asked[:15]]
    tally: dict = {"ok": 0, "failed": 0, "errors": []}
    stop = threading.Event()
    worker = threading.Thread(target=_load, args=(service, asked, stop, tally))
    worker.start()
    try:
        time.sleep(2)
        _script("stop-node", "3")  # not the first node the client asks: a lost data node, not a lost URL
        time.sleep(8)
    finally:
        stop.set()
        worker.join()
    print(f"\nnode 3 stopped under load: {tally['ok']} searches answered, {tally['failed']} failed")
    assert tally["ok"] > 20
    assert tally["failed"] == 0, tally["errors"][:3]
    try:
        _script("stop-node", "2")
        with pytest.raises(EngineUnavailableError) as lost:
            for _ in range(30):  # until the cluster notices (a few seconds at most)
                service.search(parse_request({"q": "统计", "size": "50"}))
                time.sleep(1)
        assert "OpenSearch" in lost.value.message
    finally:
        _script("start-node", "2")
        _script("start-node", "3")
        _script("wait", "green", "3")
    assert [ordered_outcome(service, p) for p in asked[:15]] == before
