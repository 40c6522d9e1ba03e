"""Web pages saved as one file — .mhtml (Chrome and Edge: "网页，单个文件") and .mht (IE, 360, WPS: "Web 档案，
单个文件") — are a MIME message whose first text/html part is the page, quoted-printable or base64, beside its
images. A researcher who saves a 政府信息公开 page this way keeps the page whole; read as text it was a single
untitled document of "=E5=9B=BD=E5=8A=A1…". The page inside is read as any saved page is (html.py).

The message is parsed by the standard library's `email` package (one linear pass; the file is already bounded
by source.MAX_TEXT_BYTES), the page's bytes decoded by its transfer encoding; their character set is then found
as for any file (decoding.py), since a saved page's declared charset is often gb2312 for GBK text.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from ..errors import GazetteParseError

MHTML_SUFFIXES = {".mht", ".mhtml"}
HEAD_BYTES = 8192  # where a saved page's MIME headers end (Chrome's: ~400 bytes; IE's: ~300)
_FIRST_HEADER = re.compile(rb"[a-z0-9-]{1,40}:")  # a message starts with a header line
# A page saved whole is one multipart/related (IE's may hold a multipart/alternative). The email package checks
# every line against the boundary of each multipart open around it, and parses a part inside another by
# recursion: 400 nested in 106 KB took 4.8 s (100 in 26 KB: 0.47 s), 1,600 in 107 KB ended in RecursionError.
MAX_MULTIPARTS = 16
_MULTIPART = re.compile(rb"^content-type:\s*(?:multipart|message)/", re.I | re.M)


def is_mhtml(path: Path, data: bytes) -> bool:
    """Named .mht/.mhtml, or a MIME message whose headers say multipart/related (a page saved whole and
    renamed .html or .txt)."""
    if path.suffix.lower() in MHTML_SUFFIXES:
        return True
    head = data[:HEAD_BYTES].replace(b"\r\n", b"\n")
    headers = head.split(b"\n\n", 1)[0].lower()  # up to the first blank line
    return _FIRST_HEADER.match(headers) is not None and b"mime-version:" in headers and b"multipart/related" in headers


def page_of_mhtml(data: bytes, source: str) -> bytes:
    """The bytes of the saved page (the message's first text/html part), decoded from quoted-printable or
    base64; GazetteParseError when the file holds none."""
    parts = 0
    for _ in _MULTIPART.finditer(data):
        parts += 1
        if parts > MAX_MULTIPARTS:
            raise GazetteParseError(
                source,
                f"是单个文件网页（MHTML/MHT），但其中有 {MAX_MULTIPARTS} 个以上的多部分（multipart）结构（浏览器保存的"
                "网页只有一两个），不像保存的网页，未读取：请在浏览器中重新打开原网页，另存为“网页，仅 HTML”（.html）后再导入",
            )
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload
    raise GazetteParseError(
        source,
        "是单个文件网页（MHTML/MHT），其中找不到网页正文（text/html 部分）：请在浏览器中重新打开原网页，"
        "另存为“网页，仅 HTML”（.html）后再导入",
    )
