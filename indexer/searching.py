"""Opening the search service: the one place that names its implementation, so the seam
(indexer.engine) never imports what sits behind it."""

from __future__ import annotations

from pathlib import Path

from .engine import SearchService


def open_search(index_dir: str | Path) -> SearchService:
    """The search service over the index at `index_dir`, on the engine its build names."""
    from .service import GazetteSearch  # late: opening jieba's dictionary and the build is the caller's cost

    return GazetteSearch(index_dir)
