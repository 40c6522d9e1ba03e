"""/groups, /people, /people/<name> (+ .json) and POST /cite.json: who sits on which 领导小组, and
which 文号 a text cites."""

from __future__ import annotations

from flask import Blueprint, abort, request

from .engine import get_search
from .responses import json_error, json_ok, respond

bp = Blueprint("research", __name__)

MAX_NAME_CHARS = 20
MAX_CITE_BYTES = 256 * 1024  # a long document pasted whole; more is a 413


@bp.get("/groups", defaults={"fmt": "html"}, endpoint="groups_page")
@bp.get("/groups.<any(json):fmt>", endpoint="groups_json")
def groups_page(fmt: str = "html"):
    groups = get_search().groups()
    data = {
        "groups": [
            {k: g[k] for k in ("id", "name", "doc_id", "wenhao", "date", "parent", "office")}
            | {"members": [{k: m[k] for k in ("name", "role", "position", "note")} for m in g["members"]]}
            for g in groups
        ]
    }
    return respond("groups.html", data, fmt=fmt, groups=groups, people=get_search().people())


@bp.get("/people", defaults={"fmt": "html"}, endpoint="people_page")
@bp.get("/people.<any(json):fmt>", endpoint="people_json")
def people_page(fmt: str = "html"):
    people = get_search().people()
    return respond("people.html", {"people": people}, fmt=fmt, people=people)


@bp.get("/people/<name>", defaults={"fmt": "html"}, endpoint="person_page")
@bp.get("/people/<name>.<any(json):fmt>", endpoint="person_json")
def person_page(name: str, fmt: str = "html"):
    person = get_search().person(name) if len(name) <= MAX_NAME_CHARS else None
    if person is None:
        if fmt == "json":
            return json_error(f"领导小组名单中没有“{name[:MAX_NAME_CHARS]}”", 404, "name", "not_found")
        abort(404)
    data = {
        "name": person["name"],
        "posts": person["posts"],
        "roles": [
            {k: r[k] for k in ("group", "group_id", "role", "position", "note", "doc_id", "wenhao", "date")}
            for r in person["roles"]
        ],
    }
    return respond("person.html", data, fmt=fmt, person=person)


@bp.post("/cite.json")
def cite_json():
    """A text in the body (UTF-8): every 文号 in it, as printed and canonical, with its offsets and the
    corpus document it names (null when the gazette does not hold it)."""
    raw = request.get_data(cache=False)
    if len(raw) > MAX_CITE_BYTES:
        return json_error(f"文本过长：{len(raw)} 字节，上限 {MAX_CITE_BYTES}", 413, "body", "too_large")
    try:
        text = raw.decode("utf-8-sig")  # a leading BOM is not text: offsets count from after it, as `gazette cite`'s
    except UnicodeDecodeError as exc:
        return json_error(f"请求正文不是有效的 UTF-8：第 {exc.start + 1} 个字节", 400, "body", "bad_encoding")
    if not text.strip():
        return json_error("请求正文为空：请把要查找文号的文字放在请求正文里（UTF-8）", 400, "body", "empty_body")
    return json_ok({"citations": get_search().cite(text)})
