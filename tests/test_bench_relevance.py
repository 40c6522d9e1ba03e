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
