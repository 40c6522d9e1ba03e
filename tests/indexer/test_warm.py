"""A server warms its search service before it takes requests (SearchService.warm): what searches
would make on first use is made then, and the answers are the same as a cold service's."""

from indexer.api import parse_request
from indexer.service import GazetteSearch

FIRST_USE = ("context_index", "rosters", "fill_rank")
REQUESTS = [{"q": "领导小组成员"}, {"q": "秸秆 禁烧"}, {"q": "务业"}, {"q": "兴安盟", "page": "3"}]


def test_warm_makes_the_first_use_parts_and_answers_alike(index_dir):
    from analyzers import prefixdict
    from analyzers.segment import get_tokenizer

    cold = GazetteSearch(index_dir)
    cold_answers = [cold.search(parse_request(r)) for r in REQUESTS]
    warmed = GazetteSearch(index_dir)
    snap = warmed._snapshot()
    assert not any(name in vars(snap) for name in FIRST_USE)  # a service opened, not warmed, makes them later
    warmed.warm()
    assert all(name in vars(snap) for name in FIRST_USE)
    tokenizer = get_tokenizer()
    if isinstance(tokenizer, prefixdict.BucketedTokenizer):  # every bucket of jieba's dictionary read
        assert tokenizer._loaded >= set(tokenizer._index)
    for request, before in zip(REQUESTS, cold_answers):
        after = warmed.search(parse_request(request))
        assert [(h.id, h.score, h.match) for h in after.hits] == [(h.id, h.score, h.match) for h in before.hits]
        assert after.total == before.total and after.facets == before.facets


def test_a_served_worker_is_warmed_before_it_takes_requests(index_dir):
    from search_web.engine import get_search
    from search_web.serve import warmed_app

    app = warmed_app({"INDEX_DIR": str(index_dir)})
    with app.app_context():
        snap = get_search()._snapshot()
    assert all(name in vars(snap) for name in FIRST_USE)
