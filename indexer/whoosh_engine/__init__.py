"""The whoosh engine (Whoosh-Reloaded): the embedded default. Everything that imports whoosh is here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .reader import WhooshReader
from .writer import WhooshWriter


class WhooshEngine:
    name = "whoosh"
    keeps_text = False  # the reader confirms candidates on texts it takes from the records

    def writer(self, engine_dir: Path, base: Path | None) -> WhooshWriter:
        return WhooshWriter(engine_dir, base)

    def reader(self, engine_dir: Path, records: Sequence, meta: dict) -> WhooshReader:
        return WhooshReader(engine_dir, records, meta)


ENGINE = WhooshEngine()
