"""tantivy stores each record's validity status as of the day it was written (its `validity:` facet terms, with
statuses.json saying which): builds on different days, a document whose records come from two files
written on different days, and removed files must still count and filter exactly as the sets do."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from corpus import BUNDLED_CORPUS
from indexer import build as build_module
from indexer.api import parse_request
from indexer.build import build_index
from indexer.facets import FACETS
from indexer.matching import Matcher
from indexer.querylang import all_of, parse_query
from indexer.scopes import expand_aliases
from indexer.selection import SetSelection
from indexer.service import GazetteSearch

FILE_2022 = "000_50af7b231d7ea85e.txt"
FILE_2023 = "002_aec23d992a7ebbae.txt"
REPRINT = "001_reprint.txt"
REQUESTS = [
    {"q": "就业"},
    {"q": "就业", "validity": "现行有效"},
    {"q": "就业", "validity": "尚未施行"},
    {"q": "工作"},
    {"q": "工作", "validity": ["已失效", "未注明"]},
    {"year": "2022"},
    {"q": "办法", "kind": "clause", "validity": "现行有效"},
]


def built_on(monkeypatch, day: date) -> None:
    """Builds from now on take `day` for today (the statuses their records are written with)."""

    class Day(date):
        @classmethod
        def today(cls):
            return day

    monkeypatch.setattr(build_module, "date", Day)


def reprint_with_one_more_clause(corpus) -> None:
    """A second file of the 2022 issue that adds one clause to 兴署联发〔2022〕1号: only that clause
    is new (the rest is already indexed), so the document's records come from two files."""
    lines = (BUNDLED_CORPUS / FILE_2022).read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("(三)本办法自印发之日"))
    lines.insert(at + 1, "(四)本办法由兴安盟人力资源和社会保障局负责解释。")
    (corpus / REPRINT).write_text("\n".join(lines), encoding="utf-8")


def assert_engine_answers_as_sets(service):
    snap = service._snapshot()
    for params in REQUESTS:
        request = parse_request(params)
        tree, _ = expand_aliases(all_of([parse_query(request.query)]))
        filters = service._filters(request)
        engine = snap.reader.select(tree, filters, snap.context)
        sets = SetSelection(snap, Matcher(snap.reader, snap.records, snap.live).docs(tree), filters, snap.context)
        assert engine.count() == sets.count(), params
        for facet in FACETS:
            assert engine.facet_counts(facet.name) == sets.facet_counts(facet.name), (params, facet.name)


@pytest.fixture
def corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED_CORPUS / "manifest.json", corpus)
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    return corpus


def test_a_document_written_on_two_days_by_two_files(tmp_path, corpus, monkeypatch):
    index = tmp_path / "index"
    built_on(monkeypatch, date(2019, 1, 1))  # 兴署联发〔2022〕1号 尚未施行
    build_index(corpus, index, engine="tantivy", full=True)
    reprint_with_one_more_clause(corpus)
    built_on(monkeypatch, date.today())  # 现行有效: the new clause is written so
    build_index(corpus, index)
    service = GazetteSearch(index)
    snap = service._snapshot()
    sources = {r.source for r in snap.records if r.doc_id == "xslf-2022-1"}
    assert sources == {FILE_2022, REPRINT}
    assert snap.validity["xslf-2022-1"]["status"] == "现行有效"
    assert snap.reader.status_changes(snap.status_docs) == {"xslf-2022-1": "现行有效"}
    assert_engine_answers_as_sets(service)
    assert service.search(parse_request({"q": "就业", "validity": "现行有效"})).total > 0


def test_builds_on_several_days_and_a_removed_file(tmp_path, corpus, monkeypatch):
    index = tmp_path / "index"
    built_on(monkeypatch, date(2019, 1, 1))
    build_index(corpus, index, engine="tantivy", full=True)
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus)
    built_on(monkeypatch, date(2024, 1, 1))
    build_index(corpus, index)
    for day in (date(2019, 1, 1), date(2024, 1, 1), date.today()):
        service = GazetteSearch(index)
        service._snapshot().as_of(day)
        assert_engine_answers_as_sets(service)
    # the 2023 file removed: its documents leave the status map with their records
    (corpus / FILE_2023).unlink()
    built_on(monkeypatch, date.today())
    build_index(corpus, index)
    snap = GazetteSearch(index)._snapshot()
    documents = {r.doc_id for r in snap.records if r.doc_id}
    assert set(snap.reader.written_statuses) == documents
    changed = snap.reader.status_changes(snap.status_docs)
    assert set(changed) == {"xslf-2022-1"}  # written 尚未施行 in 2019, 现行有效 today; nothing else
    assert_engine_answers_as_sets(GazetteSearch(index))


class RefusingAggregations:
    """A searcher whose aggregations of the facets fail, as tantivy's do past its bucket limit."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.refused = 0

    def aggregate(self, query, aggs):
        if any(spec["terms"]["field"] == "facets" for spec in aggs.values()):
            self.refused += 1
            raise ValueError("Aborting aggregation because bucket limit was exceeded. Limit: 65000")
        return self.searcher.aggregate(query, aggs)

    def __getattr__(self, name):
        return getattr(self.searcher, name)


def test_an_aggregation_past_the_bucket_limit_falls_back_to_the_walk(tmp_path, corpus, monkeypatch):
    from indexer.tantivy_engine import selection

    index = tmp_path / "index"
    build_index(corpus, index, engine="tantivy", full=True)
    service = GazetteSearch(index)
    snap = service._snapshot()
    monkeypatch.setattr(selection, "AGG_FIXED_MS", float("-inf"))  # always try the one aggregation
    monkeypatch.setattr(selection, "READ_MAX", -1)  # not the facet rows of a small selection
    monkeypatch.setattr(selection, "KNOWN_ROWS_MAX", -1)  # nor of one whose keys the gram sets gave
    request = parse_request({"q": "就业"})
    expected = service.search(request)
    refusing = snap.reader.searcher = RefusingAggregations(snap.reader.searcher)
    found = service.search(request)
    assert refusing.refused == 1
    assert found.total == expected.total > 0
    assert found.facets == expected.facets
    assert found.clauses_by_doc == expected.clauses_by_doc
