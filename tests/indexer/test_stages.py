"""Each search says where its time went (stages_ms), for benches that measure it over HTTP."""

from indexer.api import parse_request
from indexer.service import STAGES


def test_a_search_times_each_stage(searcher):
    result = searcher.search(parse_request({"q": "统计 工作"}))
    assert list(result.stages_ms) == list(STAGES)
    assert all(ms >= 0 for ms in result.stages_ms.values())
    assert sum(result.stages_ms.values()) <= result.took_ms + 0.05  # the stages are parts of the whole
    assert result.to_dict()["stages_ms"] == result.stages_ms
