"""The read model of a build: issues and documents as the parser produced them (issues/*.json), with
what is known across the corpus (facts.json: citations resolved, cited-by, validity, 大事记 that name a
document, the document a 印发 notice issues, leading groups and people). Engine-independent; plain
dicts out."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from corpus.text import fold
from corpus.wenhao import find_wenhao


def _merge(pieces: list[dict]) -> dict:
    """An issue kept in several files (one per document, the 大事记 alone; see the manifest's "issue"):
    one issue with every piece's documents and 大事记, in file order, and the first table of contents."""
    if len(pieces) == 1:
        return pieces[0]
    first = next((p for p in pieces if p.get("toc")), pieces[0])
    merged = dict(first)
    merged["documents"] = [d for p in pieces for d in p["documents"]]
    merged["chronicle"] = [e for p in pieces for e in p["chronicle"]]
    merged["chronicle_title"] = next((p["chronicle_title"] for p in pieces if p.get("chronicle_title")), None)
    merged["sources"] = [p["source"] for p in pieces]
    return merged


TEXT_FIELDS = ("body", "clauses", "tables", "groups")  # what a document page needs and a catalog leaves out
FULL_ISSUES_CACHED = 8


def catalog_entry(issue: dict) -> dict:
    """An issue as the read model keeps it in memory: everything but its documents' texts (bodies, clauses,
    tables, rosters), which are read from the issue's full JSON when a document is asked for."""
    return dict(issue, documents=[{k: v for k, v in d.items() if k not in TEXT_FIELDS} for d in issue["documents"]])


class CorpusView:
    def __init__(
        self,
        issues: list[dict],
        facts: dict | None = None,
        load_issue: Callable[[str], dict] | None = None,
        load_roster: Callable[[], dict] | None = None,
    ):
        """`issues`: catalog entries (or whole issues); `load_issue(source)`: the whole issue of a file,
        for a document's text (omitted: the entries are whole); `load_roster()`: the groups and people,
        read when first asked for (omitted: they are in `facts`)."""
        self.load_issue = lru_cache(maxsize=FULL_ISSUES_CACHED)(load_issue) if load_issue else None
        self.facts = facts or {"chronicle_links": {}, "issued": {}, "groups": [], "people": {}, "namesakes": {}}
        self._load_roster = load_roster or (lambda: {k: self.facts[k] for k in ("groups", "people")})
        self._roster: dict | None = None
        grouped: dict[str, list[dict]] = {}
        for issue in issues:
            grouped.setdefault(issue["id"], []).append(issue)
        self.by_issue: dict[str, dict] = {issue_id: _merge(pieces) for issue_id, pieces in grouped.items()}
        self.documents: dict[str, dict] = {d["id"]: d for issue in issues for d in issue["documents"]}
        self.doc_by_wenhao = {d["wenhao"]: d["id"] for d in self.documents.values() if d["wenhao"]}
        self.cited_by: dict[str, list[str]] = {}
        for doc in self.documents.values():
            for cited in doc["citations"]:
                self.cited_by.setdefault(cited, []).append(doc["id"])
        self.entries = {e["id"]: e for issue in self.by_issue.values() for e in issue["chronicle"]}
        self.mentioned_in: dict[str, list[str]] = {}
        for entry_id, doc_ids in self.facts["chronicle_links"].items():
            for doc_id in doc_ids:
                self.mentioned_in.setdefault(doc_id, []).append(entry_id)
        self.issued_by: dict[str, list[str]] = {}
        for notice, link in self.facts["issued"].items():
            for doc_id in link["documents"]:
                self.issued_by.setdefault(doc_id, []).append(notice)

    @property
    def roster(self) -> dict:
        """{"groups": [...], "people": {name: seats}}, with "by_id" for the groups."""
        if self._roster is None:
            roster = self._load_roster()
            self._roster = dict(roster, by_id={g["id"]: g for g in roster["groups"]})
        return self._roster

    def issue_label(self, issue_id: str) -> str:
        issue = self.by_issue.get(issue_id)
        return issue["label"] if issue else issue_id

    def _whole(self, doc: dict) -> dict:
        """The document with its text: from the catalog entry itself, or from its issue's full JSON."""
        if "body" in doc or self.load_issue is None:
            return doc
        issue = self.load_issue(doc["source"])
        return next(d for d in issue["documents"] if d["id"] == doc["id"])

    def document(self, doc_id: str) -> dict | None:
        meta = self.documents.get(doc_id)
        if meta is None:
            return None
        doc = self._whole(meta)
        out = dict(doc)
        issue = self.by_issue.get(doc["issue_id"], {})
        keys = ("id", "label", "source", "year", "number", "last_number", "total_number", "period")
        out["issue"] = {k: issue.get(k) for k in keys}
        out["citations_resolved"] = [self._cited(w) for w in doc["citations"]]
        citing = self.cited_by.get(doc["wenhao"], []) if doc["wenhao"] else []
        out["cited_by"] = [
            {k: self.documents[d][k] for k in ("wenhao", "title", "date")} | {"doc_id": d} for d in citing
        ]
        out["body_links"] = self._body_links(doc)
        out["attachment_links"] = self._attachment_anchors(doc)
        out["mentioned_in_chronicle"] = [
            {k: self.entries[e][k] for k in ("id", "date", "end_date", "text")}
            for e in self.mentioned_in.get(doc_id, [])
            if e in self.entries
        ]
        issued = self.facts["issued"].get(doc_id)
        out["issued"] = dict(issued, documents=[self.ref(d) for d in issued["documents"]]) if issued else None
        out["issued_by"] = [self.ref(d) for d in self.issued_by.get(doc_id, [])]
        return out

    def ref(self, doc_id: str) -> dict:
        doc = self.documents[doc_id]
        return {"doc_id": doc_id, "wenhao": doc["wenhao"], "title": doc["title"], "date": doc["date"]}

    def _body_links(self, doc: dict) -> list[dict]:
        """Every 文号 printed in the body, per line: where it is and the document it names (None: 未收录)."""
        links = []
        for index, line in enumerate(doc["body"].split("\n")):
            for wenhao, start, end in find_wenhao(line):
                canonical = wenhao.canonical
                own = canonical == doc["wenhao"]
                links.append(
                    {
                        "line": index,
                        "start": start,
                        "end": end,
                        "wenhao": canonical,
                        "doc_id": doc["id"] if own else self.doc_by_wenhao.get(canonical),
                    }
                )
        return links

    @staticmethod
    def _attachment_anchors(doc: dict) -> list[str | None]:
        """For each listed attachment, the anchor of its section in the body (附件 N opens clause attN)."""
        anchors = {c["id"] for c in doc["clauses"]}
        return [f"catt{n}" if f"catt{n}" in anchors else None for n in range(1, len(doc["attachments"]) + 1)]

    # -- leading groups and people ---------------------------------------------------------------
    def groups(self) -> list[dict]:
        return [self._group(g) for g in self.roster["groups"]]

    def _group(self, group: dict) -> dict:
        parent = self.roster["by_id"].get(group["parent"] or "")
        return dict(
            group,
            parent_name=parent["name"] if parent else None,
            title=self.documents[group["doc_id"]]["title"] if group["doc_id"] in self.documents else None,
        )

    def people(self) -> list[dict]:
        return [
            {"name": name, "roles": len(seats), "namesake": name in self.facts["namesakes"]}
            for name, seats in self.roster["people"].items()
        ]

    def person(self, name: str) -> dict | None:
        seats = self.roster["people"].get(name)
        if seats is None:
            return None
        return {"name": name, "roles": seats, "posts": self.facts["namesakes"].get(name, [])}

    def cite(self, text: str) -> list[dict]:
        return [
            {
                "printed": text[start:end],
                "wenhao": w.canonical,
                "start": start,
                "end": end,
                "doc_id": self.doc_by_wenhao.get(w.canonical),
            }
            for w, start, end in find_wenhao(text)
        ]

    def _cited(self, wenhao: str) -> dict:
        doc_id = self.doc_by_wenhao.get(wenhao)
        return {"wenhao": wenhao, "doc_id": doc_id, "title": self.documents[doc_id]["title"] if doc_id else None}

    def issues(self) -> list[dict]:
        ordered = sorted(self.by_issue.values(), key=lambda i: (i["year"] or 0, i["number"] or 0, i["id"]))
        return [self._summary(issue) for issue in ordered]

    def issue(self, issue_id: str) -> dict | None:
        issue = self.by_issue.get(issue_id)
        return self._summary(issue) if issue else None

    def _summary(self, issue: dict) -> dict:
        # titles folded: the contents page may print (试行) where the title prints （试行）
        by_title = {fold(d["title"]): d["id"] for d in issue["documents"]}
        toc = [dict(entry, doc_id=by_title.get(fold(entry["title"]))) for entry in issue["toc"]]
        if not toc:  # no printed table of contents (header page missing, HTML page): list the documents
            toc = [{"section": "", "title": d["title"], "page": None, "doc_id": d["id"]} for d in issue["documents"]]
        keys = ("id", "label", "source", "year", "number", "last_number", "total_number", "period", "chronicle_title")
        return {
            **{k: issue.get(k) for k in keys},
            "toc": toc,
            "documents": [{k: d[k] for k in ("id", "wenhao", "title", "date")} for d in issue["documents"]],
            "chronicle_count": len(issue["chronicle"]),
        }
