"""/issues and /issues/<id> (+ .json): each issue with its table of contents."""

from __future__ import annotations

from flask import Blueprint, abort, url_for

from .engine import get_search
from .feeds import absolute, feed
from .responses import json_error, respond

bp = Blueprint("issues", __name__)

MAX_ID_CHARS = 200


@bp.get("/issues", defaults={"fmt": "html"}, endpoint="issues_page")
@bp.get("/issues.<any(json, atom):fmt>", endpoint="issues_json")
def issues_page(fmt: str = "html"):
    issues = get_search().issues()
    if fmt == "atom":
        return issues_feed(issues)
    return respond("issues.html", {"issues": issues}, fmt=fmt, issues=issues)


def issues_feed(issues: list[dict]):
    """Each issue, newest first, dated by its latest document or 大事记 day."""
    entries = []
    for issue in reversed(issues):
        dates = [d["date"] for d in issue["documents"] if d.get("date")]
        titles = "；".join(d["title"] for d in issue["documents"][:5])
        entries.append(
            {
                "title": issue["label"],
                "link": absolute(url_for("issues.issue_page", issue_id=issue["id"])),
                "updated": max(dates) if dates else None,
                "summary": f"{len(issue['documents'])} 件文件：{titles}"
                + (f"；大事记 {issue['chronicle_count']} 条" if issue["chronicle_count"] else ""),
            }
        )
    return feed(
        "各期公报 · 兴安盟行政公署公报",
        absolute(url_for("issues.issues_json", fmt="atom")),
        absolute(url_for("issues.issues_page")),
        entries,
    )


@bp.get("/issues/<issue_id>", defaults={"fmt": "html"}, endpoint="issue_page")
@bp.get("/issues/<issue_id>.<any(json):fmt>", endpoint="issue_json")
def issue_page(issue_id: str, fmt: str = "html"):
    issue = get_search().issue(issue_id) if len(issue_id) <= MAX_ID_CHARS else None
    if issue is None:
        if fmt == "json":
            return json_error(f"没有编号为 {issue_id[:MAX_ID_CHARS]} 的一期", 404, "id", "not_found")
        abort(404)
    return respond("issue.html", {"issue": issue}, fmt=fmt, issue=issue)
