"""Schema, building, the query language and the search API (plain data out).

api.py        requests, results, snippets, errors (what crosses to the web app and the CLI)
facets.py     the facet table
querylang.py  query text → tree          matching.py  tree → matching records (any engine)
engine.py     the engine seam (SearchService, IndexReader, IndexWriter, Engine, Selection), the engine registry
searching.py  open_search: the search service over an index directory
service.py    GazetteSearch: match, filter, count facets, rank, snippets — for every engine
readmodel.py  issues and documents as parsed, citations resolved
records.py    issues → index records      segmenting.py  jieba, once per line, on every core
build.py      plan → write → publish      store.py       checksummed builds, atomic pointer
whoosh_engine/  the embedded default engine (everything that imports whoosh)
"""
