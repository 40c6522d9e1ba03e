"""Error pages and security headers. No traceback ever reaches a visitor."""
from __future__ import annotations

import logging

from flask import render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.api import IndexMissingError, SearchError, StaleIndexError

from .responses import json_error, wants_json

log = logging.getLogger(__name__)

# No script at all is needed: forms use GET. Styles come only from our own stylesheet.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)

MESSAGES = {
    400: "请求有误",
    404: "页面不存在",
    405: "不支持此请求方法",
    413: "请求过大",
    500: "服务器内部错误",
    503: "检索服务暂不可用",
}


def error_response(status: int, message: str, param: str | None = None):
    if wants_json():
        return json_error(message, status, param)
    title = MESSAGES.get(status, "出错了")
    return render_template("error.html", status=status, title=title, message=message), status


def init_app(app):
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        message = MESSAGES.get(exc.code or 500, exc.name)
        if exc.code == 404:
            message = "没有找到这个页面。"
        return error_response(exc.code or 500, message)

    @app.errorhandler(SearchError)
    def search_error(exc: SearchError):
        return error_response(400, exc.message, exc.param)

    @app.errorhandler(IndexMissingError)
    @app.errorhandler(StaleIndexError)
    def index_unavailable(exc: Exception):
        log.error("index unavailable: %s", exc)
        return error_response(503, "检索索引尚未建立或需要重建。请运行 gazette serve（会自动建立索引）。")

    @app.errorhandler(InternalServerError)
    def server_error(exc: InternalServerError):
        original = getattr(exc, "original_exception", None)
        if original is not None:
            log.error("unhandled error", exc_info=original)
        return error_response(500, "服务器出错了，请稍后再试。")

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
