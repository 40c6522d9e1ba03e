"""POST /cite.json and `gazette cite` give the same offsets, a leading BOM left out of both (issue 19:
/cite.json counted it, `gazette cite` stripped it), and `gazette cite` numbers its lines in linear time
(it counted the newlines before each citation again: 1/2/4/10 MB took 3.4/11.3/51.6/275 s)."""

from __future__ import annotations

import gc
import json
import time

import pytest
from click.testing import CliRunner

from gazette_cli.main import cite_lines, cli

TEXT = "根据兴署发〔2022〕6号，\n并按照国发〔2013〕42号和\n\n兴署办字〔2022〕3号执行。"
BOM = "\ufeff"


def test_the_json_route_and_the_cli_agree_with_and_without_a_bom(client, index_dir, tmp_path):
    for text in (TEXT, BOM + TEXT):
        body = text.encode("utf-8")
        web = client.post("/cite.json", data=body).get_json()["citations"]
        source = tmp_path / "draft.txt"
        source.write_bytes(body)
        result = CliRunner().invoke(cli, ["cite", str(source), "--json", "--index", str(index_dir)])
        assert result.exit_code == 0, result.output
        cli_answer = json.loads(result.output[result.output.index("{") :])["citations"]
        assert web == cli_answer and len(web) == 3
        assert [TEXT[c["start"] : c["end"]] for c in web] == [c["printed"] for c in web]  # offsets after the BOM


def test_cite_lines_number_each_citation_by_its_line():
    citations = [
        {"start": TEXT.index(w), "end": TEXT.index(w) + len(w), "printed": w, "wenhao": w, "doc_id": None}
        for w in ("兴署发〔2022〕6号", "国发〔2013〕42号", "兴署办字〔2022〕3号")
    ]
    assert [line.split(":")[0] for line in cite_lines(TEXT, citations)] == ["1", "2", "4"]


def _many(n: int) -> tuple[str, list[dict]]:
    line = "按照国发〔2022〕22号执行。\n"
    text = line * n
    citations = [
        {
            "start": k * len(line) + 2,
            "end": k * len(line) + 13,
            "printed": "国发〔2022〕22号",
            "wenhao": "国发〔2022〕22号",
            "doc_id": None,
        }
        for k in range(n)
    ]
    return text, citations


def _seconds(n: int) -> float:
    """The best of three timings, the collector off (a full collection over a big list of dicts is not the
    code under test, and its timing follows the heap, not the input)."""
    text, citations = _many(n)
    best = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            started = time.perf_counter()
            lines = cite_lines(text, citations)
            best = min(best, time.perf_counter() - started)
    finally:
        gc.enable()
    assert lines[-1].startswith(f"{n}:")
    return best


@pytest.mark.alone  # timed: run after the parallel run, not beside another worker
def test_cite_lines_grow_linearly():
    t1, t16 = _seconds(8_000), _seconds(128_000)
    # 16× the citations: linear is ~16× the time, quadratic 256×; the bound leaves room for a busy
    # machine (other test workers) and a floor of 5 ms for timer noise
    assert t16 <= 64 * max(t1, 0.005), (t1, t16)
