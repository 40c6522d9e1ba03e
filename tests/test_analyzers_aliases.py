"""Equivalent names: skipping the groups whose forms cannot occur changes no term's other forms."""

import random

from analyzers.abbreviations import abbreviation_groups
from analyzers.aliases import MAX_FORMS, PREFIX_REST, alias_groups, other_forms, prefix_groups


def other_forms_by_every_group(norm: str) -> list[str]:
    """The definition: every group's every form tested (aliases.other_forms before it skipped groups)."""
    variants = [norm]
    for group in alias_groups() + abbreviation_groups():
        for form in group:
            if any(form in v for v in variants):
                for v in [v for v in variants if form in v]:
                    for other in group:
                        if other != form and len(variants) < MAX_FORMS:
                            candidate = v.replace(form, other)
                            if candidate not in variants:
                                variants.append(candidate)
                break
    for group in prefix_groups():  # a prefix group: only at the start, two characters at least after it
        for v in list(variants):
            form = next((f for f in group if v.startswith(f) and len(v) - len(f) >= PREFIX_REST), None)
            for other in group if form else ():
                candidate = other + v[len(form) :]
                if len(other) < len(form) and candidate not in variants and len(variants) < MAX_FORMS:
                    variants.append(candidate)
    return variants[1:]


def test_other_forms_are_those_every_group_gives():
    groups = alias_groups() + abbreviation_groups()
    forms = [form for group in groups for form in group]
    rng = random.Random(8)
    terms = list(forms)  # each form alone
    for _ in range(2000):  # forms inside text, two forms together, pieces of forms
        a, b = rng.choice(forms), rng.choice(forms)
        terms.append(rng.choice(["", "兴安盟", "关于"]) + a + rng.choice(["", "的", "工作"]) + b)
        terms.append(a[: rng.randint(1, len(a))] + b[rng.randint(0, len(b) - 1) :])
    expanded = 0
    for term in terms:
        assert other_forms(term) == other_forms_by_every_group(term), term
        expanded += bool(other_forms(term))
    assert expanded > 1000


def test_a_league_body_typed_with_its_league_is_also_searched_as_printed():
    """The League's documents print 盟统计局, 盟发改委 for 兴安盟统计局 …: a term beginning 兴安盟 with two
    characters at least after it is also searched with 盟; 兴安盟 alone, or inside a term, is left as typed."""
    assert "盟统计局" in other_forms("兴安盟统计局")
    assert "盟生态环境局" in other_forms("兴安盟生态环境局")
    assert other_forms("兴安盟") == [] and other_forms("兴安盟长") == []  # 盟 alone, 盟长 of one character
    assert not any(f.startswith("盟") for f in other_forms("关于兴安盟统计局"))
    assert "兴安盟统计局" not in other_forms("盟统计局")  # found inside it already
