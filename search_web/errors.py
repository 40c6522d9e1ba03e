"""Error pages and security headers: one path for every error, in the format the URL asks for.
No traceback ever reaches a visitor."""

from __future__ import annotations

import logging

from flask import render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.api import IndexUnavailableError, SearchError

from .responses import json_error, wants_json

log = logging.getLogger(__name__)

# No script at all is needed: forms use GET. Styles come only from our own stylesheet.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)

TITLES = {
    400: "请求有误",
    404: "页面不存在",
    405: "不支持此请求方法",
    413: "请求过大",
    414: "请求地址过长",
    500: "服务器内部错误",
    503: "检索服务暂不可用",
}
MESSAGES = {404: "没有找到这个页面。", 405: "这个地址不支持此请求方法。", 413: "请求的内容过大。"}
# Pages that show a SearchError next to their own query box instead of on the error page.
FORM_PAGES: dict[str, str] = {}


def show_errors_on(endpoint: str, template: str) -> None:
    FORM_PAGES[endpoint] = template


def error_response(status: int, message: str, param: str | None = None, code: str = "error"):
    if wants_json():
        return json_error(message, status, param, code)
    return render_template("error.html", status=status, title=TITLES.get(status, "出错了"), message=message), status


def search_error_response(exc: SearchError):
    template = FORM_PAGES.get(request.endpoint or "")
    if wants_json() or template is None:
        return error_response(400, exc.message, exc.param, exc.code)
    q = (request.args.getlist("q") or [""])[-1][:500]
    return render_template(template, q=q, error=exc, req=None, result=None), 400


def init_app(app):
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        return error_response(status, MESSAGES.get(status, TITLES.get(status, exc.name)), code=f"http_{status}")

    @app.errorhandler(SearchError)
    def search_error(exc: SearchError):
        return search_error_response(exc)

    @app.errorhandler(IndexUnavailableError)
    def index_unavailable(exc: IndexUnavailableError):
        log.error("index unavailable: %s", exc.message)
        return error_response(503, f"检索服务暂不可用：{exc.message}", code=exc.code)

    @app.errorhandler(InternalServerError)
    def server_error(exc: InternalServerError):
        original = getattr(exc, "original_exception", None)
        if original is not None:
            log.error("unhandled error", exc_info=original)
        return error_response(500, "服务器出错了，请稍后再试。", code="internal_error")

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
