"""Equivalent names (analyzers/aliases.txt) and abbreviations (analyzers/abbreviations.txt): the other
forms a query term is also searched with.

A term that holds one form of a group is expanded by replacing that form with each other one
(科右前旗政府 → 科尔沁右翼前旗政府, 人社局 → 人力资源和社会保障局). Comparison is on the match
normalization, so width, case and traditional characters do not matter. Loaded once per process. Both
files change queries, never the index, so editing them needs no rebuild. A two-character abbreviation
counts only where the text's words do not cut it (analyzers.abbreviations.contains_form).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .abbreviations import abbreviation_groups
from .normalize import normalize

__all__ = ["ALIASES_PATH", "alias_groups", "other_forms", "prefix_groups"]

ALIASES_PATH = Path(__file__).with_name("aliases.txt")
MAX_FORMS = 8  # variants of one term at most (several groups in one term multiply)


@lru_cache(maxsize=1)
def alias_groups() -> tuple[tuple[str, ...], ...]:
    """Each group's forms, normalized, longest first."""
    groups = []
    for raw in ALIASES_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if PREFIX_MARK in line:
            continue  # a group of prefixes (prefix_groups)
        forms = [normalize(f) for f in line.split("=") if f.strip()]
        if len(forms) > 1:
            groups.append(tuple(sorted(dict.fromkeys(forms), key=len, reverse=True)))
    return tuple(groups)


PREFIX_MARK = "…"
PREFIX_REST = 2  # what follows a prefix: two characters at least (兴安盟统计局 → 盟统计局; 兴安盟 alone is not 盟)


@lru_cache(maxsize=1)
def prefix_groups() -> tuple[tuple[str, ...], ...]:
    """Groups written `兴安盟… = 盟…`: forms that begin a name followed by the rest of it, normalized."""
    groups = []
    for raw in ALIASES_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if PREFIX_MARK not in line:
            continue
        forms = [normalize(f.strip().removesuffix(PREFIX_MARK)) for f in line.split("=") if f.strip()]
        if len(forms) > 1 and all(forms):
            groups.append(tuple(dict.fromkeys(forms)))
    return tuple(groups)


@lru_cache(maxsize=1)
def _groups_with_initials() -> tuple[tuple[tuple[str, ...], frozenset[str] | None], ...]:
    """Every group (aliases, then abbreviations) with the first characters of its forms (None when a form
    is empty: every term holds it, so the group is never skipped)."""
    groups = alias_groups() + abbreviation_groups()
    return tuple((group, frozenset(form[0] for form in group) if all(group) else None) for group in groups)


def other_forms(norm: str) -> list[str]:
    """The normalized term with each alias form it holds replaced by the group's other forms. A group none
    of whose forms starts with a character of the variants so far cannot hold one: skipped by one set
    test, where testing each form costs ~0.4 ms a term (hundreds of groups)."""
    variants = [norm]
    chars = set(norm)
    for group, initials in _groups_with_initials():
        if initials is not None and initials.isdisjoint(chars):
            continue
        for form in group:  # longest first: 中共兴安盟委员会 before a shorter form inside it
            if any(form in v for v in variants):
                found = [v for v in variants if form in v]
                for v in found:
                    for other in group:
                        if other != form and len(variants) < MAX_FORMS:
                            candidate = v.replace(form, other)
                            if candidate not in variants:
                                variants.append(candidate)
                                chars.update(candidate)
                break
    for group in prefix_groups():  # 兴安盟统计局 → 盟统计局, as the League's documents name its bodies
        for v in list(variants):
            for form in group:
                if v.startswith(form) and len(v) - len(form) >= PREFIX_REST:
                    for other in group:
                        candidate = other + v[len(form) :]
                        # the shorter prefix only: 盟统计局 is inside 兴安盟统计局 already (a substring)
                        if len(other) < len(form) and candidate not in variants and len(variants) < MAX_FORMS:
                            variants.append(candidate)
                    break
    return variants[1:]
