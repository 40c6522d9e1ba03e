"""The tantivy engine (PyPI `tantivy`, Rust): positional bigrams match exactly, no confirming pass;
record texts on disk. Everything that imports tantivy is here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..engine import Capabilities
from .reader import TantivyReader
from .writer import TantivyWriter


class TantivyEngine:
    name = "tantivy"
    # texts live in the engine's own text store, read on demand
    capabilities = Capabilities(keeps_text=True, evaluates_trees=True, answers_requests=True, stores_validity=True)
    # 12: facet, doc and date fields; 13–14: statuses.json; 17: facets in one field; 18: facet rows (facetrows.py)
    format_version = "18"

    def writer(self, engine_dir: Path, base: Path | None) -> TantivyWriter:
        return TantivyWriter(engine_dir, base)

    def reader(self, engine_dir: Path, records: Sequence, meta: dict) -> TantivyReader:
        return TantivyReader(engine_dir, records, meta)


ENGINE = TantivyEngine()
