"""The OpenSearch engine against a real cluster: exactly the same answers as whoosh and tantivy, after full and incremental
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
from datetime import date
from pathlib import Path

import pytest
from test_engine_selection import COUNTS, DAYS, REQUESTS
from test_engines_equal import FILE_2022, FILE_2023, requests

from corpus import BUNDLED_CORPUS
from indexer.api import EngineUnavailableError, SearchError, parse_request
from indexer.build import build_index, check_index
from indexer.engine import ORDERS, REMOTE_URL_VARIABLE
from indexer.facets import FACETS
from indexer.matching import Matcher
from indexer.querylang import all_of, parse_query
from indexer.scopes import expand_aliases
from indexer.selection import SetSelection
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
def built(cluster, tmp_path_factory):
    """The bundled corpus built by whoosh, tantivy and OpenSearch."""
    out = {}
    for name in ("whoosh", "tantivy", "opensearch"):
        path = tmp_path_factory.mktemp(f"os-equal-{name}")
        assert build_index(index_dir=path, engine=name).engine == name
        out[name] = GazetteSearch(path)
    return out


# What the ranking of issue 20 added beside plain matching: the labelled tiers after the literal reading
# (context, words, most), readings of a 文号 series and of dates, equivalent names and abbreviations,
# exact=1, and the undated records a date range leaves out; each asked in every order.
FEATURES = [
    {"q": "秸秆禁烧责任追究"},
    {"q": "哪些部门负责秸秆禁烧"},
    {"q": "秸秆禁烧 重点时段"},
    {"q": "国家统计局长"},
    {"q": "招商银行"},
    {"q": "大统计领导小组成员"},
    {"q": "随调多久办完"},
    {"q": "禁烧 责任体系 嘎查村"},
    {"q": "经济诊断书"},
    {"q": "兴署办发 2022"},
    {"q": "2022年3月"},
    {"q": "3月15日 会议"},
    {"q": "科右前旗 统计"},
    {"q": "发改委"},
    {"q": "统计局", "exact": "1"},
    {"q": "统计", "from": "2022-01-01", "to": "2022-12-31"},
    {"q": "工作", "from": "2023-03-01"},
    {"q": "应急", "to": "2022-06-30", "kind": "clause"},
    {"q": "统计", "validity": "现行有效"},
    {"q": "统计 NEAR/5 工作", "year": "2022"},
]
COUNTED = [("year",), ("month",), ("year", "office"), ("type", "validity"), ("issue", "kind"), ("series",)]


def answer(service, params: dict):
    """Everything a search answers: total, every hit as the JSON gives it (id, score, snippet, validity,
    citations, the tier that found it …) in order, facet counts, tiers, readings, notice, the undated
    records a date range leaves out, the page's documents' clause counts."""
    try:
        result = service.search(parse_request({**params, "size": "2000"}, max_size=2000))
    except SearchError as exc:
        return ("error", exc.code)
    return {
        "total": result.total,
        "hits": [h.to_dict() for h in result.hits],
        "facets": {name: [(v.value, v.count) for v in values] for name, values in result.facets.items()},
        "tiers": result.tiers,
        "readings": result.readings,
        "notice": result.notice,
        "undated_outside": result.undated_outside,
        "clauses_by_doc": result.clauses_by_doc,
        "also": result.also_searched,
    }


def counted(service, params: dict, dimensions: tuple, unit: str):
    """SearchService.counts, which trends and cross-tables are made of."""
    counts = service.counts(parse_request(params), dimensions, unit)
    return counts.total, counts.cells, counts.margins


def asked_in_every_order(records, count: int, seed: int = 7) -> list[dict]:
    """The equality test's sampled requests, each in one of the five orders, and the features in all five."""
    sorts = ("relevance", *ORDERS)
    sampled = [{**p, "sort": sorts[n % len(sorts)]} for n, p in enumerate(requests(records, count, seed=seed))]
    return sampled + [{**p, "sort": sort} for p in FEATURES for sort in sorts]


def differences(reference, other, asked) -> list:
    differ = []
    for params in asked:
        want, got = answer(reference, params), answer(other, params)
        if want != got:
            where = (
                [k for k in want if want[k] != got.get(k)] if isinstance(want, dict) and isinstance(got, dict) else []
            )
            differ.append((params, where or (want, got)))
    return differ


