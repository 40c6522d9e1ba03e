"""A document's body as blocks for reading: paragraphs (each clause's first one carrying its anchor)
and tables, their text in pieces that say what they are — a 文号 linked to its document (or 未收录),
a match of the query that led here. Plain data, like snippets: the page formats it."""

from __future__ import annotations

from corpus.wenhao import find_wenhao

from .records import substance
from .snippets import match_spans


def pieces(text: str, doc: dict, doc_by_wenhao: dict[str, str], terms: list[str]) -> list[dict]:
    """The text cut at every 文号 and every match: [{"text", "mark"?, "wenhao"?, "doc_id"?}], in order."""
    links = [(s, e, w.canonical) for w, s, e in find_wenhao(text)]
    marks = [(s, e) for s, e, _ in match_spans(text, terms)] if terms else []
    cuts = sorted({0, len(text)} | {p for s, e, _ in links for p in (s, e)} | {p for s, e in marks for p in (s, e)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece: dict = {"text": text[start:end]}
        if any(s <= start and end <= e for s, e in marks):
            piece["mark"] = True
        for s, e, canonical in links:
            if s <= start and end <= e:
                piece["wenhao"] = canonical
                piece["doc_id"] = doc["id"] if canonical == doc["wenhao"] else doc_by_wenhao.get(canonical)
        out.append(piece)
    return out


def _clause_lines(lines: list[str], clauses: list[dict]) -> dict[int, tuple[dict | None, list[str]]]:
    """Body line index → (the clause whose first line it is, other clause ids to keep linkable there).

    Clauses follow the body's order, so a forward scan finds each one's first line; a second clause
    starting on the same line, or one whose first line cannot be found, is kept as an extra anchor."""
    at: dict[int, tuple[dict | None, list[str]]] = {}
    position, pending = 0, []
    for clause in clauses:
        first = (clause.get("text") or "").split("\n", 1)[0]
        index = next((i for i in range(position, len(lines)) if lines[i] == first), None)
        if index is None:
            pending.append(clause["id"])
            continue
        found, extra = at.get(index, (None, []))
        if found is None:
            at[index] = (clause, extra + pending)
        else:
            at[index] = (found, extra + pending + [clause["id"]])
        pending = []
        position = index + 1
    if pending and lines:
        found, extra = at.get(len(lines) - 1, (None, []))
        at[len(lines) - 1] = (found, extra + pending)
    return at


def document_blocks(doc: dict, doc_by_wenhao: dict[str, str], terms: list[str]) -> list[dict]:
    """[{"type": "paragraph", "pieces", "anchor", "anchors", "level", "path"} | {"type": "table", "header",
    "rows": [{"cells", "anchor", "path"}], "anchors"}] for the page. `anchor` is the clause a paragraph or a
    table row opens; `anchors` the other clauses starting in the block, so every clause permalink lands."""
    lines = doc["body"].split("\n")
    starts = _clause_lines(lines, doc.get("clauses") or [])
    tables = {t["body_start"]: t for t in doc.get("tables") or []}
    blocks: list[dict] = []
    i = 0
    while i < len(lines):
        table = tables.get(i)
        if table is not None and table["body_end"] > i:
            row_starts = list(table.get("row_lines") or [])
            row_anchor = {}  # row index → the clause a row opens (one clause per row of a task table)
            anchors = []
            for k in range(i, table["body_end"]):
                found, extra = starts.get(k, (None, []))
                if found and k in row_starts and row_starts.index(k) not in row_anchor:
                    row_anchor[row_starts.index(k)] = found
                    anchors += extra
                else:
                    anchors += ([found["id"]] if found else []) + extra
            blocks.append(
                {
                    "type": "table",
                    "header": [pieces(cell, doc, doc_by_wenhao, terms) for cell in table["header"]],
                    "rows": [
                        {
                            "cells": [[pieces(p, doc, doc_by_wenhao, terms) for p in cell] for cell in row],
                            "anchor": row_anchor[n]["id"] if n in row_anchor else None,
                            "path": row_anchor[n].get("path", "") if n in row_anchor else "",
                        }
                        for n, row in enumerate(table["rows"])
                    ],
                    "anchors": anchors,
                }
            )
            i = table["body_end"]
            continue
        found, extra = starts.get(i, (None, []))
        if lines[i].strip() or found or extra:
            blocks.append(
                {
                    "type": "paragraph",
                    "pieces": pieces(lines[i], doc, doc_by_wenhao, terms),
                    "anchor": found["id"] if found else None,
                    "anchors": extra,
                    "level": found.get("level", 1) if found else 0,
                    "path": found.get("path", "") if found else "",
                    # a clause opening with a bare heading (四、工作举措) is drawn as one; a clause of prose
                    # (一、本办法适用于…。) is not
                    "heading": bool(found) and substance(lines[i]) == 0,
                }
            )
        i += 1
    return blocks
