"""A 政府信息公开 page's metadata table, used and checked against the document's text.

The table (索引号, 发文机关, 成文日期, 发文字号, 发布日期 …) is typed into the CMS by hand, the text
is the document itself: where both give a fact and they disagree, the text's value is kept and the
disagreement is an Issue.warnings note (`file:line: …`), never a silent choice. Where the text lacks
a fact (no 文号 line under the title, no signing date), the table's value is used and said so.
All labelled values are kept as printed in Document.metadata.
"""

from __future__ import annotations

from ..dates import parse_date
from ..models import Issue
from ..text import fold, squash
from ..wenhao import parse_wenhao
from .document import document_id, offices_in


def with_wenhao_line(lines: list[str], metadata: dict[str, str], title: str | None) -> tuple[list[str], str | None]:
    """Lines with the table's 发文字号 put under the title when the text prints none (else unchanged)."""
    wenhao = parse_wenhao(metadata.get("发文字号", ""))
    if wenhao is None:
        return lines, None
    head = [i for i, line in enumerate(lines) if line.strip()][:12]
    if any(parse_wenhao(lines[i]) for i in head):
        return lines, None
    wanted = fold(title or metadata.get("名称", ""))
    at = next((i for i in head if wanted and fold(lines[i]) == wanted), None)
    if at is None:
        return lines, None
    note = f"正文没有发文字号行，按网页元数据补上：{metadata['发文字号']}"
    return lines[: at + 1] + ["", metadata["发文字号"].strip(), ""] + lines[at + 1 :], note


def apply_metadata(issue: Issue, metadata: dict[str, str], name: str) -> None:  # noqa: C901 - older than the limit; split it when it next changes
    """Fill the single document's missing facts from the table and note every disagreement."""
    if not metadata:
        return
    if len(issue.documents) != 1:
        if issue.documents:
            issue.warnings.append(f"{name}: 网页元数据只对应一件公文，但正文有 {len(issue.documents)} 件：未核对")
        return
    doc = issue.documents[0]
    doc.metadata = dict(metadata)
    where = f"{name}:{doc.line}"

    def disagree(label: str, table, text) -> None:
        issue.warnings.append(f"{where}: 网页元数据的{label}“{table}”与正文“{text}”不一致，采用正文")

    printed = metadata.get("发文字号")
    if printed:
        wenhao = parse_wenhao(printed)
        if wenhao is None:
            issue.warnings.append(f"{where}: 网页元数据的发文字号“{printed}”不是可识别的文号，未采用")
        elif doc.wenhao_normalized is None:
            doc.wenhao, doc.wenhao_normalized = printed.strip(), wenhao.canonical
            doc.id = document_id(wenhao, issue.year, doc.title)
            for clause in doc.clauses:
                clause.doc_id = doc.id
            issue.warnings.append(f"{where}: 正文没有文号，采用网页元数据的发文字号 {wenhao.canonical}")
        elif wenhao.canonical != doc.wenhao_normalized:
            disagree("发文字号", printed, doc.wenhao_normalized)
    if metadata.get("成文日期"):
        signed = parse_date(metadata["成文日期"])
        if signed is None:
            issue.warnings.append(f"{where}: 网页元数据的成文日期“{metadata['成文日期']}”无法识别，未采用")
        elif doc.date is None:
            doc.date = signed
            issue.warnings.append(f"{where}: 正文没有成文日期，采用网页元数据的 {signed.isoformat()}")
        elif signed != doc.date:
            disagree("成文日期", metadata["成文日期"], doc.date.isoformat())
    if metadata.get("发文机关"):
        named = offices_in(metadata["发文机关"]) or [squash(metadata["发文机关"])]
        if not doc.offices:
            doc.offices = named
        elif set(named) != set(doc.offices):
            disagree("发文机关", metadata["发文机关"], "、".join(doc.offices))
    if metadata.get("名称") and fold(metadata["名称"]) != fold(doc.title):
        disagree("名称", metadata["名称"], doc.title)
