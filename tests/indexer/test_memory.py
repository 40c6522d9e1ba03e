"""What a server holds in memory: the read model keeps each issue without its documents' texts (read from
the issue's JSON when a document is asked for), and an engine that keeps texts itself gets records without them."""

from __future__ import annotations

import json

from indexer import store
from indexer.api import parse_request
from indexer.engine import get_engine
from indexer.records import unpack_rows
from indexer.service import GazetteSearch


def test_the_read_model_holds_no_document_text(index_dir):
    snap = GazetteSearch(index_dir)._snapshot()
    assert snap.corpus.documents and all("body" not in d and "clauses" not in d for d in snap.corpus.documents.values())
    document = GazetteSearch(index_dir).document("xsf-2022-6")
    assert document["body"].startswith("各旗县市人民政府") and document["clauses"] and document["tables"]


def test_records_carry_text_only_for_an_engine_that_needs_it(index_dir, engine):
    build = store.open_build(index_dir)
    rows = [
        r
        for path in build.files(store.RECORDS)
        for r in unpack_rows(json.loads((build.path / path).read_text(encoding="utf-8")))
    ]
    texts = [r["text"] for r in rows]
    if get_engine(engine).capabilities.keeps_text:
        assert not any(texts)
    else:
        assert all(texts)
    hit = GazetteSearch(index_dir).search(parse_request({"q": "统计"})).hits[0]
    assert "统计" in hit.snippet.text  # either way the snippet is cut from the record's text


def test_packed_rows_give_back_every_field_of_every_record():
    from dataclasses import asdict

    from corpus import BUNDLED_CORPUS, parse_files
    from indexer.records import issue_records, pack_rows

    issues, errors = parse_files(sorted(BUNDLED_CORPUS.glob("*.txt")))
    assert issues and not errors
    records = [r for issue in issues for r in issue_records(issue)]
    rows = [asdict(r) for r in records]
    # the build writes record.to_row(): asdict's dict, field for field and in order, without the deep copy
    assert [list(r.to_row().items()) for r in records] == [list(row.items()) for row in rows]
    packed = pack_rows(rows)
    assert unpack_rows(packed) == rows
    assert len(json.dumps(packed, ensure_ascii=False)) < 0.6 * len(json.dumps(rows, ensure_ascii=False))
    # a field that a row sets back (a clause's heading, then a chronicle entry's None) is written again
    made_up = [{"a": 1, "b": "x"}, {"a": 1, "b": None}, {"a": 2, "b": None}]
    assert pack_rows(made_up) == [{"a": 1, "b": "x"}, {"b": None}, {"a": 2}]
    assert unpack_rows(pack_rows(made_up)) == made_up
