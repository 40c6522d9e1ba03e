"""The one search service a process opens; nothing else in search_web touches the indexer's internals."""

from __future__ import annotations

from flask import current_app


def get_search():
    """The app's search service, opened on first use. It re-reads the index pointer per call, so a
    rebuilt index is served without a restart. IndexUnavailableError propagates (→ 503 page) and the
    next request tries again."""
    ext = current_app.extensions
    engine = ext.get("gazette_search")
    if engine is None:
        with ext["gazette_search_lock"]:  # waitress runs 8 threads: open it once, not 8 times
            engine = ext.get("gazette_search")
            if engine is None:
                from indexer.searching import open_search  # imported late: `import search_web` stays cheap

                engine = open_search(current_app.config["INDEX_DIR"])
                ext["gazette_search"] = engine
    return engine


def request_params(args) -> dict[str, list[str]]:
    """URL args as lists, so parse_request sees every value of a repeated param (office=A&office=B)."""
    return args.to_dict(flat=False)
