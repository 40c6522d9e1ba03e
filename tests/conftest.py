"""Session fixtures shared by the corpus tests: the bundled issues typeset as PDFs (once a session).

Typesetting needs reportlab and the WenQuanYi Zen Hei font (fonts-wqy-zenhei). Without them the PDF
tests are skipped, unless GAZETTE_REQUIRE_CJK_FONT=1 (CI), then they fail.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _copy_of_the_bundled_corpus() -> Path:
    """The bundled issues as git holds them, copied: the tests never read the live data/corpus (a
    user's own files there, or a changed manifest, would change what they see) and never write it."""
    shipped = REPO / "data" / "corpus"
    try:
        listed = subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "-z", "data/corpus"], capture_output=True, check=True
        ).stdout.split(b"\0")
        names = [Path(os.fsdecode(name)).name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: the folder as it is
        names = []
    names = names or [path.name for path in shipped.iterdir() if path.is_file()]
    copy = Path(tempfile.mkdtemp(prefix="gazette-bundled-")) / "corpus"
    copy.mkdir()
    for name in names:
        shutil.copy2(shipped / name, copy / name)
    atexit.register(shutil.rmtree, copy.parent, True)
    return copy


# Before anything imports corpus (it reads this once): the session's copy, inherited by subprocesses.
os.environ["GAZETTE_BUNDLED_CORPUS"] = str(_copy_of_the_bundled_corpus())
# A user's own folder (var/corpus) never leaks into a test: the default is a folder that does not exist.
os.environ["GAZETTE_CORPUS"] = str(Path(os.environ["GAZETTE_BUNDLED_CORPUS"]).parent / "no-user-corpus")

import pytest  # noqa: E402
from pdf_typeset import require_typesetting  # noqa: E402

from corpus import BUNDLED_CORPUS  # noqa: E402

CORPUS = BUNDLED_CORPUS


@pytest.fixture(scope="session", autouse=True)
def dictionary_cache(tmp_path_factory) -> Path:
    """The builder's dictionary cache (analyzers.dictcache) of this session, empty at its start: the
    first build prepares the dictionary, later ones read it, and the user's own cache is left alone.
    Subprocesses (the CLI, the server) inherit it."""
    folder = tmp_path_factory.mktemp("gazette-cache")
    os.environ["GAZETTE_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def bundled_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The two bundled issues typeset as PDFs, named like their text, beside a copy of the manifest."""
    require_typesetting()
    from gazette_forms import manifest_for, typeset_pdf

    folder = tmp_path_factory.mktemp("pdf_corpus")
    out = {}
    for source in sorted(CORPUS.glob("*.txt")):
        pdf = folder / (source.stem + ".pdf")
        typeset_pdf(source, pdf)
        out[source.name] = pdf
    manifest_for(folder, {pdf.name: name for name, pdf in out.items()})
    return out


@pytest.fixture(scope="session")
def parsed_pdfs(bundled_pdfs) -> dict[str, tuple]:
    """For each bundled PDF: (its reconstructed text, its parsed issue), read once a session."""
    from corpus.collection.manifest import load_manifest
    from corpus.offices import load_offices
    from corpus.pipeline import parse_issue
    from corpus.readers.pdf import pdf_text
    from corpus.readers.source import SourceText

    out = {}
    for name, pdf in bundled_pdfs.items():
        text = pdf_text(pdf)  # what corpus.parse_file does for a PDF, without reading it twice
        src = SourceText(str(pdf), pdf.name, text.lines, "pdf", warnings=list(text.warnings), pages=text.pages)
        out[name] = (text, parse_issue(src, load_manifest(pdf.parent).get(pdf.name), offices=load_offices(pdf.parent)))
    return out


@pytest.fixture(scope="session")
def printed_realworld(tmp_path_factory) -> dict[str, Path]:
    """Every page of ../shared/realworld/govcn printed to PDF by headless Chromium, once a session
    (tests/browser_print.py): page file name → its PDF."""
    from browser_print import print_pages, require_browser
    from realworld import realworld_dir

    if realworld_dir() is None:
        pytest.skip("../shared/realworld is not beside the repository: no real pages to print")
    require_browser()
    pages = sorted((realworld_dir() / "govcn").glob("*.html"))
    printed = print_pages(pages, tmp_path_factory.mktemp("printed_realworld"))
    return {page.name: pdf for page, pdf in printed.items()}


# The longest files first: under pytest-xdist (scripts/test.sh) a file runs on one worker, and a file of
# minutes handed out last leaves the other workers idle at the end. The order within a file is kept.
LONGEST_FIRST = ("indexer/test_opensearch.py", "test_corpus_realworld_pdf.py", "indexer/test_query_fuzz.py")


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return next((i for i, name in enumerate(LONGEST_FIRST) if path.endswith(name)), len(LONGEST_FIRST))

    items.sort(key=rank)
