"""Telling a PDF by its first bytes, whatever its file name says (without loading pdfplumber)."""

from __future__ import annotations

import re

PDF_MAGIC = re.compile(rb"^\s{0,16}%PDF-")


def looks_like_pdf(data: bytes) -> bool:
    return bool(PDF_MAGIC.match(data[:32]))
