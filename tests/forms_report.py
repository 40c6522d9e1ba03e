"""Print the forms × figures tables of the ingestion checks (`.venv/bin/python tests/forms_report.py`,
or with `bundled`, `real` or `generated` to print one of them; `generated N` for N documents a form).

- bundled: for each bundled issue and each form it is published in: documents, clauses, 大事记
  entries, fields compared with the records of the bundled text, and how many differ
  (tests/test_corpus_forms.py asserts that none do);
- real: the pages of ../shared/realworld/govcn as HTML, printed to PDF by headless Chromium, copied as text
  from the browser and saved as Markdown (markdownify):
  pages giving one document, and 文号 / titles / offices / dates right, out of the total, against the
  crawler's metadata and the page's 成文日期 (tests/test_corpus_realworld*.py assert all);
- generated: documents from tests/document_generator.py in each form, the same figures plus
  attachments and text kept, then per layout (tests/test_corpus_generated.py asserts all).

Not a test: the figures for bench/RESULTS.md and issue notes.
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


def bundled() -> None:
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


FIELDS = ("one document", "文号", "title", "offices", "date")


def _score(rows: list[dict[str, bool]], fields=FIELDS) -> str:
    return " | ".join(f"{sum(r[f] for r in rows)}/{len(rows)}" for f in fields)


def real() -> None:
    """The real gov.cn pages, HTML and printed, against the crawler's metadata."""
    import json
    import re

    from browser_print import print_pages
    from markdownify import markdownify
    from realworld import copied_text, realworld_dir

    from corpus.text import squash
    from corpus.wenhao import parse_wenhao

    if realworld_dir() is None:
        print("../shared/realworld is not beside the repository: no real pages")
        return
    govcn = realworld_dir() / "govcn"
    gold = json.loads((govcn / "crawler-metadata.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        printed = print_pages([govcn / row["file"] for row in gold], Path(tmp))
        print_seconds = time.perf_counter() - started
        forms = ["HTML", "PDF (printed by Chromium)", "text copied from the browser", "Markdown (markdownify)"]
        table: dict[str, list[dict[str, bool]]] = {form: [] for form in forms}
        seconds = dict.fromkeys(forms, 0.0)
        for row in gold:
            page = govcn / row["file"]
            html = page.read_text(encoding="utf-8")
            signed = re.search(r"成文日期：</b></td>\s*<td>\s*(\d{4})年(\d{2})月(\d{2})日", html)
            copied = Path(tmp) / (page.stem + ".txt")
            copied.write_text(copied_text(html), encoding="utf-8")
            saved = Path(tmp) / (page.stem + ".md")
            saved.write_text(markdownify(html), encoding="utf-8")
            for form, path in zip(forms, (page, printed[page], copied, saved)):
                started = time.perf_counter()
                docs = corpus.parse_file(path).documents
                seconds[form] += time.perf_counter() - started
                doc = docs[0] if len(docs) == 1 else None
                table[form].append(
                    {
                        "one document": doc is not None,
                        "文号": bool(doc and doc.wenhao_normalized == parse_wenhao(row["release_number"]).canonical),
                        "title": bool(doc and squash(doc.title) == squash(row["title"])),
                        "offices": bool(doc and doc.offices == row["release_office"].split("、")),
                        "date": bool(doc and signed and doc.date and doc.date.isoformat() == "-".join(signed.groups())),
                    }
                )
    print(f"| real pages ({len(gold)}) | {' | '.join(FIELDS)} | seconds to parse |")
    print("|---|" + "---:|" * (len(FIELDS) + 1))
    for form, rows in table.items():
        print(f"| {form} | {_score(rows)} | {seconds[form]:.1f} |")
    print(f"\n(printing the {len(gold)} pages: {print_seconds:.0f} s)")


def generated(count: int = 200) -> None:
    """Generated documents in each form (a fifth as many printed by Chromium), then per variation."""
    from browser_print import print_pages
    from document_generator import as_html, as_text, differences, generate, typeset, variations

    forms = {
        "text": lambda doc, folder: _write(folder / f"{doc.seed}.txt", as_text(doc)),
        "web page": lambda doc, folder: _write(folder / f"{doc.seed}.html", as_html(doc)),
        "typeset PDF": lambda doc, folder: typeset(doc, folder / f"{doc.seed}.pdf"),
        "web page printed by Chromium": None,
    }
    checks = (*FIELDS, "attachments", "text kept")
    names = {
        "文号": "文号",
        "标题": "title",
        "发文机关": "offices",
        "成文日期": "date",
        "附件": "attachments",
        "正文": "text kept",
    }
    docs = [generate(seed) for seed in range(count)]
    by_variation: dict[str, list[bool]] = {}
    print(f"| generated documents | {' | '.join(checks)} | all right |")
    print("|---|" + "---:|" * (len(checks) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        for form, write in forms.items():
            folder = Path(tmp) / form.replace(" ", "-")
            folder.mkdir()
            these = docs if write else docs[: max(1, count // 5)]
            if write is None:
                pages = [_write(folder / f"{doc.seed}.html", as_html(doc)) for doc in these]
                printed = print_pages(pages, folder / "pdf")
                paths = [printed[page] for page in pages]
            else:
                paths = [write(doc, folder) for doc in these]
            rows = []
            for doc, path in zip(these, paths):
                try:
                    found = differences(doc, corpus.parse_file(path).documents, with_metadata=form != "typeset PDF")
                except corpus.GazetteParseError as exc:
                    found = [f"0 件公文：{exc}"]
                wrong = {next((v for k, v in names.items() if f.startswith(k)), "one document") for f in found}
                rows.append({c: c not in wrong for c in checks} | {"all": not found})
                for tag in variations(doc):
                    by_variation.setdefault(tag, []).append(not found)
            print(f"| {form} ({len(these)}) | {_score(rows, checks)} | {sum(r['all'] for r in rows)}/{len(these)} |")
    print("\n| variation (documents in all forms) | all right |\n|---|---:|")
    for tag, results in sorted(by_variation.items()):
        print(f"| {tag} | {sum(results)}/{len(results)} |")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str]) -> None:
    which = argv[0] if argv else "all"
    if which in ("all", "bundled"):
        bundled()
        print()
    if which in ("all", "real"):
        real()
        print()
    if which in ("all", "generated"):
        generated(int(argv[1]) if len(argv) > 1 else 200)


if __name__ == "__main__":
    main(sys.argv[1:])
