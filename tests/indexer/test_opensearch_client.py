"""The OpenSearch client's reading of the cluster's answers, without a cluster: a count some shards did not
answer is "cannot answer yet" (503), not "the build is damaged"."""

from __future__ import annotations

import pytest

from indexer.api import EngineUnavailableError
from indexer.opensearch_engine.client import Client


def _answering(answer: dict) -> Client:
    class Answering(Client):
        def request(self, method, path, body=None, **options):  # noqa: ARG002 (one answer to every request)
            return answer

    return Answering(["http://127.0.0.1:9"])


def test_a_count_from_every_shard_is_the_index_size():
    assert _answering({"count": 413, "_shards": {"total": 6, "successful": 6, "failed": 0}}).count("ix") == 413


@pytest.mark.parametrize(
    "shards",
    [{"total": 6, "successful": 4, "failed": 2}, {"total": 6, "successful": 4, "skipped": 0, "failed": 0}],
)
def test_a_count_some_shards_did_not_answer_is_unavailable(shards):
    with pytest.raises(EngineUnavailableError) as refused:
        _answering({"count": 286, "_shards": shards}).count("gazette-x")
    assert "gazette-x" in refused.value.message and "4/6" in refused.value.message
