"""`gazette serve --workers 2`: two processes answer on one port, and SIGTERM stops them all."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.parametrize("engine", ["tantivy"], indirect=True)


def children_of(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "children").read_text().split()
        except FileNotFoundError:  # a thread that ended between the listing and the read has no children
            continue
        out.update(int(c) for c in text)
    return out


def test_two_workers_share_the_port_and_stop_on_sigterm(index_dir):
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from gazette_cli.main import main; main()",
            "serve",
            "--port",
            "0",
            "--workers",
            "2",
            "--index",
            str(index_dir),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = None
        for line in proc.stdout:
            if m := re.search(r"正在提供服务：(http://\S+?/)（2 个工作进程）", line):
                url = m.group(1)
                break
        assert url, "no URL printed"
        deadline = time.monotonic() + 10  # the URL is printed before the workers are forked
        while len(workers := children_of(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) == 2

        def fetch(number):
            with urllib.request.urlopen(url + "search.json?q=%E7%BB%9F%E8%AE%A1&_n=" + str(number), timeout=10) as r:
                return json.load(r)

        # eight at once on two one-thread workers: requests wait for a thread (waitress would log each wait)
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(fetch, range(40)))
        assert all(data["ok"] and data["total"] > 0 for data in answers)
        proc.send_signal(signal.SIGTERM)
        rest = proc.communicate(timeout=15)[0]
        assert proc.returncode == 0 and "已停止。" in rest and "Traceback" not in rest, rest
        assert "Task queue depth" not in rest, rest  # waitress's chatter under load stays out of the log
        assert not any(
            Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text() for pid in workers
        )
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
