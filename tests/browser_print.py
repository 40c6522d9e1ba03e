"""Web pages printed to PDF as a researcher saves them: headless Chromium's --print-to-pdf (the browser's
own header and footer — date, page title, address, page n/m — on every page, Letter paper, as its
print dialog's defaults).

`print_pages(pages, folder)` prints several pages at once (a few browsers side by side: one print is
mostly the browser starting), each into its own temporary profile, each bounded by a timeout.
Without /usr/bin/chromium the caller's test skips with the reason, unless GAZETTE_REQUIRE_BROWSER=1
(CI installs chromium), then it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
TIMEOUT = 120  # seconds for one page
AT_ONCE = 3  # browsers printing side by side (CI has 2 cores; a print waits on the browser's start)


def require_browser() -> None:
    reason = None if CHROMIUM.exists() else f"{CHROMIUM} is not installed (apt-get install chromium)"
    if reason:
        if os.environ.get("GAZETTE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"GAZETTE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)


def print_page(page: Path, pdf: Path) -> Path:
    """`page` (an HTML file) printed to `pdf` by headless Chromium."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    if not pdf.exists() or pdf.stat().st_size == 0:
        tail = done.stderr.decode("utf-8", "replace")[-800:]
        raise RuntimeError(f"chromium printed nothing for {page} (exit {done.returncode}): {tail}")
    return pdf


def print_pages(pages: list[Path], folder: Path) -> dict[Path, Path]:
    """Each page printed into `folder` as <stem>.pdf; page → its PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which(str(CHROMIUM)) is None:
        raise RuntimeError(f"{CHROMIUM} is not installed")
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        pdfs = list(pool.map(lambda page: print_page(page, folder / (page.stem + ".pdf")), pages))
    return dict(zip(pages, pdfs))
