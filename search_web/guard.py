"""A WSGI layer in front of Flask for what Flask would turn into a crash or a silent wrong answer:
a malformed Host header (its error page could not even build a URL), a query string that is too long,
or percent-escapes that are not UTF-8 (Werkzeug would replace them and search for the wrong text).
Each becomes a small, complete 400/414 page (or JSON envelope) that needs nothing from the app."""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import unquote_to_bytes

# host name or IPv4 (letters, digits, - and . with no empty label) or [IPv6], then an optional port
HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?"
    r"|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?"
)
MAX_QUERY_STRING = 16384


TITLES = {
    "400": "400 请求有误",
    "408": "408 请求超时",
    "413": "413 请求过大",
    "414": "414 请求地址过长",
    "431": "431 请求头过大",
    "500": "500 服务器内部错误",
    "501": "501 不支持的请求",
}


def error_page(path: str, status: str, code: str, message: str) -> tuple[list[tuple[str, str]], bytes]:
    """(headers, body) of a small, complete error answer: the JSON envelope for a .json path, else a page.
    Also what the server itself answers (search_web.wsgi_server) before a request reaches the app."""
    if path.endswith(".json"):
        body = json.dumps({"ok": False, "error": message, "code": code, "param": None}, ensure_ascii=False)
        content_type = "application/json; charset=utf-8"
    else:
        title = escape(TITLES.get(status[:3], status))
        body = (
            f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{title}</title>'
            f'<h1>{title}</h1><p>{escape(message)}</p><p><a href="/">返回检索首页</a></p></html>'
        )
        content_type = "text/html; charset=utf-8"
    data = body.encode("utf-8")
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(data))),
        ("X-Content-Type-Options", "nosniff"),
    ]
    return headers, data


def _reply(environ, start_response, status: str, code: str, message: str):
    headers, data = error_page(environ.get("PATH_INFO", ""), status, code, message)
    start_response(status, headers)
    return [data]


def _bad_escape(query: str) -> str | None:
    """The first parameter whose percent-decoded bytes are not UTF-8, or None."""
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        for part in (name, value):
            try:
                unquote_to_bytes(part.replace("+", " ")).decode("utf-8")
            except UnicodeDecodeError:
                return unquote_to_bytes(name).decode("utf-8", "replace") or "?"
    return None


def guard(app):
    def guarded(environ, start_response):
        host = environ.get("HTTP_HOST")
        if host is not None and not HOST.fullmatch(host):
            return _reply(environ, start_response, "400 Bad Request", "bad_host", "请求头 Host 的格式不正确。")
        query = environ.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY_STRING:
            return _reply(
                environ,
                start_response,
                "414 URI Too Long",
                "uri_too_long",
                f"请求地址的参数部分有 {len(query)} 个字符，上限为 {MAX_QUERY_STRING}。",
            )
        bad = _bad_escape(query) if "%" in query else None
        if bad is not None:
            return _reply(
                environ, start_response, "400 Bad Request", "bad_encoding", f"参数 {bad} 不是有效的 UTF-8 编码。"
            )
        return app(environ, start_response)

    return guarded
