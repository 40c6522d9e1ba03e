"""Query-time rewrites of a tree and the 同句/同段/同条 scope.

* `expand_aliases` — each term also searched with its equivalent names (analyzers/aliases.txt).
* `in_one_unit` — keep the records in which every positive term of the query occurs inside one
  sentence (cut at 。！？；), one paragraph, or one clause: the positive part of the query is evaluated on
  each unit of the record's text by `matching.text_matches`, the same definition the index agrees with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial

from analyzers.abbreviations import is_guarded
from analyzers.aliases import other_forms
from analyzers.normalize import SEP, normalize

from .lru import BoundedLRU
from .matching import text_matches
from .querylang import And, Near, Node, Not, Or, Term
from .records import IndexRecord

SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")
MAX_VARIANTS = 8


def expand_aliases(node: Node | None) -> tuple[Node | None, list[str]]:
    """(the tree with each term ORed with its other forms, the forms added, in order; a phrase in quotes
    is searched as typed). A term or form
    that is a two-character abbreviation (国企) becomes guarded: it counts only where the text's words
    do not cut it (analyzers.abbreviations)."""
    added: list[str] = []

    def forms(term: Term) -> list[Term]:
        if term.wenhao or term.phrase:  # a 文号, or a phrase in quotes: exactly as typed
            return [term]
        others = other_forms(term.norm)
        for form in others:
            if form not in added:
                added.append(form)
        typed = replace(term, guarded=True) if is_guarded(term.norm) else term
        return [typed] + [Term(form, term.field, None, True, guarded=is_guarded(form)) for form in others]

    def walk(n: Node) -> Node:
        if isinstance(n, Term):
            variants = forms(n)
            return variants[0] if len(variants) == 1 else Or(tuple(variants))
        if isinstance(n, Near):
            pairs = [Near(a, b, n.distance) for a in forms(n.left) for b in forms(n.right)][:MAX_VARIANTS]
            return pairs[0] if len(pairs) == 1 else Or(tuple(pairs))
        if isinstance(n, And):
            return And(tuple(walk(c) for c in n.children))
        if isinstance(n, Or):
            return Or(tuple(walk(c) for c in n.children))
        if isinstance(n, Not):
            return Not(walk(n.child))
        return n

    return (walk(node) if node is not None else None), added


def positive_part(node: Node | None) -> Node | None:
    """What must hold inside one unit: the tree without its top-level NOTs (those hold for the whole
    record). Conditions on the record's metadata (文号 series, office) stay: inside a unit they are
    read from the record, so they hold in every unit of a record that has them."""
    if node is None or isinstance(node, Not):
        return None
    if isinstance(node, And):
        kept = [c for c in node.children if not isinstance(c, Not)]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else And(tuple(kept))
    return node


def _sentences(text: str) -> Iterable[str]:
    return (m.group(0) for m in SENTENCE.finditer(text))


def _paragraphs(text: str) -> Iterable[str]:
    return (line for line in text.split("\n") if line.strip())


def units(record, text: str, scope: str, clause_texts: Callable[[], list[str]]) -> Iterator[str]:
    """The record's units as normalized match texts of the shape text_matches reads
    ("title SEP" for a title, "SEP unit" for a document's body, the bare unit otherwise), one at a
    time: the caller stops at the first that matches. A long text's units are kept once normalized
    (normalizing is most of the work: 2.6 s for a 4.5 M-character record, which every query with
    同句 or 同段 that matched it paid again)."""
    is_document = record.kind == "document"
    if is_document and scope != "clause":
        yield normalize(record.title or "") + SEP
    prefix = SEP if is_document else ""
    if scope in ("sentence", "paragraph") and len(text) >= LONG_TEXT:
        key = (record.id, scope, len(text), hash(text))
        kept = _long_units.get(key)
        if kept is None:
            kept = [prefix + normalize(p) for p in (_sentences(text) if scope == "sentence" else _paragraphs(text))]
            _long_units.put(key, kept)
        yield from kept
        return
    if scope == "sentence":
        pieces: Iterable[str] = _sentences(text)
    elif scope == "paragraph":
        pieces = _paragraphs(text)
    else:  # clause: a document's clauses (its whole body when it has none); any other record is one unit
        pieces = (clause_texts() or [text]) if is_document else [text]
    for piece in pieces:
        yield prefix + normalize(piece)


LONG_TEXT = 100_000  # characters: a record this long has its normalized units kept (real documents: < 60,000)
_long_units: BoundedLRU[tuple, list[str]] = BoundedLRU(64, 64_000_000, lambda units: sum(map(len, units)) * 2)


TEXT_BATCH = 512  # records whose texts are asked for at once: one round trip to a remote engine, bounded memory


def in_one_unit(
    tree: Node | None,
    ordinals: Iterable[int],
    scope: str,
    record_of: Callable[[int], IndexRecord],
    texts_of: Callable[[Sequence[int]], list[str]],
    clauses_of: Callable[[int], Iterable[int]],
) -> set[int]:
    """The records of `ordinals` in one of whose units (scope: sentence, paragraph, clause) the positive
    part of `tree` holds. Texts are asked for in batches (`texts_of`: display texts of many records)."""
    unit_tree = positive_part(tree)
    ordinals = sorted(set(ordinals))
    if unit_tree is None:
        return set(ordinals)
    kept = set()
    for at in range(0, len(ordinals), TEXT_BATCH):
        batch = ordinals[at : at + TEXT_BATCH]
        wanted = list(batch)
        clauses: dict[int, list[int]] = {}
        if scope == "clause":
            for o in batch:
                if record_of(o).kind == "document":
                    clauses[o] = list(clauses_of(o))
                    wanted.extend(clauses[o])
        text = dict(zip(wanted, texts_of(wanted)))
        for o in batch:
            record = record_of(o)
            pieces = units(record, text[o], scope, partial(_texts_of_clauses, text, clauses.get(o, ())))
            if any(text_matches(unit_tree, piece, record, whole=False, ordinal=o) for piece in pieces):
                kept.add(o)
    return kept


def _texts_of_clauses(text: dict[int, str], clauses: Iterable[int]) -> list[str]:
    return [text[c] for c in clauses]
