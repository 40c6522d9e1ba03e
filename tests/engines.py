"""The engines every index-backed test runs on (tests/ is on sys.path: pytest's default import mode)."""

from indexer.engine import engine_names

ENGINE_NAMES = tuple(engine_names())
