"""The read model of a build: issues and documents as the parser produced them (issues/*.json), with
what is known across the corpus (citations resolved, cited-by). Engine-independent; plain dicts out."""
from __future__ import annotations


def _squash(text: str) -> str:
    return "".join(text.split())


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


class CorpusView:
    def __init__(self, issues: list[dict]):
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