def test_opensearch_answers_exactly_as_whoosh_and_tantivy(built, records):
    """Several hundred requests — sampled strings alone and with AND, OR, NOT, fields, NEAR, 文号, scopes,
    filters, and the ranking's tiers, readings and date ranges — each in one of the five orders: the same
    total, the same hits in the same order with the same scores, snippets and tiers, the same facet
    counts, from all three engines (the ranking is the service's own, over the build's ranking data:
    an engine only says which records a request selects)."""
    asked = asked_in_every_order(records, 240)
    assert len(asked) > 400
    for reference in ("whoosh", "tantivy"):
        differ = differences(built[reference], built["opensearch"], asked)
        assert not differ, f"{len(differ)} of {len(asked)} differ from {reference}, e.g. {differ[:3]}"
    answered = [answer(built["whoosh"], p) for p in asked]
    ranked = [a for a, p in zip(answered, asked) if isinstance(a, dict) and p["sort"] == "relevance" and a["total"] > 1]
    assert len(ranked) > 60  # the relevance order is compared on real lists, not on one hit or none
    kinds = {t["kind"] for a in answered if isinstance(a, dict) for t in a["tiers"]}
    assert {"text", "reading", "context", "words", "most"} <= kinds, kinds  # every tier was exercised
    assert any(isinstance(a, dict) and a["undated_outside"] for a in answered)


def test_trends_and_cross_tables_count_alike(built, records):
    """SearchService.counts by one and two dimensions, records and documents, on OpenSearch as on whoosh."""
    asked = [p for p in requests(records, 30, seed=3) if "near" not in p][:25] + FEATURES
    for params in asked:
        for dimensions in COUNTED:
            for unit in ("records", "documents"):
                want = counted(built["whoosh"], params, dimensions, unit)
                assert counted(built["opensearch"], params, dimensions, unit) == want, (params, dimensions, unit)


@pytest.mark.parametrize("day", DAYS, ids=["2019", "2024", "today"])
def test_the_selection_answers_as_the_sets(built, day):
    """OpenSearch's own Selection against the sets (SetSelection), request by request: total, every facet,
    the members the ranking asks about, clause counts — on days when documents' validity differs from the
    status their records were written with (counted by today's status, by id) — and, today, the first
    records in every order and the fill after the ranked ones, cut anywhere."""
    service = built["opensearch"]
    snap = service._snapshot()
    try:
        snap.as_of(day or date.today())
        if day is not None:
            assert snap.reader.status_changes(snap.status_docs)  # the correction is exercised
        for params in REQUESTS:
            request = parse_request(params)
            tree, _ = expand_aliases(all_of([parse_query(request.query)]))
            filters = service._filters(request)
            engine = snap.reader.select(tree, filters, snap.context)
            sets = SetSelection(snap, Matcher(snap.reader, snap.records, snap.live).docs(tree), filters, snap.context)
            assert engine.count() == sets.count(), params
            for facet in FACETS:
                assert engine.facet_counts(facet.name) == sets.facet_counts(facet.name), (params, facet.name)
            selected = sorted(sets.ordinals())
            asked = list(range(0, len(snap.records), 7))
            assert engine.members(asked) == sets.members(asked), params
            docs = list(dict.fromkeys(snap.records[o].doc_id for o in selected if snap.records[o].doc_id))
            assert engine.clause_counts(docs + ["no-such-document"]) == sets.clause_counts(docs + ["no-such-document"])
            if day is not None:
                continue
            for order in ORDERS:
                for count in COUNTS:
                    assert engine.first(order, count) == sets.first(order, count), (params, order, count)
            for seen in (set(), set(selected[::3])):
                for count in COUNTS:
                    assert engine.fill(seen, count) == sets.fill(seen, count), (params, count)
    finally:
        snap.as_of(date.today())


def built_incrementally(root: Path, engine: str) -> GazetteSearch:
    """2023 written, 2022 added, 2023 deleted and added again: records added, deleted, and in another order."""
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir(parents=True)
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


