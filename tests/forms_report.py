"""Print the forms × figures table of the ingestion check (`.venv/bin/python tests/forms_report.py`).

For each bundled issue and each form it is published in: documents, clauses, 大事记 entries, fields
compared with the records of the bundled text, and how many differ (tests/test_corpus_forms.py
asserts that none do). Not a test: the figures for issue notes.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazette_forms import CORPUS, extractor_text, issue_html, manifest_for, piece_files, typeset_pdf
from record_diff import diff_issues

import corpus


def forms(source: Path, folder: Path):
    reference = corpus.parse_file(source)
    yield "text (bundled)", reference, 0.0
    started = time.perf_counter()
    pdf = folder / "pdf" / (source.stem + ".pdf")
    pdf.parent.mkdir(exist_ok=True)
    pages = typeset_pdf(source, pdf).pages
    manifest_for(pdf.parent, {pdf.name: source.name})
    issue = corpus.parse_file(pdf)
    yield f"PDF ({pages} pages)", issue, time.perf_counter() - started
    started = time.perf_counter()
    html = folder / "html" / (source.stem + ".html")
    html.parent.mkdir(exist_ok=True)
    html.write_text(issue_html(source), encoding="utf-8")
    manifest_for(html.parent, {html.name: source.name})
    yield "HTML (one page)", corpus.parse_file(html), time.perf_counter() - started
    started = time.perf_counter()
    files = piece_files(source, folder / "pieces" / source.stem, reference.id)
    (whole,) = corpus.merge_pieces([corpus.parse_file(f) for f in files], files[0].parent)
    yield f"pieces ({len(files)} files)", whole, time.perf_counter() - started
    started = time.perf_counter()
    text, cut = extractor_text(source)
    other = folder / "text" / source.name
    other.parent.mkdir(exist_ok=True)
    other.write_text(text, encoding="utf-8")
    manifest_for(other.parent, {other.name: source.name})
    yield f"extractor text ({len(cut)} cut sentences)", corpus.parse_file(other), time.perf_counter() - started


def main() -> None:
    print("| issue | form | documents | clauses | 大事记 entries | fields compared | unequal | seconds |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for source in sorted(CORPUS.glob("*.txt")):
            reference = None
            for name, issue, seconds in forms(source, Path(tmp)):
                reference = reference or issue
                compared, differences = diff_issues(reference, issue)
                clauses = sum(len(d.clauses) for d in issue.documents)
                print(
                    f"| {source.name[:3]} {issue.id} | {name} | {len(issue.documents)} | {clauses} | "
                    f"{len(issue.chronicle)} | {compared} | {len(differences)} | {seconds:.2f} |"
                )
                for difference in differences[:5]:
                    print(f"|   | {difference[:150]} |")


if __name__ == "__main__":
    main()
