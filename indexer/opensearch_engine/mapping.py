"""The OpenSearch index: its settings, its mapping, and one record as a document of it.

Matching is exact substring recall, as in tantivy: the normalized title and body (`title`, `body`,
normalized in Python by analyzers.normalize, so there is nothing left for OpenSearch to fold) are each
indexed twice, as character bigrams with positions (`.b2`: bigram i at position i, so a term of three
or more characters is a phrase of its bigrams, a two-character term one bigram) and as single
characters (`.b1`: one-character terms). Ranking is BM25 over the jieba words the builder cut
(`words`, `title_words`: tokens made in Python, space-separated, split by the `whitespace` analyzer),
so index and query analysis are the same code as the local engines'. Everything else is keyword,
integer or date-as-integer: facets (`f_<name>`), 文号 (`wenhao`, `cites`), the record's document
(`doc`), dates (`d_from`, `d_to` as YYYYMMDD), the sort keys of the service's orders (`seq`, the
record's place in the build's order; `wh_*`, `cited`, `kind_rank`) and the validity status and
citation count of the record's document as of the build (`validity`, `cited`), which the writer keeps
current and the reader corrects by the day.

_source keeps every field, so a later build can clone the index and update a document's corpus-wide
values (status, citations) in place.
"""

from __future__ import annotations

from functools import lru_cache

from analyzers.normalize import normalize
from corpus.wenhao import parse_wenhao

from ..facets import FACETS

STORED_FACETS = tuple(f for f in FACETS if not f.computed)
KIND_RANK = {"document": 2, "clause": 1, "chronicle": 0}  # the service's fill order: documents first
SOURCE_SHIFT = 1 << 20  # seq = source rank × this + the record's place in its source
PAGE = 10_000  # ids read per request when many are wanted: OpenSearch's default result window
SHARD_BYTES = 20_000_000_000  # a shard this large at most (OpenSearch's advice: 10–50 GB)


def facet_field(name: str) -> str:
    return f"f_{name}"


def settings(data_nodes: int, records: int, source_bytes: int) -> dict:
    """Shards from the cluster size (one per data node, more when a shard would pass SHARD_BYTES),
    one replica when there is a second node, so a node can fail without losing a shard."""
    shards = max(data_nodes, -(-source_bytes // SHARD_BYTES), 1)
    return {
        "index": {
            "number_of_shards": shards,
            "number_of_replicas": 1 if data_nodes > 1 else 0,
            "refresh_interval": "-1",  # while building; the writer refreshes once at the end
            "max_result_window": max(10_000, records * 2),
            "max_ngram_diff": 1,
        },
        "analysis": {
            "tokenizer": {
                "bigram": {"type": "ngram", "min_gram": 2, "max_gram": 2},
                "unigram": {"type": "ngram", "min_gram": 1, "max_gram": 1},
            },
            "analyzer": {
                "bigram": {"type": "custom", "tokenizer": "bigram"},
                "unigram": {"type": "custom", "tokenizer": "unigram"},
            },
        },
    }


def _matched_text() -> dict:
    return {
        "type": "keyword",
        "index": False,
        "doc_values": False,
        "fields": {
            "b2": {"type": "text", "analyzer": "bigram", "index_options": "positions", "norms": False},
            "b1": {"type": "text", "analyzer": "unigram", "index_options": "docs", "norms": False},
        },
    }


def mapping() -> dict:
    keyword = {"type": "keyword"}
    properties: dict[str, dict] = {
        "text": {"type": "keyword", "index": False, "doc_values": False},  # display text: snippets
        "title": _matched_text(),
        "body": _matched_text(),
        "words": {"type": "text", "analyzer": "whitespace", "index_options": "freqs"},
        "title_words": {"type": "text", "analyzer": "whitespace", "index_options": "freqs"},
        "src": keyword,
        "kind": keyword,
        "doc": keyword,
        "wenhao": keyword,
        "cites": keyword,
        "validity": keyword,
        "d_from": {"type": "integer"},
        "d_to": {"type": "integer"},
        "seq": {"type": "long"},
        "wh_year": {"type": "integer"},
        "wh_num": {"type": "integer"},
        "wh_code": keyword,
        "cited": {"type": "integer"},
        "kind_rank": {"type": "byte"},
    }
    for facet in STORED_FACETS:
        properties[facet_field(facet.name)] = keyword
    # long body texts are indexed whatever their length: `ignore_above` is not set on any keyword
    return {"dynamic": "strict", "properties": properties}


def day_number(iso: str) -> int:
    return int(iso.replace("-", ""))


@lru_cache(maxsize=65536)
def _wenhao_keys(wenhao: str) -> tuple | None:
    parsed = parse_wenhao(wenhao)
    return None if parsed is None else (parsed.year, parsed.number, parsed.code)


def document(item, seq: int, status: str, cited: int) -> dict:
    """One record (engine.Segmented) as the index's document."""
    record = item.record
    doc: dict = {
        "text": record.text,
        "body": normalize(record.text),
        "words": item.rank_text,
        "src": record.source,
        "kind": record.kind,
        "seq": seq,
        "kind_rank": KIND_RANK[record.kind],
    }
    if record.kind == "document":
        doc["title"] = normalize(record.title or "")
    if record.ranked_title and item.title_rank_text is not None:
        doc["title_words"] = item.title_rank_text
    if record.wenhao:
        doc["wenhao"] = record.wenhao
        keys = _wenhao_keys(record.wenhao)
        if keys is not None:
            doc["wh_year"], doc["wh_num"], doc["wh_code"] = keys
    if record.cites:
        doc["cites"] = list(record.cites)
    for facet in STORED_FACETS:
        values = list(facet.values_of(record))
        if values:
            doc[facet_field(facet.name)] = values
    if record.doc_id:
        doc["doc"] = record.doc_id
        if record.kind != "chronicle":  # as the service's validity sets: 大事记 entries have none
            if status:
                doc["validity"] = status
            doc["cited"] = cited
    if record.date:
        doc["d_from"] = day_number(record.date)
        doc["d_to"] = day_number(max(record.date, record.end_date or record.date))
    return doc
