"""The engines are interchangeable: for a few hundred requests — sampled strings alone and combined with
AND, OR and NOT, title/body fields, NEAR, 文号, near scopes, within, filters and kinds — every engine
returns the same total, the same hits in the same order with the same scores, and the same facet
counts as the whoosh engine, on a full build and after an incremental one (the ranking is the
service's own, over the build's ranking data: indexer.ranking)."""

from __future__ import annotations

import random
import shutil
import tracemalloc

import pytest
from engines import ENGINE_NAMES
from test_recall import sample_strings

from analyzers.normalize import normalize
from corpus import BUNDLED_CORPUS
from indexer.api import SearchError, parse_request
from indexer.build import build_index
from indexer.service import GazetteSearch

FILE_2022 = "000_50af7b231d7ea85e.txt"
FILE_2023 = "002_aec23d992a7ebbae.txt"
# every engine but the reference; a new engine package is compared here by itself (a remote one when the
# whole suite runs on it, see tests/engines.py; OpenSearch has its own comparison in test_opensearch.py)
OTHERS = tuple(name for name in ENGINE_NAMES if name != "whoosh")


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    out = {}
    for name in ("whoosh",) + OTHERS:
        path = tmp_path_factory.mktemp(f"equal-{name}")
        build_index(index_dir=path, engine=name)
        out[name] = GazetteSearch(path)
    return out


def requests(records, count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    pieces = sample_strings(records, count, seed=seed)
    longer = [p for p in pieces if len(p) >= 2]
    fixed = [
        {"q": "兴署发〔2022〕6号"},
        {"q": "兴署发[2022]6"},
        {"q": "领导小组成员"},  # read as rosters too (tantivy: by their labels, indexer.tantivy_engine.reader)
        {"q": "统计工作领导小组 名单"},
        {"q": "小组成员", "kind": "clause", "year": "2023"},
        {"q": "内政办发〔2022〕82号"},
        {"wenhao": "兴署办字〔2022〕5号"},
        {"cites": "国发〔2013〕42号"},
        {"q": "文号:兴署办字"},
        {"q": "发文机关:军分区"},
        {"year": "2022"},
        {"kind": "chronicle", "from": "2022-01-01", "to": "2022-02-28"},
        {"q": "统计", "near": "sentence"},
        {"q": "统计 企业", "near": "paragraph"},
        {"q": "统计 企业", "near": "clause"},
        {"q": "统计", "within": "企业"},
        {"q": "醫療"},
        {"q": "盟"},
        {"q": "统计 NEAR/10 企业"},
        {"q": "标题:统计"},
        {"q": "正文:统计 -企业"},
        # validity questions (indexer.validity_asks): records the facts name, in the tree as Records
        {"q": "现行有效"},
        {"q": "哪些文件有有效期"},
        {"q": "统计 已失效"},
        {"q": "大学毕业生征兵通知有效期"},
        {"q": "施行时间", "kind": "clause"},
    ]
    out = list(fixed)
    for piece in pieces:
        out.append({"q": f'"{piece}"'})
    for _ in range(count // 2):
        a, b = rng.sample(longer, 2)
        form = rng.choice(
            [
                '"{a}" "{b}"',
                '"{a}" OR "{b}"',
                '"{a}" -"{b}"',
                '标题:"{a}"',
                '正文:"{a}"',
                '"{a}" NEAR/12 "{b}"',
                "({a} OR {b}) 工作",
            ]
        )
        params = {"q": form.format(a=a, b=b)}
        extra = rng.choice(
            [
                {},
                {"kind": "clause"},
                {"kind": "document"},
                {"year": "2023"},
                {"near": "sentence"},
                {"within": a},
                {"office": "兴安盟行政公署办公室"},
            ]
        )
        out.append({**params, **extra})
    return out


def outcome(service, params: dict):
    try:
        result = service.search(parse_request({**params, "size": "2000"}, max_size=2000))
    except SearchError as exc:
        return ("error", exc.code)
    facets = {name: sorted((v.value, v.count) for v in values) for name, values in result.facets.items()}
    return result.total, [(h.id, h.score) for h in result.hits], facets


def test_every_engine_answers_as_whoosh_does(services, records):
    reference = services["whoosh"]
    asked = requests(records, 240)
    assert len(asked) > 300
    answered = 0
    for name in OTHERS:
        differ = []
        for params in asked:
            want, got = outcome(reference, params), outcome(services[name], params)
            if want != got:
                differ.append((params, want[0], got[0]))
            answered += want[0] != "error" and want[0] > 0 and want[0] == len(want[1])
        assert not differ, f"{name}: {len(differ)} of {len(asked)} requests differ, e.g. {differ[:5]}"
    assert answered > len(asked) * 0.8  # the comparison is about real hits, not empty answers


@pytest.mark.parametrize("name", OTHERS)
def test_an_incremental_build_answers_as_a_full_one(tmp_path, services, records, name):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name_ in (FILE_2023, "manifest.json"):
        shutil.copy(BUNDLED_CORPUS / name_, corpus)
    index = tmp_path / "index"
    build_index(corpus, index, engine=name)
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    assert build_index(corpus, index).mode == "incremental"  # added
    (corpus / FILE_2023).unlink()
    assert build_index(corpus, index).removed == [FILE_2023]  # deleted from the engine
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus)
    assert build_index(corpus, index).mode == "incremental"  # added again, after the other file now
    incremental = GazetteSearch(index)
    for params in requests(records, 60, seed=11):
        assert outcome(incremental, params) == outcome(services["whoosh"], params), params


@pytest.mark.parametrize("name", OTHERS)
@pytest.mark.parametrize("query", ["管理", "统计 企业", "医疗废物 应急", "工作 OR 发展", "盟", "已失效"])
def test_every_page_comes_in_the_same_order(services, name, query):
    """Page by page (`管理 --page 3` showed other records on the two engines before the ranking was one)."""
    for page in range(1, 6):
        params = {"q": query, "page": str(page)}
        want = [(h.id, h.score) for h in services["whoosh"].search(parse_request(params)).hits]
        got = [(h.id, h.score) for h in services[name].search(parse_request(params)).hits]
        assert want == got, (query, page)
        assert len(want) == 10 or page > 1  # every query fills its first page


def test_the_tantivy_reader_keeps_texts_on_disk(services, records):
    """It reads a record's text when asked (snippets, NEAR), instead of holding them all."""
    build = services["tantivy"]._snapshot().build
    from indexer.tantivy_engine import ENGINE

    tracemalloc.start()
    reader = ENGINE.reader(build.engine_dir, records, build.meta)
    held, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    text_bytes = sum(len(r.text.encode("utf-8")) for r in records)
    assert held < text_bytes / 4, (held, text_bytes)
    ordinal = next(i for i, r in enumerate(records) if r.kind == "document")
    assert reader.text(ordinal) == records[ordinal].text
    assert reader.match_text(ordinal) == normalize(records[ordinal].match_text)
    reader.close()
