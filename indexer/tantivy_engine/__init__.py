"""The tantivy engine (PyPI `tantivy`, Rust): positional bigrams match exactly, no confirming pass;
record texts on disk. Everything that imports tantivy is here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .reader import TantivyReader
from .writer import TantivyWriter


class TantivyEngine:
    keeps_text = True  # texts live in the engine's own text store, read on demand
    name = "tantivy"

    def writer(self, engine_dir: Path, base: Path | None) -> TantivyWriter:
        return TantivyWriter(engine_dir, base)

    def reader(self, engine_dir: Path, records: Sequence, meta: dict) -> TantivyReader:
        return TantivyReader(engine_dir, records, meta)


ENGINE = TantivyEngine()
