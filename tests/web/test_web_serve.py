"""search_web.serve (index check + waitress) and the result cache's behaviour across rebuilds."""

from __future__ import annotations

import json
import re
import shutil
import sys
import threading
import time
import urllib.request

from corpus import BUNDLED_CORPUS
from indexer.build import build_index
from search_web import create_app
from search_web import serve as serve_module
from search_web.serve import make_server, prepare_index


def test_prepare_index_builds_once(tmp_path, capsys):
    index_dir = tmp_path / "index"
    prepare_index(str(index_dir))
    out = capsys.readouterr().out
    assert "正在检查索引" in out and "完整重建" in out
    assert re.search(r"  写入索引：(\d+)/\1\n", out)  # progress up to the last record, in Chinese
    assert "解析公报：" in out and not re.search(r"\b(parse|segment|index):", out)
    prepare_index(str(index_dir))
    assert "索引是最新的。" in capsys.readouterr().out


def test_serve_prints_url_and_answers(index_dir, monkeypatch, capsys):
    servers = []

    def capture(app, host, port, threads=8):
        server = make_server(app, host, port, threads)
        servers.append(server)
        return server

    monkeypatch.setattr(serve_module, "make_server", capture)
    thread = threading.Thread(target=serve_module.serve, args=("127.0.0.1", 0, str(index_dir)), daemon=True)
    thread.start()
    for _ in range(200):
        if servers:
            break
        time.sleep(0.02)
    server = servers[0]
    try:
        assert server.adj.threads == 8
        url = f"http://127.0.0.1:{server.effective_port}/"
        with urllib.request.urlopen(url + "search.json?q=%E7%A7%B8%E7%A7%86%E7%A6%81%E7%83%A7", timeout=10) as r:
            data = json.load(r)
            assert r.headers["Server"] == "gazette"
        assert data["ok"] is True and data["total"] > 0
        assert f"正在提供服务：{url}" in capsys.readouterr().out
    finally:
        # close from the server's own loop (closing its sockets from here would break its select())
        server.trigger.pull_trigger(lambda: (server.close(), server.trigger.close()))
        thread.join(timeout=5)
        assert not thread.is_alive()
        server.task_dispatcher.shutdown()


def test_rebuilt_index_is_served_without_restart(tmp_path):
    """The cached results belong to a build: after a rebuild the new index answers at once."""
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    shutil.copyfile(BUNDLED_CORPUS / "manifest.json", corpus_dir / "manifest.json")
    shutil.copyfile(BUNDLED_CORPUS / "000_50af7b231d7ea85e.txt", corpus_dir / "000_50af7b231d7ea85e.txt")
    index_dir = tmp_path / "index"
    build_index(corpus_dir, index_dir=index_dir)
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    before = client.get("/search.json?q=工作").get_json()
    assert client.get("/search.json?q=工作").get_json()["total"] == before["total"]  # second one cached
    assert {v["value"] for v in before["facets"]["year"]} == {"2022", "未注明日期"}  # one 2022 list prints no date

    shutil.copyfile(BUNDLED_CORPUS / "002_aec23d992a7ebbae.txt", corpus_dir / "002_aec23d992a7ebbae.txt")
    build_index(corpus_dir, index_dir=index_dir)
    after = client.get("/search.json?q=工作").get_json()
    assert after["total"] > before["total"]
    assert {v["value"] for v in after["facets"]["year"]} == {"2022", "2023", "未注明日期"}
    assert client.get("/doc/xsf-2023-41.json").status_code == 200


def test_cache_can_be_switched_off(index_dir):
    app = create_app({"INDEX_DIR": str(index_dir), "TESTING": True, "SEARCH_CACHE_SIZE": 0})
    assert app.extensions["gazette_result_cache"] is None
    assert app.test_client().get("/search.json?q=统计").get_json()["total"] > 0


def test_cache_is_bounded(app, client):
    cache = app.extensions["gazette_result_cache"]
    for page in range(1, cache.max_entries + 20):
        client.get(f"/search.json?q=工作&size=1&page={page}")
    assert len(cache.data) == cache.max_entries
    hits = cache.hits
    client.get(f"/search.json?q=工作&size=1&page={cache.max_entries + 10}")
    assert cache.hits == hits + 1


def test_a_query_typed_unescaped_is_answered_like_an_escaped_one(app):
    """`curl 'http://…/search.json?q=统计'` sends the UTF-8 bytes as they are: answered as the
    percent-encoded URL is, and bytes that are not UTF-8 get the app's Chinese 400, not waitress's
    English "Bad URI"."""
    import socket

    server = make_server(app, "127.0.0.1", 0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def get(target: bytes) -> tuple[int, bytes]:
        with socket.create_connection(("127.0.0.1", server.effective_port), timeout=10) as sock:
            sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split()[1]), body

    try:
        status, body = get("/search.json?q=统计".encode())
        escaped_status, escaped = get(b"/search.json?q=%E7%BB%9F%E8%AE%A1")
        assert status == escaped_status == 200
        assert json.loads(body)["total"] == json.loads(escaped)["total"] > 0
        status, _ = get("/people/苏和".encode())
        assert status == 200
        status, body = get(b"/search.json?q=\xff\xfe")
        assert status == 400 and "UTF-8" in body.decode("utf-8") and "Bad URI" not in body.decode("utf-8")
    finally:
        server.trigger.pull_trigger(lambda: (server.close(), server.trigger.close()))
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()


def test_several_workers_run_one_search_thread_each(index_dir, monkeypatch, capsys):
    """Searches hold the GIL: with several processes a worker gets one search thread (no GIL convoy);
    a single process keeps its threads (test_serve_prints_url_and_answers)."""
    from search_web import prefork

    runs = []

    def run(make_app, sockets, workers, threads):
        runs.append((workers, threads))
        for sock in sockets:
            sock.close()
        interval = sys.getswitchinterval()
        try:
            make_app()  # what each worker runs after the fork
            runs.append(sys.getswitchinterval())
        finally:
            sys.setswitchinterval(interval)

    monkeypatch.setattr(prefork, "run", run)
    serve_module.serve("127.0.0.1", 0, str(index_dir), workers=3)
    assert runs[0] == (3, serve_module.WORKER_THREADS) and serve_module.WORKER_THREADS == 1
    # and the worker lets waitress's I/O thread in every 0.5 ms, not Python's 5 ms
    assert abs(runs[1] - serve_module.WORKER_SWITCH_INTERVAL) < 1e-9 and runs[1] < 0.005
    assert "3 个工作进程" in capsys.readouterr().out


def test_a_server_starts_without_warming_an_index_it_cannot_open(tmp_path, capsys):
    """No index there yet (or a damaged one): the server still starts, says so in Chinese, and answers
    the Chinese 503 until the index can be opened, as before warming existed."""
    from search_web.serve import warmed_app

    app = warmed_app({"INDEX_DIR": str(tmp_path / "none")})
    assert "索引暂时无法打开" in capsys.readouterr().err
    response = app.test_client().get("/search.json?q=统计")
    assert response.status_code == 503 and response.get_json()["ok"] is False
