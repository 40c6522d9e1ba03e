"""Session fixtures shared by the corpus tests: the bundled issues typeset as PDFs (once a session).

Typesetting needs reportlab and the WenQuanYi Zen Hei font (fonts-wqy-zenhei). Without them the PDF
tests are skipped, unless GAZETTE_REQUIRE_CJK_FONT=1 (CI), then they fail.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdf_typeset import require_typesetting

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


@pytest.fixture(scope="session")
def bundled_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The two bundled issues typeset as PDFs, named like their text, beside a copy of the manifest."""
    require_typesetting()
    from gazette_forms import typeset_pdf

    folder = tmp_path_factory.mktemp("pdf_corpus")
    shutil.copyfile(CORPUS / "manifest.json", folder / "manifest.json")
    out = {}
    for source in sorted(CORPUS.glob("*.txt")):
        pdf = folder / (source.stem + ".pdf")
        typeset_pdf(source, pdf)
        out[source.name] = pdf
    return out
