"""Web tests run against a real index built from the bundled corpus (once per session and engine), and
a second index built from a tampered copy of a corpus file that carries <script>alert(1)</script>."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engines import ENGINE_NAMES
from web_helpers import XSS, XSS_AFTER, XSS_FILE

from corpus import BUNDLED_CORPUS
from indexer.build import build_index
from search_web import create_app


@pytest.fixture(scope="session", params=ENGINE_NAMES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, engine) -> Path:
    directory = tmp_path_factory.mktemp(f"index-{engine}")
    build_index(index_dir=directory, engine=engine)
    return directory


@pytest.fixture(scope="session")
def app(index_dir):
    return create_app({"INDEX_DIR": str(index_dir), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def xss_index_dir(tmp_path_factory, engine) -> Path:
    corpus_dir = tmp_path_factory.mktemp("xss_corpus")
    text = (BUNDLED_CORPUS / XSS_FILE).read_text(encoding="utf-8")
    assert text.count(XSS_AFTER) == 1
    marker = XSS_AFTER.replace("，", XSS + "，", 1)
    (corpus_dir / XSS_FILE).write_text(text.replace(XSS_AFTER, marker), encoding="utf-8")
    shutil.copyfile(BUNDLED_CORPUS / "manifest.json", corpus_dir / "manifest.json")
    directory = tmp_path_factory.mktemp(f"xss_index-{engine}")
    build_index(corpus_dir, index_dir=directory, engine=engine)
    return directory


@pytest.fixture(scope="session")
def xss_app(xss_index_dir):
    return create_app({"INDEX_DIR": str(xss_index_dir), "TESTING": True})


@pytest.fixture
def xss_client(xss_app):
    return xss_app.test_client()
