"""The two builds of the bundled corpus that the engines' fast-path tests compare against the plain
way: one full build, and one made by incremental builds that delete and re-add a file (so documents
are deleted, segments several, and the engine's numbers mapped to record ordinals)."""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus import BUNDLED_CORPUS
from indexer.build import build_index

FILE_2022 = "000_50af7b231d7ea85e.txt"
FILE_2023 = "002_aec23d992a7ebbae.txt"


def build_bundled(root: Path, incremental: bool, engine: str = "whoosh") -> Path:
    """The index directory of a build of both bundled files under `root`."""
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    if not incremental:
        for name in (FILE_2022, FILE_2023, "manifest.json"):
            shutil.copy(BUNDLED_CORPUS / name, corpus)
        build_index(corpus, index, engine=engine, full=True)
        return index
    # 2023 written, 2022 added, 2023 deleted and added again: deletions and three segments
    for name in (FILE_2023, "manifest.json"):
        shutil.copy(BUNDLED_CORPUS / name, corpus)
    build_index(corpus, index, engine=engine)
    shutil.copy(BUNDLED_CORPUS / FILE_2022, corpus)
    build_index(corpus, index)
    (corpus / FILE_2023).unlink()
    build_index(corpus, index)
    shutil.copy(BUNDLED_CORPUS / FILE_2023, corpus)
    build_index(corpus, index)
    return index
