"""Equivalent names: skipping the groups whose forms cannot occur changes no term's other forms."""

import random

from analyzers.abbreviations import abbreviation_groups
from analyzers.aliases import MAX_FORMS, alias_groups, other_forms


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
