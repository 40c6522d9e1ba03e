"""Facts that hold across the whole corpus, computed at build time from every issue the build holds
(not only the files re-indexed): what validity rests on (each document's terms, every repeal), which
大事记 entries name which documents, where each 印发 notice's issued text is, the leading groups and
who sits in them. Written to the build as facts.json, except the groups and people (nine tenths of
the bytes at scale), which are in groups.json and read when someone first asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable

from corpus.facts.groups import namesakes, people_index
from corpus.facts.links import chronicle_group_links, chronicle_links, issued_links
from corpus.facts.validity import validity_facts
from corpus.models import Issue

FACTS = "facts.json"
ROSTER = "groups.json"  # the leading groups and who sits in them
ROSTER_KEYS = ("groups", "people")


def corpus_facts(issues: Iterable[Issue]) -> dict:
    issues = list(issues)
    documents = [d for issue in issues for d in issue.documents]
    entries = [e for issue in issues for e in issue.chronicle]
    groups = [g for d in documents for g in d.groups]
    people = people_index(groups)
    return {
        "validity": validity_facts(documents),
        "chronicle_links": chronicle_links(entries, documents),
        "chronicle_groups": chronicle_group_links(entries, groups),
        "issued": issued_links(documents),
        "groups": [g.to_dict() for g in groups],
        "people": people,
        "namesakes": namesakes(people),
    }


def split_facts(facts: dict) -> tuple[dict, dict]:
    """(what FACTS holds, what ROSTER holds)."""
    return {k: v for k, v in facts.items() if k not in ROSTER_KEYS}, {k: facts[k] for k in ROSTER_KEYS}
