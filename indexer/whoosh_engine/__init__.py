"""The whoosh engine (Whoosh-Reloaded): the embedded default. Everything that imports whoosh is here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..engine import Capabilities
from .reader import WhooshReader
from .writer import WhooshWriter


class WhooshEngine:
    name = "whoosh"
    # the reader confirms candidates on texts it takes from the records; chars.bin covers every record
    capabilities = Capabilities(keeps_text=False, reindexes_kept_texts=True)
    format_version = "16"  # 15: postings in blocks of 1,024; 16: chars.bin

    def writer(self, engine_dir: Path, base: Path | None) -> WhooshWriter:
        return WhooshWriter(engine_dir, base)

    def reader(self, engine_dir: Path, records: Sequence, meta: dict) -> WhooshReader:
        return WhooshReader(engine_dir, records, meta)


ENGINE = WhooshEngine()
