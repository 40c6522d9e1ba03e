"""The gazette's web interface: search, documents, 大事记 and issues, each page with a `.json` twin.

Built the flaskr way (an application factory, one blueprint per area) with Datasette's habits
(`.json` twins, `_`-prefixed control parameters, one JSON error envelope).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from flask import Flask

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_index_dir() -> str:
    return os.environ.get("GAZETTE_INDEX") or str(REPO_ROOT / "var" / "index")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=default_index_dir(),
        SEARCH_CACHE_SIZE=256,  # search results kept per process (0 = no cache); see cache.py
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.config["DEBUG"] = False  # never: the debugger would run code for anyone who can reach it
    app.json.ensure_ascii = False  # readable Chinese in the JSON twins
    app.json.sort_keys = False
    # One GazetteSearch per process: it notices a rebuilt index by itself (see engine.py).
    app.extensions["gazette_search"] = None
    app.extensions["gazette_search_lock"] = threading.Lock()

    from . import cache, chronicle, documents, errors, issues, search, templating

    cache.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(chronicle.bp)
    app.register_blueprint(issues.bp)
    return app
