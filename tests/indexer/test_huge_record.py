"""One huge record does not make every query that matches it slow (issue 19): after a 30 MB one-line file,
each distinct query with 同句/同段 cost 2.5 s of a worker's CPU, normalizing the record's every sentence
again. A long record's units are normalized once and kept (bounded), and a record's units are tried one
at a time until one matches; the answers are those of normalizing each time."""

from __future__ import annotations

import random

import pytest

from indexer import scopes
from indexer.api import parse_request
from indexer.build import build_index
from indexer.service import GazetteSearch

WORDS = "统计 企业 发展 管理 工作 农业 秸秆 禁烧 应急 预案 医疗 卫生 教育 交通 环境 资金 项目 服务 安全 生产".split()
QUERIES = [
    "超长 统计",
    "统计 企业",
    "秸秆 禁烧 应急",
    "医疗 OR 教育",
    "统计 NEAR/5 企业",
    "农业 交通 发展 管理 工作 项目 资金",
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    folder = tmp_path_factory.mktemp("huge_corpus")
    rng = random.Random(7)
    body = "".join(rng.choice(WORDS) + ("。" if rng.random() < 0.1 else "，") for _ in range(60_000))
    (folder / "huge.txt").write_text(
        "兴安盟行政公署关于印发超长文件的通知\n\n兴署发〔2030〕9号\n\n各旗县市人民政府：\n\n"
        + body
        + "\n\n兴安盟行政公署\n\n2030年1月5日\n",
        encoding="utf-8",
    )
    index = tmp_path_factory.mktemp("huge_index")
    build_index(folder, index)
    return GazetteSearch(index)


def answers(searcher, near: str) -> list[tuple[str, int]]:
    return [(q, searcher.search(parse_request({"q": q, "near": near})).total) for q in QUERIES]


@pytest.mark.parametrize("near", ["sentence", "paragraph"])
def test_a_long_records_units_are_normalized_once(searcher, monkeypatch, near):
    calls = []
    original = scopes.normalize

    def counting(text):
        calls.append(len(text))
        return original(text)

    monkeypatch.setattr(scopes, "normalize", counting)
    first = answers(searcher, near)
    normalized_first = sum(calls)
    assert normalized_first >= 150_000  # the record's text, once
    calls.clear()
    again = [(q, searcher.search(parse_request({"q": q + " 工作", "near": near})).total) for q in QUERIES]
    assert sum(calls) < 1_000  # distinct queries: only titles are normalized again, not the record
    assert all(total <= 1 for _, total in first + again)


def test_the_kept_units_give_the_answers_of_normalizing_each_time(searcher, monkeypatch):
    kept = {near: answers(searcher, near) for near in ("sentence", "paragraph")}
    monkeypatch.setattr(scopes, "LONG_TEXT", 10**9)  # nothing kept: every unit normalized per query
    assert {near: answers(searcher, near) for near in ("sentence", "paragraph")} == kept
    assert any(total for _, total in kept["sentence"]) and any(total == 0 for _, total in kept["sentence"])
