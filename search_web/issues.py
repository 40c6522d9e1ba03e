"""/issues and /issues/<id> (+ .json): each issue with its table of contents."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from .engine import get_search
from .responses import json_error, json_ok

bp = Blueprint("issues", __name__)


@bp.get("/issues.json")
def issues_json():
    return json_ok({"issues": get_search().issues()})


@bp.get("/issues")
def issues_page():
    return render_template("issues.html", issues=get_search().issues())


def load(issue_id: str) -> dict | None:
    return get_search().issue(issue_id) if len(issue_id) <= 200 else None


@bp.get("/issues/<issue_id>.json")
def issue_json(issue_id: str):
    issue = load(issue_id)
    if issue is None:
        return json_error(f"没有编号为 {issue_id[:200]} 的一期", 404, "id")
    return json_ok({"issue": issue})


@bp.get("/issues/<issue_id>")
def issue_page(issue_id: str):
    issue = load(issue_id)
    if issue is None:
        abort(404)
    return render_template("issue.html", issue=issue)
