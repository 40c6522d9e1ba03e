"""/issues and /issues/<id> (+ .json): each issue with its table of contents."""
from __future__ import annotations

from flask import Blueprint, abort

from .engine import get_search
from .responses import json_error, request_format, respond

bp = Blueprint("issues", __name__)

MAX_ID_CHARS = 200


@bp.get("/issues", defaults={"fmt": "html"}, endpoint="issues_page")
@bp.get("/issues.<any(json):fmt>", endpoint="issues_json")
def issues_page(fmt: str = "html"):
    issues = get_search().issues()
    return respond("issues.html", {"issues": issues}, issues=issues)


@bp.get("/issues/<issue_id>", defaults={"fmt": "html"}, endpoint="issue_page")
@bp.get("/issues/<issue_id>.<any(json):fmt>", endpoint="issue_json")
def issue_page(issue_id: str, fmt: str = "html"):
    issue = get_search().issue(issue_id) if len(issue_id) <= MAX_ID_CHARS else None
    if issue is None:
        if request_format() == "json":
            return json_error(f"没有编号为 {issue_id[:MAX_ID_CHARS]} 的一期", 404, "id", "not_found")
        abort(404)
    return respond("issue.html", {"issue": issue}, issue=issue)
