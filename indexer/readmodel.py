"""The read model of a build: issues and documents as the parser produced them (issues/*.json), with
what is known across the corpus (citations resolved, cited-by). Engine-independent; plain dicts out."""
from __future__ import annotations


def _squash(text: str) -> str:
    return "".join(text.split())


class CorpusView:
    def __init__(self, issues: list[dict]):
        self.by_issue: dict[str, dict] = {issue["id"]: issue for issue in issues}
        self.documents: dict[str, dict] = {d["id"]: d for issue in issues for d in issue["documents"]}
        self.doc_by_wenhao = {d["wenhao"]: d["id"] for d in self.documents.values() if d["wenhao"]}
        self.cited_by: dict[str, list[str]] = {}
        for doc in self.documents.values():
            for cited in doc["citations"]:
                self.cited_by.setdefault(cited, []).append(doc["id"])

    def issue_label(self, issue_id: str) -> str:
        issue = self.by_issue.get(issue_id)
        return issue["label"] if issue else issue_id

    def document(self, doc_id: str) -> dict | None:
        doc = self.documents.get(doc_id)
        if doc is None:
            return None
        out = dict(doc)
        issue = self.by_issue.get(doc["issue_id"], {})
        out["issue"] = {k: issue.get(k) for k in ("id", "label", "source", "year", "number", "total_number", "period")}
        out["citations_resolved"] = [self._cited(w) for w in doc["citations"]]
        citing = self.cited_by.get(doc["wenhao"], []) if doc["wenhao"] else []
        out["cited_by"] = [
            {k: self.documents[d][k] for k in ("wenhao", "title", "date")} | {"doc_id": d} for d in citing
        ]
        return out

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
        by_title = {_squash(d["title"]): d["id"] for d in issue["documents"]}
        toc = [dict(entry, doc_id=by_title.get(_squash(entry["title"]))) for entry in issue["toc"]]
        if not toc:  # no printed table of contents (header page missing, HTML page): list the documents
            toc = [{"section": "", "title": d["title"], "page": None, "doc_id": d["id"]} for d in issue["documents"]]
        keys = ("id", "label", "source", "year", "number", "total_number", "period", "chronicle_title")
        return {
            **{k: issue.get(k) for k in keys},
            "toc": toc,
            "documents": [{k: d[k] for k in ("id", "wenhao", "title", "date")} for d in issue["documents"]],
            "chronicle_count": len(issue["chronicle"]),
        }
