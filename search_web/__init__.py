"""The gazette's web interface: search, documents, 大事记 and issues, each page with a `.json` twin.

Built the flaskr way (an application factory, one blueprint per area) with Datasette's habits
(`.json` twins, `_`-prefixed control parameters, one JSON error envelope).
"""

from __future__ import annotations

import threading

from flask import Flask


def default_index_dir() -> str:
    """The indexer's default ($GAZETTE_INDEX or var/index), imported late: `import search_web` stays cheap."""
    from indexer.build import DEFAULT_INDEX_DIR

    return str(DEFAULT_INDEX_DIR)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=default_index_dir(),
        SEARCH_CACHE_SIZE=256,  # search results kept per process (0 = no cache); see cache.py
        MAX_CONTENT_LENGTH=512 * 1024,  # POST /cite.json takes a pasted document (research.MAX_CITE_BYTES)
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.config["DEBUG"] = False  # never: the debugger would run code for anyone who can reach it
    from .json_provider import OrjsonProvider

    app.json = OrjsonProvider(app)  # Chinese as it is, keys in their order, a tenth of the encoding time
    # One search service per process: it notices a rebuilt index by itself (see engine.py).
    app.extensions["gazette_search"] = None
    app.extensions["gazette_search_lock"] = threading.Lock()

    from . import cache, chronicle, documents, errors, guide, issues, research, search, templating, trends
    from .guard import guard

    cache.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(chronicle.bp)
    app.register_blueprint(issues.bp)
    app.register_blueprint(guide.bp)
    app.register_blueprint(research.bp)
    app.register_blueprint(trends.bp)
    app.wsgi_app = guard(app.wsgi_app)  # type: ignore[method-assign]  # bad Host / encoding → 400 before Flask
    return app
