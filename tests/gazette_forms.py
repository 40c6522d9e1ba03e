"""The bundled issues in every form the gazette is published in, made from the bundled text.

- `typeset_pdf`: a PDF as the printer sets it: cover page, 目录 with leaders (long entries wrapped),
  centred titles, body paragraphs with a first-line indent run on over pages, ruled tables split over
  pages with their header repeated, the 大事记 in two columns, running heads and footers.
- `issue_html`: the whole issue as one web page (<p> paragraphs, <table> tables).
- `piece_files`: one text file per document, the 大事记 on its own, grouped by a manifest.
- `extractor_text`: the text another extractor would give: running heads, `— N —` footers and page
  numbers at page breaks, some paragraphs cut by the break.

The layout only decides how lines look (title, 文号, signature, table…); what is printed is the
bundled text's own lines, cleaned the way corpus.elements.paragraphs cleans them (extraction artefacts such as
typesetting codes and markdown bullets are not printed).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pdf_typeset import Cell, Typesetter

import corpus
from corpus import BUNDLED_CORPUS
from corpus.dates import parse_date_line
from corpus.elements.paragraphs import BULLET, MONGOLIAN, TABLE_RULE, TYPESETTING_CODE, merge_cells, paragraphs_of_html
from corpus.elements.toc import TOC_SECTION, toc_item
from corpus.records.document import SIGNATURE_OFFICE
from corpus.wenhao import parse_wenhao

HERE = Path(__file__).resolve().parent
CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"


@dataclass
class Item:
    kind: str  # masthead, year, issue-number, toc-head, toc-section, toc, title, wenhao, addressee,
    #            body, right, chronicle-head, chronicle-period, chronicle, table
    text: str = ""
    line: int = 0
    rows: list | None = None  # for tables: rows of cells (each: ("p", [paragraphs]) or ("plain", text))
    repeat_header: bool = False


def cleaned(raw: str) -> str:
    text = TYPESETTING_CODE.sub("", raw).strip(" \t\u3000\r")
    text = BULLET.sub("", text)
    return MONGOLIAN.sub("", text).strip()


def layout(path: Path) -> list[Item]:  # noqa: C901 - older than the limit; split it when it next changes
    """The bundled text's lines with the role each is printed in."""
    issue = corpus.parse_file(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    title_lines: set[int] = set()
    wenhao_lines: set[int] = set()
    for doc in issue.documents:
        n = doc.line
        while n <= len(lines) and not (lines[n - 1].strip() and parse_wenhao(lines[n - 1])):
            if lines[n - 1].strip():
                title_lines.add(n)
            n += 1
            if n - doc.line > 8:
                break
        wenhao_lines.add(n)
    toc_at = next(i for i, line in enumerate(lines, 1) if re.sub(r"\s", "", line) == "目录")
    first_title = min(title_lines)
    chronicle_at = None
    if issue.chronicle:
        chronicle_at = max(i for i, line in enumerate(lines, 1) if line.strip() == "兴安盟行政公署大事记")

    items: list[Item] = []
    n = 0
    previous_role = ""
    while n < len(lines):
        number = n + 1
        raw = lines[n]
        n += 1
        if "\t" in raw:
            block = [raw]
            while n < len(lines) and ("\t" in lines[n] or not lines[n].strip()):
                if "\t" in lines[n]:
                    block.append(lines[n])
                n += 1
            items.append(_table(block, number))
            previous_role = "table"
            continue
        text = cleaned(raw)
        if not text:
            continue
        if number < toc_at:
            role = "masthead" if text.endswith("公报") else "year" if text.isdigit() else "issue-number"
        elif number == toc_at:
            role = "toc-head"
        elif number < first_title:
            role = "toc-section" if TOC_SECTION.match(re.sub(r"\s", "", text)) and not toc_item(text) else "toc"
        elif chronicle_at and number == chronicle_at:
            role = "chronicle-head"
        elif chronicle_at and number > chronicle_at:
            role = "chronicle-period" if previous_role == "chronicle-head" else "chronicle"
        elif number in title_lines:
            role = "title"
        elif number in wenhao_lines:
            role = "wenhao"
        elif previous_role == "wenhao":
            role = "addressee"
        elif parse_date_line(text) or SIGNATURE_OFFICE.match(re.sub(r"\s", "", text)):
            role = "right"
        else:
            role = "body"
        items.append(Item(role, text, number))
        previous_role = role
    return items


def _table(block: list[str], line: int) -> Item:
    rows: list[list[str]] = []
    header = None
    repeated = False
    for raw in block:
        row = raw.strip("\r\n")
        if TABLE_RULE.match(row):
            continue
        cells = [c.strip() for c in row.split("\t")]
        if header is None:
            header = cells
        elif cells == header and not any("<p>" in c for c in cells):
            repeated = True  # the header the PDF printed again on the next page
            continue
        if rows and not cells[0] and len(cells) == len(rows[-1]) and any(cells):
            rows[-1] = [merge_cells(a, b) for a, b in zip(rows[-1], cells)]  # a row the page cut
            continue
        rows.append(cells)
    out = []
    for cells in rows:
        out.append(
            [("p", paragraphs_of_html(c)) if "<p>" in c else ("plain", TYPESETTING_CODE.sub("", c)) for c in cells]
        )
    return Item("table", line=line, rows=out, repeat_header=repeated)


# --- PDF ---------------------------------------------------------------------------------------------

STYLE_OF = {
    "masthead": "masthead",
    "year": "year",
    "issue-number": "issue-number",
    "toc-head": "toc-head",
    "toc-section": "toc-section",
    "title": "title",
    "wenhao": "center",
    "addressee": "flush",
    "body": "body",
    "right": "right",
    "chronicle-head": "chronicle-head",
    "chronicle-period": "center",
    "chronicle": "body",
}


def typeset_pdf(path: Path, out: Path, *, heads=None, scanned_page: bool = False) -> Typesetter:
    items = layout(path)
    has_cover = items[0].kind == "masthead"
    year = corpus.parse_file(path).year
    t = Typesetter(out, heads=heads or ("兴安盟行政公署公报", f"{year}年"), cover=has_cover)
    previous = ""
    for item in items:
        if item.kind == "toc-head" and has_cover:
            t.page_break()
        if item.kind == "title" and previous not in ("title",) and previous:
            t.page_break() if previous.startswith("toc") else None
        if item.kind == "chronicle-head":
            t.page_break()
        if item.kind == "toc":
            title, page = toc_item(item.text)
            number = re.match(r"^\d{1,2}\s*[.．、]", item.text)
            t.toc_entry(number.group(0) if number else "", title, page)
        elif item.kind == "table":
            widths = _widths(item.rows)
            rows = [
                [Cell(v, indented=True) if k == "p" else Cell([v] if v else []) for k, v in row] for row in item.rows
            ]
            t.table(rows, widths, repeat_header=item.repeat_header)
        else:
            t.paragraph(item.text, STYLE_OF[item.kind])
        if item.kind == "chronicle-period":
            t.set_columns(2)
        if scanned_page and item.kind == "toc-head":
            pass
        previous = item.kind
    if scanned_page:
        t.image_page()
    t.save()
    return t


def _widths(rows) -> list[float]:
    columns = max(len(r) for r in rows)
    longest = [0] * columns
    for row in rows:
        for k, (kind, value) in enumerate(row):
            size = sum(len(p) for p in value) if kind == "p" else len(value)
            longest[k] = max(longest[k], size)
    return [min(max(3, n), 40) for n in longest]


# --- HTML --------------------------------------------------------------------------------------------


def issue_html(path: Path, *, encoding_meta: str = "utf-8") -> str:
    """The whole issue as one page, the way a CMS exports it: a content block of <p> and <table>."""
    parts = []
    for item in layout(path):
        if item.kind == "table":
            rows = []
            for row in item.rows:
                cells = []
                for kind, value in row:
                    if kind == "p":
                        cells.append("<td>" + "".join(f"<p>{html.escape(p)}</p>" for p in value) + "</td>")
                    else:
                        cells.append(f"<td>{html.escape(value)}</td>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
            parts.append('<table border="1">' + "\n".join(rows) + "</table>")
        elif item.kind == "toc":
            parts.append(f'<p class="toc">{html.escape(item.text)}</p>')
        else:
            tag = "h1" if item.kind == "masthead" else "p"
            parts.append(f"<{tag}>{html.escape(item.text)}</{tag}>")
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{encoding_meta}"><title>公报全文</title></head><body>'
        '<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>'
        f'<div class="main"><div id="zoom">\n{body}\n</div></div>'
        '<div class="footer">版权所有 主办单位</div></body></html>'
    )


# --- pieces ------------------------------------------------------------------------------------------


def piece_files(path: Path, folder: Path, issue_key: str) -> list[Path]:
    """One text file per document (its title to the line before the next title; the first with the
    issue's header and 目录), the 大事记 on its own, and a manifest.json naming them pieces of one
    issue, in order."""
    issue = corpus.parse_file(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [doc.line for doc in issue.documents]
    chronicle_at = None
    if issue.chronicle:
        chronicle_at = max(i for i, line in enumerate(lines, 1) if line.strip() == "兴安盟行政公署大事记")
    bounds = [1] + starts[1:] + ([chronicle_at] if chronicle_at else []) + [len(lines) + 1]  # front matter: piece 1
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    manifest = {
        "publication": "兴安盟行政公署公报",
        "issues": {
            issue_key: {
                "year": issue.year,
                "number": issue.number,
                "total_number": issue.total_number,
                "period": issue.period,
            }
        },
        "files": {},
    }
    for k, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1):
        name = f"part{k:02d}.txt" if start != chronicle_at else "dsj.txt"
        (folder / name).write_text("\n".join(lines[start - 1 : end - 1]) + "\n", encoding="utf-8")
        manifest["files"][name] = {"issue": issue_key, "part": k}
        files.append(folder / name)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return files


def manifest_for(folder: Path, names: dict[str, str]) -> None:
    """A manifest for forms of the bundled files: form file name → the bundled file's entry (no sha256)."""
    data = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    files = {}
    for form, bundled in names.items():
        entry = dict(data["files"][bundled])
        entry.pop("sha256", None)
        files[form] = entry
    (folder / "manifest.json").write_text(
        json.dumps({"publication": data["publication"], "files": files}, ensure_ascii=False, indent=2), encoding="utf-8"
    )


# --- other extractors' text ----------------------------------------------------------------------------


def extractor_text(path: Path, every: int = 15) -> tuple[str, list[str]]:
    """(text with page furniture at every `every`-th paragraph boundary, the sentences cut by a break).

    Every other break falls inside a long body paragraph instead, as a page end does: the paragraph's
    two parts then stand on either side of the head and footer.
    """
    items = layout(path)
    roles = {item.line: item.kind for item in items if item.kind != "table"}
    year = corpus.parse_file(path).year
    out: list[str] = []
    cut: list[str] = []
    page = 1
    seen = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if raw.strip():
            seen += 1
        if raw.strip() and seen % every == 0 and roles.get(number) in ("body", "chronicle"):
            page += 1
            text = raw.strip()
            at = _cut_point(text) if page % 2 == 0 else None
            furniture = ["", f"— {page - 1} —", "", "\f兴安盟行政公署公报" if page % 2 == 0 else f"{year}年第1期", ""]
            if at:
                out.extend([text[:at]] + furniture + [text[at:]])
                cut.append(text)
            else:
                out.extend(furniture[1:] + [raw])
            continue
        out.append(raw)
    return "\n".join(out), cut


def _cut_point(text: str) -> int | None:
    """Where a page may end inside a paragraph: between two Han characters, not near either end."""
    if len(text) < 60:
        return None
    for at in range(len(text) // 2, len(text) - 20):
        if re.match(r"[\u4e00-\u9fff]", text[at - 1]) and re.match(r"[\u4e00-\u9fff]", text[at]):
            return at
    return None
