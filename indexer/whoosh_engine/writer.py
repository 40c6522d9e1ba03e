"""Writing records into a whoosh index; the jieba words arrive already cut (PreSegmented)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from whoosh import index as whoosh_index

from .analysis import PreSegmented
from .schema import build_schema

DOCIDS = "docids.json"  # record id per whoosh document number (null where deleted): read at open
LIMIT_MB = 1024  # postings stay in memory while building: no pickled runs to merge


class WhooshWriter:
    def __init__(self, engine_dir: Path, base: Path | None):
        if base is not None:
            shutil.copytree(base, engine_dir)
            (engine_dir / DOCIDS).unlink(missing_ok=True)
            self.ix = whoosh_index.open_dir(str(engine_dir))
        else:
            engine_dir.mkdir(parents=True, exist_ok=True)
            self.ix = whoosh_index.create_in(str(engine_dir), build_schema())
        self.engine_dir = engine_dir
        self.writer = self.ix.writer(limitmb=LIMIT_MB)

    def delete_source(self, source: str) -> None:
        self.writer.delete_by_term("source", source)

    def add(self, item) -> None:
        record = item.record
        fields = dict(
            id=record.id,
            kind=record.kind,
            source=record.source,
            words=PreSegmented(record.text, item.words),
            grams=record.match_text,
        )
        if record.wenhao:
            fields["wenhao"] = record.wenhao
        if record.cites:
            fields["cites"] = ",".join(record.cites)
        title = record.ranked_title
        if title and item.title_words is not None:
            fields["title_words"] = PreSegmented(title, item.title_words)
        self.writer.add_document(**fields)

    def commit(self) -> list[str]:
        self.writer.commit()
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            docids: list[str | None] = [None] * reader.doc_count_all()
            for docnum, stored in reader.iter_docs():
                docids[docnum] = stored["id"]
        (self.engine_dir / DOCIDS).write_text(json.dumps(docids, ensure_ascii=False), encoding="utf-8")
        return [d for d in docids if d is not None]

    def cancel(self) -> None:
        self.writer.cancel()
