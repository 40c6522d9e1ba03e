"""Index-backed tests run once per engine: the bundled index is built once per engine (session), so
every behaviour is proven on each engine, not assumed."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engines import ENGINE_NAMES

from corpus import iter_corpus_files, parse_file
from indexer.build import build_index
from indexer.records import issue_records
from indexer.service import GazetteSearch


@pytest.fixture(scope="session", params=ENGINE_NAMES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, engine):
    path = tmp_path_factory.mktemp(f"index-{engine}")
    report = build_index(index_dir=path, engine=engine)
    assert report.engine == engine
    return path


@pytest.fixture(scope="session")
def searcher(index_dir):
    return GazetteSearch(index_dir)


@pytest.fixture(scope="session")
def records():
    """Every index record of the bundled corpus, straight from the parser (the reference)."""
    return [r for path in iter_corpus_files() for r in issue_records(parse_file(path))]


@pytest.fixture(scope="session")
def hit_ids(searcher):
    """ids(**params): ids of every hit of a request's literal reading (all pages), in order: what recall
    is held to. The labelled tiers after it (context, words, most: indexer.tiers) are tested on their own."""
    from indexer.api import parse_request

    def ids(**params):
        return [h.id for h in searcher.export(parse_request(params), cap=100000) if h.match == "text"]

    return ids
