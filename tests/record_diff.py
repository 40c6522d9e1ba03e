"""Comparing parsed issues field by field: what differs, said precisely.

Line numbers and file names are where a record was read from, not what it holds: they are left out,
since the forms compared (PDF, HTML, pieces, other extractors' text) number their lines differently.
"""

from __future__ import annotations

import re
from dataclasses import fields

SKIP = {"line", "source"}
_LINE = re.compile(r"第\d+行")


def _where_read(provenance: dict) -> dict:
    """Provenance with its line numbers masked (第32行 → 第N行): which part gave a field is compared, not
    where; the parts that agreed on a head (依据) differ by form (a piece has no 目录) and are left out."""
    return {key: _LINE.sub("第N行", value) for key, value in provenance.items() if key != "依据"}


def _fields(obj) -> list[str]:
    return [f.name for f in fields(obj) if f.name not in SKIP]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def diff_records(a, b, where: str) -> tuple[int, list[str]]:
    """(fields compared, differences as `where.field: a != b`), recursing into lists of dataclasses."""
    compared, out = 0, []
    for name in _fields(a):
        x, y = getattr(a, name), getattr(b, name)
        if name == "provenance":
            x, y = _where_read(x), _where_read(y)
        if isinstance(x, list) and x and hasattr(x[0], "__dataclass_fields__"):
            if len(x) != len(y):
                out.append(f"{where}.{name}: {len(x)} != {len(y)} records")
                compared += 1
            for k, (p, q) in enumerate(zip(x, y)):
                c, d = diff_records(p, q, f"{where}.{name}[{getattr(p, 'id', k)}]")
                compared += c
                out.extend(d)
            continue
        compared += 1
        if x != y:
            out.append(f"{where}.{name}: {_short(x)} != {_short(y)}")
    return compared, out


def diff_issues(
    reference,
    other,
    *,
    fields_of_issue=("year", "number", "total_number", "period", "publication", "id"),
    toc: bool = True,
) -> tuple[int, list[str]]:
    """Documents (with clauses) and 大事记 entries field by field, and the issue's header facts."""
    compared, out = 0, []
    for name in fields_of_issue:
        compared += 1
        if getattr(reference, name) != getattr(other, name):
            out.append(f"issue.{name}: {getattr(reference, name)!r} != {getattr(other, name)!r}")
    if toc:
        compared += 1
        if [(t.section, t.title, t.page) for t in reference.toc] != [(t.section, t.title, t.page) for t in other.toc]:
            out.append(f"issue.toc: {len(reference.toc)} entries != {len(other.toc)} entries or contents differ")
    for name in ("documents", "chronicle"):
        x, y = getattr(reference, name), getattr(other, name)
        compared += 1
        if len(x) != len(y):
            out.append(f"issue.{name}: {len(x)} != {len(y)} records")
        for p, q in zip(x, y):
            c, d = diff_records(p, q, f"{name}[{p.id}]")
            compared += c
            out.extend(d)
    compared += 1
    if reference.chronicle_title != other.chronicle_title:
        out.append(f"issue.chronicle_title: {reference.chronicle_title!r} != {other.chronicle_title!r}")
    return compared, out
