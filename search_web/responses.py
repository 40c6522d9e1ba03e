"""The one render path: a view hands over its template, its JSON data and its context; the format is
chosen by the URL's extension (`.json`, `.csv`, none for HTML). Errors share the JSON envelope
`{"ok": false, "error", "code", "param"}`."""

from __future__ import annotations

from flask import jsonify, render_template, request
from werkzeug.exceptions import NotFound

FORMATS = ("html", "json", "csv", "atom")


def request_format() -> str:
    fmt = (request.view_args or {}).get("fmt")
    if fmt:
        return fmt
    path = request.path
    for name in FORMATS[1:]:
        if path.endswith("." + name):
            return name
    return "html"


def wants_json() -> bool:
    """An error in the JSON envelope: for every format a program reads (a script fetching .csv or a
    feed reader fetching .atom got an HTML page it could not read), the page for HTML only."""
    return request_format() != "html"


def json_ok(data: dict, status: int = 200):
    response = jsonify({"ok": True, **data})
    response.status_code = status
    return response


def json_error(message: str, status: int = 400, param: str | None = None, code: str = "bad_request"):
    response = jsonify({"ok": False, "error": message, "code": code, "param": param})
    response.status_code = status
    return response


def respond(template: str | None, data=None, *, fmt: str, csv=None, status: int = 200, page=None, **context):
    """In the format `fmt` the route was asked for: HTML from `template` with `context` (and what `page()`
    gives: what only the page needs, made only for the page); JSON from `data` (a dict, or a function giving
    one); CSV from `csv` (a function giving a response). A format the page does not have is a 404."""
    if fmt == "json" and data is not None:
        return json_ok(data() if callable(data) else data, status)
    if fmt == "csv" and csv is not None:
        return csv()
    if fmt == "html" and template is not None:
        return render_template(template, **context, **(page() if page is not None else {})), status
    raise NotFound()