def test_an_incremental_build_answers_exactly_as_a_full_one_and_moves_the_alias(built, records, tmp_path):
    """After adds and a delete, OpenSearch answers as whoosh's and tantivy's full builds (which answer
    alike after the same incremental builds: test_engines_equal)."""
    incremental = built_incrementally(tmp_path, "opensearch")
    index = incremental.index_dir
    asked = asked_in_every_order(records, 80, seed=11)
    for reference in ("whoosh", "tantivy"):
        differ = differences(built[reference], incremental, asked)
        assert not differ, f"{len(differ)} of {len(asked)} differ from {reference}, e.g. {differ[:3]}"
    server = check_index(index)["server"]
    assert server["records"] == incremental.stats()["records"] == len(records)
    client = incremental._snapshot().reader.client
    aliased = client.request("GET", f"/_alias/{server['alias']}")
    assert list(aliased) == [server["index"]]  # the alias names the live build's index alone
    ours = client.request("GET", f"/_cat/indices/{server['alias']}-*?format=json&h=index")["value"]
    assert len(ours) <= 2  # the live index and the one before; older ones deleted


def test_check_asks_about_its_own_index_not_the_clusters_other_ones(built):
    """Another index whose shards cannot be placed makes the cluster red; `gazette check` of this build is
    about its own index, which answers every search (the outage test met this after its nodes came back:
    other tests' indexes were still recovering)."""
    service = built["opensearch"]
    client = service._snapshot().reader.client
    stranded = f"gazette-test-stranded-{os.getpid()}"
    settings = {"index.number_of_replicas": 0, "index.routing.allocation.require._name": "no-such-node"}
    try:
        # created without waiting for its shard (it never starts): the request returns at once, not retried
        client.request("PUT", f"/{stranded}?wait_for_active_shards=0", {"settings": settings})
        assert client.health().get("status") == "red"
        server = check_index(service.index_dir)["server"]
        assert server["status"] in ("green", "yellow") and server["records"] == service.stats()["records"]
    finally:  # the cluster is red while it exists: every later build would be refused
        client.request("DELETE", f"/{stranded}", ok=(404,))


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


def test_an_unreachable_cluster_is_one_clear_line(tmp_path, built, monkeypatch):
    """The web app answers 503 with the JSON envelope; the CLI one line in Chinese, exit status 2."""
    index = built["opensearch"].index_dir
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


def test_every_command_that_opens_an_index_takes_url(built, tmp_path, monkeypatch):
    """--url names the cluster for search, add, cite, trends, crosstab, check, index and serve: given the
    cluster's address they answer; given one where nothing listens, one line in Chinese, exit status 2."""
    from click.testing import CliRunner

    from gazette_cli.main import cli

    opens_an_index = [
        name for name, command in cli.commands.items() if any(p.name == "index_dir" for p in command.params)
    ]
    assert {"search", "add", "cite", "trends", "crosstab", "check", "index", "serve"} <= set(opens_an_index)
    for name in opens_an_index:
        assert any("--url" in p.opts for p in cli.commands[name].params), f"gazette {name} has no --url"
    index = str(built["opensearch"].index_dir)
    draft = tmp_path / "draft.txt"
    draft.write_text("根据兴署发〔2022〕6号文件", encoding="utf-8")
    runs = {
        "search": ["search", "统计", "--index", index],
        "trends": ["trends", "统计", "--index", index],
        "crosstab": ["crosstab", "统计", "--rows", "year", "--cols", "type", "--index", index],
        "cite": ["cite", str(draft), "--index", index],
        "check": ["check", "--index", index],
    }
    urls = os.environ[REMOTE_URL_VARIABLE]
    monkeypatch.delenv(REMOTE_URL_VARIABLE)  # the option alone names the cluster
    runner = CliRunner()
    for name, args in runs.items():
        good = runner.invoke(cli, [*args, "--url", urls], env={REMOTE_URL_VARIABLE: None})
        assert good.exit_code == 0, (name, good.output)
        bad = runner.invoke(cli, [*args, "--url", "http://127.0.0.1:9"], env={REMOTE_URL_VARIABLE: None})
        assert bad.exit_code == 2, (name, bad.output)
        assert bad.output.strip().startswith("错误：无法连接 OpenSearch（http://127.0.0.1:9）"), (name, bad.output)
        assert bad.output.strip().count("\n") == 0 and "Traceback" not in bad.output
    # add: the file goes into the corpus folder, and the build it starts cannot reach the cluster; index
    # with the cluster's address then builds it
    corpus, fresh = tmp_path / "corpus", str(tmp_path / "index")
    corpus.mkdir()
    for name in (FILE_2023, "manifest.json"):
        shutil.copy(BUNDLED_CORPUS / name, corpus)
    monkeypatch.setenv(REMOTE_URL_VARIABLE, urls)
    build_index(corpus, fresh, engine="opensearch")
    monkeypatch.delenv(REMOTE_URL_VARIABLE)
    added = runner.invoke(
        cli,
        [
            "add",
            str(BUNDLED_CORPUS / FILE_2022),
            "--corpus",
            str(corpus),
            "--index",
            fresh,
            "--url",
            "http://127.0.0.1:9",
        ],
        env={REMOTE_URL_VARIABLE: None},
    )
    assert added.exit_code != 0 and "错误：无法连接 OpenSearch（http://127.0.0.1:9）" in added.output, added.output
    assert "Traceback" not in added.output
    indexed = runner.invoke(cli, ["index", "--index", fresh, "--url", urls], env={REMOTE_URL_VARIABLE: None})
    assert indexed.exit_code == 0, indexed.output
    assert check_index(fresh)["server"]["records"] == len(built["whoosh"]._snapshot().records)


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


