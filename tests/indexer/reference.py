"""An independent reference for the query language: a query tree evaluated record by record over the
parser's records, by plain substring tests on the normalized text. Nothing here uses the index or
indexer.matching; it shares only the normalization (the definition of "contains"), the tables of
equivalent names and abbreviations, and the test that a two-character abbreviation is not cut across
words (analyzers.abbreviations.contains_form)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analyzers.abbreviations import contains_form
from analyzers.aliases import other_forms
from analyzers.normalize import normalize
from indexer.querylang import And, Dated, Near, Node, Not, Office, Or, Series, Term

SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")  # a sentence keeps its closing punctuation


@dataclass
class Rec:
    record: object
    title: str | None  # normalized title (documents only)
    body: str  # normalized text
    units: dict = field(default_factory=dict)  # scope → [(title-or-None, body-or-None)], normalized


def prepare(records) -> list[Rec]:
    by_doc: dict[str, list[str]] = {}
    for r in records:
        if r.kind == "clause":
            by_doc.setdefault(r.doc_id, []).append(r.text)
    out = []
    for r in records:
        doc = r.kind == "document"
        title = normalize(r.title or "") if doc else None
        rec = Rec(r, title, normalize(r.text))
        head = [(title, None)] if doc else []
        rec.units["sentence"] = head + [(None, normalize(s)) for s in SENTENCE.findall(r.text)]
        rec.units["paragraph"] = head + [(None, normalize(p)) for p in r.text.split("\n") if p.strip()]
        clauses = by_doc.get(r.id, []) if doc else [r.text]
        rec.units["clause"] = [(None, normalize(c)) for c in (clauses or [r.text])]
        out.append(rec)
    return out


@lru_cache(maxsize=4096)
def forms(term: Term, exact: bool) -> list[str]:
    base = normalize(term.wenhao.canonical if term.wenhao else term.text)
    if exact or term.wenhao or term.phrase:  # a phrase in quotes: exactly as typed
        return [base]
    return [base] + other_forms(base)


def _parts(title: str | None, body: str | None, fieldname: str | None) -> list[str]:
    if fieldname == "title":
        return [title] if title is not None else []
    if fieldname == "text":
        return [body] if body is not None else []
    return [p for p in (title, body) if p is not None]


def _near(a: str, b: str, distance: int, part: str) -> bool:
    starts_a = [m.start() for m in re.finditer(f"(?={re.escape(a)})", part)]
    starts_b = [m.start() for m in re.finditer(f"(?={re.escape(b)})", part)]
    return any(sb <= sa + len(a) + distance and sa <= sb + len(b) + distance for sa in starts_a for sb in starts_b)


def holds(node: Node, rec: Rec, title: str | None, body: str | None, exact: bool, whole: bool) -> bool:
    """`node` on one piece of a record (the whole record when `whole`)."""
    r = rec.record
    if isinstance(node, Term):
        # a short form counts only where the text's words do not cut it; a quoted phrase anywhere
        found = (lambda f, p: f in p) if exact or node.phrase else contains_form
        if any(found(f, p) for f in forms(node, exact) for p in _parts(title, body, node.field)):
            return True
        if node.wenhao and whole:
            canonical = node.wenhao.canonical
            return r.wenhao == canonical or canonical in r.cites
        return False
    if isinstance(node, And):
        return all(holds(c, rec, title, body, exact, whole) for c in node.children)
    if isinstance(node, Or):
        return any(holds(c, rec, title, body, exact, whole) for c in node.children)
    if isinstance(node, Not):
        return not holds(node.child, rec, title, body, exact, whole)
    if isinstance(node, Near):
        return any(
            _near(a, b, node.distance, part)
            for a in forms(node.left, exact)
            for b in forms(node.right, exact)
            for part in _parts(title, body, node.left.field)
        )
    if isinstance(node, Series):
        w = r.wenhao or ""
        return w.startswith(f"{node.code}〔{node.year}〕" if node.year else f"{node.code}〔")
    if isinstance(node, Office):
        return any(_norm(node.text) in _norm(o) for o in r.offices)
    if isinstance(node, Dated):
        last = max(r.date, r.end_date or r.date) if r.date else ""
        kinds = ("document", "chronicle", "clause") if node.clauses else ("document", "chronicle")
        return r.kind in kinds and bool(r.date) and r.date <= node.high and last >= node.low
    raise TypeError(node)


@lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return normalize(text)


def _unit_part(node: Node | None) -> Node | None:
    """What must hold inside one unit: everything but the top-level NOTs (they hold for the record)."""
    if node is None or isinstance(node, Not):
        return None
    if isinstance(node, And):
        kept = [c for c in node.children if not isinstance(c, Not)]
        return None if not kept else kept[0] if len(kept) == 1 else And(tuple(kept))
    return node


def evaluate(node: Node | None, recs: list[Rec], exact: bool = False, near: str | None = None) -> set[str]:
    """Ids of the records the query matches."""
    out = set()
    unit = _unit_part(node) if near else None
    for rec in recs:
        if node is not None and not holds(node, rec, rec.title, rec.body, exact, True):
            continue
        if unit is not None and not any(holds(unit, rec, t, b, exact, False) for t, b in rec.units[near]):
            continue
        out.add(rec.record.id)
    return out
