"""Template helpers. Jinja autoescapes everything; a snippet is data (text + marked spans) and is
formatted here, each piece escaped, only <mark> added."""

from __future__ import annotations

from typing import Any

from flask import url_for
from markupsafe import Markup, escape

from indexer.api import NEAR_SCOPES, SORT_LABELS
from indexer.facets import KIND_LABELS


def snippet_html(snippet) -> Markup:
    if snippet is None:
        return Markup("")
    return Markup("").join(
        Markup("<mark>%s</mark>") % piece if marked else escape(piece) for piece, marked in snippet.parts()
    )


def hit_url(hit, q: str | None = None, exact: bool = False) -> str:
    """Where a hit lives: its document (carrying the query, which the page then highlights), the clause's
    anchor in it, or the day in the 大事记."""
    if hit.kind == "chronicle" or not hit.doc_id:
        return url_for("chronicle.chronicle_page", **{"from": hit.date, "to": hit.date}) + f"#{hit.id}"
    args: dict[str, Any] = {"q": q} if q else {}
    if q and exact:
        args["exact"] = "1"
    url = url_for("documents.document_page", doc_id=hit.doc_id, **args)
    return f"{url}#{hit.anchor}" if hit.kind == "clause" and hit.anchor else url


def hit_group(hit) -> dict:
    """A hit as a group of its own (the flat view)."""
    return {"lead": hit, "children": [], "more": 0, "repeats": False}


def month_label(month: str) -> str:
    year, _, number = month.partition("-")
    return f"{year}年{int(number)}月" if number.isdigit() else month


def counted_from(base: str) -> str:
    """Which day a document's 施行 and its period count from, in words: "印发日期" → "自印发日期起算",
    "成文日期（未载印发日期）" → "自成文日期起算（未载印发日期）", "写明的日期" → "文中写明日期"."""
    if base.startswith("写明"):
        return "文中写明日期"
    day, paren, note = base.partition("（")
    return f"自{day}起算" + (f"（{note}" if paren else "")


def toc_sections(toc: list[dict]) -> list[dict]:
    """An issue's table of contents as its sections ({"section", "entries", "numbered"}): each section's
    entries numbered as the print numbers them (from 1; a section heading is not an entry), a section the
    print does not number (the 大事记 alone) without numbers."""
    sections: list[dict] = []
    for entry in toc:
        section = entry.get("section") or ""
        if not sections or sections[-1]["section"] != section:
            sections.append({"section": section, "entries": [], "numbered": False})
        sections[-1]["entries"].append(entry)
        sections[-1]["numbered"] |= entry.get("number") is not None
    return sections


def init_app(app):
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["snippet"] = snippet_html
    app.jinja_env.filters["month_label"] = month_label
    app.jinja_env.filters["hit_group"] = hit_group
    app.jinja_env.filters["counted_from"] = counted_from
    app.jinja_env.filters["toc_sections"] = toc_sections
    app.jinja_env.globals.update(
        hit_url=hit_url, KIND_LABELS=KIND_LABELS, SORT_LABELS=SORT_LABELS, NEAR_SCOPES=NEAR_SCOPES
    )
