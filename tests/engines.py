"""The engines every index-backed test runs on (tests/ is on sys.path: pytest's default import mode).

The local engines always; a remote one (OpenSearch, which needs a running cluster) only with
GAZETTE_TEST_ALL_ENGINES=1 and a cluster at $GAZETTE_ENGINE_URL: the whole suite on it takes far
longer than CI's budget, so CI runs the OpenSearch tests of tests/indexer/test_opensearch.py instead."""

import os

from indexer.engine import engine_names, get_engine

LOCAL_ENGINE_NAMES = tuple(name for name in engine_names() if not get_engine(name).capabilities.remote)
ENGINE_NAMES = tuple(engine_names()) if os.environ.get("GAZETTE_TEST_ALL_ENGINES") == "1" else LOCAL_ENGINE_NAMES
