"""Atom 1.0 feeds: any search (/search.atom?…, the page's state, newest first) and new issues
(/issues.atom). Built with ElementTree, so every piece of corpus text is escaped by the serializer,
and every text and attribute goes through `xml_text` first (in `_el`, the one place feeds make
elements): characters XML 1.0 forbids cannot be escaped, and one of them (a control character typed
in a query, or in a corpus text) made the whole feed unreadable."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from flask import Response, request

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
ET.register_namespace("", ATOM)


def _stamp(day: str | None, fallback: str) -> str:
    """RFC 3339 for Atom: a YYYY-MM-DD date is that day at midnight UTC."""
    return f"{day}T00:00:00Z" if day else fallback


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# XML 1.0's Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. Not even a character
# reference can carry the rest (C0 controls, lone surrogates, U+FFFE, U+FFFF): they are left out.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 does not allow."""
    return _NOT_XML.sub("", text)


def _el(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        node.text = xml_text(text)
    return node


def feed(title: str, self_url: str, page_url: str, entries: list[dict]) -> Response:
    """entries: {"id", "title", "link", "updated" (YYYY-MM-DD or None), "summary", "category"?}."""
    now = _now()
    root = ET.Element(f"{{{ATOM}}}feed")
    _el(root, "title", title)
    _el(root, "id", self_url)
    _el(root, "link", rel="self", href=self_url, type="application/atom+xml")
    _el(root, "link", rel="alternate", href=page_url, type="text/html")
    _el(root, "updated", max((_stamp(e["updated"], now) for e in entries), default=now))
    author = _el(root, "author")
    _el(author, "name", "兴安盟行政公署公报全文检索")
    for e in entries:
        entry = _el(root, "entry")
        _el(entry, "title", e["title"])
        _el(entry, "id", e["link"])
        _el(entry, "link", rel="alternate", href=e["link"], type="text/html")
        _el(entry, "updated", _stamp(e["updated"], now))
        if e.get("category"):
            _el(entry, "category", term=e["category"])
        _el(entry, "summary", e["summary"], type="text")
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def absolute(path: str) -> str:
    return request.host_url.rstrip("/") + path
