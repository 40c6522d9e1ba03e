"""The relevance bench (bench/bench_relevance.py): its judged files are well formed, and its measures and its
BM25 baseline compute what they say on small made-up inputs."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_relevance.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_relevance", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_relevance"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_judged_files_are_well_formed(bench):
    queries = bench.load_queries()
    ids = [q.id for q in queries]
    assert len(ids) == len(set(ids)), "a query id is used twice"
    assert len(queries) >= 120
    assert {q.corpus for q in queries} == {"bundled", "govcn"}
    assert all(q.text.strip() and q.need.strip() for q in queries)
    qrels = bench.load_qrels()
    assert set(qrels) <= set(ids), f"judgments of unknown queries: {sorted(set(qrels) - set(ids))}"
    for qid, judged in qrels.items():
        assert any(grade >= bench.RELEVANT for grade, _ in judged.values()), f"{qid} has no relevant record"
        for record_id, (grade, fingerprint) in judged.items():
            assert 0 <= grade <= 3
            assert 0 < len(fingerprint) <= bench.FINGERPRINT_CHARS, (qid, record_id)
            assert not any(ch.isspace() for ch in fingerprint), (qid, record_id)


def test_heldout_files_are_well_formed_and_apart_from_the_tuning_set(bench):
    main = bench.load_queries()
    heldout = bench.load_queries(bench.HELDOUT_QUERIES)
    ids = [q.id for q in heldout]
    assert len(ids) == len(set(ids)), "a held-out query id is used twice"
    assert len(heldout) >= 45
    assert {q.corpus for q in heldout} == {"bundled", "govcn"}
    assert not set(ids) & {q.id for q in main}, "a held-out id is also a tuning-set id"
    assert not {q.text for q in heldout} & {q.text for q in main}, "a held-out query is typed as a tuning-set one"
    qrels = bench.load_qrels(bench.HELDOUT_QRELS)
    assert set(qrels) <= set(ids), f"judgments of unknown queries: {sorted(set(qrels) - set(ids))}"
    for qid, judged in qrels.items():
        assert any(grade >= bench.RELEVANT for grade, _ in judged.values()), f"{qid} has no relevant record"


def test_merge_puts_each_graded_line_in_its_own_set(bench, tmp_path):
    header = "id\tcorpus\tquery\tneed\n"
    (tmp_path / "q_main.tsv").write_text(header + "M1\tbundled\t秸秆禁烧\t禁烧的部署\n", encoding="utf-8")
    (tmp_path / "q_held.tsv").write_text(header + "H1\tgovcn\t地膜厚度\t地膜的厚度\n", encoding="utf-8")
    (tmp_path / "r_main.tsv").write_text("query\trecord\tgrade\tfingerprint\nM1\tdoc-a\t1\t甲\n", encoding="utf-8")
    sets = {
        "main": (tmp_path / "q_main.tsv", tmp_path / "r_main.tsv", "main"),
        "heldout": (tmp_path / "q_held.tsv", tmp_path / "r_held.tsv", "held-out"),
    }
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(
        "# M1 a comment line\nM1\tdoc-a\t3\t甲\t# regraded\nM1\tdoc-b\t?\t乙\t# left open\nH1\tdoc-c\t2\t丙\t# new\n",
        encoding="utf-8",
    )
    counts = bench.merge_sheet(sheet, sets)
    assert counts == {tmp_path / "r_main.tsv": 1, tmp_path / "r_held.tsv": 1}
    assert bench.load_qrels(tmp_path / "r_main.tsv") == {"M1": {"doc-a": (3, "甲")}}  # replaced, not doubled
    assert bench.load_qrels(tmp_path / "r_held.tsv") == {"H1": {"doc-c": (2, "丙")}}
    sheet.write_text("X9\tdoc-a\t1\t甲\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="X9"):
        bench.merge_sheet(sheet, sets)


def test_measures_on_made_up_rankings(bench):
    grades = {"a": 3, "b": 2, "c": 0, "d": 1}
    ideal = bench.measure(["a", "b", "d", "c"], grades)
    assert ideal["ndcg"] == pytest.approx(1.0)
    assert ideal["p5"] == pytest.approx(2 / 5)
    assert ideal["mrr"] == 1.0
    # the relevant records later, an unjudged one first: gain 2^g - 1 at log2(rank + 1)
    later = bench.measure(["x", "c", "b", "a"], grades)
    dcg = 3 / math.log2(4) + 7 / math.log2(5)
    best = 7 + 3 / math.log2(3) + 1 / math.log2(4)
    assert later["ndcg"] == pytest.approx(dcg / best)
    assert later["mrr"] == pytest.approx(1 / 3)
    assert later["unjudged"] == 1 and later["shown"] == 4
    assert bench.measure([], grades) | {"ndcg": 0} == {
        "ndcg": 0,
        "p5": 0.0,
        "mrr": 0.0,
        "zero": 1.0,
        "unjudged": 0,
        "shown": 0,
    }


def test_bm25_prefers_the_rare_term_and_the_shorter_record(bench):
    docs = [
        ["秸秆", "禁烧", "工作"],
        ["工作", "安排", "工作", "部署"],
        ["秸秆", "禁烧", "工作", "安排", "部署", "会议", "要求", "落实"],
    ]
    bm25 = bench.BM25(docs)
    assert bm25.rank(["秸秆"], 10) == [0, 2]  # the shorter record first; the record without it not at all
    assert bm25.rank(["工作", "秸秆"], 10)[0] == 0
    assert bm25.rank(["不存在"], 10) == []


def test_fingerprint_and_query_terms(bench):
    assert bench.fingerprint(" 一、 总则\n（一）适用范围 ") == "一、总则（一）适用范围"
    assert len(bench.fingerprint("字" * 100)) == bench.FINGERPRINT_CHARS
    assert bench.query_terms("秸秆 AND 禁烧 “责任追究” -统计") == ["秸秆", "禁烧", "责任追究", "-统计"]


def test_drop_gone_removes_only_judgments_of_records_that_no_longer_exist(bench, tmp_path):
    header = "id\tcorpus\tquery\tneed\n"
    (tmp_path / "q.tsv").write_text(
        header + "M1\tbundled\t秸秆禁烧\t禁烧的部署\nG1\tgovcn\t地膜厚度\t地膜的厚度\n", encoding="utf-8"
    )
    (tmp_path / "r.tsv").write_text(
        "# a comment stays\nquery\trecord\tgrade\tfingerprint\n"
        "M1\tdoc-a\t3\t甲\nM1\tdoc-gone\t2\t乙\nM1\tdoc-b\t1\t已改\nG1\tdoc-x\t2\t丙\n",
        encoding="utf-8",
    )
    bundled = bench.Corpus("bundled", tmp_path, tmp_path)
    bundled.by_id = {"doc-a": object(), "doc-b": object()}  # doc-b's text changed: stale, kept for re-grading
    sets = {"main": (tmp_path / "q.tsv", tmp_path / "r.tsv", "main")}
    # the govcn corpus is not open: its judgments are left alone
    assert bench.drop_gone({"bundled": bundled}, sets) == {tmp_path / "r.tsv": 1}
    kept = bench.load_qrels(tmp_path / "r.tsv")
    assert kept == {"M1": {"doc-a": (3, "甲"), "doc-b": (1, "已改")}, "G1": {"doc-x": (2, "丙")}}
    assert (tmp_path / "r.tsv").read_text(encoding="utf-8").startswith("# a comment stays\n")
    assert bench.drop_gone({"bundled": bundled}, sets) == {}


def test_a_sealed_set_prints_its_table_but_no_query(bench, tmp_path, capsys, monkeypatch):
    query = bench.Query("S1", "bundled", "秸秆禁烧", "禁烧的部署")
    corpus = bench.Corpus("bundled", tmp_path, tmp_path)
    corpus.by_id = {"doc-a": bench.Record("doc-a", "document", "秸秆禁烧方案", "", "", "", "正文")}
    monkeypatch.setattr(bench, "rankings", lambda *_a, **_k: ({n: ["doc-a"] for n in bench.MEASURED}, {}))
    qrels = {"S1": {"doc-a": (3, "秸秆禁烧方案"), "doc-gone": (1, "乙")}}
    args = type("Args", (), {"per_query": True, "show": ["S1"]})()
    bench.report(args, {"bundled": corpus}, [query], qrels, sealed=True)
    sealed = capsys.readouterr().out
    assert "1.000" in sealed and "1 stale judgments" in sealed
    assert "S1" not in sealed and "秸秆禁烧" not in sealed and "doc-gone" not in sealed
    bench.report(args, {"bundled": corpus}, [query], qrels)
    opened = capsys.readouterr().out
    assert "S1" in opened and "秸秆禁烧" in opened and "doc-gone" in opened


def test_the_sealed_set_is_apart_from_the_others(bench):
    """bench/judged/heldout2_*.tsv: read by this test and the bench only (see bench/judged/README.md)."""
    sealed = bench.load_queries(bench.HELDOUT2_QUERIES)
    if not sealed:
        pytest.skip("no sealed held-out set in this checkout")
    others = bench.load_queries() + bench.load_queries(bench.HELDOUT_QUERIES)
    ids = [q.id for q in sealed]
    assert len(ids) == len(set(ids)) and not set(ids) & {q.id for q in others}
    assert {q.corpus for q in sealed} == {"bundled", "govcn"}
    assert not {q.text for q in sealed} & {q.text for q in others}
    qrels = bench.load_qrels(bench.HELDOUT2_QRELS)
    assert set(qrels) == set(ids), "every sealed query is judged"
    for qid, judged in qrels.items():
        assert any(grade >= bench.RELEVANT for grade, _ in judged.values()), f"{qid} has no relevant record"


def test_the_engine_is_asked_as_a_user_types_it(bench):
    """The bench reads a query as the page and the command line do (indexer.api.parse_request): 同句 typed
    between two terms is the scope, not a word to find — asked as a bare SearchRequest it found nothing."""

    class Recorder:
        def __init__(self):
            self.requests = []

        def search(self, request):
            self.requests.append(request)
            return type("Result", (), {"hits": []})()

    recorder = Recorder()
    bench.engine_ranking(recorder, "(疫情 OR 防控) 同句 调度", exact=False)
    bench.engine_ranking(recorder, "秸秆禁烧", exact=True)
    scoped, exact = recorder.requests
    assert scoped.near == "sentence" and "同句" not in scoped.query and "调度" in scoped.query
    assert scoped.size == bench.DEPTH and not scoped.exact
    assert exact.exact and exact.near is None and exact.query == "秸秆禁烧"