def _own_index_searchable(service, alias: str, nodes: int, seconds: float = 300) -> None:
    """Until the cluster has `nodes` nodes again and every primary shard of the service's own index is
    active (yellow or green). Not green: after two nodes restart, every other index the test run built
    (hundreds of shard copies) recovers too, and on a slow machine one replica of this index waited its
    turn past 300 s (a CI run of 2026-12-07) — no part of what this test asks, which is that every
    search is answered again, and alike."""
    client = service._snapshot().reader.client
    deadline, health = time.monotonic() + seconds, {}
    while time.monotonic() < deadline:
        try:
            health = client.request(
                "GET",
                f"/_cluster/health/{alias}?wait_for_status=yellow&wait_for_nodes={nodes}&timeout=20s",
                ok=(408, 503),
                timeout=30,
            )
        except EngineUnavailableError:
            health = {}
        if health.get("status") in ("green", "yellow") and health.get("number_of_nodes") == nodes:
            return
        time.sleep(2)
    pytest.fail(f"{alias} not searchable on {nodes} nodes within {seconds:.0f} s: {health}")


def _answers_again(ask, seconds: float = 180):
    """`ask()` once it no longer meets shards that do not answer. Yellow health says every primary is active,
    but a count asked at that moment still met a shard that did not answer (2/3, a CI run of 2026-12-07)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return ask()
        except EngineUnavailableError:
            if time.monotonic() > deadline:
                raise
            time.sleep(2)


@pytest.mark.alone  # stops cluster nodes: another worker's OpenSearch requests would fail
def test_a_node_lost_under_load_fails_no_request(cluster, built, records):
    """Stop one of three nodes while searches run: count the failed requests in the window (expected
    none: the coordinating node retries each shard on its other copy, replicas are promoted); stop a
    second: a clear EngineUnavailableError (503); start both again: every primary shard back (yellow or
    green: a replica copy may still be recovering behind the run's other indexes), the same answers."""
    if cluster["nodes"] < 3 or not (STATE / "nodes").is_file():
        pytest.skip("needs the 3-node cluster that scripts/opensearch.sh starts (its state folder)")
    service = built["opensearch"]
    alias = check_index(service.index_dir)["server"]["alias"]  # while the cluster is whole
    asked = [p for p in requests(records, 60, seed=5) if "near" not in p][:40]
    before = [answer(service, p) for p in asked[:15]]
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
        _own_index_searchable(service, alias, 3)
    _answers_again(lambda: check_index(service.index_dir))  # every shard answers the count again
    assert [answer(service, p) for p in asked[:15]] == before
