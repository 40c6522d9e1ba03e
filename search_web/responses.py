"""JSON answers: `{"ok": true, …}` on success, one envelope `{"ok": false, "error", "param"}` on failure."""
from __future__ import annotations

from flask import jsonify, request


def wants_json() -> bool:
    return request.path.endswith(".json")


def json_ok(data: dict, status: int = 200):
    response = jsonify({"ok": True, **data})
    response.status_code = status
    return response


def json_error(message: str, status: int = 400, param: str | None = None):
    response = jsonify({"ok": False, "error": message, "param": param})
    response.status_code = status
    return response
